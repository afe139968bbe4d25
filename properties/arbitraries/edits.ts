/**
 * Edits of snapshot JSON that keep it valid by construction (SPEC §2), as data plus pure
 * functions: reordering every list and duplicating ids (L-ORDER), rewriting a user's roles and
 * explicit permissions (L-SHARE-EXACT, L-OVERRIDE-EXACT), its status (L-INACTIVE), a
 * data source's own override and share sets (L-GROUP-OVER-MEMBER), and adding one legal
 * permission to a role, a user or a share (L-MONOTONE-GRANT).
 */
import fc from 'fast-check';
import type { DataSourceJson, SnapshotJson, UserJson } from '../../src/codec/snapshot.js';
import { ADMINISTRATOR, BUILT_IN_IDS, CUSTOM_PERMISSION, SETTABLE_IDS, SHARE_IDS, SYSTEM_TENANT } from './snapshot.js';
import { mulberry32 } from './prng.js';

// ---- L-ORDER: reorder every list, duplicate ids inside id lists ------------------------------

/** How to reorder a snapshot: a PRNG seed, and whether to duplicate ids inside id lists. */
export interface Reorder {
  readonly seed: number;
  readonly duplicate: boolean;
}

/** A reordering. */
export const reorderArb: fc.Arbitrary<Reorder> = fc.record({ seed: fc.noShrink(fc.integer()), duplicate: fc.boolean() });

// mulberry32: a reordering is a pure function of its seed
const prng = mulberry32;

/** Every list of the snapshot shuffled, and (with `duplicate`) ids repeated inside id lists. */
export const reorderSnapshot = (json: SnapshotJson, r: Reorder): SnapshotJson => {
  const next = prng(r.seed);
  const shuffle = <T>(items: ReadonlyArray<T>): ReadonlyArray<T> => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = Math.floor(next() * (i + 1));
      const a = out[i];
      const b = out[j];
      if (a !== undefined && b !== undefined) {
        out[i] = b;
        out[j] = a;
      }
    }
    return out;
  };
  const ids = (list: ReadonlyArray<number>): ReadonlyArray<number> => {
    const shuffled = shuffle(list);
    const copy = shuffled[Math.floor(next() * shuffled.length)];
    if (!r.duplicate || copy === undefined || next() < 0.3) return shuffled;
    const at = Math.floor(next() * (shuffled.length + 1));
    return [...shuffled.slice(0, at), copy, ...shuffled.slice(at)];
  };
  const user = (u: UserJson): UserJson => ({
    ...u,
    permissions: u.permissions.permissions === undefined ? { ...u.permissions, roles: ids(u.permissions.roles) } : { ...u.permissions, roles: ids(u.permissions.roles), permissions: ids(u.permissions.permissions) },
    ...(u.tenantsAdministered === undefined ? {} : { tenantsAdministered: ids(u.tenantsAdministered) }),
  });
  const dataSource = (d: DataSourceJson): DataSourceJson => ({
    ...d,
    ...(d.permissions === undefined ? {} : { permissions: ids(d.permissions) }),
    ...(d.sharedUsers === undefined ? {} : { sharedUsers: shuffle(d.sharedUsers.map((s) => ({ ...s, permissions: ids(s.permissions) }))) }),
    ...(d.sharedTenants === undefined ? {} : { sharedTenants: shuffle(d.sharedTenants.map((s) => ({ ...s, permissions: ids(s.permissions) }))) }),
    ...(d.members === undefined ? {} : { members: shuffle(d.members) }),
  });
  return {
    ...(json.permissions === undefined ? {} : { permissions: shuffle(json.permissions) }),
    ...(json.tenants === undefined ? {} : { tenants: shuffle(json.tenants.map((t) => (t.admins === undefined ? t : { ...t, admins: ids(t.admins) }))) }),
    ...(json.roles === undefined ? {} : { roles: shuffle(json.roles.map((ro) => ({ ...ro, permissions: ids(ro.permissions) }))) }),
    ...(json.users === undefined ? {} : { users: shuffle(json.users.map(user)) }),
    ...(json.dataSources === undefined ? {} : { dataSources: shuffle(json.dataSources.map(dataSource)) }),
  };
};

// ---- rewriting one user -----------------------------------------------------------------------

