/**
 * L-TRACE-SUFFICIENT (R-TRC-2): for every HTTP decision, the independent checker of
 * `properties/reference/recomputeHttp.ts` recomputes the decision and its status from the
 * trace's facts alone, and every fact holds in the snapshot.
 */
import type { HttpRequestJson } from '../../src/codec/request.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { decideHttp } from '../../src/decide/http.js';
import { recomputeHttp } from '../reference/recomputeHttp.js';
import { verifyTrace } from '../reference/verify.js';
import { showDecision, showRequest } from './requestSupport.js';
import { load } from './support.js';

/** Every violation of L-TRACE-SUFFICIENT for one request (empty when it holds). */
export const traceSufficiencyViolations = (json: SnapshotJson, request: HttpRequestJson): ReadonlyArray<string> => {
  const s = load(json);
  if (s === undefined) return ['the snapshot does not load'];
  const d = decideHttp(s, request);
  const again = recomputeHttp(d);
  const problems = [...verifyTrace(s, d)];
  if (again._tag === 'Insufficient') problems.push(`the trace is not enough: ${again.why}`);
  else if (again.decision !== d.decision || again.status !== d.status) problems.push(`the facts give ${again.decision} ${again.status}`);
  return problems.map((p) => `${showRequest(request)} -> ${showDecision(d)}: ${p}`);
};
