/**
 * The input size limit of the CLI (`--max-input-bytes N`, any command): every input file, and
 * standard input for `-`, is read in chunks and refused once it holds more than the limit, so an
 * endless input (`/dev/zero`, a runaway pipe) ends with a message instead of filling the memory.
 */
import * as E from 'fp-ts/lib/Either.js';
import { escapeText as esc } from '../codec/escape.js';

/** The default limit of one input: 256 MiB (a snapshot of 10⁵ users and data sources is a few tens of MiB) (D-PKG-3). */
export const DEFAULT_MAX_INPUT_BYTES = 256 * 1024 * 1024;

/** The arguments without `--max-input-bytes N` (or `=N`), and the limit they set; an error for a bad or repeated value. */
export const takeMaxInputBytes = (
  args: ReadonlyArray<string>,
  fallback: number,
): E.Either<string, { readonly args: ReadonlyArray<string>; readonly limit: number }> => {
  const rest: string[] = [];
  const values: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i] ?? '';
    if (a === '--') {
      rest.push(...args.slice(i));
      break;
    }
    if (a === '--max-input-bytes') {
      const v = args[i + 1];
      if (v === undefined) return E.left('--max-input-bytes expects a positive integer (bytes), got nothing');
      values.push(v);
      i += 1;
    } else if (a.startsWith('--max-input-bytes=')) {
      values.push(a.slice('--max-input-bytes='.length));
    } else {
      rest.push(a);
    }
  }
  if (values.length > 1) return E.left('--max-input-bytes is given more than once');
  const v = values[0];
  if (v === undefined) return E.right({ args: rest, limit: fallback });
  if (!/^[1-9]\d{0,15}$/.test(v) || !Number.isSafeInteger(Number(v))) return E.left(`--max-input-bytes expects a positive integer (bytes), got \`${esc(v)}\``);
  return E.right({ args: rest, limit: Number(v) });
};
