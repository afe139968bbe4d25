/**
 * Arbitraries for snapshot JSON (SPEC §2) that are valid by construction: no filter, every
 * choice is an index taken modulo the candidates that make it legal, so shrinking stays useful.
 *
 * INVARIANT (valid): every generated snapshot passes every load-time check (R-SNAP-1 … R-SNAP-9):
 * - tenants: the system tenant 1 (sometimes omitted, R-SNAP-3 adds it) and up to 3 children
 *   with `parentTenant` 1;
 * - roles: the predefined roles 1, 2, 3 of tenant 1 (sometimes written out, with their exact
 *   permissions, R-CAT-2) and custom roles; every child tenant has at least one role of its own;
 * - users: at least one role, all of the user's own tenant (R-SNAP-5); administrative access
 *   obeys R-ADM-5 (system-tenant users any tenant, child users only their own);
 * - data sources: overrides ⊆ {2,3,4,5,6,7,10} (R-CAT-1), shares ⊆ {2..7} (R-SHR-5), no share to
 *   the owner, no duplicate recipient, no user share to a user of a tenant the data source is
 *   shared with (R-SHR-3); group members are non-group data sources of the group's owner.
 * Ids of different kinds overlap on purpose (a user, a tenant and a data source may all be 3),
 * so that an engine which confuses kinds of ids is caught.
 */
import fc from 'fast-check';
import type {
  DataSourceJson,
  MemberJson,
  PermissionEntryJson,
  RoleJson,
  SnapshotJson,
  TenantJson,
  TenantShareJson,
  UserJson,
  UserShareJson,
} from '../../src/codec/snapshot.js';

/** The system tenant's id (R-SNAP-3). */
export const SYSTEM_TENANT = 1;

/** Every built-in permission id (SPEC §1). */
export const BUILT_IN_IDS: ReadonlyArray<number> = Array.from({ length: 29 }, (_, i) => i + 1);

/** The id of the permission a snapshot catalog may add. */
export const CUSTOM_PERMISSION = 30;

/** R-CAT-1: the permissions a data source may carry. */
export const SETTABLE_IDS: ReadonlyArray<number> = [2, 3, 4, 5, 6, 7, 10];

/** R-CAT-1 and R-SHR-5: the permissions a share may carry. */
export const SHARE_IDS: ReadonlyArray<number> = [2, 3, 4, 5, 6, 7];

/** Administrator (12). */
export const ADMINISTRATOR = 12;

const range = (from: number, to: number): ReadonlyArray<number> => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** R-CAT-2: the predefined roles' permissions for a catalog whose ids are `catalogIds`. */
export const predefinedRolePermissions = (roleId: number, catalogIds: ReadonlyArray<number>): ReadonlyArray<number> =>
  roleId === 1 ? catalogIds : roleId === 2 ? range(1, 11) : [...range(1, 11), ...range(13, 21)];

/** The names of the predefined roles. */
const PREDEFINED_NAMES: ReadonlyArray<string> = ['System Administrator', 'User', 'Tenant Administrator'];

// ---- blueprints: plain random choices, resolved into a valid snapshot by `buildSnapshot` ------

/** How a user's status is written (R-EFF-3); most users are active. */
export type StatusChoice = 'absent' | 'active' | 'inactive' | 'locked' | 'inactiveAndLocked';

/** A permission list blueprint: absent, empty, or a subset. */
type ListChoice = { readonly _tag: 'absent' } | { readonly _tag: 'list'; readonly ids: ReadonlyArray<number> };

interface RoleBlueprint {
  readonly tenant: number;
  readonly permissions: ReadonlyArray<number>;
}

interface UserBlueprint {
  readonly tenant: number;
  readonly roles: ReadonlyArray<number>;
  readonly explicit: ListChoice;
  readonly administered: ListChoice;
  readonly status: StatusChoice;
}

interface ShareBlueprint {
  readonly recipient: number;
  readonly permissions: ReadonlyArray<number>;
}

interface DataSourceBlueprint {
  readonly owner: number;
  readonly isGroup: boolean;
  readonly writeIsGroup: boolean;
  readonly override: ListChoice;
  readonly userShares: ReadonlyArray<ShareBlueprint>;
  readonly tenantShares: ReadonlyArray<ShareBlueprint>;
  readonly members: ReadonlyArray<number>;
  readonly entityPrefix: boolean;
}

