/**
 * Messages that name several entities use the plural (R-REQ-5): two Administrators, two apps with
 * profiles, two stranded profiles — the guard world with a second Administrator and two OAuth apps.
 */
import { describe, expect, it } from 'vitest';
import { decideHttp } from '../../src/decide/http.js';
import { load } from '../helpers.js';
import { worldJson } from './world.js';

const plural = load({
  ...worldJson,
  roles: [...worldJson.roles, { id: 70, name: 'OrgBUser', tenantId: 57, permissions: [1, 2] }],
  users: [...worldJson.users, { id: 11, userName: 'Root2', tenantId: 1, permissions: { roles: [1] } }],
  oauthApps: [
    { id: 40, name: 'AppA', tenantId: 56 },
    { id: 41, name: 'AppB', tenantId: 56 },
  ],
  oauthProfiles: [
    { id: 50, name: 'P50', oauthAppId: 40, owner: 21 },
    { id: 51, name: 'P51', oauthAppId: 41, owner: 21 },
    { id: 52, name: 'P52', oauthAppId: 40, owner: 20 },
  ],
});

const reasonOf = (d: ReturnType<typeof decideHttp>): string => (d.decision === 'deny' ? d.reason : '');

describe('plural messages (R-REQ-5)', () => {
  it('R-ADM-7 removing two Administrators at once names both users', () => {
    const d = decideHttp(plural, { actor: 'Ops', method: 'PUT', path: '/api/admin/roles/1', body: { users: [] } });
    expect(reasonOf(d)).toContain('$.body: the request would leave no active holder of Administrator (12): users `Root`, `Root2` would lose it (R-ADM-7)');
  });
  it('R-TRN-6 a tenant with two apps with profiles names both apps', () => {
    const d = decideHttp(plural, { actor: 'Root', method: 'DELETE', path: '/api/admin/tenants/56' });
    expect(reasonOf(d)).toContain('$.path: tenant `56` has oauth apps `40`, `41` with profiles and cannot be deleted (R-TRN-6)');
  });
  it('R-TRN-5 a move that would strand two profiles names both', () => {
    const d = decideHttp(plural, { actor: 'Root', method: 'PUT', path: '/api/admin/users/21', body: { tenantId: 57, permissions: { roles: [70] } } });
    expect(reasonOf(d)).toBe('$.body.tenantId: user `Ann` owns oauth profiles `50`, `51` on apps it could not use from tenant `57` (R-TRN-5)');
  });
  it('R-OAP-1 an app move that would strand two profiles names both', () => {
    const d = decideHttp(plural, { actor: 'Root', method: 'PUT', path: '/api/mgmt/oauthapps/40', body: { tenantId: 57 } });
    expect(reasonOf(d)).toBe('$.body.tenantId: oauth app `40` cannot move to tenant `57`: the owners of profiles `50`, `52` could not use it there (R-OAP-1)');
  });
});

describe('changes to oneself through a role (R-ADM-7)', () => {
  it('R-ADM-7 an operator that lists a role without itself is told it cannot remove the role from its own account', () => {
    const d = decideHttp(plural, { actor: 'Ops', method: 'PUT', path: '/api/admin/roles/31', body: { users: [10] } });
    expect(reasonOf(d)).toContain('user `Ops` cannot remove this role from its own account (R-ADM-7)');
  });
});
