/**
 * L-DECODE-FAST (R-SNAP-9, D-LOAD-1): the fast path of snapshot decoding cannot be told apart from
 * io-ts. On any input, `decodeSnapshotJson` and `SnapshotCodec.decode` both fail with the same
 * problems, or both succeed with equal values (the input itself in both or in neither); and a
 * well-formed snapshot takes the fast path, so the first predicate is not met by falling back always.
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { problemsFromErrors } from '../../src/codec/problem.js';
import { acceptsSnapshotJson, decodeSnapshotJson, SnapshotCodec, type SnapshotJson } from '../../src/codec/snapshot.js';

const problemsText = (errors: t.Errors): string => JSON.stringify(problemsFromErrors(errors, '$'));

/** L-DECODE-FAST: the fast decoder and the io-ts codec give the same answer for `u`. */
export const fastDecodeAgreesWithCodec = (u: unknown): boolean => {
  const fast = decodeSnapshotJson(u);
  const codec = SnapshotCodec.decode(u);
  if (E.isLeft(fast) || E.isLeft(codec)) return E.isLeft(fast) && E.isLeft(codec) && problemsText(fast.left) === problemsText(codec.left);
  return (fast.right === u) === (codec.right === u) && JSON.stringify(fast.right) === JSON.stringify(codec.right);
};

/** L-DECODE-FAST for a request body: the tagged payload codec (fast path) answers as the io-ts body codec does, with the tag added. */
export const fastBodyDecodeAgreesWithCodec = (payload: t.Mixed, body: t.Mixed, tag: string, u: unknown): boolean => {
  const fast: t.Validation<unknown> = payload.decode(u);
  const codec: t.Validation<unknown> = body.decode(u);
  if (E.isLeft(fast) || E.isLeft(codec)) return E.isLeft(fast) && E.isLeft(codec) && problemsText(fast.left) === problemsText(codec.left);
  const tagged: unknown = typeof codec.right === 'object' && codec.right !== null ? { ...codec.right, _tag: tag } : codec.right;
  return JSON.stringify(fast.right) === JSON.stringify(tagged);
};

/** L-DECODE-FAST: a well-formed snapshot (no unknown field) is taken by the fast path. */
export const wellFormedTakesFastPath = (json: SnapshotJson): boolean => acceptsSnapshotJson(json);

/** The JSON value with `key: value` added to the object at pre-order position `position` (unchanged when there is none). */
export const withKeyAdded = (value: unknown, position: number, key: string, added: unknown): unknown => editObjectAt(value, position, (o) => ({ ...o, [key]: added }));

/** The JSON value with the `index`-th key (modulo its keys) removed from the object at pre-order position `position`. */
export const withKeyDropped = (value: unknown, position: number, index: number): unknown =>
  editObjectAt(value, position, (o) => {
    const keys = Object.keys(o);
    if (keys.length === 0) return o;
    const drop = keys[index % keys.length];
    return Object.fromEntries(Object.entries(o).filter(([k]) => k !== drop));
  });

/** How many nodes (objects, arrays and primitive values) a JSON value has, in the pre-order `replaceNode` counts. */
export const nodeCount = (value: unknown): number => {
  if (Array.isArray(value)) return 1 + value.reduce((n: number, v: unknown) => n + nodeCount(v), 0);
  if (typeof value === 'object' && value !== null) return 1 + Object.values(value).reduce((n: number, v: unknown) => n + nodeCount(v), 0);
  return 1;
};

const editObjectAt = (value: unknown, position: number, edit: (o: Readonly<Record<string, unknown>>) => unknown): unknown => {
  let counter = 0;
  const walk = (v: unknown): unknown => {
    const here = counter;
    counter += 1;
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) {
      const copy = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
      return here === position ? edit(copy) : copy;
    }
    return v;
  };
  return walk(value);
};