interface SnapshotBlueprint {
  readonly childTenantIds: ReadonlyArray<number>;
  readonly writeSystemTenant: boolean;
  readonly writePredefined: ReadonlyArray<boolean>;
  readonly writeAdmins: boolean;
  readonly customCatalog: boolean;
  readonly childRolePermissions: ReadonlyArray<ReadonlyArray<number>>;
  readonly extraRoles: ReadonlyArray<RoleBlueprint>;
  readonly roleIds: ReadonlyArray<number>;
  readonly users: ReadonlyArray<UserBlueprint>;
  readonly userIds: ReadonlyArray<number>;
  readonly dataSources: ReadonlyArray<DataSourceBlueprint>;
  readonly dataSourceIds: ReadonlyArray<number>;
}

/** A permission subset of the catalog, holding Administrator (12) only now and then. */
const userLevelPermissions = (maxLength: number): fc.Arbitrary<ReadonlyArray<number>> =>
  fc
    .tuple(
      fc.subarray([...BUILT_IN_IDS.filter((p) => p !== ADMINISTRATOR), CUSTOM_PERMISSION], { maxLength }),
      fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, { arbitrary: fc.constant(true), weight: 1 }),
    )
    .map(([ids, admin]) => (admin ? [...ids, ADMINISTRATOR] : ids));

const listChoice = (subset: fc.Arbitrary<ReadonlyArray<number>>, absentWeight: number): fc.Arbitrary<ListChoice> =>
  fc.oneof(
    { arbitrary: fc.constant<ListChoice>({ _tag: 'absent' }), weight: absentWeight },
    { arbitrary: fc.constant<ListChoice>({ _tag: 'list', ids: [] }), weight: 1 },
    { arbitrary: subset.map((ids): ListChoice => ({ _tag: 'list', ids })), weight: 4 },
  );

const statusChoice: fc.Arbitrary<StatusChoice> = fc.oneof(
  { arbitrary: fc.constant<StatusChoice>('absent'), weight: 14 },
  { arbitrary: fc.constant<StatusChoice>('active'), weight: 3 },
  { arbitrary: fc.constant<StatusChoice>('inactive'), weight: 1 },
  { arbitrary: fc.constant<StatusChoice>('locked'), weight: 1 },
  { arbitrary: fc.constant<StatusChoice>('inactiveAndLocked'), weight: 1 },
);

const shareBlueprint: fc.Arbitrary<ShareBlueprint> = fc.record({ recipient: fc.nat(15), permissions: fc.subarray([...SHARE_IDS]) });

const dataSourceBlueprint: fc.Arbitrary<DataSourceBlueprint> = fc.record({
  owner: fc.nat(15),
  isGroup: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }),
  writeIsGroup: fc.boolean(),
  override: listChoice(fc.subarray([...SETTABLE_IDS]), 5),
  userShares: fc.array(shareBlueprint, { maxLength: 3 }),
  tenantShares: fc.oneof({ arbitrary: fc.constant([]), weight: 2 }, { arbitrary: fc.array(shareBlueprint, { minLength: 1, maxLength: 2 }), weight: 1 }),
  members: fc.array(fc.nat(15), { maxLength: 4 }),
  entityPrefix: fc.boolean(),
});

const userBlueprint: fc.Arbitrary<UserBlueprint> = fc.record({
  tenant: fc.nat(15),
  roles: fc.array(fc.nat(15), { minLength: 1, maxLength: 3 }),
  explicit: listChoice(userLevelPermissions(5), 4),
  administered: listChoice(fc.array(fc.nat(15), { maxLength: 3 }), 3),
  status: statusChoice,
});

