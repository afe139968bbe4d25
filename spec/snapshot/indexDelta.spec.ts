import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexDelta } from '../../src/snapshot/update.js';

/** A note that `id` leaves the list, and one that it enters. */
const removal = (id: number): readonly [number, 1 | -1] => [id, -1];
const addition = (id: number): readonly [number, 1 | -1] => [id, 1];

describe('IndexDelta (D-INC-14)', () => {
  it('R-TRN-1 merges the ids added and removed into an ascending list, whatever order they were noted in', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(60), { maxLength: 20 }).chain((listed) =>
          fc.tuple(
            fc.constant([...listed].sort((a, b) => a - b)),
            // removals of listed ids and additions of unlisted ones, noted in any order
            fc.shuffledSubarray(listed),
            fc.uniqueArray(fc.integer({ min: 61, max: 120 }), { maxLength: 6 }),
            fc.boolean(),
          ),
        ),
        ([list, removed, added, addsFirst]) => {
          const delta = new IndexDelta<string>();
          const notes = [...removed.map(removal), ...added.map(addition)];
          for (const [id, direction] of addsFirst ? [...notes].reverse() : notes) delta.note('k', id, direction);
          const expected = [...list.filter((id) => !removed.includes(id)), ...added].sort((a, b) => a - b);
          return JSON.stringify(delta.apply('k', list)) === JSON.stringify(expected);
        },
      ),
    );
  });

  it('removes several ids noted in descending order, and leaves a list without notes as it is', () => {
    const delta = new IndexDelta<string>();
    delta.note('k', 7, -1);
    delta.note('k', 3, -1);
    delta.note('k', 5, 1);
    const list = [1, 3, 7, 9];
    expect(delta.apply('k', list)).toEqual([1, 5, 9]);
    expect(delta.apply('other', list)).toBe(list);
    delta.note('k', 5, -1); // cancels the addition
    delta.note('k', 3, 1); // and the removal
    delta.note('k', 7, 1);
    expect(delta.apply('k', list)).toBe(list);
    expect(delta.changedKeys()).toEqual([]);
  });
});
