import { describe, expect, it } from 'vitest';
import type { HttpRequestJson } from '../../src/codec/request.js';
import { decideHttp } from '../../src/decide/http.js';
import type { Step } from '../../src/model/trace.js';
import { example, exampleJson, load } from '../helpers.js';

const s = example();
const http = (actor: string, method: string, path: string, query: Record<string, string> = {}, body?: unknown) => {
  const request: HttpRequestJson = body === undefined ? { actor, method, path, query } : { actor, method, path, query, body };
  return decideHttp(s, request);
};
const rules = (steps: ReadonlyArray<Step>): ReadonlyArray<string> => steps.flatMap((x) => [x.rule, ...rules(x.children)]);

/** The example snapshot plus an OBO administrator in a child tenant, and one without each gate part. */
const gated = () => {
  const json = exampleJson();
  const base = typeof json === 'object' && json !== null ? json : {};
  return load({
    ...base,
    roles: [
      { id: 21, name: 'ODataRole', tenantId: 56, permissions: [7] },
      { id: 88, name: 'QueryBasedRole', tenantId: 56, permissions: [5, 6, 7, 8, 9, 10, 11] },
      { id: 90, name: 'OrgBUser', tenantId: 57, permissions: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] },
      { id: 91, name: 'OrgBAdmin', tenantId: 57, permissions: [2, 11, 21] },
      { id: 92, name: 'NoMgmt', tenantId: 1, permissions: [2, 21] },
      { id: 93, name: 'Obo', tenantId: 1, permissions: [2, 11, 21] },
      { id: 94, name: 'Admin12', tenantId: 1, permissions: [12] },
    ],
    users: [
      { id: 921, userName: 'ODataUser', tenantId: 56, permissions: { roles: [21] } },
      { id: 1300, userName: 'analyst', tenantId: 57, permissions: { roles: [90] } },
      { id: 7, userName: 'AdminUser', tenantId: 1, permissions: { roles: [3] }, tenantsAdministered: [56, 57] },
      { id: 30, userName: 'childAdmin', tenantId: 57, permissions: { roles: [91] }, tenantsAdministered: [57] },
      { id: 31, userName: 'noAcc', tenantId: 1, permissions: { roles: [93] } },
      { id: 32, userName: 'noMgmt', tenantId: 1, permissions: { roles: [92] }, tenantsAdministered: [56] },
      { id: 33, userName: 'only12', tenantId: 1, permissions: { roles: [94] } },
    ],
    dataSources: [{ id: 16, name: 'OData_Sales', owner: 921 }, { id: 17, name: 'Mine', owner: 1300 }],
    oauthApps: [],
    oauthProfiles: [],
  });
};

