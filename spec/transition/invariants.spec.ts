/** Apply keeps every rule (SPEC §6 R-TRN-1, L-APPLY) and removes the shares a change takes out of force (R-TRN-8). */
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/model/snapshot.js';
import type { Decision } from '../../src/decide/decision.js';
import { putDataSource, putUser } from '../../src/model/edit.js';
import { dataSourceJson, encodeSnapshot, userJson } from '../../src/snapshot/encode.js';
import { updateSnapshot } from '../../src/snapshot/update.js';
import { apply, applyHttp } from '../../src/transition/apply.js';
import { checkApplied } from '../../src/transition/invariants.js';
import { dataSource, example, load } from '../helpers.js';
import { applyAllowed, applyDenied, encoded, expectLikeReloaded, perms, reasonOf, reload, req, sameDecisions, userShares } from './support.js';

const s0 = example();

describe('R-TRN-1 apply is total and pure', () => {
  it('R-TRN-1: a denied request returns the same snapshot object and no changes (403, 404, 401)', () => {
    applyDenied(s0, req('SQLUser', 'DELETE', '/mgmt/datasources/14'), 404);
    applyDenied(s0, req('SQLUser', 'DELETE', '/mgmt/datasources/13'), 403);
    applyDenied(s0, req('ODataUser', 'POST', '/mgmt/datasources', { name: 'x' }), 403);
    applyDenied(s0, req('LockedUser', 'POST', '/mgmt/datasources', { name: 'x' }), 401);
    applyDenied(s0, req('Nobody', 'POST', '/mgmt/datasources', { name: 'x' }), 401);
    applyDenied(s0, req('AdminUser', 'DELETE', '/mgmt/datasources/99999'), 404);
  });

  it('R-TRN-1: an allowed read, and an allowed write outside the authorization state, return the same snapshot and no changes', () => {
    for (const r of [
      req('AdminUser', 'GET', '/mgmt/datasources/13'),
      req('AdminUser', 'GET', '/mgmt/datasources/16/permissions', undefined, 'ODataUser'),
      req('AdminUser', 'POST', '/mgmt/datasources/14/test'),
      req('AdminUser', 'PUT', '/admin/userdetails/changePassword', {}),
      req('SysAdmin', 'PUT', '/admin/users/921/passwordinfo', {}),
      req('SysAdmin', 'PUT', '/admin/users/921/authinfo', {}),
      req('AdminUser', 'GET', '/admin/users/921/tenantsadministered'),
    ]) {
      const before = encoded(s0);
      const { decision, snapshot } = applyHttp(s0, r);
      expect(decision.decision).toBe('allow');
      expect(snapshot).toBe(s0);
      expect('changes' in decision).toBe(false);
      expect(encoded(s0)).toBe(before);
    }
  });

  it('R-TRN-1 R-USE-1: a query-channel request never changes state', () => {
    const { decision, snapshot } = apply(s0, { _tag: 'Use', request: { actor: 'SQLUser', use: { dataSource: 13, via: 'ODBC' } } });
    expect([decision.decision, snapshot === s0]).toEqual(['allow', true]);
  });

  it('R-TRN-1 R-SNAP-1: a change that would break a snapshot check is refused with 400 naming the rule, and nothing changes', () => {
    const d = applyDenied(s0, req('SysAdmin', 'PUT', '/admin/users/921', { userName: 'SQLUser' }), 400);
    expect(reasonOf(d)).toContain('R-SNAP-1');
    expect(d.trace.some((st) => st.outcome === 'fail')).toBe(true);
  });

  it('R-TRN-1 L-APPLY: the post-change check names the broken rule for edits that would break SPEC §2 (duplicate name, share to owner, dangling owner)', () => {
    const u = s0.users.get(921);
    const ds = s0.dataSources.get(14);
    if (u === undefined || ds === undefined) throw new Error('example changed');
    const cases = [
      { edits: [putUser({ ...userJson(u), userName: 'SQLUser' })], rule: 'R-SNAP-1' },
      { edits: [putDataSource({ ...dataSourceJson(ds), sharedUsers: [{ userId: 7, permissions: [2] }] })], rule: 'R-SNAP-8' },
      { edits: [putDataSource({ ...dataSourceJson(ds), owner: 4242 })], rule: 'R-SNAP-2' },
      { edits: [putUser({ ...userJson(u), permissions: { roles: [90] } })], rule: 'R-SNAP-5' },
    ] as const;
    for (const c of cases) {
      const after = updateSnapshot(s0, c.edits).snapshot;
      const problems = checkApplied(s0, after, c.edits);
      expect(problems.map((p) => p.rule), c.rule).toContain(c.rule);
    }
    // and a harmless edit passes
    const ok = [putUser({ ...userJson(u), userName: 'OData2' })];
    expect(checkApplied(s0, updateSnapshot(s0, ok).snapshot, ok)).toEqual([]);
  });

  it('R-TRN-1: an untraced apply makes the same change and reports the same changes', () => {
    const r = req('AdminUser', 'POST', '/mgmt/datasources/13/sharedTenants', { sharedTenants: [{ tenantId: 56, permissions: [2] }] });
    const traced = applyHttp(s0, r);
    const untraced = applyHttp(s0, r, { trace: false });
    const changesOf = (d: Decision): unknown => (d.decision === 'allow' ? d.changes : null);
    expect(changesOf(traced.decision)).toEqual([
      { _tag: 'Updated', kind: 'dataSource', id: 13 },
      { _tag: 'UserShareRemoved', dataSourceId: 13, userId: 1297, rule: 'R-TRN-4' },
    ]);
    expect(changesOf(untraced.decision)).toEqual(changesOf(traced.decision));
    expect(encoded(untraced.snapshot)).toBe(encoded(traced.snapshot));
  });

  it('R-TRN-1: the new snapshot shares what the change did not touch with the old one (structural sharing)', () => {
    const { snapshot } = applyAllowed(s0, req('AdminUser', 'PUT', '/mgmt/datasources/14', { name: 'P2' }));
    expect(snapshot.dataSources.get(14)).not.toBe(s0.dataSources.get(14));
    expect(snapshot.dataSources.get(16)).toBe(s0.dataSources.get(16));
    expect(snapshot.users.get(921)).toBe(s0.users.get(921));
    expect(snapshot.roles.get(88)).toBe(s0.roles.get(88));
  });

  it('R-TRN-1: the old snapshot stays valid and decides as before after a long history built from it', () => {
    const before = encoded(s0);
    let s: Snapshot = s0;
    s = applyAllowed(s, req('AdminUser', 'POST', '/mgmt/datasources/13/sharedTenants', { sharedTenants: [{ tenantId: 56, permissions: [2] }] })).snapshot;
    s = applyAllowed(s, req('SysAdmin', 'PUT', '/admin/users/7', { tenantId: 56, permissions: { roles: [88] } })).snapshot;
    s = applyAllowed(s, req('SysAdmin', 'DELETE', '/admin/users/1297')).snapshot;
    s = applyAllowed(s, req('SysAdmin', 'DELETE', '/admin/users/1300')).snapshot;
    s = applyAllowed(s, req('SysAdmin', 'DELETE', '/admin/tenants/57')).snapshot;
    expect(encoded(s0)).toBe(before);
    expect([perms(s0, 1297, 13), perms(s0, 1300, 800), s0.tenants.has(57)]).toEqual([[6], [7], true]);
    expect([perms(s, 1297, 13), s.tenants.has(57), s.dataSources.has(800)]).toEqual([null, false, false]);
    expectLikeReloaded(s);
    // R-TRN-2: every kind deleted along the way has its high-water mark
    expect(s.nextIds).toEqual({ user: 1401, dataSource: 5443, oauthProfile: 4, tenant: 58, role: 91 });
    sameDecisions(s, reload(s), [
      req('AdminUser', 'GET', '/mgmt/datasources'),
      req('ODataUser', 'GET', '/mgmt/datasources/13'),
      req('SysAdmin', 'GET', '/admin/tenants'),
      req('AdminUser', 'GET', '/mgmt/datasources/13/sharedTenants'),
    ]);
  });
});

