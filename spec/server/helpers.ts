/**
 * Helpers of the server specs: a server on 127.0.0.1 port 0 over a fresh SQLite file, in this
 * process or as a child process (where restarts and kills matter), and Basic-auth `fetch`.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { parseSnapshot } from '../../src/snapshot/load.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { anyPassword, parsePasswordFile, passwordChecker, type PasswordCheck } from '../../src/server/passwords.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { openStore } from '../../src/server/store.js';
import { startServerChild, type ServerChild } from '../../src/server/child.js';

/** The example snapshot of the gateway's documentation. */
export const gatewaySnapshot = (): Snapshot => {
  const s = parseSnapshot(readFileSync('examples/gateway.json', 'utf8'));
  if (E.isLeft(s)) throw new Error('examples/gateway.json does not load');
  return s.right;
};

/** The checker of examples/passwords.json (`<userName>-demo`). */
export const examplePasswords = (): PasswordCheck => {
  const t = parsePasswordFile(readFileSync('examples/passwords.json', 'utf8'));
  if (E.isLeft(t)) throw new Error(t.left);
  return passwordChecker(t.right);
};

/** A fresh temporary folder. */
export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'srv-spec-'));

/** Options of an in-process server. */
export interface InProcess {
  readonly db?: string;
  readonly follow?: boolean;
  readonly passwords?: PasswordCheck;
  readonly maxBody?: number;
  readonly headersTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
}

/** Starts a server in this process on a fresh (or the given) database; the lines it logs are collected. */
export const startInProcess = async (o: InProcess = {}): Promise<{ readonly server: RunningServer; readonly db: string; readonly auditLog: string; readonly logs: string[] }> => {
  const db = o.db ?? join(tempDir(), 'state.db');
  const store = openStore(db, o.follow === true ? undefined : gatewaySnapshot());
  if (E.isLeft(store)) throw new Error(store.left.message);
  const logs: string[] = [];
  const auditLog = `${db}.${o.follow === true ? 'follower.' : ''}audit.jsonl`;
  const started = await startServer({
    store: store.right,
    follow: o.follow ?? false,
    pollMs: 50,
    passwords: o.passwords ?? anyPassword,
    auditLogPath: auditLog,
    host: '127.0.0.1',
    port: 0,
    maxBody: o.maxBody ?? 1 << 20,
    headersTimeoutMs: o.headersTimeoutMs ?? 10_000,
    requestTimeoutMs: o.requestTimeoutMs ?? 30_000,
    log: (l) => logs.push(l),
  });
  if (E.isLeft(started)) throw new Error(started.left.message);
  return { server: started.right, db, auditLog, logs };
};

/** The Authorization header of `user` with `password`. */
export const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** A response's status and parsed JSON body (`null` when empty). */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
}

/** Sends one request as `user` (password `<user>-demo`) and reads the JSON answer. */
export const call = async (base: string, user: string | null, method: string, path: string, body?: unknown, headers: Readonly<Record<string, string>> = {}): Promise<Reply> => {
  const h: Record<string, string> = { ...headers };
  if (user !== null) h['authorization'] = basic(user, `${user}-demo`);
  if (body !== undefined) h['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, { method, headers: h, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : JSON.parse(text) };
};

/** A server child process and the URL it listens on. */
export type Child = ServerChild;

/** Starts `npm run serve`'s program as a child process (tsx) and waits for its `listening on` line. */
export const startChild = (args: ReadonlyArray<string>): Promise<Child> => startServerChild(args);
