/**
 * The io-ts codec of a decision record (issue 8): one decision as a line of an append-only audit
 * log. Facts are kept as tagged JSON objects (their exact shapes are `model/trace.ts`'s; a log
 * written by another version of the engine still decodes). Decoding never throws and reports the
 * path of each bad field.
 */
import * as t from 'io-ts';

const obj = <R extends t.Props, O extends t.Props>(name: string, required: R, optional: O) =>
  t.exact(t.intersection([t.type(required), t.partial(optional)]), name);

/** A user named by a record. */
export const UserRefCodec = obj('UserRef', { id: t.number, userName: t.string }, {});

/** A fact of a trace: a JSON object with its `_tag`. */
export const FactJsonCodec = t.intersection([t.type({ _tag: t.string }), t.UnknownRecord], 'Fact');

/** A step of a trace, JSON. */
export interface StepJson {
  readonly rule: string;
  readonly check: string;
  readonly outcome: 'pass' | 'fail' | 'skip';
  readonly why: string;
  readonly facts: ReadonlyArray<t.TypeOf<typeof FactJsonCodec>>;
  readonly children: ReadonlyArray<StepJson>;
}

/** A step of a trace (recursive). */
export const StepJsonCodec: t.Type<StepJson> = t.recursion('Step', () =>
  t.exact(
    t.type({
      rule: t.string,
      check: t.string,
      outcome: t.keyof({ pass: null, fail: null, skip: null }),
      why: t.string,
      facts: t.readonlyArray(FactJsonCodec),
      children: t.readonlyArray(StepJsonCodec),
    }),
  ),
);

/** A decision record (issue 8, item 5). */
export const DecisionRecordCodec = obj(
  'DecisionRecord',
  {
    recordVersion: t.literal(1),
    engine: obj('Engine', { name: t.string, version: t.string }, {}),
    /** SHA-256 (hex) of the snapshot's canonical JSON: equal snapshots, equal hash. */
    snapshot: obj('SnapshotRef', { sha256: t.string }, {}),
    actor: t.union([UserRefCodec, t.null]),
    subject: t.union([UserRefCodec, t.null]),
    onBehalfOf: t.boolean,
    /** The request as received, with the fields the caller named replaced by `"[redacted]"`. */
    request: t.UnknownRecord,
    redacted: t.readonlyArray(t.string),
    operation: t.string,
    decision: t.keyof({ allow: null, deny: null }),
    status: t.number,
    /** The auditor's reasons (a deny's reason; none for an allow). */
    reasons: t.readonlyArray(t.string),
    trace: t.readonlyArray(StepJsonCodec),
  },
  {
    /** What an applied request changed (SPEC §6). */
    changes: t.readonlyArray(t.intersection([t.type({ _tag: t.string }), t.UnknownRecord])),
    /** The response body of an allowed read. */
    response: t.unknown,
  },
);

/** A decoded decision record. */
export type DecisionRecordJson = t.TypeOf<typeof DecisionRecordCodec>;
