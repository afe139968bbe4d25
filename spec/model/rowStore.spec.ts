import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RowStore, type RowWrite } from '../../src/model/rowStore.js';

/** A rewrite in the reference: a position and the number its row is filled with (0: zeros). */
type Rewrite = readonly [position: number, fill: number];

/** Every row of `store`, copied out. */
const rowsOf = (store: RowStore, positions: number): ReadonlyArray<ReadonlyArray<number>> =>
  Array.from({ length: positions }, (_, p) => {
    const slab = store.slab(p);
    const at = store.start(p);
    return Array.from({ length: store.width }, (_, k) => slab?.[at + k] ?? Number.NaN);
  });

/** A row of `width` numbers that tells its position and its fill apart: `fill * 1000 + k`, or zeros. */
const rowFor = (width: number, fill: number): ReadonlyArray<number> => Array.from({ length: width }, (_, k) => (fill === 0 ? 0 : fill * 1000 + k));

const writesOf = (batch: ReadonlyArray<Rewrite>): ReadonlyArray<RowWrite> =>
  batch.map(([p, fill]) => [
    p,
    fill === 0
      ? undefined
      : (slab, at) => {
          for (let k = 0; k < WIDTH; k += 1) slab[at + k] = fill * 1000 + k;
        },
  ]);

const WIDTH = 3;

describe('RowStore (D-INC-13)', () => {
  it('R-TRN-1 every version reads as the rewrites made it, before and after compaction, and never changes once returned', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }).chain((positions) =>
          fc.tuple(
            fc.constant(positions),
            fc.array(fc.array(fc.tuple(fc.nat(positions - 1), fc.nat(9)), { minLength: 1, maxLength: 6 }), { maxLength: 120, size: 'max' }),
          ),
        ),
        ([positions, batches]) => {
          const first = RowStore.filled(WIDTH, positions, (slab) => {
            for (let p = 0; p < positions; p += 1) for (let k = 0; k < WIDTH; k += 1) slab[p * WIDTH + k] = (p + 1) * 1000 + k;
          });
          let expected: ReadonlyArray<ReadonlyArray<number>> = Array.from({ length: positions }, (_, p) => rowFor(WIDTH, p + 1));
          const versions: Array<readonly [RowStore, ReadonlyArray<ReadonlyArray<number>>]> = [[first, expected]];
          let store = first;
          for (const batch of batches) {
            store = store.rewritten(writesOf(batch));
            const next = [...expected];
            for (const [p, fill] of batch) next[p] = rowFor(WIDTH, fill);
            expected = next;
            versions.push([store, expected]);
          }
          return versions.every(([version, rows]) => rowsOf(version, positions).join('|') === rows.join('|'));
        },
      ),
    );
  });

  it('R-TRN-1 an update copies only the chunks it touches into one new slab, and compacts into one slab once update slabs hold half as many numbers as the rows', () => {
    const positions = 32 * 150; // 150 chunks: compaction once update slabs hold more than 75
    let store = RowStore.filled(WIDTH, positions, () => undefined);
    const expected: Array<ReadonlyArray<number>> = Array.from({ length: positions }, () => rowFor(WIDTH, 0));
    const counts: number[] = [];
    for (let i = 0; i < 80; i += 1) {
      store = store.rewritten(writesOf([[(i % 150) * 32, i + 1], [(i % 150) * 32 + 5, i + 2]]));
      expected[(i % 150) * 32] = rowFor(WIDTH, i + 1);
      expected[(i % 150) * 32 + 5] = rowFor(WIDTH, i + 2);
      counts.push(store.spareChunks);
      if (counts[i] === 0) expect(rowsOf(store, positions)).toEqual(expected); // compaction keeps every row
    }
    expect(counts.slice(0, 3)).toEqual([1, 2, 3]); // one chunk per update: the two rows share it
    expect(Math.max(...counts)).toBe(75);
    expect(counts[75]).toBe(0); // the 76th chunk makes 76 > 75: compacted
    expect(rowsOf(store, positions)).toEqual(expected);
  });

  it('reads nothing beyond its chunks, and returns itself for no rewrite', () => {
    const store = RowStore.filled(2, 33, () => undefined);
    expect(store.slab(64)).toBeUndefined();
    expect(store.slab(63)).toBeDefined();
    expect(store.rewritten([])).toBe(store);
    const none = RowStore.filled(2, 0, () => undefined);
    expect([none.slab(0), none.slab(-1), none.spareChunks]).toEqual([undefined, undefined, 0]);
  });
});
