/**
 * No existence leak (R-REQ-3, R-DSP-3): every operation on a data source the subject cannot reach
 * is answered 404 222207004 exactly as for an absent id, never 403 — directly and on behalf of that
 * subject. (The client-visible answer is L-CLIENT-ANSWER, `laws/clientAnswer.ts`.)
 */
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { ABSENT_ID, buildRequest, withOnBehalfOf, type RequestBlueprint } from '../arbitraries/requests.js';
import { naiveReaches } from '../reference/naive.js';
import { dataSourceRows, deniedAt, expectNotFound, http, showDecision, showRequest, targetParam, unreachableAskers, type UnreachablePair } from './requestSupport.js';

/**
 * No existence leak: for every operation whose target is a data source, on a data source the
 * subject cannot reach, (1) a direct request by an active actor without 12 is 404 with code
 * 222207004 — never 403 — and answered exactly as for an id that does not exist; for the
 * on-behalf-of-only operation R-OBO-1 answers 400 first, the same as for an absent id; and
 * (2) on behalf of that user, by an administrator who passes the gate, it is 404 too, whatever
 * the subject's status or permissions (R-REQ-3: reachability is the subject's).
 */
export const noExistenceLeakViolations = (json: SnapshotJson, pair: UnreachablePair | undefined, bp: RequestBlueprint): ReadonlyArray<string> => {
  if (pair === undefined) return [];
  const askers = unreachableAskers(json, pair);
  if (typeof askers === 'string') return [askers];
  if (naiveReaches(json, pair.userId, pair.dataSourceId)) return [`user ${pair.userId} reaches data source ${pair.dataSourceId}: not a case of the law`];
  const { s, direct, actorIndex, admin, adminSnapshot, adminIndex } = askers;
  const problems: string[] = [];
  for (const row of dataSourceRows) {
    const param = targetParam(row) ?? 'id';
    if (direct) {
      const existing = buildRequest(json, row, { ...bp, actor: actorIndex }, { _tag: 'none' }, { [param]: pair.dataSourceId });
      const absent = buildRequest(json, row, { ...bp, actor: actorIndex }, { _tag: 'none' }, { [param]: ABSENT_ID });
      if (existing === undefined || absent === undefined) return ['impossible: no request'];
      const d = http(s, existing.request);
      const a = http(s, absent.request);
      const sameAsAbsent = d.decision === a.decision && d.status === a.status && d.error?.error.code === a.error?.error.code;
      const expected = row.obo === 'only' ? d.status === 400 && deniedAt(d, 'R-OBO-1') : expectNotFound(d, pair.dataSourceId);
      if (!expected || !sameAsAbsent) problems.push(`direct ${showRequest(existing.request)}: ${showDecision(d)}; for an absent id: ${showDecision(a)}`);
    }
    const onBehalf = buildRequest(admin.json, row, { ...bp, actor: adminIndex, actorByName: true }, withOnBehalfOf(admin.json, pair.userId), { [param]: pair.dataSourceId });
    if (onBehalf === undefined) return ['impossible: no request'];
    const o = http(adminSnapshot, onBehalf.request);
    if (!expectNotFound(o, pair.dataSourceId)) problems.push(`on behalf of ${pair.userId}: ${showRequest(onBehalf.request)}: ${showDecision(o)}`);
  }
  return problems;
};
