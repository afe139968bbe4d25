/**
 * What the CLI's commands take and give: pure functions from arguments and a file reader to the
 * text to print, the files to write and the exit code (0 a decision or answer was made, 1 `decide --fail-on-deny` saw a deny, 2 bad
 * input or usage). Only `main.ts` touches the world.
 */
import type * as E from 'fp-ts/lib/Either.js';

/** A file a command asks the shell to write (whole text, replacing the file). */
export interface OutputFile {
  readonly path: string;
  readonly text: string;
}

/** What a command prints, the files it asks the shell to write, and how it exits. */
export interface CliResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: 0 | 1 | 2;
  /** Written by the shell after the command returns (`apply --out`); absent or empty: nothing to write. */
  readonly files?: ReadonlyArray<OutputFile>;
}

/** Where a long-running command reports progress (a line of text; the shell writes it to stderr). */
export type Progress = (line: string) => void;

/** Reads a file's text, or says why it could not. */
export type ReadFile = (path: string) => E.Either<string, string>;

