/**
 * A deliberately naive reference for SPEC §3, on the raw snapshot JSON with list scans only
 * (no Map, no PermissionSet, no compiled snapshot): the differential law checks the engine
 * against it. Clarity over speed; every branch cites its rule.
 */
import type { DataSourceJson, SnapshotJson, UserJson } from '../../src/codec/snapshot.js';

/** How a subject reaches a data source, as the reference sees it (SPEC §3). */
export type NaiveRoute = 'override' | 'owner' | 'userShare' | 'tenantShare' | 'group' | 'inactive' | 'none';

/** A route and the permissions it gives, ascending without duplicates. */
export interface NaiveAccess {
  readonly route: NaiveRoute;
  readonly permissions: ReadonlyArray<number>;
}

/** Ascending, without duplicates. */
export const sortedIds = (ids: ReadonlyArray<number>): ReadonlyArray<number> => [...new Set(ids)].sort((a, b) => a - b);

const catalogIds = (s: SnapshotJson): ReadonlyArray<number> => [...Array.from({ length: 29 }, (_, i) => i + 1), ...(s.permissions ?? []).map((p) => p.id)];

/** R-CAT-2 and the roles of the snapshot: the permissions of role `id`. */
const rolePermissions = (s: SnapshotJson, id: number): ReadonlyArray<number> => {
  const given = (s.roles ?? []).find((r) => r.id === id);
  if (given !== undefined) return given.permissions;
  if (id === 1) return catalogIds(s);
  if (id === 2) return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  if (id === 3) return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21];
  return [];
};

/** The user with id `id`, if any. */
export const naiveUser = (s: SnapshotJson, id: number): UserJson | undefined => (s.users ?? []).find((u) => u.id === id);

/** The data source with id `id`, if any. */
export const naiveDataSource = (s: SnapshotJson, id: number): DataSourceJson | undefined => (s.dataSources ?? []).find((d) => d.id === id);

/** R-EFF-1, the one test-side definition: the union of the permissions of `roles` (read by `permissionsOf`) and the explicit ones, ascending. */
export const unionOfGrants = (roles: ReadonlyArray<number>, explicit: ReadonlyArray<number>, permissionsOf: (roleId: number) => ReadonlyArray<number>): ReadonlyArray<number> =>
  sortedIds([...roles.flatMap(permissionsOf), ...explicit]);

/** R-EFF-1 on the JSON: the union of the user's roles' permissions and its explicit permissions. */
export const naiveUserPermissions = (s: SnapshotJson, u: UserJson): ReadonlyArray<number> =>
  unionOfGrants(u.permissions.roles, u.permissions.permissions ?? [], (r) => rolePermissions(s, r));

/** R-EFF-3: active (status not 0) and not locked. */
export const naiveActive = (u: UserJson): boolean => u.statusInfo?.status !== 0 && u.statusInfo?.accountLocked !== true;

/** R-SHR-6: a user share to `u` is in force while `u` is in the owner's tenant, the owner administers `u`'s tenant, or holds 12. */
export const inForce = (s: SnapshotJson, d: DataSourceJson, u: UserJson): boolean => {
  const owner = naiveUser(s, d.owner);
  if (owner === undefined) return false;
  return owner.tenantId === u.tenantId || (owner.tenantsAdministered ?? []).includes(u.tenantId) || naiveUserPermissions(s, owner).includes(12);
};

/** R-DSP-1/2/3, R-SHR-1/2/4/6 for an active user, without groups. */
const direct = (s: SnapshotJson, u: UserJson, d: DataSourceJson): NaiveAccess => {
  if (d.owner === u.id) {
    if (d.permissions !== undefined) return { route: 'override', permissions: sortedIds(d.permissions) }; // R-DSP-1
    return { route: 'owner', permissions: naiveUserPermissions(s, u) }; // R-DSP-2
  }
  const share = (d.sharedUsers ?? []).find((x) => x.userId === u.id);
  if (share !== undefined && inForce(s, d, u)) return { route: 'userShare', permissions: sortedIds(share.permissions) }; // R-SHR-1, R-SHR-4
  const tenantShare = (d.sharedTenants ?? []).find((x) => x.tenantId === u.tenantId);
  if (tenantShare !== undefined) return { route: 'tenantShare', permissions: sortedIds(tenantShare.permissions) }; // R-SHR-2, R-SHR-4
  return { route: 'none', permissions: [] }; // R-DSP-3
};

/** The access of user `userId` on `dataSourceId`, through group `groupId` when given (SPEC §3, R-GRP-1). */
export const naiveAccess = (s: SnapshotJson, userId: number, dataSourceId: number, groupId?: number): NaiveAccess => {
  const u = naiveUser(s, userId);
  const d = naiveDataSource(s, dataSourceId);
  if (u === undefined || d === undefined) return { route: 'none', permissions: [] };
  if (!naiveActive(u)) return { route: 'inactive', permissions: [] }; // R-EFF-3
  if (groupId === undefined) return direct(s, u, d);
  const g = naiveDataSource(s, groupId);
  if (g === undefined || g.isGroup !== true || !(g.members ?? []).some((m) => m.id === d.id)) return { route: 'none', permissions: [] };
  const viaGroup = direct(s, u, g);
  if (viaGroup.route === 'none') return viaGroup; // the group is not reachable
  if (viaGroup.route === 'owner') return { route: 'group', permissions: direct(s, u, d).permissions }; // no set on the group
  return { route: 'group', permissions: viaGroup.permissions }; // a set on the group: group over member
};

/** The effective permissions of user `userId` on `dataSourceId` (through `groupId`), ascending. */
export const naiveEffective = (s: SnapshotJson, userId: number, dataSourceId: number, groupId?: number): ReadonlyArray<number> =>
  naiveAccess(s, userId, dataSourceId, groupId).permissions;

/** Whether user `userId` has any route to `dataSourceId` whatever its status: ownership, an in-force share, or a group it reaches that contains it. */
export const naiveReaches = (s: SnapshotJson, userId: number, dataSourceId: number): boolean => {
  const u = naiveUser(s, userId);
  const d = naiveDataSource(s, dataSourceId);
  if (u === undefined || d === undefined) return false;
  if (direct(s, u, d).route !== 'none') return true;
  return (s.dataSources ?? []).some((g) => g.isGroup === true && (g.members ?? []).some((m) => m.id === d.id) && direct(s, u, g).route !== 'none');
};

/**
 * R-OAA-1: whether user `u` may manage apps of tenant `tenantId` by its own position: a
 * system-tenant user the system tenant and the tenants it administers, a child-tenant user its
 * own tenant; `withAdministrator` lets 12 stand for every tenant (R-ADM-1, for the actor only).
 */
export const naiveOAuthScope = (s: SnapshotJson, u: UserJson, tenantId: number, withAdministrator: boolean): boolean =>
  (withAdministrator && naiveUserPermissions(s, u).includes(12)) ||
  (u.tenantId === 1 ? tenantId === 1 || (u.tenantsAdministered ?? []).includes(tenantId) : tenantId === u.tenantId);
