/** AuthZEN Authorization API 1.0 over the engine (issue 9): every endpoint, called directly on examples/gateway.json. */
import { describe, expect, it } from 'vitest';
import { authzen, type AuthzenResponse } from '../../src/embed/authzen.js';
import type { Json } from '../../src/decide/decision.js';
import { example, userNamed } from '../helpers.js';

const s = example();
const BASE = 'http://127.0.0.1:8080';

const call = (caller: string, path: string, body?: unknown, method = 'POST'): AuthzenResponse => authzen(s, { caller: userNamed(s, caller), baseUrl: BASE, method, path, body });
const user = (id: string): Json => ({ type: 'user', id });
const ds = (id: string, group?: string): Json => (group === undefined ? { type: 'datasource', id } : { type: 'datasource', id, properties: { group } });
const evaluation = (caller: string, subject: string, resource: Json, action: string, context?: Json): AuthzenResponse =>
  call(caller, '/access/v1/evaluation', { subject: user(subject), resource, action: { name: action }, ...(context === undefined ? {} : { context }) });

/** The body as a plain record (fails the test when it is not an object). */
type JsonRecord = { readonly [key: string]: Json };
const isRecord = (j: Json | undefined): j is JsonRecord => typeof j === 'object' && j !== null && !Array.isArray(j);
const obj = (r: AuthzenResponse): JsonRecord => {
  const b = r.body;
  if (!isRecord(b)) throw new Error(`not an object: ${JSON.stringify(b)}`);
  return b;
};
const decisionOf = (r: AuthzenResponse): Json => obj(r)['decision'] ?? null;
const contextOf = (r: AuthzenResponse): JsonRecord => {
  const c = obj(r)['context'];
  if (!isRecord(c)) throw new Error(`no context: ${JSON.stringify(r.body)}`);
  return c;
};
const pathsOf = (r: AuthzenResponse): ReadonlyArray<string> => {
  const problems = obj(r)['problems'];
  return Array.isArray(problems) ? problems.map((p) => (typeof p === 'object' && p !== null && !Array.isArray(p) ? String(p['path']) : '?')) : [];
};

describe('discovery metadata', () => {
  it('GET /.well-known/authzen-configuration names the PDP (the base URL) and every endpoint', () => {
    const r = call('SQLUser', '/.well-known/authzen-configuration', undefined, 'GET');
    expect(r).toEqual({
      status: 200,
      body: {
        policy_decision_point: BASE,
        access_evaluation_endpoint: `${BASE}/access/v1/evaluation`,
        access_evaluations_endpoint: `${BASE}/access/v1/evaluations`,
        search_subject_endpoint: `${BASE}/access/v1/search/subject`,
        search_resource_endpoint: `${BASE}/access/v1/search/resource`,
        search_action_endpoint: `${BASE}/access/v1/search/action`,
      },
    });
    expect(obj(authzen(s, { caller: userNamed(s, 'SQLUser'), baseUrl: `${BASE}/`, method: 'GET', path: '/.well-known/authzen-configuration', body: undefined }))['policy_decision_point']).toBe(BASE);
  });

  it('wrong methods are 405, unknown paths 404', () => {
    expect(call('SQLUser', '/.well-known/authzen-configuration', {}, 'POST').status).toBe(405);
    expect(call('SQLUser', '/access/v1/evaluation', undefined, 'GET').status).toBe(405);
    expect(call('SQLUser', '/access/v1/nothing', {}).status).toBe(404);
  });
});

