import { encodeSnapshot } from '../../src/snapshot/encode.js';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/codec/problem.js';
import { renderProblems } from '../../src/codec/problem.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { normalizeAndCheck, sortedUniqueIds } from '../../src/snapshot/check.js';
import { loadSnapshot } from '../../src/snapshot/load.js';

// ---- builders: small snapshots whose JSON paths are obvious from the literal ------------------

type Json = Record<string, unknown>;

const tenant = (id: number, extra: Json = {}): Json => ({ id, name: `T${id}`, ...extra });
const role = (id: number, tenantId: number, permissions: number[], extra: Json = {}): Json => ({ id, name: `R${id}`, tenantId, permissions, ...extra });
const user = (id: number, tenantId: number, roles: number[], extra: Json = {}): Json => ({
  id,
  userName: `u${id}`,
  tenantId,
  permissions: { roles },
  ...extra,
});
const ds = (id: number, owner: number, extra: Json = {}): Json => ({ id, name: `ds${id}`, owner, ...extra });

/** Tenants 1 (implicit), 56, 57; role 88 in 56, 89 in 57; admin 7 in 1; users 1297, 1298 in 56, 1400 in 57. */
const base = (extra: Json = {}): Json => ({
  tenants: [tenant(56, { parentTenant: 1 }), tenant(57, { parentTenant: 1 })],
  roles: [role(88, 56, [5, 6, 7, 8, 9, 10, 11]), role(89, 57, [2, 11])],
  users: [
    user(7, 1, [1], { userName: 'Admin', tenantsAdministered: [56, 57] }),
    user(1297, 56, [88]),
    user(1298, 56, [88]),
    user(1400, 57, [89]),
  ],
  ...extra,
});

const load = (json: unknown): E.Either<ReadonlyArray<Problem>, Snapshot> => E.mapLeft((e: { readonly problems: ReadonlyArray<Problem> }) => e.problems)(loadSnapshot(json));

const problemsOf = (json: unknown): ReadonlyArray<Problem> => {
  const r = load(json);
  return E.isLeft(r) ? r.left : [];
};

const loaded = (json: unknown): Snapshot => {
  const r = load(json);
  if (E.isLeft(r)) throw new Error(`expected the snapshot to load:\n${renderProblems(r.left)}`);
  return r.right;
};

const summary = (problems: ReadonlyArray<Problem>): ReadonlyArray<string> => problems.map((p) => `${p.rule ?? '-'} ${p.path}`);

