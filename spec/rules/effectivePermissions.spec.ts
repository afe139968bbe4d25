import { describe, expect, it } from 'vitest';
import { effectiveAccess, effectiveAccessThroughGroup, effectiveAccessById, type RouteTrace } from '../../src/rules/dataSourcePermissions.js';
import { userPermissionGrants } from '../../src/rules/userPermissions.js';
import { dataSource, example, load, userNamed } from '../helpers.js';

const base = {
  tenants: [{ id: 1, name: 'System' }, { id: 56, name: 'OrgA', parentTenant: 1 }, { id: 57, name: 'OrgB', parentTenant: 1 }],
  roles: [
    { id: 40, name: 'A', tenantId: 56, permissions: [2, 5, 7] },
    { id: 41, name: 'B', tenantId: 56, permissions: [6, 7, 8] },
    { id: 50, name: 'C', tenantId: 57, permissions: [2, 3, 4, 5, 6, 7] },
  ],
};

const snapshot = (extra: Record<string, unknown>) => load({ ...base, ...extra });

describe('user permissions (R-EFF-1, R-EFF-2)', () => {
  it('R-EFF-1 a user permissions are the union of its roles and its explicit permissions', () => {
    const s = snapshot({ users: [{ id: 10, userName: 'u', tenantId: 56, permissions: { roles: [40, 41], permissions: [11] } }] });
    expect(userNamed(s, 'u').permissions.ids).toEqual([2, 5, 6, 7, 8, 11]);
  });

  it('R-EFF-1 every user permission names each role or explicit grant that gives it', () => {
    const s = snapshot({ users: [{ id: 10, userName: 'u', tenantId: 56, permissions: { roles: [40, 41], permissions: [7] } }] });
    const seven = userPermissionGrants(s, userNamed(s, 'u')).find((g) => g.permission === 7);
    expect(seven?.grants).toEqual([
      { _tag: 'Role', roleId: 40, roleName: 'A' },
      { _tag: 'Role', roleId: 41, roleName: 'B' },
      { _tag: 'Explicit' },
    ]);
  });

  it('R-EFF-2 a user holding a role of another tenant is rejected at load time', () => {
    expect(() => snapshot({ users: [{ id: 10, userName: 'u', tenantId: 56, permissions: { roles: [50] } }] })).toThrow(/R-SNAP-5/);
  });
});

