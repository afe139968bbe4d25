import { encodeSnapshot } from '../../src/snapshot/encode.js';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { renderProblems } from '../../src/codec/problem.js';
import { userByName, type Snapshot } from '../../src/model/snapshot.js';
import { normalizeAndCheck } from '../../src/snapshot/check.js';
import { compileSnapshot } from '../../src/snapshot/compile.js';
import { loadSnapshot } from '../../src/snapshot/load.js';

type Json = Record<string, unknown>;

const loaded = (json: unknown): Snapshot => {
  const r = loadSnapshot(json);
  if (E.isLeft(r)) throw new Error(`expected the snapshot to load:\n${renderProblems(r.left.problems)}`);
  return r.right;
};

const user = (id: number, tenantId: number, roles: number[], extra: Json = {}): Json => ({ id, userName: `u${id}`, tenantId, permissions: { roles }, ...extra });
const ds = (id: number, owner: number, extra: Json = {}): Json => ({ id, name: `ds${id}`, owner, ...extra });

/**
 * Tenants 1, 56, 57. Role 88 (56) = [5..11], role 87 (56) = [1, 2], role 89 (57) = [2, 11].
 * 7 system admin (role 1); 8 system user (role 2) administering 57; 1297 / 1298 in 56; 1400 in 57.
 */
const world = (extra: Json = {}): Json => ({
  tenants: [
    { id: 57, name: 'OrgB' },
    { id: 56, name: 'OrgA', parentTenant: 1 },
  ],
  roles: [
    { id: 89, name: 'B', tenantId: 57, permissions: [2, 11] },
    { id: 88, name: 'QueryBasedRole', tenantId: 56, permissions: [11, 10, 9, 8, 7, 6, 5] },
    { id: 87, name: 'Creators', tenantId: 56, permissions: [1, 2] },
  ],
  users: [
    user(1400, 57, [89]),
    user(1298, 56, [87, 88], { permissions: { roles: [88, 87], permissions: [12] } }),
    user(1297, 56, [88], { permissions: { roles: [88], permissions: [1] } }),
    user(8, 1, [2], { tenantsAdministered: [57] }),
    user(7, 1, [1], { userName: 'Admin', tenantsAdministered: [57, 56] }),
  ],
  ...extra,
});

