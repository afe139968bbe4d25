/** The audit commands of the CLI (R-AUD-1, R-AUD-2): aligned text for people, JSON, exit codes, escaping. */
import * as E from 'fp-ts/lib/Either.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alignedTable, whatCanCommand, whoCanCommand } from '../../src/cli/audit.js';
import type { ReadFile } from '../../src/cli/commands.js';

const gateway = readFileSync('examples/gateway.json', 'utf8');
const files: Record<string, string> = {
  'gateway.json': gateway,
  'hostile.json': gateway.replace('"userName": "SQLUser"', '"userName": "SQL\\nUser\\u202e"').replace('"name": "Oracle_Test"', '"name": "Ora\\ncle"'),
  'bad.json': '{"users": [',
};
const read: ReadFile = (path) => (path in files ? E.right(files[path] ?? '') : E.left('ENOENT: no such file'));
const who = (...args: string[]) => whoCanCommand(args, read);
const what = (...args: string[]) => whatCanCommand(args, read);

describe('who-can (CLI)', () => {
  it('R-AUD-1: text output is an aligned table of holders with their routes, administrators apart', () => {
    const r = who('--snapshot', 'gateway.json', '--datasource', '13', '--permission', '2');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'who-can ViewDataSource (2) on data source 13 `Oracle_Test` (R-AUD-1)',
      'holders (1):',
      '  user  name         route  permissions                                           holds',
      '  7     `AdminUser`  owner  [1,2,3,4,5,6,7,8,9,10,11,13,14,15,16,17,18,19,20,21]  [2]',
    ]);
    expect(r.stdout).toContain('administrators (1, active Administrator (12)');
    expect(r.stdout).toContain('  1     `SysAdmin`');
  });

  it('R-AUD-1 R-SHR-2 R-DSP-1 R-EFF-3: --json gives the documented shape, lists ascending, LockedUser apart', () => {
    const r = who('--snapshot', 'gateway.json', '--datasource', '800', '--permission', '7', '--json');
    expect(r.exitCode).toBe(0);
    const j: unknown = JSON.parse(r.stdout);
    expect(j).toMatchObject({
      dataSource: 800,
      permission: 7,
      holders: [
        { userId: 921, userName: 'ODataUser', route: 'tenantShare', permissions: [2, 7] },
        { userId: 1297, userName: 'SQLUser', route: 'tenantShare', permissions: [2, 7] },
        { userId: 1300, userName: 'analyst', route: 'override', permissions: [7] },
      ],
      administrators: [],
      inactive: [{ userId: 1400, userName: 'LockedUser', status: 'locked' }],
      next: null,
    });
  });

  it('R-AUD-1 R-GRP-1 R-TRC-1: --group and --trace: the route through the group and each holder\'s trace', () => {
    const r = who('--snapshot', 'gateway.json', '--datasource', '13', '--permission', '5', '--group', '20', '--trace');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('group (group: userShare)');
    expect(r.stdout).toContain('trace of `SQLUser` (1297):');
    expect(r.stdout).toMatch(/✓ R-GRP-1/);
  });

  it('R-AUD-1: --after and --limit page the holders and say where the next page starts', () => {
    const r = who('--snapshot', 'gateway.json', '--datasource', '800', '--permission', '7', '--limit', '2', '--json');
    expect(JSON.parse(r.stdout)).toMatchObject({ next: '1297', holderCount: 3 });
    const t = who('--snapshot', 'gateway.json', '--datasource', '800', '--permission', '7', '--limit', '2');
    expect(t.stdout).toContain('holders (2 of 3 on this page):');
    expect(t.stdout).toContain('more holders: --after 1297');
    const n = who('--snapshot', 'gateway.json', '--datasource', '800', '--permission', '7', '--after', '1297', '--json');
    expect(JSON.parse(n.stdout)).toMatchObject({ holders: [{ userId: 1300 }], next: null });
  });

  it('R-AUD-1 R-CAT-1: exit 2 for a permission that is not data-source settable, an unknown data source, a bad cursor or missing options', () => {
    expect(who('--snapshot', 'gateway.json', '--datasource', '13', '--permission', '12')).toEqual({
      stdout: '',
      stderr: 'who-can: permission `12` cannot be set on a data source (R-CAT-1): who-can asks about 2, 3, 4, 5, 6, 7 or 10',
      exitCode: 2,
    });
    expect(who('--snapshot', 'gateway.json', '--datasource', '99', '--permission', '2').stderr).toBe('who-can: there is no data source `99`');
    expect(who('--snapshot', 'gateway.json', '--datasource', '13', '--permission', '2', '--after', 'abc').exitCode).toBe(2);
    expect(who('--snapshot', 'gateway.json', '--datasource', 'x', '--permission', '2').stderr).toBe('who-can: --datasource expects an integer, got `x`');
    expect(who('--snapshot', 'gateway.json', '--permission', '2').exitCode).toBe(2);
    expect(who('--snapshot', 'gateway.json', '--datasource', '13', '--permission', '2', '--limit', '0').exitCode).toBe(2);
    expect(who('--snapshot', 'bad.json', '--datasource', '13', '--permission', '2').exitCode).toBe(2);
    expect(who('--snapshot', 'missing.json', '--datasource', '13', '--permission', '2').stderr).toBe('cannot read snapshot `missing.json`: ENOENT: no such file');
    expect(who('--datasource', '13', '--permission', '2', '--bogus').exitCode).toBe(2);
  });

  it('R-TRC-1: names are escaped in the text output, so no name adds a line', () => {
    const r = who('--snapshot', 'hostile.json', '--datasource', '13', '--permission', '6');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('`Ora\\ncle`');
    expect(r.stdout).toContain('`SQL\\nUser\\u202e`');
    expect(r.stdout).not.toMatch(/\u202e/);
    expect(r.stdout.split('\n').every((l) => !l.startsWith('User') && !l.startsWith('cle'))).toBe(true);
  });
});

