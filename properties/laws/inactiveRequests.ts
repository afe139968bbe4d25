/**
 * L-INACTIVE (R-EFF-3) for requests: with the actor inactive or locked, a generated HTTP request
 * and a query by it are denied with 401. (The effective-permission side of the law, every query
 * and every effective set, is `laws/inactive.ts`.)
 */
import type { UseRequest } from '../../src/codec/request.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { engineCode } from '../../src/decide/errors.js';
import { route } from '../../src/operations/router.js';
import { withUserStatus, type InactiveStatus } from '../arbitraries/edits.js';
import type { GeneratedRequest } from '../arbitraries/requests.js';
import { http, showDecision, showRequest, use } from './requestSupport.js';
import { load } from './support.js';

/** L-INACTIVE: with the actor inactive or locked, the HTTP request and a query by it are denied with 401. */
export const inactiveViolations = (json: SnapshotJson, g: GeneratedRequest, status: InactiveStatus, query: UseRequest): ReadonlyArray<string> => {
  const s = load(withUserStatus(json, g.actorId, status));
  if (s === undefined) return ['the snapshot with the actor refused does not load'];
  const problems: string[] = [];
  const routed = route({ method: g.request.method, path: g.request.path ?? g.request.url ?? '', query: g.request.query ?? {} });
  if (routed._tag === 'Left') problems.push(`the generated request does not route: ${showRequest(g.request)}`);
  const d = http(s, g.request);
  if (d.decision !== 'deny' || d.status !== 401 || d.error?.error.code !== engineCode(401)) problems.push(`HTTP ${showRequest(g.request)}: ${showDecision(d)}`);
  const q = use(s, query);
  if (q.decision !== 'deny' || q.status !== 401) problems.push(`query ${JSON.stringify(query)}: ${showDecision(q)}`);
  return problems;
};
