/**
 * Walking a history of applies (SPEC §6) for the state-change laws (L-APPLY, L-INCREMENTAL): each
 * step's request is built against the current snapshot (its JSON from `encodeSnapshot`), a law
 * checks the step and gives the snapshot to continue from, and the walk stops at the first
 * violation, which names the step, its request and every earlier request (the path to replay).
 */
import type { HttpRequestJson } from '../../src/codec/request.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { encodeSnapshot } from '../../src/snapshot/encode.js';
import { stepRequest, type ApplyHistory } from '../arbitraries/applies.js';
import { showRequest } from './requestSupport.js';
import { load } from './support.js';

/** What a law says about one step: its violations, and the snapshot the history continues from. */
export interface StepVerdict<S> {
  readonly violations: ReadonlyArray<string>;
  readonly next: Snapshot;
  readonly state: S;
}

/** A law over one step: the snapshot before, its JSON, the request, the law's own state along the history. */
export type StepLaw<S> = (s: Snapshot, json: SnapshotJson, request: HttpRequestJson, state: S) => StepVerdict<S>;

/** Walks the history with `law` from `initial`; the violations of the first failing step, each with the path of requests that led there. */
export const walkHistory = <S>(h: ApplyHistory, initial: (s: Snapshot) => S, law: StepLaw<S>): ReadonlyArray<string> => {
  const first = load(h.json);
  if (first === undefined) return ['the initial snapshot does not load'];
  let s = first;
  let state = initial(s);
  const path: string[] = [];
  for (const step of h.steps) {
    const json = encodeSnapshot(s);
    const request = stepRequest(json, h.administratorId, step);
    if (request === undefined) break;
    path.push(showRequest(request));
    const verdict = law(s, json, request, state);
    if (verdict.violations.length > 0) return verdict.violations.map((v) => `step ${path.length}: ${v}\n  requests: ${path.map((p, i) => `\n    ${i + 1}. ${p}`).join('')}`);
    s = verdict.next;
    state = verdict.state;
  }
  return [];
};
