/**
 * Goldens of the decision's messages and trace steps (R-REQ-1 … R-REQ-4, R-OBO-2, R-EFF-3) that
 * no golden trace reaches: the client's and the auditor's texts of a refused gate and
 * requirement, the steps of a hidden OAuth profile, and the permissions read of an inactive subject.
 */
import { describe, expect, it } from 'vitest';
import { decideHttp } from '../../src/decide/http.js';
import type { Decision } from '../../src/decide/decision.js';
import type { HttpRequestJson } from '../../src/codec/request.js';
import { load } from '../helpers.js';
import { world } from './world.js';

/** The client's message and the auditor's reason of a decision (null when it allows). */
const texts = (d: Decision): { readonly client: string; readonly auditor: string } | null =>
  d.decision === 'deny' ? { client: d.error.error.message.value, auditor: d.reason } : null;

describe('the route (R-REQ-1)', () => {
  it('R-REQ-1 a request with neither path nor url is an unknown route with an empty path', () => {
    const d = decideHttp(world, { actor: 'Alice', method: 'GET' });
    expect(texts(d)).toEqual({ client: 'unknown route `GET `', auditor: 'unknown route `GET `' });
    expect(d.trace).toEqual([
      {
        rule: 'R-REQ-1',
        check: 'route',
        outcome: 'fail',
        why: 'unknown route `GET `',
        facts: [{ _tag: 'Route', method: 'GET', path: '', operation: null, pattern: null, targetId: null, user: null, badParam: null, params: {}, repeated: [] }],
        children: [],
      },
    ]);
  });
});

describe('the actor (R-REQ-2, R-EFF-3)', () => {
  it('R-EFF-3 an active actor: known, then active, both with its user fact', () => {
    const d = decideHttp(world, { actor: 'Alice', method: 'GET', path: '/api/mgmt/datasources' });
    expect(d.trace.slice(1, 3)).toEqual([
      { rule: 'R-REQ-2', check: 'actor is known', outcome: 'pass', why: 'actor `Alice` is user 21', facts: [{ _tag: 'User', userId: 21, userName: 'Alice', tenantId: 56, status: 1, accountLocked: false }], children: [] },
      { rule: 'R-EFF-3', check: 'actor is active', outcome: 'pass', why: '`Alice` is active and unlocked', facts: [{ _tag: 'Ref', fact: 1 }], children: [] },
    ]);
  });
});

describe('refusals name what is missing, for the client and for the auditor (R-OBO-2, R-REQ-4, R-REQ-3)', () => {
  it('R-OBO-2 a refused gate: the client reads names, the auditor tenant ids', () => {
    const d = decideHttp(world, { actor: 'Bob', method: 'GET', path: '/api/mgmt/datasources', query: { user: 'Carol' } });
    expect(texts(d)).toEqual({
      client: "user `Bob` may not act for `Carol`: it needs `Carol` to be in the acting user's tenant, administrative access on the tenant of `Carol` and OnBehalfOf (21) in its user permissions",
      auditor: "user `Bob` may not act for `Carol`: it needs `Carol` (tenant 57) to be in the acting user's tenant 56, administrative access on tenant 57 and OnBehalfOf (21) in its user permissions",
    });
  });

  it('R-REQ-4 a refused requirement: the client reads the user id of the path, the auditor the tenant id', () => {
    const d = decideHttp(world, { actor: 'OrgAdmin', method: 'GET', path: '/api/admin/users/23' });
    expect(texts(d)).toEqual({
      client: 'user `OrgAdmin` needs administrative access on the tenant of user 23',
      auditor: 'user `OrgAdmin` needs administrative access on tenant 57',
    });
  });

  it('R-REQ-3 an OAuth profile that does not exist', () => {
    const d = decideHttp(world, { actor: 'Carol', method: 'GET', path: '/api/mgmt/oauthprofiles/99' });
    expect(d.trace.at(-1)).toEqual({ rule: 'R-REQ-3', check: 'exists and is visible', outcome: 'fail', why: 'there is no OAuth profile 99', facts: [{ _tag: 'Absent', kind: 'oauthProfile', id: 99 }], children: [] });
  });

  it('R-REQ-3 an OAuth profile of another user is answered as not found (R-OAP-1)', () => {
    const d = decideHttp(world, { actor: 'Carol', method: 'GET', path: '/api/mgmt/oauthprofiles/3' });
    expect(d.trace.at(-1)).toEqual({
      rule: 'R-REQ-3',
      check: 'exists and is visible',
      outcome: 'fail',
      why: 'OAuth profile 3 is not owned by `Carol` (R-OAP-1): answered as not found',
      facts: [{ _tag: 'Absent', kind: 'hiddenOAuthProfile', id: 3 }],
      children: [],
    });
  });

  it('R-REQ-3 RemoveMember of a data source that is not a member of the group', () => {
    const d = decideHttp(world, { actor: 'Alice', method: 'DELETE', path: '/api/mgmt/datasources/30/members/15' });
    expect(texts(d)).toEqual({ client: 'data source `15` is not a member of group `30`', auditor: 'data source `15` is not a member of group `30`' });
  });
});

