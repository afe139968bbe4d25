/** State changes of user and tenant shares (SPEC §6: R-TRN-4; R-SHR-1 … R-SHR-9). */
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/model/snapshot.js';
import { encodeSnapshot } from '../../src/snapshot/encode.js';
import { example, load } from '../helpers.js';
import { applyAllowed, applyDenied, perms, reasonOf, reload, req, sameDecisions, tenantShares, userShares } from './support.js';

const s0 = example();

describe('user shares', () => {
  it('R-SHR-7 R-SHR-1 R-SHR-6: a user share across tenants, in force through the owner\'s administrative access, grants exactly its set', () => {
    const { decision, snapshot, changes } = applyAllowed(s0, req('AdminUser', 'POST', '/mgmt/datasources/14/sharedUsers', { sharedUsers: [{ userId: 1300, permissions: [5, 2] }] }));
    expect(decision.status).toBe(201);
    expect(changes).toEqual([{ _tag: 'Updated', kind: 'dataSource', id: 14 }]);
    expect(userShares(snapshot, 14)).toEqual([[1300, [2, 5]]]);
    expect(snapshot.dataSources.get(14)?.sharedUsers.get(1300)?.inForce).toBe(true);
    expect(snapshot.userSharesByRecipient.get(1300)).toEqual([14]);
    expect(perms(s0, 1300, 14)).toEqual([]);
    expect(perms(snapshot, 1300, 14)).toEqual([2, 5]);
    sameDecisions(snapshot, reload(snapshot), [req('analyst', 'GET', '/mgmt/datasources/14'), req('AdminUser', 'GET', '/mgmt/datasources/14/sharedUsers')]);
  });

  it('R-SHR-7: POST to a recipient already shared with replaces its permissions and keeps the others', () => {
    const { snapshot } = applyAllowed(s0, req('AdminUser', 'POST', '/mgmt/datasources/13/sharedUsers', { sharedUsers: [{ userId: 921, permissions: [2] }, { userId: 1297, permissions: [5, 6] }] }));
    expect(userShares(snapshot, 13)).toEqual([[921, [2]], [1297, [5, 6]]]);
    expect(perms(snapshot, 1297, 13)).toEqual([5, 6]);
  });

  it('R-SHR-7: SPEC §10.7 — PUT …/sharedUsers/{uid} makes the recipient\'s set exactly the new one', () => {
    const { decision, snapshot, changes } = applyAllowed(s0, req('AdminUser', 'PUT', '/mgmt/datasources/5441/sharedUsers/921', { permissions: [2, 3, 4, 5] }));
    expect(decision.status).toBe(200);
    expect(changes).toEqual([{ _tag: 'Updated', kind: 'dataSource', id: 5441 }]);
    expect(perms(s0, 921, 5441)).toEqual([2, 3, 5]);
    expect(perms(snapshot, 921, 5441)).toEqual([2, 3, 4, 5]);
  });

  it('R-SHR-9: DELETE …/sharedUsers/{uid} removes that share; the recipient loses access (R-DSP-3)', () => {
    const { decision, snapshot, changes } = applyAllowed(s0, req('AdminUser', 'DELETE', '/mgmt/datasources/5441/sharedUsers/921'));
    expect(decision.status).toBe(204);
    expect(changes).toEqual([{ _tag: 'Updated', kind: 'dataSource', id: 5441 }]);
    expect(userShares(snapshot, 5441)).toEqual([]);
    expect(snapshot.userSharesByRecipient.get(921) ?? []).toEqual([]);
    expect(perms(snapshot, 921, 5441)).toEqual([]);
  });

  it('R-SHR-9: DELETE …/sharedUsers removes every user share, and the group route through nothing else stays', () => {
    const two = applyAllowed(s0, req('AdminUser', 'POST', '/mgmt/datasources/13/sharedUsers', { sharedUsers: [{ userId: 921, permissions: [2] }] })).snapshot;
    const { snapshot, changes } = applyAllowed(two, req('AdminUser', 'DELETE', '/mgmt/datasources/13/sharedUsers'));
    expect(changes).toEqual([{ _tag: 'Updated', kind: 'dataSource', id: 13 }]);
    expect(userShares(snapshot, 13)).toEqual([]);
    expect(snapshot.userSharesByRecipient.get(1297)).toEqual([20]);
    expect([perms(snapshot, 1297, 13), perms(snapshot, 921, 13), perms(snapshot, 1297, 13, 20)]).toEqual([[], [], [2, 5]]);
  });

  it('R-SHR-3 R-SNAP-8: a share to the owner, or listing a user twice, is refused (400) and changes nothing', () => {
    applyDenied(s0, req('AdminUser', 'POST', '/mgmt/datasources/14/sharedUsers', { sharedUsers: [{ userId: 7, permissions: [2] }] }), 400);
    applyDenied(s0, req('AdminUser', 'POST', '/mgmt/datasources/14/sharedUsers', { sharedUsers: [{ userId: 1300, permissions: [2] }, { userId: 1300, permissions: [5] }] }), 400);
  });

  it('R-SHR-7 R-SHR-6: a share that would not be in force when written is refused (403), not stored', () => {
    // admin2 administers 56 only: its share to analyst (57) would grant nothing
    const owned = applyAllowed(s0, req('admin2', 'POST', '/mgmt/datasources', { name: 'A2' })).snapshot;
    applyDenied(owned, req('admin2', 'POST', '/mgmt/datasources/5443/sharedUsers', { sharedUsers: [{ userId: 1300, permissions: [2] }] }), 403);
  });
});