describe('snapshot checks', () => {
  it('accepts the base fixture', () => {
    expect(problemsOf(base())).toEqual([]);
  });

  describe('R-SNAP-1 unique ids and user names', () => {
    it('R-SNAP-1 accepts distinct ids per kind, even when kinds share ids', () => {
      const s = loaded(base({ dataSources: [ds(56, 7), ds(57, 7)], oauthApps: [{ id: 56, name: 'a', tenantId: 56 }] }));
      expect([...s.dataSources.keys()]).toEqual([56, 57]);
    });

    it('R-SNAP-1 rejects an id defined twice in each kind, at the later occurrence', () => {
      const json = base({
        permissions: [
          { id: 30, name: 'A' },
          { id: 30, name: 'B' },
        ],
        tenants: [tenant(56), tenant(56)],
        roles: [role(88, 56, [5]), role(88, 56, [5])],
        dataSources: [ds(13, 7), ds(14, 7), ds(13, 7)],
        oauthApps: [
          { id: 17, name: 'a', tenantId: 56 },
          { id: 17, name: 'b', tenantId: 56 },
        ],
        oauthProfiles: [
          { id: 3, name: 'p', oauthAppId: 17, owner: 7 },
          { id: 3, name: 'q', oauthAppId: 17, owner: 7 },
        ],
      });
      const users = [user(7, 1, [1]), user(1297, 56, [88]), user(7, 1, [1], { userName: 'other' })];
      expect(summary(problemsOf({ ...json, users }))).toEqual([
        'R-SNAP-1 $.permissions[1].id',
        'R-SNAP-1 $.tenants[1].id',
        'R-SNAP-1 $.roles[1].id',
        'R-SNAP-1 $.users[2].id',
        'R-SNAP-1 $.dataSources[2].id',
        'R-SNAP-1 $.oauthApps[1].id',
        'R-SNAP-1 $.oauthProfiles[1].id',
      ]);
    });

    it('R-SNAP-1 rejects a user name used twice, with the message naming the value', () => {
      const json = base();
      const problems = problemsOf({ ...json, users: [user(7, 1, [1], { userName: 'Admin' }), user(8, 1, [1], { userName: 'Admin' })] });
      expect(problems).toEqual([{ path: '$.users[1].userName', rule: 'R-SNAP-1', message: 'user name `Admin` is already used by user `7`' }]);
    });

    it('R-SNAP-1 compares user names case-sensitively', () => {
      const json = base();
      const s = loaded({ ...json, users: [user(7, 1, [1], { userName: 'Admin' }), user(8, 1, [1], { userName: 'admin' })] });
      expect([...s.userIdsByName.keys()]).toEqual(['Admin', 'admin']);
    });
  });

  describe('R-SNAP-2 references resolve', () => {
    it('R-SNAP-2 accepts a snapshot whose every reference resolves', () => {
      const json = base({
        dataSources: [
          ds(13, 1297, { sharedUsers: [{ userId: 1298, permissions: [2] }], sharedTenants: [{ tenantId: 57, permissions: [2] }] }),
          ds(20, 1297, { isGroup: true, members: [{ id: 13 }] }),
        ],
        oauthApps: [{ id: 17, name: 'GA', tenantId: 56 }],
        oauthProfiles: [{ id: 3, name: 'p', oauthAppId: 17, owner: 1297 }],
      });
      expect(problemsOf(json)).toEqual([]);
    });

    it('R-SNAP-2 rejects every unresolved reference, each at its path', () => {
      const json = {
        tenants: [tenant(56, { admins: [999] })],
        roles: [role(88, 56, [5], { users: [998] }), role(90, 77, [5])],
        users: [user(7, 1, [1], { tenantsAdministered: [78] }), user(1297, 66, [88]), user(1298, 56, [91])],
        dataSources: [
          ds(13, 555),
          ds(14, 7, { sharedUsers: [{ userId: 1297, permissions: [2] }, { userId: 1297_000, permissions: [2] }] }),
          ds(15, 7, { sharedTenants: [{ tenantId: 79, permissions: [2] }] }),
          ds(20, 7, { isGroup: true, members: [{ id: 404 }] }),
        ],
        oauthApps: [{ id: 17, name: 'GA', tenantId: 80 }],
        oauthProfiles: [{ id: 3, name: 'p', oauthAppId: 18, owner: 556 }],
      };
      const problems = problemsOf(json);
      expect(problems.filter((p) => p.rule === 'R-SNAP-2')).toEqual([
        { path: '$.tenants[0].admins[0]', rule: 'R-SNAP-2', message: 'user `999` does not exist' },
        { path: '$.roles[0].users[0]', rule: 'R-SNAP-2', message: 'user `998` does not exist' },
        { path: '$.roles[1].tenantId', rule: 'R-SNAP-2', message: 'tenant `77` does not exist' },
        { path: '$.users[0].tenantsAdministered[0]', rule: 'R-SNAP-2', message: 'tenant `78` does not exist' },
        { path: '$.users[1].tenantId', rule: 'R-SNAP-2', message: 'tenant `66` does not exist' },
        { path: '$.users[2].permissions.roles[0]', rule: 'R-SNAP-2', message: 'role `91` does not exist' },
        { path: '$.dataSources[0].owner', rule: 'R-SNAP-2', message: 'user `555` does not exist' },
        { path: '$.dataSources[1].sharedUsers[1].userId', rule: 'R-SNAP-2', message: 'user `1297000` does not exist' },
        { path: '$.dataSources[2].sharedTenants[0].tenantId', rule: 'R-SNAP-2', message: 'tenant `79` does not exist' },
        { path: '$.dataSources[3].members[0].id', rule: 'R-SNAP-2', message: 'data source `404` does not exist' },
        { path: '$.oauthApps[0].tenantId', rule: 'R-SNAP-2', message: 'tenant `80` does not exist' },
        { path: '$.oauthProfiles[0].oauthAppId', rule: 'R-SNAP-2', message: 'oauth app `18` does not exist' },
        { path: '$.oauthProfiles[0].owner', rule: 'R-SNAP-2', message: 'user `556` does not exist' },
      ]);
    });

    it('R-SNAP-2 resolves references to the predefined roles and system tenant the snapshot omits', () => {
      expect(problemsOf({ users: [user(7, 1, [1, 2, 3])], oauthApps: [{ id: 1, name: 'sys', tenantId: 1 }] })).toEqual([]);
    });
  });

  describe('R-SNAP-3 two-level tenants', () => {
    it('R-SNAP-3 adds the system tenant when the snapshot omits it', () => {
      const s = loaded({});
      expect(s.tenants.get(1)).toEqual({ id: 1, name: 'System', parentTenant: undefined, admins: [], users: [] });
    });

    it('R-SNAP-3 keeps a given system tenant and its name', () => {
      const s = loaded({ tenants: [tenant(1, { name: 'Root' })] });
      expect(s.tenants.get(1)?.name).toBe('Root');
      expect(s.tenants.size).toBe(1);
    });

    it('R-SNAP-3 gives a child tenant without parentTenant the system tenant as parent', () => {
      const s = loaded({ tenants: [tenant(56)] });
      expect(s.tenants.get(56)?.parentTenant).toBe(1);
      expect(encodeSnapshot(s).tenants?.find((t) => t.id === 56)?.parentTenant).toBe(1);
    });

    it('R-SNAP-3 rejects a parent on the system tenant', () => {
      expect(problemsOf({ tenants: [tenant(1, { parentTenant: 56 }), tenant(56)] })).toEqual([
        { path: '$.tenants[0].parentTenant', rule: 'R-SNAP-3', message: 'the system tenant `1` has no parent tenant, got `56`' },
      ]);
    });

    it('R-SNAP-3 rejects a third level: a tenant whose parent is not the system tenant', () => {
      expect(problemsOf({ tenants: [tenant(56), tenant(57, { parentTenant: 56 })] })).toEqual([
        { path: '$.tenants[1].parentTenant', rule: 'R-SNAP-3', message: 'tenant `57` must have parent tenant `1`, got `56`' },
      ]);
    });
  });

  describe('R-SNAP-4 permission ids are in the catalog', () => {
    it('R-SNAP-4 accepts ids added by the snapshot catalog', () => {
      const json = base({ permissions: [{ id: 30, name: 'Custom30', category: 'elevated' }] });
      const s = loaded({ ...json, roles: [role(88, 56, [5, 30])], users: [user(7, 1, [1], { permissions: { roles: [1], permissions: [30] } }), user(1297, 56, [88])] });
      expect(s.roles.get(88)?.permissions.ids).toEqual([5, 30]);
      expect(s.users.get(7)?.explicitPermissions.ids).toEqual([30]);
    });

    it('R-SNAP-4 rejects an id outside the catalog in roles, users, data sources and shares', () => {
      const json = base({
        roles: [role(88, 56, [5, 40]), role(89, 57, [2])],
        dataSources: [ds(13, 7, { permissions: [2, 41], sharedUsers: [{ userId: 1297, permissions: [42] }], sharedTenants: [{ tenantId: 57, permissions: [43] }] })],
      });
      const users = [user(7, 1, [1], { permissions: { roles: [1], permissions: [44] }, tenantsAdministered: [56, 57] }), user(1297, 56, [88])];
      expect(problemsOf({ ...json, users })).toEqual([
        { path: '$.roles[0].permissions[1]', rule: 'R-SNAP-4', message: 'permission `40` is not in the catalog' },
        { path: '$.users[0].permissions.permissions[0]', rule: 'R-SNAP-4', message: 'permission `44` is not in the catalog' },
        { path: '$.dataSources[0].permissions[1]', rule: 'R-SNAP-4', message: 'permission `41` is not in the catalog' },
        { path: '$.dataSources[0].sharedTenants[0].permissions[0]', rule: 'R-SNAP-4', message: 'permission `43` is not in the catalog' },
        { path: '$.dataSources[0].sharedUsers[0].permissions[0]', rule: 'R-SNAP-4', message: 'permission `42` is not in the catalog' },
      ]);
    });

    it('R-SNAP-4 accepts permission 0 only when the snapshot catalog defines it', () => {
      expect(summary(problemsOf({ roles: [role(5, 1, [0])] }))).toEqual(['R-SNAP-4 $.roles[0].permissions[0]']);
      expect(problemsOf({ permissions: [{ id: 0, name: 'Zero' }], roles: [role(5, 1, [0])] })).toEqual([]);
    });
  });

  describe('R-CAT-1 and R-SHR-5 data-source and share sets', () => {
    it('R-CAT-1 accepts every data-source-settable permission on a data source, SQLEditor included', () => {
      const s = loaded(base({ dataSources: [ds(13, 7, { permissions: [10, 7, 6, 5, 4, 3, 2] })] }));
      expect(s.dataSources.get(13)?.permissions?.ids).toEqual([2, 3, 4, 5, 6, 7, 10]);
    });

    it('R-CAT-1 rejects catalog permissions that are not data-source settable on data sources and shares', () => {
      const json = base({
        dataSources: [
          ds(13, 7, {
            permissions: [1, 2, 8, 11, 12, 21],
            sharedUsers: [{ userId: 1297, permissions: [2, 9] }],
            sharedTenants: [{ tenantId: 57, permissions: [25] }],
          }),
        ],
      });
      expect(problemsOf(json)).toEqual([
        { path: '$.dataSources[0].permissions[0]', rule: 'R-CAT-1', message: 'permission `1` cannot be set on a data source or a share' },
        { path: '$.dataSources[0].permissions[2]', rule: 'R-CAT-1', message: 'permission `8` cannot be set on a data source or a share' },
        { path: '$.dataSources[0].permissions[3]', rule: 'R-CAT-1', message: 'permission `11` cannot be set on a data source or a share' },
        { path: '$.dataSources[0].permissions[4]', rule: 'R-CAT-1', message: 'permission `12` cannot be set on a data source or a share' },
        { path: '$.dataSources[0].permissions[5]', rule: 'R-CAT-1', message: 'permission `21` cannot be set on a data source or a share' },
        { path: '$.dataSources[0].sharedTenants[0].permissions[0]', rule: 'R-CAT-1', message: 'permission `25` cannot be set on a data source or a share' },
        { path: '$.dataSources[0].sharedUsers[0].permissions[1]', rule: 'R-CAT-1', message: 'permission `9` cannot be set on a data source or a share' },
      ]);
    });

    it('R-CAT-1 rejects a snapshot-catalog id on a data source', () => {
      const json = base({ permissions: [{ id: 30, name: 'Custom30' }], dataSources: [ds(13, 7, { permissions: [30] })] });
      expect(summary(problemsOf(json))).toEqual(['R-CAT-1 $.dataSources[0].permissions[0]']);
    });

    it('R-SHR-5 accepts shares of 2–7', () => {
      const json = base({ dataSources: [ds(13, 7, { sharedUsers: [{ userId: 1297, permissions: [2, 3, 4, 5, 6, 7] }], sharedTenants: [{ tenantId: 57, permissions: [7] }] })] });
      expect(problemsOf(json)).toEqual([]);
    });

    it('R-SHR-5 rejects SQLEditor (10) in user shares and tenant shares', () => {
      const json = base({ dataSources: [ds(13, 7, { sharedUsers: [{ userId: 1297, permissions: [10] }], sharedTenants: [{ tenantId: 57, permissions: [2, 10] }] })] });
      expect(problemsOf(json)).toEqual([
        { path: '$.dataSources[0].sharedTenants[0].permissions[1]', rule: 'R-SHR-5', message: 'permission `10` (SQLEditor) cannot be granted by sharing' },
        { path: '$.dataSources[0].sharedUsers[0].permissions[0]', rule: 'R-SHR-5', message: 'permission `10` (SQLEditor) cannot be granted by sharing' },
      ]);
    });
  });

  describe('R-CAT-2 predefined roles', () => {
    it('R-CAT-2 adds the predefined roles when omitted: role 1 every catalog id (snapshot id 30 included), role 2 1–11, role 3 1–11 and 13–21', () => {
      const s = loaded({ permissions: [{ id: 30, name: 'Custom30', category: 'elevated' }] });
      const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);
      expect(s.roles.get(1)).toMatchObject({ name: 'System Administrator', tenantId: 1 });
      expect(s.roles.get(1)?.permissions.ids).toEqual(range(1, 30));
      expect(s.roles.get(2)).toMatchObject({ name: 'User', tenantId: 1 });
      expect(s.roles.get(2)?.permissions.ids).toEqual(range(1, 11));
      expect(s.roles.get(3)).toMatchObject({ name: 'Tenant Administrator', tenantId: 1 });
      expect(s.roles.get(3)?.permissions.ids).toEqual([...range(1, 11), ...range(13, 21)]);
    });

    it('R-CAT-2 accepts predefined roles restated with their permissions in any order and with duplicates', () => {
      const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);
      const json = {
        roles: [role(2, 1, [...range(1, 11)].reverse().concat([3, 3]), { name: 'Plain User' }), role(3, 1, [...range(13, 21), ...range(1, 11)])],
      };
      const s = loaded(json);
      expect(s.roles.get(2)?.name).toBe('Plain User');
      expect(s.roles.get(2)?.permissions.ids).toEqual(range(1, 11));
      expect(s.roles.size).toBe(3);
    });

    it('R-CAT-2 rejects a predefined role redefined with other permissions', () => {
      expect(problemsOf({ roles: [role(2, 1, [1, 2, 3])] })).toEqual([
        { path: '$.roles[0].permissions', rule: 'R-CAT-2', message: 'predefined role `2` must hold exactly `[1,2,3,4,5,6,7,8,9,10,11]`, got `[1,2,3]`' },
      ]);
    });

    it('R-CAT-2 rejects role 1 restated without a snapshot-catalog id', () => {
      const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);
      const json = { permissions: [{ id: 30, name: 'Custom30' }], roles: [role(1, 1, range(1, 29))] };
      expect(summary(problemsOf(json))).toEqual(['R-CAT-2 $.roles[0].permissions']);
      expect(problemsOf({ ...json, roles: [role(1, 1, range(1, 30))] })).toEqual([]);
    });

    it('R-CAT-2 rejects a predefined role placed outside the system tenant', () => {
      expect(summary(problemsOf({ tenants: [tenant(56)], roles: [role(3, 56, [])] }))).toEqual(['R-CAT-2 $.roles[0].tenantId', 'R-CAT-2 $.roles[0].permissions']);
    });
  });

  describe('R-SNAP-5 / R-EFF-2 user roles', () => {
    it('R-SNAP-5 accepts users whose roles are all of their own tenant', () => {
      const s = loaded(base({ roles: [role(88, 56, [5]), role(87, 56, [6]), role(89, 57, [2])], users: [user(7, 1, [1, 2]), user(1297, 56, [88, 87])] }));
      expect(s.users.get(1297)?.roles).toEqual([87, 88]);
    });

    it('R-SNAP-5 rejects a user without any role', () => {
      expect(problemsOf({ users: [user(7, 1, [])] })).toEqual([{ path: '$.users[0].permissions.roles', rule: 'R-SNAP-5', message: 'user `7` has no role' }]);
    });

    it('R-EFF-2 rejects a role of another tenant, predefined roles for child-tenant users included', () => {
      const json = base({ users: [user(7, 1, [1]), user(1297, 56, [88, 89]), user(1400, 57, [2])] });
      expect(problemsOf(json)).toEqual([
        { path: '$.users[1].permissions.roles[1]', rule: 'R-SNAP-5', message: "role `89` belongs to tenant `57`, not to the user's tenant `56`" },
        { path: '$.users[2].permissions.roles[0]', rule: 'R-SNAP-5', message: "role `2` belongs to tenant `1`, not to the user's tenant `57`" },
      ]);
    });
  });

  describe('R-SNAP-6 administrative access (R-ADM-5)', () => {
    it('R-SNAP-6 lets a system-tenant user administer any tenant, the system tenant included', () => {
      const s = loaded(base({ users: [user(7, 1, [1], { tenantsAdministered: [57, 1, 56] })] }));
      expect(s.users.get(7)?.tenantsAdministered).toEqual([1, 56, 57]);
    });

    it('R-SNAP-6 lets a child-tenant user administer its own tenant', () => {
      const s = loaded(base({ users: [user(7, 1, [1]), user(1297, 56, [88], { tenantsAdministered: [56] })] }));
      expect(s.users.get(1297)?.administers.has(56)).toBe(true);
    });

    it('R-SNAP-6 rejects a child-tenant user administering another tenant', () => {
      const json = base({ users: [user(7, 1, [1]), user(1297, 56, [88], { tenantsAdministered: [56, 57, 1] })] });
      expect(problemsOf(json)).toEqual([
        { path: '$.users[1].tenantsAdministered[1]', rule: 'R-SNAP-6', message: 'user `1297` of tenant `56` cannot administer tenant `57`' },
        { path: '$.users[1].tenantsAdministered[2]', rule: 'R-SNAP-6', message: 'user `1297` of tenant `56` cannot administer tenant `1`' },
      ]);
    });

    it("R-SNAP-6 accepts a tenant's admins list that agrees with tenantsAdministered", () => {
      expect(problemsOf(base({ tenants: [tenant(56, { admins: [7] }), tenant(57, { admins: [7, 7] })] }))).toEqual([]);
    });

    it("R-SNAP-6 rejects a tenant's admins list that disagrees with tenantsAdministered, in both directions", () => {
      const json = base({ tenants: [tenant(56, { admins: [1297] }), tenant(57)] });
      expect(problemsOf(json)).toEqual([
        { path: '$.tenants[0].admins[0]', rule: 'R-SNAP-6', message: 'user `1297` is listed as an admin of tenant `56` but does not administer it' },
        { path: '$.tenants[0].admins', rule: 'R-SNAP-6', message: 'user `7` administers tenant `56` but is not listed in its admins' },
      ]);
    });

    it("R-SNAP-6 accepts a role's users list that agrees with the users' roles", () => {
      const s = loaded(base({ roles: [role(88, 56, [5], { users: [1298, 1297] }), role(89, 57, [2], { users: [1400] })] }));
      expect(s.roles.get(88)?.users).toEqual([1297, 1298]);
    });

    it("R-SNAP-6 rejects a role's users list that disagrees with the users' roles, in both directions", () => {
      const json = base({ roles: [role(88, 56, [5], { users: [1297, 1400] }), role(89, 57, [2])] });
      expect(problemsOf(json)).toEqual([
        { path: '$.roles[0].users[1]', rule: 'R-SNAP-6', message: 'user `1400` is listed as a user of role `88` but does not hold it' },
        { path: '$.roles[0].users', rule: 'R-SNAP-6', message: 'user `1298` holds role `88` but is not listed in its users' },
      ]);
    });
  });

  describe('R-SNAP-7 groups', () => {
    it('R-SNAP-7 accepts a group whose members are non-group data sources of its owner', () => {
      const s = loaded(base({ dataSources: [ds(13, 7), ds(14, 7), ds(20, 7, { isGroup: true, members: [{ id: 14 }, { id: 13, entityPrefix: 'ora' }] })] }));
      expect(s.dataSources.get(20)?.members).toEqual([
        { id: 13, entityPrefix: 'ora' },
        { id: 14, entityPrefix: undefined },
      ]);
    });

    it('R-SNAP-7 rejects members on a data source that is not a group', () => {
      const json = base({ dataSources: [ds(13, 7), ds(14, 7, { members: [{ id: 13 }] })] });
      expect(problemsOf(json)).toEqual([{ path: '$.dataSources[1].members', rule: 'R-SNAP-7', message: 'data source `14` is not a group and cannot have members' }]);
    });

    it('R-SNAP-7 rejects a group as a member (R-GRP-2), itself included', () => {
      const json = base({ dataSources: [ds(20, 7, { isGroup: true, members: [{ id: 21 }, { id: 20 }] }), ds(21, 7, { isGroup: true })] });
      expect(problemsOf(json)).toEqual([
        { path: '$.dataSources[0].members[0].id', rule: 'R-SNAP-7', message: 'member `21` is a group, and groups do not nest' },
        { path: '$.dataSources[0].members[1].id', rule: 'R-SNAP-7', message: 'member `20` is a group, and groups do not nest' },
      ]);
    });

    it("R-SNAP-7 rejects a member owned by someone other than the group's owner (R-GRP-3)", () => {
      const json = base({ dataSources: [ds(13, 1297, { sharedUsers: [{ userId: 1298, permissions: [2] }] }), ds(20, 1298, { isGroup: true, members: [{ id: 13 }] })] });
      expect(problemsOf(json)).toEqual([
        { path: '$.dataSources[1].members[0].id', rule: 'R-SNAP-7', message: "member `13` is owned by user `1297`, not by the group's owner `1298`" },
      ]);
    });

    it('R-SNAP-7 rejects a member listed twice', () => {
      const json = base({ dataSources: [ds(13, 7), ds(20, 7, { isGroup: true, members: [{ id: 13 }, { id: 13, entityPrefix: 'x' }] })] });
      expect(problemsOf(json)).toEqual([{ path: '$.dataSources[1].members[1].id', rule: 'R-SNAP-7', message: 'member `13` is listed twice' }]);
    });
  });

  describe('R-SNAP-8 shares', () => {
    it('R-SNAP-8 accepts user shares and tenant shares that do not overlap', () => {
      const json = base({
        dataSources: [ds(13, 7, { sharedUsers: [{ userId: 1297, permissions: [6] }, { userId: 1298, permissions: [5] }], sharedTenants: [{ tenantId: 57, permissions: [7] }] })],
      });
      const s = loaded(json);
      expect([...(s.dataSources.get(13)?.sharedUsers.keys() ?? [])]).toEqual([1297, 1298]);
    });

    it("R-SNAP-8 rejects a user listed twice in one data source's sharedUsers", () => {
      const json = base({ dataSources: [ds(13, 7, { sharedUsers: [{ userId: 1297, permissions: [6] }, { userId: 1297, permissions: [5] }] })] });
      expect(problemsOf(json)).toEqual([{ path: '$.dataSources[0].sharedUsers[1].userId', rule: 'R-SNAP-8', message: 'user `1297` is listed twice' }]);
    });

    it("R-SNAP-8 rejects a tenant listed twice in one data source's sharedTenants", () => {
      const json = base({ dataSources: [ds(13, 7, { sharedTenants: [{ tenantId: 57, permissions: [6] }, { tenantId: 57, permissions: [5] }] })] });
      expect(problemsOf(json)).toEqual([{ path: '$.dataSources[0].sharedTenants[1].tenantId', rule: 'R-SNAP-8', message: 'tenant `57` is listed twice' }]);
    });

    it('R-SNAP-8 rejects a user share to the owner', () => {
      const json = base({ dataSources: [ds(13, 1297, { sharedUsers: [{ userId: 1297, permissions: [6] }] })] });
      expect(problemsOf(json)).toEqual([{ path: '$.dataSources[0].sharedUsers[0].userId', rule: 'R-SNAP-8', message: 'data source `13` cannot be shared with its owner `1297`' }]);
    });

    it('R-SNAP-8 rejects a user share to a user of a tenant the same data source is shared with (R-SHR-3)', () => {
      const json = base({
        dataSources: [
          ds(13, 7, { sharedUsers: [{ userId: 1400, permissions: [6] }, { userId: 1297, permissions: [6] }], sharedTenants: [{ tenantId: 56, permissions: [7] }] }),
          ds(14, 7, { sharedUsers: [{ userId: 1297, permissions: [6] }] }),
          ds(15, 7, { sharedTenants: [{ tenantId: 56, permissions: [7] }] }),
        ],
      });
      expect(problemsOf(json)).toEqual([
        { path: '$.dataSources[0].sharedUsers[1].userId', rule: 'R-SNAP-8', message: 'user `1297` is in tenant `56`, which data source `13` is shared with' },
      ]);
    });

    it("R-SNAP-8 allows sharing with the owner's own tenant", () => {
      expect(problemsOf(base({ dataSources: [ds(13, 1297, { sharedTenants: [{ tenantId: 56, permissions: [2] }] })] }))).toEqual([]);
    });
  });

  describe('reporting', () => {
    const broken = {
      tenants: [tenant(56), tenant(56), tenant(57, { parentTenant: 56 })],
      roles: [role(2, 1, [1]), role(88, 56, [5, 99])],
      users: [user(7, 1, []), user(8, 3, [88], { userName: 'u7' })],
      dataSources: [ds(13, 7, { permissions: [12], sharedUsers: [{ userId: 7, permissions: [10] }] }), ds(14, 7, { members: [{ id: 13 }] })],
    };

    it('reports every violation of every rule together, each section in document order', () => {
      expect(summary(problemsOf(broken))).toEqual([
        'R-SNAP-1 $.tenants[1].id',
        'R-SNAP-3 $.tenants[2].parentTenant',
        'R-CAT-2 $.roles[0].permissions',
        'R-SNAP-4 $.roles[1].permissions[1]',
        'R-SNAP-5 $.users[0].permissions.roles',
        'R-SNAP-1 $.users[1].userName',
        'R-SNAP-2 $.users[1].tenantId',
        'R-CAT-1 $.dataSources[0].permissions[0]',
        'R-SNAP-8 $.dataSources[0].sharedUsers[0].userId',
        'R-SHR-5 $.dataSources[0].sharedUsers[0].permissions[0]',
        'R-SNAP-7 $.dataSources[1].members',
      ]);
    });

    it('words every message lowercase, without a final period, with the offending value in backticks', () => {
      const problems = problemsOf(broken);
      expect(problems.length).toBeGreaterThan(5);
      for (const p of problems) {
        expect(p.message).toMatch(/^[a-z]/);
        expect(p.message).not.toMatch(/\.$/);
        expect(p.message).toMatch(/`[^`]+`/);
        expect(p.rule).toBeDefined();
      }
    });

    it('reports the paths of the input as given, not of the sorted normal form', () => {
      const json = base({ dataSources: [ds(30, 7), ds(20, 7), ds(10, 999)] });
      expect(summary(problemsOf(json))).toEqual(['R-SNAP-2 $.dataSources[2].owner']);
    });
  });

  describe('normalization', () => {
    it('normalizes idempotently: a normalized snapshot normalizes to itself', () => {
      const s = loaded(base({ dataSources: [ds(13, 7, { permissions: [7, 2, 2], sharedUsers: [{ userId: 1298, permissions: [6, 5] }, { userId: 1297, permissions: [2] }] })] }));
      const again = normalizeAndCheck(encodeSnapshot(s));
      expect(again).toEqual(E.right(encodeSnapshot(s)));
    });

    it('sortedUniqueIds sorts and dedupes, returning canonical input unchanged', () => {
      const canonical = [1, 2, 5];
      expect(sortedUniqueIds(canonical)).toBe(canonical);
      expect(sortedUniqueIds([5, 1, 5, 2, 1])).toEqual([1, 2, 5]);
      expect(sortedUniqueIds([])).toEqual([]);
      expect(sortedUniqueIds([3, 3])).toEqual([3]);
    });
  });
});
