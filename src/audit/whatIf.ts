/**
 * what-if (issue 8): the diff (R-AUD-3) between a snapshot and the result of applying a list of
 * requests in order (SPEC §6, `apply`), without writing anything: the snapshot given is never
 * modified (R-TRN-1), and the result is returned, not stored.
 */
import type { Request } from '../codec/request.js';
import type { Snapshot } from '../model/snapshot.js';
import { apply } from '../transition/apply.js';
import { diffSnapshots, type DiffOptions, type SnapshotDiff } from './diff.js';

/** What one request did when applied: its decision in brief and how many changes it made. */
export interface RequestOutcome {
  readonly index: number;
  readonly decision: 'allow' | 'deny';
  readonly status: number;
  readonly operation: string;
  /** The auditor's reason of a denial; null when allowed. */
  readonly reason: string | null;
  /** The number of changes the apply reported (SPEC §6); 0 for reads and denials. */
  readonly changes: number;
}

/** The outcome of every request, the snapshot after them, and the diff. */
export interface WhatIf {
  readonly outcomes: ReadonlyArray<RequestOutcome>;
  readonly after: Snapshot;
  readonly diff: SnapshotDiff;
}

/** Applies `requests` in order to a copy of `snapshot` (each on the result of the one before) and diffs the result against it. */
export const whatIf = (snapshot: Snapshot, requests: ReadonlyArray<Request>, options: DiffOptions = {}): WhatIf => {
  let s = snapshot;
  const outcomes: RequestOutcome[] = [];
  requests.forEach((request, index) => {
    const { decision, snapshot: next } = apply(s, request, { trace: false });
    outcomes.push({
      index,
      decision: decision.decision,
      status: decision.status,
      operation: decision.operation,
      reason: decision.decision === 'deny' ? decision.reason : null,
      changes: decision.decision === 'allow' ? (decision.changes?.length ?? 0) : 0,
    });
    s = next;
  });
  options.onProgress?.(`applied ${requests.length} request${requests.length === 1 ? '' : 's'}`);
  return { outcomes, after: s, diff: diffSnapshots(snapshot, s, options) };
};