describe('user shares on behalf of the owner, and shares out of force', () => {
  it('R-SHR-7 R-OBO-3: an administrator shares the subject\'s data source within the subject\'s tenant; across tenants the owner cannot hold it (403)', () => {
    const { snapshot, changes } = applyAllowed(s0, req('AdminUser', 'POST', '/mgmt/datasources/16/sharedUsers', { sharedUsers: [{ userId: 1297, permissions: [7] }] }, 'ODataUser'));
    expect(changes).toEqual([{ _tag: 'Updated', kind: 'dataSource', id: 16 }]);
    expect(perms(snapshot, 1297, 16)).toEqual([7]);
    applyDenied(s0, req('AdminUser', 'POST', '/mgmt/datasources/16/sharedUsers', { sharedUsers: [{ userId: 1300, permissions: [7] }] }, 'ODataUser'), 403);
  });

  /** The example with tenant 58, its user `outsider` (1500), and data source 14 shared with it: out of force (AdminUser does not administer 58). */
  const dormant = (): Snapshot => {
    const json = encodeSnapshot(s0);
    return load({
      ...json,
      tenants: [...(json.tenants ?? []), { id: 58, name: 'OrgC', parentTenant: 1 }],
      roles: [...(json.roles ?? []), { id: 91, name: 'OrgCUser', tenantId: 58, permissions: [2, 11] }],
      users: [...(json.users ?? []), { id: 1500, userName: 'outsider', tenantId: 58, permissions: { roles: [91] } }],
      dataSources: (json.dataSources ?? []).map((d) => (d.id === 14 ? { ...d, sharedUsers: [{ userId: 1500, permissions: [2] }] } : d)),
    });
  };

  it('R-SHR-7 R-SHR-6: a share out of force cannot be rewritten (403), even by A12 for the owner; it can be removed (R-SHR-9)', () => {
    const s = dormant();
    applyDenied(s, req('AdminUser', 'PUT', '/mgmt/datasources/14/sharedUsers/1500', { permissions: [2, 5] }), 403);
    applyDenied(s, req('SysAdmin', 'PUT', '/mgmt/datasources/14/sharedUsers/1500', { permissions: [2, 5] }, 'AdminUser'), 403);
    applyDenied(s, req('AdminUser', 'POST', '/mgmt/datasources/14/sharedUsers', { sharedUsers: [{ userId: 1500, permissions: [2] }] }), 403);
    const other = applyAllowed(s, req('AdminUser', 'POST', '/mgmt/datasources/14/sharedUsers', { sharedUsers: [{ userId: 921, permissions: [2] }] }));
    expect(userShares(other.snapshot, 14)).toEqual([[921, [2]], [1500, [2]]]);
    const { snapshot, changes } = applyAllowed(s, req('AdminUser', 'DELETE', '/mgmt/datasources/14/sharedUsers/1500'));
    expect(changes).toEqual([{ _tag: 'Updated', kind: 'dataSource', id: 14 }]);
    expect(userShares(snapshot, 14)).toEqual([]);
  });
});

