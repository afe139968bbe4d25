/**
 * AuthZEN transcript: calls `authzen` on examples/gateway.json and prints each request and the
 * real response (the examples of docs/authzen.md). Run: `npx tsx examples/authzen.ts`.
 */
import * as E from 'fp-ts/lib/Either.js';
import { readFileSync } from 'node:fs';
import { parseSnapshot, renderProblems } from '../src/index.js';
import { authzen } from '../src/embed/authzen.js';
import type { Json } from '../src/decide/decision.js';
import { userByName } from '../src/model/snapshot.js';

const isRecord = (j: Json): j is { readonly [key: string]: Json } => typeof j === 'object' && j !== null && !Array.isArray(j);

interface Call {
  readonly title: string;
  readonly caller: string;
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
}

const user = (id: string): unknown => ({ type: 'user', id });
const ds = (id: string, group?: string): unknown => (group === undefined ? { type: 'datasource', id } : { type: 'datasource', id, properties: { group } });
const action = (name: string): unknown => ({ name });

const calls: ReadonlyArray<Call> = [
  { title: 'discovery metadata', caller: 'SQLUser', method: 'GET', path: '/.well-known/authzen-configuration' },
  { title: 'a permission held through a user share', caller: 'SQLUser', method: 'POST', path: '/access/v1/evaluation', body: { subject: user('SQLUser'), resource: ds('13'), action: action('UseDataSourceWithODBC') } },
  { title: 'a permission not held on a data source the subject reaches', caller: 'SQLUser', method: 'POST', path: '/access/v1/evaluation', body: { subject: user('SQLUser'), resource: ds('13'), action: action('UseDataSourceWithJDBC') } },
  { title: 'through a group (R-GRP-1)', caller: 'SQLUser', method: 'POST', path: '/access/v1/evaluation', body: { subject: user('SQLUser'), resource: ds('13', '20'), action: action('UseDataSourceWithJDBC') } },
  { title: 'a data source the subject does not reach: answered like one that does not exist (R-REQ-3)', caller: 'SQLUser', method: 'POST', path: '/access/v1/evaluation', body: { subject: user('SQLUser'), resource: ds('5442'), action: action('ViewDataSource') } },
  { title: 'a data source that does not exist', caller: 'SQLUser', method: 'POST', path: '/access/v1/evaluation', body: { subject: user('SQLUser'), resource: ds('999'), action: action('ViewDataSource') } },
  { title: 'an Administrator views any data source by authority (R-ADM-1)', caller: 'SysAdmin', method: 'POST', path: '/access/v1/evaluation', body: { subject: user('SysAdmin'), resource: ds('16'), action: action('ViewDataSource') } },
  { title: 'an Administrator has no query channel by authority (R-ADM-1, R-USE-1); the auditor sees the trace', caller: 'SysAdmin', method: 'POST', path: '/access/v1/evaluation', body: { subject: user('SysAdmin'), resource: ds('16'), action: action('UseDataSourceWithJDBC') } },
  { title: 'a non-Administrator asking about someone else', caller: 'SQLUser', method: 'POST', path: '/access/v1/evaluation', body: { subject: user('ODataUser'), resource: ds('16'), action: action('ViewDataSource') } },
  { title: 'an operation of SPEC §5: the full request decision', caller: 'AdminUser', method: 'POST', path: '/access/v1/evaluation', body: { subject: user('AdminUser'), resource: ds('5441'), action: action('UpdateDataSource'), context: { method: 'PUT', path: '/api/mgmt/datasources/5441', body: { name: 'renamed' } } } },
  { title: 'an operation the subject may not do', caller: 'ODataUser', method: 'POST', path: '/access/v1/evaluation', body: { subject: user('ODataUser'), resource: ds('5441'), action: action('DeleteDataSource'), context: { method: 'DELETE', path: '/api/mgmt/datasources/5441' } } },
  { title: 'bad shapes: 400 with the path of each bad field', caller: 'SQLUser', method: 'POST', path: '/access/v1/evaluation', body: { subject: { type: 'group', id: 7 }, resource: { id: '13' } } },
  { title: 'evaluations with defaults, execute_all', caller: 'SQLUser', method: 'POST', path: '/access/v1/evaluations', body: { subject: user('SQLUser'), action: action('ViewDataSource'), evaluations: [{ resource: ds('800') }, { resource: ds('14') }, { resource: ds('20') }] } },
  { title: 'deny_on_first_deny stops at the first deny', caller: 'SQLUser', method: 'POST', path: '/access/v1/evaluations', body: { subject: user('SQLUser'), action: action('ViewDataSource'), options: { evaluations_semantic: 'deny_on_first_deny' }, evaluations: [{ resource: ds('800') }, { resource: ds('14') }, { resource: ds('20') }] } },
  { title: 'permit_on_first_permit stops at the first permit', caller: 'SQLUser', method: 'POST', path: '/access/v1/evaluations', body: { subject: user('SQLUser'), action: action('ViewDataSource'), options: { evaluations_semantic: 'permit_on_first_permit' }, evaluations: [{ resource: ds('14') }, { resource: ds('800') }, { resource: ds('20') }] } },
  { title: 'a per-item error: asking about another user inside a batch', caller: 'SQLUser', method: 'POST', path: '/access/v1/evaluations', body: { action: action('ViewDataSource'), resource: ds('800'), evaluations: [{ subject: user('SQLUser') }, { subject: user('analyst') }] } },
  { title: 'search/subject (who-can), page 1', caller: 'SysAdmin', method: 'POST', path: '/access/v1/search/subject', body: { subject: { type: 'user' }, action: action('ViewDataSource'), resource: ds('800'), page: { limit: 2 } } },
  { title: 'search/resource (what-can)', caller: 'SQLUser', method: 'POST', path: '/access/v1/search/resource', body: { subject: user('SQLUser'), action: action('ViewDataSource'), resource: { type: 'datasource' } } },
  { title: 'search/action (effective permissions)', caller: 'ODataUser', method: 'POST', path: '/access/v1/search/action', body: { subject: user('ODataUser'), resource: ds('5441') } },
];

