/** State changes of users: create, update, permissions, status, administrative access, moves, delete (SPEC §6: R-TRN-5, R-TRN-6). */
import { describe, expect, it } from 'vitest';
import { userByName, type Snapshot } from '../../src/model/snapshot.js';
import { decideHttp } from '../../src/decide/http.js';
import { example, userNamed } from '../helpers.js';
import { applyAllowed, applyDenied, perms, reasonOf, reload, req, sameDecisions, tenantShares, userShares } from './support.js';

const s0 = example();

/** Tenant 58 (created by SysAdmin) with role 91 = [2, 11] in it. */
const withTenant58 = (): Snapshot => {
  const t = applyAllowed(s0, req('SysAdmin', 'POST', '/admin/tenants', { name: 'OrgC' })).snapshot;
  return applyAllowed(t, req('SysAdmin', 'POST', '/admin/roles', { name: 'OrgCUser', tenantId: 58, permissions: [2, 11] })).snapshot;
};

describe('creating and updating users', () => {
  it('R-TRN-2 R-EFF-1: SPEC §10.4 — a created user gets the next id, its roles and explicit permissions', () => {
    const { decision, snapshot, changes } = applyAllowed(s0, req('AdminUser', 'POST', '/admin/users', { userName: 'NewUser', tenantId: 56, permissions: { roles: [88], permissions: [1] } }));
    expect(decision.status).toBe(201);
    expect(changes).toEqual([{ _tag: 'Created', kind: 'user', id: 1401 }]);
    const u = userNamed(snapshot, 'NewUser');
    expect([u.id, u.tenantId, u.roles, u.explicitPermissions.ids, u.permissions.ids, u.active]).toEqual([1401, 56, [88], [1], [1, 5, 6, 7, 8, 9, 10, 11], true]);
    expect(snapshot.roles.get(88)?.users).toEqual([1297, 1400, 1401]);
    expect(snapshot.tenants.get(56)?.users).toEqual([921, 1297, 1400, 1401]);
    expect(s0.userIdsByName.has('NewUser')).toBe(false);
    // the new user can now act (it holds 1 and 11)
    const created = applyAllowed(snapshot, req('NewUser', 'POST', '/mgmt/datasources', { name: 'Its' }));
    expect(created.snapshot.dataSources.get(5443)?.owner).toBe(1401);
  });

  it('R-TRN-2 R-ADM-5 R-EFF-3: a user created with administrative access and a status is an administrator of those tenants, inactive as given', () => {
    const { snapshot, changes } = applyAllowed(s0, req('SysAdmin', 'POST', '/admin/users', { userName: 'Ops', tenantId: 1, permissions: { roles: [3] }, tenantsAdministered: [57], statusInfo: { status: 0 } }));
    expect(changes).toEqual([{ _tag: 'Created', kind: 'user', id: 1401 }]);
    const u = snapshot.users.get(1401);
    expect([u?.tenantsAdministered, u?.active, snapshot.tenants.get(57)?.admins]).toEqual([[57], false, [7, 1401]]);
    expect(decideHttp(snapshot, req('Ops', 'GET', '/admin/users/1300')).status).toBe(401);
    const active = applyAllowed(snapshot, req('SysAdmin', 'PUT', '/admin/users/1401', { statusInfo: { status: 1 } })).snapshot;
    expect(decideHttp(active, req('Ops', 'GET', '/admin/users/1300')).status).toBe(200);
    applyDenied(s0, req('AdminUser', 'POST', '/admin/users', { userName: 'Ops', tenantId: 1, permissions: { roles: [3] } }), 403); // no access on tenant 1
  });

  it('R-SNAP-1 R-TRN-1: a create or rename to a taken user name is refused (400) naming R-SNAP-1; nothing changes', () => {
    const d1 = applyDenied(s0, req('SysAdmin', 'POST', '/admin/users', { userName: 'SQLUser', tenantId: 56, permissions: { roles: [88] } }), 400);
    const d2 = applyDenied(s0, req('SysAdmin', 'PUT', '/admin/users/921', { userName: 'SQLUser' }), 400);
    expect([reasonOf(d1), reasonOf(d2)].every((r) => r.includes('R-SNAP-1'))).toBe(true);
  });

  it('R-SNAP-1: a rename frees the old name and takes the new one', () => {
    const { snapshot, changes } = applyAllowed(s0, req('SysAdmin', 'PUT', '/admin/users/921', { userName: 'OData2' }));
    expect(changes).toEqual([{ _tag: 'Updated', kind: 'user', id: 921 }]);
    expect([snapshot.userIdsByName.has('ODataUser'), userByName(snapshot, 'OData2')?.id]).toEqual([false, 921]);
    expect(decideHttp(snapshot, req('ODataUser', 'GET', '/mgmt/user')).status).toBe(401);
    expect(userByName(applyAllowed(snapshot, req('SysAdmin', 'PUT', '/admin/users/1297', { userName: 'ODataUser' })).snapshot, 'ODataUser')?.id).toBe(1297);
  });

  it('R-EFF-1 R-DSP-2: explicit permissions change the user permissions and the owner\'s access to its data sources without a set', () => {
    const { snapshot, changes } = applyAllowed(s0, req('SysAdmin', 'PUT', '/admin/users/921/permissions', { permissions: [2, 11] }));
    expect(changes).toEqual([{ _tag: 'Updated', kind: 'user', id: 921 }]);
    expect(snapshot.users.get(921)?.permissions.ids).toEqual([2, 7, 11]);
    expect(perms(snapshot, 921, 16)).toEqual([2, 7, 11]);
    expect(perms(snapshot, 921, 18)).toEqual([2, 3, 4, 7, 10]); // R-DSP-1: the set stays exact
    expect(perms(snapshot, 921, 5441)).toEqual([2, 3, 5]); // R-SHR-4
    sameDecisions(snapshot, reload(snapshot), [req('ODataUser', 'GET', '/mgmt/datasources/16'), req('ODataUser', 'GET', '/mgmt/permissions')]);
  });

  it('R-EFF-3: a status change deactivates the user: no effective permissions, every request 401', () => {
    const { snapshot, changes } = applyAllowed(s0, req('SysAdmin', 'PUT', '/admin/users/921/statusinfo', { status: 0 }));
    expect(changes).toEqual([{ _tag: 'Updated', kind: 'user', id: 921 }]);
    expect([snapshot.users.get(921)?.active, perms(snapshot, 921, 16), perms(snapshot, 921, 5441)]).toEqual([false, [], []]);
    expect(decideHttp(snapshot, req('ODataUser', 'GET', '/mgmt/permissions')).status).toBe(401);
    const back = applyAllowed(snapshot, req('SysAdmin', 'PUT', '/admin/users/921/statusinfo', { status: 1 })).snapshot;
    expect(perms(back, 921, 5441)).toEqual([2, 3, 5]); // the share was kept (status takes nothing out of force)
  });

  it('R-ADM-7 R-TRN-1: deactivating oneself (the last A12 holder) is refused and changes nothing', () => {
    applyDenied(s0, req('SysAdmin', 'PUT', '/admin/users/1/statusinfo', { status: 0 }), 400);
    applyDenied(s0, req('SysAdmin', 'DELETE', '/admin/users/1'), 400);
  });

  it('R-ADM-5: tenants administered are replaced; a child-tenant user cannot administer another tenant (400)', () => {
    const { snapshot, changes } = applyAllowed(s0, req('SysAdmin', 'PUT', '/admin/users/2/tenantsadministered', { tenantsAdministered: [56, 57] }));
    expect(changes).toEqual([{ _tag: 'Updated', kind: 'user', id: 2 }]);
    expect(snapshot.users.get(2)?.tenantsAdministered).toEqual([56, 57]);
    expect(snapshot.tenants.get(57)?.admins).toEqual([2, 7]);
    applyDenied(s0, req('SysAdmin', 'PUT', '/admin/users/921/tenantsadministered', { tenantsAdministered: [57] }), 400);
  });
});

