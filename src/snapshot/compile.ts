/**
 * Compiles a checked, normalized snapshot (SPEC §2) into the indexed, immutable `Snapshot`.
 *
 * Linear in the size of the input: one pass per kind, every derived list built by iterating in
 * ascending id order, identical permission sets shared through a cache. Entities are built by
 * the functions of `build.ts`, the same ones the incremental updater uses.
 * INVARIANT (ordered): every table is built in ascending key order, every list is ascending.
 * INVARIANT (total): never throws; a reference that does not resolve (impossible after the
 * checks) falls back to "nothing" rather than crashing.
 * INVARIANT (no second copy): the compiled model keeps no reference to the input JSON beyond the
 * catalog entries (D-INC-3); `encodeSnapshot` rebuilds the JSON from the model.
 */
import { empty, fromIds, type PermissionSet } from '../catalog/permissionSet.js';
import type { SnapshotJson } from '../codec/snapshot.js';
import type { DataSource, DataSourceId, OAuthApp, OAuthProfile, Role, RoleId, Snapshot, Tenant, TenantId, User, UserId } from '../model/snapshot.js';
import { Table, textOrder } from '../model/table.js';
import { dataSourceRows, emptyPool, poolWith, userRows } from '../model/rows.js';
import { buildDataSource, buildRole, buildTenant, buildUser, noIds, userPermissionsOf, type SetMaker } from './build.js';
import { snapshotCatalog } from './check.js';
import { IdLists } from './idLists.js';

/** The map re-inserted in ascending key order, as a table. */
const ascendingTable = <V>(map: ReadonlyMap<number, V>): Table<number, V> => Table.ofIdMap(map);

