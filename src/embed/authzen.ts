/**
 * The OpenID AuthZEN Authorization API 1.0 over the engine (issue 9, item 2): evaluation,
 * evaluations, the search endpoints (backed by the audit queries) and the discovery metadata.
 * Pure: a parsed request in, a status and a JSON body out; the server does the HTTP.
 * The mapping is documented in docs/authzen.md; its choices are D-ZEN-1 … in docs/decisions.md.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Snapshot, User } from '../model/snapshot.js';
import type { Json } from '../decide/decision.js';
import type { Problem } from '../codec/problem.js';
import { decodeEvaluation, decodeEvaluations, decodeSearch, type Evaluation, type SearchKind, type Semantic } from './authzen/codec.js';
import { evaluate, evaluationProblems, type AuthzenDecision } from './authzen/evaluate.js';
import { searchActions, searchResources, searchSubjects, type SearchAnswer, type SearchRefusal } from './authzen/search.js';

/** An AuthZEN request as the server hands it over: the authenticated caller, the method, path and parsed JSON body. */
export interface AuthzenRequest {
  readonly caller: User;
  /** The server's own base URL (`http://127.0.0.1:8080`), for the discovery metadata. */
  readonly baseUrl: string;
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

/** What the server sends back. */
export interface AuthzenResponse {
  readonly status: number;
  readonly body: Json;
}

/** The path of the discovery metadata. */
export const AUTHZEN_CONFIGURATION_PATH = '/.well-known/authzen-configuration';

/** The endpoints of the HTTPS binding, by metadata parameter. */
export const authzenEndpoints = {
  access_evaluation_endpoint: '/access/v1/evaluation',
  access_evaluations_endpoint: '/access/v1/evaluations',
  search_subject_endpoint: '/access/v1/search/subject',
  search_resource_endpoint: '/access/v1/search/resource',
  search_action_endpoint: '/access/v1/search/action',
} as const;

/** Whether a path belongs to the AuthZEN API (the server routes these to `authzen`). */
export const isAuthzenPath = (path: string): boolean => path === '/.well-known/authzen-configuration' || path.startsWith('/access/v1/');

/** The discovery metadata (AuthZEN §Policy Decision Point Metadata): `policy_decision_point` is the server's base URL. */
export const authzenMetadata = (baseUrl: string): { readonly [key: string]: Json } => {
  const base = baseUrl.replace(/\/+$/, '');
  return { policy_decision_point: base, ...Object.fromEntries(Object.entries(authzenEndpoints).map(([k, p]) => [k, `${base}${p}`])) };
};

const error = (status: number, message: string, problems?: ReadonlyArray<Problem>): AuthzenResponse => ({
  status,
  body: problems === undefined ? { error: message } : { error: message, problems: problems.map((p) => ({ path: p.path, message: p.message })) },
});

const badRequest = (problems: ReadonlyArray<Problem>): AuthzenResponse => error(400, `bad request: ${problems.length} problem${problems.length === 1 ? '' : 's'}`, problems);

const decisionJson = (d: AuthzenDecision): Json => ({ decision: d.decision, context: d.context });

/** One item of an evaluations answer: the decision, or the item's error (decision false, `context.error`). */
const itemJson = (snapshot: Snapshot, caller: User, e: Evaluation): { readonly decision: boolean; readonly json: Json } => {
  const r = evaluate(snapshot, caller, e);
  return E.isRight(r)
    ? { decision: r.right.decision, json: decisionJson(r.right) }
    : { decision: false, json: { decision: false, context: { error: { status: r.left.status, message: r.left.message } } } };
};

/** Runs the items under a semantic: all of them, or up to and including the first deny (or permit). */
const runAll = (snapshot: Snapshot, caller: User, items: ReadonlyArray<Evaluation>, semantic: Semantic): ReadonlyArray<Json> => {
  const out: Json[] = [];
  for (const e of items) {
    const item = itemJson(snapshot, caller, e);
    out.push(item.json);
    if (semantic === 'deny_on_first_deny' && !item.decision) break;
    if (semantic === 'permit_on_first_permit' && item.decision) break;
  }
  return out;
};

const single = (snapshot: Snapshot, caller: User, e: Evaluation): AuthzenResponse => {
  const r = evaluate(snapshot, caller, e);
  return E.isRight(r) ? { status: 200, body: decisionJson(r.right) } : error(r.left.status, r.left.message);
};

const evaluationEndpoint = (snapshot: Snapshot, caller: User, body: unknown): AuthzenResponse => {
  const decoded = decodeEvaluation(body);
  if (E.isLeft(decoded)) return badRequest(decoded.left);
  const problems = evaluationProblems(snapshot, decoded.right);
  return problems.length > 0 ? badRequest(problems) : single(snapshot, caller, decoded.right);
};

const evaluationsEndpoint = (snapshot: Snapshot, caller: User, body: unknown): AuthzenResponse => {
  const decoded = decodeEvaluations(body);
  if (E.isLeft(decoded)) return badRequest(decoded.left);
  const problems = decoded.right.items.flatMap((e) => evaluationProblems(snapshot, e));
  if (problems.length > 0) return badRequest(problems);
  const [first] = decoded.right.items;
  // no (or an empty) `evaluations` array: a single evaluation, answered as one
  if (!decoded.right.batch && first !== undefined) return single(snapshot, caller, first);
  return { status: 200, body: { evaluations: runAll(snapshot, caller, decoded.right.items, decoded.right.semantic) } };
};

const searchers: Readonly<Record<SearchKind, (snapshot: Snapshot, caller: User, request: Parameters<typeof searchSubjects>[2]) => E.Either<SearchRefusal, SearchAnswer>>> = {
  subject: searchSubjects,
  resource: searchResources,
  action: searchActions,
};

const searchJson = (a: SearchAnswer): Json => ({ page: a.page, ...(a.context === undefined ? {} : { context: a.context }), results: a.results });

const searchEndpoint = (kind: SearchKind, snapshot: Snapshot, caller: User, body: unknown): AuthzenResponse => {
  const decoded = decodeSearch(kind, body);
  if (E.isLeft(decoded)) return badRequest(decoded.left);
  const answer = searchers[kind](snapshot, caller, decoded.right);
  return E.isRight(answer) ? { status: 200, body: searchJson(answer.right) } : error(answer.left.status, answer.left.message);
};

const postRoutes: Readonly<Record<string, (snapshot: Snapshot, caller: User, body: unknown) => AuthzenResponse>> = {
  [authzenEndpoints.access_evaluation_endpoint]: evaluationEndpoint,
  [authzenEndpoints.access_evaluations_endpoint]: evaluationsEndpoint,
  [authzenEndpoints.search_subject_endpoint]: (s, c, b) => searchEndpoint('subject', s, c, b),
  [authzenEndpoints.search_resource_endpoint]: (s, c, b) => searchEndpoint('resource', s, c, b),
  [authzenEndpoints.search_action_endpoint]: (s, c, b) => searchEndpoint('action', s, c, b),
};

/**
 * Answers one AuthZEN request: `GET /.well-known/authzen-configuration` and `POST` to the five
 * endpoints; 404 for other paths, 405 for other methods, 400 with the path of each bad field,
 * 403 for a question the caller may not ask. Denials are `200 {"decision": false}` (AuthZEN).
 */
export const authzen = (snapshot: Snapshot, request: AuthzenRequest): AuthzenResponse => {
  const method = request.method.toUpperCase();
  if (request.path === AUTHZEN_CONFIGURATION_PATH) return method === 'GET' ? { status: 200, body: authzenMetadata(request.baseUrl) } : error(405, `method \`${method}\` not allowed: use GET`);
  const handler = Object.hasOwn(postRoutes, request.path) ? postRoutes[request.path] : undefined;
  if (handler === undefined) return error(404, `no AuthZEN endpoint \`${request.path}\``);
  if (method !== 'POST') return error(405, `method \`${method}\` not allowed: use POST`);
  return handler(snapshot, request.caller, request.body);
};
