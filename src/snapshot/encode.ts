/**
 * The snapshot JSON of SPEC §2 rebuilt from the compiled model (R-TRN-1: a server persists what
 * `apply` returns). Deterministic: lists ascending by id, optional fields written only when they
 * say something (`permissions` on a data source whenever it is set, even `[]`: R-DSP-1).
 * Derived lists (`admins` of a tenant, `users` of a role) are left out: they are derived from
 * the users on load.
 * INVARIANT (round trip, L-CODEC): loading the encoding gives a snapshot that encodes the same
 * and decides every request the same.
 */
import type { DataSourceJson, OAuthAppJson, OAuthProfileJson, RoleJson, SnapshotJson, TenantJson, UserJson } from '../codec/snapshot.js';
import type { DataSource, OAuthApp, OAuthProfile, Role, Snapshot, Tenant, User } from '../model/snapshot.js';

/** A tenant's JSON. */
export const tenantJson = (t: Tenant): TenantJson => {
  const out: { -readonly [K in keyof TenantJson]: TenantJson[K] } = { id: t.id, name: t.name };
  if (t.parentTenant !== undefined) out.parentTenant = t.parentTenant;
  if (t.status !== undefined) out.status = t.status;
  return out;
};

/** A role's JSON. */
export const roleJson = (r: Role): RoleJson => ({ id: r.id, name: r.name, tenantId: r.tenantId, permissions: r.permissions.ids });

/** A user's JSON. */
export const userJson = (u: User): UserJson => {
  const permissions: UserJson['permissions'] = u.explicitPermissions.ids.length === 0 ? { roles: u.roles } : { roles: u.roles, permissions: u.explicitPermissions.ids };
  const out: { -readonly [K in keyof UserJson]: UserJson[K] } = { id: u.id, userName: u.userName, tenantId: u.tenantId, permissions };
  if (u.status !== 1 || u.accountLocked) out.statusInfo = { status: u.status, accountLocked: u.accountLocked };
  if (u.tenantsAdministered.length > 0) out.tenantsAdministered = u.tenantsAdministered;
  return out;
};

/** A data source's JSON (R-DSP-1: `permissions` present whenever set, `[]` included). */
export const dataSourceJson = (d: DataSource): DataSourceJson => {
  const out: { -readonly [K in keyof DataSourceJson]: DataSourceJson[K] } = { id: d.id, name: d.name, owner: d.owner, isGroup: d.isGroup };
  if (d.permissions !== undefined) out.permissions = d.permissions.ids;
  if (d.sharedUsers.size > 0) out.sharedUsers = [...d.sharedUsers.values()].map((s) => ({ userId: s.userId, permissions: s.permissions.ids }));
  if (d.sharedTenants.size > 0) out.sharedTenants = [...d.sharedTenants.values()].map((s) => ({ tenantId: s.tenantId, permissions: s.permissions.ids }));
  if (d.members.length > 0) out.members = d.members.map((m) => (m.entityPrefix === undefined ? { id: m.id } : { id: m.id, entityPrefix: m.entityPrefix }));
  return out;
};

/** An OAuth application's JSON. */
export const oauthAppJson = (a: OAuthApp): OAuthAppJson => (a.dataStore === undefined ? { id: a.id, name: a.name, tenantId: a.tenantId } : { id: a.id, name: a.name, tenantId: a.tenantId, dataStore: a.dataStore });

/** An OAuth profile's JSON. */
export const oauthProfileJson = (p: OAuthProfile): OAuthProfileJson => ({ id: p.id, name: p.name, oauthAppId: p.oauthAppId, owner: p.owner });

const each = <A, B>(items: Iterable<A>, f: (a: A) => B): ReadonlyArray<B> => {
  const out: B[] = [];
  for (const a of items) out.push(f(a));
  return out;
};

/** The normalized snapshot JSON of a compiled snapshot; `loadSnapshot(encodeSnapshot(s))` decides like `s` (L-CODEC). */
export const encodeSnapshot = (s: Snapshot): SnapshotJson => {
  const out: { -readonly [K in keyof SnapshotJson]: SnapshotJson[K] } = {
    permissions: s.catalogEntries,
    tenants: each(s.tenants.values(), tenantJson),
    roles: each(s.roles.values(), roleJson),
    users: each(s.users.values(), userJson),
    dataSources: each(s.dataSources.values(), dataSourceJson),
    oauthApps: each(s.oauthApps.values(), oauthAppJson),
    oauthProfiles: each(s.oauthProfiles.values(), oauthProfileJson),
  };
  if (s.nextIds !== undefined) out.nextIds = s.nextIds;
  return out;
};
