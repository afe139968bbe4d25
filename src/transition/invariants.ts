/**
 * R-TRN-1: the checks of SPEC §2 after an apply, on what the apply touched. The load-time
 * checker (`normalizeAndCheck`) is the one definition of those checks; here it runs on a small
 * snapshot cut out of the new one: every entity the edits put, every entity that referred to one
 * the edits deleted, and, as stubs, the entities they refer to (a stub carries only what a
 * reference check reads). A change that breaks a check is refused with the rule it breaks.
 *
 * INVARIANT (local = global, L-APPLY): for every apply that passes this check, the whole new
 * snapshot passes every check of SPEC §2 (the law re-checks the whole snapshot).
 */
import type { DataSourceJson, OAuthAppJson, OAuthProfileJson, RoleJson, SnapshotJson, TenantJson, UserJson } from '../codec/snapshot.js';
import type { Problem } from '../codec/problem.js';
import type { Edit } from '../model/edit.js';
import { userByName, type DataSourceId, type RoleId, type Snapshot, type TenantId, type UserId } from '../model/snapshot.js';
import { snapshotProblems } from '../snapshot/check.js';
import { dataSourceJson, oauthAppJson, oauthProfileJson, roleJson, tenantJson, userJson } from '../snapshot/encode.js';

/** The entities an apply touched, by kind. */
interface Touched {
  readonly tenants: Set<TenantId>;
  readonly roles: Set<RoleId>;
  readonly users: Set<UserId>;
  readonly dataSources: Set<DataSourceId>;
  readonly apps: Set<number>;
  readonly profiles: Set<number>;
}

const touchedBy = (before: Snapshot, after: Snapshot, edits: ReadonlyArray<Edit>): Touched => {
  const t: Touched = { tenants: new Set(), roles: new Set(), users: new Set(), dataSources: new Set(), apps: new Set(), profiles: new Set() };
  for (const e of edits) {
    switch (e._tag) {
      case 'PutTenant':
        t.tenants.add(e.tenant.id);
        break;
      case 'PutRole':
        t.roles.add(e.role.id);
        // R-SNAP-5: the role's users must stay in its tenant
        for (const uid of after.roles.get(e.role.id)?.users ?? []) t.users.add(uid);
        break;
      case 'PutUser': {
        t.users.add(e.user.id);
        const old = before.users.get(e.user.id);
        // R-SNAP-8: a moved recipient against the tenant shares of what is shared with it
        if (old !== undefined && old.tenantId !== e.user.tenantId) for (const id of after.userSharesByRecipient.get(e.user.id) ?? []) t.dataSources.add(id);
        // R-SNAP-1: a name another user holds
        const holder = userByName(before, e.user.userName);
        if (holder !== undefined && holder.id !== e.user.id) t.users.add(holder.id);
        break;
      }
      case 'PutDataSource':
        t.dataSources.add(e.dataSource.id);
        // R-SNAP-7: a data source turned into a group while a member of one
        for (const gid of after.dataSources.get(e.dataSource.id)?.groups ?? []) t.dataSources.add(gid);
        break;
      case 'PutOAuthApp':
        t.apps.add(e.app.id);
        break;
      case 'PutOAuthProfile':
        t.profiles.add(e.profile.id);
        break;
      // R-SNAP-2: whatever referred to a deleted entity must not any more
      case 'DeleteTenant': {
        const tenant = before.tenants.get(e.id);
        for (const uid of [...(tenant?.users ?? []), ...(tenant?.admins ?? [])]) t.users.add(uid);
        for (const id of before.tenantSharesByTenant.get(e.id) ?? []) t.dataSources.add(id);
        for (const r of before.roles.values()) if (r.tenantId === e.id) t.roles.add(r.id);
        for (const a of before.oauthApps.values()) if (a.tenantId === e.id) t.apps.add(a.id);
        break;
      }
      case 'DeleteRole':
        for (const uid of before.roles.get(e.id)?.users ?? []) t.users.add(uid);
        break;
      case 'DeleteUser':
        for (const id of before.dataSourcesByOwner.get(e.id) ?? []) t.dataSources.add(id);
        for (const id of before.userSharesByRecipient.get(e.id) ?? []) t.dataSources.add(id);
        for (const id of before.profilesByOwner.get(e.id) ?? []) t.profiles.add(id);
        for (const tn of before.tenants.values()) if (tn.admins.includes(e.id)) t.tenants.add(tn.id);
        break;
      case 'DeleteDataSource':
        for (const gid of before.dataSources.get(e.id)?.groups ?? []) t.dataSources.add(gid);
        break;
      case 'DeleteOAuthApp':
        for (const id of before.profilesByApp.get(e.id) ?? []) t.profiles.add(id);
        break;
      case 'DeleteOAuthProfile':
      case 'SetNextIds':
        break;
    }
  }
  return t;
};

