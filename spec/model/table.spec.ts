import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Table, textOrder } from '../../src/model/table.js';

/** A change: set a key to a value, or delete it (`undefined`). */
type Change = readonly [number, string | undefined];

const keyArb = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constantFrom(2 ** 31, 2 ** 40, 0x7fff_ffff));
const changeArb: fc.Arbitrary<Change> = fc.tuple(keyArb, fc.option(fc.string({ maxLength: 3 }), { nil: undefined }));

/** The reference: a plain Map changed in place, read in ascending key order. */
const reference = (start: ReadonlyArray<readonly [number, string]>, batches: ReadonlyArray<ReadonlyArray<Change>>): ReadonlyArray<readonly [number, string]> => {
  const m = new Map<number, string>(start);
  for (const batch of batches) for (const [k, v] of batch) if (v === undefined) m.delete(k);
  else m.set(k, v);
  return [...m].sort((a, b) => a[0] - b[0]);
};

describe('Table (D-INC-1)', () => {
  it('R-TRN-1 reads like a Map after any sequence of change batches, in ascending key order, and never changes an old version', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(keyArb, fc.string({ maxLength: 3 }))), fc.array(fc.array(changeArb, { maxLength: 12 }), { maxLength: 30 }), (start, batches) => {
        let table = Table.ofIds<string>(start);
        const versions: Array<{ readonly table: Table<number, string>; readonly entries: ReadonlyArray<readonly [number, string]> }> = [];
        batches.forEach((batch, i) => {
          versions.push({ table, entries: [...table.entries()] });
          table = table.withChanges(batch);
          const expected = reference(start, batches.slice(0, i + 1));
          expect([...table.entries()]).toEqual(expected);
          expect(table.size).toBe(expected.length);
          for (const [k, v] of expected) expect(table.get(k)).toBe(v);
          for (let k = 0; k <= 41; k += 1) expect(table.has(k)).toBe(expected.some(([key]) => key === k));
        });
        // every old version still reads what it read when it was current
        return versions.every((v) => JSON.stringify([...v.table.entries()]) === JSON.stringify(v.entries));
      }),
    );
  });

  it('folds its overlay into a new base once it outgrows √n, and reads the same after', () => {
    let table = Table.ofIds<number>(Array.from({ length: 400 }, (_, i) => [i, i] as const));
    let folds = 0;
    for (let i = 0; i < 200; i += 1) {
      const before = table.pending;
      table = table.withChanges([[1000 + i, i]]);
      if (table.pending < before) folds += 1;
    }
    expect(folds).toBeGreaterThan(0);
    expect(table.size).toBe(600);
    expect(table.get(1199)).toBe(199);
    expect(table.folded().pending).toBe(0);
    expect([...table.folded().keys()]).toEqual([...table.keys()]);
  });

  it('returns the same table for changes that change nothing', () => {
    const table = Table.ofIds<string>([[1, 'a']]);
    expect(table.withChanges([])).toBe(table);
    expect(table.withChanges([[2, undefined]])).toBe(table);
  });

  it('keeps string keys in code-unit order', () => {
    const table = Table.fromEntries<string, number>([['b', 1], ['a', 2], ['B', 3]], textOrder).withChanges([['Z', 4], ['a', undefined]]);
    expect([...table.keys()]).toEqual(['B', 'Z', 'b']);
  });
});

describe('Table updates of keys it holds (D-INC-1)', () => {
  it('R-TRN-1 changes and deletes keys the base holds without an overlay, sharing everything else with the old version', () => {
    const start = Table.ofIds<string>(Array.from({ length: 1000 }, (_, i) => [i * 3, `v${i}`] as const));
    const next = start.withChanges([[3, 'x'], [6, undefined], [2997, 'y']]);
    expect(next.pending).toBe(0);
    expect([next.get(3), next.get(6), next.get(2997), next.size]).toEqual(['x', undefined, 'y', 999]);
    expect([start.get(3), start.get(6), start.size]).toEqual(['v1', 'v2', 1000]);
    const again = next.withChanges([[6, 'back']]);
    expect([again.get(6), again.size, again.pending]).toEqual(['back', 1000, 0]);
    expect([...again.keys()].length).toBe(1000);
    const created = again.withChanges([[1, 'new']]);
    expect([created.pending, created.get(1), created.size, [...created.keys()][0], [...created.keys()][1]]).toEqual([1, 'new', 1001, 0, 1]);
  });
});