describe('on-behalf-of (R-OBO-1 … R-OBO-3)', () => {
  const g = gated();
  const read = (actor: string, user: string, id = 16) => decideHttp(g, { actor, method: 'GET', path: `/api/mgmt/datasources/${id}/permissions`, query: { user } });

  it('R-OBO-2 (a) a child-tenant administrator may act only for users of its own tenant', () => {
    expect(read('childAdmin', 'analyst', 17)).toMatchObject({ decision: 'allow', status: 200 });
    const d = read('childAdmin', 'ODataUser');
    expect(d).toMatchObject({ decision: 'deny', status: 403 });
    expect(d.error?.error.message.value).toContain('it needs `ODataUser` to be in the acting user\'s tenant');
  });

  it('R-OBO-2 (b) the actor needs administrative access on the subject tenant', () => {
    expect(read('noAcc', 'ODataUser').error?.error.message.value).toContain('it needs administrative access on the tenant of `ODataUser`');
  });

  it('R-OBO-2 (c) (d) the actor needs OnBehalfOf (21) and MgmtAPI (11); every missing part is named (R-TRC-4)', () => {
    const d = decideHttp(s, { actor: 'admin2', method: 'GET', path: '/api/mgmt/datasources/16/permissions', query: { user: 'ODataUser' } });
    expect(d).toMatchObject({ decision: 'deny', status: 403, onBehalfOf: true });
    expect(d.error?.error.message.value).toContain('OnBehalfOf (21)');
    expect(read('noMgmt', 'ODataUser').error?.error.message.value).toContain('MgmtAPI (11)');
  });

  it('R-OBO-2 R-ADM-1 Administrator (12) passes the gate alone', () => {
    expect(read('only12', 'ODataUser')).toMatchObject({ decision: 'allow', response: { permissions: [7] } });
  });

  it('R-OBO-3 the actor permissions are checked and the subject reachability: the subject needs no permission of its own', () => {
    // ODataUser itself holds only 7, but AdminUser's permissions satisfy P(11) and D(2)
    expect(read('AdminUser', 'ODataUser')).toMatchObject({ decision: 'allow', subject: { id: 921, userName: 'ODataUser' } });
    // a data source the subject cannot reach is 404 even for an A12 actor
    expect(read('only12', 'ODataUser', 17)).toMatchObject({ decision: 'deny', status: 404 });
  });

  it('R-OBO-1 ?user= naming the actor itself is a plain request; an unknown target is 404', () => {
    expect(http('AdminUser', 'GET', '/api/mgmt/datasources/13', { user: 'AdminUser' })).toMatchObject({ decision: 'allow', onBehalfOf: false });
    expect(http('AdminUser', 'GET', '/api/mgmt/datasources/13', { user: 'ghost' })).toMatchObject({ status: 404, error: { error: { code: 222207916 } } });
  });

  it('R-OBO-1 ?user= on an operation that refuses it, and an on-behalf-of-only operation without it, are 400', () => {
    expect(http('AdminUser', 'GET', '/api/admin/users', { user: 'SQLUser' }).status).toBe(400);
    expect(http('AdminUser', 'PUT', '/api/mgmt/datasources/16/permissions', {}, { permissions: [2] }).status).toBe(400);
  });
});

describe('administration (R-ADM-*)', () => {
  it('R-ADM-3 administrative access grants nothing by itself: admin2 administers 56 but lacks ViewUsers (14)', () => {
    const d = http('admin2', 'GET', '/api/admin/users/1297');
    expect(d).toMatchObject({ decision: 'deny', status: 403 });
    expect(d.error?.error.message.value).toContain('ViewUsers (14)');
  });

  it('R-ADM-2 a permission without administrative access on the target tenant is 403', () => {
    const g = gated();
    // childAdmin does not hold 14 either; AdminUser holds 14 and administers 57
    expect(decideHttp(g, { actor: 'AdminUser', method: 'GET', path: '/api/admin/users/1300' }).decision).toBe('allow');
    const t = load({
      roles: [{ id: 30, name: 'viewer', tenantId: 1, permissions: [14] }],
      tenants: [{ id: 56, name: 'A', parentTenant: 1 }],
      users: [{ id: 2, userName: 'v', tenantId: 1, permissions: { roles: [30] } }, { id: 3, userName: 'w', tenantId: 1, permissions: { roles: [2] } }],
    });
    const d = decideHttp(t, { actor: 'v', method: 'GET', path: '/api/admin/users/3' });
    expect(d).toMatchObject({ decision: 'deny', status: 403 });
    // the auditor's reason names the tenant; the client's message names only what the caller asked about (R-REQ-3)
    expect(d.decision === 'deny' ? d.reason : '').toContain('administrative access on tenant 1');
    expect(d.error?.error.message.value).toBe('user `v` needs administrative access on the tenant of user 3');
  });

  it('R-ADM-4 creating a tenant gives its creator administrative access on it', () => {
    const d = http('SysAdmin', 'POST', '/api/admin/tenants', {}, { name: 'OrgC' });
    expect(d).toMatchObject({ decision: 'allow', status: 201, response: { id: 58, name: 'OrgC', parentTenant: 1, admins: [1] } });
    expect(rules(d.trace)).toContain('R-ADM-4');
  });

  it('R-ADM-1 Administrator (12) satisfies every permission requirement but not not-found answers', () => {
    expect(http('SysAdmin', 'GET', '/api/mgmt/datasources/5441/sharedUsers')).toMatchObject({ decision: 'allow', response: { sharedUsers: [{ userId: 921, permissions: [2, 3, 5] }] } });
    expect(http('SysAdmin', 'GET', '/api/mgmt/datasources/999999').status).toBe(404);
  });
});