describe('what-can (CLI)', () => {
  it('R-AUD-2 R-EFF-1: text output: user permissions with their grants, data sources with routes and group members', () => {
    const r = what('--snapshot', 'gateway.json', '--user', 'SQLUser');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('  5   UseDataSourceWithJDBC   role 88 `QueryBasedRole`');
    expect(r.stdout).toContain([
      '  id    name           kind   route                     permissions',
      '  13    `Oracle_Test`         userShare                 [6]',
      '  20    `SalesGroup`   group  userShare                 [2,5]',
      '    13  member via 20         group (group: userShare)  [2,5]',
      '  800   `Warehouse`           tenantShare               [2,7]',
    ].join('\n'));
  });

  it('R-AUD-2 R-OBO-2: --json gives the documented shape', () => {
    const j: unknown = JSON.parse(what('--snapshot', 'gateway.json', '--user', 'AdminUser', '--json').stdout);
    expect(j).toMatchObject({ userId: 7, userName: 'AdminUser', tenantsAdministered: [56, 57], actsFor: [921, 1297, 1300, 1400], managesEveryDataSource: false });
    expect(JSON.parse(what('--snapshot', 'gateway.json', '--user', 'AdminUser', '--json').stdout).dataSources.map((d: { id: number }) => d.id)).toEqual([13, 14, 20, 5441, 5442]);
  });

  it('R-AUD-2 R-ADM-1: an Administrator manages every data source by authority: a flag, and its SPEC §3 data access', () => {
    const r = what('--snapshot', 'gateway.json', '--user', 'SysAdmin');
    expect(r.stdout).toContain('Administrator (12): manages every data source by authority');
    expect(r.stdout).toContain('data sources reached (0):');
    expect(r.stdout).toContain('acts for: every other user (6; Administrator (12) passes the gate alone, R-OBO-2)');
  });

  it('R-AUD-2: exit 2 for an unknown user, a missing --user, a bad cursor', () => {
    expect(what('--snapshot', 'gateway.json', '--user', 'nobody\n')).toEqual({ stdout: '', stderr: 'what-can: there is no user `nobody\\n`', exitCode: 2 });
    expect(what('--snapshot', 'gateway.json').exitCode).toBe(2);
    expect(what('--snapshot', 'gateway.json', '--user', 'SQLUser', '--after', '-1').exitCode).toBe(2);
  });

  it('R-AUD-2: --limit and --after page the data sources', () => {
    const r = what('--snapshot', 'gateway.json', '--user', 'AdminUser', '--limit', '2');
    expect(r.stdout).toContain('data sources reached (2 of 5 on this page):');
    expect(r.stdout).toContain('more data sources: --after 14');
  });
});

describe('alignedTable', () => {
  it('pads every column to its widest cell', () => {
    expect(alignedTable(['a', 'bb'], [['ccc', 'd']])).toBe('  a    bb\n  ccc  d');
  });
});
