import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decodeRequest, type UseRequest } from '../../src/codec/request.js';
import { decideUse } from '../../src/decide/use.js';
import type { Step } from '../../src/model/trace.js';
import { decisionToJson } from '../../src/render/render.js';
import { example, exampleJson, load } from '../helpers.js';

const s = example();
const use = (actor: string, dataSource: number, via: UseRequest['use']['via'], group?: number) =>
  decideUse(s, { actor, use: group === undefined ? { dataSource, via } : { dataSource, via, group } });

const allSteps = (steps: ReadonlyArray<Step>): ReadonlyArray<Step> => steps.flatMap((x) => [x, ...allSteps(x.children)]);

describe('query channels (R-USE-1)', () => {
  it('R-USE-1 R-SHR-4 a share of [6] allows ODBC and denies JDBC although the recipient role holds 5 (SPEC §10.5)', () => {
    expect(use('SQLUser', 13, 'ODBC')).toMatchObject({ decision: 'allow', status: 200, operation: 'UseDataSource' });
    expect(use('SQLUser', 13, 'JDBC')).toMatchObject({ decision: 'deny', status: 403 });
    expect(use('SQLUser', 13, 'OData')).toMatchObject({ decision: 'deny', status: 403 });
  });

  it('R-USE-1 R-GRP-1 through a group the group set decides the channel', () => {
    expect(use('SQLUser', 13, 'JDBC', 20)).toMatchObject({ decision: 'allow', status: 200 });
    expect(use('SQLUser', 13, 'ODBC', 20)).toMatchObject({ decision: 'deny', status: 403 });
  });

  it('R-DSP-4 the SQL editor needs the web UI user permission besides SQLEditor on the data source', () => {
    // ODataUser owns 18 whose override holds 10, but its user permissions lack WebUI (8)
    const d = use('ODataUser', 18, 'SQLEditor');
    expect(d).toMatchObject({ decision: 'deny', status: 403 });
    expect(d.error?.error.message.value).toContain('WebUI (8)');
  });

  it('R-DSP-4 data-source permissions never open a feature gate, and R-USE-1 needs no management API gate', () => {
    const t = load({
      roles: [{ id: 30, name: 'q', tenantId: 1, permissions: [5] }],
      users: [{ id: 2, userName: 'q', tenantId: 1, permissions: { roles: [30] } }],
      dataSources: [{ id: 1, name: 'd', owner: 2 }, { id: 3, name: 'e', owner: 2, permissions: [10] }],
    });
    expect(decideUse(t, { actor: 'q', use: { dataSource: 1, via: 'JDBC' } }).decision).toBe('allow'); // no P(11) needed
    expect(decideUse(t, { actor: 'q', use: { dataSource: 3, via: 'SQLEditor' } }).status).toBe(403); // D(10) but no P(8)
  });

  it('R-REQ-3 R-DSP-3 a data source nobody shared answers 404 with the gateway not-found error, never 403', () => {
    const d = use('SQLUser', 14, 'ODBC');
    expect(d).toMatchObject({ decision: 'deny', status: 404, error: { error: { code: 222207004, message: { lang: 'en-US', value: 'There is no DataSource with that id: 14.' } } } });
  });

  it('R-REQ-3 R-ERR-1 an id that does not exist answers 404 with code 222207004', () => {
    expect(use('SQLUser', 424242, 'ODBC').error?.error.code).toBe(222207004);
    expect(use('SQLUser', 13, 'ODBC', 424242).error?.error.code).toBe(222207004);
  });

  it('R-REQ-2 an unknown actor is denied 401', () => {
    expect(use('nobody', 13, 'ODBC')).toMatchObject({ decision: 'deny', status: 401, subject: null });
  });

  it('R-EFF-3 a locked actor is refused with 401 before any other rule runs', () => {
    const d = use('LockedUser', 800, 'OData');
    expect(d).toMatchObject({ decision: 'deny', status: 401 });
    expect(d.trace.map((x) => x.rule)).toEqual(['R-EFF-3']);
  });

  it('R-REQ-2 an actor may be named by id', () => {
    expect(decideUse(s, { actor: { id: 1297 }, use: { dataSource: 13, via: 'ODBC' } }).decision).toBe('allow');
  });
});

