/**
 * Fact constructors (R-TRC-1): the one place where trace facts are built. Facts name snapshot
 * entities by id, set-valued facts are ascending (R-TRC-3), and permission names are read from
 * the snapshot's catalog, so a catalog that renames a permission renames it in every trace.
 */
import { permissionName, type Catalog } from '../catalog/catalog.js';
import type { DataSource, Role, Snapshot, User } from '../model/snapshot.js';
import type { AbsentKind, Fact, RouteName } from '../model/trace.js';

/** The fact naming a user, its tenant and its status (R-EFF-3). */
export const userFact = (user: User): Fact => ({
  _tag: 'User',
  userId: user.id,
  userName: user.userName,
  tenantId: user.tenantId,
  status: user.status,
  accountLocked: user.accountLocked,
});

/** The fact stating a user's permissions (R-EFF-1). */
export const userPermissionsFact = (user: User): Fact => ({ _tag: 'UserPermissions', userId: user.id, permissions: user.permissions.ids });

const rolesOf = (snapshot: Snapshot, user: User): ReadonlyArray<Role> =>
  user.roles.flatMap((id) => {
    const role = snapshot.roles.get(id);
    return role === undefined ? [] : [role];
  });

/** The facts behind a user's permissions (R-EFF-1): its roles, each role's set, its explicit set and the union. */
export const userPermissionFacts = (snapshot: Snapshot, user: User): ReadonlyArray<Fact> => [
  { _tag: 'UserRoles', userId: user.id, roles: user.roles },
  ...rolesOf(snapshot, user).map(roleFact),
  { _tag: 'ExplicitPermissions', userId: user.id, permissions: user.explicitPermissions.ids },
  userPermissionsFact(user),
];

/** The fact naming a data source, its owner and whether it is a group. */
export const dataSourceFact = (d: DataSource): Fact => ({ _tag: 'DataSource', dataSourceId: d.id, name: d.name, owner: d.owner, isGroup: d.isGroup });

/** The fact stating a data source's data-source permissions, or that it carries none (R-DSP-1). */
export const overrideFact = (d: DataSource): Fact => ({ _tag: 'Override', dataSourceId: d.id, permissions: d.permissions?.ids ?? null });

/** The fact stating a user share, or its absence (R-SHR-1, R-SHR-6). */
export const userShareFact = (d: DataSource, userId: number): Fact => {
  const share = d.sharedUsers.get(userId);
  return share === undefined
    ? { _tag: 'NoUserShare', dataSourceId: d.id, userId }
    : { _tag: 'UserShare', dataSourceId: d.id, userId, permissions: share.permissions.ids, inForce: share.inForce };
};

/** The fact stating a tenant share, or its absence (R-SHR-2). */
export const tenantShareFact = (d: DataSource, tenantId: number): Fact => {
  const share = d.sharedTenants.get(tenantId);
  return share === undefined
    ? { _tag: 'NoTenantShare', dataSourceId: d.id, tenantId }
    : { _tag: 'TenantShare', dataSourceId: d.id, tenantId, permissions: share.permissions.ids };
};

/** The fact stating whether a user has administrative access on a tenant (R-ADM-2, R-ADM-3). */
export const tenantAccessFact = (user: User, tenantId: number): Fact => ({ _tag: 'TenantAccess', userId: user.id, tenantId, held: user.administers.has(tenantId) });

/** The fact stating whether a data source is a member of a group (R-GRP-1). */
export const membershipFact = (group: DataSource, memberId: number): Fact => ({ _tag: 'Membership', groupId: group.id, memberId, member: group.isGroup && group.memberIds.has(memberId) });

/** The fact stating a subject's effective permissions on a data source and their route. */
export const effectivePermissionsFact = (userId: number, dataSourceId: number, groupId: number | null, route: RouteName, permissions: ReadonlyArray<number>): Fact => ({
  _tag: 'EffectivePermissions',
  userId,
  dataSourceId,
  groupId,
  route,
  permissions,
});

/** The fact stating that a permission is required, in which scope, and whether it is held. */
export const requiresFact = (catalog: Catalog, permission: number, scope: 'user' | 'dataSource', held: boolean): Fact => ({
  _tag: 'Requires',
  permission,
  name: permissionName(catalog, permission),
  scope,
  held,
});

/** A fact that is a sentence (used sparingly: for what has no entity to name). */
export const noteFact = (text: string): Fact => ({ _tag: 'Note', text });

/** The fact stating a role, its tenant and its permissions. */
export const roleFact = (r: Role): Fact => ({ _tag: 'Role', roleId: r.id, roleName: r.name, tenantId: r.tenantId, permissions: r.permissions.ids });

/** The fact stating that an id the request names does not exist, or is hidden from the caller (R-REQ-3). */
export const absentFact = (kind: AbsentKind, id: number): Fact => ({ _tag: 'Absent', kind, id });

/** The fact stating how a user reaches a data source whatever its status (R-OBO-3). */
export const reachFact = (userId: number, dataSourceId: number, route: RouteName): Fact => ({ _tag: 'Reach', userId, dataSourceId, route });

/** The fact stating how a request was routed (R-REQ-1). */
export const routeFact = (
  method: string,
  path: string,
  operation: string | null,
  pattern: string | null,
  targetId: number | null,
  user: string | null,
  badParam: string | null,
  params: Readonly<Record<string, number | string>>,
  repeated: ReadonlyArray<string>,
): Fact => ({ _tag: 'Route', method, path, operation, pattern, targetId, user, badParam, params, repeated });
