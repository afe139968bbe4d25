/**
 * Goldens of the structural problems (R-REQ-5) whose wording or path no other spec pins: each
 * problem in full (path, message, rule), so a changed phrase, path segment or rule id fails.
 */
import { describe, expect, it } from 'vitest';
import { fromIds } from '../../src/catalog/permissionSet.js';
import { operations } from '../../src/operations/operations.js';
import { checkStructural, type PayloadContext } from '../../src/rules/payloadStructure.js';
import { load, userNamed } from '../helpers.js';
import { ctx, problemsOf } from './world.js';

describe('data-source permissions in a body or a route (R-PAY-1)', () => {
  it('R-PAY-1 a direct UpdateDataSourcePermissions is refused at `?user=`', () => {
    expect(checkStructural(ctx({ operation: 'UpdateDataSourcePermissions', actor: 'Alice', dataSource: 15 }))).toEqual([
      { path: '$.query.user', message: 'data-source permissions can be written only on behalf of a user (`?user=`)', rule: 'R-PAY-1' },
    ]);
  });

  it('R-PAY-1 an update carrying permissions for a subject that does not own the data source names both', () => {
    expect(problemsOf(ctx({ operation: 'UpdateDataSource', actor: 'OrgAdmin', subject: 'Bob', dataSource: 15 }), { permissions: [2] })).toEqual([
      { path: '$.body.permissions', message: 'user `Bob` does not own data source `15`', rule: 'R-PAY-1' },
    ]);
  });
});

describe('a shared group needs its members shared first (R-GRP-4)', () => {
  it('R-GRP-4 one unshared member, with a user', () => {
    expect(problemsOf(ctx({ operation: 'ShareWithUsers', actor: 'Alice', dataSource: 30 }), { sharedUsers: [{ userId: 23, permissions: [2] }] })).toEqual([
      { path: '$.body.sharedUsers[0].userId', message: 'member `14` of group `30` is not shared with user `Carol`', rule: 'R-GRP-4' },
    ]);
  });

  it('R-GRP-4 two unshared members, with a user', () => {
    expect(problemsOf(ctx({ operation: 'ShareWithUsers', actor: 'Alice', dataSource: 32 }), { sharedUsers: [{ userId: 23, permissions: [2] }] })).toEqual([
      { path: '$.body.sharedUsers[0].userId', message: 'members `14`, `15` of group `32` are not shared with user `Carol`', rule: 'R-GRP-4' },
    ]);
  });

  it('R-GRP-4 one unshared member, with a tenant', () => {
    expect(problemsOf(ctx({ operation: 'ShareWithTenants', actor: 'Alice', dataSource: 30 }), { sharedTenants: [{ tenantId: 57, permissions: [2] }] })).toEqual([
      { path: '$.body.sharedTenants[0].tenantId', message: 'member `14` of group `30` is not shared with tenant `57`', rule: 'R-GRP-4' },
    ]);
  });

  it('R-GRP-4 two unshared members, with a tenant', () => {
    expect(problemsOf(ctx({ operation: 'ShareWithTenants', actor: 'Alice', dataSource: 32 }), { sharedTenants: [{ tenantId: 58, permissions: [2] }] })).toEqual([
      { path: '$.body.sharedTenants[0].tenantId', message: 'members `14`, `15` of group `32` are not shared with tenant `58`', rule: 'R-GRP-4' },
    ]);
  });
});

describe('permission ids in a body (R-PAY-2, R-SNAP-4)', () => {
  it('R-PAY-2 an UpdateSharedUser body with an unknown permission points at `$.body.permissions[0]`', () => {
    expect(problemsOf(ctx({ operation: 'UpdateSharedUser', actor: 'Alice', dataSource: 15, params: { id: 15, uid: 22 } }), { permissions: [999] })).toEqual([
      { path: '$.body.permissions[0]', message: 'permission `999` is not in the catalog', rule: 'R-PAY-2' },
    ]);
  });

  it('R-PAY-2 an UpdateSharedTenant body with an unknown permission points at `$.body.permissions[0]`', () => {
    expect(problemsOf(ctx({ operation: 'UpdateSharedTenant', actor: 'Alice', dataSource: 13, params: { id: 13, tid: 57 } }), { permissions: [999] })).toEqual([
      { path: '$.body.permissions[0]', message: 'permission `999` is not in the catalog', rule: 'R-PAY-2' },
    ]);
  });

  it('R-SNAP-4 a CreateRole body with an unknown permission points at `$.body.permissions[0]`', () => {
    expect(problemsOf(ctx({ operation: 'CreateRole', actor: 'Admin' }), { name: 'R', tenantId: 56, permissions: [999] })).toEqual([
      { path: '$.body.permissions[0]', message: 'permission `999` is not in the catalog', rule: 'R-SNAP-4' },
    ]);
  });
});

