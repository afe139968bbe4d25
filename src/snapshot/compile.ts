/**
 * Compiles a checked, normalized snapshot (SPEC §2) into the indexed, immutable `Snapshot`.
 *
 * Linear in the size of the input: one pass per kind, every derived list built by iterating in
 * ascending id order, identical permission sets shared through a cache.
 * INVARIANT (ordered): every map is inserted in ascending key order, every list is ascending.
 * INVARIANT (total): never throws; a reference that does not resolve (impossible after the
 * checks) falls back to "nothing" rather than crashing.
 */
import { Permission, SYSTEM_TENANT } from '../catalog/catalog.js';
import { empty, fromIds, has, union, type PermissionSet } from '../catalog/permissionSet.js';
import { shareInForce } from '../rules/sharesInForce.js';
import type { SnapshotJson } from '../codec/snapshot.js';
import type {
  DataSource,
  DataSourceId,
  Member,
  OAuthApp,
  OAuthProfile,
  Role,
  RoleId,
  Snapshot,
  Tenant,
  TenantId,
  TenantShare,
  User,
  UserId,
  UserShare,
} from '../model/snapshot.js';
import { pushTo, snapshotCatalog } from './check.js';

const EMPTY_IDS: ReadonlyArray<number> = [];
const EMPTY_ID_SET: ReadonlySet<number> = new Set<number>();
const EMPTY_USER_SHARES: ReadonlyMap<UserId, UserShare> = new Map<UserId, UserShare>();
const EMPTY_TENANT_SHARES: ReadonlyMap<TenantId, TenantShare> = new Map<TenantId, TenantShare>();
const EMPTY_MEMBERS: ReadonlyArray<Member> = [];

/** The map re-inserted in ascending key order. */
const ascendingKeys = <V>(map: ReadonlyMap<number, V>): ReadonlyMap<number, V> => {
  const keys = [...map.keys()].sort((a, b) => a - b);
  const out = new Map<number, V>();
  for (const k of keys) {
    const v = map.get(k);
    if (v !== undefined) out.set(k, v);
  }
  return out;
};