const snapshotBlueprint: fc.Arbitrary<SnapshotBlueprint> = fc.record({
  childTenantIds: fc.shuffledSubarray([2, 3, 4, 5, 6, 7, 8, 9], { maxLength: 3 }),
  writeSystemTenant: fc.boolean(),
  writePredefined: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  writeAdmins: fc.boolean(),
  customCatalog: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
  childRolePermissions: fc.array(userLevelPermissions(10), { minLength: 3, maxLength: 3 }),
  extraRoles: fc.array(fc.record({ tenant: fc.nat(15), permissions: userLevelPermissions(10) }), { maxLength: 3 }),
  roleIds: fc.shuffledSubarray([...range(4, 14)], { minLength: 6, maxLength: 6 }),
  users: fc.array(userBlueprint, { minLength: 1, maxLength: 8 }),
  userIds: fc.shuffledSubarray([...range(1, 12)], { minLength: 8, maxLength: 8 }),
  dataSources: fc.array(dataSourceBlueprint, { minLength: 1, maxLength: 8 }),
  dataSourceIds: fc.shuffledSubarray([...range(1, 12)], { minLength: 8, maxLength: 8 }),
});

// ---- building --------------------------------------------------------------------------------

const pick = <T>(items: ReadonlyArray<T>, index: number): T | undefined => (items.length === 0 ? undefined : items[index % items.length]);

const uniqueBy = <T>(items: ReadonlyArray<T>, key: (item: T) => number): ReadonlyArray<T> => {
  const seen = new Set<number>();
  return items.filter((item) => {
    if (seen.has(key(item))) return false;
    seen.add(key(item));
    return true;
  });
};

const statusInfoOf = (status: StatusChoice): UserJson['statusInfo'] | undefined => {
  switch (status) {
    case 'absent':
      return undefined;
    case 'active':
      return { status: 1, accountLocked: false };
    case 'inactive':
      return { status: 0 };
    case 'locked':
      return { accountLocked: true };
    case 'inactiveAndLocked':
      return { status: 0, accountLocked: true };
  }
};