describe('evaluation: catalog permission actions (SPEC §3)', () => {
  it('holds through a user share, with the route (R-SHR-1)', () => {
    expect(evaluation('SQLUser', 'SQLUser', ds('13'), 'UseDataSourceWithODBC').body).toEqual({ decision: true, context: { reason: 'holds', route: 'userShare' } });
  });

  it('a permission not in the set of a reached data source is false with the route (R-SHR-4)', () => {
    expect(evaluation('SQLUser', 'SQLUser', ds('13'), 'UseDataSourceWithJDBC').body).toEqual({ decision: false, context: { reason: 'not_held', route: 'userShare' } });
  });

  it('through a group with properties.group (R-GRP-1)', () => {
    expect(evaluation('SQLUser', 'SQLUser', ds('13', '20'), 'UseDataSourceWithJDBC').body).toEqual({ decision: true, context: { reason: 'holds', route: 'group' } });
    expect(decisionOf(evaluation('SQLUser', 'SQLUser', ds('13', '20'), 'UseDataSourceWithODBC'))).toBe(false);
  });

  it('no leak (R-REQ-3): an unreachable data source, an absent one, an absent group and a non-numeric id answer alike', () => {
    const unreachable = evaluation('SQLUser', 'SQLUser', ds('5442'), 'ViewDataSource');
    expect(unreachable.body).toEqual({ decision: false, context: { reason: 'not_found', rule: 'R-REQ-3' } });
    for (const resource of [ds('999'), ds('13', '999'), ds('x13'), ds('5442', '20')]) expect(evaluation('SQLUser', 'SQLUser', resource, 'ViewDataSource')).toEqual(unreachable);
  });

  it('an auditor (direct Administrator) sees the precise reason and the trace', () => {
    const r = evaluation('SysAdmin', 'SQLUser', ds('5442'), 'ViewDataSource');
    expect(contextOf(r)['reason']).toBe('no_route');
    expect(contextOf(r)['trace']).toEqual(expect.arrayContaining([expect.stringContaining('R-DSP-3')]));
    expect(contextOf(evaluation('SQLUser', 'SQLUser', ds('13'), 'UseDataSourceWithODBC'))['trace']).toBeUndefined();
  });

  it('R-ADM-1: an active Administrator holds view, modify and delete on every data source by authority', () => {
    for (const name of ['ViewDataSource', 'ModifyDataSource', 'DeleteDataSource']) {
      const r = evaluation('SysAdmin', 'SysAdmin', ds('5442'), name);
      expect(decisionOf(r)).toBe(true);
      expect(contextOf(r)['reason']).toBe('by_authority');
      expect(contextOf(r)['rule']).toBe('R-ADM-1');
    }
    expect(contextOf(evaluation('SysAdmin', 'SysAdmin', ds('999'), 'ViewDataSource'))['reason']).toBe('not_found'); // R-ADM-1 does not lift not-found
  });

  it('R-ADM-1, R-USE-1: an Administrator opens no query channel by authority', () => {
    for (const name of ['UseDataSourceWithJDBC', 'UseDataSourceWithODBC', 'UseDataSourceWithOData', 'SQLEditor']) {
      const r = evaluation('SysAdmin', 'SysAdmin', ds('16'), name);
      expect(decisionOf(r)).toBe(false);
      expect(contextOf(r)['reason']).toBe('no_query_channel_by_authority');
      expect(contextOf(r)['rule']).toBe('R-ADM-1');
    }
  });

  it('R-EFF-3: an inactive (locked) subject holds nothing; R-CAT-1: a permission that is not a data-source permission is false', () => {
    expect(evaluation('LockedUser', 'LockedUser', ds('800'), 'ViewDataSource').body).toEqual({ decision: false, context: { reason: 'inactive', rule: 'R-EFF-3' } });
    expect(contextOf(evaluation('SQLUser', 'SQLUser', ds('13'), 'WebUI'))['reason']).toBe('not_a_data_source_permission');
    expect(contextOf(evaluation('SQLUser', 'SQLUser', ds('13'), 'NoSuchAction'))['reason']).toBe('unknown_action');
  });

  it('hostile depth: a context nested 100000 deep is answered, never thrown', () => {
    let deep: Json = [];
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(decisionOf(call('SQLUser', '/access/v1/evaluation', { subject: user('SQLUser'), resource: ds('13'), action: { name: 'UseDataSourceWithODBC' }, context: { deep } }))).toBe(true);
    expect(call('SQLUser', '/access/v1/search/action', { subject: user('SQLUser'), resource: ds('13'), context: { deep }, page: { limit: 1 } }).status).toBe(200);
    expect(call('SQLUser', '/access/v1/evaluation', { subject: user('SQLUser'), resource: ds('13'), action: { name: 'UseDataSourceWithODBC' }, context: deep }).status).toBe(400);
  });

  it('unknown fields are ignored (forward compatibility)', () => {
    const r = call('SQLUser', '/access/v1/evaluation', { subject: { ...{ type: 'user', id: 'SQLUser' }, extra: 1 }, resource: ds('13'), action: { name: 'UseDataSourceWithODBC', properties: { method: 'GET' } }, context: { time: 'now' }, more: [] });
    expect(decisionOf(r)).toBe(true);
  });
});

