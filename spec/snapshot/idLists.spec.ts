import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdLists } from '../../src/snapshot/idLists.js';

/** The reference: a Map of lists, sorted by key for `ascending`. */
const reference = (pushes: ReadonlyArray<readonly [number, number]>): Map<number, number[]> => {
  const map = new Map<number, number[]>();
  for (const [key, id] of pushes) map.set(key, [...(map.get(key) ?? []), id]);
  return map;
};

/** Every list of `lists` and of `expected` under `keys`, and both `ascending()` orders, compared with `Object.is` (so -0 and 0 differ). */
const sameAs = (lists: IdLists, expected: Map<number, number[]>, keys: ReadonlyArray<number>): boolean => {
  const sameList = (a: ReadonlyArray<number> | undefined, b: ReadonlyArray<number> | undefined): boolean =>
    a === undefined || b === undefined ? a === b : a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  const got = lists.ascending();
  const want = [...expected].sort((a, b) => a[0] - b[0]);
  return (
    keys.every((k) => sameList(lists.get(k), expected.get(k))) &&
    got.length === want.length &&
    got.every(([k, list], i) => Object.is(k, want[i]?.[0]) && sameList(list, want[i]?.[1]))
  );
};

/** Keys around the array's bound: negative, inside, at and past the bound, far past it, and not integers. */
const keyNear = (bound: number): fc.Arbitrary<number> =>
  fc.oneof(fc.integer({ min: -3, max: bound + 3 }), fc.constantFrom(bound - 1, bound, 2 ** 31, Number.MAX_SAFE_INTEGER, 0.5, -0));

describe('IdLists (compile, R-TRN-2 ids)', () => {
  it('gives every key the list of its pushes, in order, and every key ascending, whether the key lies in the array or the map', () => {
    fc.assert(
      fc.property(
        // ids dense (the array) or spread far apart (the map alone)
        fc.oneof(fc.array(fc.nat(60), { maxLength: 40 }), fc.array(fc.nat(2 ** 40), { minLength: 1, maxLength: 5 })).chain((ids) =>
          fc.tuple(fc.constant(ids), fc.array(fc.tuple(keyNear(Math.max(-1, ...ids) + 1), fc.nat(1000)), { maxLength: 80 })),
        ),
        ([ids, pushes]) => {
          const lists = IdLists.over(ids.map((id) => ({ id })));
          for (const [key, id] of pushes) lists.push(key, id);
          const expected = reference(pushes);
          return sameAs(lists, expected, [...new Set([...pushes.map(([k]) => k), -1, 0, 1, 70])]);
        },
      ),
    );
  });

  it('answers for sparse or huge ids, and files -0 with 0 (as a Map does)', () => {
    const sparse = IdLists.over([{ id: 1 }, { id: 10_000_000 }]);
    sparse.push(10_000_000, 1);
    sparse.push(3, 2);
    expect(sparse.ascending()).toEqual([
      [3, [2]],
      [10_000_000, [1]],
    ]);
    const dense = IdLists.over([{ id: 0 }, { id: 2 }]);
    dense.push(-0, 7);
    dense.push(0, 8);
    dense.push(2, 9);
    dense.push(-1, 6);
    expect(dense.get(0)).toEqual([7, 8]);
    expect(Object.is(dense.ascending()[1]?.[0], 0)).toBe(true); // +0, as the Map's key would be
    expect(dense.ascending()).toEqual([
      [-1, [6]],
      [0, [7, 8]],
      [2, [9]],
    ]);
    expect(IdLists.over([]).ascending()).toEqual([]);
  });
});
