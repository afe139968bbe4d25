/**
 * The decision value of SPEC §7: allow or deny, the gateway's status, the operation, the
 * subject, the error envelope of a denial (R-ERR-1) or the response of an allowed read
 * (R-RES-1), and the trace (R-TRC-1).
 */
import type { Trace } from '../model/trace.js';

/** A JSON value. */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json };

/** The gateway's error envelope (R-ERR-1). */
export interface ErrorEnvelope {
  readonly error: { readonly code: number; readonly message: { readonly lang: 'en-US'; readonly value: string } };
}

/** The subject a decision was made for. */
export interface SubjectRef {
  readonly id: number;
  readonly userName: string;
}

/** A decision with its reasons. `subject` is null when the subject could not be resolved. */
export interface Decision {
  readonly decision: 'allow' | 'deny';
  readonly status: number;
  readonly operation: string;
  readonly subject: SubjectRef | null;
  readonly onBehalfOf: boolean;
  readonly error?: ErrorEnvelope;
  readonly response?: Json;
  readonly trace: Trace;
}

/** Builds the gateway's error envelope. */
export const errorEnvelope = (code: number, message: string): ErrorEnvelope => ({
  error: { code, message: { lang: 'en-US', value: message } },
});

/** Whether a decision allows (the boolean edge helper; the core never returns bare booleans). */
export const isAllowed = (d: Decision): boolean => d.decision === 'allow';
