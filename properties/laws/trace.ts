/**
 * L-TRACE (R-TRC-1, R-TRC-2, R-TRC-3): every query decision carries a trace; its JSON is
 * byte-identical when recomputed and when the snapshot's lists are reordered; every fact it
 * cites holds in the snapshot and every set-valued fact is ascending; and the decision can be
 * recomputed from the facts alone. The explanation of an effective set obeys the same.
 */
import type { UseRequest } from '../../src/codec/request.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { decideUse } from '../../src/decide/use.js';
import { explainAccess } from '../../src/rules/explainAccess.js';
import { recomputeUse, verifyStep, verifyTrace } from '../reference/verify.js';
import { reorderSnapshot, type Reorder } from '../arbitraries/edits.js';
import type { AccessQuestion } from '../arbitraries/question.js';
import { load } from './support.js';

/** Every violation of L-TRACE for one query (empty when the law holds). */
export const traceViolations = (json: SnapshotJson, request: UseRequest, reorder: Reorder): ReadonlyArray<string> => {
  const s = load(json);
  const reordered = load(reorderSnapshot(json, reorder));
  if (s === undefined || reordered === undefined) return ['the snapshot does not load'];
  const decision = decideUse(s, request);
  const text = JSON.stringify(decision);
  const problems: string[] = [];
  if (decision.trace.length === 0) problems.push('empty trace (R-TRC-1)');
  if (JSON.stringify(decideUse(s, request)) !== text) problems.push('recomputing gives other bytes (R-TRC-3)');
  if (JSON.stringify(decideUse(reordered, request)) !== text) problems.push('a reordered snapshot gives other bytes (R-TRC-3)');
  problems.push(...verifyTrace(s, decision));
  if (recomputeUse(decision) !== decision.decision) problems.push('recomputeUse disagrees with the decision (R-TRC-2)');
  return problems;
};

/** L-TRACE for one query: the trace is deterministic, sound and sufficient. */
export const traceIsSufficientAndDeterministic = (json: SnapshotJson, request: UseRequest, reorder: Reorder): boolean => traceViolations(json, request, reorder).length === 0;

/** L-TRACE for explanations: every fact of `explainAccess`'s step holds and is ascending, and the step states the access it returns. */
export const explanationIsSound = (q: AccessQuestion): boolean => {
  const s = load(q.json);
  if (s === undefined) return false;
  const user = s.users.get(q.userId);
  const d = s.dataSources.get(q.dataSourceId);
  const g = q.groupId === undefined ? undefined : s.dataSources.get(q.groupId);
  if (user === undefined || d === undefined || (q.groupId !== undefined && g === undefined)) return true; // nothing to explain
  const explained = explainAccess(s, user, d, g);
  const stated = explained.step.facts.find((f) => f._tag === 'EffectivePermissions');
  return (
    verifyStep(s, explained.step).length === 0 &&
    stated !== undefined &&
    stated._tag === 'EffectivePermissions' &&
    JSON.stringify(stated.permissions) === JSON.stringify(explained.access.permissions.ids)
  );
};
