/**
 * L-AUDIT, who-can administrators (R-AUD-1, R-ADM-1, R-REQ-3, R-USE-1, R-AUD-4): for every data
 * source d and settable permission p, `administrators` of who-can(d, p) are exactly the active
 * holders of Administrator (12) (read off the JSON) when p is 2, 3 or 4, and nobody for a query
 * channel (5, 6, 7, 10); each of them is allowed the direct management requests GET, PUT and
 * DELETE /api/mgmt/datasources/{d}; and every such direct request that is allowed comes from an
 * administrator or a holder of the matching permission (GET 2, PUT 3, DELETE 4).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { HttpRequestJson } from '../../src/codec/request.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { decideHttp } from '../../src/decide/http.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { SETTABLE_IDS } from '../arbitraries/snapshot.js';
import { naiveActive, naiveUserPermissions } from '../reference/naive.js';
import { allHolders, showIds } from './auditSupport.js';
import { load, sameIds } from './support.js';

/** The direct management request of each authority permission (R-ADM-1): view, modify, delete. */
const managementRequest = (actorId: number, d: number, p: number): HttpRequestJson | undefined =>
  p === 2
    ? { actor: { id: actorId }, method: 'GET', path: `/api/mgmt/datasources/${d}` }
    : p === 3
      ? { actor: { id: actorId }, method: 'PUT', path: `/api/mgmt/datasources/${d}`, body: { name: 'renamed by audit law' } }
      : p === 4
        ? { actor: { id: actorId }, method: 'DELETE', path: `/api/mgmt/datasources/${d}` }
        : undefined;

/** Every disagreement between who-can's `administrators` and the single decisions of `s` (empty when the law holds). */
export const administratorDisagreements = (json: SnapshotJson, s: Snapshot): ReadonlyArray<string> => {
  const out: string[] = [];
  // the active holders of 12, from the JSON (R-EFF-1, R-EFF-3), not from the compiled snapshot's index
  const a12 = (json.users ?? [])
    .filter((u) => naiveActive(u) && naiveUserPermissions(json, u).includes(12))
    .map((u) => u.id)
    .sort((a, b) => a - b);
  for (const d of s.dataSources.keys()) {
    for (const p of SETTABLE_IDS) {
      const walked = allHolders(s, d, p, undefined);
      if (E.isLeft(walked)) {
        out.push(walked.left);
        continue;
      }
      const listed = walked.right.first.administrators.map((a) => a.userId);
      const expected = p === 2 || p === 3 || p === 4 ? a12 : [];
      if (!sameIds(listed, expected)) out.push(`who-can(${d}, ${p}) administrators ${showIds(listed)}, expected ${showIds(expected)}`);
      const holders = new Set(walked.right.holders.map((h) => h.userId));
      for (const u of s.users.values()) {
        const request = managementRequest(u.id, d, p);
        if (request === undefined) continue;
        const allowed = decideHttp(s, request, { trace: false }).decision === 'allow';
        const isAdministrator = listed.includes(u.id);
        if (isAdministrator && !allowed) out.push(`administrator ${u.id} is refused ${request.method} ${request.path ?? ''}`);
        if (allowed && !isAdministrator && !holders.has(u.id)) out.push(`user ${u.id} is allowed ${request.method} ${request.path ?? ''} but who-can(${d}, ${p}) lists it neither as holder nor as administrator`);
      }
    }
  }
  return out;
};

/** L-AUDIT (administrators) on generated JSON. */
export const administratorsAgreeWithDecisions = (json: SnapshotJson): ReadonlyArray<string> => {
  const s = load(json);
  return s === undefined ? ['the generated snapshot does not load'] : administratorDisagreements(json, s);
};