/** A small snapshot: the touched entities in full (as they are after the apply) and stubs of what they refer to. */
const cutOut = (after: Snapshot, t: Touched): SnapshotJson => {
  const tenants = new Map<TenantId, TenantJson>();
  const roles = new Map<RoleId, RoleJson>();
  const users = new Map<UserId, UserJson>();
  const dataSources = new Map<DataSourceId, DataSourceJson>();
  const apps = new Map<number, OAuthAppJson>();
  const profiles = new Map<number, OAuthProfileJson>();

  const tenantStub = (id: TenantId): void => {
    const tn = after.tenants.get(id);
    if (tn !== undefined && !tenants.has(id)) tenants.set(id, tenantJson(tn));
  };
  const roleStub = (id: RoleId): void => {
    const r = after.roles.get(id);
    if (r === undefined || roles.has(id)) return;
    roles.set(id, roleJson(r));
    tenantStub(r.tenantId);
  };
  const userStub = (id: UserId): void => {
    const u = after.users.get(id);
    if (u === undefined || users.has(id)) return;
    users.set(id, { id: u.id, userName: u.userName, tenantId: u.tenantId, permissions: { roles: u.roles } });
    tenantStub(u.tenantId);
    for (const rid of u.roles) roleStub(rid);
  };
  const dataSourceStub = (id: DataSourceId): void => {
    const d = after.dataSources.get(id);
    if (d === undefined || dataSources.has(id)) return;
    dataSources.set(id, { id: d.id, name: d.name, owner: d.owner, isGroup: d.isGroup });
    userStub(d.owner);
  };
  const appStub = (id: number): void => {
    const a = after.oauthApps.get(id);
    if (a === undefined || apps.has(id)) return;
    apps.set(id, oauthAppJson(a));
    tenantStub(a.tenantId);
  };

  // entities in full first, so that a stub never shadows one
  for (const id of t.tenants) {
    const tn = after.tenants.get(id);
    if (tn !== undefined) tenants.set(id, tenantJson(tn));
  }
  for (const id of t.roles) {
    const r = after.roles.get(id);
    if (r !== undefined) roles.set(id, roleJson(r));
  }
  for (const id of t.users) {
    const u = after.users.get(id);
    if (u !== undefined) users.set(id, userJson(u));
  }
  for (const id of t.dataSources) {
    const d = after.dataSources.get(id);
    if (d !== undefined) dataSources.set(id, dataSourceJson(d));
  }
  for (const id of t.apps) {
    const a = after.oauthApps.get(id);
    if (a !== undefined) apps.set(id, oauthAppJson(a));
  }
  for (const id of t.profiles) {
    const p = after.oauthProfiles.get(id);
    if (p !== undefined) profiles.set(id, oauthProfileJson(p));
  }
  // then what they refer to
  for (const r of [...roles.values()]) tenantStub(r.tenantId);
  for (const u of [...users.values()]) {
    tenantStub(u.tenantId);
    for (const rid of u.permissions.roles) roleStub(rid);
    for (const tid of u.tenantsAdministered ?? []) tenantStub(tid);
  }
  for (const d of [...dataSources.values()]) {
    userStub(d.owner);
    for (const m of d.members ?? []) dataSourceStub(m.id);
    for (const sh of d.sharedUsers ?? []) userStub(sh.userId);
    for (const sh of d.sharedTenants ?? []) tenantStub(sh.tenantId);
  }
  for (const a of [...apps.values()]) tenantStub(a.tenantId);
  for (const p of profiles.values()) {
    appStub(p.oauthAppId);
    userStub(p.owner);
  }
  return {
    permissions: after.catalogEntries,
    tenants: [...tenants.values()],
    roles: [...roles.values()],
    users: [...users.values()],
    dataSources: [...dataSources.values()],
    oauthApps: [...apps.values()],
    oauthProfiles: [...profiles.values()],
  };
};

/** R-TRN-1: the problems the apply would leave in the snapshot (none when it keeps every check of SPEC §2). */
export const checkApplied = (before: Snapshot, after: Snapshot, edits: ReadonlyArray<Edit>): ReadonlyArray<Problem> => {
  return snapshotProblems(cutOut(after, touchedBy(before, after, edits)));
};
