/**
 * The decision value of SPEC §7, a tagged union on `decision`: an `Allow` carries the status of
 * R-REQ-7 and the response of an allowed read (R-RES-1); a `Deny` always carries the gateway's
 * error envelope (R-ERR-1) — the client's message — and the auditor's full `reason`. Both
 * carry the actor, the subject, the operation and the trace (R-TRC-1): the decision is the
 * audit record; `clientAnswer` is what a server may send back.
 */
import type { OperationName, SuccessStatus } from '../operations/operations.js';
import type { Trace } from '../model/trace.js';
import type { Change } from '../model/change.js';

/** A JSON value. */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json };

/** The gateway's error envelope (R-ERR-1). */
export interface ErrorEnvelope {
  readonly error: { readonly code: number; readonly message: { readonly lang: 'en-US'; readonly value: string } };
}

/** A user a decision names. */
export interface SubjectRef {
  readonly id: number;
  readonly userName: string;
}

/** What a decision is about: an operation of SPEC §5, a query channel, or no route at all. */
export type DecisionOperation = OperationName | 'UseDataSource' | 'Unknown';

/** The statuses of denials (R-REQ-1 … R-REQ-6). */
export type DenyStatus = 400 | 401 | 403 | 404;

/** An allowed request. */
export interface Allow {
  readonly decision: 'allow';
  readonly status: SuccessStatus;
  readonly operation: DecisionOperation;
  readonly subject: SubjectRef;
  readonly onBehalfOf: boolean;
  /** The acting user (the authenticated caller). */
  readonly actor: SubjectRef;
  readonly response?: Json;
  /** What an applied request changed (SPEC §6): present only on decisions returned by `apply` for a change. */
  readonly changes?: ReadonlyArray<Change>;
  /** An allow never carries an error. */
  readonly error?: never;
  readonly trace: Trace;
}

/** A denied request: its error envelope is always there. */
export interface Deny {
  readonly decision: 'deny';
  readonly status: DenyStatus;
  readonly operation: DecisionOperation;
  /** Null when the subject could not be resolved (unknown route, actor or `?user=` target). */
  readonly subject: SubjectRef | null;
  readonly onBehalfOf: boolean;
  /** Null when the actor is unknown. */
  readonly actor: SubjectRef | null;
  /** The client's answer: what a server sends (R-ERR-1), naming only what the caller may see. */
  readonly error: ErrorEnvelope;
  /** The auditor's reason: every missing item with its ids. */
  readonly reason: string;
  /** A deny never carries a response. */
  readonly response?: never;
  readonly trace: Trace;
}

/** A decision with its reasons. */
export type Decision = Allow | Deny;

/** Builds the gateway's error envelope. */
export const errorEnvelope = (code: number, message: string): ErrorEnvelope => ({
  error: { code, message: { lang: 'en-US', value: message } },
});

/** Whether a decision allows (the boolean edge helper; the core never returns bare booleans). */
export const isAllowed = (d: Decision): boolean => d.decision === 'allow';
