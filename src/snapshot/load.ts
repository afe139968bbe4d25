/**
 * Loading a snapshot (SPEC §2): decode (R-SNAP-9), check and normalize (R-SNAP-1 … R-SNAP-8),
 * compile. Total: any input gives a `Snapshot` or every problem found, never an exception.
 */
import * as E from 'fp-ts/lib/Either.js';
import { parseJsonText } from '../codec/json.js';
import { problem, problemsFromErrors, type Problem } from '../codec/problem.js';
import { decodeSnapshotJson, type SnapshotJson } from '../codec/snapshot.js';
import type { Snapshot } from '../model/snapshot.js';
import { normalizeAndCheck } from './check.js';
import { compileSnapshot } from './compile.js';

/** Why a snapshot was refused: every problem, each with its JSON path. */
export interface SnapshotError {
  readonly _tag: 'SnapshotInvalid';
  readonly problems: ReadonlyArray<Problem>;
}

/** A SnapshotError from its problems. */
export const snapshotInvalid = (problems: ReadonlyArray<Problem>): SnapshotError => ({ _tag: 'SnapshotInvalid', problems });

const describeError = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** R-SNAP-9: decodes with the snapshot codec (well-formed input by its fast path, D-LOAD-1); wrong types, missing fields and non-integer ids are problems at their paths. */
const decodeSnapshot = (json: unknown): E.Either<ReadonlyArray<Problem>, SnapshotJson> => {
  try {
    const decoded = decodeSnapshotJson(json);
    if (E.isRight(decoded)) return decoded;
    return E.left(problemsFromErrors(decoded.left, '$').map((p) => problem(p.path, p.message, p.rule ?? 'R-SNAP-9')));
  } catch (e) {
    // Only input that is not plain JSON data gets here: a throwing getter or proxy, or a value nested
    // deeper than the stack (rendering such a value in a message overflows it).
    return E.left([problem('$', `cannot decode the snapshot: ${describeError(e).toLowerCase()}`, 'R-SNAP-9')]);
  }
};

/** Decodes, checks and compiles a snapshot from parsed JSON (SPEC §2); never throws. */
export const loadSnapshot = (json: unknown): E.Either<SnapshotError, Snapshot> => {
  const decoded = decodeSnapshot(json);
  if (E.isLeft(decoded)) return E.left(snapshotInvalid(decoded.left));
  const checked = normalizeAndCheck(decoded.right);
  if (E.isLeft(checked)) return E.left(snapshotInvalid(checked.left));
  return E.right(compileSnapshot(checked.right));
};

/** Parses JSON text (a byte order mark allowed, duplicate keys refused with their paths) and loads it as a snapshot. */
export const parseSnapshot = (text: string): E.Either<SnapshotError, Snapshot> => {
  const json = parseJsonText(text);
  if (E.isLeft(json)) return E.left(snapshotInvalid(json.left.problems.map((p) => problem(p.path, p.message, 'R-SNAP-9'))));
  return loadSnapshot(json.right);
};

export { encodeSnapshot } from './encode.js';