/** A set maker that shares identical sets: ids below 32 (almost all) by bit mask, others by their list. */
const sharingSetMaker = (): SetMaker => {
  const smallSetCache = new Map<number, PermissionSet>();
  const setCache = new Map<string, PermissionSet>();
  return (ids) => {
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
};

/** R-TRN-2: the larger of the given high-water mark and the highest id + 1 (1 when there is none). */
const nextMark = (given: number | undefined, ids: Iterable<number>): number => {
  let max = 0;
  for (const id of ids) if (id > max) max = id;
  return Math.max(given ?? 0, max + 1);
};

/** Compiles a snapshot that passed `normalizeAndCheck` into its indexed form (SPEC §2). */
export const compileSnapshot = (checked: SnapshotJson): Snapshot => {
  const catalog = snapshotCatalog(checked.permissions);
  const setOf = sharingSetMaker();

  const tenantsIn = checked.tenants ?? [];
  const rolesIn = checked.roles ?? [];
  const usersIn = checked.users ?? [];
  const dataSourcesIn = checked.dataSources ?? [];

  // Roles' permission sets first: user permissions are built from them.
  const roleSets = new Map<RoleId, PermissionSet>();
  for (const r of rolesIn) roleSets.set(r.id, setOf(r.permissions));
  const roleSet = (rid: RoleId): PermissionSet | undefined => roleSets.get(rid);

  // Users (ascending), with the derived relations collected in ascending user order.
  const roleUsers = IdLists.over(rolesIn);
  const tenantUsers = IdLists.over(tenantsIn);
  const tenantAdmins = IdLists.over(tenantsIn);
  const unionCache = new Map<string, PermissionSet>();
  const users = new Map<UserId, User>();
  for (const u of usersIn) {
    const roles = u.permissions.roles;
    const explicitIds = u.permissions.permissions ?? noIds;
    const explicitPermissions = setOf(explicitIds);
    // R-EFF-1, shared between users with the same roles and explicit permissions
    const key = `${roles.join(',')}|${explicitIds.join(',')}`;
    let permissions = unionCache.get(key);
    if (permissions === undefined) {
      permissions = userPermissionsOf(roles, explicitPermissions, roleSet);
      unionCache.set(key, permissions);
    }
    users.set(u.id, buildUser(u, explicitPermissions, permissions));
    for (const rid of roles) roleUsers.push(rid, u.id);
    tenantUsers.push(u.tenantId, u.id);
    for (const tid of u.tenantsAdministered ?? noIds) tenantAdmins.push(tid, u.id);
  }

  const byName = [...users.values()].map((u): readonly [string, UserId] => [u.userName, u.id]);
  const userIdsByName = Table.fromEntries(byName, textOrder);

  const tenants = new Map<TenantId, Tenant>();
  for (const tn of tenantsIn) tenants.set(tn.id, buildTenant(tn, tenantAdmins.get(tn.id) ?? noIds, tenantUsers.get(tn.id) ?? noIds));

  const roles = new Map<RoleId, Role>();
  for (const r of rolesIn) roles.set(r.id, buildRole(r, roleSets.get(r.id) ?? empty, roleUsers.get(r.id) ?? noIds));

  // Reverse membership, ascending because data sources are visited in ascending order.
  const groupsOf = IdLists.over(dataSourcesIn);
  for (const ds of dataSourcesIn) for (const m of ds.members ?? []) groupsOf.push(m.id, ds.id);

  const dataSources = new Map<DataSourceId, DataSource>();
  const byOwner = IdLists.over(usersIn);
  const byRecipient = IdLists.over(usersIn);
  const byTenant = IdLists.over(tenantsIn);
  const userTable = Table.ofIdMap(users, userRows); // owners and recipients are looked up here: no Map probe per share
  const userOf = (id: UserId): User | undefined => userTable.get(id);
  for (const ds of dataSourcesIn) {
    dataSources.set(ds.id, buildDataSource(ds, userOf, groupsOf.get(ds.id) ?? noIds, setOf));
    for (const s of ds.sharedUsers ?? []) byRecipient.push(s.userId, ds.id);
    for (const s of ds.sharedTenants ?? []) byTenant.push(s.tenantId, ds.id);
    byOwner.push(ds.owner, ds.id);
  }

  const oauthApps = new Map<number, OAuthApp>();
  for (const a of checked.oauthApps ?? []) oauthApps.set(a.id, { id: a.id, name: a.name, tenantId: a.tenantId, dataStore: a.dataStore });
  const oauthProfiles = new Map<number, OAuthProfile>();
  const profilesByOwner = IdLists.over(usersIn);
  const profilesByApp = IdLists.over(checked.oauthApps ?? []);
  for (const p of checked.oauthProfiles ?? []) {
    oauthProfiles.set(p.id, { id: p.id, name: p.name, oauthAppId: p.oauthAppId, owner: p.owner });
    profilesByOwner.push(p.owner, p.id);
    profilesByApp.push(p.oauthAppId, p.id);
  }

  return {
    catalog,
    catalogEntries: checked.permissions ?? [],
    tenants: ascendingTable(tenants),
    roles: ascendingTable(roles),
    users: userTable,
    userIdsByName,
    activeAdministrators: ascendingTable(new Map([...users].filter(([, u]) => u.active && u.isAdministrator))),
    dataSources: Table.ofIdMap(dataSources, dataSourceRows),
    oauthApps: ascendingTable(oauthApps),
    oauthProfiles: ascendingTable(oauthProfiles),
    dataSourcesByOwner: Table.ofIds(byOwner.ascending()),
    userSharesByRecipient: Table.ofIds(byRecipient.ascending()),
    tenantSharesByTenant: Table.ofIds(byTenant.ascending()),
    profilesByOwner: Table.ofIds(profilesByOwner.ascending()),
    profilesByApp: Table.ofIds(profilesByApp.ascending()),
    nextIds: checked.nextIds,
    idMarks: {
      tenant: nextMark(checked.nextIds?.tenant, tenants.keys()),
      role: nextMark(checked.nextIds?.role, roles.keys()),
      user: nextMark(checked.nextIds?.user, users.keys()),
      dataSource: nextMark(checked.nextIds?.dataSource, dataSources.keys()),
      oauthApp: nextMark(checked.nextIds?.oauthApp, oauthApps.keys()),
      oauthProfile: nextMark(checked.nextIds?.oauthProfile, oauthProfiles.keys()),
    },
    setPool: poolWith(emptyPool, dataSources.values()),
  };
};
