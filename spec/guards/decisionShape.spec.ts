/**
 * The shape of a decision and of its answers (R-REQ-1, R-RES-1, R-REQ-7): a request given as a
 * path repeats no query parameter, and a field with nothing to say is absent, not `undefined`.
 */
import { describe, expect, it } from 'vitest';
import { decideHttp } from '../../src/decide/http.js';
import { world } from './world.js';

describe('the route fact and absent fields', () => {
  it('R-REQ-1 a request given as a path (no url) routes with no repeated parameter', () => {
    const d = decideHttp(world, { actor: 'Ann', method: 'GET', path: '/api/mgmt/datasources' });
    const route = d.trace.find((s) => s.rule === 'R-REQ-1');
    expect(route?.facts[0]).toMatchObject({ _tag: 'Route', repeated: [] });
  });

  it('R-REQ-7 an allowed request without a response body has no `response` field', () => {
    const d = decideHttp(world, { actor: 'Root', method: 'PUT', path: '/api/admin/roles/61', body: { name: 'OrgUser2' } });
    expect(d).toMatchObject({ decision: 'allow', status: 200 });
    expect(Object.hasOwn(d, 'response')).toBe(false);
  });

  it('R-RES-1 a member without an entity prefix is listed as its id alone', () => {
    const d = decideHttp(world, { actor: 'Ann', method: 'GET', path: '/api/mgmt/datasources/101/members' });
    expect(d).toMatchObject({ decision: 'allow', status: 200 });
    const response = d.decision === 'allow' ? d.response : undefined;
    expect(response).toStrictEqual({ members: [{ id: 100 }] });
  });

  it('R-RES-1 the system tenant is answered without a `parentTenant` field', () => {
    const d = decideHttp(world, { actor: 'Root', method: 'GET', path: '/api/admin/tenants/1' });
    expect(d).toMatchObject({ decision: 'allow', status: 200 });
    const response = d.decision === 'allow' ? d.response : undefined;
    expect(response).toStrictEqual({ id: 1, name: 'System' });
  });
});

describe('one tenant share addressed by the path (R-RES-1, R-SHR-8, R-SHR-9)', () => {
  it('R-SHR-8 updating the share of a tenant the data source is not shared with is 404', () => {
    const d = decideHttp(world, { actor: 'Root', method: 'PUT', path: '/api/mgmt/datasources/100/sharedTenants/56', body: { permissions: [2] } });
    expect(d).toMatchObject({ decision: 'deny', status: 404, error: { error: { message: { value: 'DataSource 100 is not shared with tenant 56.' } } } });
  });

  it('R-SHR-9 removing the share of a tenant the data source is not shared with is 404', () => {
    const d = decideHttp(world, { actor: 'Root', method: 'DELETE', path: '/api/mgmt/datasources/100/sharedTenants/56' });
    expect(d).toMatchObject({ decision: 'deny', status: 404 });
  });

  it('R-SHR-9 removing a share that exists is allowed (204)', () => {
    const d = decideHttp(world, { actor: 'Root', method: 'DELETE', path: '/api/mgmt/datasources/100/sharedTenants/57' });
    expect(d).toMatchObject({ decision: 'allow', status: 204 });
  });
});
