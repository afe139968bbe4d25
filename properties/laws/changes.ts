/**
 * Laws for the decision rules that SPEC's Changes of 2026-12-01 settled, over generated
 * snapshots and requests; each is judged on the snapshot JSON with the naive reference, never
 * with the engine's own helpers:
 * - no dormant shares (R-SHR-7, R-SHR-6): an allowed user-share write names only recipients for
 *   whom the share is in force;
 * - OAuth scope is never borrowed (R-OAA-1): an allowed on-behalf-of request on OAuth apps only
 *   touches apps of tenants in the actor's own scope and in the subject's;
 * - a permissions read answers SPEC §3 (R-RES-1, R-ADM-1, R-REQ-3): the subject's effective set of
 *   the reference, whoever asks, Administrators included;
 * - R-ADM-7 by effect: restating one's own roles, permissions, administrative access or status
 *   is never refused by R-ADM-7, and changing them (or deleting oneself) always is, once the
 *   request passes its requirement (R-REQ-4).
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { OAuthAppCreateBodyCodec, UserSharesBodyCodec } from '../../src/codec/payloads.js';
import type { HttpRequestJson } from '../../src/codec/request.js';
import type { SnapshotJson, UserJson } from '../../src/codec/snapshot.js';
import { decide } from '../../src/decide/decide.js';
import type { Decision } from '../../src/decide/decision.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import type { Step } from '../../src/model/trace.js';
import { isActiveUser, roleIdsOf, userById, type GeneratedRequest } from '../arbitraries/requests.js';
import { inForce, naiveAccess, naiveDataSource, naiveOAuthScope } from '../reference/naive.js';
import { showDecision, showRequest } from './requests.js';
import { load } from './support.js';

const http = (s: Snapshot, request: HttpRequestJson): Decision => decide(s, { _tag: 'Http', request });

const decoded = <A>(codec: t.Decoder<unknown, A>, value: unknown): A | undefined => {
  const r = codec.decode(value);
  return E.isRight(r) ? r.right : undefined;
};

// ---- no dormant shares (R-SHR-7, R-SHR-6) ------------------------------------------------------

/** The operations that write a user share. */
export const userShareWrites: ReadonlyArray<string> = ['ShareWithUsers', 'UpdateSharedUser'];

/** The recipients a user-share write names: the body's `sharedUsers` or the path's `{uid}`. */
const recipientsOf = (g: GeneratedRequest): ReadonlyArray<number> => {
  if (g.row.name === 'UpdateSharedUser') return g.pathIds['uid'] === undefined ? [] : [g.pathIds['uid']];
  return (decoded(UserSharesBodyCodec, g.request.body)?.sharedUsers ?? []).map((s) => s.userId);
};

/** No dormant shares: an allowed user-share write leaves every named share in force (R-SHR-6 on the reference). */
export const dormantShareViolations = (json: SnapshotJson, g: GeneratedRequest): ReadonlyArray<string> => {
  if (!userShareWrites.includes(g.row.name)) return [];
  const s = load(json);
  if (s === undefined) return ['the snapshot does not load'];
  const d = http(s, g.request);
  if (d.decision !== 'allow') return [];
  const ds = naiveDataSource(json, g.pathIds['id'] ?? -1);
  if (ds === undefined) return [`${showRequest(g.request)}: allowed on a data source that does not exist`];
  return recipientsOf(g).flatMap((uid) => {
    const recipient = userById(json, uid);
    return recipient !== undefined && inForce(json, ds, recipient)
      ? []
      : [`${showRequest(g.request)}: ${showDecision(d)}, but the share to user ${uid} would not be in force (owner ${ds.owner})`];
  });
};

/** Whether a generated request is an allowed user-share write naming a recipient outside the owner's tenant (non-vacuity). */
export const crossTenantShareAllowed = (json: SnapshotJson, g: GeneratedRequest): boolean => {
  if (!userShareWrites.includes(g.row.name)) return false;
  const s = load(json);
  const ds = naiveDataSource(json, g.pathIds['id'] ?? -1);
  const owner = ds === undefined ? undefined : userById(json, ds.owner);
  if (s === undefined || owner === undefined || http(s, g.request).decision !== 'allow') return false;
  return recipientsOf(g).some((uid) => userById(json, uid)?.tenantId !== owner.tenantId);
};

