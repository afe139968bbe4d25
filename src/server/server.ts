/**
 * The reference server (issue 9, item 1) on `node:http`: HTTP Basic authentication of the actor,
 * every `/api/mgmt/…` and `/api/admin/…` request decided (and, when allowed and a change, applied)
 * by the engine, the client view of each decision sent back (R-REQ-3: never the trace), changes
 * committed to the SQLite store with their decision record, read decisions appended to a
 * JSON-lines audit log, AuthZEN paths handed to `authzen`.
 *
 * Requests are handled one at a time between `await`s: deciding, applying and committing are
 * synchronous (better-sqlite3), so two changes never interleave and the in-memory snapshot is
 * always the state of the last committed change (INVARIANT (memory = last commit)).
 * A follower (`follow: true`) never writes: it polls the change log by sequence number and
 * re-applies each entry (D-SRV-4); a request that would change state gets 503.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as E from 'fp-ts/lib/Either.js';
import { empty as emptyPermissions } from '../catalog/permissionSet.js';
import { parseJsonText } from '../codec/json.js';
import { decodeRequest, type HttpRequestJson } from '../codec/request.js';
import { userByName, type Snapshot, type User } from '../model/snapshot.js';
import { clientAnswer } from '../decide/clientAnswer.js';
import type { Decision, ErrorEnvelope, Json } from '../decide/decision.js';
import { engineError } from '../decide/errors.js';
import { applyHttp } from '../transition/apply.js';
import { decisionRecord, snapshotHash } from '../audit/record.js';
import { authzen, isAuthzenPath } from '../embed/authzen.js';
import type { PasswordCheck } from './passwords.js';
import { entityJson, type Store } from './store.js';

/** How to run a server. */
export interface ServerOptions {
  readonly store: Store;
  /** Follow the change log of a database another server writes (read-only). */
  readonly follow: boolean;
  readonly pollMs: number;
  readonly passwords: PasswordCheck;
  readonly auditLogPath: string;
  readonly host: string;
  readonly port: number;
  readonly maxBody: number;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  /** Where the server reports what it does (stderr in `main`). */
  readonly log: (line: string) => void;
}

/** A running server. */
export interface RunningServer {
  /** `http://host:port`. */
  readonly url: string;
  readonly port: number;
  /** The sequence number of the last change in memory. */
  readonly seq: () => number;
  /** The snapshot the server decides on now. */
  readonly snapshot: () => Snapshot;
  /** Graceful shutdown: stop accepting, finish in-flight requests, close the log and the database. */
  readonly close: () => Promise<void>;
}

/** Why a server did not start. */
export interface StartError {
  readonly _tag: 'StartError';
  readonly message: string;
}

/** Request fields redacted in records and in the change log (D-SRV-2). */
export const REDACTED_FIELDS: ReadonlyArray<string> = ['body.password', 'body.newPassword', 'body.oldPassword'];

/** The header a client may set to name its request (kept in the change log; the load check uses it). */
export const REQUEST_ID_HEADER = 'x-request-id';

/** The caller of an unauthenticated discovery request (no permissions, inactive). */
const anonymous: User = {
  id: 0,
  userName: '',
  tenantId: 0,
  status: 0,
  accountLocked: false,
  active: false,
  roles: [],
  explicitPermissions: emptyPermissions,
  permissions: emptyPermissions,
  tenantsAdministered: [],
  administers: new Set(),
  isAdministrator: false,
};

/** A JSON answer. */
interface Answer {
  readonly status: number;
  readonly body: Json | ErrorEnvelope;
  readonly headers?: Readonly<Record<string, string>>;
}

const envelope = (status: number, message: string, headers?: Readonly<Record<string, string>>): Answer => {
  const base = { status, body: engineError(status, message) };
  return headers === undefined ? base : { ...base, headers };
};

const unauthorized = (message: string): Answer => envelope(401, message, { 'www-authenticate': 'Basic realm="datasource-authz", charset="UTF-8"' });

/** The Basic credentials of a request, or a reason they are missing. */
const basicCredentials = (header: string | undefined): E.Either<string, { readonly user: string; readonly password: string }> => {
  if (header === undefined) return E.left('authentication required (HTTP Basic)');
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (m === null || m[1] === undefined) return E.left('malformed Authorization header: expected `Basic <base64(user:password)>`');
  const text = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0) return E.left('malformed Basic credentials: expected `user:password`');
  return E.right({ user: text.slice(0, colon), password: text.slice(colon + 1) });
};

/** The body text of a request, or `null` when it exceeds `max` bytes. */
const readBody = (req: IncomingMessage, max: number): Promise<string | null> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > max) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });

/** The path of a request URL (without the query). */
const pathOf = (url: string): string => {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
};

/** Whether the engine decides this path (the management and administration APIs). */
const isEnginePath = (path: string): boolean => /^\/api\/(mgmt|admin)(\/|$)/.test(path);

