/**
 * Structural rules of bodies (R-REQ-5) on the paths the guards of `payloadStructure.ts` choose
 * between: members of something that is not a group (R-GRP-5), the last active Administrator
 * (R-ADM-7) judged by the roles and permissions a body leaves, a move into an app's tenant
 * (R-TRN-5), and a role update that names its own tenant (R-REQ-5).
 */
import { describe, expect, it } from 'vitest';
import { decideHttp } from '../../src/decide/http.js';
import { load } from '../helpers.js';
import { world, worldJson } from './world.js';

const reasonOf = (d: ReturnType<typeof decideHttp>): string => (d.decision === 'deny' ? d.reason : '');
const lastAdministrator = 'would leave no active holder of Administrator (12)';

describe('members of a data source that is not a group (R-GRP-5)', () => {
  it('R-GRP-5 adding members to a plain data source reports only that it is not a group', () => {
    const d = decideHttp(world, { actor: 'Root', method: 'POST', path: '/api/mgmt/datasources/100/members', body: { members: [{ id: 999 }] } });
    expect(d).toMatchObject({ decision: 'deny', status: 400 });
    expect(reasonOf(d)).toContain('is not a group');
    expect(reasonOf(d)).not.toContain('999');
  });
});

describe('the last active Administrator (R-ADM-7)', () => {
  // Root is the only active holder of Administrator (12), through predefined role 1; it also holds role 30.
  it('R-ADM-7 removing the last Administrator from role 1 is refused, whatever other roles it keeps', () => {
    const d = decideHttp(world, { actor: 'Ops', method: 'PUT', path: '/api/admin/roles/1', body: { users: [] } });
    expect(d).toMatchObject({ decision: 'deny', status: 400 });
    expect(reasonOf(d)).toContain(lastAdministrator);
  });

  it('R-ADM-7 re-listing the users of another role keeps the Administrator its role 1', () => {
    const d = decideHttp(world, { actor: 'Ops', method: 'PUT', path: '/api/admin/roles/30', body: { users: [7, 9] } });
    expect(d).toMatchObject({ decision: 'allow', status: 200 });
  });

  it('R-ADM-7 removing the Administrator from another role keeps its role 1', () => {
    const d = decideHttp(world, { actor: 'Ops', method: 'PUT', path: '/api/admin/roles/30', body: { users: [9] } });
    expect(d).toMatchObject({ decision: 'allow', status: 200 });
  });

  it('R-ADM-7 a user added to role 1 as the last Administrator leaves it keeps Administrator (12) alive; the ceiling then refuses (R-ADM-6)', () => {
    const d = decideHttp(world, { actor: 'Ops', method: 'PUT', path: '/api/admin/roles/1', body: { users: [9] } });
    expect(d).toMatchObject({ decision: 'deny', status: 403 });
    expect(reasonOf(d)).not.toContain(lastAdministrator);
  });

  it('R-ADM-7 Administrator (12) given explicitly keeps the last Administrator when its role 1 goes', () => {
    const d = decideHttp(world, { actor: 'Ops', method: 'PUT', path: '/api/admin/users/7/permissions', body: { roles: [30], permissions: [12] } });
    expect(d).toMatchObject({ decision: 'allow', status: 200 });
  });

  it('R-REQ-5 an unknown role given to the last Administrator is reported, never thrown', () => {
    const d = decideHttp(world, { actor: 'Ops', method: 'PUT', path: '/api/admin/users/7/permissions', body: { roles: [999] } });
    expect(d).toMatchObject({ decision: 'deny', status: 400 });
    expect(reasonOf(d)).toContain('role `999` does not exist');
  });
});

describe('a move into the tenant of an app (R-TRN-5, R-OAP-1)', () => {
  const withProfile = load({
    ...worldJson,
    users: [...worldJson.users, { id: 22, userName: 'Sys2', tenantId: 1, permissions: { roles: [30] } }],
    oauthApps: [{ id: 40, name: 'OrgApp', tenantId: 56 }],
    oauthProfiles: [{ id: 50, name: 'p', oauthAppId: 40, owner: 22 }],
  });

  it('R-TRN-5 a user moving into the tenant of the app of its profile strands no profile', () => {
    const d = decideHttp(withProfile, { actor: 'Root', method: 'PUT', path: '/api/admin/users/22', body: { tenantId: 56, permissions: { roles: [61] } } });
    expect(d).toMatchObject({ decision: 'allow', status: 200 });
  });
});

describe('a role update naming a tenant (R-REQ-5)', () => {
  it('R-REQ-5 a role update that names the role\'s own tenant is no move', () => {
    const d = decideHttp(world, { actor: 'Root', method: 'PUT', path: '/api/admin/roles/61', body: { tenantId: 56, name: 'OrgUser2' } });
    expect(d).toMatchObject({ decision: 'allow', status: 200 });
  });

  it('R-REQ-5 a role update that names no tenant is no move', () => {
    const d = decideHttp(world, { actor: 'Root', method: 'PUT', path: '/api/admin/roles/61', body: { name: 'OrgUser3' } });
    expect(d).toMatchObject({ decision: 'allow', status: 200 });
  });

  it('R-REQ-5 a role cannot move to another tenant', () => {
    const d = decideHttp(world, { actor: 'Root', method: 'PUT', path: '/api/admin/roles/61', body: { tenantId: 57 } });
    expect(d).toMatchObject({ decision: 'deny', status: 400 });
    expect(reasonOf(d)).toContain('cannot move from tenant `56` to tenant `57`');
  });
});