// ---- OAuth scope never borrowed (R-OAA-1) ------------------------------------------------------

/** The OAuth application operations. */
export const oauthAppOperations: ReadonlyArray<string> = ['ListOAuthApps', 'CreateOAuthApp', 'GetOAuthApp', 'UpdateOAuthApp', 'DeleteOAuthApp'];

const OAuthAppListCodec = t.type({ oauthApps: t.array(t.type({ id: t.number, tenantId: t.number })) });

/** The tenants of the apps an allowed OAuth-app request touches: the path's app, the listed apps, or the created app's tenant. */
const appTenantsOf = (json: SnapshotJson, g: GeneratedRequest, d: Decision, subject: UserJson): ReadonlyArray<number> => {
  switch (g.row.name) {
    case 'ListOAuthApps':
      return (decoded(OAuthAppListCodec, d.response)?.oauthApps ?? []).map((a) => a.tenantId);
    case 'CreateOAuthApp':
      return [decoded(OAuthAppCreateBodyCodec, g.request.body)?.tenantId ?? subject.tenantId];
    default: {
      const app = (json.oauthApps ?? []).find((a) => a.id === g.pathIds['id']);
      return app === undefined ? [] : [app.tenantId];
    }
  }
};

/**
 * R-OAA-1, never borrowed: an allowed on-behalf-of request on OAuth apps touches only apps of
 * tenants in the actor's own scope (12 standing for every tenant) and in the subject's reach.
 */
export const oauthScopeViolations = (json: SnapshotJson, g: GeneratedRequest): ReadonlyArray<string> => {
  if (!oauthAppOperations.includes(g.row.name)) return [];
  const s = load(json);
  if (s === undefined) return ['the snapshot does not load'];
  const d = http(s, g.request);
  if (d.decision !== 'allow' || !d.onBehalfOf) return [];
  const actor = userById(json, g.actorId);
  const subject = userById(json, d.subject?.id ?? -1);
  if (actor === undefined || subject === undefined) return [`${showRequest(g.request)}: allowed without a known actor and subject`];
  return appTenantsOf(json, g, d, subject).flatMap((tenant) =>
    naiveOAuthScope(json, actor, tenant, true) && naiveOAuthScope(json, subject, tenant, false)
      ? []
      : [`${showRequest(g.request)}: ${showDecision(d)} touches an app of tenant ${tenant}, outside the actor's own scope or the subject's reach`],
  );
};

/** Whether a generated request is an allowed on-behalf-of OAuth-app request (non-vacuity). */
export const oauthOnBehalfAllowed = (json: SnapshotJson, g: GeneratedRequest): boolean => {
  const s = load(json);
  if (s === undefined || !oauthAppOperations.includes(g.row.name)) return false;
  const d = http(s, g.request);
  return d.decision === 'allow' && d.onBehalfOf;
};

// ---- permission reads answer SPEC §3 (R-RES-1, R-ADM-1) ----------------------------------------

const PermissionsCodec = t.type({ permissions: t.array(t.number) });

/** An allowed GetDataSourcePermissions answers the subject's effective set of the reference (R-EFF-3 included), whoever asks. */
export const permissionsReadViolations = (json: SnapshotJson, g: GeneratedRequest): ReadonlyArray<string> => {
  if (g.row.name !== 'GetDataSourcePermissions') return [];
  const s = load(json);
  if (s === undefined) return ['the snapshot does not load'];
  const d = http(s, g.request);
  if (d.decision !== 'allow') return [];
  const answered = decoded(PermissionsCodec, d.response)?.permissions;
  const expected = naiveAccess(json, d.subject?.id ?? -1, g.pathIds['id'] ?? -1).permissions;
  return answered !== undefined && answered.length === expected.length && answered.every((p, i) => p === expected[i])
    ? []
    : [`${showRequest(g.request)}: answered ${JSON.stringify(d.response)}, SPEC §3 gives [${expected.join(',')}]`];
};

// ---- R-ADM-7 by effect -------------------------------------------------------------------------

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
