/**
 * L-TRACE (R-TRC-1..3) for HTTP decisions: byte-identical when recomputed and with every list of
 * the snapshot reversed, every fact holds and every set-valued fact ascends, a denial ends at its
 * only failed top-level step with a matching status, and the fast path agrees. (The query side of
 * L-TRACE is `laws/trace.ts`.)
 */
import type { HttpRequestJson } from '../../src/codec/request.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import type { Decision } from '../../src/decide/decision.js';
import { decideHttp } from '../../src/decide/http.js';
import type { Fact, Step } from '../../src/model/trace.js';
import { reverseEveryList } from '../arbitraries/requests.js';
import { verifyTrace } from '../reference/verify.js';
import { http, lastStep, showDecision, showRequest } from './requestSupport.js';
import { load } from './support.js';

/** The statuses a denial may carry when the given rule's top-level step failed (SPEC §4). */
const STATUSES_OF_FAILED_STEP: ReadonlyMap<string, ReadonlyArray<number>> = new Map([
  ['R-REQ-1', [400, 404]],
  ['R-REQ-2', [401]],
  ['R-EFF-3', [401]],
  ['R-OBO-1', [400, 404]],
  ['R-OBO-2', [403]],
  ['R-REQ-3', [404]],
  ['R-REQ-4', [403]],
  ['R-REQ-5', [400]],
  ['R-REQ-6', [403]],
]);

/** Every fact of a trace, with its path. */
const factsOf = (steps: ReadonlyArray<Step>, prefix = 'trace'): ReadonlyArray<{ readonly fact: Fact; readonly path: string }> =>
  steps.flatMap((st, i) => [...st.facts.map((fact, j) => ({ fact, path: `${prefix}[${i}].facts[${j}]` })), ...factsOf(st.children, `${prefix}[${i}].children`)]);

/** The number lists of a fact (every set-valued field), found generically. */
const numberListsOf = (fact: Fact): ReadonlyArray<ReadonlyArray<number>> =>
  Object.values(fact).flatMap((v: unknown) => (Array.isArray(v) && v.every((x: unknown) => typeof x === 'number') ? [v.filter((x: unknown): x is number => typeof x === 'number')] : []));

const strictlyAscending = (ids: ReadonlyArray<number>): boolean => ids.every((x, i) => i === 0 || (ids[i - 1] ?? x) < x);

/** Everything of a decision but its trace, as JSON. */
const withoutTrace = (d: Decision): string => JSON.stringify({ ...d, trace: [] });

/**
 * L-TRACE for one HTTP request: the same bytes twice and on the snapshot with every list
 * reversed (R-TRC-3); every fact holds (`verifyTrace`) and every set-valued fact ascends (R-TRC-2,
 * R-TRC-3); `deny` iff a top-level step failed, and then exactly one did, it is the last, and its
 * rule gives the decision's status (R-TRC-1); the fast path gives the same decision, status,
 * error and response with an empty trace.
 */
export const httpTraceViolations = (json: SnapshotJson, request: HttpRequestJson): ReadonlyArray<string> => {
  const s = load(json);
  const reversed = load(reverseEveryList(json));
  if (s === undefined || reversed === undefined) return ['the snapshot does not load'];
  const d = http(s, request);
  const text = JSON.stringify(d);
  const problems: string[] = [];
  if (d.trace.length === 0) problems.push('empty trace (R-TRC-1)');
  if (JSON.stringify(http(s, request)) !== text) problems.push('recomputing gives other bytes (R-TRC-3)');
  if (JSON.stringify(http(reversed, request)) !== text) problems.push('the snapshot with every list reversed gives other bytes (R-TRC-3)');
  // verifyTrace checks that every fact holds and that its known set fields ascend; this generic
  // pass also catches a number list in a fact field that verifyTrace does not know yet
  problems.push(...verifyTrace(s, d));
  for (const { fact, path } of factsOf(d.trace)) {
    for (const ids of numberListsOf(fact)) if (!strictlyAscending(ids)) problems.push(`${path}: ${JSON.stringify(fact)} lists [${ids.join(',')}] not ascending (R-TRC-3)`);
  }
  const failed = d.trace.filter((st) => st.outcome === 'fail');
  if ((d.decision === 'deny') !== failed.length > 0) problems.push(`decision ${d.decision} with ${failed.length} failed top-level steps`);
  if (d.decision === 'deny') {
    const last = lastStep(d);
    if (failed.length !== 1 || failed[0] !== last) problems.push('a denial must end at its only failed top-level step (the first step that settles a request ends it)');
    const statuses = last === undefined ? undefined : STATUSES_OF_FAILED_STEP.get(last.rule);
    if (last === undefined || statuses === undefined || !statuses.includes(d.status)) problems.push(`status ${d.status} does not match the failed step ${last?.rule ?? '?'} (${last?.check ?? ''})`);
    if (d.error === undefined || d.response !== undefined) problems.push('a denial carries an error and no response (R-ERR-1)');
  } else if (![200, 201, 204].includes(d.status) || d.error !== undefined) problems.push(`an allowed request with status ${d.status} or an error (R-REQ-7)`);
  const fast = decideHttp(s, request, { trace: false });
  if (fast.trace.length !== 0) problems.push('the fast path built a trace');
  if (withoutTrace(fast) !== withoutTrace(d)) problems.push(`the fast path differs: ${withoutTrace(fast)} vs ${withoutTrace(d)}`);
  return problems.map((p) => `${showRequest(request)} -> ${showDecision(d)}: ${p}`);
};
