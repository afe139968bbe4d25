/**
 * Strict reading of JSON text from outside: a UTF-8 byte order mark is accepted, malformed text
 * is one problem (with where it went wrong), and an object that names the same key twice is
 * refused — `JSON.parse` would silently keep the last value, so two readers of one document
 * could disagree about what it says. Never throws.
 */
import * as E from 'fp-ts/lib/Either.js';
import { at, problem, type Problem } from './problem.js';

/** Why a JSON text was refused: it is not JSON, or it is ambiguous (duplicate keys, each with its path). */
export type JsonTextError =
  | { readonly _tag: 'MalformedJson'; readonly problems: ReadonlyArray<Problem> }
  | { readonly _tag: 'DuplicateKeys'; readonly problems: ReadonlyArray<Problem> };

const BOM = '\uFEFF';

/** One open container of the scan: its JSON path, its kind, the keys seen so far (objects) or the index (arrays). */
interface Frame {
  readonly path: string;
  readonly kind: 'object' | 'array';
  readonly keys: Set<string>;
  index: number;
  expectKey: boolean;
  key: string | null;
}

/** The end of the string token that starts at `start` (the index just after its closing quote). */
const stringEnd = (text: string, start: number): number => {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i += 2;
    else if (c === 0x22) return i + 1;
    else i += 1;
  }
  return i;
};

/** The path of the value about to start inside `frame`. */
const childPath = (frame: Frame): string => (frame.kind === 'array' ? at(frame.path, frame.index) : at(frame.path, frame.key ?? ''));

/**
 * The duplicate keys of a text that is already known to be valid JSON, each as a problem at the
 * path of the repeated member. A linear scan over the text: strings are skipped as tokens, so no
 * brace or comma inside a string counts.
 */
export const duplicateKeys = (text: string, root = '$'): ReadonlyArray<Problem> => {
  const out: Problem[] = [];
  const stack: Frame[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (c === 0x22) {
      const end = stringEnd(text, i);
      if (top !== undefined && top.kind === 'object' && top.expectKey) {
        const key = String(JSON.parse(text.slice(i, end)));
        if (top.keys.has(key)) out.push(problem(at(top.path, key), `duplicate key ${JSON.stringify(key)}: the object names it more than once, so its value is ambiguous`));
        top.keys.add(key);
        top.key = key;
        top.expectKey = false;
      }
      i = end;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      const path = top === undefined ? root : childPath(top);
      stack.push({ path, kind: c === 0x7b ? 'object' : 'array', keys: new Set(), index: 0, expectKey: c === 0x7b, key: null });
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    } else if (c === 0x2c && top !== undefined) {
      if (top.kind === 'array') top.index += 1;
      else top.expectKey = true;
    }
    i += 1;
  }
  return out;
};

/** Parses JSON text from outside: strips one leading byte order mark, refuses malformed text and duplicate keys. */
export const parseJsonText = (input: string, root = '$'): E.Either<JsonTextError, unknown> => {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return E.left({ _tag: 'MalformedJson', problems: [problem(root, `invalid JSON: ${message}`)] });
  }
  const duplicates = duplicateKeys(text, root);
  return duplicates.length > 0 ? E.left({ _tag: 'DuplicateKeys', problems: duplicates }) : E.right(value);
};