describe('answers (R-REQ-7, R-RES-1)', () => {
  it('R-REQ-7 allowed reads answer 200, creates 201, deletes 204', () => {
    expect(http('AdminUser', 'GET', '/api/mgmt/datasources/13').status).toBe(200);
    expect(http('AdminUser', 'POST', '/api/mgmt/datasources', {}, { name: 'new' }).status).toBe(201);
    expect(http('AdminUser', 'DELETE', '/api/mgmt/datasources/14').status).toBe(204);
  });

  it('R-RES-1 GetUserPermissions answers the subject user permissions (R-EFF-1)', () => {
    expect(http('SQLUser', 'GET', '/api/mgmt/permissions')).toMatchObject({ response: { userId: 1297, permissions: [5, 6, 7, 8, 9, 10, 11] } });
  });

  it('R-RES-1 ListDataSources answers the data sources visible to the subject, ascending, with their fields', () => {
    const d = http('AdminUser', 'GET', '/api/mgmt/datasources', { user: 'SQLUser' });
    expect(d.response).toEqual({
      dataSources: [
        { id: 13, name: 'Oracle_Test', isGroup: false, sharedByAnotherUser: true, sharedWithAnotherUser: false, permissions: [6] },
        { id: 20, name: 'SalesGroup', isGroup: true, sharedByAnotherUser: true, sharedWithAnotherUser: false, permissions: [2, 5] },
        { id: 800, name: 'Warehouse', isGroup: false, sharedByAnotherUser: true, sharedWithAnotherUser: false, permissions: [2, 7] },
      ],
    });
  });

  it('R-RES-1 ListMembers, ListSharedTenants, GetTenantsAdministered and GetTenantAdmins answer the gateway shapes', () => {
    expect(http('AdminUser', 'GET', '/api/mgmt/datasources/20/members').response).toEqual({ members: [{ id: 13, entityPrefix: 'ora' }] });
    expect(http('analyst', 'GET', '/api/mgmt/datasources/800/sharedTenants').status).toBe(403); // R-DSP-1: its override [7] lacks ViewDataSource (2)
    expect(http('SysAdmin', 'GET', '/api/mgmt/datasources/800/sharedTenants').response).toEqual({ sharedTenants: [{ tenantId: 56, permissions: [2, 7] }] });
    expect(http('SysAdmin', 'GET', '/api/admin/users/7/tenantsadministered').response).toEqual({ tenantsAdministered: [56, 57] });
    expect(http('SysAdmin', 'GET', '/api/admin/tenants/56/admins').response).toEqual({ admins: [2, 7] });
  });

  it('R-REQ-1 an unknown route is 404 with operation Unknown; a non-integer id is 400', () => {
    expect(http('AdminUser', 'GET', '/api/mgmt/nothing')).toMatchObject({ status: 404, operation: 'Unknown' });
    expect(http('AdminUser', 'GET', '/api/mgmt/datasources/abc')).toMatchObject({ status: 400, operation: 'GetDataSource' });
  });

  it('R-TRC-3 a request decision is byte-identical when repeated', () => {
    const a = JSON.stringify(http('AdminUser', 'GET', '/api/mgmt/datasources/16/permissions', { user: 'ODataUser' }));
    expect(JSON.stringify(http('AdminUser', 'GET', '/api/mgmt/datasources/16/permissions', { user: 'ODataUser' }))).toBe(a);
  });

  it('the fast path (trace: false) decides exactly like the traced one', () => {
    const req: HttpRequestJson = { actor: 'admin2', method: 'GET', path: '/api/mgmt/datasources/16/permissions', query: { user: 'ODataUser' } };
    const { trace: _t, ...withTrace } = decideHttp(s, req);
    const fast = decideHttp(s, req, { trace: false });
    expect(fast.trace).toEqual([]);
    const { trace: _f, ...withoutTrace } = fast;
    expect(withoutTrace).toEqual(withTrace);
  });
});

