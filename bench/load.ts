/**
 * `npm run load -- [--duration S] [--connections N] [--kill] [--sync full|normal]` (issue 9, item 6): drives the reference
 * server (a child process on 127.0.0.1, over a fresh SQLite file seeded from examples/gateway.json,
 * with the example passwords) with autocannon for a bounded time, with a mix of reads,
 * on-behalf-of reads, shares and unshares; prints throughput, latency percentiles and errors; then
 * checks the database: its tables equal the seed with the committed change log applied in order
 * through the engine, every acknowledged change is in the log (lost 0), and nothing is in the log
 * that was not sent or was answered as a failure (phantom 0).
 *
 * `--kill`: the server is SIGKILLed halfway, the database checked, the server restarted on it and
 * driven for the other half, then everything checked again.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import * as E from 'fp-ts/lib/Either.js';
import { verifyDatabase } from '../src/server/verify.js';
import { startServerChild, type ServerChild } from '../src/server/child.js';

/** How to run the load. */
export interface LoadOptions {
  readonly durationS: number;
  readonly connections: number;
  readonly kill: boolean;
  /** SQLite's synchronous mode for the server (`full` by default). */
  readonly sync?: 'full' | 'normal';
  readonly log: (line: string) => void;
}

/** The figures of one autocannon phase. */
export interface PhaseFigures {
  readonly requests: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  /** Connection errors and timeouts, and answers with a status the request never expects (5xx, 401…). */
  readonly errors: number;
  /** Connection errors and timeouts alone. */
  readonly transportErrors: number;
  /** Answers with a status the request never expects. */
  readonly unexpectedStatuses: number;
  readonly statuses: Readonly<Record<string, number>>;
}

/** What the checks found after a phase or at the end. */
export interface LoadCheck {
  readonly acknowledged: number;
  readonly logged: number;
  readonly lost: number;
  readonly phantom: number;
  readonly consistent: boolean;
  readonly contiguous: boolean;
  readonly notReapplied: number;
}

/** The whole run. */
export interface LoadResult {
  readonly phases: ReadonlyArray<PhaseFigures>;
  readonly afterKill?: LoadCheck;
  /** The change the restarted server said it started at (kill mode). */
  readonly restartedAt?: number;
  readonly final: LoadCheck;
  readonly ok: boolean;
}

const basic = (user: string): string => `Basic ${Buffer.from(`${user}:${user}-demo`).toString('base64')}`;

interface MixEntry {
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  readonly path: string;
  readonly user: string;
  readonly body?: unknown;
  /** Statuses that are right answers (a 404 unshare lost a race with another unshare: a denial, not an error). */
  readonly expected: ReadonlyArray<number>;
}

/** The mix, in the order each connection cycles through it: 6 reads (3 on behalf of), 4 changes. */
const mix: ReadonlyArray<MixEntry> = [
  { method: 'GET', path: '/api/mgmt/datasources/5441/sharedUsers/921', user: 'AdminUser', expected: [200] },
  { method: 'GET', path: '/api/mgmt/datasources/16/permissions?user=ODataUser', user: 'AdminUser', expected: [200] },
  { method: 'PUT', path: '/api/mgmt/datasources/5441/sharedUsers/921', user: 'AdminUser', body: { permissions: [2, 3, 4, 5] }, expected: [200] },
  { method: 'GET', path: '/api/mgmt/permissions', user: 'SQLUser', expected: [200] },
  { method: 'POST', path: '/api/mgmt/datasources/5442/sharedUsers', user: 'AdminUser', body: { sharedUsers: [{ userId: 921, permissions: [2, 5] }] }, expected: [201] },
  { method: 'GET', path: '/api/mgmt/datasources/20/permissions?user=SQLUser', user: 'AdminUser', expected: [200] },
  { method: 'DELETE', path: '/api/mgmt/datasources/5442/sharedUsers/921', user: 'AdminUser', expected: [204, 404] },
  { method: 'GET', path: '/api/mgmt/datasources/13', user: 'SQLUser', expected: [403] },
  { method: 'PUT', path: '/api/mgmt/datasources/5441/sharedUsers/921', user: 'AdminUser', body: { permissions: [2, 3, 5] }, expected: [200] },
  { method: 'GET', path: '/api/mgmt/permissions?user=ODataUser', user: 'AdminUser', expected: [200] },
];