describe('moving users (R-TRN-5)', () => {
  it('R-TRN-5 R-EFF-2: a move needs roles of the new tenant (400 without); with them the user moves', () => {
    const d = applyDenied(s0, req('SysAdmin', 'PUT', '/admin/users/921', { tenantId: 57 }), 400);
    expect(reasonOf(d)).toContain('R-EFF-2');
    const { snapshot, changes } = applyAllowed(s0, req('SysAdmin', 'PUT', '/admin/users/921', { tenantId: 57, permissions: { roles: [90] } }));
    expect(changes).toEqual([{ _tag: 'Updated', kind: 'user', id: 921 }]);
    const u = snapshot.users.get(921);
    expect([u?.tenantId, u?.roles]).toEqual([57, [90]]);
    expect([snapshot.tenants.get(56)?.users, snapshot.tenants.get(57)?.users]).toEqual([[1297, 1400], [921, 1300]]);
    expect([snapshot.roles.get(21)?.users, snapshot.roles.get(90)?.users]).toEqual([[], [921, 1300]]);
    // its share on 5441 stays in force (AdminUser administers 57), its tenant-share access changes with its tenant
    expect(perms(snapshot, 921, 5441)).toEqual([2, 3, 5]);
    expect([perms(s0, 921, 800), perms(snapshot, 921, 800)]).toEqual([[2, 7], []]);
    expect(perms(snapshot, 921, 16)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]); // R-DSP-2 with role 90
  });

  it('R-TRN-5 D-INC-14: a user moved into a tenant of lower ids is listed after them, as a recompiled snapshot lists it', () => {
    const { snapshot } = applyAllowed(s0, req('SysAdmin', 'PUT', '/admin/users/1400', { tenantId: 57, permissions: { roles: [90] } }));
    expect([snapshot.tenants.get(56)?.users, snapshot.tenants.get(57)?.users, snapshot.roles.get(90)?.users]).toEqual([[921, 1297], [1300, 1400], [1300, 1400]]);
    expect(reload(snapshot).tenants.get(57)?.users).toEqual([1300, 1400]);
  });

  it('R-TRN-5 R-ADM-5: a move drops the administrative access the user may no longer hold, and lists it', () => {
    const { snapshot, changes } = applyAllowed(s0, req('SysAdmin', 'PUT', '/admin/users/7', { tenantId: 56, permissions: { roles: [88] } }));
    expect(changes).toEqual([
      { _tag: 'Updated', kind: 'user', id: 7 },
      { _tag: 'AdministeredTenantRemoved', userId: 7, tenantId: 57, rule: 'R-TRN-5' },
    ]);
    expect(snapshot.users.get(7)?.tenantsAdministered).toEqual([56]);
    expect(snapshot.tenants.get(57)?.admins).toEqual([]);
    // its shares to users of 56 are now within its own tenant: in force
    expect([perms(snapshot, 1297, 13), perms(snapshot, 921, 5441)]).toEqual([[6], [2, 3, 5]]);
  });

  it('R-TRN-5 R-ADM-5: a move that lists administrative access out of reach is refused (400)', () => {
    applyDenied(s0, req('SysAdmin', 'PUT', '/admin/users/2', { tenantId: 57, permissions: { roles: [90] }, tenantsAdministered: [56] }), 400);
  });

  it('R-TRN-5 R-SHR-3: as a recipient — its user share on a data source also shared with its new tenant is removed and listed', () => {
    const shared = applyAllowed(s0, req('AdminUser', 'POST', '/mgmt/datasources/5441/sharedTenants', { sharedTenants: [{ tenantId: 57, permissions: [2] }] })).snapshot;
    const { snapshot, changes } = applyAllowed(shared, req('SysAdmin', 'PUT', '/admin/users/921', { tenantId: 57, permissions: { roles: [90] } }));
    expect(changes).toEqual([
      { _tag: 'Updated', kind: 'user', id: 921 },
      { _tag: 'UserShareRemoved', dataSourceId: 5441, userId: 921, rule: 'R-TRN-5' },
    ]);
    expect(userShares(snapshot, 5441)).toEqual([]);
    expect(perms(snapshot, 921, 5441)).toEqual([2]); // R-SHR-2: through its new tenant
  });

  it('R-TRN-5 R-SHR-6: as a recipient — a user share that falls out of force by the move is removed and listed', () => {
    const s = withTenant58();
    const { snapshot, changes } = applyAllowed(s, req('SysAdmin', 'PUT', '/admin/users/921', { tenantId: 58, permissions: { roles: [91] } }));
    expect(changes).toEqual([
      { _tag: 'Updated', kind: 'user', id: 921 },
      { _tag: 'UserShareRemoved', dataSourceId: 5441, userId: 921, rule: 'R-TRN-5' },
    ]);
    expect(userShares(snapshot, 5441)).toEqual([]);
    expect(snapshot.userSharesByRecipient.get(921) ?? []).toEqual([]);
    expect(perms(snapshot, 921, 5441)).toEqual([]);
    // moving back does not bring it back (R-TRN-8: a share never comes back by itself)
    const back = applyAllowed(snapshot, req('SysAdmin', 'PUT', '/admin/users/921', { tenantId: 56, permissions: { roles: [21] } })).snapshot;
    expect(perms(back, 921, 5441)).toEqual([]);
  });

  it('R-TRN-5 R-SHR-6: as an owner — its user shares that fall out of force are removed and listed with the administrative access', () => {
    const shared = applyAllowed(s0, req('AdminUser', 'POST', '/mgmt/datasources/14/sharedUsers', { sharedUsers: [{ userId: 1300, permissions: [2, 5] }] })).snapshot;
    const { snapshot, changes } = applyAllowed(shared, req('SysAdmin', 'PUT', '/admin/users/7', { tenantId: 56, permissions: { roles: [88] } }));
    expect(changes).toEqual([
      { _tag: 'Updated', kind: 'user', id: 7 },
      { _tag: 'AdministeredTenantRemoved', userId: 7, tenantId: 57, rule: 'R-TRN-5' },
      { _tag: 'UserShareRemoved', dataSourceId: 14, userId: 1300, rule: 'R-TRN-5' },
    ]);
    expect(userShares(snapshot, 14)).toEqual([]);
    expect(perms(snapshot, 1300, 14)).toEqual([]);
  });

  it('R-TRN-5: as an owner — its tenant shares to tenants out of its reach are removed and listed (without A12)', () => {
    const shared = applyAllowed(s0, req('AdminUser', 'POST', '/mgmt/datasources/14/sharedTenants', { sharedTenants: [{ tenantId: 56, permissions: [2] }, { tenantId: 57, permissions: [2] }] })).snapshot;
    const { snapshot, changes } = applyAllowed(shared, req('SysAdmin', 'PUT', '/admin/users/7', { tenantId: 56, permissions: { roles: [88] } }));
    expect(changes).toEqual([
      { _tag: 'Updated', kind: 'user', id: 7 },
      { _tag: 'AdministeredTenantRemoved', userId: 7, tenantId: 57, rule: 'R-TRN-5' },
      { _tag: 'TenantShareRemoved', dataSourceId: 14, tenantId: 57, rule: 'R-TRN-5' },
    ]);
    expect(tenantShares(snapshot, 14)).toEqual([[56, [2]]]);
    expect([perms(snapshot, 1300, 14), perms(snapshot, 921, 14)]).toEqual([[], [2]]);
  });

  it('R-TRN-5: as an owner — one data source losing a tenant share and a user share in the same move lists both', () => {
    let s = applyAllowed(s0, req('AdminUser', 'POST', '/mgmt/datasources/14/sharedUsers', { sharedUsers: [{ userId: 2, permissions: [2] }] })).snapshot;
    s = applyAllowed(s, req('AdminUser', 'POST', '/mgmt/datasources/14/sharedTenants', { sharedTenants: [{ tenantId: 57, permissions: [5] }] })).snapshot;
    const { snapshot, changes } = applyAllowed(s, req('SysAdmin', 'PUT', '/admin/users/7', { tenantId: 56, permissions: { roles: [88] } }));
    expect(changes).toEqual([
      { _tag: 'Updated', kind: 'user', id: 7 },
      { _tag: 'AdministeredTenantRemoved', userId: 7, tenantId: 57, rule: 'R-TRN-5' },
      { _tag: 'TenantShareRemoved', dataSourceId: 14, tenantId: 57, rule: 'R-TRN-5' },
      { _tag: 'UserShareRemoved', dataSourceId: 14, userId: 2, rule: 'R-TRN-5' },
    ]);
    expect([userShares(snapshot, 14), tenantShares(snapshot, 14)]).toEqual([[], []]);
    expect([perms(snapshot, 2, 14), perms(snapshot, 1300, 14)]).toEqual([[], []]);
  });

  it('R-TRN-5 R-ADM-1: an owner that holds A12 after the move keeps its tenant shares; dropping 12 in the move removes them', () => {
    let s = applyAllowed(s0, req('SysAdmin', 'PUT', '/admin/users/2/permissions', { permissions: [12] })).snapshot;
    s = applyAllowed(s, req('admin2', 'POST', '/mgmt/datasources', { name: 'A2' })).snapshot;
    s = applyAllowed(s, req('admin2', 'POST', '/mgmt/datasources/5443/sharedTenants', { sharedTenants: [{ tenantId: 57, permissions: [2] }] })).snapshot;
    const keep = applyAllowed(s, req('SysAdmin', 'PUT', '/admin/users/2', { tenantId: 56, permissions: { roles: [88] } }));
    expect(keep.changes).toEqual([{ _tag: 'Updated', kind: 'user', id: 2 }]);
    expect(tenantShares(keep.snapshot, 5443)).toEqual([[57, [2]]]);
    const drop = applyAllowed(s, req('SysAdmin', 'PUT', '/admin/users/2', { tenantId: 56, permissions: { roles: [88], permissions: [] } }));
    expect(drop.changes).toEqual([
      { _tag: 'Updated', kind: 'user', id: 2 },
      { _tag: 'TenantShareRemoved', dataSourceId: 5443, tenantId: 57, rule: 'R-TRN-5' },
    ]);
    expect(perms(drop.snapshot, 1300, 5443)).toEqual([]);
  });

  it('R-TRN-5: as an owner — a tenant share to its old tenant, now out of its reach, is removed and listed', () => {
    const shared = applyAllowed(s0, req('AdminUser', 'POST', '/mgmt/datasources/16/sharedTenants', { sharedTenants: [{ tenantId: 56, permissions: [7] }] }, 'ODataUser')).snapshot;
    expect(perms(shared, 1297, 16)).toEqual([7]);
    const { snapshot, changes } = applyAllowed(shared, req('SysAdmin', 'PUT', '/admin/users/921', { tenantId: 57, permissions: { roles: [90] } }));
    expect(changes).toEqual([
      { _tag: 'Updated', kind: 'user', id: 921 },
      { _tag: 'TenantShareRemoved', dataSourceId: 16, tenantId: 56, rule: 'R-TRN-5' },
    ]);
    expect([tenantShares(snapshot, 16), perms(snapshot, 1297, 16)]).toEqual([[], []]);
  });

  it('R-TRN-5 R-OAP-1: a move is refused (400) while the user owns OAuth profiles on apps it could not use from the new tenant', () => {
    const d = applyDenied(s0, req('SysAdmin', 'PUT', '/admin/users/1297', { tenantId: 57, permissions: { roles: [90] } }), 400);
    expect(reasonOf(d)).toContain('R-TRN-5');
    // without the profile the move goes through
    const free = applyAllowed(s0, req('SysAdmin', 'DELETE', '/mgmt/oauthprofiles/3')).snapshot;
    const moved = applyAllowed(free, req('SysAdmin', 'PUT', '/admin/users/1297', { tenantId: 57, permissions: { roles: [90] } }));
    // its shares from AdminUser stay in force (AdminUser administers 57)
    expect(moved.changes).toEqual([{ _tag: 'Updated', kind: 'user', id: 1297 }]);
    expect(perms(moved.snapshot, 1297, 13)).toEqual([6]);
  });
});

