/**
 * AuthZEN over real HTTP (issue 9, item 2): the reference server routes `/access/v1/…` and the
 * discovery path to `authzen`, after Basic authentication, and sends its answer back as JSON.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/server.js';
import { call, examplePasswords, startInProcess } from './helpers.js';

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

const start = async (): Promise<string> => {
  const s = await startInProcess({ passwords: examplePasswords() });
  running.push(s.server);
  return s.server.url;
};

/** The result ids and next token of a search answer (empty token when the shape is not one). */
const searchPage = (body: unknown): { readonly ids: ReadonlyArray<string>; readonly next: string } => {
  if (typeof body !== 'object' || body === null || !('results' in body) || !('page' in body)) return { ids: [], next: '' };
  const results = Array.isArray(body.results) ? body.results : [];
  const ids = results.flatMap((r: unknown) => (typeof r === 'object' && r !== null && 'id' in r && typeof r.id === 'string' ? [r.id] : []));
  const page: unknown = body.page;
  const next = typeof page === 'object' && page !== null && 'next_token' in page && typeof page.next_token === 'string' ? page.next_token : '';
  return { ids, next };
};

describe('AuthZEN on the reference server', () => {
  it('discovery names the server itself as policy decision point and every endpoint under it', async () => {
    const url = await start();
    const r = await call(url, null, 'GET', '/.well-known/authzen-configuration');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      policy_decision_point: url,
      access_evaluation_endpoint: `${url}/access/v1/evaluation`,
      access_evaluations_endpoint: `${url}/access/v1/evaluations`,
      search_subject_endpoint: `${url}/access/v1/search/subject`,
      search_resource_endpoint: `${url}/access/v1/search/resource`,
      search_action_endpoint: `${url}/access/v1/search/action`,
    });
  });

  it('R-SHR-1, R-SHR-4: an evaluation asked by the subject itself answers by its effective set on the data source', async () => {
    const url = await start();
    const ask = (name: string): Promise<{ readonly status: number; readonly body: unknown }> =>
      call(url, 'SQLUser', 'POST', '/access/v1/evaluation', { subject: { type: 'user', id: 'SQLUser' }, resource: { type: 'datasource', id: '13' }, action: { name } });
    const odbc = await ask('UseDataSourceWithODBC');
    expect(odbc.status).toBe(200);
    expect(odbc.body).toMatchObject({ decision: true });
    const jdbc = await ask('UseDataSourceWithJDBC');
    expect(jdbc.status).toBe(200);
    expect(jdbc.body).toMatchObject({ decision: false });
  });

  it('R-REQ-3: an unreachable data source answers like an absent one, and a user asking about another gets 403', async () => {
    const url = await start();
    const about = (id: string): Promise<{ readonly status: number; readonly body: unknown }> =>
      call(url, 'SQLUser', 'POST', '/access/v1/evaluation', { subject: { type: 'user', id: 'SQLUser' }, resource: { type: 'datasource', id }, action: { name: 'ViewDataSource' } });
    const hidden = await about('14');
    const absent = await about('99999');
    expect(hidden).toEqual(absent);
    expect(hidden.body).toMatchObject({ decision: false });
    const other = await call(url, 'SQLUser', 'POST', '/access/v1/evaluation', { subject: { type: 'user', id: 'ODataUser' }, resource: { type: 'datasource', id: '16' }, action: { name: 'ViewDataSource' } });
    expect(other.status).toBe(403);
  });

  it('R-ADM-1: evaluations and a paginated subject search asked by an Administrator; a bad shape is 400 with paths', async () => {
    const url = await start();
    const evals = await call(url, 'SysAdmin', 'POST', '/access/v1/evaluations', {
      subject: { type: 'user', id: 'SysAdmin' },
      resource: { type: 'datasource', id: '16' },
      evaluations: [{ action: { name: 'DeleteDataSource' } }, { action: { name: 'UseDataSourceWithJDBC' } }],
    });
    expect(evals.status).toBe(200);
    expect(evals.body).toMatchObject({ evaluations: [{ decision: true }, { decision: false }] });

    const seen: string[] = [];
    let token: string | undefined;
    for (let i = 0; i < 10; i += 1) {
      const page = await call(url, 'SysAdmin', 'POST', '/access/v1/search/subject', {
        subject: { type: 'user' },
        action: { name: 'ViewDataSource' },
        resource: { type: 'datasource', id: '800' },
        page: token === undefined ? { limit: 1 } : { limit: 1, token },
      });
      expect(page.status).toBe(200);
      const { ids, next } = searchPage(page.body);
      seen.push(...ids);
      if (next === '') break;
      token = next;
    }
    expect(seen.length).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);

    const bad = await call(url, 'SQLUser', 'POST', '/access/v1/evaluation', { subject: { type: 'group', id: 7 }, resource: { id: '13' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('$.subject.type');
  });
});