/** What the client saw of the changes it sent: id → status (undefined: sent, never answered). */
type Answers = Map<string, number | undefined>;

/** Starts the server child on a free port and waits for its `listening on` line. */
const startServer = (db: string, seed: boolean, sync: 'full' | 'normal'): Promise<ServerChild> =>
  startServerChild(['--port', '0', '--db', db, '--passwords', 'examples/passwords.json', '--sync', sync, ...(seed ? ['--snapshot', 'examples/gateway.json'] : [])]);

/** One request per user of the mix before the clock starts: the scrypt check of each password is done once (D-SRV-3). */
const warmUp = async (url: string): Promise<void> => {
  for (const user of new Set(mix.map((m) => m.user))) await fetch(`${url}/api/mgmt/permissions`, { headers: { authorization: basic(user) } }).then((r) => r.text());
};

/** One autocannon phase against `url`; `stopAfterMs` stops it early (for the kill). */
const phase = async (url: string, o: LoadOptions, durationS: number, answers: Answers, tag: string, onHalf?: () => void): Promise<PhaseFigures> => {
  const current = new WeakMap<object, string>();
  let counter = 0;
  let unexpected = 0;
  const requests = mix.map((m) => {
    const isChange = m.method !== 'GET';
    return {
      method: m.method,
      path: m.path,
      headers: { authorization: basic(m.user), 'content-type': 'application/json' },
      ...(m.body === undefined ? {} : { body: JSON.stringify(m.body) }),
      ...(isChange
        ? {
            setupRequest: (req: autocannon.Request, context: object): autocannon.Request => {
              counter += 1;
              const id = `${tag}-${counter}`;
              current.set(context, id);
              answers.set(id, undefined);
              return { ...req, headers: { ...req.headers, 'x-request-id': id } };
            },
          }
        : {}),
      onResponse: (status: number, _body: string, context: object): void => {
        if (!m.expected.includes(status)) unexpected += 1;
        const id = isChange ? current.get(context) : undefined;
        if (id !== undefined) answers.set(id, status);
      },
    };
  });
  let instance: autocannon.Instance | undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon({ url, connections: o.connections, duration: durationS, requests }, (err, result) => (err === null || err === undefined ? resolve(result) : reject(err)));
  });
  let timer: NodeJS.Timeout | undefined;
  if (onHalf !== undefined) {
    timer = setTimeout(() => {
      onHalf();
      instance?.stop();
    }, (durationS * 1000) / 2);
  }
  const result = await done;
  if (timer !== undefined) clearTimeout(timer);
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = stat.count ?? 0;
  return {
    requests: result.requests.total,
    perSecond: Math.round(result.requests.total / Math.max(result.duration, 0.001)),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + unexpected,
    transportErrors: result.errors,
    unexpectedStatuses: unexpected,
    statuses,
  };
};

/** The checks of the database against what the client saw. */
const check = (db: string, answers: Answers): LoadCheck => {
  const v = verifyDatabase(db);
  if (E.isLeft(v)) throw new Error(`cannot check the database: ${v.left}`);
  const logged = new Set(v.right.requestIds);
  const acknowledged = [...answers.entries()].filter(([, s]) => s !== undefined && s >= 200 && s < 300).map(([id]) => id);
  const lost = acknowledged.filter((id) => !logged.has(id)).length;
  // in the log but never sent, or answered as not done
  const phantom = v.right.requestIds.filter((id) => {
    if (id === null || !answers.has(id)) return true;
    const s = answers.get(id);
    return s !== undefined && (s < 200 || s >= 300);
  }).length;
  return { acknowledged: acknowledged.length, logged: v.right.logged, lost, phantom, consistent: v.right.consistent, contiguous: v.right.contiguous, notReapplied: v.right.notReapplied.length };
};

const checkOk = (c: LoadCheck): boolean => c.lost === 0 && c.phantom === 0 && c.consistent && c.contiguous && c.notReapplied === 0 && c.acknowledged <= c.logged;

