/** Helpers for the state-change tests (SPEC §6): build requests, apply them, read the new state. */
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import type { HttpRequestJson } from '../../src/codec/request.js';
import type { Change } from '../../src/model/change.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import type { Decision } from '../../src/decide/decision.js';
import { decideHttp } from '../../src/decide/http.js';
import { effectiveAccessById } from '../../src/rules/dataSourcePermissions.js';
import { encodeSnapshot } from '../../src/snapshot/encode.js';
import { loadSnapshot } from '../../src/snapshot/load.js';
import { applyHttp, type ApplyResult } from '../../src/transition/apply.js';
import { load } from '../helpers.js';

/** An HTTP request; `user` makes it on-behalf-of (R-OBO-1). */
export const req = (actor: string, method: string, path: string, body?: unknown, user?: string): HttpRequestJson => ({
  actor,
  method,
  path: `/api${path}`,
  ...(user === undefined ? {} : { query: { user } }),
  ...(body === undefined ? {} : { body }),
});

/** The snapshot JSON as text (to compare versions). */
export const encoded = (s: Snapshot): string => JSON.stringify(encodeSnapshot(s));

/** Loads the encoded form of a snapshot (the round trip a server makes when it persists it). */
export const reload = (s: Snapshot): Snapshot => load(JSON.parse(encoded(s)));

/**
 * Applies a request that must be allowed and change state; checks that the old snapshot is
 * unchanged (R-TRN-1) and that the new one passes every load-time check after a round trip.
 */
export const applyAllowed = (s: Snapshot, r: HttpRequestJson): ApplyResult & { readonly changes: ReadonlyArray<Change> } => {
  const before = encoded(s);
  const result = applyHttp(s, r);
  expect(encoded(s)).toBe(before);
  if (result.decision.decision !== 'allow') throw new Error(`expected allow, got ${result.decision.status}: ${result.decision.reason}`);
  expect(result.snapshot).not.toBe(s);
  expectLikeReloaded(result.snapshot);
  return { ...result, changes: result.decision.changes ?? [] };
};

/** Applies a request that must be refused or denied with `status`: the same snapshot object, unchanged, no changes. */
export const applyDenied = (s: Snapshot, r: HttpRequestJson, status: number): Decision => {
  const before = encoded(s);
  const result = applyHttp(s, r);
  expect(result.decision.status).toBe(status);
  expect(result.decision.decision).toBe('deny');
  expect(result.snapshot).toBe(s);
  expect(encoded(s)).toBe(before);
  expect('changes' in result.decision).toBe(false);
  return result.decision;
};

/** The reason text of a denial (empty for an allow). */
export const reasonOf = (d: Decision): string => (d.decision === 'deny' ? d.reason : '');

/** A user's effective permissions on a data source (SPEC §3), optionally through a group; `null` for unknown ids. */
export const perms = (s: Snapshot, userId: number, dataSourceId: number, groupId?: number): ReadonlyArray<number> | null => {
  const a = effectiveAccessById(s, userId, dataSourceId, groupId);
  return E.isLeft(a) ? null : [...a.right.permissions.ids];
};

/** Decides the same requests on two snapshots and expects the same status and decision for each. */
export const sameDecisions = (a: Snapshot, b: Snapshot, requests: ReadonlyArray<HttpRequestJson>): void => {
  for (const r of requests) {
    const x = decideHttp(a, r);
    const y = decideHttp(b, r);
    expect([x.decision, x.status, x.response ?? null], JSON.stringify(r)).toEqual([y.decision, y.status, y.response ?? null]);
  }
};

/** The user shares of a data source as `[userId, permissions]` pairs. */
export const userShares = (s: Snapshot, id: number): ReadonlyArray<readonly [number, ReadonlyArray<number>]> =>
  [...(s.dataSources.get(id)?.sharedUsers.values() ?? [])].map((sh) => [sh.userId, [...sh.permissions.ids]] as const);