describe('a permissions read for an inactive subject (R-EFF-3, R-OBO-1)', () => {
  const sleepy = load({
    tenants: [{ id: 1, name: 'System' }, { id: 56, name: 'OrgA', parentTenant: 1 }],
    roles: [{ id: 40, name: 'OrgAUser', tenantId: 56, permissions: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }],
    users: [
      { id: 7, userName: 'Boss', tenantId: 1, permissions: { roles: [3] }, tenantsAdministered: [56] },
      { id: 10, userName: 'Sleeper', tenantId: 56, permissions: { roles: [40] }, statusInfo: { status: 0 } },
      { id: 11, userName: 'Locked', tenantId: 56, permissions: { roles: [40] }, statusInfo: { status: 1, accountLocked: true } },
    ],
    dataSources: [
      { id: 100, name: 'SleepersDb', owner: 10, permissions: [2, 3] },
      { id: 101, name: 'LockedsDb', owner: 11 },
    ],
  });
  const decide = (request: HttpRequestJson): Decision => decideHttp(sleepy, request);
  const checks = (d: Decision): ReadonlyArray<string> => d.trace.map((s) => `${s.rule} ${s.check} ${s.outcome}`);
  const before = ['R-REQ-1 route pass', 'R-REQ-2 actor is known pass', 'R-EFF-3 actor is active pass', 'R-OBO-1 on-behalf-of pass', 'R-OBO-2 on-behalf-of gate pass'];

  it('R-EFF-3 GetDataSourcePermissions for an inactive subject answers [] and says why', () => {
    const d = decide({ actor: 'Boss', method: 'GET', path: '/api/mgmt/datasources/100/permissions', query: { user: 'Sleeper' } });
    expect(d).toMatchObject({ decision: 'allow', status: 200, response: { permissions: [] } });
    expect(checks(d)).toEqual([...before, 'R-REQ-3 data source is visible to the subject pass', 'R-REQ-4 requirement of GetDataSourcePermissions pass', 'R-EFF-3 subject is active fail', 'R-REQ-7 answer pass']);
    expect(d.trace.find((s) => s.check === 'subject is active')).toEqual({
      rule: 'R-EFF-3',
      check: 'subject is active',
      outcome: 'fail',
      why: '`Sleeper` is inactive: its effective permissions are empty, so the answer is []',
      facts: [{ _tag: 'Ref', fact: 2 }],
      children: [],
    });
  });

  it('R-EFF-3 GetDataSourcePermissions for a locked subject says locked', () => {
    const d = decide({ actor: 'Boss', method: 'GET', path: '/api/mgmt/datasources/101/permissions', query: { user: 'Locked' } });
    expect(d.trace.find((s) => s.check === 'subject is active')?.why).toBe('`Locked` is locked: its effective permissions are empty, so the answer is []');
  });

  it('R-EFF-3 GetDataSourcePermissions for an active subject has no such step', () => {
    const d = decideHttp(world, { actor: 'Alice', method: 'GET', path: '/api/mgmt/datasources/15/permissions' });
    expect(checks(d)).toEqual([
      'R-REQ-1 route pass',
      'R-REQ-2 actor is known pass',
      'R-EFF-3 actor is active pass',
      'R-REQ-3 data source is visible to the subject pass',
      'R-REQ-4 requirement of GetDataSourcePermissions pass',
      'R-REQ-7 answer pass',
    ]);
  });

  it('R-EFF-3 GetDataSource (not the permissions family) has no such step', () => {
    const d = decide({ actor: 'Boss', method: 'GET', path: '/api/mgmt/datasources/100', query: { user: 'Sleeper' } });
    expect(checks(d)).toEqual([...before, 'R-REQ-3 data source is visible to the subject pass', 'R-REQ-4 requirement of GetDataSource pass', 'R-REQ-7 answer pass']);
  });

  it('R-EFF-3 GetUserPermissions (no data-source target) has no such step', () => {
    const d = decide({ actor: 'Boss', method: 'GET', path: '/api/mgmt/permissions', query: { user: 'Sleeper' } });
    expect(checks(d)).toEqual([...before, 'R-REQ-4 requirement of GetUserPermissions pass', 'R-REQ-7 answer pass']);
  });

  it('R-EFF-3 UpdateDataSourcePermissions (a PUT) has no such step', () => {
    const d = decide({ actor: 'Boss', method: 'PUT', path: '/api/mgmt/datasources/100/permissions', query: { user: 'Sleeper' }, body: { permissions: [2] } });
    expect(checks(d)).toEqual([...before, 'R-REQ-3 data source is visible to the subject pass', 'R-REQ-4 requirement of UpdateDataSourcePermissions pass', 'R-REQ-5 payload pass', 'R-REQ-7 answer pass']);
  });
});
