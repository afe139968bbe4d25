/**
 * Body-dependent authorization (R-REQ-6) of user updates and tenant creation: only what the body
 * changes is checked (R-ADM-2), the creator is no added admin of its own tenant (R-ADM-4), and
 * imported roles are judged only when the body imports some (R-ADM-6).
 */
import { describe, expect, it } from 'vitest';
import { decideHttp } from '../../src/decide/http.js';
import { bodyStep, world } from './world.js';

describe('UserUpdate (R-ADM-2)', () => {
  it('R-ADM-2 an update that does not name a tenant needs no access on a new tenant', () => {
    const d = decideHttp(world, { actor: 'Ops', method: 'PUT', path: '/api/admin/users/9', body: { userName: 'Plainer2' } });
    expect(d).toMatchObject({ decision: 'allow', status: 200 });
    expect(bodyStep(d)).toBeUndefined();
  });

  it('R-ADM-2 an update that names the user\'s current tenant is no move, and checks nothing more', () => {
    const d = decideHttp(world, { actor: 'Ops', method: 'PUT', path: '/api/admin/users/9', body: { tenantId: 1 } });
    expect(d).toMatchObject({ decision: 'allow', status: 200 });
    expect(bodyStep(d)).toBeUndefined();
  });

  it('R-ADM-2 an update that gives administrative access on a tenant the actor does not administer is 403', () => {
    const d = decideHttp(world, { actor: 'Ops', method: 'PUT', path: '/api/admin/users/9', body: { tenantsAdministered: [57] } });
    expect(d).toMatchObject({ decision: 'deny', status: 403 });
    expect(d.decision === 'deny' ? d.reason : '').toContain('lacks administrative access on tenant `57`');
  });
});

describe('TenantCreate (R-ADM-4, R-TRN-6, R-ADM-6)', () => {
  it('R-ADM-4 a creator that lists itself among the admins needs no access on its own tenant', () => {
    const d = decideHttp(world, { actor: 'Ops2', method: 'POST', path: '/api/admin/tenants', body: { name: 'New', admins: [10] } });
    expect(d).toMatchObject({ decision: 'allow', status: 201 });
    expect(bodyStep(d)?.children.map((s) => s.rule)).toEqual(['R-ADM-5']);
  });

  it('R-ADM-6 a create that imports no roles has no privilege-ceiling step', () => {
    const d = decideHttp(world, { actor: 'Ops2', method: 'POST', path: '/api/admin/tenants', body: { name: 'Bare' } });
    expect(d).toMatchObject({ decision: 'allow', status: 201 });
    expect(bodyStep(d)?.children.map((s) => s.rule)).toEqual(['R-ADM-5']);
  });

  it('R-ADM-6 a create that imports an empty list of roles has no privilege-ceiling step either', () => {
    const d = decideHttp(world, { actor: 'Ops2', method: 'POST', path: '/api/admin/tenants', body: { name: 'Bare', importedRoles: [] } });
    expect(d).toMatchObject({ decision: 'allow', status: 201 });
    expect(bodyStep(d)?.children.map((s) => s.rule)).toEqual(['R-ADM-5']);
  });
});
