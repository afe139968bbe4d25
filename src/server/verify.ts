/**
 * The load check of a database (issue 9, item 6): the state in the entity tables must equal the
 * seed snapshot with the committed change log applied in order through the engine, and every
 * entry must re-apply as an allowed change. Used by `npm run load` and the server specs.
 */
import * as E from 'fp-ts/lib/Either.js';
import { parseJsonText } from '../codec/json.js';
import { decodeRequest } from '../codec/request.js';
import { loadSnapshot } from '../snapshot/load.js';
import { applyHttp } from '../transition/apply.js';
import { canonicalState, openStore } from './store.js';

/** What the check found. */
export interface Verification {
  /** The tables equal the replayed log. */
  readonly consistent: boolean;
  /** The sequence numbers run 1, 2, … without a gap. */
  readonly contiguous: boolean;
  /** Entries that did not re-apply as a change (their sequence numbers). */
  readonly notReapplied: ReadonlyArray<number>;
  /** The number of entries in the change log. */
  readonly logged: number;
  /** The request ids of the log, in order (null for requests without one). */
  readonly requestIds: ReadonlyArray<string | null>;
}

/** Replays the change log of the database at `path` over its seed and compares with its tables. */
export const verifyDatabase = (path: string): E.Either<string, Verification> => {
  const opened = openStore(path, undefined);
  if (E.isLeft(opened)) return E.left(opened.left.message);
  const store = opened.right;
  try {
    const state = store.readState();
    const seedJson = store.seed();
    const log = store.changesAfter(0);
    if (E.isLeft(state)) return E.left(state.left.message);
    if (E.isLeft(seedJson)) return E.left(seedJson.left.message);
    if (E.isLeft(log)) return E.left(log.left.message);
    const seed = loadSnapshot(seedJson.right);
    if (E.isLeft(seed)) return E.left('the stored seed is not a valid snapshot');
    let s = seed.right;
    const notReapplied: number[] = [];
    for (const entry of log.right) {
      const json = parseJsonText(entry.request);
      const request = E.isRight(json) ? decodeRequest(json.right) : undefined;
      if (request === undefined || E.isLeft(request) || request.right._tag !== 'Http') {
        notReapplied.push(entry.seq);
        continue;
      }
      const applied = applyHttp(s, request.right.request, { trace: false });
      if (applied.snapshot === s) notReapplied.push(entry.seq);
      s = applied.snapshot;
    }
    return E.right({
      consistent: canonicalState(s) === canonicalState(state.right.snapshot) && state.right.seq === log.right.length,
      contiguous: log.right.every((c, i) => c.seq === i + 1),
      notReapplied,
      logged: log.right.length,
      requestIds: log.right.map((c) => c.requestId),
    });
  } finally {
    store.close();
  }
};
