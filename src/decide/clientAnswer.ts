/**
 * The client's answer (R-REQ-3, R-ERR-1): what a server may send to the caller of a request —
 * the status, and the gateway's error envelope or the response body. Nothing of the trace, the
 * auditor's reason, the subject or the actor: those stay in the decision, the audit record.
 */
import type { Decision, ErrorEnvelope, Json } from './decision.js';

/** What a server sends back: a status and a body (`null` for none, e.g. 204). */
export interface ClientAnswer {
  readonly status: number;
  readonly body: ErrorEnvelope | Json;
}

/** The client's view of a decision. */
export const clientAnswer = (d: Decision): ClientAnswer =>
  d.decision === 'deny' ? { status: d.status, body: d.error } : { status: d.status, body: d.response ?? null };
