/**
 * Benchmark rows of issue 8 for diff and why-not, on the large snapshot
 * (`generateSnapshot(20240501, fullSize)`): the diff of two snapshots differing in 1,000 user
 * shares (target ≤ 0.5 s once both are loaded) — once for a second snapshot derived from the first
 * by incremental updates (shared table bases: unchanged entities are the same objects) and once
 * for the same second snapshot loaded independently from its JSON (nothing shared: every entity
 * compared field by field) — and why-not for denied requests (target ≤ 50 ms). Medians.
 *
 * `auditDiffRows(json, snapshot)` returns the rows for `bench/bench.ts`; `npx tsx bench/audit-diff.ts`
 * runs them alone (`--quick` for the 10x smaller snapshot).
 */
import * as E from 'fp-ts/lib/Either.js';
import { pathToFileURL } from 'node:url';
import { diffWithStats } from '../src/audit/diff.js';
import { whyNot } from '../src/audit/whyNot.js';
import type { DataSourceJson, SnapshotJson } from '../src/codec/snapshot.js';
import { decide } from '../src/decide/decide.js';
import type { Request } from '../src/codec/request.js';
import { putDataSource, type Edit } from '../src/model/edit.js';
import type { Snapshot } from '../src/model/snapshot.js';
import { dataSourceJson } from '../src/snapshot/encode.js';
import { encodeSnapshot, loadSnapshot } from '../src/snapshot/load.js';
import { updateSnapshot } from '../src/snapshot/update.js';
import { fullSize, generateSnapshot, mulberry32, quickSize } from './generate.js';

/** A benchmark row as `bench/bench.ts` prints it. */
export interface AuditRow {
  readonly metric: string;
  readonly value: string;
  readonly target: string;
  readonly status: string;
}

const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

const time = (f: () => void): number => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};

/**
 * 1,000 user-share changes, deterministic from `seed`: half add a share (to a user of the owner's
 * tenant, in force by R-SHR-6, not covered by a tenant share, R-SHR-3), half remove or change one.
 */
export const shareChanges = (s: Snapshot, seed: number, count: number): ReadonlyArray<Edit> => {
  const rnd = mulberry32(seed);
  const ids = [...s.dataSources.keys()];
  const touched = new Set<number>();
  const edits: Edit[] = [];
  while (edits.length < count) {
    const id = ids[Math.floor(rnd() * ids.length)] ?? 0;
    const d = s.dataSources.get(id);
    if (d === undefined || touched.has(id)) continue;
    const json: DataSourceJson = dataSourceJson(d);
    const shares = json.sharedUsers ?? [];
    const permissions = [2, 3, 5, 6, 7].filter(() => rnd() < 0.5);
    if (edits.length % 2 === 1 && shares.length > 0) {
      const k = Math.floor(rnd() * shares.length);
      const next = rnd() < 0.5 ? shares.filter((_, i) => i !== k) : shares.map((sh, i) => (i === k ? { ...sh, permissions: permissions.length === 0 ? [2] : permissions } : sh));
      edits.push(putDataSource({ ...json, sharedUsers: next }));
    } else {
      const owner = s.users.get(d.owner);
      const colleagues = owner === undefined ? [] : (s.tenants.get(owner.tenantId)?.users ?? []);
      const recipient = colleagues[Math.floor(rnd() * colleagues.length)];
      if (recipient === undefined || recipient === d.owner || d.sharedUsers.has(recipient) || d.sharedTenants.has(owner?.tenantId ?? -1)) continue;
      edits.push(putDataSource({ ...json, sharedUsers: [...shares, { userId: recipient, permissions: permissions.length === 0 ? [2] : permissions }] }));
    }
    touched.add(id);
  }
  return edits;
};

