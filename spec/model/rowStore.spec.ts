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

/** Whether every row of `store` reads as `rows` says. */
const readsAs = (store: RowStore, rows: ReadonlyArray<ReadonlyArray<number>>): boolean =>
  rows.every((row, p) => {
    const slab = store.slab(p);
    const at = store.start(p);
    return slab !== undefined && row.every((n, k) => slab[at + k] === n);
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
        // up to 40 chunks: the moved bitmap (16 chunks an entry) spans several entries
        fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 300, max: 1280 })).chain((positions) =>
          fc.tuple(
            fc.constant(positions),
            fc.array(fc.array(fc.tuple(fc.nat(positions - 1), fc.nat(9)), { minLength: 1, maxLength: 6 }), { maxLength: positions > 300 ? 40 : 120, size: 'max' }),
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
          return versions.every(([version, rows]) => readsAs(version, rows));
        },
      ),
    );
  });

  /** Rewrites two rows of chunk `chunkOf(i)` per update, `updates` times, and returns the spare chunks after each update. */
  const runUpdates = (positions: number, updates: number, chunkOf: (i: number) => number): ReadonlyArray<number> => {
    let store = RowStore.filled(WIDTH, positions, () => undefined);
    const expected: Array<ReadonlyArray<number>> = Array.from({ length: positions }, () => rowFor(WIDTH, 0));
    const counts: number[] = [];
    for (let i = 0; i < updates; i += 1) {
      const at = chunkOf(i) * 32;
      store = store.rewritten(writesOf([[at, i + 1], [at + 5, i + 2]]));
      expected[at] = rowFor(WIDTH, i + 1);
      expected[at + 5] = rowFor(WIDTH, i + 2);
      counts.push(store.spareChunks);
      if (counts[i] === 0) expect(rowsOf(store, positions)).toEqual(expected); // compaction keeps every row
    }
    expect(rowsOf(store, positions)).toEqual(expected);
    return counts;
  };

  it('R-TRN-1 an update copies only the chunks it touches into one new slab, and compacts once more than an eighth of the chunks (and more than 64) have moved', () => {
    const counts = runUpdates(32 * 600, 80, (i) => (i * 7) % 600); // 600 chunks: compaction once 76 have moved
    expect(counts.slice(0, 3)).toEqual([1, 2, 3]); // one chunk per update: the two rows share it
    expect(Math.max(...counts)).toBe(75);
    expect(counts[75]).toBe(0); // the 76th chunk to move makes 76 > 75: compacted
    expect(runUpdates(32 * 150, 70, (i) => i).indexOf(0)).toBe(64); // 150 chunks: at least 64 may move
    // one update that moves more than that at once is compacted at once, and keeps every row
    const positions = 32 * 150;
    const batch: ReadonlyArray<Rewrite> = Array.from({ length: 70 }, (_, c) => [c * 32 + (c % 32), c + 1]);
    const once = RowStore.filled(WIDTH, positions, () => undefined).rewritten(writesOf(batch));
    const expected = Array.from({ length: positions }, () => rowFor(WIDTH, 0));
    for (const [p, fill] of batch) expected[p] = rowFor(WIDTH, fill);
    expect(once.spareChunks).toBe(0);
    expect(rowsOf(once, positions)).toEqual(expected);
  });

  it('R-TRN-1 compacts once update slabs hold half as many numbers as the rows, even when the same few chunks move again and again', () => {
    const counts = runUpdates(32 * 150, 80, (i) => i % 10); // 10 chunks moved at most; compaction once spare > 75 chunks
    expect(Math.max(...counts)).toBe(75);
    expect(counts[75]).toBe(0);
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
