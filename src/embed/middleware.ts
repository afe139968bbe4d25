/**
 * Embedding in a Node server: `toEngineRequest` turns a Node request (anything shaped like
 * `http.IncomingMessage`: Express, Fastify's raw request, plain `node:http`) into the engine's
 * HTTP request, and `authorizationMiddleware` is a connect-style `(req, res, next)` middleware
 * built on it (Express, Fastify with `@fastify/middie`, connect). Framework-neutral: this file
 * imports no framework and no `node:` module; it only reads the fields it names and, for a
 * denial, writes the status, a JSON header and the body through the response object it is given.
 *
 * Invariants: a caller only ever receives the client view of a decision (`clientAnswer`, R-REQ-3),
 * never the trace or the auditor's reason; an allowed request goes on (`next()`) with its decision
 * attached; the middleware never throws for a bad request (a request it cannot read is answered
 * 400 or 401 with the gateway's error envelope).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ActorRef, HttpRequestJson } from '../codec/request.js';
import { clientAnswer, type ClientAnswer } from '../decide/clientAnswer.js';
import { errorEnvelope, type Decision } from '../decide/decision.js';
import { engineCode } from '../decide/errors.js';
import { decideHttp } from '../decide/http.js';
import type { Snapshot } from '../model/snapshot.js';

/** The fields of a Node request the conversion reads (`http.IncomingMessage` has them all). */
export interface NodeRequestLike {
  readonly method?: string | undefined;
  /** The request target; a framework may strip a mount prefix from it (then `originalUrl` is used). */
  readonly url?: string | undefined;
  /** Express and middie keep the full target here when a middleware is mounted under a prefix. */
  readonly originalUrl?: string | undefined;
  readonly headers?: Readonly<Record<string, string | ReadonlyArray<string> | undefined>> | undefined;
}

/** The fields of a Node response the middleware writes (`http.ServerResponse` has them all). */
export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
  /** Express's per-response locals: an allowed decision is put at `locals.authzDecision`. */
  readonly locals?: Record<string, unknown> | undefined;
}

/** Who is asking, as the engine names actors (a user name or `{id}`); `undefined` when the request is not authenticated. */
export type ActorOf<Req extends NodeRequestLike = NodeRequestLike> = (req: Req) => ActorRef | undefined;

/** Why a Node request could not be turned into an engine request. */
export type ToEngineError =
  | { readonly _tag: 'NoActor' }
  | { readonly _tag: 'NoMethod' }
  | { readonly _tag: 'NoUrl' };

/** Options of `toEngineRequest`: who the actor is, and the parsed body (absent: no body). */
export interface ToEngineOptions<Req extends NodeRequestLike = NodeRequestLike> {
  readonly actor: ActorOf<Req>;
  readonly body?: unknown;
}

/**
 * A Node request as the engine's HTTP request: the method, the request target as `url` (the full
 * target: `originalUrl` when a framework stripped a mount prefix; the engine splits it into path
 * and query with its own parser, so a repeated `?user=` is still refused, R-OBO-1), the parsed
 * body, and the actor from the caller's function (D-PKG-5).
 */
export const toEngineRequest = <Req extends NodeRequestLike>(req: Req, options: ToEngineOptions<Req>): E.Either<ToEngineError, HttpRequestJson> => {
  const method = req.method;
  if (method === undefined || method === '') return E.left({ _tag: 'NoMethod' });
  const target = req.originalUrl ?? req.url;
  if (target === undefined || target === '') return E.left({ _tag: 'NoUrl' });
  const actor = options.actor(req);
  if (actor === undefined) return E.left({ _tag: 'NoActor' });
  const base = { actor, method: method.toUpperCase(), url: target };
  return E.right(options.body === undefined ? base : { ...base, body: options.body });
};

/** The client's answer to a request that could not be read (401 without an actor, else 400), in the gateway's error envelope. */
export const unreadableAnswer = (error: ToEngineError): ClientAnswer => {
  switch (error._tag) {
    case 'NoActor':
      return { status: 401, body: errorEnvelope(engineCode(401), 'authentication required') };
    case 'NoMethod':
      return { status: 400, body: errorEnvelope(engineCode(400), 'the request has no method') };
    case 'NoUrl':
      return { status: 400, body: errorEnvelope(engineCode(400), 'the request has no target') };
  }
};

/** The key under which the middleware attaches an allowed decision to the request (`req[decisionKey]`). */
export const decisionKey: unique symbol = Symbol.for('datasource-authz.decision');

/** The decision the middleware attached to an allowed request, if any. */
export const decisionOf = (req: object): Decision | undefined => {
  const value: unknown = Reflect.get(req, decisionKey);
  return isDecision(value) ? value : undefined;
};

const isDecision = (value: unknown): value is Decision =>
  typeof value === 'object' && value !== null && 'decision' in value && (value.decision === 'allow' || value.decision === 'deny');

/** Options of `authorizationMiddleware`. */
export interface MiddlewareOptions<Req extends NodeRequestLike = NodeRequestLike> {
  /** The snapshot to decide on, read at every request (so a server can swap in a new one). */
  readonly snapshot: () => Snapshot;
  /** Who is asking (after the server's own authentication); `undefined` answers 401. */
  readonly actor: ActorOf<Req>;
  /** The parsed body; by default `req.body` when the framework parsed one (Express `json()`, Fastify with middie's `preHandler` hook). */
  readonly body?: (req: Req) => unknown;
  /** Sees every decision, allowed or denied, with its trace: the place for the audit log. */
  readonly onDecision?: (decision: Decision, req: Req) => void;
  /** Build the trace (default true; `false` is the fast path and the decision's trace is empty). */
  readonly trace?: boolean;
}

/** A connect-style middleware. */
export type Middleware<Req extends NodeRequestLike = NodeRequestLike, Res extends NodeResponseLike = NodeResponseLike> = (
  req: Req,
  res: Res,
  next: (error?: unknown) => void,
) => void;

const bodyOf = (req: NodeRequestLike): unknown => Reflect.get(req, 'body');

/** Writes a client answer as JSON (a `null` body: no content). */
const send = (res: NodeResponseLike, answer: ClientAnswer): void => {
  res.statusCode = answer.status;
  if (answer.body === null) {
    res.end();
    return;
  }
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(answer.body));
};

/**
 * A connect-style middleware that decides every request it sees with the engine (`decideHttp` on
 * the current snapshot). A denial is answered with the client view (`clientAnswer`: the status
 * and the gateway's error envelope; never the trace, R-REQ-3) and the chain stops; an allowed
 * request goes on with `next()`, its decision at `req[decisionKey]` (see `decisionOf`) and, in
 * Express, at `res.locals.authzDecision`. Mount it where the management API is (`/api`).
 */
export const authorizationMiddleware = <Req extends NodeRequestLike = NodeRequestLike, Res extends NodeResponseLike = NodeResponseLike>(
  options: MiddlewareOptions<Req>,
): Middleware<Req, Res> =>
  (req, res, next) => {
    const body = options.body === undefined ? bodyOf(req) : options.body(req);
    const request = toEngineRequest(req, body === undefined ? { actor: options.actor } : { actor: options.actor, body });
    if (E.isLeft(request)) {
      send(res, unreadableAnswer(request.left));
      return;
    }
    const decision = decideHttp(options.snapshot(), request.right, { trace: options.trace !== false });
    options.onDecision?.(decision, req);
    if (decision.decision === 'deny') {
      send(res, clientAnswer(decision));
      return;
    }
    Reflect.set(req, decisionKey, decision);
    if (res.locals !== undefined) res.locals['authzDecision'] = decision;
    next();
  };
