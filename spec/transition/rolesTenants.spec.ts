/** State changes of roles and tenants (SPEC §6: R-TRN-6, R-ADM-4; R-ROL-1, R-DSP-2, R-ADM-6). */
import { describe, expect, it } from 'vitest';
import { decideHttp } from '../../src/decide/http.js';
import { encodeSnapshot } from '../../src/snapshot/encode.js';
import { example, load } from '../helpers.js';
import { applyAllowed, applyDenied, perms, reasonOf, reload, req, sameDecisions, tenantShares } from './support.js';

const s0 = example();

describe('roles', () => {
  it('R-TRN-2 R-EFF-1: a role created with users gives them its permissions', () => {
    const { decision, snapshot, changes } = applyAllowed(s0, req('SysAdmin', 'POST', '/admin/roles', { name: 'Viewers', tenantId: 56, permissions: [11, 2], users: [921] }));
    expect(decision.status).toBe(201);
    expect(changes).toEqual([{ _tag: 'Created', kind: 'role', id: 91 }]);
    const r = snapshot.roles.get(91);
    expect([r?.name, r?.tenantId, r?.permissions.ids, r?.users]).toEqual(['Viewers', 56, [2, 11], [921]]);
    expect([snapshot.users.get(921)?.roles, snapshot.users.get(921)?.permissions.ids]).toEqual([[21, 91], [2, 7, 11]]);
    expect(perms(snapshot, 921, 16)).toEqual([2, 7, 11]); // R-DSP-2
    expect(snapshot.nextIds).toEqual({ role: 92 });
  });

  it('R-DSP-2 R-EFF-1: updating a role\'s permissions changes its users\' access to the data sources they own without a set, not the others', () => {
    const { snapshot, changes } = applyAllowed(s0, req('SysAdmin', 'PUT', '/admin/roles/21', { permissions: [2, 7] }));
    expect(changes).toEqual([{ _tag: 'Updated', kind: 'role', id: 21 }]);
    expect(snapshot.users.get(921)?.permissions.ids).toEqual([2, 7]);
    expect([perms(s0, 921, 16), perms(snapshot, 921, 16)]).toEqual([[7], [2, 7]]);
    expect(perms(snapshot, 921, 18)).toEqual([2, 3, 4, 7, 10]); // R-DSP-1
    expect(perms(snapshot, 921, 5441)).toEqual([2, 3, 5]); // R-SHR-4
    expect(snapshot.dataSources.get(16)?.ownerAccess.permissions.ids).toEqual([2, 7]);
    sameDecisions(snapshot, reload(snapshot), [req('AdminUser', 'GET', '/mgmt/datasources/16/permissions', undefined, 'ODataUser')]);
  });

  it('R-EFF-1: updating a role\'s users list replaces its holders', () => {
    const created = applyAllowed(s0, req('SysAdmin', 'POST', '/admin/roles', { name: 'Extra', tenantId: 56, permissions: [1], users: [921] })).snapshot;
    const { snapshot, changes } = applyAllowed(created, req('SysAdmin', 'PUT', '/admin/roles/91', { users: [1297, 1400] }));
    expect(changes).toEqual([{ _tag: 'Updated', kind: 'role', id: 91 }]);
    expect(snapshot.roles.get(91)?.users).toEqual([1297, 1400]);
    expect([snapshot.users.get(921)?.roles, snapshot.users.get(1297)?.roles, snapshot.users.get(1400)?.roles]).toEqual([[21], [88, 91], [88, 91]]);
    expect([snapshot.users.get(921)?.permissions.ids.includes(1), snapshot.users.get(1297)?.permissions.ids.includes(1)]).toEqual([false, true]);
    // SQLUser may now create data sources (SPEC §10.4 turned around)
    expect(decideHttp(snapshot, req('SQLUser', 'POST', '/mgmt/datasources', { name: 'x' })).status).toBe(201);
  });

  it('R-EFF-1 D-INC-14: a users list given out of order still gives the role its users ascending, as a recompiled snapshot has them', () => {
    const created = applyAllowed(s0, req('SysAdmin', 'POST', '/admin/roles', { name: 'Extra', tenantId: 56, permissions: [1], users: [921] })).snapshot;
    const { snapshot } = applyAllowed(created, req('SysAdmin', 'PUT', '/admin/roles/91', { users: [1400, 1297, 921] }));
    expect(snapshot.roles.get(91)?.users).toEqual([921, 1297, 1400]);
    expect(reload(snapshot).roles.get(91)?.users).toEqual([921, 1297, 1400]);
  });

  it('R-EFF-2 R-TRN-1: a users list that would leave a user without a role is refused (400) and changes nothing', () => {
    applyDenied(s0, req('SysAdmin', 'PUT', '/admin/roles/88', { users: [1297] }), 400);
  });

  it('R-ROL-1: a role with users cannot be deleted (400); one without users is deleted and its id never reused', () => {
    const d = applyDenied(s0, req('SysAdmin', 'DELETE', '/admin/roles/90'), 400);
    expect(reasonOf(d)).toContain('R-ROL-1');
    applyDenied(s0, req('SysAdmin', 'DELETE', '/admin/roles/2'), 400); // predefined
    const created = applyAllowed(s0, req('SysAdmin', 'POST', '/admin/roles', { name: 'Tmp', tenantId: 57, permissions: [2] })).snapshot;
    const { decision, snapshot, changes } = applyAllowed(created, req('SysAdmin', 'DELETE', '/admin/roles/91'));
    expect(decision.status).toBe(204);
    expect(changes).toEqual([{ _tag: 'Deleted', kind: 'role', id: 91, rule: null }]);
    expect([snapshot.roles.has(91), snapshot.nextIds]).toEqual([false, { role: 92 }]);
    expect(applyAllowed(snapshot, req('SysAdmin', 'POST', '/admin/roles', { name: 'Next', tenantId: 57, permissions: [2] })).changes).toEqual([{ _tag: 'Created', kind: 'role', id: 92 }]);
  });

  it('R-ROL-1 R-ADM-6: predefined roles keep their permissions; a role above the creator\'s own permissions is refused (403)', () => {
    applyDenied(s0, req('SysAdmin', 'PUT', '/admin/roles/2', { permissions: [1, 2] }), 400);
    applyDenied(s0, req('AdminUser', 'POST', '/admin/roles', { name: 'Elevated', tenantId: 56, permissions: [25] }), 403);
  });
});

