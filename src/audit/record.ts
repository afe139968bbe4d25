/**
 * Decision records (issue 8, item 5): any decision as one JSON record fit for an append-only
 * audit log — the engine and its version, a content hash of the snapshot it was decided on, the
 * actor and subject, the request (with the fields the caller names redacted), the decision, its
 * status, reasons and trace, and what an applied request changed. The engine writes nothing: a
 * server appends the record where it keeps its log.
 *
 * `verifyRecord` re-decides a record's request against a snapshot and says whether the snapshot
 * is the one the record names and whether the engine still decides the same.
 * INVARIANT (stable hash): equal snapshots have equal hashes, whatever the order of their lists
 * (the hash is taken over the normalized encoding, `encodeSnapshot`).
 */
import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { DecisionRecordCodec, type DecisionRecordJson } from '../codec/record.js';
import { problemsFromErrors, type Problem } from '../codec/problem.js';
import { decodeRequest } from '../codec/request.js';
import type { Snapshot } from '../model/snapshot.js';
import { encodeSnapshot } from '../snapshot/encode.js';
import type { Decision } from '../decide/decision.js';
import { decide } from '../decide/decide.js';
import { apply } from '../transition/apply.js';

/** The engine's name in records. */
export const ENGINE_NAME = 'datasource-authz';
/** The engine's version in records (the package version; a spec checks they agree). */
export const ENGINE_VERSION = '0.1.0';

/** What replaces a redacted field. */
export const REDACTED = '[redacted]';

/** SHA-256 (hex) of the snapshot's canonical JSON: equal snapshots give equal hashes, whatever the order of their lists. */
export const snapshotHash = (s: Snapshot): string => createHash('sha256').update(JSON.stringify(encodeSnapshot(s))).digest('hex');

/** A JSON object (a request as received). */
type JsonObject = Readonly<Record<string, unknown>>;

const isObject = (u: unknown): u is JsonObject => typeof u === 'object' && u !== null && !Array.isArray(u);

/** `value` with the field at a dotted path (`body.password`, `query.token`) replaced by `[redacted]`; unchanged when absent. */
const redactPath = (value: JsonObject, path: ReadonlyArray<string>): JsonObject => {
  const [head, ...rest] = path;
  if (head === undefined || !Object.prototype.hasOwnProperty.call(value, head)) return value;
  const inner = value[head];
  if (rest.length === 0) return { ...value, [head]: REDACTED };
  return isObject(inner) ? { ...value, [head]: redactPath(inner, rest) } : value;
};

/** The request with each named field (dotted paths into the request JSON) redacted. */
export const redactRequest = (request: JsonObject, fields: ReadonlyArray<string>): JsonObject =>
  fields.reduce((r, f) => redactPath(r, f.split('.')), request);

/** How to make a record. */
export interface RecordOptions {
  /** The hash of the snapshot the decision was made on (`snapshotHash`, computed once per snapshot). */
  readonly snapshotHash: string;
  /** Dotted paths of request fields to redact (`body.password`). */
  readonly redact?: ReadonlyArray<string>;
}

/** The decision record of a decision on `request` (issue 8, item 5). */
export const decisionRecord = (decision: Decision, request: JsonObject, options: RecordOptions): DecisionRecordJson => {
  const redacted = [...new Set(options.redact ?? [])].sort();
  const base: DecisionRecordJson = {
    recordVersion: 1,
    engine: { name: ENGINE_NAME, version: ENGINE_VERSION },
    snapshot: { sha256: options.snapshotHash },
    actor: decision.actor,
    subject: decision.subject,
    onBehalfOf: decision.onBehalfOf,
    request: redactRequest(request, redacted),
    redacted,
    operation: decision.operation,
    decision: decision.decision,
    status: decision.status,
    reasons: decision.decision === 'deny' ? [decision.reason] : [],
    trace: decision.trace,
  };
  if (decision.decision === 'deny') return base;
  return {
    ...base,
    ...(decision.changes === undefined ? {} : { changes: decision.changes }),
    ...(decision.response === undefined ? {} : { response: decision.response }),
  };
};

/** Decodes a record from parsed JSON; every problem with its path. */
export const decodeRecord = (u: unknown): E.Either<ReadonlyArray<Problem>, DecisionRecordJson> => {
  const decoded = DecisionRecordCodec.decode(u);
  return E.isRight(decoded) ? decoded : E.left(problemsFromErrors(decoded.left, '$'));
};

/** How a record disagrees with a snapshot. */
export type RecordMismatch =
  | { readonly _tag: 'OtherSnapshot'; readonly recorded: string; readonly actual: string }
  | { readonly _tag: 'BadRequest'; readonly problems: ReadonlyArray<Problem> }
  | { readonly _tag: 'Redacted'; readonly fields: ReadonlyArray<string> }
  | { readonly _tag: 'Differs'; readonly fields: ReadonlyArray<string> };

/** A verified record: the snapshot is the one it names and the engine decides the same. */
export interface Verified {
  readonly _tag: 'Verified';
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Checks a record against a snapshot: the snapshot's hash must be the recorded one, and
 * re-deciding (re-applying, for a record of a change) the recorded request must give the same
 * decision, status, operation, reasons, trace and changes. A record whose redacted fields the
 * engine read cannot be re-decided; that is said, not guessed.
 */
export const verifyRecord = (record: DecisionRecordJson, snapshot: Snapshot, hash: string = snapshotHash(snapshot)): E.Either<RecordMismatch, Verified> => {
  if (hash !== record.snapshot.sha256) return E.left({ _tag: 'OtherSnapshot', recorded: record.snapshot.sha256, actual: hash });
  const request = decodeRequest(record.request);
  if (E.isLeft(request)) return E.left({ _tag: 'BadRequest', problems: request.left });
  // a record of an applied change is re-applied; a record of a decision alone is re-decided
  const decision = record.changes === undefined ? decide(snapshot, request.right) : apply(snapshot, request.right).decision;
  const again = decisionRecordOf(decision, record);
  const fields = (['operation', 'decision', 'status', 'reasons', 'trace', 'changes', 'actor', 'subject', 'onBehalfOf'] as const).filter((f) => !same(record[f], again[f]));
  if (fields.length === 0) return E.right({ _tag: 'Verified' });
  return E.left(record.redacted.length > 0 ? { _tag: 'Redacted', fields: record.redacted } : { _tag: 'Differs', fields });
};

/** The record the engine makes now for the decision, with the recorded request and hash. */
const decisionRecordOf = (decision: Decision, record: DecisionRecordJson): DecisionRecordJson =>
  decisionRecord(decision, record.request, { snapshotHash: record.snapshot.sha256, redact: record.redacted });
