import * as E from 'fp-ts/lib/Either.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, type ReadFile } from '../../src/cli/commands.js';

const files: Record<string, string> = {
  'gateway.json': readFileSync('examples/gateway.json', 'utf8'),
  'one.json': JSON.stringify({ actor: 'SQLUser', use: { dataSource: 13, via: 'ODBC' } }),
  'two.json': JSON.stringify([
    { actor: 'SQLUser', use: { dataSource: 13, via: 'ODBC' } },
    { actor: 'AdminUser', method: 'GET', path: '/api/mgmt/datasources/16/permissions', query: { user: 'ODataUser' } },
  ]),
  'bad-json.json': '{"users": [',
  'bad-types.json': JSON.stringify({ users: [{ id: 'x', userName: 3, tenantId: 1.5, permissions: { roles: [] } }] }),
  'dangling.json': JSON.stringify({ users: [{ id: 1, userName: 'a', tenantId: 9, permissions: { roles: [77] } }] }),
  'proto.json': '{"__proto__": {"polluted": true}, "users": [{"id": 1, "userName": "a", "tenantId": 1, "permissions": {"roles": [2]}, "__proto__": {"x": 1}}]}',
  'huge.json': JSON.stringify({ users: Array.from({ length: 5000 }, (_, i) => ({ id: i, userName: 'same', tenantId: 1, permissions: { roles: [2] } })) }),
  'bad-request.json': JSON.stringify({ actor: 'SQLUser', use: { dataSource: 'x', via: 'FTP' } }),
};
const read: ReadFile = (path) => (path in files ? E.right(files[path] ?? '') : E.left('ENOENT: no such file'));
const cli = (...args: string[]) => runCli(args, read);

describe('the CLI', () => {
  it('validate answers 0 with a summary for a valid snapshot (R-SNAP-1 … R-SNAP-9)', () => {
    const r = cli('validate', '--snapshot', 'gateway.json');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^snapshot ok: 3 tenants, 6 roles, 7 users, 8 data sources \(1 groups\)/);
  });

  it('R-SNAP-9 validate answers 2 listing every problem with its JSON path for wrong types', () => {
    const r = cli('validate', '--snapshot', 'bad-types.json');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('$.users[0].id');
    expect(r.stderr).toContain('$.users[0].userName');
    expect(r.stderr).toContain('$.users[0].tenantId');
  });

  it('R-SNAP-2 validate lists dangling references', () => {
    const r = cli('validate', '--snapshot', 'dangling.json');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('$.users[0].tenantId');
    expect(r.stderr).toContain('$.users[0].permissions.roles[0]');
  });

  it('validate reports malformed JSON, a missing file and __proto__ keys as values, never a stack trace', () => {
    expect(cli('validate', '--snapshot', 'bad-json.json')).toMatchObject({ exitCode: 2 });
    expect(cli('validate', '--snapshot', 'missing.json').stderr).toContain('ENOENT');
    expect(cli('validate', '--snapshot', 'proto.json').exitCode).toBe(0);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('R-SNAP-1 a huge list of duplicates is reported with a bounded listing', () => {
    const r = cli('validate', '--snapshot', 'huge.json');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/problems/);
    expect(r.stderr.split('\n').length).toBeLessThan(300);
    expect(r.stderr).toMatch(/and \d+ more problems/);
  });

  it('decide --json prints the decision JSON of SPEC §7 for one request and an array for several', () => {
    const one = cli('decide', '--snapshot', 'gateway.json', '--request', 'one.json', '--json');
    expect(one.exitCode).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ decision: 'allow', status: 200, operation: 'UseDataSource' });
    const two = cli('decide', '--snapshot', 'gateway.json', '--request', 'two.json', '--json');
    const parsed: unknown = JSON.parse(two.stdout);
    expect(parsed).toMatchObject([{ decision: 'allow' }, { decision: 'allow', response: { permissions: [7] }, onBehalfOf: true }]);
  });

  it('decide without --json prints readable text with the trace', () => {
    const r = cli('decide', '--snapshot', 'gateway.json', '--request', 'one.json');
    expect(r.stdout).toMatch(/^ALLOW 200 UseDataSource for `SQLUser` \(1297\)/);
    expect(r.stdout).toContain('✓ R-SHR-1 user share');
  });

  it('decide answers 2 with paths for a malformed request', () => {
    const r = cli('decide', '--snapshot', 'gateway.json', '--request', 'bad-request.json');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('$.use.dataSource');
    expect(r.stderr).toContain('$.use.via');
  });

  it('explain prints the effective permissions, where each user permission comes from, and the trace', () => {
    const r = cli('explain', '--snapshot', 'gateway.json', '--user', 'SQLUser', '--datasource', '13', '--group', '20');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^`SQLUser` on data source 13 through group 20: \[2,5\]/);
    expect(r.stdout).toContain('UseDataSourceWithJDBC (5) from role 88 `QueryBasedRole`');
    const json = cli('explain', '--snapshot', 'gateway.json', '--user', 'SQLUser', '--datasource', '13', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ permissions: [6], dataSource: 13, group: null });
  });

  it('bad usage answers 2 with the usage text', () => {
    expect(cli().exitCode).toBe(2);
    expect(cli('frobnicate', '--snapshot', 'gateway.json').stderr).toContain('unknown command');
    expect(cli('explain', '--snapshot', 'gateway.json', '--user', 'SQLUser', '--datasource', 'x').stderr).toContain('integer');
    expect(cli('decide', '--snapshot', 'gateway.json', '--bogus').exitCode).toBe(2);
    expect(cli('explain', '--snapshot', 'gateway.json', '--user', 'ghost', '--datasource', '13').exitCode).toBe(2);
  });
});
