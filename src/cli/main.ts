#!/usr/bin/env node
/** The CLI shell: the only code that reads and writes files, writes to the terminal and sets the exit code. */
import * as E from 'fp-ts/lib/Either.js';
import { closeSync, openSync, readSync, writeFileSync } from 'node:fs';
import { escapeText as esc } from '../codec/escape.js';
import { runCli, type ReadFile } from './commands.js';
import { DEFAULT_MAX_INPUT_BYTES, takeMaxInputBytes } from './limits.js';

const CHUNK = 64 * 1024;

/**
 * Reads a whole input (a file, or standard input for `-`) in chunks, stopping as soon as it holds
 * more than `limit` bytes: `/dev/zero` or an endless pipe ends with a message, not a full memory.
 */
const readBounded = (limit: number): ReadFile => {
  let stdinRead = false;
  return (path) => {
    if (path === '-') {
      if (stdinRead) return E.left('standard input was already read for another input: only one input may be `-`');
      stdinRead = true;
    }
    return readWhole(path, limit);
  };
};

const readWhole = (path: string, limit: number): E.Either<string, string> => {
  let fd: number | undefined;
  try {
    // `/dev/stdin` opens a blocking descriptor of its own; fd 0 may be non-blocking (EAGAIN) when it is a pipe
    fd = openSync(path === '-' ? '/dev/stdin' : path, 'r');
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      const n = readSync(fd, chunk, 0, CHUNK, null);
      if (n === 0) break;
      total += n;
      if (total > limit) return E.left(`larger than the input limit of ${limit} bytes (raise it with --max-input-bytes N)`);
      chunks.push(n === CHUNK ? chunk : chunk.subarray(0, n));
    }
    return E.right(Buffer.concat(chunks, total).toString('utf8'));
  } catch (e) {
    return E.left(e instanceof Error ? e.message : String(e));
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
};

/** Writes a file the command asked for; the reason when it could not. */
const writeFile = (path: string, text: string): string | undefined => {
  try {
    writeFileSync(path, text, 'utf8');
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
};

const limited = takeMaxInputBytes(process.argv.slice(2), DEFAULT_MAX_INPUT_BYTES);
const result = E.isLeft(limited)
  ? { stdout: '', stderr: limited.left, exitCode: 2 as const, files: [] }
  : runCli(limited.right.args, readBounded(limited.right.limit), (line) => process.stderr.write(`${line}\n`));
if (result.stdout !== '') process.stdout.write(`${result.stdout}\n`);
if (result.stderr !== '') process.stderr.write(`${result.stderr}\n`);
process.exitCode = result.exitCode;
for (const file of result.files ?? []) {
  const failed = writeFile(file.path, file.text);
  if (failed !== undefined) {
    process.stderr.write(`cannot write \`${esc(file.path)}\`: ${esc(failed)}\n`);
    process.exitCode = 2;
  }
}
