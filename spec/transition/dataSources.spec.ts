/** State changes of data sources, groups and members (SPEC §6: R-TRN-3, R-TRN-6, R-TRN-7; R-DSP-1, R-GRP-1). */
import { describe, expect, it } from 'vitest';
import { encodeSnapshot } from '../../src/snapshot/encode.js';
import { dataSource, example } from '../helpers.js';
import { applyAllowed, applyDenied, perms, req, sameDecisions, reload, userShares } from './support.js';

const s0 = example();

describe('creating data sources', () => {
  it('R-TRN-3 R-TRN-2: an on-behalf-of create makes the subject the owner, with the next id', () => {
    const { decision, snapshot, changes } = applyAllowed(s0, req('AdminUser', 'POST', '/mgmt/datasources', { name: 'OData_New' }, 'ODataUser'));
    expect(decision.status).toBe(201);
    expect(changes).toEqual([{ _tag: 'Created', kind: 'dataSource', id: 5443 }]);
    const ds = dataSource(snapshot, 5443);
    expect([ds.owner, ds.name, ds.isGroup, ds.permissions]).toEqual([921, 'OData_New', false, undefined]);
    expect(snapshot.dataSourcesByOwner.get(921)).toEqual([16, 18, 5443]);
    // R-DSP-2: no set, so the owner's user permissions (role 21 = [7]); the actor gets nothing
    expect(perms(snapshot, 921, 5443)).toEqual([7]);
    expect(perms(snapshot, 7, 5443)).toEqual([]);
    expect(s0.dataSources.has(5443)).toBe(false);
    sameDecisions(snapshot, reload(snapshot), [
      req('AdminUser', 'GET', '/mgmt/datasources/5443/permissions', undefined, 'ODataUser'),
      req('AdminUser', 'GET', '/mgmt/datasources/5443'),
      req('ODataUser', 'GET', '/mgmt/datasources/5443'),
    ]);
  });

  it('R-TRN-3: a direct create makes the actor the owner', () => {
    const { snapshot, changes } = applyAllowed(s0, req('analyst', 'POST', '/mgmt/datasources', { name: 'Mine' }));
    expect(changes).toEqual([{ _tag: 'Created', kind: 'dataSource', id: 5443 }]);
    expect(dataSource(snapshot, 5443).owner).toBe(1300);
    expect(perms(snapshot, 1300, 5443)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('R-TRN-3 R-PAY-1 R-DSP-1: data-source permissions given on behalf of the owner are set exactly (deduplicated, ascending)', () => {
    const { snapshot } = applyAllowed(s0, req('AdminUser', 'POST', '/mgmt/datasources', { name: 'N', permissions: [3, 2, 2] }, 'ODataUser'));
    expect(dataSource(snapshot, 5443).permissions?.ids).toEqual([2, 3]);
    expect(perms(snapshot, 921, 5443)).toEqual([2, 3]);
  });

  it('R-TRN-3 R-TRN-7 R-GRP-1: a group created with members (duplicates ignored) gives its owner its own access to them', () => {
    const { snapshot, changes } = applyAllowed(s0, req('AdminUser', 'POST', '/mgmt/datasources', { name: 'G', isGroup: true, members: [{ id: 14 }, { id: 13, entityPrefix: 'o' }, { id: 14 }] }));
    expect(changes).toEqual([{ _tag: 'Created', kind: 'dataSource', id: 5443 }]);
    const g = dataSource(snapshot, 5443);
    expect([g.isGroup, g.members]).toEqual([true, [{ id: 13, entityPrefix: 'o' }, { id: 14, entityPrefix: undefined }]]);
    expect(dataSource(snapshot, 13).groups).toEqual([20, 5443]);
    expect(dataSource(snapshot, 14).groups).toEqual([5443]);
    expect(perms(snapshot, 7, 14, 5443)).toEqual(perms(snapshot, 7, 14));
  });

  it('R-TRN-1 R-TRN-3: a create the caller may not make is denied and changes nothing', () => {
    applyDenied(s0, req('SQLUser', 'POST', '/mgmt/datasources', { name: 'X' }), 403);
    applyDenied(s0, req('AdminUser', 'POST', '/mgmt/datasources', { name: 'X', permissions: [2] }), 400); // R-PAY-1
  });
});

describe('updating data sources', () => {
  it('R-TRN-1: a rename updates the data source and keeps its shares and groups', () => {
    const { decision, snapshot, changes } = applyAllowed(s0, req('AdminUser', 'PUT', '/mgmt/datasources/13', { name: 'Oracle_Prod' }));
    expect(decision.status).toBe(200);
    expect(changes).toEqual([{ _tag: 'Updated', kind: 'dataSource', id: 13 }]);
    expect(dataSource(snapshot, 13).name).toBe('Oracle_Prod');
    expect(dataSource(s0, 13).name).toBe('Oracle_Test');
    expect(userShares(snapshot, 13)).toEqual([[1297, [6]]]);
    expect(dataSource(snapshot, 13).groups).toEqual([20]);
  });

  it('R-DSP-1 R-PAY-1: SPEC §10.2 — PUT …/permissions on behalf of the owner sets the override exactly; the role no longer matters', () => {
    const { snapshot, changes } = applyAllowed(s0, req('AdminUser', 'PUT', '/mgmt/datasources/16/permissions', { permissions: [2, 3, 4, 7, 10] }, 'ODataUser'));
    expect(changes).toEqual([{ _tag: 'Updated', kind: 'dataSource', id: 16 }]);
    expect(perms(s0, 921, 16)).toEqual([7]);
    expect(perms(snapshot, 921, 16)).toEqual([2, 3, 4, 7, 10]);
    expect(dataSource(snapshot, 16).ownerAccess._tag).toBe('Override');
    const read = req('AdminUser', 'GET', '/mgmt/datasources/16/permissions', undefined, 'ODataUser');
    sameDecisions(snapshot, reload(snapshot), [read]);
    // an empty set is set-and-empty (R-DSP-1): no access, and the field stays in the JSON
    const empty = applyAllowed(snapshot, req('AdminUser', 'PUT', '/mgmt/datasources/16/permissions', { permissions: [] }, 'ODataUser')).snapshot;
    expect(perms(empty, 921, 16)).toEqual([]);
    expect(encodeSnapshot(empty).dataSources?.find((d) => d.id === 16)?.permissions).toEqual([]);
  });

  it('R-PAY-1: SPEC §10.3 — the same PUT without ?user= is refused and changes nothing', () => {
    applyDenied(s0, req('AdminUser', 'PUT', '/mgmt/datasources/16/permissions', { permissions: [2] }), 400);
  });

  it('R-TRN-7 R-PAY-1 R-DSP-1: PUT /mgmt/datasources/{id} replaces a group\'s members and, on behalf of the owner, sets the data-source permissions', () => {
    const members = applyAllowed(s0, req('AdminUser', 'PUT', '/mgmt/datasources/20', { members: [{ id: 14 }, { id: 14, entityPrefix: 'p' }] }));
    expect(members.changes).toEqual([{ _tag: 'Updated', kind: 'dataSource', id: 20 }]);
    expect(dataSource(members.snapshot, 20).members).toEqual([{ id: 14, entityPrefix: undefined }]);
    expect([dataSource(members.snapshot, 13).groups, dataSource(members.snapshot, 14).groups]).toEqual([[], [20]]);
    const set = applyAllowed(s0, req('AdminUser', 'PUT', '/mgmt/datasources/16', { name: 'OData_Sales2', permissions: [2, 7] }, 'ODataUser'));
    expect(set.changes).toEqual([{ _tag: 'Updated', kind: 'dataSource', id: 16 }]);
    expect([dataSource(set.snapshot, 16).name, perms(set.snapshot, 921, 16)]).toEqual(['OData_Sales2', [2, 7]]);
    applyDenied(s0, req('AdminUser', 'PUT', '/mgmt/datasources/14', { permissions: [2] }), 400); // R-PAY-1: direct
  });

  it('R-GRP-2: turning a member into a group is refused (400), nothing changes', () => {
    applyDenied(s0, req('AdminUser', 'PUT', '/mgmt/datasources/13', { isGroup: true }), 400);
  });
});

describe('deleting data sources (R-TRN-6)', () => {
  it('R-TRN-6: a deleted data source leaves every group and drops its shares; every removal is listed', () => {
    const { decision, snapshot, changes } = applyAllowed(s0, req('AdminUser', 'DELETE', '/mgmt/datasources/13'));
    expect(decision.status).toBe(204);
    expect(changes).toEqual([
      { _tag: 'Deleted', kind: 'dataSource', id: 13, rule: null },
      { _tag: 'MemberRemoved', groupId: 20, memberId: 13, rule: 'R-TRN-6' },
      { _tag: 'UserShareRemoved', dataSourceId: 13, userId: 1297, rule: 'R-TRN-6' },
    ]);
    expect(snapshot.dataSources.has(13)).toBe(false);
    expect(dataSource(snapshot, 20).members).toEqual([]);
    expect(snapshot.userSharesByRecipient.get(1297)).toEqual([20]);
    expect(perms(snapshot, 1297, 13)).toBeNull();
    expect(snapshot.nextIds).toEqual({ dataSource: 5443 });
    expect(dataSource(s0, 20).members.map((m) => m.id)).toEqual([13]);
  });

  it('R-TRN-6: a deleted group leaves its members (they stay, outside the group) and drops its shares', () => {
    const { snapshot, changes } = applyAllowed(s0, req('AdminUser', 'DELETE', '/mgmt/datasources/20'));
    expect(changes).toEqual([
      { _tag: 'Deleted', kind: 'dataSource', id: 20, rule: null },
      { _tag: 'UserShareRemoved', dataSourceId: 20, userId: 1297, rule: 'R-TRN-6' },
    ]);
    expect(snapshot.dataSources.has(20)).toBe(false);
    expect(dataSource(snapshot, 13).groups).toEqual([]);
    expect(userShares(snapshot, 13)).toEqual([[1297, [6]]]);
    expect(perms(snapshot, 1297, 13)).toEqual([6]);
  });

  it('R-TRN-6: a data source deleted by a recipient whose share holds 4 (R-SHR-10) takes the share with it', () => {
    const shared = applyAllowed(s0, req('AdminUser', 'PUT', '/mgmt/datasources/5441/sharedUsers/921', { permissions: [2, 4] })).snapshot;
    applyDenied(s0, req('ODataUser', 'DELETE', '/mgmt/datasources/5441'), 403);
    // ODataUser lacks MgmtAPI (11): give it explicitly, then it may delete through its share
    const withApi = applyAllowed(shared, req('SysAdmin', 'PUT', '/admin/users/921/permissions', { permissions: [11] })).snapshot;
    const { changes, snapshot } = applyAllowed(withApi, req('ODataUser', 'DELETE', '/mgmt/datasources/5441'));
    expect(changes).toEqual([
      { _tag: 'Deleted', kind: 'dataSource', id: 5441, rule: null },
      { _tag: 'UserShareRemoved', dataSourceId: 5441, userId: 921, rule: 'R-TRN-6' },
    ]);
    expect(snapshot.userSharesByRecipient.get(921) ?? []).toEqual([]);
  });
});

describe('members (R-TRN-7)', () => {
  it('R-TRN-7 R-GRP-1: POST adds members, duplicates (also of present members) ignored; the group set reaches the new member', () => {
    const { decision, snapshot, changes } = applyAllowed(s0, req('AdminUser', 'POST', '/mgmt/datasources/20/members', { members: [{ id: 14 }, { id: 14 }, { id: 13, entityPrefix: 'x' }] }));
    expect(decision.status).toBe(201);
    expect(changes).toEqual([{ _tag: 'Updated', kind: 'dataSource', id: 20 }]);
    expect(dataSource(snapshot, 20).members).toEqual([{ id: 13, entityPrefix: 'ora' }, { id: 14, entityPrefix: undefined }]);
    expect(dataSource(snapshot, 14).groups).toEqual([20]);
    expect(perms(s0, 1297, 14, 20)).toEqual([]);
    expect(perms(snapshot, 1297, 14, 20)).toEqual([2, 5]); // L-GROUP-OVER-MEMBER: the share of the group
  });

  it('R-TRN-7: PUT replaces the member set (duplicates ignored); the member left out leaves the group', () => {
    const { decision, snapshot, changes } = applyAllowed(s0, req('AdminUser', 'PUT', '/mgmt/datasources/20/members', { members: [{ id: 14 }, { id: 5441 }, { id: 14 }] }));
    expect(decision.status).toBe(200);
    expect(changes).toEqual([{ _tag: 'Updated', kind: 'dataSource', id: 20 }]);
    expect(dataSource(snapshot, 20).members.map((m) => m.id)).toEqual([14, 5441]);
    expect(dataSource(snapshot, 13).groups).toEqual([]);
    expect(dataSource(snapshot, 5441).groups).toEqual([20]);
    expect(perms(snapshot, 1297, 13, 20)).toEqual([]);
  });

  it('R-TRN-7: PUT with no members empties the group, which stays a group', () => {
    const { snapshot } = applyAllowed(s0, req('AdminUser', 'PUT', '/mgmt/datasources/20/members', { members: [] }));
    expect([dataSource(snapshot, 20).isGroup, dataSource(snapshot, 20).members, dataSource(snapshot, 13).groups]).toEqual([true, [], []]);
  });

  it('R-TRN-7 R-TRN-6: a removed member leaves the group index, so deleting it later removes it from no group', () => {
    const removed = applyAllowed(s0, req('AdminUser', 'DELETE', '/mgmt/datasources/20/members/13'));
    expect(removed.decision.status).toBe(204);
    expect(removed.changes).toEqual([{ _tag: 'Updated', kind: 'dataSource', id: 20 }]);
    expect(dataSource(removed.snapshot, 13).groups).toEqual([]);
    expect(perms(removed.snapshot, 1297, 13, 20)).toEqual([]);
    const { changes } = applyAllowed(removed.snapshot, req('AdminUser', 'DELETE', '/mgmt/datasources/13'));
    expect(changes).toEqual([
      { _tag: 'Deleted', kind: 'dataSource', id: 13, rule: null },
      { _tag: 'UserShareRemoved', dataSourceId: 13, userId: 1297, rule: 'R-TRN-6' },
    ]);
  });

  it('R-TRN-7 R-GRP-5: removing a member that is not there, or adding one of another owner, changes nothing', () => {
    applyDenied(s0, req('AdminUser', 'DELETE', '/mgmt/datasources/20/members/14'), 404);
    applyDenied(s0, req('AdminUser', 'POST', '/mgmt/datasources/20/members', { members: [{ id: 16 }] }), 400);
  });
});