describe('traces (R-TRC-1 … R-TRC-4)', () => {
  it('R-TRC-1 every step cites a rule, what it checked, an outcome and the facts it used', () => {
    const d = use('SQLUser', 13, 'JDBC');
    for (const x of allSteps(d.trace)) {
      expect(x.rule).toMatch(/^R-[A-Z]+-\d+$/);
      expect(x.check.length).toBeGreaterThan(0);
      expect(['pass', 'fail', 'skip']).toContain(x.outcome);
    }
    const facts = allSteps(d.trace).flatMap((x) => x.facts);
    expect(facts).toContainEqual({ _tag: 'UserShare', dataSourceId: 13, userId: 1297, permissions: [6], inForce: true });
    expect(facts).toContainEqual({ _tag: 'EffectivePermissions', userId: 1297, dataSourceId: 13, groupId: null, route: 'userShare', permissions: [6] });
  });

  it('R-TRC-1 a denial shows each route that could have granted and the first condition it failed', () => {
    const d = use('analyst', 800, 'JDBC');
    const text = allSteps(d.trace).map((x) => x.why).join('\n');
    expect(text).toContain('`analyst` owns data source 800, whose data-source permissions [7] replace its user permissions');
    expect(text).toContain('effective permissions on data source 800 [7] lack UseDataSourceWithJDBC (5)');
    const unshared = allSteps(use('SQLUser', 14, 'ODBC').trace).map((x) => x.why).join('\n');
    expect(unshared).toContain('data source 14 is not shared with `SQLUser`');
    expect(unshared).toContain('does not own data source 14');
  });

  it('R-TRC-2 the trace facts alone give the decision: the effective set and the required permission', () => {
    const d = use('SQLUser', 13, 'JDBC');
    const facts = allSteps(d.trace).flatMap((x) => x.facts);
    const eff = facts.find((f) => f._tag === 'EffectivePermissions');
    const req = facts.find((f) => f._tag === 'Requires');
    expect(eff?._tag === 'EffectivePermissions' && req?._tag === 'Requires' && !eff.permissions.includes(req.permission)).toBe(true);
  });

  it('R-TRC-3 the same snapshot and request give byte-identical JSON, also after reordering the snapshot lists', () => {
    const json = exampleJson();
    const reversed = JSON.parse(JSON.stringify(json), (_k, v: unknown) => (Array.isArray(v) ? [...v].reverse() : v));
    const a = decisionToJson(use('SQLUser', 13, 'JDBC', 20));
    const b = decisionToJson(decideUse(load(reversed), { actor: 'SQLUser', use: { dataSource: 13, via: 'JDBC', group: 20 } }));
    expect(b).toBe(a);
    expect(decisionToJson(use('SQLUser', 13, 'JDBC', 20))).toBe(a);
  });

  it('R-TRC-4 a denial names every unmet requirement of the failing step, not only the first', () => {
    const t = load({
      roles: [{ id: 30, name: 'q', tenantId: 1, permissions: [5] }],
      users: [{ id: 2, userName: 'q', tenantId: 1, permissions: { roles: [30] } }],
      dataSources: [{ id: 1, name: 'd', owner: 2, permissions: [2] }],
    });
    const d = decideUse(t, { actor: 'q', use: { dataSource: 1, via: 'SQLEditor' } });
    expect(d.error?.error.message.value).toContain('WebUI (8)');
    expect(d.error?.error.message.value).toContain('SQLEditor (10)');
  });

  it('R-ERR-1 denials carry the gateway error envelope with lang en-US', () => {
    const d = use('SQLUser', 13, 'JDBC');
    expect(d.error).toEqual({ error: { code: 222200403, message: { lang: 'en-US', value: 'user `SQLUser` needs UseDataSourceWithJDBC (5) on data source 13' } } });
  });
});

describe('request decoding', () => {
  it('R-REQ-1 a malformed query-channel request is reported with paths, never thrown', () => {
    const r = decodeRequest({ actor: 5, use: { dataSource: 'x', via: 'FTP' } });
    expect(E.isLeft(r)).toBe(true);
    if (E.isLeft(r)) expect(r.left.map((p) => p.path)).toEqual(['$.actor', '$.use.dataSource', '$.use.via']);
  });
});
