/**
 * The OpenID AuthZEN Authorization API 1.0 over the engine (issue 9, item 2): evaluation,
 * evaluations, the search endpoints (backed by the audit queries) and the discovery metadata.
 * Pure: a parsed request in, a status and a JSON body out; the server does the HTTP.
 */
import type { Snapshot, User } from '../model/snapshot.js';
import type { Json } from '../decide/decision.js';

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

/** Whether a path belongs to the AuthZEN API (the server routes these to `authzen`). */
export const isAuthzenPath = (path: string): boolean => path === '/.well-known/authzen-configuration' || path.startsWith('/access/v1/');

/** Answers one AuthZEN request (placeholder until the AuthZEN endpoints land: 404 for every path). */
export const authzen = (_snapshot: Snapshot, request: AuthzenRequest): AuthzenResponse => ({ status: 404, body: { error: `no AuthZEN endpoint \`${request.path}\`` } });