const describePhase = (name: string, p: PhaseFigures): string =>
  `${name}: ${p.requests} requests, ${p.perSecond} req/s, latency p50 ${p.p50} ms, p99 ${p.p99} ms, errors ${p.errors} (connection ${p.transportErrors}, unexpected status ${p.unexpectedStatuses}), statuses ${JSON.stringify(p.statuses)}`;
const describeCheck = (name: string, c: LoadCheck): string =>
  `${name}: acknowledged changes ${c.acknowledged} ≤ logged ${c.logged}; lost ${c.lost}; phantom ${c.phantom}; tables = seed + replayed log: ${c.consistent ? 'yes' : 'NO'}; log contiguous: ${c.contiguous ? 'yes' : 'NO'}; entries that did not re-apply: ${c.notReapplied}`;

/** Runs the load and its checks. */
export const runLoad = async (o: LoadOptions): Promise<LoadResult> => {
  const db = join(mkdtempSync(join(tmpdir(), 'datasource-authz-load-')), 'state.db');
  const answers: Answers = new Map();
  const first = await startServer(db, true, o.sync ?? 'full');
  o.log(`server ${first.url}, database ${db}, ${o.connections} connections, ${o.durationS} s${o.kill ? ', SIGKILL halfway' : ''}, synchronous ${o.sync ?? 'full'}`);
  if (!o.kill) {
    await warmUp(first.url);
    const p = await phase(first.url, o, o.durationS, answers, 'a');
    o.log(describePhase('load', p));
    first.child.kill('SIGTERM');
    await first.exited;
    const final = check(db, answers);
    o.log(describeCheck('check', final));
    return { phases: [p], final, ok: checkOk(final) && p.errors === 0 };
  }
  await warmUp(first.url);
  const before = await phase(first.url, o, o.durationS, answers, 'a', () => first.child.kill('SIGKILL'));
  await first.exited;
  o.log(describePhase('before the kill (connection errors at the kill are expected)', before));
  const afterKill = check(db, answers);
  o.log(describeCheck('after SIGKILL', afterKill));
  const second = await startServer(db, false, o.sync ?? 'full');
  const at = /at change (\d+)/.exec(second.stderr());
  const restartedAt = at?.[1] === undefined ? -1 : Number(at[1]);
  o.log(`restarted: ${second.url}, the server starts at change ${restartedAt} (logged ${afterKill.logged})`);
  await warmUp(second.url);
  const after = await phase(second.url, o, Math.max(1, Math.round(o.durationS / 2)), answers, 'b');
  o.log(describePhase('after the restart', after));
  second.child.kill('SIGTERM');
  await second.exited;
  const final = check(db, answers);
  o.log(describeCheck('final check', final));
  return { phases: [before, after], afterKill, restartedAt, final, ok: checkOk(afterKill) && checkOk(final) && restartedAt === afterKill.logged && after.errors === 0 };
};

/** The flags of the command line. */
const parseFlags = (argv: ReadonlyArray<string>): LoadOptions | string => {
  let durationS = 10;
  let connections = 50;
  let kill = false;
  let sync: 'full' | 'normal' = 'full';
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const next = Number(argv[i + 1]);
    if (a === '--kill') kill = true;
    else if (a === '--sync' && (argv[i + 1] === 'full' || argv[i + 1] === 'normal')) {
      sync = argv[i + 1] === 'normal' ? 'normal' : 'full';
      i += 1;
    }
    else if (a === '--duration' && Number.isInteger(next) && next > 0 && next <= 600) {
      durationS = next;
      i += 1;
    } else if (a === '--connections' && Number.isInteger(next) && next > 0 && next <= 10_000) {
      connections = next;
      i += 1;
    } else return `unknown or bad argument \`${String(a)}\`; usage: npm run load -- [--duration S (1–600, default 10)] [--connections N (default 50)] [--kill] [--sync full|normal]`;
  }
  return { durationS, connections, kill, sync, log: (l) => process.stdout.write(`${l}\n`) };
};

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '\0')) {
  const flags = parseFlags(process.argv.slice(2));
  if (typeof flags === 'string') {
    process.stderr.write(`${flags}\n`);
    process.exit(2);
  }
  const result = await runLoad(flags);
  process.stdout.write(`${result.ok ? 'OK' : 'FAILED'}: lost ${result.final.lost}, phantom ${result.final.phantom}\n`);
  process.exit(result.ok ? 0 : 1);
}