describe('tenants', () => {
  it('R-TRN-6 R-ADM-4 R-TRN-2: a created tenant is administered by its creator and the admins given; imported roles are copied with new ids', () => {
    const { decision, snapshot, changes } = applyAllowed(s0, req('SysAdmin', 'POST', '/admin/tenants', { name: 'OrgC', admins: [7], importedRoles: [90, 88] }));
    expect(decision.status).toBe(201);
    expect(changes).toEqual([
      { _tag: 'Created', kind: 'tenant', id: 58 },
      { _tag: 'Created', kind: 'role', id: 91 },
      { _tag: 'Created', kind: 'role', id: 92 },
    ]);
    const t = snapshot.tenants.get(58);
    expect([t?.name, t?.parentTenant, t?.admins, t?.users]).toEqual(['OrgC', 1, [1, 7], []]);
    expect([snapshot.users.get(1)?.tenantsAdministered, snapshot.users.get(7)?.tenantsAdministered]).toEqual([[58], [56, 57, 58]]);
    const copies = [91, 92].map((id) => snapshot.roles.get(id)).map((r) => [r?.name, r?.tenantId, r?.permissions.ids, r?.users]);
    expect(copies).toEqual([
      ['QueryBasedRole', 58, [5, 6, 7, 8, 9, 10, 11], []],
      ['OrgBUser', 58, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], []],
    ]);
    // the originals are untouched
    expect([snapshot.roles.get(88)?.tenantId, snapshot.roles.get(90)?.tenantId]).toEqual([56, 57]);
    expect(snapshot.nextIds).toEqual({ tenant: 59, role: 93 });
    // the admin can now create a user there with a copied role
    const user = applyAllowed(snapshot, req('AdminUser', 'POST', '/admin/users', { userName: 'c1', tenantId: 58, permissions: { roles: [92] } }));
    expect(user.snapshot.users.get(1401)?.permissions.ids).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('R-ADM-4 R-ADM-6: a non-A12 creator with TenantAPI administers what it creates; importing roles above its permissions is refused (403)', () => {
    const s = applyAllowed(s0, req('SysAdmin', 'PUT', '/admin/users/2/permissions', { permissions: [25] })).snapshot;
    applyDenied(s, req('admin2', 'POST', '/admin/tenants', { name: 'T', importedRoles: [3] }), 403);
    const { snapshot, changes } = applyAllowed(s, req('admin2', 'POST', '/admin/tenants', { name: 'T', importedRoles: [88] }));
    expect(changes).toEqual([
      { _tag: 'Created', kind: 'tenant', id: 58 },
      { _tag: 'Created', kind: 'role', id: 91 },
    ]);
    expect(snapshot.users.get(2)?.tenantsAdministered).toEqual([56, 58]);
  });

  it('R-TRN-6 R-ADM-5: a child-tenant caller cannot create tenants (403), even with TenantAPI or A12; admins out of reach are refused (400)', () => {
    for (const p of [[11, 25], [12]]) {
      const s = applyAllowed(s0, req('SysAdmin', 'PUT', '/admin/users/921/permissions', { permissions: p })).snapshot;
      applyDenied(s, req('ODataUser', 'POST', '/admin/tenants', { name: 'T' }), 403);
    }
    applyDenied(s0, req('SysAdmin', 'POST', '/admin/tenants', { name: 'T', admins: [921] }), 400);
    applyDenied(s0, req('AdminUser', 'POST', '/admin/tenants', { name: 'T' }), 403); // no TenantAPI (25)
  });

  it('R-TRN-6: a tenant update changes its name and status only', () => {
    const { snapshot, changes } = applyAllowed(s0, req('SysAdmin', 'PUT', '/admin/tenants/57', { name: 'OrgB2', status: 0 }));
    expect(changes).toEqual([{ _tag: 'Updated', kind: 'tenant', id: 57 }]);
    const t = snapshot.tenants.get(57);
    expect([t?.name, t?.status, t?.parentTenant, t?.users, t?.admins]).toEqual(['OrgB2', 0, 1, [1300], [7]]);
    applyDenied(s0, req('SysAdmin', 'PUT', '/admin/tenants/57', { parentTenant: 56 }), 400); // R-SNAP-3
  });

  it('R-ADM-5 R-ADM-7: UpdateTenantAdmins sets exactly the administrators; it may not change the actor\'s own access', () => {
    const { snapshot, changes } = applyAllowed(s0, req('SysAdmin', 'PUT', '/admin/tenants/57/admins', { admins: [2] }));
    expect(changes).toEqual([{ _tag: 'Updated', kind: 'tenant', id: 57 }]);
    expect([snapshot.tenants.get(57)?.admins, snapshot.users.get(2)?.tenantsAdministered, snapshot.users.get(7)?.tenantsAdministered]).toEqual([[2], [56, 57], [56]]);
    applyDenied(s0, req('SysAdmin', 'PUT', '/admin/tenants/57/admins', { admins: [1, 7] }), 400);
    applyDenied(s0, req('SysAdmin', 'PUT', '/admin/tenants/57/admins', { admins: [921] }), 400);
  });

  it('R-TRN-6: a tenant with users, or with OAuth apps that have profiles, cannot be deleted (400)', () => {
    const d56 = applyDenied(s0, req('SysAdmin', 'DELETE', '/admin/tenants/56'), 400);
    expect(reasonOf(d56)).toContain('R-TRN-6');
    applyDenied(s0, req('SysAdmin', 'DELETE', '/admin/tenants/57'), 400);
    // a tenant without users holding an app with a profile (of a system-tenant user): still refused
    const json = encodeSnapshot(s0);
    const s = load({
      ...json,
      tenants: [...(json.tenants ?? []), { id: 58, name: 'Empty', parentTenant: 1 }],
      oauthApps: [...(json.oauthApps ?? []), { id: 30, name: 'App58', tenantId: 58 }],
      oauthProfiles: [...(json.oauthProfiles ?? []), { id: 9, name: 'P9', oauthAppId: 30, owner: 7 }],
    });
    const d = applyDenied(s, req('SysAdmin', 'DELETE', '/admin/tenants/58'), 400);
    expect(reasonOf(d)).toContain('oauth app `30`');
  });

  it('R-TRN-6: deleting a tenant deletes its roles and apps, drops tenant shares to it, and removes it from its administrators — all listed', () => {
    let s = applyAllowed(s0, req('SysAdmin', 'POST', '/admin/tenants', { name: 'OrgC', admins: [7], importedRoles: [88] })).snapshot;
    s = applyAllowed(s, req('SysAdmin', 'POST', '/mgmt/oauthapps', { name: 'App58', tenantId: 58 })).snapshot;
    s = applyAllowed(s, req('AdminUser', 'POST', '/mgmt/datasources/14/sharedTenants', { sharedTenants: [{ tenantId: 58, permissions: [2] }, { tenantId: 57, permissions: [5] }] })).snapshot;
    expect(tenantShares(s, 14)).toEqual([[57, [5]], [58, [2]]]);
    const { decision, snapshot, changes } = applyAllowed(s, req('SysAdmin', 'DELETE', '/admin/tenants/58'));
    expect(decision.status).toBe(204);
    expect(changes).toEqual([
      { _tag: 'Deleted', kind: 'tenant', id: 58, rule: null },
      { _tag: 'Deleted', kind: 'role', id: 91, rule: 'R-TRN-6' },
      { _tag: 'Deleted', kind: 'oauthApp', id: 18, rule: 'R-TRN-6' },
      { _tag: 'TenantShareRemoved', dataSourceId: 14, tenantId: 58, rule: 'R-TRN-6' },
      { _tag: 'AdministeredTenantRemoved', userId: 1, tenantId: 58, rule: 'R-TRN-6' },
      { _tag: 'AdministeredTenantRemoved', userId: 7, tenantId: 58, rule: 'R-TRN-6' },
    ]);
    expect([snapshot.tenants.has(58), snapshot.roles.has(91), snapshot.oauthApps.has(18)]).toEqual([false, false, false]);
    expect(tenantShares(snapshot, 14)).toEqual([[57, [5]]]);
    expect(snapshot.tenantSharesByTenant.get(58) ?? []).toEqual([]);
    expect([snapshot.users.get(1)?.tenantsAdministered, snapshot.users.get(7)?.tenantsAdministered]).toEqual([[], [56, 57]]);
    expect(snapshot.nextIds).toEqual({ tenant: 59, role: 92, oauthApp: 19 });
    // the ids are not given again
    const again = applyAllowed(snapshot, req('SysAdmin', 'POST', '/admin/tenants', { name: 'OrgD' }));
    expect(again.changes).toEqual([{ _tag: 'Created', kind: 'tenant', id: 59 }]);
  });
});
