/** The engine's entry point: one decision for any request (HTTP or query channel). */
import type { Request } from '../codec/request.js';
import type { Snapshot } from '../model/snapshot.js';
import type { Decision } from './decision.js';
import { decideHttp } from './http.js';
import { decideUse } from './use.js';

/** Decides a request against a snapshot: pure, total, always with a trace. */
export const decide = (snapshot: Snapshot, request: Request): Decision =>
  request._tag === 'Use' ? decideUse(snapshot, request.request) : decideHttp(snapshot, request.request);
