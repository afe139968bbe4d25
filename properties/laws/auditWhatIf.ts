/**
 * L-AUDIT (R-AUD-3, R-TRN-1), what-if: applying a list of requests with `whatIf` gives the diff
 * against the snapshot that applying them one after another with `apply` gives, reports each
 * request's decision as `apply` does, and leaves the snapshot given unchanged.
 */
import { diffSnapshots } from '../../src/audit/diff.js';
import { whatIf } from '../../src/audit/whatIf.js';
import type { Request } from '../../src/codec/request.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { encodeSnapshot } from '../../src/snapshot/encode.js';
import { apply } from '../../src/transition/apply.js';

/** The violations of L-AUDIT's what-if for `requests` on `s`. */
export const whatIfViolations = (s: Snapshot, requests: ReadonlyArray<Request>): ReadonlyArray<string> => {
  const before = JSON.stringify(encodeSnapshot(s));
  const w = whatIf(s, requests);
  let applied = s;
  const decisions: string[] = [];
  for (const r of requests) {
    const result = apply(applied, r);
    decisions.push(`${result.decision.decision} ${result.decision.status}`);
    applied = result.snapshot;
  }
  const out: string[] = [];
  const expected = diffSnapshots(s, applied);
  if (JSON.stringify(w.diff) !== JSON.stringify(expected)) out.push(`what-if diff ${JSON.stringify(w.diff).slice(0, 300)} differs from the diff against the applied snapshot ${JSON.stringify(expected).slice(0, 300)}`);
  const got = w.outcomes.map((o) => `${o.decision} ${o.status}`);
  if (JSON.stringify(got) !== JSON.stringify(decisions)) out.push(`what-if decisions ${JSON.stringify(got)}, apply gives ${JSON.stringify(decisions)}`);
  if (JSON.stringify(encodeSnapshot(s)) !== before) out.push('what-if changed the snapshot it was given');
  return out;
};