/** Resolves a blueprint into a valid snapshot (see the module INVARIANT). */
const buildSnapshot = (b: SnapshotBlueprint): SnapshotJson => {
  const catalogIds = b.customCatalog ? [...BUILT_IN_IDS, CUSTOM_PERMISSION] : BUILT_IN_IDS;
  const inCatalog = (ids: ReadonlyArray<number>): ReadonlyArray<number> => ids.filter((p) => catalogIds.includes(p));
  const tenantIds = [SYSTEM_TENANT, ...b.childTenantIds];

  // Roles: one of its own for every child tenant, then the extra ones anywhere.
  const roles: RoleJson[] = [];
  b.writePredefined.forEach((write, i) => {
    if (write) roles.push({ id: i + 1, name: PREDEFINED_NAMES[i] ?? 'Predefined', tenantId: SYSTEM_TENANT, permissions: predefinedRolePermissions(i + 1, catalogIds) });
  });
  const roleTenants: Array<{ readonly id: number; readonly tenantId: number }> = [1, 2, 3].map((id) => ({ id, tenantId: SYSTEM_TENANT }));
  let nextRole = 0;
  const addRole = (tenantId: number, permissions: ReadonlyArray<number>): void => {
    const id = b.roleIds[nextRole] ?? 100 + nextRole;
    nextRole += 1;
    roles.push({ id, name: `role${id}`, tenantId, permissions: inCatalog(permissions) });
    roleTenants.push({ id, tenantId });
  };
  b.childTenantIds.forEach((tenantId, i) => addRole(tenantId, b.childRolePermissions[i] ?? []));
  for (const extra of b.extraRoles) addRole(pick(tenantIds, extra.tenant) ?? SYSTEM_TENANT, extra.permissions);

  // Users: roles of their own tenant (R-SNAP-5), administrative access by R-ADM-5.
  const users: UserJson[] = b.users.map((ub, i) => {
    const id = b.userIds[i] ?? 100 + i;
    const tenantId = pick(tenantIds, ub.tenant) ?? SYSTEM_TENANT;
    const ownRoles = roleTenants.filter((r) => r.tenantId === tenantId).map((r) => r.id);
    const userRoles = [...new Set(ub.roles.map((r) => pick(ownRoles, r) ?? 2))];
    const explicit = ub.explicit._tag === 'absent' ? undefined : inCatalog(ub.explicit.ids);
    const reachable = tenantId === SYSTEM_TENANT ? tenantIds : [tenantId];
    const administered = ub.administered._tag === 'absent' ? undefined : [...new Set(ub.administered.ids.map((t) => pick(reachable, t) ?? tenantId))];
    const statusInfo = statusInfoOf(ub.status);
    return {
      id,
      userName: `u${id}`,
      tenantId,
      permissions: explicit === undefined ? { roles: userRoles } : { roles: userRoles, permissions: explicit },
      ...(statusInfo === undefined ? {} : { statusInfo }),
      ...(administered === undefined ? {} : { tenantsAdministered: administered }),
    };
  });

  // Data sources: owners, overrides, shares (R-SHR-3, R-SNAP-8), then group members (R-GRP-2, R-GRP-3).
  const shells = b.dataSources.map((db, i) => ({
    blueprint: db,
    id: b.dataSourceIds[i] ?? 100 + i,
    owner: pick(users, db.owner) ?? users[0],
  }));
  const dataSources: DataSourceJson[] = shells.map(({ blueprint: db, id, owner }) => {
    const ownerId = owner?.id ?? 0;
    const sharedTenants: ReadonlyArray<TenantShareJson> = uniqueBy(
      db.tenantShares.map((s) => ({ tenantId: pick(tenantIds, s.recipient) ?? SYSTEM_TENANT, permissions: s.permissions })),
      (s) => s.tenantId,
    );
    const covered = new Set(sharedTenants.map((s) => s.tenantId));
    const candidates = users.filter((u) => u.id !== ownerId && !covered.has(u.tenantId));
    const sharedUsers: ReadonlyArray<UserShareJson> = uniqueBy(
      db.userShares.flatMap((s) => {
        const recipient = pick(candidates, s.recipient);
        return recipient === undefined ? [] : [{ userId: recipient.id, permissions: s.permissions }];
      }),
      (s) => s.userId,
    );
    const memberCandidates = shells.filter((o) => !o.blueprint.isGroup && o.owner?.id === ownerId && o.id !== id);
    const members: ReadonlyArray<MemberJson> = db.isGroup
      ? uniqueBy(
          db.members.flatMap((m) => {
            const member = pick(memberCandidates, m);
            return member === undefined ? [] : [db.entityPrefix ? { id: member.id, entityPrefix: `p${member.id}` } : { id: member.id }];
          }),
          (m) => m.id,
        )
      : [];
    return {
      id,
      name: `ds${id}`,
      owner: ownerId,
      ...(db.isGroup || db.writeIsGroup ? { isGroup: db.isGroup } : {}),
      ...(db.override._tag === 'list' ? { permissions: db.override.ids } : {}),
      ...(sharedUsers.length > 0 || db.userShares.length > 0 ? { sharedUsers } : {}),
      ...(sharedTenants.length > 0 ? { sharedTenants } : {}),
      ...(db.isGroup ? { members } : {}),
    };
  });

  const tenants: TenantJson[] = [];
  const adminsOf = (tenantId: number): ReadonlyArray<number> => users.filter((u) => (u.tenantsAdministered ?? []).includes(tenantId)).map((u) => u.id);
  if (b.writeSystemTenant) tenants.push({ id: SYSTEM_TENANT, name: 'System', ...(b.writeAdmins ? { admins: adminsOf(SYSTEM_TENANT) } : {}) });
  for (const tenantId of b.childTenantIds) {
    tenants.push({ id: tenantId, name: `tenant${tenantId}`, parentTenant: SYSTEM_TENANT, ...(b.writeAdmins ? { admins: adminsOf(tenantId) } : {}) });
  }
  const permissions: ReadonlyArray<PermissionEntryJson> = b.customCatalog ? [{ id: CUSTOM_PERMISSION, name: 'Custom30', category: 'elevated' }] : [];
  return { ...(permissions.length > 0 ? { permissions } : {}), tenants, roles, users, dataSources };
};

/** Valid snapshot JSON (SPEC §2), by construction (see the module INVARIANT): ≤ 4 tenants, ≤ 8 users, ≤ 8 data sources. */
export const snapshotJsonArb: fc.Arbitrary<SnapshotJson> = snapshotBlueprint.map(buildSnapshot);