describe('who may ask', () => {
  it('a non-Administrator asking about someone else is refused (403), whether that user exists or not', () => {
    const other = evaluation('SQLUser', 'ODataUser', ds('16'), 'ViewDataSource');
    expect(other.status).toBe(403);
    expect(evaluation('SQLUser', 'nobody', ds('16'), 'ViewDataSource')).toEqual(other);
    expect(evaluation('AdminUser', 'ODataUser', ds('16'), 'ViewDataSource').status).toBe(403); // a tenant administrator is not an auditor
  });

  it('an active direct Administrator (12) may ask about anyone, and about users that do not exist', () => {
    expect(evaluation('SysAdmin', 'ODataUser', ds('16'), 'UseDataSourceWithOData').body).toMatchObject({ decision: true, context: { reason: 'holds', route: 'owner' } });
    expect(contextOf(evaluation('SysAdmin', 'nobody', ds('16'), 'ViewDataSource'))['reason']).toBe('unknown_subject');
  });
});

describe('evaluation: operation actions (SPEC §4, §5)', () => {
  const put = { method: 'PUT', path: '/api/mgmt/datasources/5441', body: { name: 'renamed' } };

  it('asks for the full request decision with the subject as actor', () => {
    expect(evaluation('AdminUser', 'AdminUser', ds('5441'), 'UpdateDataSource', put).body).toEqual({ decision: true, context: { reason: 'allowed', status: 200 } });
    expect(evaluation('ODataUser', 'ODataUser', ds('5441'), 'UpdateDataSource', put).body).toEqual({
      decision: false,
      context: { reason: 'denied', status: 403, error: 'user `ODataUser` needs MgmtAPI (11) in its user permissions' },
    });
  });

  it('R-REQ-3: the client view of a hidden data source is the not-found answer; the trace only for auditors', () => {
    const hidden = evaluation('SQLUser', 'SQLUser', ds('5442'), 'GetDataSource', { method: 'GET', path: '/api/mgmt/datasources/5442' });
    const absent = evaluation('SQLUser', 'SQLUser', ds('5443'), 'GetDataSource', { method: 'GET', path: '/api/mgmt/datasources/5443' });
    expect(contextOf(hidden)['status']).toBe(404);
    expect(contextOf(hidden)['error']).toBe(String(contextOf(absent)['error']).replace('5443', '5442'));
    expect(contextOf(hidden)['trace']).toBeUndefined();
    expect(contextOf(evaluation('SysAdmin', 'SQLUser', ds('5442'), 'GetDataSource', { method: 'GET', path: '/api/mgmt/datasources/5442' }))['trace']).toEqual(expect.arrayContaining([expect.stringContaining('R-REQ-3')]));
  });

  it('the action must name the routed operation and the resource the path\'s data source', () => {
    expect(contextOf(evaluation('AdminUser', 'AdminUser', ds('5441'), 'DeleteDataSource', put))).toEqual({ reason: 'action_mismatch', operation: 'UpdateDataSource' });
    expect(contextOf(evaluation('AdminUser', 'AdminUser', ds('13'), 'UpdateDataSource', put))).toEqual({ reason: 'resource_mismatch', path_data_source: '5441' });
  });

  it('a name that is both a permission and an operation asks the operation only when context carries the request (D-ZEN-3)', () => {
    expect(contextOf(evaluation('AdminUser', 'AdminUser', ds('5441'), 'DeleteDataSource'))['reason']).toBe('holds');
    expect(contextOf(evaluation('AdminUser', 'AdminUser', ds('5441'), 'DeleteDataSource', { method: 'DELETE', path: '/api/mgmt/datasources/5441' }))).toEqual({ reason: 'allowed', status: 204 });
  });

  it('an operation action without the request in context is 400 with the paths', () => {
    const r = evaluation('AdminUser', 'AdminUser', ds('5441'), 'UpdateDataSource', { path: 7 });
    expect(r.status).toBe(400);
    expect(pathsOf(r)).toEqual(['$.context.method', '$.context.path']);
  });
});

