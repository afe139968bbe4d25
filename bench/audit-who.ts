/**
 * Benchmark rows of the audit queries who-can (R-AUD-1) and what-can (R-AUD-2) on a large
 * snapshot: the median time of one answer (first page, default page size) over a sample of the
 * heaviest questions — data sources with the most user shares and tenant-share users, users of
 * the biggest tenant (with its tenant administrator) — against the targets of issue 8
 * (who-can ≤ 5 ms, what-can ≤ 20 ms).
 *
 * `bench/bench.ts` calls `auditWhoRows(snapshot)`; `npx tsx bench/audit-who.ts` runs it alone on
 * the full generated snapshot (`--quick` for the 10x smaller one).
 */
import * as E from 'fp-ts/lib/Either.js';
import { pathToFileURL } from 'node:url';
import { whatCanUser } from '../src/audit/whatCan.js';
import { routeCandidates, whoCan } from '../src/audit/whoCan.js';
import type { DataSource, Snapshot, User } from '../src/model/snapshot.js';
import { loadSnapshot } from '../src/snapshot/load.js';
import { fullSize, generateSnapshot, quickSize } from './generate.js';

/** One row of the benchmark's table. */
export interface AuditRow {
  readonly metric: string;
  readonly value: string;
  readonly target: string;
  readonly status: string;
}

/** Data sources and users sampled per row. */
const SAMPLE = 200;
/** Timed rounds over the sample, after one warm-up round. */
const ROUNDS = 5;

const median = (xs: ReadonlyArray<number>): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? Number.NaN : sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const fmtMs = (ms: number): string => (ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1_000).toFixed(1)} µs`);
const verdict = (value: number, limit: number): string => (value <= limit ? 'PASS' : `over (${(value / limit).toFixed(2)}x)`);

/** Anything results are folded into, so that the measured work cannot be dropped. */
let sink = 0;

/** Median and maximum ms per call of `fn` over `items`: one warm-up round, then `ROUNDS` rounds, each call timed alone. */
const time = <A>(items: ReadonlyArray<A>, fn: (a: A) => number): { readonly median: number; readonly max: number } => {
  const samples: number[] = [];
  for (let round = 0; round <= ROUNDS; round += 1) {
    for (const item of items) {
      const t0 = process.hrtime.bigint();
      sink = (sink + fn(item)) | 0;
      const t1 = process.hrtime.bigint();
      if (round > 0) samples.push(Number(t1 - t0) / 1e6);
    }
  }
  return { median: median(samples), max: Math.max(...samples) };
};

/** The `n` data sources with the most candidate users (user-share recipients and users of shared tenants). */
const heaviestDataSources = (s: Snapshot, n: number): ReadonlyArray<DataSource> => {
  const scored: Array<{ readonly d: DataSource; readonly score: number }> = [];
  for (const d of s.dataSources.values()) {
    let score = d.sharedUsers.size;
    for (const t of d.sharedTenants.keys()) score += s.tenants.get(t)?.users.length ?? 0;
    scored.push({ d, score });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.d.id - b.d.id)
    .slice(0, n)
    .map((x) => x.d);
};

/** Up to `n` users of the biggest child tenant, its administrators first. */
const usersOfBiggestTenant = (s: Snapshot, n: number): ReadonlyArray<User> => {
  let biggest: ReadonlyArray<number> = [];
  let admins: ReadonlyArray<number> = [];
  for (const t of s.tenants.values()) {
    if (t.id !== 1 && t.users.length > biggest.length) {
      biggest = t.users;
      admins = t.admins;
    }
  }
  const ids = [...new Set([...admins, ...biggest])].slice(0, n);
  return ids.flatMap((id) => {
    const u = s.users.get(id);
    return u === undefined ? [] : [u];
  });
};

/** The rows of the audit benchmark for `snapshot`. */
export const auditWhoRows = (snapshot: Snapshot): ReadonlyArray<AuditRow> => {
  const dataSources = heaviestDataSources(snapshot, SAMPLE);
  const users = usersOfBiggestTenant(snapshot, SAMPLE);
  const administrators = [...snapshot.activeAdministrators.values()].slice(0, 20);
  const candidates = median(dataSources.map((d) => routeCandidates(snapshot, d).length));
  const reached = median(users.map((u) => {
    const a = whatCanUser(snapshot, u);
    return E.isRight(a) ? a.right.dataSourceCount : 0;
  }));

  const whoView = time(dataSources, (d) => {
    const a = whoCan(snapshot, d.id, 2);
    return E.isRight(a) ? a.right.holderCount + a.right.administrators.length : -1;
  });
  const whoOData = time(dataSources, (d) => {
    const a = whoCan(snapshot, d.id, 7);
    return E.isRight(a) ? a.right.holderCount : -1;
  });
  const what = time(users, (u) => {
    const a = whatCanUser(snapshot, u);
    return E.isRight(a) ? a.right.dataSourceCount + a.right.actsForCount : -1;
  });
  const whatAdmin = time(administrators, (u) => {
    const a = whatCanUser(snapshot, u);
    return E.isRight(a) ? a.right.dataSourceCount + a.right.actsFor.length : -1;
  });
  return [
    { metric: `who-can, one data source, ViewDataSource (2) (median of the ${dataSources.length} most shared)`, value: fmtMs(whoView.median), target: '<= 5.00 ms', status: verdict(whoView.median, 5) },
    { metric: 'who-can, one data source, OData (7) with decideUse per holder (same sample)', value: fmtMs(whoOData.median), target: '<= 5.00 ms', status: verdict(whoOData.median, 5) },
    { metric: 'who-can, slowest single answer of the sample (2 or 7)', value: fmtMs(Math.max(whoView.max, whoOData.max)), target: `(median ${candidates} candidate users)`, status: 'info' },
    { metric: `what-can, one user of the biggest tenant (median of ${users.length}, its administrators included)`, value: fmtMs(what.median), target: '<= 20.00 ms', status: verdict(what.median, 20) },
    { metric: 'what-can, slowest single answer of the sample', value: fmtMs(what.max), target: `(median ${reached} data sources reached)`, status: 'info' },
    { metric: `what-can, an Administrator (12) (median of ${administrators.length}; acts for everyone: first page)`, value: fmtMs(whatAdmin.median), target: '<= 20.00 ms', status: verdict(whatAdmin.median, 20) },
  ];
};

/** Prints rows as an aligned table. */
const printRows = (rows: ReadonlyArray<AuditRow>): void => {
  const all: ReadonlyArray<AuditRow> = [{ metric: 'metric', value: 'value', target: 'target', status: 'status' }, ...rows];
  const w = (f: (r: AuditRow) => string): number => Math.max(...all.map((r) => f(r).length));
  const [wm, wv, wt] = [w((r) => r.metric), w((r) => r.value), w((r) => r.target)];
  for (const r of all) console.log(`${r.metric.padEnd(wm)}  ${r.value.padStart(wv)}  ${r.target.padEnd(wt)}  ${r.status}`.trimEnd());
};

const runAlone = (): void => {
  const quick = process.argv.includes('--quick');
  const t0 = performance.now();
  const loaded = loadSnapshot(generateSnapshot(20240501, quick ? quickSize : fullSize));
  if (E.isLeft(loaded)) {
    console.error(`the generated snapshot does not load: ${loaded.left.problems.length} problems`);
    process.exitCode = 1;
    return;
  }
  console.log(`generated and loaded the ${quick ? 'quick' : 'full'} snapshot in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  printRows(auditWhoRows(loaded.right));
  if (sink === 0.5) console.log(sink);
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) runAlone();
