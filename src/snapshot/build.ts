/**
 * The compiled form of one entity, built from its normalized JSON: the single definition of
 * every derived fact of the model (R-EFF-1 user permissions, R-EFF-3 activity, R-SHR-6 shares in
 * force, R-DSP-1/R-DSP-2 owner access). The full compiler (`compile.ts`) and the incremental
 * updater (`update.ts`) both build entities only through these functions, so a model kept up to
 * date by small updates cannot derive a fact differently from one compiled from scratch.
 */
import { recipientBit } from '../rules/shareFilter.js';
import { Permission, SYSTEM_TENANT } from '../catalog/catalog.js';
import { empty, fromIds, has, union, type PermissionSet } from '../catalog/permissionSet.js';
import type { DataSourceJson, RoleJson, TenantJson, UserJson } from '../codec/snapshot.js';
import type { DataSource, DataSourceId, Member, OwnerAccess, Role, Tenant, TenantId, TenantShare, User, UserId, UserShare } from '../model/snapshot.js';
import { shareInForce } from '../rules/sharesInForce.js';

/** Makes a permission set from ids (the compiler passes one that shares identical sets). */
export type SetMaker = (ids: ReadonlyArray<number>) => PermissionSet;

/** A `SetMaker` that builds a fresh set each time. */
export const freshSet: SetMaker = (ids) => (ids.length === 0 ? empty : fromIds(ids));

const EMPTY_IDS: ReadonlyArray<number> = [];
const EMPTY_ID_SET: ReadonlySet<number> = new Set<number>();
const EMPTY_USER_SHARES: ReadonlyMap<UserId, UserShare> = new Map<UserId, UserShare>();
const EMPTY_TENANT_SHARES: ReadonlyMap<TenantId, TenantShare> = new Map<TenantId, TenantShare>();
const NO_TENANT_SHARES: ReadonlyArray<TenantShare> = [];
const EMPTY_MEMBERS: ReadonlyArray<Member> = [];

/** An empty id list, shared. */
export const noIds: ReadonlyArray<number> = EMPTY_IDS;

/** R-EFF-1: the union of the roles' permissions and the explicit ones. */
export const userPermissionsOf = (
  roles: ReadonlyArray<number>,
  explicit: PermissionSet,
  roleSet: (roleId: number) => PermissionSet | undefined,
): PermissionSet => {
  if (roles.length === 1 && explicit.ids.length === 0) return roleSet(roles[0] ?? -1) ?? empty;
  let permissions = explicit;
  for (const rid of roles) permissions = union(permissions, roleSet(rid) ?? empty);
  return permissions;
};

/**
 * A compiled user from its normalized JSON; `permissions` is R-EFF-1's union, computed by the
 * caller (it may share it). `administered`, when given, is the list (and set) to keep when the
 * JSON lists the same tenants (an unchanged standing is then recognised by identity).
 */
export const buildUser = (
  u: UserJson,
  explicitPermissions: PermissionSet,
  permissions: PermissionSet,
  administered?: { readonly tenantsAdministered: ReadonlyArray<TenantId>; readonly administers: ReadonlySet<TenantId> },
): User => {
  const status = u.statusInfo?.status ?? 1;
  const accountLocked = u.statusInfo?.accountLocked ?? false;
  const listed = u.tenantsAdministered ?? EMPTY_IDS;
  const keep = administered !== undefined && sameIds(administered.tenantsAdministered, listed);
  const tenantsAdministered = keep ? administered.tenantsAdministered : listed;
  return {
    // the fields a decision reads come first, so that they share the object's first cache line
    id: u.id,
    active: status !== 0 && !accountLocked, // R-EFF-3
    tenantId: u.tenantId,
    permissions,
    userName: u.userName,
    status,
    accountLocked,
    roles: u.permissions.roles,
    explicitPermissions,
    tenantsAdministered,
    administers: keep ? administered.administers : tenantsAdministered.length === 0 ? EMPTY_ID_SET : new Set(tenantsAdministered),
    isAdministrator: has(permissions, Permission.Administrator),
  };
};

const sameIds = (a: ReadonlyArray<number>, b: ReadonlyArray<number>): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** A compiled tenant; `admins` and `users` are derived from the users by the caller. */
export const buildTenant = (tn: TenantJson, admins: ReadonlyArray<UserId>, users: ReadonlyArray<UserId>): Tenant => ({
  id: tn.id,
  name: tn.name,
  parentTenant: tn.id === SYSTEM_TENANT ? undefined : (tn.parentTenant ?? SYSTEM_TENANT),
  status: tn.status,
  admins,
  users,
});

/** A compiled role; `users` is derived from the users by the caller. */
export const buildRole = (r: RoleJson, permissions: PermissionSet, users: ReadonlyArray<UserId>): Role => ({
  id: r.id,
  name: r.name,
  tenantId: r.tenantId,
  permissions,
  users,
});

/** R-SHR-6: whether a share from `owner` to `recipient` is in force (false when either is missing). */
export const userShareInForce = (owner: User | undefined, recipient: User | undefined): boolean =>
  owner !== undefined && recipient !== undefined && shareInForce(owner, recipient.tenantId) !== 'notInForce';

/** The owner's route to data source `id`: R-DSP-1 the data-source set exactly when given, else R-DSP-2 the owner's user permissions. */
export const ownerAccessOf = (id: DataSourceId, override: PermissionSet | undefined, owner: User | undefined): OwnerAccess =>
  override !== undefined
    ? { _tag: 'Override', dataSourceId: id, permissions: override } // R-DSP-1: replaces, never merges
    : { _tag: 'Owner', dataSourceId: id, permissions: owner?.permissions ?? empty }; // R-DSP-2

