/** Every JSON input of the CLI goes through `parseJsonText`: a byte order mark is accepted, duplicate keys are problems with their paths. */
import * as E from 'fp-ts/lib/Either.js';
import { parseJsonText } from '../codec/json.js';
import type { Problem } from '../codec/problem.js';

/** The value of a JSON input text, or its problems (malformed text, or each duplicate key at its path). */
export const parseInputJson = (text: string): E.Either<ReadonlyArray<Problem>, unknown> => {
  const parsed = parseJsonText(text);
  return E.isLeft(parsed) ? E.left(parsed.left.problems) : E.right(parsed.right);
};
