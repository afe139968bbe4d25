/**
 * The reference server as a child process (issue 9, item 1): a restart finds the committed state,
 * a SIGKILL in the middle of writes loses nothing committed and shows nothing uncommitted, SIGTERM
 * shuts down cleanly, and a second process follows the first on the same database file.
 */
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyDatabase } from '../../src/server/verify.js';
import { call, startChild, tempDir, type Child } from './helpers.js';

const children: Child[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
});
const spawnServer = async (args: ReadonlyArray<string>): Promise<Child> => {
  const c = await startChild(['--port', '0', '--insecure-any-password', ...args]);
  children.push(c);
  return c;
};
const share = (u: string, set: ReadonlyArray<number>, id?: string): ReturnType<typeof call> =>
  call(u, 'AdminUser', 'PUT', '/api/mgmt/datasources/5441/sharedUsers/921', { permissions: set }, id === undefined ? {} : { 'x-request-id': id });
const readShare = async (u: string): Promise<unknown> => (await call(u, 'AdminUser', 'GET', '/api/mgmt/datasources/5441/sharedUsers/921')).body;

describe('restart', () => {
  it('SIGTERM exits 0, and a restart on the same database (no --snapshot) finds the committed state', async () => {
    const db = join(tempDir(), 'state.db');
    const first = await spawnServer(['--snapshot', 'examples/gateway.json', '--db', db]);
    expect(first.stderr()).toContain('WARNING: --insecure-any-password');
    expect((await share(first.url, [2, 3, 4, 5])).status).toBe(200);
    expect((await call(first.url, 'AdminUser', 'POST', '/api/mgmt/datasources?user=ODataUser', { name: 'n' })).status).toBe(201);
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    const second = await spawnServer(['--db', db]);
    expect(await readShare(second.url)).toEqual({ permissions: [2, 3, 4, 5] });
    expect((await call(second.url, 'AdminUser', 'GET', '/api/mgmt/datasources/5443/permissions?user=ODataUser')).body).toEqual({ permissions: [7] });
    expect(second.stderr()).toContain('at change 2');
  });

  it('SIGKILL in the middle of writes: every acknowledged change is in the log, no change appears that was not sent, the tables equal the replayed log', async () => {
    const db = join(tempDir(), 'state.db');
    const server = await spawnServer(['--snapshot', 'examples/gateway.json', '--db', db]);
    const sets = [[2, 3, 5], [2, 3, 4, 5], [2, 5], [2, 3]];
    const acknowledged = new Set<string>();
    const sent = new Map<string, ReadonlyArray<number>>();
    let n = 0;
    let killed = false;
    const worker = async (w: number): Promise<void> => {
      while (!killed) {
        const id = `w${w}-${n}`;
        n += 1;
        const set = sets[n % sets.length] ?? [2];
        sent.set(id, set);
        try {
          const r = await share(server.url, set, id);
          if (r.status === 200) acknowledged.add(id);
          if (acknowledged.size >= 40 && !killed) {
            killed = true;
            server.child.kill('SIGKILL');
          }
        } catch {
          return; // the connection died with the server
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, (_, w) => worker(w)));
    expect((await server.exited).signal).toBe('SIGKILL');
    const v = verifyDatabase(db);
    if (E.isLeft(v)) throw new Error(v.left);
    const logged = new Set(v.right.requestIds);
    expect(v.right.consistent).toBe(true);
    expect(v.right.contiguous).toBe(true);
    expect(v.right.notReapplied).toEqual([]);
    expect([...acknowledged].filter((id) => !logged.has(id))).toEqual([]); // lost
    expect([...logged].filter((id) => id === null || !sent.has(id))).toEqual([]); // phantom
    expect(v.right.logged).toBeGreaterThanOrEqual(acknowledged.size);
    // the restarted server decides on the last committed change
    const again = await spawnServer(['--db', db]);
    expect(again.stderr()).toContain(`at change ${v.right.logged}`);
    const last = v.right.requestIds.at(-1);
    expect(await readShare(again.url)).toEqual({ permissions: sent.get(last ?? '') });
  });
});

describe('two processes on one database file', () => {
  it('the follower decides on the writer’s changes within a bounded delay and refuses changes with 503', async () => {
    const db = join(tempDir(), 'state.db');
    const writer = await spawnServer(['--snapshot', 'examples/gateway.json', '--db', db]);
    const follower = await spawnServer(['--db', db, '--follow', '--poll-ms', '50']);
    expect(await readShare(follower.url)).toEqual({ permissions: [2, 3, 5] });
    expect((await share(writer.url, [2, 3, 4, 5])).status).toBe(200);
    // wait (at most 5 s, 100 polls) for the follower to catch up; a bound, not a timing assertion
    let seen: unknown = null;
    for (let i = 0; i < 100; i += 1) {
      seen = await readShare(follower.url);
      if (JSON.stringify(seen) === JSON.stringify({ permissions: [2, 3, 4, 5] })) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen).toEqual({ permissions: [2, 3, 4, 5] });
    const refused = await share(follower.url, [2]);
    expect(refused.status).toBe(503);
    expect(JSON.stringify(refused.body)).toContain('follows the change log');
    expect(await readShare(writer.url)).toEqual({ permissions: [2, 3, 4, 5] });
    // a denied request is answered by the follower like by the writer
    expect((await call(follower.url, 'SQLUser', 'GET', '/api/mgmt/datasources/13')).status).toBe(403);
  });
});