describe('tenant shares (R-TRN-4)', () => {
  it('R-TRN-4 R-SHR-3 R-SHR-2: sharing with a tenant removes the user shares to its users (listed), who keep access through the tenant', () => {
    const { decision, snapshot, changes } = applyAllowed(s0, req('AdminUser', 'POST', '/mgmt/datasources/13/sharedTenants', { sharedTenants: [{ tenantId: 56, permissions: [6, 2] }] }));
    expect(decision.status).toBe(201);
    expect(changes).toEqual([
      { _tag: 'Updated', kind: 'dataSource', id: 13 },
      { _tag: 'UserShareRemoved', dataSourceId: 13, userId: 1297, rule: 'R-TRN-4' },
    ]);
    expect(userShares(snapshot, 13)).toEqual([]);
    expect(tenantShares(snapshot, 13)).toEqual([[56, [2, 6]]]);
    expect(snapshot.userSharesByRecipient.get(1297)).toEqual([20]);
    expect(snapshot.tenantSharesByTenant.get(56)).toEqual([13, 800]);
    expect([perms(snapshot, 1297, 13), perms(snapshot, 921, 13), perms(snapshot, 1300, 13)]).toEqual([[2, 6], [2, 6], []]);
    expect(userShares(s0, 13)).toEqual([[1297, [6]]]);
    // the trace reports the consequence under its rule
    expect(decision.trace.some((st) => st.rule === 'R-TRN-4')).toBe(true);
  });

  it('R-TRN-4 R-SHR-3: a later user share to a user of that tenant is refused (400) and changes nothing', () => {
    const { snapshot } = applyAllowed(s0, req('AdminUser', 'POST', '/mgmt/datasources/13/sharedTenants', { sharedTenants: [{ tenantId: 56, permissions: [2] }] }));
    const d = applyDenied(snapshot, req('AdminUser', 'POST', '/mgmt/datasources/13/sharedUsers', { sharedUsers: [{ userId: 921, permissions: [2] }] }), 400);
    expect(reasonOf(d)).toContain('R-SHR-3');
    // a user of another tenant can still get a user share
    const other = applyAllowed(snapshot, req('AdminUser', 'POST', '/mgmt/datasources/13/sharedUsers', { sharedUsers: [{ userId: 1300, permissions: [2] }] }));
    expect(userShares(other.snapshot, 13)).toEqual([[1300, [2]]]);
  });

  it('R-SHR-8: PUT …/sharedTenants/{tid} replaces that share\'s set; the tenant\'s users follow', () => {
    const shared = applyAllowed(s0, req('AdminUser', 'POST', '/mgmt/datasources/14/sharedTenants', { sharedTenants: [{ tenantId: 57, permissions: [2] }] })).snapshot;
    const { decision, snapshot, changes } = applyAllowed(shared, req('AdminUser', 'PUT', '/mgmt/datasources/14/sharedTenants/57', { permissions: [2, 5, 7] }));
    expect(decision.status).toBe(200);
    expect(changes).toEqual([{ _tag: 'Updated', kind: 'dataSource', id: 14 }]);
    expect(perms(shared, 1300, 14)).toEqual([2]);
    expect(perms(snapshot, 1300, 14)).toEqual([2, 5, 7]);
  });

  it('R-SHR-9: DELETE …/sharedTenants/{tid} and DELETE …/sharedTenants remove tenant shares; the tenant\'s users lose access', () => {
    const shared = applyAllowed(s0, req('AdminUser', 'POST', '/mgmt/datasources/14/sharedTenants', { sharedTenants: [{ tenantId: 56, permissions: [2] }, { tenantId: 57, permissions: [2] }] })).snapshot;
    const one = applyAllowed(shared, req('AdminUser', 'DELETE', '/mgmt/datasources/14/sharedTenants/57'));
    expect(one.decision.status).toBe(204);
    expect(one.changes).toEqual([{ _tag: 'Updated', kind: 'dataSource', id: 14 }]);
    expect(tenantShares(one.snapshot, 14)).toEqual([[56, [2]]]);
    expect([perms(one.snapshot, 1300, 14), perms(one.snapshot, 921, 14)]).toEqual([[], [2]]);
    const all = applyAllowed(shared, req('AdminUser', 'DELETE', '/mgmt/datasources/14/sharedTenants'));
    expect(all.changes).toEqual([{ _tag: 'Updated', kind: 'dataSource', id: 14 }]);
    expect(tenantShares(all.snapshot, 14)).toEqual([]);
    expect(all.snapshot.tenantSharesByTenant.get(57) ?? []).toEqual([]);
    expect([perms(all.snapshot, 1300, 14), perms(all.snapshot, 921, 14)]).toEqual([[], []]);
  });

  it('R-GRP-4 R-SHR-8: sharing a group with a tenant its members are not shared with is refused; with them shared first it is allowed', () => {
    applyDenied(s0, req('AdminUser', 'POST', '/mgmt/datasources/20/sharedTenants', { sharedTenants: [{ tenantId: 57, permissions: [2] }] }), 400);
    const member = applyAllowed(s0, req('AdminUser', 'POST', '/mgmt/datasources/13/sharedTenants', { sharedTenants: [{ tenantId: 57, permissions: [5] }] })).snapshot;
    const { snapshot } = applyAllowed(member, req('AdminUser', 'POST', '/mgmt/datasources/20/sharedTenants', { sharedTenants: [{ tenantId: 57, permissions: [2] }] }));
    expect(perms(snapshot, 1300, 13, 20)).toEqual([2]);
    expect(perms(snapshot, 1300, 13)).toEqual([5]);
  });
});