/** Denied management requests for why-not: users asking to view data sources they do not reach or lack View on. */
const deniedRequests = (s: Snapshot, seed: number, count: number): ReadonlyArray<Request> => {
  const rnd = mulberry32(seed);
  const users = [...s.users.values()].filter((u) => u.active);
  const ids = [...s.dataSources.keys()];
  const out: Request[] = [];
  for (let tries = 0; out.length < count && tries < count * 50; tries += 1) {
    const u = users[Math.floor(rnd() * users.length)];
    const d = ids[Math.floor(rnd() * ids.length)];
    if (u === undefined || d === undefined) continue;
    const r: Request = rnd() < 0.7 ? { _tag: 'Http', request: { actor: u.userName, method: rnd() < 0.5 ? 'GET' : 'PUT', path: `/api/mgmt/datasources/${d}`, body: rnd() < 0.5 ? undefined : { name: 'x' } } } : { _tag: 'Use', request: { actor: u.userName, use: { dataSource: d, via: 'JDBC' } } };
    if (decide(s, r).decision === 'deny') out.push(r);
  }
  return out;
};

/** The rows: diff with shared bases, diff of independently loaded snapshots, why-not. */
export const auditDiffRows = (json: SnapshotJson, snapshot: Snapshot, log: (line: string) => void = () => undefined): ReadonlyArray<AuditRow> => {
  const edits = shareChanges(snapshot, 20240502, 1000);
  const derived = updateSnapshot(snapshot, edits).snapshot;
  log(`derived the second snapshot by 1000 share edits`);
  const reloaded = loadSnapshot(JSON.parse(JSON.stringify(encodeSnapshot(derived))));
  if (E.isLeft(reloaded)) throw new Error('the derived snapshot does not reload');
  const independent = reloaded.right;
  const baseReloaded = loadSnapshot(JSON.parse(JSON.stringify(json)));
  if (E.isLeft(baseReloaded)) throw new Error('the snapshot does not reload');
  log(`loaded the second snapshot independently`);
  let sharedStats = diffWithStats(snapshot, derived);
  const shared = [0, 1, 2, 3, 4, 5, 6].map(() => time(() => (sharedStats = diffWithStats(snapshot, derived))));
  let independentStats = diffWithStats(baseReloaded.right, independent);
  const separate = [0, 1, 2, 3, 4].map(() => time(() => (independentStats = diffWithStats(baseReloaded.right, independent))));
  if (JSON.stringify(sharedStats.diff) !== JSON.stringify(independentStats.diff)) throw new Error('the two diffs disagree');
  log(`diff: ${sharedStats.diff.changes.length} changes, ${sharedStats.diff.users.length} users; ${sharedStats.stats.changedDataSources} data sources changed, ${sharedStats.stats.questions} questions decided`);
  const requests = deniedRequests(snapshot, 7, 30);
  const whyNotTimes = requests.map((r) => time(() => whyNot(snapshot, r)));
  const suggested = requests.filter((r) => whyNot(snapshot, r).suggestions.length > 0).length;
  const ms = (x: number): string => `${x.toFixed(1)} ms`;
  const within = (x: number, target: number): string => (x <= target ? 'ok' : 'OVER');
  return [
    { metric: `audit diff, 1000 share changes, shared base (${sharedStats.diff.changes.length} changes)`, value: ms(median(shared)), target: '<= 500 ms', status: within(median(shared), 500) },
    { metric: `audit diff, 1000 share changes, loaded independently`, value: ms(median(separate)), target: '<= 500 ms', status: within(median(separate), 500) },
    { metric: `audit why-not, median of ${requests.length} denied requests (${suggested} with suggestions)`, value: ms(median(whyNotTimes)), target: '<= 50 ms', status: within(median(whyNotTimes), 50) },
    { metric: `audit why-not, slowest of ${requests.length}`, value: ms(Math.max(...whyNotTimes)), target: '', status: '' },
  ];
};

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const quick = process.argv.includes('--quick');
  const json = generateSnapshot(20240501, quick ? quickSize : fullSize);
  const t0 = performance.now();
  const loaded = loadSnapshot(json);
  if (E.isLeft(loaded)) throw new Error('the generated snapshot does not load');
  console.error(`loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const rows = auditDiffRows(json, loaded.right, (line) => console.error(line));
  const wm = Math.max(...rows.map((r) => r.metric.length));
  for (const r of rows) console.log(`${r.metric.padEnd(wm)}  ${r.value.padStart(9)}  ${r.target.padEnd(9)}  ${r.status}`.trimEnd());
}