/** The tenant shares of a data source as `[tenantId, permissions]` pairs. */
export const tenantShares = (s: Snapshot, id: number): ReadonlyArray<readonly [number, ReadonlyArray<number>]> =>
  [...(s.dataSources.get(id)?.sharedTenants.values() ?? [])].map((sh) => [sh.tenantId, [...sh.permissions.ids]] as const);

/** Every user's effective permissions on every data source (and through every group on its members), as text lines. */
export const accessTable = (s: Snapshot): ReadonlyArray<string> => {
  const out: string[] = [];
  for (const u of s.users.values())
    for (const d of s.dataSources.values()) {
      out.push(`${u.id}/${d.id}: ${(perms(s, u.id, d.id) ?? []).join(',')}`);
      for (const m of d.members) out.push(`${u.id}/${m.id} via ${d.id}: ${(perms(s, u.id, m.id, d.id) ?? []).join(',')}`);
    }
  return out;
};

/**
 * The incrementally updated snapshot decides like one loaded from its own JSON (issue 7 item 4):
 * the JSON passes every check of SPEC §2, and effective access and user permissions agree.
 */
export const expectLikeReloaded = (s: Snapshot): Snapshot => {
  const again = loadSnapshot(encodeSnapshot(s));
  if (E.isLeft(again)) throw new Error(`the new snapshot fails its checks: ${JSON.stringify(again.left.problems)}`);
  const r = again.right;
  expect(encoded(r)).toBe(encoded(s));
  expect(accessTable(r)).toEqual(accessTable(s));
  for (const u of s.users.values()) {
    const v = r.users.get(u.id);
    expect([u.permissions.ids, u.isAdministrator, u.active, u.tenantsAdministered]).toEqual([v?.permissions.ids, v?.isAdministrator, v?.active, v?.tenantsAdministered]);
  }
  for (const d of s.dataSources.values())
    expect([...d.sharedUsers.values()].map((sh) => [sh.userId, sh.inForce])).toEqual([...(r.dataSources.get(d.id)?.sharedUsers.values() ?? [])].map((sh) => [sh.userId, sh.inForce]));
  for (const t of s.tenants.values()) expect([t.admins, t.users]).toEqual([r.tenants.get(t.id)?.admins, r.tenants.get(t.id)?.users]);
  for (const x of s.roles.values()) expect(x.users).toEqual(r.roles.get(x.id)?.users);
  for (const d of s.dataSources.values()) expect([d.groups, d.ownerAccess._tag, d.ownerAccess.permissions.ids]).toEqual([r.dataSources.get(d.id)?.groups, r.dataSources.get(d.id)?.ownerAccess._tag, r.dataSources.get(d.id)?.ownerAccess.permissions.ids]);
  expect([...s.dataSourcesByOwner.entries()]).toEqual([...r.dataSourcesByOwner.entries()]);
  expect([...s.userSharesByRecipient.entries()]).toEqual([...r.userSharesByRecipient.entries()]);
  expect([...s.tenantSharesByTenant.entries()]).toEqual([...r.tenantSharesByTenant.entries()]);
  expect([...s.profilesByOwner.entries()]).toEqual([...r.profilesByOwner.entries()]);
  expect([...s.profilesByApp.entries()]).toEqual([...r.profilesByApp.entries()]);
  expect([...s.userIdsByName.keys()]).toEqual([...r.userIdsByName.keys()]);
  expect(s.idMarks).toEqual(r.idMarks);
  // the same decisions on a battery of requests by every user
  const battery: HttpRequestJson[] = [];
  for (const u of s.users.values()) {
    battery.push(req(u.userName, 'GET', '/mgmt/datasources'), req(u.userName, 'GET', '/admin/users'), req(u.userName, 'GET', '/mgmt/oauthprofiles'));
    for (const d of s.dataSources.values()) battery.push(req(u.userName, 'GET', `/mgmt/datasources/${d.id}/permissions`), req(u.userName, 'GET', `/mgmt/datasources/${d.id}/sharedUsers`));
  }
  sameDecisions(s, r, battery);
  return r;
};