describe('bad shapes: 400 with the JSON path of each bad field', () => {
  it('evaluation', () => {
    const r = call('SQLUser', '/access/v1/evaluation', { subject: { type: 'group', id: 7 }, resource: { id: '13', properties: { group: true } } });
    expect(r.status).toBe(400);
    expect(pathsOf(r)).toEqual(['$.subject.type', '$.subject.id', '$.action', '$.resource.type', '$.resource.properties.group']);
    expect(pathsOf(call('SQLUser', '/access/v1/evaluation', []))).toEqual(['$']);
  });

  it('evaluations: item paths, the semantic and the array', () => {
    const r = call('SQLUser', '/access/v1/evaluations', { subject: user('SQLUser'), action: { name: 'ViewDataSource' }, options: { evaluations_semantic: 'first' }, evaluations: [{ resource: ds('13') }, { resource: { type: 'table', id: '1' } }, 3] });
    expect(r.status).toBe(400);
    expect(pathsOf(r)).toEqual(['$.options.evaluations_semantic', '$.evaluations[1].resource.type', '$.evaluations[2]']);
    expect(pathsOf(call('SQLUser', '/access/v1/evaluations', { evaluations: {} }))).toEqual(['$.evaluations']);
    expect(pathsOf(call('SQLUser', '/access/v1/evaluations', { evaluations: [{ resource: ds('13') }] }))).toEqual(['$.subject', '$.action']);
  });

  it('searches', () => {
    expect(pathsOf(call('SysAdmin', '/access/v1/search/subject', { subject: { type: 'role' }, action: {}, resource: { type: 'datasource' }, page: { limit: -1 } }))).toEqual(['$.subject.type', '$.action.name', '$.resource.id', '$.page.limit']);
    expect(pathsOf(call('SQLUser', '/access/v1/search/resource', { subject: user('SQLUser'), action: { name: 'ViewDataSource' } }))).toEqual(['$.resource']);
    expect(pathsOf(call('SQLUser', '/access/v1/search/action', { subject: user('SQLUser'), resource: { type: 'datasource' }, page: { token: 1 } }))).toEqual(['$.resource.id', '$.page.token']);
  });
});

describe('evaluations: defaults and semantics', () => {
  const three = (semantic: string | undefined, ids: ReadonlyArray<string>): AuthzenResponse =>
    call('SQLUser', '/access/v1/evaluations', {
      subject: user('SQLUser'),
      action: { name: 'ViewDataSource' },
      ...(semantic === undefined ? {} : { options: { evaluations_semantic: semantic } }),
      evaluations: ids.map((id) => ({ resource: ds(id) })),
    });
  const decisions = (r: AuthzenResponse): ReadonlyArray<Json> => {
    const list = obj(r)['evaluations'];
    return Array.isArray(list) ? list.map((e) => (typeof e === 'object' && e !== null && !Array.isArray(e) ? (e['decision'] ?? null) : null)) : [];
  };

  it('execute_all (the default) answers every item in order', () => {
    expect(decisions(three(undefined, ['800', '14', '20']))).toEqual([true, false, true]);
    expect(three('execute_all', ['800', '14', '20'])).toEqual(three(undefined, ['800', '14', '20']));
  });

  it('deny_on_first_deny ends with the first deny', () => {
    expect(decisions(three('deny_on_first_deny', ['800', '14', '20']))).toEqual([true, false]);
    expect(decisions(three('deny_on_first_deny', ['800', '20']))).toEqual([true, true]);
  });

  it('permit_on_first_permit ends with the first permit', () => {
    expect(decisions(three('permit_on_first_permit', ['14', '800', '20']))).toEqual([false, true]);
    expect(decisions(three('permit_on_first_permit', ['14', '5442']))).toEqual([false, false]);
  });

  it("an item's field replaces the default whole (a resource without the default's group property)", () => {
    const r = call('SQLUser', '/access/v1/evaluations', {
      subject: user('SQLUser'),
      action: { name: 'UseDataSourceWithJDBC' },
      resource: ds('13', '20'),
      evaluations: [{}, { resource: ds('13') }, { action: { name: 'UseDataSourceWithODBC' } }],
    });
    expect(decisions(r)).toEqual([true, false, false]);
  });

  it('per-item errors: a question the caller may not ask is decision false with context.error', () => {
    const r = call('SQLUser', '/access/v1/evaluations', { action: { name: 'ViewDataSource' }, resource: ds('800'), options: { evaluations_semantic: 'deny_on_first_deny' }, evaluations: [{ subject: user('SQLUser') }, { subject: user('analyst') }, { subject: user('SQLUser') }] });
    expect(obj(r)['evaluations']).toEqual([
      { decision: true, context: { reason: 'holds', route: 'tenantShare' } },
      { decision: false, context: { error: { status: 403, message: 'only an Administrator (12) may ask about another subject' } } },
    ]);
  });

  it('no or an empty evaluations array: a single evaluation, answered as one', () => {
    const body = { subject: user('SQLUser'), action: { name: 'UseDataSourceWithODBC' }, resource: ds('13') };
    const single = call('SQLUser', '/access/v1/evaluation', body);
    expect(call('SQLUser', '/access/v1/evaluations', body)).toEqual(single);
    expect(call('SQLUser', '/access/v1/evaluations', { ...body, evaluations: [] })).toEqual(single);
    expect(call('SQLUser', '/access/v1/evaluations', { ...body, subject: user('analyst') }).status).toBe(403);
  });
});

