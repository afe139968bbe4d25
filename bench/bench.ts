/**
 * The benchmark: loads a large generated snapshot and times the decisions of SPEC §3 against
 * targets, next to hand-written floors: one over plain Maps (below), and two over dense indexes
 * and typed arrays (denseFloor.ts): (a) fed dense indexes, (b) fed the snapshot's ids through an
 * integer hash table. Prints one aligned table.
 *
 * It also times `apply` (SPEC §6, `applyBench.ts`): one allowed change of each kind, decisions
 * after 10,000 random applies against a fresh compile of the same state, and the heap retained
 * per user, data source or share.
 *
 * Usage: `npm run bench` (heap figures are taken after a full gc: the flag is turned on at run
 * time; `node --expose-gc --import tsx bench/bench.ts` does the same). Options: `--quick` (a 10x
 * smaller snapshot), `--seed=N`, `--by-kind` (rows per request kind), `--scale` (only the scale
 * rows: the benchmark size against a 10x larger snapshot, 1,000,000 data sources; it runs itself
 * again in a child node with a larger heap).
 * To add a row, declare it with `measure(name, inputs, fn, targetNs)` before `runTimings()`.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as E from 'fp-ts/lib/Either.js';
import type { Channel, HttpRequestJson, UseRequest } from '../src/codec/request.js';
import { decideHttp } from '../src/decide/http.js';
import { decodeSnapshotJson, type SnapshotJson } from '../src/codec/snapshot.js';
import { decideUse } from '../src/decide/use.js';
import type { Snapshot } from '../src/model/snapshot.js';
import { effectiveAccessById } from '../src/rules/dataSourcePermissions.js';
import { accessByRows } from '../src/rules/rowAccess.js';
import { explainAccess } from '../src/rules/explainAccess.js';
import { normalizeAndCheck } from '../src/snapshot/check.js';
import { compileSnapshot } from '../src/snapshot/compile.js';
import { encodeSnapshot, loadSnapshot } from '../src/snapshot/load.js';
import { auditDiffRows } from './audit-diff.js';
import { auditWhoRows } from './audit-who.js';
import { buildDenseFloor, decideByIds, decideDense, toDense } from './denseFloor.js';
import { fullSize, generateRequests, generateSnapshot, mulberry32, quickSize, requestKinds, type BenchRequest, type SnapshotSize } from './generate.js';
import { changeKinds, changeNames, pickTargets, requestFor, runChain, type ChangeKind, type ChainRun } from './applyBench.js';

// ---------------------------------------------------------------------------------------------
// Options

const args = process.argv.slice(2);
const quick = args.includes('--quick');
/** `--by-kind`: also time each request kind separately. */
const byKind = args.includes('--by-kind');
const seedArg = args.find((a) => a.startsWith('--seed='));
const seed = seedArg === undefined ? 20240501 : Number(seedArg.slice('--seed='.length));
/** `--scale`: only the scale rows (benchmark size against `scaleSize`). */
const scale = args.includes('--scale');
const size = quick ? quickSize : fullSize;
/** Ten times the benchmark size: 1,000,000 data sources (`--scale`; with `--quick`, ten times the quick size). */
const scaleSize: SnapshotSize = {
  tenants: size.tenants * 10,
  users: size.users * 10,
  dataSources: size.dataSources * 10,
  groups: size.groups * 10,
  userShares: size.userShares * 10,
  tenantShares: size.tenantShares * 10,
  requests: size.requests,
};
/** Applies timed per kind of change (after `APPLY_WARMUP` untimed ones on the same chain). */
const APPLIES = 2_000;
const APPLY_WARMUP = 200;
/** Role changes timed per role (each touches every user of the role). */
const ROLE_APPLIES = 300;
const ROLE_WARMUP = 20;
/** Random applies before the decisions are timed against a fresh compile. */
const RANDOM_APPLIES = 10_000;
/** Target of one apply (µs), except a role's permissions change. */
const APPLY_TARGET_US = 100;
/** Decisions timed per batch (one hrtime pair per batch). */
const BATCH = 1_000;
/** Requests in the cache-warm hot set. */
const HOT_SET = 1_000;
/** Timed rounds over all requests, after one warm-up round. */
const ROUNDS = 5;

// ---------------------------------------------------------------------------------------------
// Measuring

/** Anything results are folded into, so V8 cannot eliminate the measured work. */
let sink = 0;

