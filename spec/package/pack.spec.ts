/**
 * The package as a user gets it (issue 9): the project's package files copied into a staging
 * folder (so the worktree's dist/ is never touched while other specs run), `npm pack` there —
 * which runs `prepare`, so this also shows that `prepare` builds dist/ from nothing, as an
 * install from git needs — then the tarball installed
 * OFFLINE into an empty folder (with fp-ts and io-ts packed from node_modules, and an empty npm
 * cache, so nothing comes from the network), then a smoke test under plain `node` — an .mjs that
 * imports the package and its `./middleware` subpath and decides requests on a tiny snapshot —
 * and the installed bin. Every child process has a timeout.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = process.cwd();
const work = mkdtempSync(join(tmpdir(), 'authz-pack-'));
const app = join(work, 'app');
const stage = join(work, 'stage');

/** What a git checkout holds that the build and pack need (the rest — spec/, bench/, … — stays out on purpose). */
const staged: ReadonlyArray<string> = ['package.json', 'README.md', 'LICENSE', 'docs/rules.md', 'docs/decisions.md', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs', 'src', '.npmrc'];

/** The version of a package installed in node_modules. */
const versionOf = (name: string): string => {
  const pkg: unknown = JSON.parse(readFileSync(resolve(root, 'node_modules', name, 'package.json'), 'utf8'));
  if (typeof pkg !== 'object' || pkg === null || !('version' in pkg) || typeof pkg.version !== 'string') throw new Error(`${name} has no version`);
  return pkg.version;
};
const MINUTE = 60_000;

const run = (cmd: string, args: ReadonlyArray<string>, cwd: string, input = ''): SpawnSyncReturns<string> =>
  spawnSync(cmd, [...args], { cwd, encoding: 'utf8', input, timeout: 5 * MINUTE, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' } });

const must = (what: string, r: SpawnSyncReturns<string>): string => {
  if (r.error !== undefined || r.status !== 0) throw new Error(`${what} failed (status ${String(r.status)}): ${r.error?.message ?? ''}\n${r.stderr}`);
  return r.stdout;
};

interface PackedFile {
  readonly path: string;
}
interface Packed {
  readonly filename: string;
  readonly files: ReadonlyArray<PackedFile>;
}

const isPacked = (u: unknown): u is ReadonlyArray<Packed> =>
  Array.isArray(u) && u.every((p: unknown) => typeof p === 'object' && p !== null && 'filename' in p && typeof p.filename === 'string' && 'files' in p && Array.isArray(p.files));

let packed: Packed | undefined;

beforeAll(() => {
  for (const path of staged) if (existsSync(join(root, path))) cpSync(join(root, path), join(stage, path), { recursive: true });
  symlinkSync(resolve(root, 'node_modules'), join(stage, 'node_modules'), 'dir');
  // pack runs `prepare` (npm run build): dist/ does not exist in the staging folder until then
  const pack = run('npm', ['pack', '--json', '--pack-destination', work], stage);
  const json: unknown = JSON.parse(must('npm pack', pack).replace(/^[^[]*/, ''));
  if (!isPacked(json) || json[0] === undefined) throw new Error('npm pack --json gave no package');
  packed = json[0];
  must('npm pack fp-ts io-ts', run('npm', ['pack', '--ignore-scripts', '--silent', resolve(root, 'node_modules/fp-ts'), resolve(root, 'node_modules/io-ts')], work));
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'authz-smoke', private: true, type: 'module' }));
  must(
    'npm install --offline',
    run(
      'npm',
      ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--cache', join(work, 'npm-cache'), join(work, packed.filename), join(work, `fp-ts-${versionOf('fp-ts')}.tgz`), join(work, `io-ts-${versionOf('io-ts')}.tgz`)],
      app,
    ),
  );
}, 15 * MINUTE);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const smoke = `
import * as E from 'fp-ts/lib/Either.js';
import { decide, decodeRequest, decisionSummary, parseSnapshot, renderProblems } from 'datasource-authz';
import { authorizationMiddleware, toEngineRequest } from 'datasource-authz/middleware';

const snapshot = parseSnapshot(JSON.stringify({
  tenants: [{ id: 1, name: 'System' }, { id: 56, name: 'OrgA', parentTenant: 1 }],
  roles: [{ id: 21, name: 'ODataRole', tenantId: 56, permissions: [7] }],
  users: [{ id: 921, userName: 'ODataUser', tenantId: 56, permissions: { roles: [21] } }],
  dataSources: [{ id: 16, name: 'OData_Sales', owner: 921 }],
}));
if (E.isLeft(snapshot)) {
  console.error(renderProblems(snapshot.left.problems));
  process.exit(2);
}
for (const raw of [
  { actor: 'ODataUser', use: { dataSource: 16, via: 'OData' } },
  { actor: 'ODataUser', use: { dataSource: 16, via: 'JDBC' } },
]) {
  const request = decodeRequest(raw);
  if (E.isRight(request)) console.log(decisionSummary(decide(snapshot.right, request.right)));
}
const converted = toEngineRequest({ method: 'get', url: '/api/mgmt/datasources/16' }, { actor: () => 'ODataUser' });
console.log(typeof authorizationMiddleware, JSON.stringify(converted));
`;

describe('the packed package', () => {
  it('prepare built dist/ in a folder that had none, with the CLI executable and its shebang', () => {
    const main = readFileSync(join(stage, 'dist', 'cli', 'main.js'), 'utf8');
    expect(main.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(existsSync(join(stage, 'dist', 'index.d.ts'))).toBe(true);
  });

  it('ships only dist/, README.md, LICENSE, docs/rules.md and docs/decisions.md (no tests, benchmark, spec or sources)', () => {
    const files = (packed?.files ?? []).map((f) => f.path).sort();
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'docs/rules.md', 'docs/decisions.md', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'dist/embed/middleware.js', 'dist/embed/middleware.d.ts']));
    const extra = files.filter((f) => !f.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE', 'docs/rules.md', 'docs/decisions.md'].includes(f));
    expect(extra).toEqual([]);
    expect(files.filter((f) => /^(spec|bench|properties|src|examples|scripts)\//.test(f) || f.endsWith('.ts') && !f.endsWith('.d.ts') || f.endsWith('.map'))).toEqual([]);
  });

  it('imports and decides under plain node from the installed tarball (both entry points)', () => {
    writeFileSync(join(app, 'smoke.mjs'), smoke);
    const r = run(process.execPath, ['smoke.mjs'], app);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      'ALLOW 200 UseDataSource for `ODataUser`',
      'DENY 403 UseDataSource for `ODataUser` — 222200403: user `ODataUser` needs UseDataSourceWithJDBC (5) on data source 16',
      'function {"_tag":"Right","right":{"actor":"ODataUser","method":"GET","url":"/api/mgmt/datasources/16"}}',
    ]);
  });

  it('the installed bin answers --help (exit 0, no npm banner) and decides from standard input', () => {
    const bin = join(app, 'node_modules', '.bin', 'datasource-authz');
    const help = run(bin, ['--help'], app);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: datasource-authz <command> \[options\]\n/);
    const snapshotPath = join(root, 'examples', 'gateway.json');
    const decided = run(bin, ['decide', '--snapshot', snapshotPath, '--request', '-', '--summary', '--fail-on-deny'], app, JSON.stringify({ actor: 'SQLUser', use: { dataSource: 13, via: 'JDBC' } }));
    expect(decided.status).toBe(1);
    expect(decided.stdout.trim()).toBe('DENY 403 UseDataSource for `SQLUser` — 222200403: user `SQLUser` needs UseDataSourceWithJDBC (5) on data source 13');
    expect(decided.stderr.trim()).toBe('decide --fail-on-deny: 1 of 1 request denied');
  });
});
