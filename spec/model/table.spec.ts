import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Table, textOrder, type RowCodec } from '../../src/model/table.js';

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

describe('Table layouts of an id base (D-INC-1)', () => {
  it('R-TRN-2 ids handed out in order use the span layout: a key inside the range joins the base, a key outside it the overlay', () => {
    const start = Table.ofIds<string>(Array.from({ length: 1000 }, (_, i) => [i * 2, `v${i}`] as const)); // range 0..1998, half full
    const hole = start.withChanges([[1, 'one']]);
    expect([hole.pending, hole.get(1), hole.size, [...hole.keys()].slice(0, 3)]).toEqual([0, 'one', 1001, [0, 1, 2]]);
    const beyond = start.withChanges([[1999, 'last'], [5000, 'far']]);
    expect([beyond.pending, beyond.get(1999), beyond.get(5000), beyond.size]).toEqual([2, 'last', 'far', 1002]);
    for (const key of [-2, -1, 0.5, 1, 3, 1999, 2000, 2 ** 31, Number.NaN]) expect(start.get(key)).toBeUndefined();
    expect([start.get(0), start.get(1998)]).toEqual(['v0', 'v999']);
    const gone = start.withChanges([[0, undefined], [1998, undefined]]);
    expect([gone.pending, gone.size, [...gone.keys()][0], [...gone.keys()].at(-1), gone.get(0)]).toEqual([0, 998, 2, 1996, undefined]);
  });

  it('R-TRN-2 sparse ids use the hash layout: a new key inside their range goes to the overlay', () => {
    const start = Table.ofIds<string>(Array.from({ length: 1000 }, (_, i) => [i * 3, `v${i}`] as const)); // range 0..2997, a third full
    const created = start.withChanges([[1, 'one']]);
    expect([created.pending, created.get(1), created.size]).toEqual([1, 'one', 1001]);
    for (const key of [-1, 0.5, 1, 2998, 2 ** 31]) expect(start.get(key)).toBeUndefined();
  });

  it('R-TRN-1 reads like a Map from a dense start (the span layout) after any sequence of change batches', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 21 }), fc.array(fc.array(changeArb, { maxLength: 12 }), { maxLength: 20 }), (keys, batches) => {
        const start = keys.map((k) => [k, `s${k}`] as const);
        let table = Table.ofIds<string>(start);
        return batches.every((batch, i) => {
          table = table.withChanges(batch);
          const expected = reference(start, batches.slice(0, i + 1));
          return JSON.stringify([...table.entries()]) === JSON.stringify(expected) && table.size === expected.length && expected.every(([k, v]) => table.get(k) === v);
        });
      }),
    );
  });
});

/** A row codec for the tests: presence and the value's length. */
const lengthRows: RowCodec<string> = {
  width: 2,
  write: (v, row, at) => {
    row[at] = 1;
    row[at + 1] = v.length;
  },
};

/** The row of `key` copied out, `null` when the table keeps none for it. */
const rowOf = (table: Table<number, string>, key: number): ReadonlyArray<number> | null => {
  const p = table.rowPosition(key);
  const slab = p < 0 ? undefined : table.rowSlab(p);
  const at = table.rowStart(p);
  return slab === undefined ? null : [slab[at] ?? 0, slab[at + 1] ?? 0];
};

describe('Table rows (D-INC-12)', () => {
  it('R-TRN-1 a row always equals what its codec writes for the value, is zeros for a key not held, and an old version keeps its rows', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 600 }), fc.string({ maxLength: 3 }))), fc.array(fc.array(changeArb, { maxLength: 12 }), { maxLength: 30 }), (start, batches) => {
        let table = Table.ofIds<string>(start, lengthRows);
        const versions: Array<{ readonly table: Table<number, string>; readonly rows: string }> = [];
        const rowsOf = (t: Table<number, string>): string => JSON.stringify([...Array(602).keys(), 2 ** 31].map((k) => rowOf(t, k)));
        for (const batch of batches) {
          versions.push({ table, rows: rowsOf(table) });
          table = table.withChanges(batch);
          for (let k = 0; k <= 601; k += 1) {
            const v = table.get(k);
            const row = rowOf(table, k);
            if (row !== null) expect(row).toEqual(v === undefined ? [0, 0] : [1, v.length]);
          }
        }
        return versions.every((v) => rowsOf(v.table) === v.rows);
      }),
    );
  });

  it('R-TRN-1 keeps every row through the row store\'s compactions (D-INC-13), and the first version keeps its rows', () => {
    const keys = [...Array(3200).keys()]; // 100 chunks of 32 rows: the store compacts once updates wrote more than 64 chunks
    const first = Table.ofIds<string>(keys.map((k) => [k, 'a']), lengthRows);
    let table = first;
    for (let i = 0; i < 200; i += 1) table = table.withChanges([[(i * 37) % 3200, 'x'.repeat(1 + (i % 3))], [(i * 91) % 3200, i % 5 === 0 ? undefined : 'yy']]);
    expect(keys.every((k) => JSON.stringify(rowOf(table, k)) === JSON.stringify(table.get(k) === undefined ? [0, 0] : [1, table.get(k)?.length ?? 0]))).toBe(true);
    expect(keys.every((k) => JSON.stringify(rowOf(first, k)) === '[1,1]')).toBe(true);
  });

  it('keeps rows for the keys of its base only: a key created outside the base has none until a fold', () => {
    const table = Table.ofIds<string>([[1, 'a'], [2, 'bb'], [3, 'ccc']], lengthRows).withChanges([[2, 'x'], [900, 'far']]);
    expect([rowOf(table, 1), rowOf(table, 2), rowOf(table, 900)]).toEqual([[1, 1], [1, 1], null]);
    expect(rowOf(table.folded(), 900)).toEqual([1, 3]);
    expect(rowOf(Table.ofIds<string>([[1, 'a']]), 1)).toBeNull(); // a table without rows
    expect(rowOf(Table.fromEntries<number, string>([[1, 'a']], (a, b) => a - b), 1)).toBeNull();
  });
});