/** Median of a non-empty list. */
const median = (xs: ReadonlyArray<number>): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** Splits the inputs into batches of `BATCH` (the last may be shorter). */
const batchesOf = <R>(items: ReadonlyArray<R>): ReadonlyArray<ReadonlyArray<R>> => {
  const out: R[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
};

/** Wall-clock milliseconds of one call. */
const timeMs = <T>(fn: () => T): { readonly ms: number; readonly value: T } => {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
};

/**
 * A full garbage collection: `gc` when node runs with `--expose-gc`, else the same function obtained
 * by turning the flag on at run time (v8.setFlagsFromString, then `gc` from a fresh context).
 */
const fullGc = ((): (() => void) | undefined => {
  const exposed = globalThis.gc;
  if (exposed !== undefined) return () => void exposed();
  try {
    setFlagsFromString('--expose-gc');
    const late: unknown = runInNewContext('gc');
    if (typeof late === 'function') return () => void late();
  } catch {
    // no way to collect: heap figures are settled, not exact
  }
  return undefined;
})();

/** Heap used after full collections when possible, else after letting the heap settle. */
const settledHeap = async (): Promise<{ readonly bytes: number; readonly exact: boolean }> => {
  for (let i = 0; i < 3; i += 1) {
    if (fullGc !== undefined) fullGc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { bytes: process.memoryUsage().heapUsed, exact: fullGc !== undefined };
};

// ---------------------------------------------------------------------------------------------
// Rows

/** One table row: a metric, its measured value as text, the target and the verdict. */
interface Row {
  readonly metric: string;
  readonly value: string;
  readonly target: string;
  readonly status: string;
}

/** The rows in print order; lazy, so rows of timings can be declared before the timings run. */
const rows: Array<() => Row> = [];

const fmtNs = (ns: number): string => (ns >= 1_000_000 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1_000 ? `${(ns / 1_000).toFixed(2)} µs` : `${ns.toFixed(1)} ns`);
const fmtMs = (ms: number): string => (ms >= 1_000 ? `${(ms / 1_000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const fmtBytes = (b: number): string => `${(b / (1024 * 1024)).toFixed(1)} MiB`;
const verdict = (value: number, limit: number): string => (value <= limit ? 'PASS' : `over (${(value / limit).toFixed(2)}x)`);

/** Adds an informational row (no target); `value` may be computed when the table is printed. */
const info = (metric: string, value: string | (() => string), note = ''): void => {
  rows.push(() => ({ metric, value: typeof value === 'string' ? value : value(), target: note, status: 'info' }));
};

/** Adds a row with an upper-bound target (both in the same unit) and its verdict. */
const bounded = (metric: string, value: number, limit: number, fmt: (x: number) => string): void => {
  rows.push(() => ({ metric, value: fmt(value), target: `<= ${fmt(limit)}`, status: verdict(value, limit) }));
};

/** A timed decision function; `ns()` is the median ns per call once `runTimings` has run. */
interface Timing {
  readonly batches: number;
  /** Runs batch `b` and returns its nanoseconds per call. */
  readonly runBatch: (b: number) => number;
  readonly samples: number[];
  readonly ns: () => number;
}

const timings: Timing[] = [];

/**
 * Declares a timed row: `fn` over `items`, in batches of `BATCH`, median ns per call over
 * `ROUNDS` rounds after a warm-up round. `fn` returns a number that is folded into the sink.
 * `limitNs` gives the row a target; without it the row is informational, with `note` as target text.
 */
const measure = <R>(metric: string, items: ReadonlyArray<R>, fn: (item: R) => number, limitNs?: number, note = ''): Timing => {
  const batches = batchesOf(items);
  const samples: number[] = [];
  const timing: Timing = {
    batches: batches.length,
    runBatch: (b) => {
      const batch = batches[b] ?? [];
      let acc = 0;
      const t0 = process.hrtime.bigint();
      for (const item of batch) acc = (acc + fn(item)) | 0;
      const t1 = process.hrtime.bigint();
      sink = (sink ^ acc) | 0;
      return Number(t1 - t0) / Math.max(1, batch.length);
    },
    samples,
    ns: () => (samples.length === 0 ? Number.NaN : median(samples)),
  };
  timings.push(timing);
  rows.push(() => {
    const ns = timing.ns();
    return limitNs === undefined
      ? { metric, value: fmtNs(ns), target: note, status: 'info' }
      : { metric, value: fmtNs(ns), target: `<= ${fmtNs(limitNs)}`, status: verdict(ns, limitNs) };
  });
  return timing;
};

/** A ratio row of two timings, e.g. engine over floor. */
const ratio = (metric: string, a: Timing, b: Timing): void => info(metric, () => `${(a.ns() / b.ns()).toFixed(1)}x`);

/** A ratio row of two timings with an upper bound on the ratio (issue 7: untraced decision <= 2x floor (b)). */
const boundedRatio = (metric: string, a: Timing, b: Timing, limit: number): void => {
  rows.push(() => {
    const x = a.ns() / b.ns();
    return { metric, value: `${x.toFixed(1)}x`, target: `<= ${limit.toFixed(1)}x`, status: verdict(x, limit) };
  });
};

/**
 * Runs every declared timing: round 0 warms up, rounds 1..ROUNDS are sampled. The timings take
 * turns round by round, so a change in machine load affects them alike and their ratios stay fair;
 * odd rounds run them in reverse order, so that no timing always runs first after the same
 * neighbour (the one that runs first after a heavy timing finds the caches emptied: declared in
 * the other order, the after-applies and fresh-compile rows swapped places by about 10 %).
 */
const runTimings = (): void => {
  for (let round = 0; round <= ROUNDS; round += 1) {
    for (const t of round % 2 === 0 ? timings : [...timings].reverse()) {
      for (let b = 0; b < t.batches; b += 1) {
        const ns = t.runBatch(b);
        if (round > 0) t.samples.push(ns);
      }
    }
  }
};

const printTable = (title: string): void => {
  const header: Row = { metric: 'metric', value: 'value', target: 'target', status: 'status' };
  const all = [header, ...rows.map((r) => r())];
  const w = (f: (r: Row) => string): number => Math.max(...all.map((r) => f(r).length));
  const wm = w((r) => r.metric);
  const wv = w((r) => r.value);
  const wt = w((r) => r.target);
  const line = (r: Row): string => `${r.metric.padEnd(wm)}  ${r.value.padStart(wv)}  ${r.target.padEnd(wt)}  ${r.status}`.trimEnd();
  console.log(title);
  console.log(line(header));
  console.log('-'.repeat(line(header).length + 8));
  for (const r of all.slice(1)) console.log(line(r));
};

// ---------------------------------------------------------------------------------------------
// The floor: the same decision (SPEC §3, R-GRP-1) hand-written over plain Maps and bit masks.

interface FloorUser {
  readonly tenantId: number;
  readonly active: boolean;
  readonly bits: number;
}
interface FloorDs {
  readonly owner: number;
  readonly isGroup: boolean;
  /** Data-source permissions as bits, -1 when none are set. */
  readonly override: number;
  readonly members: ReadonlySet<number>;
  /** Share bits by recipient; -1 for a share that is not in force (R-SHR-6). */
  readonly sharedUsers: ReadonlyMap<number, number>;
  readonly sharedTenants: ReadonlyMap<number, number>;
}
interface Floor {
  readonly users: ReadonlyMap<number, FloorUser>;
  readonly dataSources: ReadonlyMap<number, FloorDs>;
}

const NO_SHARES: ReadonlyMap<number, number> = new Map<number, number>();
const NO_MEMBERS: ReadonlySet<number> = new Set<number>();

const bitsOf = (ids: ReadonlyArray<number>): number => ids.reduce((acc, id) => (id < 31 ? acc | (1 << id) : acc), 0);

/** Builds the floor's Maps from the snapshot's (normalized) JSON, not from the engine's index. */
const buildFloor = (json: SnapshotJson): Floor => {
  const roleBits = new Map<number, number>((json.roles ?? []).map((r) => [r.id, bitsOf(r.permissions)]));
  const users = new Map<number, FloorUser>();
  const admin = new Map<number, { readonly tenantId: number; readonly administers: ReadonlySet<number>; readonly a12: boolean }>();
  for (const u of json.users ?? []) {
    const bits = u.permissions.roles.reduce((acc, r) => acc | (roleBits.get(r) ?? 0), bitsOf(u.permissions.permissions ?? []));
    users.set(u.id, { tenantId: u.tenantId, active: (u.statusInfo?.status ?? 1) !== 0 && u.statusInfo?.accountLocked !== true, bits });
    admin.set(u.id, { tenantId: u.tenantId, administers: new Set(u.tenantsAdministered ?? []), a12: (bits & (1 << 12)) !== 0 });
  }
  const dataSources = new Map<number, FloorDs>();
  for (const d of json.dataSources ?? []) {
    const owner = admin.get(d.owner);
    let sharedUsers = NO_SHARES;
    if (d.sharedUsers !== undefined && d.sharedUsers.length > 0) {
      const shares = new Map<number, number>();
      for (const s of d.sharedUsers) {
        const t = users.get(s.userId)?.tenantId ?? -1;
        const inForce = owner !== undefined && (owner.tenantId === t || owner.administers.has(t) || owner.a12);
        shares.set(s.userId, inForce ? bitsOf(s.permissions) : -1);
      }
      sharedUsers = shares;
    }
    const tenantShares = d.sharedTenants ?? [];
    const members = d.members ?? [];
    dataSources.set(d.id, {
      owner: d.owner,
      isGroup: d.isGroup === true,
      override: d.permissions === undefined ? -1 : bitsOf(d.permissions),
      members: members.length === 0 ? NO_MEMBERS : new Set(members.map((m) => m.id)),
      sharedUsers,
      sharedTenants: tenantShares.length === 0 ? NO_SHARES : new Map(tenantShares.map((t) => [t.tenantId, bitsOf(t.permissions)])),
    });
  }
  return { users, dataSources };
};

const floorDirect = (userId: number, u: FloorUser, d: FloorDs): number => {
  if (d.owner === userId) return d.override >= 0 ? d.override : u.bits;
  const s = d.sharedUsers.get(userId);
  if (s !== undefined && s >= 0) return s;
  return d.sharedTenants.get(u.tenantId) ?? 0;
};

/** The floor decision: effective permission bits, -1 for an unknown id. */
const floorDecide = (f: Floor, r: BenchRequest): number => {
  const u = f.users.get(r.userId);
  const d = f.dataSources.get(r.dsId);
  if (u === undefined || d === undefined) return -1;
  if (!u.active) return 0;
  if (r.groupId === undefined) return floorDirect(r.userId, u, d);
  const g = f.dataSources.get(r.groupId);
  if (g === undefined) return -1;
  if (!g.isGroup || !g.members.has(r.dsId)) return 0;
  if (g.owner === r.userId) return g.override >= 0 ? g.override : floorDirect(r.userId, u, d);
  const s = g.sharedUsers.get(r.userId);
  if (s !== undefined && s >= 0) return s;
  return g.sharedTenants.get(u.tenantId) ?? 0;
};

// ---------------------------------------------------------------------------------------------
// The engine's decisions, each returning a number derived from the result

/** No trace: `effectiveAccessById`; the permission bits, -1 for an unknown id. */
const engineDecide = (s: Snapshot, r: BenchRequest): number => {
  const res = effectiveAccessById(s, r.userId, r.dsId, r.groupId);
  return E.isRight(res) ? res.right.permissions.lo : -1;
};

/** With the trace: `explainAccess` on the objects found by id. */
const engineExplain = (s: Snapshot, r: BenchRequest): number => {
  const user = s.users.get(r.userId);
  const ds = s.dataSources.get(r.dsId);
  if (user === undefined || ds === undefined) return -1;
  const group = r.groupId === undefined ? undefined : s.dataSources.get(r.groupId);
  const explained = explainAccess(s, user, ds, group);
  return explained.access.permissions.lo + explained.step.children.length;
};

const channels: ReadonlyArray<Channel> = ['JDBC', 'ODBC', 'OData', 'SQLEditor'];

/** The requests as query-channel requests (R-USE-1), the channel cycling. */
/**
 * HTTP requests built from the effective-permission questions, a fixed rotation of operations:
 * direct reads and writes by the user, on-behalf-of reads by an administrator of the subject's
 * tenant who does not hold Administrator (12) (R-OBO-2), and an administration read (R-ADM-2).
 */
const httpRequests = (s: Snapshot, requests: ReadonlyArray<BenchRequest>): ReadonlyArray<HttpRequestJson> => {
  const adminOf = new Map<number, string>();
  for (const u of s.users.values()) {
    if (u.isAdministrator) continue;
    for (const t of u.tenantsAdministered) if (!adminOf.has(t)) adminOf.set(t, u.userName);
  }
  return requests.map((r, i): HttpRequestJson => {
    const user = s.users.get(r.userId);
    const actor = user?.userName ?? 'nobody';
    const admin = adminOf.get(user?.tenantId ?? 1) ?? 'user1';
    switch (i % 6) {
      case 0:
        return { actor, method: 'GET', path: `/api/mgmt/datasources/${r.dsId}/permissions`, query: {} };
      case 1:
        return { actor, method: 'GET', path: `/api/mgmt/datasources/${r.dsId}`, query: {} };
      case 2:
        return { actor, method: 'DELETE', path: `/api/mgmt/datasources/${r.dsId}`, query: {} };
      case 3:
        return { actor: admin, method: 'GET', path: `/api/mgmt/datasources/${r.dsId}/permissions`, query: { user: actor } };
      case 4:
        return { actor, method: 'GET', url: `/api/mgmt/datasources/${r.dsId}/sharedUsers` };
      default:
        return { actor: admin, method: 'GET', path: `/api/admin/users/${r.userId}`, query: {} };
    }
  });
};

const useRequests = (requests: ReadonlyArray<BenchRequest>): ReadonlyArray<UseRequest> =>
  requests.map((r, i) => {
    const via = channels[i % channels.length] ?? 'JDBC';
    const use = r.groupId === undefined ? { dataSource: r.dsId, via } : { dataSource: r.dsId, via, group: r.groupId };
    return { actor: { id: r.userId }, use };
  });

// ---------------------------------------------------------------------------------------------
// State changes (SPEC §6)

const fmtPerEntity = (b: number): string => `${b.toFixed(0)} B`;

/** Users, data sources (groups included) and shares (user and tenant) of a snapshot: the unit of the memory target. */
const entityCount = (s: Snapshot): number => {
  let shares = 0;
  for (const d of s.dataSources.values()) shares += d.sharedUsers.size + d.sharedTenants.size;
  return s.users.size + s.dataSources.size + shares;
};

/** The value at quantile `q` of a non-empty list. */
const quantile = (xs: ReadonlyArray<number>, q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

/** Two rows for a chain of applies: the median per apply (against `limitUs` when given) and how many were allowed and changed state. */
const chainRows = (metric: string, warmCount: number, warm: ChainRun, run: ChainRun, limitUs: number | undefined, note: string): void => {
  const n = warmCount + run.micros.length;
  const changed = warm.changed + run.changed;
  const allChanged = changed === n && run.changed === run.micros.length;
  const med = median(run.micros);
  rows.push(() => ({
    metric,
    value: fmtNs(med * 1_000),
    target: limitUs === undefined ? note : `<= ${fmtNs(limitUs * 1_000)}`,
    status: !allChanged ? 'MISMATCH' : limitUs === undefined ? 'info' : verdict(med, limitUs),
  }));
  const miss = warm.firstMiss ?? run.firstMiss;
  rows.push(() => ({
    metric: '  allowed and changed state',
    value: `${changed}/${n}`,
    target: `mean ${fmtNs((run.micros.reduce((a, b) => a + b, 0) / Math.max(1, run.micros.length)) * 1_000)}, p99 ${fmtNs(quantile(run.micros, 0.99) * 1_000)}${miss === undefined ? '' : `; first miss: ${miss}`}`,
    status: allChanged ? 'PASS' : 'MISMATCH',
  }));
};

/**
 * The apply rows: one chain per kind of change from the loaded snapshot (every apply allowed and
 * changing state, timed alone, no trace), a role's permissions change on its smallest and largest
 * role, then decisions after `RANDOM_APPLIES` random applies against a fresh compile of the same
 * state (declared as timings, so they run interleaved with the decision rows).
 */
const applyRows = (s: Snapshot, requests: ReadonlyArray<BenchRequest>): void => {
  const targets = pickTargets(s, mulberry32(seed ^ 0x5eed), 500);
  if (targets === undefined) {
    rows.push(() => ({ metric: 'apply: an active Administrator of every tenant', value: 'none', target: 'one', status: 'MISMATCH' }));
    return;
  }
  info('apply: actor', `${targets.admin.userName} (${targets.admin.id})`, 'active Administrator (12) of every tenant; applies without trace');
  const chain = (kind: ChangeKind, count: number, offset: number) => (from: Snapshot, timed: boolean) => runChain(from, count, (i) => requestFor(targets, kind, i + offset), timed);
  for (const kind of changeKinds) {
    if (kind === 'role') continue;
    const warm = chain(kind, APPLY_WARMUP, 0)(s, false);
    const run = chain(kind, APPLIES, APPLY_WARMUP)(warm.snapshot, true);
    chainRows(`apply: ${changeNames[kind]}`, APPLY_WARMUP, warm, run, APPLY_TARGET_US, '');
  }
  // A role's permissions change touches every user of the role: its smallest and its largest role.
  const byUsers = [...targets.roles].sort((a, b) => a.users.length - b.users.length || a.id - b.id);
  const picked = [byUsers[0], byUsers[byUsers.length - 1]].filter((r): r is NonNullable<typeof r> => r !== undefined);
  const perUser: number[] = [];
  for (const role of picked) {
    const run1 = (from: Snapshot, count: number, timed: boolean) => runChain(from, count, (i) => requestFor(targets, 'role', i, role), timed);
    const warm = run1(s, ROLE_WARMUP, false);
    const run = run1(warm.snapshot, ROLE_APPLIES, true);
    const n = role.users.length;
    chainRows(`apply: ${changeNames.role}, role ${role.id} with ${n} users`, ROLE_WARMUP, warm, run, undefined, 'grows with the role\'s users');
    const per = median(run.micros) / Math.max(1, n);
    perUser.push(per);
    info(`  per user of role ${role.id}`, fmtNs(per * 1_000), '');
  }
  const [small, large] = perUser;
  if (small !== undefined && large !== undefined && picked.length === 2) {
    const r = large / small;
    rows.push(() => ({
      metric: `  per-user cost, role of ${picked[1]?.users.length ?? 0} / role of ${picked[0]?.users.length ?? 0} users`,
      value: `${r.toFixed(2)}x`,
      target: 'about 1x: linear in its users',
      status: r >= 0.5 && r <= 2 ? 'PASS' : 'over',
    }));
  }
  // Decisions after many random applies against a fresh compile of the same state.
  const rnd = mulberry32(seed ^ 0xa991);
  const random = timeMs(() => runChain(s, RANDOM_APPLIES, () => requestFor(targets, changeKinds[Math.floor(rnd() * changeKinds.length)] ?? 'userShare', Math.floor(rnd() * 1_000_000)), false));
  const after = random.value.snapshot;
  info(`apply: ${RANDOM_APPLIES} random applies (a mix of the kinds above)`, fmtMs(random.ms), `${random.value.changed} changed state; untimed apart`);
  const fresh = loadSnapshot(encodeSnapshot(after));
  if (E.isLeft(fresh)) {
    rows.push(() => ({ metric: 'the state after the applies reloads', value: `${fresh.left.problems.length} problems`, target: 'valid', status: 'MISMATCH' }));
    return;
  }
  const f = fresh.right;
  const same = requests.filter((r) => engineDecide(after, r) === engineDecide(f, r)).length;
  rows.push(() => ({ metric: 'after applies = fresh compile on every request', value: `${same}/${requests.length}`, target: 'all', status: same === requests.length ? 'PASS' : 'MISMATCH' }));
  const afterT = measure(`decision, no trace, after ${RANDOM_APPLIES} applies`, requests, (r) => engineDecide(after, r), undefined, 'incrementally updated');
  const freshT = measure('decision, no trace, fresh compile of that state', requests, (r) => engineDecide(f, r), undefined, 'encode + load');
  rows.push(() => {
    const x = afterT.ns() / freshT.ns();
    return { metric: '  ratio after applies / fresh compile', value: `${x.toFixed(2)}x`, target: 'within 1 ± 0.10', status: Math.abs(x - 1) <= 0.1 ? 'PASS' : `off (${x.toFixed(2)}x)` };
  });
  // The same on a cache-warm hot set: what is left of the gap without memory latency (code, not layout).
  const hotSet = requests.slice(0, HOT_SET);
  const hot = requests.map((_, i) => hotSet[i % hotSet.length]).filter((r): r is BenchRequest => r !== undefined);
  const hotAfterT = measure(`  hot set, after ${RANDOM_APPLIES} applies`, hot, (r) => engineDecide(after, r), undefined, 'cache-warm');
  const hotFreshT = measure('  hot set, fresh compile', hot, (r) => engineDecide(f, r), undefined, 'cache-warm');
  ratio('  ratio after applies / fresh compile, hot set', hotAfterT, hotFreshT);
};

// ---------------------------------------------------------------------------------------------
// Main

/** The three phases of `loadSnapshot` timed apart, median ms of 3 runs each; undefined if a phase fails. */
const timePhases = (json: unknown): { readonly decode: number; readonly check: number; readonly compile: number } | undefined => {
  const decodeMs: number[] = [];
  const checkMs: number[] = [];
  const compileMs: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const decoded = timeMs(() => decodeSnapshotJson(json));
    if (E.isLeft(decoded.value)) return undefined;
    const raw = decoded.value.right;
    const checked = timeMs(() => normalizeAndCheck(raw));
    if (E.isLeft(checked.value)) return undefined;
    const normalized = checked.value.right;
    decodeMs.push(decoded.ms);
    checkMs.push(checked.ms);
    compileMs.push(timeMs(() => compileSnapshot(normalized)).ms);
  }
  return { decode: median(decodeMs), check: median(checkMs), compile: median(compileMs) };
};

/** What `prepare` hands over: the parsed JSON and the figures of getting it. */
interface Prepared {
  readonly json: unknown;
  readonly genMs: number;
  readonly strMs: number;
  readonly parseMs: number;
  readonly bytes: number;
  readonly summary: string;
}

/** Generates the snapshot, serializes it and parses it back; the generated object and the text do not outlive this call. */
const prepare = (): Prepared => {
  const gen = timeMs(() => generateSnapshot(seed, size));
  const str = timeMs(() => JSON.stringify(gen.value));
  const parsed = timeMs((): unknown => JSON.parse(str.value));
  const dsAll = gen.value.dataSources ?? [];
  const groupCount = dsAll.filter((d) => d.isGroup === true).length;
  const userShareCount = dsAll.reduce((n, d) => n + (d.sharedUsers ?? []).length, 0);
  const tenantShareCount = dsAll.reduce((n, d) => n + (d.sharedTenants ?? []).length, 0);
  const summary =
    `snapshot: ${(gen.value.tenants ?? []).length} tenants, ${(gen.value.roles ?? []).length} roles, ${(gen.value.users ?? []).length} users, ` +
    `${dsAll.length - groupCount} data sources + ${groupCount} groups, ${userShareCount} user shares, ${tenantShareCount} tenant shares`;
  return { json: parsed.value, genMs: gen.ms, strMs: str.ms, parseMs: parsed.ms, bytes: Buffer.byteLength(str.value, 'utf8'), summary };
};

const main = async (): Promise<number> => {
  const start = await settledHeap();
  let prepared: Prepared | undefined = prepare();
  const { genMs, strMs, parseMs, bytes, summary } = prepared;
  let json: unknown = prepared.json;
  prepared = undefined; // from here on `json` is the only reference to the parsed JSON
  const withJson = await settledHeap();

  const loads: number[] = [];
  let snapshot: Snapshot | undefined;
  for (let i = 0; i < 3; i += 1) {
    snapshot = undefined;
    const loaded = timeMs(() => loadSnapshot(json));
    if (E.isLeft(loaded.value)) {
      const problems = loaded.value.left.problems;
      console.error(`generated snapshot is invalid: ${problems.length} problem(s)`);
      for (const p of problems.slice(0, 50)) console.error(`  ${p.path} ${p.rule ?? ''} ${p.message}`);
      return 1;
    }
    snapshot = loaded.value.right;
    loads.push(loaded.ms);
  }
  if (snapshot === undefined) return 1;
  const s: Snapshot = snapshot;
  const phases = timePhases(json); // after the loads, so that it does not warm them up
  // Only what the snapshot retains (its index and its normalized source) stays alive.
  json = undefined;
  const compiled = await settledHeap();

  // Requests from the snapshot's normalized source: the same content as the generated JSON.
  const requests = generateRequests(encodeSnapshot(s), seed, size.requests);
  const title = [
    `datasource-authz bench${quick ? ' --quick' : ''} (seed ${seed}, node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')})`,
    summary,
    `requests: ${requests.length} (${requestKinds.map((k) => `${k} ${requests.filter((r) => r.kind === k).length}`).join(', ')})`,
    '',
  ].join('\n');

  info('generate snapshot', fmtMs(genMs));
  info('JSON.stringify', fmtMs(strMs));
  info('JSON size', fmtBytes(bytes));
  info('JSON.parse', fmtMs(parseMs));
  bounded('decode + check + compile (median of 3)', median(loads), 1_000, fmtMs); // issue 7: load <= 1 s
  if (phases !== undefined) {
    info('  decode (fast path, D-LOAD-1)', fmtMs(phases.decode), 'phase, median of 3');
    info('  check + normalize', fmtMs(phases.check), 'phase, median of 3');
    info('  compile', fmtMs(phases.compile), 'phase, median of 3');
  }
  const heapNote = compiled.exact ? 'after gc()' : 'settled, no --expose-gc';
  info('heap: parsed JSON', fmtBytes(withJson.bytes - start.bytes), heapNote);
  info('heap used after compile', fmtBytes(compiled.bytes), heapNote);
  info('  retained by the snapshot', fmtBytes(compiled.bytes - start.bytes), `${heapNote}; the compiled model`);
  const entities = entityCount(s);
  bounded(`  retained per user, data source or share (${entities})`, (compiled.bytes - start.bytes) / entities, 300, fmtPerEntity);

  const floor = buildFloor(encodeSnapshot(s));
  await settledHeap(); // collect the floor's construction garbage before timing
  let agree = 0;
  for (const r of requests) if (engineDecide(s, r) === floorDecide(floor, r)) agree += 1;
  rows.push(() => ({ metric: 'engine = floor on every request', value: `${agree}/${requests.length}`, target: 'all', status: agree === requests.length ? 'PASS' : 'MISMATCH' }));
  const dense = buildDenseFloor(encodeSnapshot(s));
  const denseRequests = requests.map((r) => toDense(dense, r)); // floor (a) is fed dense indexes: translated here, untimed
  await settledHeap();
  const agreeRow = (metric: string, decide: (r: BenchRequest, i: number) => number): void => {
    const n = requests.filter((r, i) => engineDecide(s, r) === decide(r, i)).length;
    rows.push(() => ({ metric, value: `${n}/${requests.length}`, target: 'all', status: n === requests.length ? 'PASS' : 'MISMATCH' }));
  };
  agreeRow('engine = floor (a) dense on every request', (_, i) => {
    const d = denseRequests[i];
    return d === undefined ? -2 : decideDense(dense, d.user, d.ds, d.group);
  });
  agreeRow('engine = floor (b) id hash on every request', (r) => decideByIds(dense, r.userId, r.dsId, r.groupId));
  // D-INC-12: how many requests the typed rows answer (the rest fall back to the objects), by kind
  const answered = (kind: string): string => {
    const some = requests.filter((r) => kind === 'all' || r.kind === kind);
    return `${some.filter((r) => accessByRows(s, r.userId, r.dsId, r.groupId) !== undefined).length}/${some.length}`;
  };
  info('requests the typed rows answer (D-INC-12)', answered('all'), requestKinds.map((k) => `${k} ${answered(k)}`).join(', '));

  // Decision rows: declare with measure(...), then runTimings() runs them all, interleaved.
  const floorT = measure('floor: inline lookup over plain Maps', requests, (r) => floorDecide(floor, r), undefined, '~50 ns');
  const denseT = measure('floor (a): dense indexes, typed arrays', denseRequests, (d) => decideDense(dense, d.user, d.ds, d.group), undefined, 'ids pre-translated');
  const idHashT = measure('floor (b): (a) + id hash table lookups', requests, (r) => decideByIds(dense, r.userId, r.dsId, r.groupId), undefined, 'snapshot ids, as the API');
  const noTraceT = measure('decision, no trace (effectiveAccessById)', requests, (r) => engineDecide(s, r), 150);
  const traceT = measure('decision with trace (explainAccess)', requests, (r) => engineExplain(s, r), 2_000);
  const useT = measure('decideUse (trace, channel)', useRequests(requests), (u) => decideUse(s, u).status, undefined, '(no target)');
  // Calibration: the cost of reading one request path character by character, to scale the rows by this machine's speed.
  const paths = requests.map((r) => `/api/mgmt/datasources/${r.dsId}/permissions`);
  measure('calibration: scan one request path (charCodeAt loop)', paths, (p) => {
    let slashes = 0;
    for (let i = 0; i < p.length; i += 1) if (p.charCodeAt(i) === 47) slashes += 1;
    return slashes;
  }, undefined, 'machine speed');
  const http = httpRequests(s, requests);
  const httpAllowed = http.filter((q) => decideHttp(s, q, { trace: false }).decision === 'allow').length;
  info('HTTP requests allowed', `${httpAllowed}/${http.length}`, 'the rest denied (401/403/404)');
  const httpFastT = measure('HTTP request decision, no trace (decideHttp)', http, (q) => decideHttp(s, q, { trace: false }).status, 1_000);
  const httpTraceT = measure('HTTP request decision with trace', http, (q) => decideHttp(s, q).status, 5_000);
  // The same decisions over a hot set that stays in the CPU caches: the code's cost without memory latency.
  const hotSet = requests.slice(0, HOT_SET);
  const hot = requests.map((_, i) => hotSet[i % hotSet.length]).filter((r): r is BenchRequest => r !== undefined);
  const hotFloorT = measure(`floor, hot set (${HOT_SET} requests cycled)`, hot, (r) => floorDecide(floor, r), undefined, 'cache-warm');
  const hotNoTraceT = measure(`no trace, hot set (${HOT_SET} requests cycled)`, hot, (r) => engineDecide(s, r), 150, 'cache-warm');
  if (byKind) {
    for (const kind of requestKinds) {
      const some = requests.filter((r) => r.kind === kind);
      const f = measure(`  ${kind}: floor`, some, (r) => floorDecide(floor, r));
      const fb = measure(`  ${kind}: floor (b)`, some, (r) => decideByIds(dense, r.userId, r.dsId, r.groupId));
      const n = measure(`  ${kind}: no trace`, some, (r) => engineDecide(s, r), 150);
      measure(`  ${kind}: with trace`, some, (r) => engineExplain(s, r), 2_000);
      ratio(`  ${kind}: no trace / floor`, n, f);
      ratio(`  ${kind}: no trace / floor (b)`, n, fb);
    }
  }
  ratio('ratio no trace / floor', noTraceT, floorT);
  ratio('ratio no trace / floor, hot set', hotNoTraceT, hotFloorT);
  ratio('ratio no trace / floor (a) dense', noTraceT, denseT);
  boundedRatio('ratio no trace / floor (b) id hash', noTraceT, idHashT, 2);
  ratio('ratio trace / floor', traceT, floorT);
  ratio('ratio decideUse / floor', useT, floorT);
  ratio('ratio HTTP no trace / floor', httpFastT, floorT);
  ratio('ratio HTTP with trace / floor', httpTraceT, floorT);
  applyRows(s, requests);
  runTimings();
  // audit queries (issue 8): who-can, what-can, diff and why-not on the same snapshot
  for (const row of [...auditWhoRows(s), ...auditDiffRows(encodeSnapshot(s), s)]) rows.push(() => row);

  printTable(title);
  if (sink === 0x7fffffff) console.log(' ');
  return 0;
};

/** A loaded snapshot of one size, its load time, heap retained and requests. */
interface Sized {
  readonly snapshot: Snapshot;
  readonly loadMs: number;
  readonly retained: number;
  readonly requests: ReadonlyArray<BenchRequest>;
  readonly summary: string;
}

/** Generates a snapshot of `sz`, loads it once (timed) from parsed JSON, and keeps only the compiled model. */
const loadSized = async (sz: SnapshotSize): Promise<Sized | undefined> => {
  const before = await settledHeap();
  let prepared: Prepared | undefined = ((): Prepared => {
    const gen = generateSnapshot(seed, sz);
    const dsAll = gen.dataSources ?? [];
    const text = JSON.stringify(gen);
    const summary = `${(gen.users ?? []).length} users, ${dsAll.length} data sources, ${dsAll.reduce((n, d) => n + (d.sharedUsers ?? []).length + (d.sharedTenants ?? []).length, 0)} shares, JSON ${fmtBytes(Buffer.byteLength(text, 'utf8'))}`;
    return { json: JSON.parse(text), genMs: 0, strMs: 0, parseMs: 0, bytes: 0, summary };
  })();
  const summary = prepared.summary;
  await settledHeap();
  const loaded = timeMs(() => loadSnapshot(prepared?.json));
  prepared = undefined;
  if (E.isLeft(loaded.value)) return undefined;
  const snapshot = loaded.value.right;
  const after = await settledHeap();
  const requests = generateRequests(encodeSnapshot(snapshot), seed, size.requests);
  return { snapshot, loadMs: loaded.ms, retained: after.bytes - before.bytes, requests, summary };
};

/** `--scale`: the benchmark size and ten times it, loaded once each; untraced decisions timed interleaved. */
const scaleMain = async (): Promise<number> => {
  const base = await loadSized(size);
  const big = await loadSized(scaleSize);
  if (base === undefined || big === undefined) {
    console.error('a generated snapshot is invalid');
    return 1;
  }
  const title = [
    `datasource-authz bench --scale${quick ? ' --quick' : ''} (seed ${seed}, node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')})`,
    `benchmark size: ${base.summary}`,
    `10x: ${big.summary}`,
    '',
  ].join('\n');
  info('load (decode + check + compile), benchmark size', fmtMs(base.loadMs), 'one load');
  bounded(`load, 10x (${scaleSize.dataSources + scaleSize.groups} data sources)`, big.loadMs, 15_000, fmtMs);
  info('  retained by the 10x snapshot', fmtBytes(big.retained), 'after gc()');
  bounded(`  retained per user, data source or share (${entityCount(big.snapshot)})`, big.retained / entityCount(big.snapshot), 300, fmtPerEntity);
  const baseT = measure('decision, no trace, benchmark size', base.requests, (r) => engineDecide(base.snapshot, r), undefined, `${base.requests.length} requests`);
  const bigT = measure('decision, no trace, 10x', big.requests, (r) => engineDecide(big.snapshot, r), undefined, `${big.requests.length} requests`);
  rows.push(() => {
    const x = bigT.ns() / baseT.ns();
    return { metric: '  ratio 10x / benchmark size', value: `${x.toFixed(2)}x`, target: '<= 1.50x', status: verdict(x, 1.5) };
  });
  // Controls: the same two sizes on floor (b) (typed arrays + id hash), and on a cache-warm hot set.
  const baseDense = buildDenseFloor(encodeSnapshot(base.snapshot));
  const bigDense = buildDenseFloor(encodeSnapshot(big.snapshot));
  await settledHeap();
  const baseFloorT = measure('floor (b), benchmark size', base.requests, (r) => decideByIds(baseDense, r.userId, r.dsId, r.groupId), undefined, 'control');
  const bigFloorT = measure('floor (b), 10x', big.requests, (r) => decideByIds(bigDense, r.userId, r.dsId, r.groupId), undefined, 'control');
  ratio('  ratio floor (b) 10x / benchmark size', bigFloorT, baseFloorT);
  const hotOf = (requests: ReadonlyArray<BenchRequest>): ReadonlyArray<BenchRequest> => requests.map((_, i) => requests[i % HOT_SET]).filter((r): r is BenchRequest => r !== undefined);
  const baseHotT = measure(`no trace, hot set (${HOT_SET} requests cycled), benchmark size`, hotOf(base.requests), (r) => engineDecide(base.snapshot, r), undefined, 'cache-warm');
  const bigHotT = measure(`no trace, hot set (${HOT_SET} requests cycled), 10x`, hotOf(big.requests), (r) => engineDecide(big.snapshot, r), undefined, 'cache-warm');
  ratio('  ratio hot set 10x / benchmark size', bigHotT, baseHotT);
  runTimings();
  printTable(title);
  return 0;
};

/** Heap limit for `--scale` (MiB): the 10x snapshot and its JSON need more than node's default. */
const SCALE_HEAP_MB = 12_288;

const runScale = async (): Promise<number> => {
  if (getHeapStatistics().heap_size_limit >= SCALE_HEAP_MB * 1024 * 1024 * 0.9) return scaleMain();
  const script = process.argv[1] ?? '';
  const child = spawnSync(process.execPath, [`--max-old-space-size=${SCALE_HEAP_MB}`, '--expose-gc', script, ...args], { stdio: 'inherit' });
  return child.status ?? 1;
};

process.exitCode = scale ? await runScale() : await main();