/** A new set of roles (indices into the user's tenant's roles) and explicit permissions (absent or a list). */
export interface UserPermissionsEdit {
  readonly roles: ReadonlyArray<number>;
  readonly explicit: ReadonlyArray<number> | null;
}

/** The catalog ids of a snapshot (SPEC §1). */
export const catalogIdsOf = (json: SnapshotJson): ReadonlyArray<number> => [...BUILT_IN_IDS, ...(json.permissions ?? []).map((p) => p.id)];

/** A rewrite of a user's roles and explicit permissions (Administrator 12 included now and then). */
export const userPermissionsEditArb: fc.Arbitrary<UserPermissionsEdit> = fc.record({
  roles: fc.array(fc.nat(15), { minLength: 1, maxLength: 3 }),
  explicit: fc.option(fc.subarray([...BUILT_IN_IDS, CUSTOM_PERMISSION], { maxLength: 8 }), { nil: null }),
});

const withUser = (json: SnapshotJson, userId: number, f: (u: UserJson) => UserJson): SnapshotJson => ({
  ...json,
  users: (json.users ?? []).map((u) => (u.id === userId ? f(u) : u)),
});

/** The snapshot with user `userId`'s roles and explicit permissions rewritten, still valid (R-SNAP-5, R-SNAP-4). */
export const withUserPermissions = (json: SnapshotJson, userId: number, edit: UserPermissionsEdit): SnapshotJson => {
  const catalog = catalogIdsOf(json);
  return withUser(json, userId, (u) => {
    const own = [...(u.tenantId === SYSTEM_TENANT ? [1, 2, 3] : []), ...(json.roles ?? []).filter((r) => r.tenantId === u.tenantId && r.id > 3).map((r) => r.id)];
    const roles = [...new Set(edit.roles.map((i) => own[i % own.length] ?? u.permissions.roles[0] ?? 2))];
    const explicit = edit.explicit?.filter((p) => catalog.includes(p));
    return { ...u, permissions: explicit === undefined ? { roles } : { roles, permissions: explicit } };
  });
};

/** An inactive or locked status (R-EFF-3). */
export type InactiveStatus = NonNullable<UserJson['statusInfo']>;

/** Every way of being refused by R-EFF-3. */
export const inactiveStatusArb: fc.Arbitrary<InactiveStatus> = fc.constantFrom<InactiveStatus>(
  { status: 0 },
  { accountLocked: true },
  { status: 0, accountLocked: true },
  { status: 0, accountLocked: false },
  { status: 1, accountLocked: true },
);

/** The snapshot with user `userId`'s status replaced. */
export const withUserStatus = (json: SnapshotJson, userId: number, statusInfo: InactiveStatus): SnapshotJson => withUser(json, userId, (u) => ({ ...u, statusInfo }));

// ---- rewriting one data source's own sets ------------------------------------------------------

/** A new override (absent or a subset of R-CAT-1) and new share sets (cycled over the shares). */
export interface DataSourceSetsEdit {
  readonly override: ReadonlyArray<number> | null;
  readonly shares: ReadonlyArray<ReadonlyArray<number>>;
}

/** A rewrite of a data source's own override and share sets. */
export const dataSourceSetsEditArb: fc.Arbitrary<DataSourceSetsEdit> = fc.record({
  override: fc.option(fc.subarray([...SETTABLE_IDS]), { nil: null }),
  shares: fc.array(fc.subarray([...SHARE_IDS]), { minLength: 1, maxLength: 3 }),
});

/** The snapshot with data source `dataSourceId`'s override and share sets rewritten (same recipients, still valid). */
export const withDataSourceSets = (json: SnapshotJson, dataSourceId: number, edit: DataSourceSetsEdit): SnapshotJson => {
  const setAt = (i: number): ReadonlyArray<number> => edit.shares[i % edit.shares.length] ?? [];
  return {
    ...json,
    dataSources: (json.dataSources ?? []).map((d) => {
      if (d.id !== dataSourceId) return d;
      const { permissions: _dropped, ...rest } = d;
      return {
        ...rest,
        ...(edit.override === null ? {} : { permissions: edit.override }),
        ...(d.sharedUsers === undefined ? {} : { sharedUsers: d.sharedUsers.map((s, i) => ({ ...s, permissions: setAt(i) })) }),
        ...(d.sharedTenants === undefined ? {} : { sharedTenants: d.sharedTenants.map((s, i) => ({ ...s, permissions: setAt(i + 1) })) }),
      };
    }),
  };
};