describe('deleting users (R-TRN-6)', () => {
  it('R-TRN-6: a deleted user takes its data sources (with their shares) and the shares to it', () => {
    const { decision, snapshot, changes } = applyAllowed(s0, req('SysAdmin', 'DELETE', '/admin/users/7'));
    expect(decision.status).toBe(204);
    expect(changes).toEqual([
      { _tag: 'Deleted', kind: 'user', id: 7, rule: null },
      { _tag: 'Deleted', kind: 'dataSource', id: 13, rule: 'R-TRN-6' },
      { _tag: 'UserShareRemoved', dataSourceId: 13, userId: 1297, rule: 'R-TRN-6' },
      { _tag: 'Deleted', kind: 'dataSource', id: 14, rule: 'R-TRN-6' },
      { _tag: 'Deleted', kind: 'dataSource', id: 20, rule: 'R-TRN-6' },
      { _tag: 'UserShareRemoved', dataSourceId: 20, userId: 1297, rule: 'R-TRN-6' },
      { _tag: 'Deleted', kind: 'dataSource', id: 5441, rule: 'R-TRN-6' },
      { _tag: 'UserShareRemoved', dataSourceId: 5441, userId: 921, rule: 'R-TRN-6' },
      { _tag: 'Deleted', kind: 'dataSource', id: 5442, rule: 'R-TRN-6' },
    ]);
    expect([...snapshot.dataSources.keys()]).toEqual([16, 18, 800]);
    expect([snapshot.users.has(7), snapshot.userIdsByName.has('AdminUser')]).toEqual([false, false]);
    expect([snapshot.tenants.get(56)?.admins, snapshot.tenants.get(57)?.admins, snapshot.roles.get(3)?.users]).toEqual([[2], [], []]);
    expect(snapshot.userSharesByRecipient.get(1297) ?? []).toEqual([]);
    expect(snapshot.nextIds).toEqual({ user: 1401, dataSource: 5443 });
  });

  it('R-TRN-6: a deleted user takes its OAuth profiles and the shares to it; the owners keep their data sources', () => {
    const { snapshot, changes } = applyAllowed(s0, req('SysAdmin', 'DELETE', '/admin/users/1297'));
    expect(changes).toEqual([
      { _tag: 'Deleted', kind: 'user', id: 1297, rule: null },
      { _tag: 'Deleted', kind: 'oauthProfile', id: 3, rule: 'R-TRN-6' },
      { _tag: 'UserShareRemoved', dataSourceId: 13, userId: 1297, rule: 'R-TRN-6' },
      { _tag: 'UserShareRemoved', dataSourceId: 20, userId: 1297, rule: 'R-TRN-6' },
    ]);
    expect([snapshot.oauthProfiles.size, userShares(snapshot, 13), userShares(snapshot, 20)]).toEqual([0, [], []]);
    expect(snapshot.profilesByApp.get(17) ?? []).toEqual([]);
    expect(snapshot.roles.get(88)?.users).toEqual([1400]);
    expect(snapshot.nextIds).toEqual({ user: 1401, oauthProfile: 4 });
    // the app is free now (R-TRN-6)
    expect(applyAllowed(snapshot, req('SysAdmin', 'DELETE', '/mgmt/oauthapps/17')).changes).toEqual([{ _tag: 'Deleted', kind: 'oauthApp', id: 17, rule: null }]);
  });

  it('R-ADM-2 R-TRN-1: a delete by a caller without access to the user\'s tenant is denied and changes nothing', () => {
    applyDenied(s0, req('admin2', 'DELETE', '/admin/users/1300'), 403);
    applyDenied(s0, req('SysAdmin', 'DELETE', '/admin/users/99999'), 404);
  });
});
