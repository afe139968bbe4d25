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

describe('the CLI apply command', () => {
  const gateway = files['gateway.json'] ?? '';
  const hostileName = 'Evil\n  ✓ R-FAKE-1 forged step\u202e';
  const hostile = gateway.replace('"userName": "ODataUser"', `"userName": ${JSON.stringify(hostileName)}`);
  const create = { actor: 'AdminUser', method: 'POST', url: '/api/mgmt/datasources?user=ODataUser', body: { name: 'OData_Sales' } };
  const share = { actor: 'AdminUser', method: 'POST', url: '/api/mgmt/datasources/5443/sharedUsers?user=ODataUser', body: { sharedUsers: [{ userId: 1297, permissions: [2, 6] }] } };
  const reads = [
    { actor: 'SQLUser', use: { dataSource: 5443, via: 'ODBC' } },
    { actor: 'SQLUser', use: { dataSource: 5443, via: 'JDBC' } },
    { actor: 'SQLUser', method: 'GET', path: '/api/mgmt/datasources/5443/permissions' },
    { actor: 'AdminUser', method: 'GET', url: '/api/mgmt/datasources/5443/permissions?user=ODataUser' },
  ];
  const applyFiles: Record<string, string> = {
    ...files,
    'hostile.json': hostile,
    'create.json': JSON.stringify(create),
    'story.json': JSON.stringify([reads[0], create, share, ...reads]),
    'share-first.json': JSON.stringify([share, create]),
    'reads.json': JSON.stringify(reads),
    'denied.json': JSON.stringify([{ actor: 'SQLUser', method: 'POST', path: '/api/mgmt/datasources', body: { name: 'x' } }]),
    'hostile-create.json': JSON.stringify([{ actor: 'AdminUser', method: 'POST', path: '/api/mgmt/datasources', query: { user: hostileName }, body: { name: 'Sales' } }]),
  };
  const readApply: ReadFile = (path) => (path in applyFiles ? E.right(applyFiles[path] ?? '') : E.left('ENOENT: no such file'));
  const run = (...args: string[]) => runCli(args, readApply);

  it('R-TRN-1 R-TRN-3 an allowed change prints its decision with a changes section, exit 0', () => {
    const r = run('apply', '--snapshot', 'gateway.json', '--request', 'create.json');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^ALLOW 201 CreateDataSource for `ODataUser` \(921\) on behalf\n {2}changes:\n {4}created dataSource 5443\n {2}trace:/);
    expect(r.files ?? []).toEqual([]);
  });

  it('R-TRN-1 a denied request is decided (exit 0), changes nothing and the written snapshot is the input', () => {
    const r = run('apply', '--snapshot', 'gateway.json', '--request', 'denied.json', '--out', 'after.json');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^DENY 403 CreateDataSource for `SQLUser`/);
    expect(r.stdout).not.toContain('changes:');
    const same = run('apply', '--snapshot', 'gateway.json', '--request', 'reads.json', '--out', 'after.json');
    expect(r.files).toEqual(same.files);
    expect(r.files?.[0]?.path).toBe('after.json');
  });

  it('R-TRN-1 applies an array in order, each request against the snapshot the previous one left', () => {
    const r = run('apply', '--snapshot', 'gateway.json', '--request', 'story.json', '--summary');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'DENY 404 UseDataSource for `SQLUser` — 222207004: There is no DataSource with that id: 5443.',
      'ALLOW 201 CreateDataSource for `ODataUser` on behalf',
      '  + created dataSource 5443',
      'ALLOW 201 ShareWithUsers for `ODataUser` on behalf',
      '  + updated dataSource 5443',
      'ALLOW 200 UseDataSource for `SQLUser`',
      'DENY 403 UseDataSource for `SQLUser` — 222200403: user `SQLUser` needs UseDataSourceWithJDBC (5) on data source 5443',
      'ALLOW 200 GetDataSourcePermissions for `SQLUser` — {"permissions":[2,6]}',
      'ALLOW 200 GetDataSourcePermissions for `ODataUser` on behalf — {"permissions":[7]}',
    ]);
    // the other order: the share names a data source that does not exist yet
    const reversed = run('apply', '--snapshot', 'gateway.json', '--request', 'share-first.json', '--summary');
    expect(reversed.stdout.split('\n')[0]).toMatch(/^DENY 404 ShareWithUsers/);
  });

  it('R-TRN-1 L-CODEC the snapshot written by --out reloads and decides as the applied snapshot did', () => {
    const r = run('apply', '--snapshot', 'gateway.json', '--request', 'story.json', '--out', 'after.json', '--json');
    expect(r.exitCode).toBe(0);
    const written = r.files?.[0];
    expect(written?.path).toBe('after.json');
    expect(written?.text.endsWith('}\n')).toBe(true);
    expect(written?.text).toContain('\n  "dataSources": [');
    const reloaded = (path: string) => (path === 'after.json' ? E.right(written?.text ?? '') : readApply(path));
    expect(runCli(['validate', '--snapshot', 'after.json'], reloaded)).toMatchObject({ exitCode: 0 });
    const decided: unknown = JSON.parse(runCli(['decide', '--snapshot', 'after.json', '--request', 'reads.json', '--json'], reloaded).stdout);
    const applied: unknown = JSON.parse(r.stdout);
    expect(Array.isArray(applied) ? applied.slice(3) : undefined).toEqual(decided);
    // the written snapshot is a fixed point: applying nothing that changes state writes the same text
    const again = runCli(['apply', '--snapshot', 'after.json', '--request', 'reads.json', '--out', 'again.json'], reloaded);
    expect(again.files?.[0]?.text).toBe(written?.text);
  });

  it('R-TRN-1 --json prints an array of SPEC §7 decisions in request order, with changes on those that changed state', () => {
    const one: unknown = JSON.parse(run('apply', '--snapshot', 'gateway.json', '--request', 'create.json', '--json').stdout);
    expect(one).toMatchObject([{ decision: 'allow', status: 201, operation: 'CreateDataSource', onBehalfOf: true, changes: [{ _tag: 'Created', kind: 'dataSource', id: 5443 }] }]);
    const story: unknown = JSON.parse(run('apply', '--snapshot', 'gateway.json', '--request', 'story.json', '--json').stdout);
    expect(Array.isArray(story) ? story.map((d: { operation: string; status: number; changes?: unknown }) => [d.operation, d.status, d.changes !== undefined]) : story).toEqual([
      ['UseDataSource', 404, false],
      ['CreateDataSource', 201, true],
      ['ShareWithUsers', 201, true],
      ['UseDataSource', 200, false],
      ['UseDataSource', 403, false],
      ['GetDataSourcePermissions', 200, false],
      ['GetDataSourcePermissions', 200, false],
    ]);
  });

  it('apply answers 2 for bad input, lists the problems and writes nothing', () => {
    const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
      [['apply', '--snapshot', 'gateway.json'], '--request FILE is required'],
      [['apply', '--snapshot', 'gateway.json', '--request', 'missing.json', '--out', 'o.json'], 'cannot read request `missing.json`: ENOENT'],
      [['apply', '--snapshot', 'missing.json', '--request', 'create.json', '--out', 'o.json'], 'cannot read snapshot'],
      [['apply', '--snapshot', 'bad-types.json', '--request', 'create.json', '--out', 'o.json'], '$.users[0].userName'],
      [['apply', '--snapshot', 'gateway.json', '--request', 'bad-request.json', '--out', 'o.json'], '$.use.via'],
      [['apply', '--snapshot', 'gateway.json', '--request', 'bad-json.json', '--out', 'o.json'], 'invalid JSON'],
      [['apply', '--snapshot', 'gateway.json', '--request', 'create.json', '--out'], 'argument missing'],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args, readApply);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stdout).toBe('');
      expect(r.files ?? []).toEqual([]);
    }
  });

  it('R-TRC-1 hostile names stay on their line in apply text and summaries (escaped)', () => {
    for (const format of [[], ['--summary']]) {
      const r = run('apply', '--snapshot', 'hostile.json', '--request', 'hostile-create.json', ...format);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toMatch(/^ALLOW 201 CreateDataSource for `Evil\\n {2}✓ R-FAKE-1 forged step\\u202e` \(921\) on behalf|^ALLOW 201 CreateDataSource for `Evil\\n {2}✓ R-FAKE-1 forged step\\u202e` on behalf\n {2}\+ created dataSource 5443$/);
      expect(r.stdout.split('\n').filter((line) => line.trimStart().startsWith('✓ R-FAKE'))).toEqual([]);
      expect(r.stdout).not.toContain('\u202e');
    }
  });
});