/** Prints one exchange as markdown: a curl command (HTTP Basic as the caller) and the real response. */
const show = (title: string, c: Call, body: unknown, r: { readonly status: number; readonly body: Json }): void => {
  const data = body === undefined ? '' : ` \\\n  -H 'Content-Type: application/json' -d '${JSON.stringify(body)}'`;
  const method = c.method === 'GET' ? '' : ` -X ${c.method}`;
  console.log(`#### ${title}\n\n\`\`\`sh\ncurl -s -u ${c.caller}:…${method} http://127.0.0.1:8080${c.path}${data}\n\`\`\`\n\n\`\`\`json\n// ${r.status}\n${JSON.stringify(r.body)}\n\`\`\`\n`);
};

const loaded = parseSnapshot(readFileSync('examples/gateway.json', 'utf8'));
if (E.isLeft(loaded)) console.error(renderProblems(loaded.left.problems));
else {
  for (const c of calls) {
    const caller = userByName(loaded.right, c.caller);
    if (caller === undefined) continue;
    const r = authzen(loaded.right, { caller, baseUrl: 'http://127.0.0.1:8080', method: c.method, path: c.path, body: c.body });
    show(c.title, c, c.body, r);
    // the next page: the same request with the token of the previous answer
    const b = r.body;
    const page = isRecord(b) ? b['page'] : undefined;
    const token = page !== undefined && isRecord(page) ? page['next_token'] : undefined;
    if (typeof token === 'string' && token !== '' && typeof c.body === 'object' && c.body !== null) {
      const body = { ...c.body, page: { limit: 2, token } };
      const next = authzen(loaded.right, { caller, baseUrl: 'http://127.0.0.1:8080', method: c.method, path: c.path, body });
      show(`${c.title}: the next page`, c, body, next);
    }
  }
}