// ---- L-MONOTONE-GRANT: add one legal permission -------------------------------------------------

/** Where to add a permission (a custom role, a user's explicit permissions, a user share or a tenant share) and which one (mapped to a legal id by `applyGrant`). */
export interface GrantEdit {
  readonly target: 'role' | 'user' | 'userShare' | 'tenantShare';
  readonly index: number;
  readonly permission: number;
}

/** A grant; Administrator (12) often, since it is the permission with side effects (R-SHR-6). */
export const grantEditArb: fc.Arbitrary<GrantEdit> = fc.record({
  target: fc.constantFrom<GrantEdit['target']>('role', 'user', 'userShare', 'tenantShare'),
  index: fc.nat(63),
  permission: fc.oneof({ arbitrary: fc.constant(ADMINISTRATOR), weight: 1 }, { arbitrary: fc.integer({ min: 1, max: CUSTOM_PERMISSION }), weight: 3 }),
});

/** What a grant changed, for the law's report. */
export interface AppliedGrant {
  readonly json: SnapshotJson;
  readonly description: string;
}

const addId = (ids: ReadonlyArray<number>, p: number): ReadonlyArray<number> => [...ids, p];

/**
 * Applies a grant, keeping the snapshot valid: roles other than the predefined ones (R-CAT-2),
 * catalog ids only (R-SNAP-4), share ids from {2..7} only (R-CAT-1, R-SHR-5). A target kind the
 * snapshot has none of falls back to a user's explicit permissions (there is always a user).
 */
export const applyGrant = (json: SnapshotJson, g: GrantEdit): AppliedGrant => {
  const catalog = catalogIdsOf(json);
  const dataSources = json.dataSources ?? [];
  const customRoles = (json.roles ?? []).filter((r) => r.id > 3);
  const userShares = dataSources.flatMap((d) => (d.sharedUsers ?? []).map((s) => ({ d: d.id, key: s.userId })));
  const tenantShares = dataSources.flatMap((d) => (d.sharedTenants ?? []).map((s) => ({ d: d.id, key: s.tenantId })));
  const catalogPermission = catalog.includes(g.permission) ? g.permission : (catalog[g.permission % catalog.length] ?? 2);
  const sharePermission = SHARE_IDS.includes(g.permission) ? g.permission : (SHARE_IDS[g.permission % SHARE_IDS.length] ?? 2);
  if (g.target === 'role' && customRoles.length > 0) {
    const role = customRoles[g.index % customRoles.length];
    if (role !== undefined) {
      return {
        json: { ...json, roles: (json.roles ?? []).map((r) => (r.id === role.id ? { ...r, permissions: addId(r.permissions, catalogPermission) } : r)) },
        description: `role ${role.id} += ${catalogPermission}`,
      };
    }
  }
  const shareTargets = g.target === 'userShare' ? userShares : g.target === 'tenantShare' ? tenantShares : [];
  const share = shareTargets[g.index % Math.max(1, shareTargets.length)];
  if (share !== undefined) {
    const edited = dataSources.map((d) => {
      if (d.id !== share.d) return d;
      return g.target === 'userShare'
        ? { ...d, sharedUsers: (d.sharedUsers ?? []).map((s) => (s.userId === share.key ? { ...s, permissions: addId(s.permissions, sharePermission) } : s)) }
        : { ...d, sharedTenants: (d.sharedTenants ?? []).map((s) => (s.tenantId === share.key ? { ...s, permissions: addId(s.permissions, sharePermission) } : s)) };
    });
    return { json: { ...json, dataSources: edited }, description: `${g.target} of data source ${share.d} to ${share.key} += ${sharePermission}` };
  }
  const users = json.users ?? [];
  const user = users[g.index % Math.max(1, users.length)];
  if (user === undefined) return { json, description: 'nothing' };
  return {
    json: withUser(json, user.id, (u) => ({ ...u, permissions: { ...u.permissions, permissions: addId(u.permissions.permissions ?? [], catalogPermission) } })),
    description: `user ${user.id} explicit += ${catalogPermission}`,
  };
};