describe('review fixes: on-behalf-of writes, member ids, subject status in traces', () => {
  const world = () =>
    load({
      tenants: [{ id: 56, name: 'OrgA', parentTenant: 1 }],
      roles: [
        { id: 40, name: 'obo', tenantId: 1, permissions: [2, 3, 4, 11, 21] },
        { id: 41, name: 'user', tenantId: 56, permissions: [1, 2, 3, 4, 11] },
      ],
      users: [
        { id: 2, userName: 'admin', tenantId: 1, permissions: { roles: [40] }, tenantsAdministered: [56] },
        { id: 3, userName: 'owner', tenantId: 56, permissions: { roles: [41] } },
        { id: 4, userName: 'rcpt', tenantId: 56, permissions: { roles: [41] } },
        { id: 5, userName: 'off', tenantId: 56, statusInfo: { status: 0 }, permissions: { roles: [41] } },
      ],
      dataSources: [
        { id: 13, name: 'shared', owner: 3, sharedUsers: [{ userId: 4, permissions: [2] }] },
        { id: 14, name: 'private', owner: 3 },
        { id: 15, name: 'offs', owner: 5 },
        { id: 20, name: 'g', owner: 4, isGroup: true, members: [] },
      ],
    });

  it('R-OBO-3 on behalf of a share recipient, reads are allowed but writes need the subject to own the data source', () => {
    const w = world();
    const as = (method: string) => decideHttp(w, { actor: 'admin', method, path: '/api/mgmt/datasources/13', query: { user: 'rcpt' } });
    expect(as('GET')).toMatchObject({ decision: 'allow', status: 200 });
    expect(as('PUT')).toMatchObject({ decision: 'deny', status: 403 });
    expect(as('DELETE')).toMatchObject({ decision: 'deny', status: 403 });
    expect(decideHttp(w, { actor: 'admin', method: 'DELETE', path: '/api/mgmt/datasources/13', query: { user: 'owner' } })).toMatchObject({ decision: 'allow', status: 204 });
  });

  it('R-REQ-3 a member id the subject cannot reach answers like an id that does not exist', () => {
    const w = world();
    const remove = (mid: number) => decideHttp(w, { actor: 'rcpt', method: 'DELETE', path: `/api/mgmt/datasources/20/members/${mid}`, query: {} });
    const hidden = remove(14);
    const absent = remove(999);
    expect(hidden).toMatchObject({ status: 404, error: { error: { code: 222207004 } } });
    expect(absent).toMatchObject({ status: 404, error: { error: { code: 222207004 } } });
    expect(hidden.error?.error.message.value).toBe('There is no DataSource with that id: 14.');
  });

  it('R-OBO-1 R-TRC-2 an inactive subject reached on behalf shows its route without a failing status step', () => {
    const d = decideHttp(world(), { actor: 'admin', method: 'GET', path: '/api/mgmt/datasources/15', query: { user: 'off' } });
    expect(d).toMatchObject({ decision: 'allow', status: 200 });
    const visible = d.trace.find((x) => x.rule === 'R-REQ-3');
    expect(visible?.outcome).toBe('pass');
    const failed = (steps: ReadonlyArray<Step>): ReadonlyArray<Step> => steps.flatMap((x) => [...(x.outcome === 'fail' && x.rule === 'R-EFF-3' ? [x] : []), ...failed(x.children)]);
    expect(failed(visible?.children ?? [])).toEqual([]);
  });
});