/** Walks every page of a search with `limit`, returning the results in order and the number of pages. */
const walk = (caller: string, path: string, body: Record<string, Json>, limit: number): { readonly results: ReadonlyArray<Json>; readonly pages: number } => {
  const results: Json[] = [];
  let token: string | undefined;
  for (let pages = 1; pages < 1000; pages += 1) {
    const r = call(caller, path, { ...body, page: token === undefined ? { limit } : { limit, token } });
    expect(r.status).toBe(200);
    const page = obj(r)['page'];
    const list = obj(r)['results'];
    if (!Array.isArray(list) || !isRecord(page)) throw new Error('not a search answer');
    expect(page['count']).toBe(list.length);
    expect(list.length).toBeLessThanOrEqual(limit);
    results.push(...list);
    const next = page['next_token'];
    if (next === '') return { results, pages };
    token = String(next);
  }
  throw new Error('the walk did not end');
};

const ALL_DS = [...s.dataSources.keys()].map(String);
const SETTABLE = ['ViewDataSource', 'ModifyDataSource', 'DeleteDataSource', 'UseDataSourceWithJDBC', 'UseDataSourceWithODBC', 'UseDataSourceWithOData', 'SQLEditor'];
const USERS = [...s.users.values()].map((u) => u.userName);

describe('search/subject (who-can, R-AUD-1)', () => {
  it('only an auditor may search subjects (403 otherwise)', () => {
    expect(call('AdminUser', '/access/v1/search/subject', { subject: { type: 'user' }, action: { name: 'ViewDataSource' }, resource: ds('800') }).status).toBe(403);
  });

  it('a walk with limit 1 visits every result exactly once, in the order of the whole answer, and the total is right', () => {
    const body = { subject: { type: 'user', id: 'ignored' }, action: { name: 'ViewDataSource' }, resource: ds('800') };
    const whole = call('SysAdmin', '/access/v1/search/subject', body);
    const paged = walk('SysAdmin', '/access/v1/search/subject', body, 1);
    expect(paged.results).toEqual(obj(whole)['results']);
    expect(paged.pages).toBe(3);
    expect(new Set(paged.results.map((r) => JSON.stringify(r))).size).toBe(3);
    expect(obj(whole)['page']).toEqual({ next_token: '', count: 3, total: 3 });
  });

  it('R-AUD-4, R-ADM-1: results are exactly the subjects whose evaluation is true, Administrators for 2, 3, 4 only', () => {
    for (const id of ALL_DS) {
      for (const name of SETTABLE) {
        const found = obj(call('SysAdmin', '/access/v1/search/subject', { subject: { type: 'user' }, action: { name }, resource: ds(id) }))['results'];
        const expected = USERS.filter((u) => decisionOf(evaluation('SysAdmin', u, ds(id), name)) === true).map((u) => ({ type: 'user', id: u }));
        expect(found, `${name} on ${id}`).toEqual(expected);
      }
    }
    const view = obj(call('SysAdmin', '/access/v1/search/subject', { subject: { type: 'user' }, action: { name: 'ViewDataSource' }, resource: ds('5442') }))['results'];
    expect(view).toEqual([user('SysAdmin'), user('AdminUser')]);
    const jdbc = obj(call('SysAdmin', '/access/v1/search/subject', { subject: { type: 'user' }, action: { name: 'UseDataSourceWithJDBC' }, resource: ds('5442') }))['results'];
    expect(jdbc).toEqual([user('AdminUser')]);
  });

  it('a token is bound to its query: changed fields, garbage and foreign tokens are 400', () => {
    const body = { subject: { type: 'user' }, action: { name: 'ViewDataSource' }, resource: ds('800') };
    const first = obj(call('SysAdmin', '/access/v1/search/subject', { ...body, page: { limit: 1 } }))['page'];
    const token = isRecord(first) ? String(first['next_token']) : '';
    expect(token).not.toBe('');
    expect(call('SysAdmin', '/access/v1/search/subject', { ...body, page: { limit: 1, token } }).status).toBe(200);
    expect(call('SysAdmin', '/access/v1/search/subject', { ...body, resource: ds('13'), page: { limit: 1, token } }).status).toBe(400);
    expect(call('SysAdmin', '/access/v1/search/subject', { ...body, page: { limit: 2, token } }).status).toBe(400);
    expect(call('SysAdmin', '/access/v1/search/subject', { ...body, page: { token: 'bm90IGEgdG9rZW4' } }).status).toBe(400);
    expect(call('SysAdmin', '/access/v1/search/subject', { ...body, page: { token: '!!' } }).status).toBe(400);
  });
});

