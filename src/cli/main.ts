#!/usr/bin/env node
/** The CLI shell: the only code that reads and writes files, writes to the terminal and sets the exit code. */
import * as E from 'fp-ts/lib/Either.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { escapeText as esc } from '../codec/escape.js';
import { runCli, type ReadFile } from './commands.js';

const MAX_INPUT_BYTES = 512 * 1024 * 1024;

const readFile: ReadFile = (path) => {
  try {
    const text = readFileSync(path, 'utf8');
    return text.length > MAX_INPUT_BYTES ? E.left(`larger than ${MAX_INPUT_BYTES} bytes`) : E.right(text);
  } catch (e) {
    return E.left(e instanceof Error ? e.message : String(e));
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

const result = runCli(process.argv.slice(2), readFile, (line) => process.stderr.write(`${line}\n`));
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
