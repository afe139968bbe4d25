/**
 * R-ADM-7 by effect (SPEC Changes 2026-12-01): restating one's own roles, permissions,
 * administrative access or status is never refused by R-ADM-7, and changing them (or deleting
 * oneself) always is, once the request passes its requirement (R-REQ-4).
 */
import type { HttpRequestJson } from '../../src/codec/request.js';
import type { SnapshotJson, UserJson } from '../../src/codec/snapshot.js';
import type { Decision } from '../../src/decide/decision.js';
import type { Step } from '../../src/model/trace.js';
import { isActiveUser, roleIdsOf, userById } from '../arbitraries/requests.js';
import { http, showDecision, showRequest } from './requestSupport.js';
import { load } from './support.js';

/** Whether a decision was refused, among other things, by R-ADM-7 (a payload problem citing it). */
const refusedByAdm7 = (d: Decision): boolean => {
  const cites = (steps: ReadonlyArray<Step>): boolean =>
    steps.some((st) => (st.outcome === 'fail' && st.facts.some((f) => f._tag === 'Note' && f.text.endsWith('(R-ADM-7)'))) || cites(st.children));
  return d.decision === 'deny' && d.status === 400 && cites(d.trace);
};

/** Whether a decision got past the requirement (R-REQ-4): allowed, or denied at R-REQ-5 or later. */
const pastRequirement = (d: Decision): boolean => {
  const last = d.trace[d.trace.length - 1]?.rule;
  return d.decision === 'allow' || last === 'R-REQ-5' || last === 'R-REQ-6';
};

/** The requests by which user `u` restates its own account exactly as it is. */
const restatements = (u: UserJson, actor: HttpRequestJson['actor']): ReadonlyArray<HttpRequestJson> => {
  const roles = [...u.permissions.roles].reverse();
  const permissions = [...(u.permissions.permissions ?? [])];
  const administered = [...(u.tenantsAdministered ?? [])];
  const base = `/api/admin/users/${u.id}`;
  return [
    { actor, method: 'PUT', path: base, body: { permissions: { roles, permissions }, tenantsAdministered: administered, statusInfo: { status: 1, accountLocked: false } } },
    { actor, method: 'PUT', path: `${base}/permissions`, body: { roles, permissions } },
    { actor, method: 'PUT', path: `${base}/tenantsadministered`, body: { tenantsAdministered: administered } },
    { actor, method: 'PUT', path: `${base}/statusinfo`, body: { status: 1, accountLocked: false } },
  ];
};

/** The requests by which user `u` changes its own account (one thing each), or deletes it. */
const selfChanges = (json: SnapshotJson, u: UserJson, actor: HttpRequestJson['actor']): ReadonlyArray<HttpRequestJson> => {
  const base = `/api/admin/users/${u.id}`;
  const explicit = u.permissions.permissions ?? [];
  const toggled = explicit.includes(9) ? explicit.filter((p) => p !== 9) : [...explicit, 9];
  const otherRole = roleIdsOf(json).find((r) => !u.permissions.roles.includes(r) && ((json.roles ?? []).find((x) => x.id === r)?.tenantId ?? 1) === u.tenantId);
  const administered = u.tenantsAdministered ?? [];
  const otherAdministered = administered.includes(u.tenantId) ? administered.filter((t) => t !== u.tenantId) : [...administered, u.tenantId];
  return [
    { actor, method: 'PUT', path: `${base}/permissions`, body: { permissions: toggled } },
    { actor, method: 'PUT', path: base, body: { permissions: { permissions: toggled } } },
    ...(otherRole === undefined ? [] : [{ actor, method: 'PUT', path: `${base}/permissions`, body: { roles: [...u.permissions.roles, otherRole] } }]),
    { actor, method: 'PUT', path: `${base}/tenantsadministered`, body: { tenantsAdministered: otherAdministered } },
    { actor, method: 'PUT', path: `${base}/statusinfo`, body: { status: 0 } },
    { actor, method: 'PUT', path: base, body: { statusInfo: { accountLocked: true } } },
    { actor, method: 'DELETE', path: base },
  ];
};

/**
 * R-ADM-7 by effect, for an active actor on its own account: no restatement is refused by
 * R-ADM-7, on any route; every change (and self-deletion) that passes its requirement is 400
 * with an R-ADM-7 problem.
 */
export const selfAdministrationViolations = (json: SnapshotJson, actorId: number): ReadonlyArray<string> => {
  const u = userById(json, actorId);
  const s = load(json);
  if (s === undefined || u === undefined) return ['the snapshot does not load'];
  if (!isActiveUser(u)) return [];
  const actor = { id: u.id };
  const restated = restatements(u, actor).flatMap((r) => {
    const d = http(s, r);
    return refusedByAdm7(d) ? [`${showRequest(r)}: ${showDecision(d)}, but it changes nothing about the actor`] : [];
  });
  const changed = selfChanges(json, u, actor).flatMap((r) => {
    const d = http(s, r);
    return pastRequirement(d) && !refusedByAdm7(d) ? [`${showRequest(r)}: ${showDecision(d)}, but it changes the actor's own account`] : [];
  });
  return [...restated, ...changed];
};

/** How many of an active actor's self-changes get past their requirement (non-vacuity of the second half). */
export const selfChangesJudged = (json: SnapshotJson, actorId: number): number => {
  const u = userById(json, actorId);
  const s = load(json);
  if (s === undefined || u === undefined || !isActiveUser(u)) return 0;
  return selfChanges(json, u, { id: u.id }).filter((r) => pastRequirement(http(s, r))).length;
};
