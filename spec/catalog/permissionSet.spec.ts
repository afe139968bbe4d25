import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  difference,
  empty,
  equals,
  fromIds,
  has,
  intersection,
  isEmpty,
  isSubset,
  MAX_PERMISSION_ID,
  show,
  union,
  unionAll,
} from '../../src/catalog/permissionSet.js';

const ids = fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 12 });
const model = (xs: ReadonlyArray<number>): number[] => [...new Set(xs)].sort((a, b) => a - b);

describe('PermissionSet', () => {
  it('lists its members ascending without duplicates', () => {
    expect(fromIds([7, 2, 7, 40, 3]).ids).toEqual([2, 3, 7, 40]);
    expect(fromIds([]).ids).toEqual([]);
  });

  it('is canonical: the same members give structurally equal sets whatever the order or duplicates (L-ORDER)', () => {
    expect(fromIds([3, 1, 2, 2])).toEqual(fromIds([1, 2, 3]));
    expect(difference(fromIds([1, 40]), fromIds([40]))).toEqual(fromIds([1]));
    expect(intersection(fromIds([40]), fromIds([1]))).toEqual(empty);
    fc.assert(
      fc.property(ids, (xs) => {
        expect(fromIds([...xs].reverse().concat(xs))).toEqual(fromIds(xs));
      }),
      { numRuns: 200 },
    );
  });

  it('ignores ids outside 0..MAX_PERMISSION_ID and non-integers', () => {
    expect(fromIds([-1, 1.5, MAX_PERMISSION_ID + 1, Number.NaN, 0, MAX_PERMISSION_ID]).ids).toEqual([0, MAX_PERMISSION_ID]);
  });

  it('answers membership with has, across word boundaries', () => {
    const s = fromIds([0, 31, 32, 63, 64, 1023]);
    for (const id of [0, 31, 32, 63, 64, 1023]) expect(has(s, id)).toBe(true);
    for (const id of [1, 30, 33, 62, 65, 1022, 2000]) expect(has(s, id)).toBe(false);
    expect(has(empty, 0)).toBe(false);
  });

  it('computes union, intersection and difference as sets', () => {
    const a = fromIds([1, 2, 3, 40]);
    const b = fromIds([3, 4, 40, 70]);
    expect(union(a, b).ids).toEqual([1, 2, 3, 4, 40, 70]);
    expect(intersection(a, b).ids).toEqual([3, 40]);
    expect(difference(a, b).ids).toEqual([1, 2]);
    expect(difference(b, a).ids).toEqual([4, 70]);
    expect(union(a, empty)).toBe(a);
    expect(union(empty, b)).toBe(b);
  });

  it('agrees with a model of sorted arrays for every operation', () => {
    fc.assert(
      fc.property(ids, ids, (xs, ys) => {
        const a = fromIds(xs);
        const b = fromIds(ys);
        expect(union(a, b).ids).toEqual(model([...xs, ...ys]));
        expect(intersection(a, b).ids).toEqual(model(xs.filter((x) => ys.includes(x))));
        expect(difference(a, b).ids).toEqual(model(xs.filter((x) => !ys.includes(x))));
        expect(isSubset(a, b)).toBe(xs.every((x) => ys.includes(x)));
        expect(equals(a, b)).toBe(JSON.stringify(model(xs)) === JSON.stringify(model(ys)));
        expect(isEmpty(a)).toBe(xs.length === 0);
      }),
      { numRuns: 300 },
    );
  });

  it('decides subsets and equality', () => {
    expect(isSubset(fromIds([2, 7]), fromIds([2, 3, 7]))).toBe(true);
    expect(isSubset(fromIds([2, 40]), fromIds([2, 3, 7]))).toBe(false);
    expect(isSubset(empty, fromIds([1]))).toBe(true);
    expect(equals(fromIds([7, 2]), fromIds([2, 7]))).toBe(true);
    expect(equals(fromIds([2]), fromIds([2, 40]))).toBe(false);
    expect(equals(empty, fromIds([]))).toBe(true);
  });

  it('unions many sets and renders a set as text', () => {
    expect(unionAll([fromIds([1]), fromIds([40]), empty, fromIds([2])]).ids).toEqual([1, 2, 40]);
    expect(unionAll([])).toEqual(empty);
    expect(show(fromIds([7, 2, 3]))).toBe('[2,3,7]');
    expect(show(empty)).toBe('[]');
  });
});