describe('effective permissions on a data source (SPEC §3)', () => {
  const users = [
    { id: 10, userName: 'owner', tenantId: 56, permissions: { roles: [40] } },
    { id: 11, userName: 'colleague', tenantId: 56, permissions: { roles: [41] } },
    { id: 12, userName: 'outsider', tenantId: 57, permissions: { roles: [50] } },
    { id: 13, userName: 'sleeper', tenantId: 56, statusInfo: { status: 0 }, permissions: { roles: [40] } },
  ];

  it('R-DSP-1 an owner with data-source permissions gets exactly them, nothing inherited', () => {
    const s = snapshot({ users, dataSources: [{ id: 1, name: 'd', owner: 10, permissions: [3] }] });
    const a = effectiveAccess(userNamed(s, 'owner'), dataSource(s, 1));
    expect(a._tag).toBe('Override');
    expect(a.permissions.ids).toEqual([3]);
  });

  it('R-DSP-1 an empty data-source permission set means no access for the owner (absent and [] differ)', () => {
    const s = snapshot({ users, dataSources: [{ id: 1, name: 'd', owner: 10, permissions: [] }, { id: 2, name: 'e', owner: 10 }] });
    expect(effectiveAccess(userNamed(s, 'owner'), dataSource(s, 1)).permissions.ids).toEqual([]);
    expect(effectiveAccess(userNamed(s, 'owner'), dataSource(s, 2)).permissions.ids).toEqual([2, 5, 7]);
  });

  it('R-DSP-2 an owner of a data source without data-source permissions gets all its user permissions', () => {
    const s = snapshot({ users, dataSources: [{ id: 1, name: 'd', owner: 10 }] });
    const a = effectiveAccess(userNamed(s, 'owner'), dataSource(s, 1));
    expect(a._tag).toBe('Owner');
    expect(a.permissions.ids).toEqual([2, 5, 7]);
  });

  it('R-SHR-1 R-SHR-4 a user share gives exactly its permissions, whatever the recipient roles hold', () => {
    const s = snapshot({ users, dataSources: [{ id: 1, name: 'd', owner: 10, sharedUsers: [{ userId: 11, permissions: [2, 3] }] }] });
    const a = effectiveAccess(userNamed(s, 'colleague'), dataSource(s, 1));
    expect(a._tag).toBe('UserShare');
    expect(a.permissions.ids).toEqual([2, 3]); // role B holds 6, 7, 8: none of them leak in, and 3 is not taken away
  });

  it('R-SHR-2 R-SHR-4 a tenant share gives exactly its permissions to every user of the tenant', () => {
    const s = snapshot({ users, dataSources: [{ id: 1, name: 'd', owner: 10, sharedTenants: [{ tenantId: 57, permissions: [7] }] }] });
    const a = effectiveAccess(userNamed(s, 'outsider'), dataSource(s, 1));
    expect(a._tag).toBe('TenantShare');
    expect(a.permissions.ids).toEqual([7]);
  });

  it('R-DSP-3 a user with no route has no permissions (deny by default)', () => {
    const s = snapshot({ users, dataSources: [{ id: 1, name: 'd', owner: 10 }] });
    const a = effectiveAccess(userNamed(s, 'colleague'), dataSource(s, 1));
    expect(a._tag).toBe('None');
    expect(a.permissions.ids).toEqual([]);
  });

  it('R-EFF-3 an inactive owner has empty effective permissions everywhere', () => {
    const s = snapshot({ users, dataSources: [{ id: 1, name: 'd', owner: 13 }] });
    const a = effectiveAccess(userNamed(s, 'sleeper'), dataSource(s, 1));
    expect(a._tag).toBe('Inactive');
    expect(a.permissions.ids).toEqual([]);
  });

  it('R-SHR-6 a user share across tenants is in force only when the owner administers the recipient tenant', () => {
    const s = snapshot({
      users: [...users, { id: 20, userName: 'sysadmin', tenantId: 1, permissions: { roles: [2] }, tenantsAdministered: [57] }],
      dataSources: [
        { id: 1, name: 'd', owner: 10, sharedUsers: [{ userId: 12, permissions: [2] }] },
        { id: 2, name: 'e', owner: 20, sharedUsers: [{ userId: 12, permissions: [2] }] },
      ],
    });
    expect(effectiveAccess(userNamed(s, 'outsider'), dataSource(s, 1))._tag).toBe('None');
    expect(effectiveAccess(userNamed(s, 'outsider'), dataSource(s, 2))._tag).toBe('UserShare');
  });

  it('R-SHR-6 a user share from an owner holding Administrator (12) is in force in any tenant', () => {
    const s = snapshot({
      users: [...users, { id: 20, userName: 'root', tenantId: 1, permissions: { roles: [1] } }],
      dataSources: [{ id: 1, name: 'd', owner: 20, sharedUsers: [{ userId: 12, permissions: [5] }] }],
    });
    expect(effectiveAccess(userNamed(s, 'outsider'), dataSource(s, 1)).permissions.ids).toEqual([5]);
  });

  it('R-GRP-1 a set on the group overrides whatever applies to the member (group over member)', () => {
    const s = snapshot({
      users,
      dataSources: [
        { id: 1, name: 'm', owner: 10, sharedUsers: [{ userId: 11, permissions: [6] }] },
        { id: 2, name: 'g', owner: 10, isGroup: true, members: [{ id: 1 }], sharedUsers: [{ userId: 11, permissions: [2, 5] }] },
      ],
    });
    const a = effectiveAccessThroughGroup(userNamed(s, 'colleague'), dataSource(s, 2), dataSource(s, 1));
    expect(a._tag).toBe('Group');
    expect(a.permissions.ids).toEqual([2, 5]);
  });

  it('R-GRP-1 an owner of a group without a set gets its own permissions on the member', () => {
    const s = snapshot({
      users,
      dataSources: [
        { id: 1, name: 'm', owner: 10, permissions: [4] },
        { id: 2, name: 'g', owner: 10, isGroup: true, members: [{ id: 1 }] },
      ],
    });
    expect(effectiveAccessThroughGroup(userNamed(s, 'owner'), dataSource(s, 2), dataSource(s, 1)).permissions.ids).toEqual([4]);
  });

  it('R-SHR-6 the step that says a user share is in force states the recipient first, then the owner', () => {
    const s = snapshot({ users, dataSources: [{ id: 1, name: 'd', owner: 10, sharedUsers: [{ userId: 11, permissions: [2] }] }] });
    const trace: RouteTrace = { snapshot: s, steps: [] };
    expect(effectiveAccess(userNamed(s, 'colleague'), dataSource(s, 1), trace)._tag).toBe('UserShare');
    const inForce = trace.steps.flatMap((st) => [st, ...st.children]).find((st) => st.rule === 'R-SHR-6');
    expect(inForce?.facts.slice(0, 2).map((f) => (f._tag === 'User' ? f.userName : f._tag))).toEqual(['colleague', 'owner']);
  });

  it('R-GRP-1 a group the user does not reach gives nothing, and its trace still shows the membership as passing', () => {
    const s = snapshot({
      users,
      dataSources: [
        { id: 1, name: 'm', owner: 10 },
        { id: 2, name: 'g', owner: 10, isGroup: true, members: [{ id: 1 }] },
      ],
    });
    const trace: RouteTrace = { snapshot: s, steps: [] };
    expect(effectiveAccessThroughGroup(userNamed(s, 'outsider'), dataSource(s, 2), dataSource(s, 1), trace)._tag).toBe('None');
    expect(trace.steps.map((st) => [st.rule, st.check, st.outcome])).toEqual([
      ['R-EFF-3', 'subject is active', 'pass'],
      ['R-GRP-1', 'member of the group', 'pass'],
      ['R-DSP-3', 'route to group 2', 'fail'],
    ]);
  });

  it('R-GRP-1 a member reached through a group that does not contain it, or through a non-group, gives nothing', () => {
    const s = snapshot({
      users,
      dataSources: [
        { id: 1, name: 'm', owner: 10 },
        { id: 2, name: 'g', owner: 10, isGroup: true, members: [] },
        { id: 3, name: 'plain', owner: 10 },
      ],
    });
    expect(effectiveAccessThroughGroup(userNamed(s, 'owner'), dataSource(s, 2), dataSource(s, 1))._tag).toBe('NotMember');
    expect(effectiveAccessThroughGroup(userNamed(s, 'owner'), dataSource(s, 3), dataSource(s, 1))._tag).toBe('NotMember');
  });

  it('R-GRP-1 a user who cannot reach the group gets nothing through it', () => {
    const s = snapshot({
      users,
      dataSources: [
        { id: 1, name: 'm', owner: 10, sharedUsers: [{ userId: 11, permissions: [6] }] },
        { id: 2, name: 'g', owner: 10, isGroup: true, members: [{ id: 1 }] },
      ],
    });
    expect(effectiveAccessThroughGroup(userNamed(s, 'colleague'), dataSource(s, 2), dataSource(s, 1))._tag).toBe('None');
  });

  it('R-REQ-3 asking about ids that do not exist is a Left naming the id, never a throw', () => {
    const s = example();
    expect(effectiveAccessById(s, 99999, 13)).toEqual({ _tag: 'Left', left: { _tag: 'UnknownUser', userId: 99999 } });
    expect(effectiveAccessById(s, 1297, 99999)).toEqual({ _tag: 'Left', left: { _tag: 'UnknownDataSource', dataSourceId: 99999 } });
  });
});