describe('search/resource (what-can, R-AUD-2)', () => {
  it('R-AUD-4: results are exactly the data sources whose evaluation is true, for every subject and permission', () => {
    for (const u of USERS) {
      for (const name of SETTABLE) {
        const found = obj(call('SysAdmin', '/access/v1/search/resource', { subject: user(u), action: { name }, resource: { type: 'datasource' } }))['results'];
        const expected = ALL_DS.filter((id) => decisionOf(evaluation('SysAdmin', u, ds(id), name)) === true).map((id) => ds(id));
        expect(found, `${u} ${name}`).toEqual(expected);
      }
    }
  });

  it('R-ADM-1: an Administrator views every data source; a walk with limit 3 visits each exactly once', () => {
    const body = { subject: user('SysAdmin'), action: { name: 'ViewDataSource' }, resource: { type: 'datasource', id: 'ignored' } };
    const paged = walk('SysAdmin', '/access/v1/search/resource', body, 3);
    expect(paged.results).toEqual(ALL_DS.map((id) => ds(id)));
    expect(paged.pages).toBe(Math.ceil(ALL_DS.length / 3));
  });

  it('anyone may search about themselves; not about others (403)', () => {
    expect(obj(call('SQLUser', '/access/v1/search/resource', { subject: user('SQLUser'), action: { name: 'ViewDataSource' }, resource: { type: 'datasource' } }))['results']).toEqual([ds('20'), ds('800')]);
    expect(call('SQLUser', '/access/v1/search/resource', { subject: user('ODataUser'), action: { name: 'ViewDataSource' }, resource: { type: 'datasource' } }).status).toBe(403);
  });
});

describe('search/action (effective permissions)', () => {
  it('the catalog names of the effective set; 2, 3, 4 by authority for an Administrator (R-ADM-1)', () => {
    expect(obj(call('ODataUser', '/access/v1/search/action', { subject: user('ODataUser'), resource: ds('5441') }))['results']).toEqual([{ name: 'ViewDataSource' }, { name: 'ModifyDataSource' }, { name: 'UseDataSourceWithJDBC' }]);
    expect(obj(call('SysAdmin', '/access/v1/search/action', { subject: user('SysAdmin'), resource: ds('16') }))['results']).toEqual([{ name: 'ViewDataSource' }, { name: 'ModifyDataSource' }, { name: 'DeleteDataSource' }]);
  });

  it('R-REQ-3: an unreachable data source answers like an absent one', () => {
    const hidden = call('SQLUser', '/access/v1/search/action', { subject: user('SQLUser'), resource: ds('5442') });
    expect(hidden).toEqual(call('SQLUser', '/access/v1/search/action', { subject: user('SQLUser'), resource: ds('999') }));
    expect(obj(hidden)['results']).toEqual([]);
  });

  it('every listed action evaluates true, every other data-source permission false', () => {
    for (const u of USERS) {
      for (const id of ALL_DS) {
        const found = obj(call('SysAdmin', '/access/v1/search/action', { subject: user(u), resource: ds(id) }))['results'];
        const expected = SETTABLE.filter((name) => decisionOf(evaluation('SysAdmin', u, ds(id), name)) === true).map((name) => ({ name }));
        expect(found, `${u} on ${id}`).toEqual(expected);
      }
    }
  });

  it('a walk with limit 1 visits each action once', () => {
    const paged = walk('ODataUser', '/access/v1/search/action', { subject: user('ODataUser'), resource: ds('5441') }, 1);
    expect(paged.results).toEqual([{ name: 'ViewDataSource' }, { name: 'ModifyDataSource' }, { name: 'UseDataSourceWithJDBC' }]);
    expect(paged.pages).toBe(3);
  });
});
