/**
 * L-CODEC (R-SNAP-9): decoding an encoded snapshot gives it back (compared as the JSON of
 * `encodeSnapshot`), generated snapshots are accepted, and decoding any value (arbitrary JSON,
 * arbitrary JavaScript values, a valid snapshot with one node replaced) never throws and never
 * reaches `Object.prototype`.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { encodeSnapshot, loadSnapshot } from '../../src/snapshot/load.js';
import { load } from './support.js';

/** L-CODEC round trip: the snapshot loads, and loading its encoding gives the same encoding. */
export const encodingRoundTrips = (json: SnapshotJson): boolean => {
  const s = load(json);
  if (s === undefined) return false;
  const once = encodeSnapshot(s);
  const again = load(once);
  return again !== undefined && JSON.stringify(encodeSnapshot(again)) === JSON.stringify(once);
};

/** L-CODEC totality: loading any value returns Left or Right and never throws, nor pollutes `Object.prototype`. */
export const decodingNeverThrows = (value: unknown): boolean => {
  try {
    const r = loadSnapshot(value);
    const clean = !Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted');
    return (E.isLeft(r) || E.isRight(r)) && clean;
  } catch {
    return false;
  }
};

/** A JSON value with the node at pre-order position `position` replaced by `replacement` (the root when out of range). */
export const replaceNode = (value: unknown, position: number, replacement: unknown): unknown => {
  let counter = 0;
  const walk = (v: unknown): unknown => {
    const here = counter;
    counter += 1;
    if (here === position) return replacement;
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const out = walk(value);
  return position >= counter ? replacement : out;
};
