/** State changes of OAuth applications and profiles (SPEC §6: R-TRN-2, R-TRN-6; R-OAA-1, R-OAP-1). */
import { describe, expect, it } from 'vitest';
import { example } from '../helpers.js';
import { applyAllowed, applyDenied, reasonOf, req } from './support.js';

const s0 = example();

describe('OAuth applications', () => {
  it('R-OAA-1 R-TRN-2: an app is created in the body\'s tenant with the next id', () => {
    const { decision, snapshot, changes } = applyAllowed(s0, req('SysAdmin', 'POST', '/mgmt/oauthapps', { name: 'GB', tenantId: 57, dataStore: 60 }));
    expect(decision.status).toBe(201);
    expect(changes).toEqual([{ _tag: 'Created', kind: 'oauthApp', id: 18 }]);
    expect(snapshot.oauthApps.get(18)).toEqual({ id: 18, name: 'GB', tenantId: 57, dataStore: 60 });
    expect(snapshot.nextIds).toEqual({ oauthApp: 19 });
    expect(s0.oauthApps.has(18)).toBe(false);
  });

  it('R-OAA-1: an app update changes its name and data store', () => {
    const { decision, snapshot, changes } = applyAllowed(s0, req('SysAdmin', 'PUT', '/mgmt/oauthapps/17', { name: 'GA2', dataStore: 55 }));
    expect(decision.status).toBe(200);
    expect(changes).toEqual([{ _tag: 'Updated', kind: 'oauthApp', id: 17 }]);
    expect(snapshot.oauthApps.get(17)).toEqual({ id: 17, name: 'GA2', tenantId: 56, dataStore: 55 });
  });

  it('R-TRN-6: an app used by profiles cannot be deleted (400); once its profile is gone it is deleted', () => {
    const d = applyDenied(s0, req('SysAdmin', 'DELETE', '/mgmt/oauthapps/17'), 400);
    expect(reasonOf(d)).toContain('R-TRN-6');
    const free = applyAllowed(s0, req('SysAdmin', 'DELETE', '/mgmt/oauthprofiles/3')).snapshot;
    const { decision, snapshot, changes } = applyAllowed(free, req('SysAdmin', 'DELETE', '/mgmt/oauthapps/17'));
    expect(decision.status).toBe(204);
    expect(changes).toEqual([{ _tag: 'Deleted', kind: 'oauthApp', id: 17, rule: null }]);
    expect([snapshot.oauthApps.size, snapshot.nextIds]).toEqual([0, { oauthApp: 18, oauthProfile: 4 }]);
  });

  // D-INC-10: moving app 17 to tenant 57 would strand profile 3 of SQLUser (tenant 56), the state R-TRN-5 refuses for a user move
  it('R-OAP-1 R-TRN-5: moving an app away from the tenant of its profiles\' owners is refused (400)', () => {
    applyDenied(s0, req('SysAdmin', 'PUT', '/mgmt/oauthapps/17', { tenantId: 57 }), 400);
  });

  it('R-OAA-1: a caller without OAuth (28) changes no app', () => {
    applyDenied(s0, req('AdminUser', 'POST', '/mgmt/oauthapps', { name: 'X', tenantId: 56 }), 403);
  });
});

describe('OAuth profiles', () => {
  it('R-OAP-1 R-TRN-3: a profile created on behalf of a user is owned by that user', () => {
    const { decision, snapshot, changes } = applyAllowed(s0, req('AdminUser', 'POST', '/mgmt/oauthprofiles', { name: 'P2', oauthAppId: 17 }, 'ODataUser'));
    expect(decision.status).toBe(201);
    expect(changes).toEqual([{ _tag: 'Created', kind: 'oauthProfile', id: 4 }]);
    expect(snapshot.oauthProfiles.get(4)).toEqual({ id: 4, name: 'P2', oauthAppId: 17, owner: 921 });
    expect([snapshot.profilesByOwner.get(921), snapshot.profilesByApp.get(17)]).toEqual([[4], [3, 4]]);
    expect(snapshot.nextIds).toEqual({ oauthProfile: 5 });
    // the new profile now blocks ODataUser's move to 57 (R-TRN-5)
    applyDenied(snapshot, req('SysAdmin', 'PUT', '/admin/users/921', { tenantId: 57, permissions: { roles: [90] } }), 400);
  });

  it('R-OAP-1 R-TRN-3 R-TRN-5: a profile directly created by its owner on an app it may use (of its own or the system tenant); a caller without CreateDataSource (1) is refused', () => {
    applyDenied(s0, req('SQLUser', 'POST', '/mgmt/oauthprofiles', { name: 'P', oauthAppId: 17 }), 403);
    applyDenied(s0, req('analyst', 'POST', '/mgmt/oauthprofiles', { name: 'P', oauthAppId: 17 }), 400); // an app of another tenant
    const system = applyAllowed(s0, req('SysAdmin', 'POST', '/mgmt/oauthapps', { name: 'Shared', tenantId: 1 })).snapshot;
    const { snapshot, changes } = applyAllowed(system, req('analyst', 'POST', '/mgmt/oauthprofiles', { name: 'P', oauthAppId: 18 }));
    expect(changes).toEqual([{ _tag: 'Created', kind: 'oauthProfile', id: 4 }]);
    expect(snapshot.oauthProfiles.get(4)).toEqual({ id: 4, name: 'P', oauthAppId: 18, owner: 1300 });
    // a profile on a system-tenant app does not block a move (R-TRN-5)
    const moved = applyAllowed(snapshot, req('SysAdmin', 'PUT', '/admin/users/1300', { tenantId: 56, permissions: { roles: [88] } }));
    expect(moved.snapshot.users.get(1300)?.tenantId).toBe(56);
  });

  it('R-OAP-1: a profile update renames it; a delete removes it and writes the high-water mark', () => {
    const upd = applyAllowed(s0, req('AdminUser', 'PUT', '/mgmt/oauthprofiles/3', { name: 'Renamed' }, 'SQLUser'));
    expect(upd.decision.status).toBe(200);
    expect(upd.changes).toEqual([{ _tag: 'Updated', kind: 'oauthProfile', id: 3 }]);
    expect(upd.snapshot.oauthProfiles.get(3)?.name).toBe('Renamed');
    const del = applyAllowed(s0, req('SysAdmin', 'DELETE', '/mgmt/oauthprofiles/3'));
    expect(del.decision.status).toBe(204);
    expect(del.changes).toEqual([{ _tag: 'Deleted', kind: 'oauthProfile', id: 3, rule: null }]);
    expect([del.snapshot.oauthProfiles.size, del.snapshot.profilesByOwner.get(1297) ?? [], del.snapshot.nextIds]).toEqual([0, [], { oauthProfile: 4 }]);
  });
});

