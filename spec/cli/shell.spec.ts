/**
 * The CLI as scripts use it (issue 9): the real shell (`src/cli/main.ts`) run as a child process,
 * with real files, standard input and exit codes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const cli = (args: ReadonlyArray<string>, input?: string | Buffer): Run => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    input: input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

const dir = mkdtempSync(join(tmpdir(), 'authz-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const SNAPSHOT = 'examples/gateway.json';
const queries = readFileSync('examples/requests/query-channels.json', 'utf8');
const allowedOnly = JSON.stringify([{ actor: 'SQLUser', use: { dataSource: 13, via: 'ODBC' } }]);

describe('the CLI for scripts', () => {
  it('--request - reads the requests from standard input', () => {
    const r = cli(['decide', '--snapshot', SNAPSHOT, '--request', '-', '--summary'], queries);
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      'ALLOW 200 UseDataSource for `SQLUser`',
      'DENY 403 UseDataSource for `SQLUser` — 222200403: user `SQLUser` needs UseDataSourceWithJDBC (5) on data source 13',
      'ALLOW 200 UseDataSource for `SQLUser`',
      'DENY 404 UseDataSource for `SQLUser` — 222207004: There is no DataSource with that id: 14.',
      'DENY 403 UseDataSource for `analyst` — 222200403: user `analyst` needs UseDataSourceWithJDBC (5) on data source 800',
      'ALLOW 200 UseDataSource for `SQLUser`',
      'DENY 401 UseDataSource for `LockedUser` — 222200401: user `LockedUser` is locked',
    ]);
  });

  it('decide --fail-on-deny exits 1 with a count on stderr when any decision is a deny, and still prints the decisions', () => {
    const r = cli(['decide', '--snapshot', SNAPSHOT, '--request', '-', '--summary', '--fail-on-deny'], queries);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('decide --fail-on-deny: 4 of 7 requests denied');
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(7);
  });

  it('decide --fail-on-deny exits 0 when every decision allows', () => {
    const r = cli(['decide', '--snapshot', SNAPSHOT, '--request', '-', '--json', '--fail-on-deny'], allowedOnly);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const decisions: unknown = JSON.parse(r.stdout);
    expect(decisions).toMatchObject([{ decision: 'allow' }]);
  });

  it('an empty request list says so (exit 2) instead of deciding nothing', () => {
    const r = cli(['decide', '--snapshot', SNAPSHOT, '--request', file('empty.json', '[]')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^decide: the request list `.*empty\.json` is empty: there is nothing to decide/);
    expect(r.stdout).toBe('');
  });

  it('help works without --snapshot: --help, -h, `help`, `decide --help` and `who-can --help` print the usage and exit 0', () => {
    for (const args of [['--help'], ['-h'], ['help'], ['decide', '--help'], ['who-can', '--help']]) {
      const r = cli(args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/^usage: datasource-authz <command>/);
      expect(r.stdout).toContain('--fail-on-deny');
      expect(r.stdout).toContain('--max-input-bytes N bytes (default 268435456, 256 MiB)');
    }
  });

  it('no command, an unknown command, an option of another command and conflicting flags are usage errors (exit 2)', () => {
    const none = cli([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^a command is required\nusage:/);
    const unknown = cli(['frobnicate', '--snapshot', SNAPSHOT]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim()).toBe('unknown command `frobnicate` (the commands: help, validate, decide, apply, explain, who-can, what-can, diff, what-if, why-not, report; see `datasource-authz --help`)');
    const foreign = cli(['validate', '--snapshot', SNAPSHOT, '--request', 'x.json']);
    expect(foreign.status).toBe(2);
    expect(foreign.stderr).toMatch(/^validate: --request does not apply to validate/);
    const both = cli(['decide', '--snapshot', SNAPSHOT, '--request', '-', '--json', '--summary'], allowedOnly);
    expect(both.status).toBe(2);
    expect(both.stderr.trim()).toBe('decide: --json and --summary cannot be given together');
    expect(both.stdout).toBe('');
    const twoStdin = cli(['decide', '--snapshot', '-', '--request', '-']);
    expect(twoStdin.status).toBe(2);
    expect(twoStdin.stderr.trim()).toBe('decide: --snapshot and --request cannot both read standard input (`-`)');
  });

  it('--snapshot /dev/zero stops at the input limit with a clear message', () => {
    const r = cli(['validate', '--snapshot', '/dev/zero', '--max-input-bytes', '100000']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('cannot read snapshot `/dev/zero`: larger than the input limit of 100000 bytes (raise it with --max-input-bytes N)');
  });

  it('the limit is exact: a file of exactly the limit is read, one byte more is refused; a bad limit is a usage error', () => {
    const size = statSync(SNAPSHOT).size;
    const at = cli(['validate', '--snapshot', SNAPSHOT, `--max-input-bytes=${size}`]);
    expect(at.status).toBe(0);
    expect(at.stdout).toMatch(/^snapshot ok: /);
    const below = cli(['validate', '--max-input-bytes', String(size - 1), '--snapshot', SNAPSHOT]);
    expect(below.status).toBe(2);
    expect(below.stderr).toContain(`larger than the input limit of ${size - 1} bytes`);
    const stdin = cli(['validate', '--snapshot', '-', '--max-input-bytes', '1000'], readFileSync(SNAPSHOT));
    expect(stdin.status).toBe(2);
    expect(stdin.stderr.trim()).toBe('cannot read snapshot `-`: larger than the input limit of 1000 bytes (raise it with --max-input-bytes N)');
    for (const bad of ['0', '-5', 'lots']) {
      const r = cli(['validate', '--snapshot', SNAPSHOT, `--max-input-bytes=${bad}`]);
      expect(r.status, bad).toBe(2);
      expect(r.stderr).toContain('--max-input-bytes expects a positive integer (bytes)');
    }
  });

  it('R-SNAP-9 a UTF-8 byte order mark is accepted in snapshot and request files', () => {
    const bom = '\uFEFF';
    const snapshot = file('bom-snapshot.json', bom + readFileSync(SNAPSHOT, 'utf8'));
    const request = file('bom-request.json', bom + allowedOnly);
    const r = cli(['decide', '--snapshot', snapshot, '--request', request, '--summary']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('ALLOW 200 UseDataSource for `SQLUser`');
  });

  it('R-SNAP-9 duplicate keys in a snapshot or a request are problems with their paths', () => {
    const text = readFileSync(SNAPSHOT, 'utf8').replace('"userName": "SQLUser"', '"userName": "SQLUser", "userName": "Other"');
    expect(text).not.toBe(readFileSync(SNAPSHOT, 'utf8'));
    const snap = cli(['validate', '--snapshot', file('dup-snapshot.json', text)]);
    expect(snap.status).toBe(2);
    expect(snap.stderr).toMatch(/^invalid snapshot `.*dup-snapshot\.json`: 1 problem\n\$\.users\[\d+\]\.userName: duplicate key "userName"/);
    const req = cli(['decide', '--snapshot', SNAPSHOT, '--request', '-'], '[{"actor": "SQLUser", "use": {"dataSource": 13, "via": "ODBC", "via": "JDBC"}}]');
    expect(req.status).toBe(2);
    expect(req.stderr).toContain('$[0].use.via: duplicate key "via"');
  });
});