/**
 * A compiled data source from its normalized JSON: shares with their R-SHR-6 standing, and the
 * owner's route (R-DSP-1 exactly the set when given, else R-DSP-2 the owner's user permissions).
 */
export const buildDataSource = (
  ds: DataSourceJson,
  userOf: (id: UserId) => User | undefined,
  groups: ReadonlyArray<DataSourceId>,
  setOf: SetMaker,
): DataSource => {
  const owner = userOf(ds.owner);
  let sharedUsers = EMPTY_USER_SHARES;
  if (ds.sharedUsers !== undefined && ds.sharedUsers.length > 0) {
    const shares = new Map<UserId, UserShare>();
    for (const s of ds.sharedUsers) {
      const inForce = userShareInForce(owner, userOf(s.userId));
      shares.set(s.userId, userShareOf(ds.id, s.userId, setOf(s.permissions), inForce));
    }
    sharedUsers = shares;
  }
  let sharedTenants = EMPTY_TENANT_SHARES;
  if (ds.sharedTenants !== undefined && ds.sharedTenants.length > 0) {
    const shares = new Map<TenantId, TenantShare>();
    for (const s of ds.sharedTenants) shares.set(s.tenantId, { _tag: 'TenantShare', dataSourceId: ds.id, tenantId: s.tenantId, permissions: setOf(s.permissions) });
    sharedTenants = shares;
  }
  const members: ReadonlyArray<Member> =
    ds.members === undefined || ds.members.length === 0 ? EMPTY_MEMBERS : ds.members.map((m) => ({ id: m.id, entityPrefix: m.entityPrefix }));
  // R-DSP-1: absent and [] differ.
  const override = ds.permissions === undefined ? undefined : setOf(ds.permissions);
  const memberIds = members.length === 0 ? EMPTY_ID_SET : new Set(members.map((m) => m.id));
  const tenantShareList = sharedTenants.size === 0 ? NO_TENANT_SHARES : [...sharedTenants.values()];
  return dataSourceOf(ds.id, ds.name, ds.owner, ds.isGroup ?? false, override, members, memberIds, sharedUsers, sharedTenants, tenantShareList, groups, ownerAccessOf(ds.id, override, owner));
};

/**
 * The one place a compiled data source object is made: every data source, compiled or re-derived,
 * has the same fields in the same order, so the hot path sees one object shape.
 */
const dataSourceOf = (
  id: DataSourceId,
  name: string,
  owner: UserId,
  isGroup: boolean,
  permissions: PermissionSet | undefined,
  members: ReadonlyArray<Member>,
  memberIds: ReadonlySet<DataSourceId>,
  sharedUsers: ReadonlyMap<UserId, UserShare>,
  sharedTenants: ReadonlyMap<TenantId, TenantShare>,
  tenantShareList: ReadonlyArray<TenantShare>,
  groups: ReadonlyArray<DataSourceId>,
  ownerAccess: OwnerAccess,
): DataSource => ({
  // the fields a decision reads come first, so that they share the object's first cache line
  owner,
  userShareFilter: filterOf(sharedUsers, (share) => (share.inForce ? share.userId : undefined)),
  tenantShareFilter: filterOf(sharedTenants, (share) => share.tenantId),
  tenantShareList,
  permissions,
  ownerAccess,
  sharedUsers,
  sharedTenants,
  id,
  isGroup,
  memberIds,
  name,
  members,
  groups,
});

/** The 32-bit recipient filter of a data source's shares (see `DataSource.userShareFilter`). */
const filterOf = <S>(shares: ReadonlyMap<number, S>, keyOf: (share: S) => number | undefined): number => {
  let bits = 0;
  for (const share of shares.values()) {
    const key = keyOf(share);
    if (key !== undefined) bits |= recipientBit(key);
  }
  return bits;
};

/** The one place a user share object is made (one object shape, see `dataSourceOf`). */
const userShareOf = (dataSourceId: DataSourceId, userId: UserId, permissions: PermissionSet, inForce: boolean): UserShare => ({
  _tag: 'UserShare',
  dataSourceId,
  userId,
  permissions,
  inForce,
});

/** The same data source re-derived after its owner or recipients changed (shares' standing, owner access, groups); `ds` itself when none of them changed. */
export const rederiveDataSource = (ds: DataSource, userOf: (id: UserId) => User | undefined, groups: ReadonlyArray<DataSourceId>): DataSource => {
  const owner = userOf(ds.owner);
  // a copy only when a share changed its standing (R-SHR-6); otherwise versions share the map
  let changed: Map<UserId, UserShare> | undefined;
  for (const s of ds.sharedUsers.values()) {
    const inForce = userShareInForce(owner, userOf(s.userId));
    if (inForce === s.inForce) continue;
    changed ??= new Map(ds.sharedUsers); // same keys, same order
    changed.set(s.userId, userShareOf(s.dataSourceId, s.userId, s.permissions, inForce));
  }
  const ownerAccess = ownerAccessOf(ds.id, ds.permissions, owner);
  // nothing derived changed: the same object, so that the update leaves the data source (and its row) alone
  if (changed === undefined && groups === ds.groups && ownerAccess.permissions === ds.ownerAccess.permissions) return ds; // the route's kind follows ds.permissions, unchanged here
  return dataSourceOf(ds.id, ds.name, ds.owner, ds.isGroup, ds.permissions, ds.members, ds.memberIds, changed ?? ds.sharedUsers, ds.sharedTenants, ds.tenantShareList, groups, ownerAccess);
};