/** Starts a server; resolves once it listens. */
export const startServer = async (options: ServerOptions): Promise<E.Either<StartError, RunningServer>> => {
  const { store } = options;
  const initial = store.readState();
  if (E.isLeft(initial)) return E.left({ _tag: 'StartError', message: initial.left.message });
  let snapshot = initial.right.snapshot;
  let seq = initial.right.seq;
  const hashes = new WeakMap<Snapshot, string>();
  const hashOf = (s: Snapshot): string => {
    const known = hashes.get(s);
    if (known !== undefined) return known;
    const h = snapshotHash(s);
    hashes.set(s, h);
    return h;
  };
  const audit: WriteStream = createWriteStream(options.auditLogPath, { flags: 'a' });
  let auditBroken = false;
  audit.on('error', (e) => {
    if (!auditBroken) options.log(`audit log \`${options.auditLogPath}\` failed: ${e.message}`);
    auditBroken = true;
  });
  let closing = false;
  let baseUrl = '';

  /** The follower's catch-up: re-apply every new entry of the change log in order; reload on anything unexpected. */
  const catchUp = (): void => {
    const entries = store.changesAfter(seq);
    if (E.isLeft(entries)) {
      options.log(`follow: cannot read the change log: ${entries.left.message}`);
      return;
    }
    let s = snapshot;
    let at = seq;
    for (const entry of entries.right) {
      const json = parseJsonText(entry.request);
      const request = E.isRight(json) ? decodeRequest(json.right) : undefined;
      const applied = entry.seq === at + 1 && request !== undefined && E.isRight(request) && request.right._tag === 'Http' ? applyHttp(s, request.right.request, { trace: false }) : undefined;
      if (applied === undefined || applied.snapshot === s) {
        // a gap or an entry that does not re-apply: read the whole state instead (D-SRV-4)
        const state = store.readState();
        if (E.isLeft(state)) {
          options.log(`follow: cannot reload the state: ${state.left.message}`);
          return;
        }
        snapshot = state.right.snapshot;
        seq = state.right.seq;
        return;
      }
      s = applied.snapshot;
      at = entry.seq;
    }
    snapshot = s;
    seq = at;
  };
  const timer = options.follow ? setInterval(catchUp, options.pollMs) : undefined;

  /** A plain JSON value (what the snapshot's entity encoders produce) as `Json`; anything else (never produced) as null. */
  const toJson = (u: unknown): Json => {
    if (u === null || typeof u === 'boolean' || typeof u === 'number' || typeof u === 'string') return u;
    if (Array.isArray(u)) return u.map((x: unknown) => toJson(x));
    if (typeof u === 'object') return Object.fromEntries(Object.entries(u).map(([k, v]) => [k, toJson(v)]));
    return null;
  };

  /** D-SRV-7: a 201 answers with the created entity as the new state holds it (the gateway's create responses carry it); nothing otherwise. */
  const createdBody = (decision: Decision, after: Snapshot): Json => {
    if (decision.decision !== 'allow' || decision.status !== 201) return null;
    const made = (decision.changes ?? []).find((c) => c._tag === 'Created');
    if (made === undefined || made._tag !== 'Created') return null;
    const json = entityJson(after, made.kind, made.id);
    return json === undefined ? null : toJson(json);
  };

  /** Decides (and, when allowed and a change, commits) one engine request. */
  const engine = (actor: string, req: IncomingMessage, body: unknown): Answer => {
    const request: HttpRequestJson = { actor, method: req.method ?? 'GET', url: req.url ?? '/', body };
    if (options.follow) catchUp();
    const before = snapshot;
    const result = applyHttp(before, request);
    const answer = clientAnswer(result.decision);
    const record = decisionRecord(result.decision, request, { snapshotHash: hashOf(before), redact: REDACTED_FIELDS });
    if (result.snapshot === before) {
      if (!auditBroken) audit.write(`${JSON.stringify(record)}\n`);
      return { status: answer.status, body: answer.body };
    }
    if (options.follow) return envelope(503, `this server follows the change log of another server and makes no changes: send changes to the writing server (nothing was changed)`);
    const requestId = req.headers[REQUEST_ID_HEADER];
    const committed = store.commit(seq, before, result.snapshot, {
      requestId: typeof requestId === 'string' ? requestId : null,
      record: JSON.stringify(record),
      request: JSON.stringify(record.request),
    });
    if (E.isLeft(committed)) {
      options.log(`commit failed: ${committed.left.message}`);
      if (committed.left._tag === 'OtherWriter') {
        const state = store.readState();
        if (E.isRight(state)) {
          snapshot = state.right.snapshot;
          seq = state.right.seq;
        }
      }
      return envelope(503, 'the change could not be committed (nothing was changed); try again');
    }
    snapshot = result.snapshot;
    seq = committed.right;
    return { status: answer.status, body: answer.body ?? createdBody(result.decision, result.snapshot) };
  };

  const send = (res: ServerResponse, answer: Answer): void => {
    const text = answer.body === null ? '' : JSON.stringify(answer.body);
    const headers: Record<string, string | number> = { ...(answer.headers ?? {}) };
    if (text !== '') headers['content-type'] = 'application/json; charset=utf-8';
    headers['content-length'] = Buffer.byteLength(text);
    if (closing) headers['connection'] = 'close';
    res.writeHead(answer.status, headers);
    res.end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<Answer> => {
    const url = req.url ?? '/';
    const path = pathOf(url);
    const authzenPath = isAuthzenPath(path);
    if (!authzenPath && !isEnginePath(path)) return envelope(404, `no such endpoint \`${path.length > 200 ? `${path.slice(0, 200)}…` : path}\``);
    const declared = Number(req.headers['content-length'] ?? '0');
    if (Number.isFinite(declared) && declared > options.maxBody) {
      res.setHeader('connection', 'close');
      return envelope(413, `the request body exceeds the limit of ${options.maxBody} bytes`);
    }
    const text = await readBody(req, options.maxBody);
    if (text === null) {
      res.setHeader('connection', 'close');
      return envelope(413, `the request body exceeds the limit of ${options.maxBody} bytes`);
    }
    let body: unknown = null;
    if (text.trim() !== '') {
      const parsed = parseJsonText(text, '$.body');
      if (E.isLeft(parsed)) {
        const detail = parsed.left.problems.map((p) => (parsed.left._tag === 'DuplicateKeys' ? `\`${p.path}\`` : p.message)).join(', ');
        return envelope(400, parsed.left._tag === 'DuplicateKeys' ? `ambiguous JSON body: duplicate keys at ${detail}` : `malformed JSON body: ${detail}`);
      }
      body = parsed.right;
    }
    const discovery = path === '/.well-known/authzen-configuration';
    const credentials = basicCredentials(req.headers.authorization);
    if (E.isLeft(credentials) && discovery) {
      const answer = authzen(snapshot, { caller: anonymous, baseUrl, method: req.method ?? 'GET', path, body });
      return { status: answer.status, body: answer.body };
    }
    if (E.isLeft(credentials)) return unauthorized(credentials.left);
    const passwordOk = await options.passwords(credentials.right.user, credentials.right.password);
    const caller = userByName(snapshot, credentials.right.user);
    if (!passwordOk || caller === undefined) return unauthorized('the user name or the password is not right');
    if (authzenPath) {
      if (options.follow) catchUp();
      const answer = authzen(snapshot, { caller, baseUrl, method: req.method ?? 'GET', path, body });
      return { status: answer.status, body: answer.body };
    }
    return engine(credentials.right.user, req, body);
  };

  const server: Server = createServer(
    {
      headersTimeout: options.headersTimeoutMs,
      requestTimeout: options.requestTimeoutMs,
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(options.headersTimeoutMs / 2))),
      keepAliveTimeout: 5000,
    },
    (req, res) => {
      handle(req, res).then(
        (answer) => {
          send(res, answer);
          if (answer.status === 413) res.on('finish', () => req.destroy());
        },
        (e: unknown) => {
          options.log(`request failed: ${e instanceof Error ? e.message : String(e)}`);
          if (!res.headersSent) send(res, envelope(500, 'internal error'));
          else res.destroy();
        },
      );
    },
  );
  server.on('clientError', (err, socket) => {
    // malformed requests and timeouts (node answers 400/408 itself when it can)
    if (socket.writable) socket.end(`HTTP/1.1 ${'code' in err && err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request'}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    else socket.destroy();
  });

  const listening = await new Promise<E.Either<StartError, AddressInfo>>((resolve) => {
    server.once('error', (e) => resolve(E.left({ _tag: 'StartError', message: `cannot listen on ${options.host}:${options.port}: ${e.message}` })));
    server.listen(options.port, options.host, () => {
      const address = server.address();
      resolve(address !== null && typeof address === 'object' ? E.right(address) : E.left({ _tag: 'StartError', message: 'no address' }));
    });
  });
  if (E.isLeft(listening)) {
    if (timer !== undefined) clearInterval(timer);
    audit.end();
    return listening;
  }
  const host = listening.right.family === 'IPv6' ? `[${listening.right.address}]` : listening.right.address;
  baseUrl = `http://${host}:${listening.right.port}`;

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    if (closed !== undefined) return closed;
    closing = true;
    if (timer !== undefined) clearInterval(timer);
    closed = new Promise<void>((resolve) => {
      const force = setTimeout(() => server.closeAllConnections(), 10_000);
      server.close(() => {
        clearTimeout(force);
        audit.end(() => {
          store.close();
          resolve();
        });
      });
      server.closeIdleConnections();
    });
    return closed;
  };

  return E.right({ url: baseUrl, port: listening.right.port, seq: () => seq, snapshot: () => snapshot, close });
};
