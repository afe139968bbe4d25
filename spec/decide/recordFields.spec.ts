/**
 * The audit record's top-level fields on denials that end early: who asked, for whom, and
 * whether the request named a subject (R-OBO-1, R-USE-1).
 */
import { describe, expect, it } from 'vitest';
import { decideHttp } from '../../src/decide/http.js';
import { decideUse } from '../../src/decide/use.js';
import { example, load, userNamed } from '../helpers.js';

const s = example();

describe('top-level fields of early denials', () => {
  it('R-OBO-1 a `?user=` naming nobody is 404, marked on behalf of, with no subject', () => {
    const d = decideHttp(s, { actor: 'SysAdmin', method: 'GET', path: '/api/mgmt/datasources', query: { user: 'nobody-at-all' } });
    expect(d).toMatchObject({ decision: 'deny', status: 404, onBehalfOf: true, subject: null, actor: { userName: 'SysAdmin' } });
  });

  it('R-USE-1 a denied query-channel use names its actor as actor and subject', () => {
    const admin = userNamed(s, 'SysAdmin');
    const d = decideUse(s, { actor: { id: admin.id }, use: { dataSource: 18, via: 'JDBC' } });
    expect(d).toMatchObject({ decision: 'deny', actor: { id: admin.id, userName: 'SysAdmin' }, subject: { id: admin.id, userName: 'SysAdmin' }, onBehalfOf: false });
  });

  it('R-USE-1 an unknown actor has neither actor nor subject', () => {
    const d = decideUse(s, { actor: { id: 999999 }, use: { dataSource: 18, via: 'JDBC' } });
    expect(d).toMatchObject({ decision: 'deny', actor: null, subject: null });
  });
});

describe('ListDataSources lists only what the subject reaches (R-RES-1, R-SHR-6, R-EFF-3)', () => {
  const world = load({
    tenants: [{ id: 1, name: 'System' }, { id: 56, name: 'OrgA', parentTenant: 1 }, { id: 57, name: 'OrgB', parentTenant: 1 }],
    roles: [
      { id: 40, name: 'A', tenantId: 56, permissions: [1, 2, 3, 11, 21] },
      { id: 50, name: 'B', tenantId: 57, permissions: [1, 2, 3, 11] },
    ],
    users: [
      { id: 10, userName: 'owner', tenantId: 56, permissions: { roles: [40] }, tenantsAdministered: [56] },
      { id: 11, userName: 'outsider', tenantId: 57, permissions: { roles: [50] } },
      { id: 12, userName: 'sleeper', tenantId: 56, permissions: { roles: [40] }, statusInfo: { status: 0 } },
    ],
    dataSources: [
      { id: 100, name: 'dormant', owner: 10, sharedUsers: [{ userId: 11, permissions: [2] }] },
      { id: 101, name: 'sleepers', owner: 12 },
    ],
  });

  it('R-SHR-6 a share that is not in force is not listed for its recipient', () => {
    const d = decideHttp(world, { actor: 'outsider', method: 'GET', path: '/api/mgmt/datasources' });
    expect(d).toMatchObject({ decision: 'allow', status: 200, response: { dataSources: [] } });
  });

  it('R-EFF-3 listing on behalf of an inactive subject lists nothing, not even what it owns', () => {
    const d = decideHttp(world, { actor: 'owner', method: 'GET', path: '/api/mgmt/datasources', query: { user: 'sleeper' } });
    expect(d).toMatchObject({ decision: 'allow', status: 200, response: { dataSources: [] } });
  });
});