describe('R-TRN-8 shares that fall out of force are removed', () => {
  /** AdminUser's data source 14 shared with analyst (tenant 57), in force through AdminUser's access on 57. */
  const sharedWithAnalyst = applyAllowed(s0, req('AdminUser', 'POST', '/mgmt/datasources/14/sharedUsers', { sharedUsers: [{ userId: 1300, permissions: [2, 5] }] })).snapshot;

  it('R-TRN-8 R-SHR-6: UpdateTenantsAdministered taking the recipient\'s tenant removes the share and lists it', () => {
    const { snapshot, changes, decision } = applyAllowed(sharedWithAnalyst, req('SysAdmin', 'PUT', '/admin/users/7/tenantsadministered', { tenantsAdministered: [56] }));
    expect(changes).toEqual([
      { _tag: 'Updated', kind: 'user', id: 7 },
      { _tag: 'UserShareRemoved', dataSourceId: 14, userId: 1300, rule: 'R-TRN-8' },
    ]);
    expect([userShares(snapshot, 14), perms(snapshot, 1300, 14)]).toEqual([[], []]);
    expect(decision.trace.some((st) => st.rule === 'R-TRN-8')).toBe(true);
    // a share never comes back by itself
    const back = applyAllowed(snapshot, req('SysAdmin', 'PUT', '/admin/users/7/tenantsadministered', { tenantsAdministered: [56, 57] })).snapshot;
    expect([userShares(back, 14), perms(back, 1300, 14)]).toEqual([[], []]);
  });

  it('R-TRN-8: UpdateTenantAdmins and UpdateUser (tenantsAdministered) remove the share the same way', () => {
    const a = applyAllowed(sharedWithAnalyst, req('SysAdmin', 'PUT', '/admin/tenants/57/admins', { admins: [] }));
    expect(a.changes).toEqual([
      { _tag: 'Updated', kind: 'tenant', id: 57 },
      { _tag: 'UserShareRemoved', dataSourceId: 14, userId: 1300, rule: 'R-TRN-8' },
    ]);
    const b = applyAllowed(sharedWithAnalyst, req('SysAdmin', 'PUT', '/admin/users/7', { tenantsAdministered: [56] }));
    expect(b.changes).toEqual([
      { _tag: 'Updated', kind: 'user', id: 7 },
      { _tag: 'UserShareRemoved', dataSourceId: 14, userId: 1300, rule: 'R-TRN-8' },
    ]);
    expect([userShares(a.snapshot, 14), userShares(b.snapshot, 14)]).toEqual([[], []]);
  });

  it('R-TRN-8: an owner keeping access on 57 but losing 56 keeps the share to analyst and loses every share to users of 56 (all listed)', () => {
    const { changes, snapshot } = applyAllowed(sharedWithAnalyst, req('SysAdmin', 'PUT', '/admin/users/7/tenantsadministered', { tenantsAdministered: [57] }));
    expect(changes).toEqual([
      { _tag: 'Updated', kind: 'user', id: 7 },
      { _tag: 'UserShareRemoved', dataSourceId: 13, userId: 1297, rule: 'R-TRN-8' },
      { _tag: 'UserShareRemoved', dataSourceId: 20, userId: 1297, rule: 'R-TRN-8' },
      { _tag: 'UserShareRemoved', dataSourceId: 5441, userId: 921, rule: 'R-TRN-8' },
    ]);
    expect([userShares(snapshot, 14), userShares(snapshot, 13), userShares(snapshot, 20), userShares(snapshot, 5441)]).toEqual([[[1300, [2, 5]]], [], [], []]);
    expect(snapshot.userSharesByRecipient.get(1297) ?? []).toEqual([]);
    expect([perms(snapshot, 1300, 14), perms(snapshot, 1297, 13, 20)]).toEqual([[2, 5], []]);
  });

  /** admin2 (tenant 1, administers 56) with 12 held `how`, owning 5443 shared with analyst (57, in force only by A12) and ODataUser (56, in force by access). */
  const a12Owner = (how: 'explicit' | 'role'): Snapshot => {
    let s =
      how === 'explicit'
        ? applyAllowed(s0, req('SysAdmin', 'PUT', '/admin/users/2/permissions', { permissions: [12] })).snapshot
        : applyAllowed(s0, req('SysAdmin', 'POST', '/admin/roles', { name: 'Admins', tenantId: 1, permissions: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], users: [2] })).snapshot;
    s = applyAllowed(s, req('admin2', 'POST', '/mgmt/datasources', { name: 'A2' })).snapshot;
    s = applyAllowed(s, req('admin2', 'POST', '/mgmt/datasources/5443/sharedUsers', { sharedUsers: [{ userId: 1300, permissions: [2] }, { userId: 921, permissions: [2] }] })).snapshot;
    expect(perms(s, 1300, 5443)).toEqual([2]);
    return s;
  };
  const lost = { _tag: 'UserShareRemoved', dataSourceId: 5443, userId: 1300, rule: 'R-TRN-8' } as const;

  it('R-TRN-8 R-SHR-6: losing 12 set explicitly removes the shares in force only by it; the others stay', () => {
    const { snapshot, changes } = applyAllowed(a12Owner('explicit'), req('SysAdmin', 'PUT', '/admin/users/2/permissions', { permissions: [] }));
    expect(changes).toEqual([{ _tag: 'Updated', kind: 'user', id: 2 }, lost]);
    expect(userShares(snapshot, 5443)).toEqual([[921, [2]]]);
    expect([perms(snapshot, 1300, 5443), perms(snapshot, 921, 5443)]).toEqual([[], [2]]);
  });

  it('R-TRN-8: losing 12 through a role (its permissions, its users, or the user\'s roles) removes the share and lists it', () => {
    const s = a12Owner('role');
    const viaPermissions = applyAllowed(s, req('SysAdmin', 'PUT', '/admin/roles/91', { permissions: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }));
    expect(viaPermissions.changes).toEqual([{ _tag: 'Updated', kind: 'role', id: 91 }, lost]);
    const viaUsers = applyAllowed(s, req('SysAdmin', 'PUT', '/admin/roles/91', { users: [] }));
    expect(viaUsers.changes).toEqual([{ _tag: 'Updated', kind: 'role', id: 91 }, lost]);
    const viaRoles = applyAllowed(s, req('SysAdmin', 'PUT', '/admin/users/2/permissions', { roles: [2] }));
    expect(viaRoles.changes).toEqual([{ _tag: 'Updated', kind: 'user', id: 2 }, lost]);
    for (const r of [viaPermissions, viaUsers, viaRoles]) expect(userShares(r.snapshot, 5443)).toEqual([[921, [2]]]);
  });

  it('R-TRN-8: a share already out of force in a loaded snapshot stays after unrelated applies, and is not listed', () => {
    const json = encodeSnapshot(s0);
    const s = load({
      ...json,
      tenants: [...(json.tenants ?? []), { id: 58, name: 'OrgC', parentTenant: 1 }],
      roles: [...(json.roles ?? []), { id: 91, name: 'OrgCUser', tenantId: 58, permissions: [2, 11] }],
      users: [...(json.users ?? []), { id: 1500, userName: 'outsider', tenantId: 58, permissions: { roles: [91] } }],
      dataSources: (json.dataSources ?? []).map((d) => (d.id === 14 ? { ...d, sharedUsers: [{ userId: 1300, permissions: [2] }, { userId: 1500, permissions: [2] }] } : d)),
    });
    expect([dataSource(s, 14).sharedUsers.get(1500)?.inForce, perms(s, 1500, 14)]).toEqual([false, []]);
    const renamed = applyAllowed(s, req('AdminUser', 'PUT', '/mgmt/datasources/14', { name: 'P2' }));
    expect(renamed.changes).toEqual([{ _tag: 'Updated', kind: 'dataSource', id: 14 }]);
    expect(userShares(renamed.snapshot, 14)).toEqual([[1300, [2]], [1500, [2]]]);
    const other = applyAllowed(s, req('AdminUser', 'POST', '/mgmt/datasources', { name: 'n' }));
    expect(userShares(other.snapshot, 14)).toEqual([[1300, [2]], [1500, [2]]]);
    // a change that takes out only the share to analyst removes that one and leaves the old one
    const narrowed = applyAllowed(s, req('SysAdmin', 'PUT', '/admin/users/7/tenantsadministered', { tenantsAdministered: [56] }));
    expect(narrowed.changes).toEqual([
      { _tag: 'Updated', kind: 'user', id: 7 },
      { _tag: 'UserShareRemoved', dataSourceId: 14, userId: 1300, rule: 'R-TRN-8' },
    ]);
    expect(userShares(narrowed.snapshot, 14)).toEqual([[1500, [2]]]);
    expect(narrowed.snapshot.dataSources.get(14)?.sharedUsers.get(1500)?.inForce).toBe(false);
  });

  it('R-TRN-8 R-EFF-3: deactivating an owner takes nothing out of force: its shares stay', () => {
    const { changes, snapshot } = applyAllowed(sharedWithAnalyst, req('SysAdmin', 'PUT', '/admin/users/7/statusinfo', { status: 0 }));
    expect(changes).toEqual([{ _tag: 'Updated', kind: 'user', id: 7 }]);
    expect(userShares(snapshot, 14)).toEqual([[1300, [2, 5]]]);
  });
});
