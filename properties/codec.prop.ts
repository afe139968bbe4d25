/** L-CODEC (R-SNAP-9). */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { snapshotJsonArb } from './arbitraries/snapshot.js';
import { decodingNeverThrows, encodingRoundTrips, replaceNode } from './laws/codec.js';

describe('L-CODEC', () => {
  it('L-CODEC (R-SNAP-9): a generated snapshot loads, and loadSnapshot(encodeSnapshot(s)) encodes to the same JSON', () => {
    fc.assert(fc.property(snapshotJsonArb, encodingRoundTrips));
  });

  it('L-CODEC (R-SNAP-9): decoding arbitrary JSON never throws', () => {
    fc.assert(fc.property(fc.jsonValue(), decodingNeverThrows));
  });

  it('L-CODEC (R-SNAP-9): decoding arbitrary JavaScript values never throws', () => {
    fc.assert(fc.property(fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withNullPrototype: true, withSparseArray: true, withBigInt: true, withDate: true }), decodingNeverThrows));
  });

  it('L-CODEC (R-SNAP-9): a valid snapshot with one node replaced by arbitrary JSON never throws', () => {
    fc.assert(fc.property(snapshotJsonArb, fc.nat(400), fc.jsonValue({ maxDepth: 2 }), (json, position, replacement) => decodingNeverThrows(replaceNode(json, position, replacement))));
  });

  it('L-CODEC (R-SNAP-9): `__proto__` keys never reach Object.prototype', () => {
    fc.assert(
      fc.property(snapshotJsonArb, fc.constantFrom('', 'users', 'tenants', 'dataSources'), (json, where) => {
        const text = JSON.stringify(json);
        const poisoned = where === '' ? `{"__proto__":{"polluted":1},${text.slice(1)}` : text.replace(`"${where}":[{`, `"${where}":[{"__proto__":{"polluted":1},`);
        const parsed: unknown = JSON.parse(poisoned);
        return decodingNeverThrows(parsed);
      }),
    );
  });
});