describe('UpdateUser to a tenant that does not exist (R-REQ-5, R-TRN-5, R-EFF-2)', () => {
  it('R-REQ-5 the unknown tenant is the only problem, at `$.body.tenantId`', () => {
    expect(problemsOf(ctx({ operation: 'UpdateUser', actor: 'Admin', params: { id: 21 } }), { tenantId: 999 })).toEqual([
      { path: '$.body.tenantId', message: 'tenant `999` does not exist', rule: 'R-REQ-5' },
    ]);
  });

  it('R-TRN-5 a move to an unknown tenant checks neither stranded OAuth profiles nor the roles given (R-EFF-2)', () => {
    // Alice owns OAuth profile 3 on an app of tenant 56, and role 93 is of tenant 56
    expect(problemsOf(ctx({ operation: 'UpdateUser', actor: 'Admin', params: { id: 21 } }), { tenantId: 999, permissions: { roles: [93] } })).toEqual([
      { path: '$.body.tenantId', message: 'tenant `999` does not exist', rule: 'R-REQ-5' },
    ]);
  });
});

describe('self-administration is refused at the path of each field (R-ADM-7)', () => {
  it('R-ADM-7 UpdateUser on its own account: roles, permissions and administered tenants', () => {
    expect(problemsOf(ctx({ operation: 'UpdateUser', actor: 'OrgAdmin', params: { id: 20 } }), { permissions: { roles: [93], permissions: [2] }, tenantsAdministered: [] })).toEqual([
      { path: '$.body.permissions.roles', message: 'user `OrgAdmin` cannot change the roles of its own account', rule: 'R-ADM-7' },
      { path: '$.body.permissions.permissions', message: 'user `OrgAdmin` cannot change the permissions of its own account', rule: 'R-ADM-7' },
      { path: '$.body.tenantsAdministered', message: 'user `OrgAdmin` cannot change the administrative access of its own account', rule: 'R-ADM-7' },
    ]);
  });

  it('R-ADM-7 UpdateUserAdminPermissions on its own account: roles and permissions', () => {
    expect(problemsOf(ctx({ operation: 'UpdateUserAdminPermissions', actor: 'OrgAdmin', params: { id: 20 } }), { roles: [93], permissions: [2] })).toEqual([
      { path: '$.body.roles', message: 'user `OrgAdmin` cannot change the roles of its own account', rule: 'R-ADM-7' },
      { path: '$.body.permissions', message: 'user `OrgAdmin` cannot change the permissions of its own account', rule: 'R-ADM-7' },
    ]);
  });
});

describe('the last Administrator (R-ADM-7) in a snapshot without any', () => {
  const noAdministrator = load({
    tenants: [{ id: 1, name: 'System' }, { id: 56, name: 'OrgA', parentTenant: 1 }],
    roles: [{ id: 89, name: 'OrgAAdmin', tenantId: 56, permissions: [1, 2, 11, 13, 14, 15, 16, 17, 18, 19, 20] }],
    users: [
      { id: 20, userName: 'OrgAdmin', tenantId: 56, permissions: { roles: [89] }, tenantsAdministered: [56] },
      { id: 21, userName: 'Alice', tenantId: 56, permissions: { roles: [89] } },
    ],
  });

  it('R-ADM-7 with no active holder of Administrator (12) before, a change of roles leaves nobody without it', () => {
    const actor = userNamed(noAdministrator, 'OrgAdmin');
    const c: PayloadContext = {
      snapshot: noAdministrator,
      operation: 'UpdateUserAdminPermissions',
      body: operations.find((row) => row.name === 'UpdateUserAdminPermissions')?.payload,
      actor,
      subject: actor,
      onBehalfOf: false,
      params: { id: 21 },
      dataSource: undefined,
      grantable: fromIds([]),
    };
    expect(problemsOf(c, { roles: [89], permissions: [2] })).toEqual([]);
  });
});