describe('compileSnapshot', () => {
  it('R-EFF-1 compiles user permissions as the union of role permissions and explicit permissions', () => {
    const s = loaded(world());
    expect(s.users.get(1297)?.permissions.ids).toEqual([1, 5, 6, 7, 8, 9, 10, 11]);
    expect(s.users.get(1297)?.explicitPermissions.ids).toEqual([1]);
    expect(s.users.get(1298)?.permissions.ids).toEqual([1, 2, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(s.users.get(1400)?.permissions.ids).toEqual([2, 11]);
    expect(s.users.get(1400)?.explicitPermissions.ids).toEqual([]);
  });

  it('R-EFF-1 gives a holder of role 1 every catalog permission and marks it administrator', () => {
    const s = loaded(world());
    expect(s.users.get(7)?.permissions.ids).toEqual(s.catalog.ids);
    expect(s.users.get(7)?.isAdministrator).toBe(true);
    expect(s.users.get(8)?.isAdministrator).toBe(false);
    expect(s.users.get(1298)?.isAdministrator).toBe(true); // explicit 12
  });

  it('R-EFF-3 folds status and lock into `active`, defaulting to active and unlocked', () => {
    const s = loaded({
      users: [
        user(1, 1, [2]),
        user(2, 1, [2], { statusInfo: { status: 0 } }),
        user(3, 1, [2], { statusInfo: { accountLocked: true } }),
        user(4, 1, [2], { statusInfo: { status: 1, accountLocked: false } }),
        user(5, 1, [2], { statusInfo: {} }),
      ],
    });
    const view = [...s.users.values()].map((u) => [u.id, u.status, u.accountLocked, u.active]);
    expect(view).toEqual([
      [1, 1, false, true],
      [2, 0, false, false],
      [3, 1, true, false],
      [4, 1, false, true],
      [5, 1, false, true],
    ]);
  });

  it('compiles administrative access as an ascending list and a set', () => {
    const s = loaded(world());
    expect(s.users.get(7)?.tenantsAdministered).toEqual([56, 57]);
    expect([...(s.users.get(7)?.administers ?? [])]).toEqual([56, 57]);
    expect(s.users.get(1297)?.administers.size).toBe(0);
    expect(s.tenants.get(57)?.admins).toEqual([7, 8]);
    expect(s.tenants.get(56)?.admins).toEqual([7]);
    expect(s.tenants.get(1)?.admins).toEqual([]);
  });

  it('R-SNAP-3 compiles tenants with their parent and their users ascending', () => {
    const s = loaded(world());
    expect(s.tenants.get(1)).toEqual({ id: 1, name: 'System', parentTenant: undefined, admins: [], users: [7, 8] });
    expect(s.tenants.get(56)).toEqual({ id: 56, name: 'OrgA', parentTenant: 1, admins: [7], users: [1297, 1298] });
    expect(s.tenants.get(57)?.parentTenant).toBe(1);
  });

  it('compiles roles with their permission sets and their users ascending', () => {
    const s = loaded(world());
    expect(s.roles.get(88)?.permissions.ids).toEqual([5, 6, 7, 8, 9, 10, 11]);
    expect(s.roles.get(88)?.users).toEqual([1297, 1298]);
    expect(s.roles.get(1)?.users).toEqual([7]);
    expect(s.roles.get(2)?.users).toEqual([8]);
    expect(s.roles.get(3)?.users).toEqual([]);
  });

  it('R-SHR-6 marks a user share in force within the owner tenant, under the owner administrative access, or for an owner holding 12', () => {
    const s = loaded(
      world({
        dataSources: [
          ds(1, 1297, { sharedUsers: [{ userId: 1298, permissions: [2] }, { userId: 1400, permissions: [2] }, { userId: 7, permissions: [2] }] }),
          ds(2, 8, { sharedUsers: [{ userId: 1400, permissions: [2] }, { userId: 1297, permissions: [2] }, { userId: 7, permissions: [2] }] }),
          ds(3, 7, { sharedUsers: [{ userId: 1400, permissions: [2] }, { userId: 1297, permissions: [2] }] }),
          ds(4, 1298, { sharedUsers: [{ userId: 1400, permissions: [2] }] }),
        ],
      }),
    );
    const inForce = (d: number, u: number): boolean | undefined => s.dataSources.get(d)?.sharedUsers.get(u)?.inForce;
    expect(inForce(1, 1298)).toBe(true); // same tenant
    expect(inForce(1, 1400)).toBe(false); // other tenant, owner administers nothing
    expect(inForce(1, 7)).toBe(false); // system tenant, not administered by the owner
    expect(inForce(2, 1400)).toBe(true); // owner 8 administers 57
    expect(inForce(2, 1297)).toBe(false); // owner 8 does not administer 56
    expect(inForce(2, 7)).toBe(true); // same (system) tenant
    expect(inForce(3, 1400)).toBe(true); // owner 7 holds 12 and administers 57
    expect(inForce(4, 1400)).toBe(true); // owner 1298 holds 12 (explicit) without administering 57
  });

  it('compiles shares with their data source, recipient and exact permissions', () => {
    const s = loaded(world({ dataSources: [ds(1, 1297, { sharedUsers: [{ userId: 1298, permissions: [6, 2, 6] }], sharedTenants: [{ tenantId: 57, permissions: [7] }] })] }));
    expect(s.dataSources.get(1)?.sharedUsers.get(1298)).toEqual({ _tag: 'UserShare', dataSourceId: 1, userId: 1298, permissions: expect.objectContaining({ ids: [2, 6] }), inForce: true });
    expect(s.dataSources.get(1)?.sharedTenants.get(57)).toEqual({ _tag: 'TenantShare', dataSourceId: 1, tenantId: 57, permissions: expect.objectContaining({ ids: [7] }) });
  });

  it('R-DSP-1 keeps absent data-source permissions apart from an empty set', () => {
    const s = loaded(world({ dataSources: [ds(1, 7), ds(2, 7, { permissions: [] }), ds(3, 7, { permissions: [7, 2] })] }));
    expect(s.dataSources.get(1)?.permissions).toBeUndefined();
    expect(s.dataSources.get(2)?.permissions?.ids).toEqual([]);
    expect(s.dataSources.get(3)?.permissions?.ids).toEqual([2, 7]);
    expect(encodeSnapshot(s).dataSources?.find((d) => d.id === 1)).not.toHaveProperty('permissions');
    expect(encodeSnapshot(s).dataSources?.find((d) => d.id === 2)?.permissions).toEqual([]);
  });

  it('compiles groups, members and reverse membership ascending', () => {
    const s = loaded(
      world({
        dataSources: [
          ds(30, 7, { isGroup: true, members: [{ id: 12 }] }),
          ds(12, 7),
          ds(11, 7),
          ds(20, 7, { isGroup: true, members: [{ id: 12, entityPrefix: 'b' }, { id: 11, entityPrefix: 'a' }] }),
        ],
      }),
    );
    expect(s.dataSources.get(20)?.members).toEqual([
      { id: 11, entityPrefix: 'a' },
      { id: 12, entityPrefix: 'b' },
    ]);
    expect([...(s.dataSources.get(20)?.memberIds ?? [])].sort()).toEqual([11, 12]);
    expect(s.dataSources.get(12)?.groups).toEqual([20, 30]);
    expect(s.dataSources.get(11)?.groups).toEqual([20]);
    expect(s.dataSources.get(20)?.isGroup).toBe(true);
    expect(s.dataSources.get(11)?.isGroup).toBe(false);
    expect(s.dataSources.get(11)?.memberIds.size).toBe(0);
  });

  it('builds the indexes by owner, by share recipient and by shared tenant, keys and lists ascending', () => {
    const s = loaded(
      world({
        dataSources: [
          ds(9, 1298, { sharedTenants: [{ tenantId: 57, permissions: [2] }] }),
          ds(5, 1297, { sharedUsers: [{ userId: 1298, permissions: [2] }], sharedTenants: [{ tenantId: 57, permissions: [2] }, { tenantId: 1, permissions: [2] }] }),
          ds(3, 1297, { sharedUsers: [{ userId: 1298, permissions: [2] }, { userId: 8, permissions: [2] }] }),
          ds(4, 7),
        ],
      }),
    );
    expect([...s.dataSourcesByOwner]).toEqual([
      [7, [4]],
      [1297, [3, 5]],
      [1298, [9]],
    ]);
    expect([...s.userSharesByRecipient]).toEqual([
      [8, [3]],
      [1298, [3, 5]],
    ]);
    expect([...s.tenantSharesByTenant]).toEqual([
      [1, [5]],
      [57, [5, 9]],
    ]);
  });

  it('inserts every map in ascending key order whatever the input order', () => {
    const s = loaded(world({ dataSources: [ds(9, 7), ds(2, 7), ds(5, 7)], oauthApps: [{ id: 4, name: 'b', tenantId: 1 }, { id: 2, name: 'a', tenantId: 1 }] }));
    expect([...s.tenants.keys()]).toEqual([1, 56, 57]);
    expect([...s.roles.keys()]).toEqual([1, 2, 3, 87, 88, 89]);
    expect([...s.users.keys()]).toEqual([7, 8, 1297, 1298, 1400]);
    expect([...s.userIdsByName.keys()]).toEqual(['Admin', 'u1297', 'u1298', 'u1400', 'u8']);
    expect([...s.dataSources.keys()]).toEqual([2, 5, 9]);
    expect([...s.oauthApps.keys()]).toEqual([2, 4]);
    expect(userByName(s, 'Admin')).toBe(s.users.get(7));
  });

  it('shares one PermissionSet object between identical permission lists', () => {
    const s = loaded(world({ dataSources: [ds(1, 7, { permissions: [2, 7] }), ds(2, 7, { permissions: [7, 2] })] }));
    expect(s.dataSources.get(1)?.permissions).toBe(s.dataSources.get(2)?.permissions);
  });

  it('keeps the snapshot catalog, renamed built-ins included', () => {
    const s = loaded({ permissions: [{ id: 22, name: 'Renamed22' }, { id: 31, name: 'Custom31', category: 'tenant', description: 'd' }] });
    expect(s.catalog.byId.get(22)).toEqual({ id: 22, name: 'Renamed22', description: 'reserved (name not established)', categories: ['elevated'] });
    expect(s.catalog.byId.get(31)).toEqual({ id: 31, name: 'Custom31', description: 'd', categories: ['tenant'] });
    expect(s.catalog.ids).toContain(31);
  });

  it('compiles the normalized source it is given and keeps no copy of it (D-INC-3)', () => {
    const checked = normalizeAndCheck({ users: [{ id: 7, userName: 'a', tenantId: 1, permissions: { roles: [1] } }] });
    expect(E.isRight(checked)).toBe(true);
    if (E.isRight(checked)) {
      const s = compileSnapshot(checked.right);
      expect(Object.values(s)).not.toContain(checked.right);
      expect(encodeSnapshot(s).users).toEqual(checked.right.users);
      expect(s.users.get(7)?.roles).toEqual([1]);
    }
  });
});
