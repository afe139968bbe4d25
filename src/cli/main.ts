#!/usr/bin/env node
/** The CLI shell: the only code that reads and writes files, writes to the terminal and sets the exit code. */
import * as E from 'fp-ts/lib/Either.js';
import { closeSync, openSync, readSync, writeFileSync } from 'node:fs';
import { escapeText as esc } from '../codec/escape.js';
import { runCli, type ReadFile } from './commands.js';
import { DEFAULT_MAX_INPUT_BYTES, takeMaxInputBytes } from './limits.js';

const CHUNK = 64 * 1024;

/** The result of reading an input: its text, or why it could not be read. */
type Read = E.Either<string, string>;

const tooLarge = (limit: number): string => `larger than the input limit of ${limit} bytes (raise it with --max-input-bytes N)`;

/**
 * Reads a whole file in chunks, stopping as soon as it holds more than `limit` bytes:
 * `/dev/zero` or a growing file ends with a message, not a full memory.
 */
const readFileBounded = (path: string, limit: number): Read => {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      const n = readSync(fd, chunk, 0, CHUNK, null);
      if (n === 0) break;
      total += n;
      if (total > limit) return E.left(tooLarge(limit));
      chunks.push(n === CHUNK ? chunk : chunk.subarray(0, n));
    }
    return E.right(Buffer.concat(chunks, total).toString('utf8'));
  } catch (e) {
    return E.left(e instanceof Error ? e.message : String(e));
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
};

/** Reads standard input to its end as it arrives, stopping (and no longer reading) once it holds more than `limit` bytes. */
const readStdinBounded = async (limit: number): Promise<Read> => {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of process.stdin) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), 'utf8');
      total += bytes.length;
      if (total > limit) {
        process.stdin.destroy();
        return E.left(tooLarge(limit));
      }
      chunks.push(bytes);
    }
    return E.right(Buffer.concat(chunks, total).toString('utf8'));
  } catch (e) {
    return E.left(e instanceof Error ? e.message : String(e));
  }
};

/** The options whose value is an input file (`-`: standard input). */
const inputOptions: ReadonlyArray<string> = ['--snapshot', '--request', '--before', '--after', '--against'];

/** Whether an argument list names standard input as an input (`--request -` or `--request=-`). */
const readsStdin = (args: ReadonlyArray<string>): boolean =>
  args.some((a, i) => (a === '-' && inputOptions.includes(args[i - 1] ?? '')) || inputOptions.some((o) => a === `${o}=-`));

/**
 * The command's file reader: files are read when asked; standard input was read before the
 * command ran (it is a stream) and is handed out once: a second `-` is refused.
 */
const reader = (limit: number, stdin: Read | undefined): ReadFile => {
  let stdinTaken = false;
  return (path) => {
    if (path !== '-') return readFileBounded(path, limit);
    if (stdinTaken || stdin === undefined) return E.left('standard input was already read for another input: only one input may be `-`');
    stdinTaken = true;
    return stdin;
  };
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
const stdin = E.isRight(limited) && readsStdin(limited.right.args) ? await readStdinBounded(limited.right.limit) : undefined;
const result = E.isLeft(limited)
  ? { stdout: '', stderr: limited.left, exitCode: 2 as const, files: [] }
  : runCli(limited.right.args, reader(limited.right.limit, stdin), (line) => process.stderr.write(`${line}\n`));
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