/** Compiles a snapshot that passed `normalizeAndCheck` into its indexed form (SPEC §2). */
export const compileSnapshot = (checked: SnapshotJson): Snapshot => {
  const catalog = snapshotCatalog(checked.permissions);

  // Identical permission lists share one PermissionSet. Sets of ids below 32 (almost all of them)
  // are keyed by their bit mask, which allocates nothing; others by their canonical id list.
  const smallSetCache = new Map<number, PermissionSet>();
  const setCache = new Map<string, PermissionSet>();
  const setOf = (ids: ReadonlyArray<number>): PermissionSet => {
    if (ids.length === 0) return empty;
    let mask = 0;
    for (const id of ids) {
      if (id >= 32) {
        mask = -1;
        break;
      }
      mask = (mask | (1 << id)) >>> 0;
    }
    if (mask !== -1) {
      const cachedSmall = smallSetCache.get(mask);
      if (cachedSmall !== undefined) return cachedSmall;
      const madeSmall = fromIds(ids);
      smallSetCache.set(mask, madeSmall);
      return madeSmall;
    }
    const key = ids.join(',');
    const cached = setCache.get(key);
    if (cached !== undefined) return cached;
    const made = fromIds(ids);
    setCache.set(key, made);
    return made;
  };

  const tenantsIn = checked.tenants ?? [];
  const rolesIn = checked.roles ?? [];
  const usersIn = checked.users ?? [];
  const dataSourcesIn = checked.dataSources ?? [];

  // Roles' permission sets first: user permissions are built from them.
  const roleSets = new Map<RoleId, PermissionSet>();
  for (const r of rolesIn) roleSets.set(r.id, setOf(r.permissions));

  // Users (ascending), with the derived relations collected in ascending user order.
  const roleUsers = new Map<RoleId, UserId[]>();
  const tenantUsers = new Map<TenantId, UserId[]>();
  const tenantAdmins = new Map<TenantId, UserId[]>();
  const unionCache = new Map<string, PermissionSet>();
  const users = new Map<UserId, User>();
  for (const u of usersIn) {
    const roles = u.permissions.roles;
    const explicitIds = u.permissions.permissions ?? EMPTY_IDS;
    const explicitPermissions = setOf(explicitIds);
    // R-EFF-1: user permissions are the union of the roles' permissions and the explicit ones.
    let permissions: PermissionSet;
    if (roles.length === 1 && explicitIds.length === 0) permissions = roleSets.get(roles[0] ?? -1) ?? empty;
    else {
      const key = `${roles.join(',')}|${explicitIds.join(',')}`;
      const cached = unionCache.get(key);
      if (cached !== undefined) permissions = cached;
      else {
        permissions = explicitPermissions;
        for (const rid of roles) permissions = union(permissions, roleSets.get(rid) ?? empty);
        unionCache.set(key, permissions);
      }
    }
    const status = u.statusInfo?.status ?? 1;
    const accountLocked = u.statusInfo?.accountLocked ?? false;
    const tenantsAdministered = u.tenantsAdministered ?? EMPTY_IDS;
    users.set(u.id, {
      id: u.id,
      userName: u.userName,
      tenantId: u.tenantId,
      status,
      accountLocked,
      active: status !== 0 && !accountLocked, // R-EFF-3
      roles,
      explicitPermissions,
      permissions,
      tenantsAdministered,
      administers: tenantsAdministered.length === 0 ? EMPTY_ID_SET : new Set(tenantsAdministered),
      isAdministrator: has(permissions, Permission.Administrator),
    });
    for (const rid of roles) pushTo(roleUsers, rid, u.id);
    pushTo(tenantUsers, u.tenantId, u.id);
    for (const tid of tenantsAdministered) pushTo(tenantAdmins, tid, u.id);
  }

  const usersByName = new Map<string, User>();
  const byName = [...users.values()].sort((a, b) => (a.userName < b.userName ? -1 : a.userName > b.userName ? 1 : 0));
  for (const u of byName) usersByName.set(u.userName, u);

  const tenants = new Map<TenantId, Tenant>();
  for (const tn of tenantsIn) {
    tenants.set(tn.id, {
      id: tn.id,
      name: tn.name,
      parentTenant: tn.id === SYSTEM_TENANT ? undefined : (tn.parentTenant ?? SYSTEM_TENANT),
      admins: tenantAdmins.get(tn.id) ?? EMPTY_IDS,
      users: tenantUsers.get(tn.id) ?? EMPTY_IDS,
    });
  }

  const roles = new Map<RoleId, Role>();
  for (const r of rolesIn) {
    roles.set(r.id, { id: r.id, name: r.name, tenantId: r.tenantId, permissions: roleSets.get(r.id) ?? empty, users: roleUsers.get(r.id) ?? EMPTY_IDS });
  }

  // Reverse membership, ascending because data sources are visited in ascending order.
  const groupsOf = new Map<DataSourceId, DataSourceId[]>();
  for (const ds of dataSourcesIn) for (const m of ds.members ?? []) pushTo(groupsOf, m.id, ds.id);

  const dataSources = new Map<DataSourceId, DataSource>();
  const byOwner = new Map<UserId, DataSourceId[]>();
  const byRecipient = new Map<UserId, DataSourceId[]>();
  const byTenant = new Map<TenantId, DataSourceId[]>();
  for (const ds of dataSourcesIn) {
    const owner = users.get(ds.owner);
    let sharedUsers = EMPTY_USER_SHARES;
    if (ds.sharedUsers !== undefined && ds.sharedUsers.length > 0) {
      const shares = new Map<UserId, UserShare>();
      for (const s of ds.sharedUsers) {
        const recipient = users.get(s.userId);
        // R-SHR-6: in force while the recipient is in the owner's tenant, or the owner administers its tenant, or holds 12.
        const inForce = owner !== undefined && recipient !== undefined && shareInForce(owner, recipient.tenantId) !== 'notInForce';
        shares.set(s.userId, { _tag: 'UserShare', dataSourceId: ds.id, userId: s.userId, permissions: setOf(s.permissions), inForce });
        pushTo(byRecipient, s.userId, ds.id);
      }
      sharedUsers = shares;
    }
    let sharedTenants = EMPTY_TENANT_SHARES;
    if (ds.sharedTenants !== undefined && ds.sharedTenants.length > 0) {
      const shares = new Map<TenantId, TenantShare>();
      for (const s of ds.sharedTenants) {
        shares.set(s.tenantId, { _tag: 'TenantShare', dataSourceId: ds.id, tenantId: s.tenantId, permissions: setOf(s.permissions) });
        pushTo(byTenant, s.tenantId, ds.id);
      }
      sharedTenants = shares;
    }
    const members: ReadonlyArray<Member> =
      ds.members === undefined || ds.members.length === 0 ? EMPTY_MEMBERS : ds.members.map((m) => ({ id: m.id, entityPrefix: m.entityPrefix }));
    // R-DSP-1: absent and [] differ.
    const override = ds.permissions === undefined ? undefined : setOf(ds.permissions);
    dataSources.set(ds.id, {
      id: ds.id,
      name: ds.name,
      owner: ds.owner,
      isGroup: ds.isGroup ?? false,
      permissions: override,
      members,
      memberIds: members.length === 0 ? EMPTY_ID_SET : new Set(members.map((m) => m.id)),
      sharedUsers,
      sharedTenants,
      groups: groupsOf.get(ds.id) ?? EMPTY_IDS,
      ownerAccess:
        override !== undefined
          ? { _tag: 'Override', dataSourceId: ds.id, permissions: override } // R-DSP-1: replaces, never merges
          : { _tag: 'Owner', dataSourceId: ds.id, permissions: owner?.permissions ?? empty }, // R-DSP-2
    });
    pushTo(byOwner, ds.owner, ds.id);
  }

  const oauthApps = new Map<number, OAuthApp>();
  for (const a of checked.oauthApps ?? []) oauthApps.set(a.id, { id: a.id, name: a.name, tenantId: a.tenantId, dataStore: a.dataStore });
  const oauthProfiles = new Map<number, OAuthProfile>();
  for (const p of checked.oauthProfiles ?? []) oauthProfiles.set(p.id, { id: p.id, name: p.name, oauthAppId: p.oauthAppId, owner: p.owner });

  return {
    catalog,
    tenants,
    roles,
    users,
    usersByName,
    dataSources,
    oauthApps,
    oauthProfiles,
    dataSourcesByOwner: ascendingKeys(byOwner),
    userSharesByRecipient: ascendingKeys(byRecipient),
    tenantSharesByTenant: ascendingKeys(byTenant),
    source: checked,
  };
};
