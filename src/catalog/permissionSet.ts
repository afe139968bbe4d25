/**
 * PermissionSet: an immutable set of small non-negative integer permission ids.
 *
 * Stored twice on purpose: as 32-bit words (membership is one shift and one mask) and as the
 * ascending id list (rendering, iteration and JSON never sort again).
 * INVARIANT (canonical): `ids` is strictly ascending and `words` has no trailing zero word, so
 * two sets with the same members are structurally equal.
 */

/** An immutable set of permission ids. */
export interface PermissionSet {
  readonly _tag: 'PermissionSet';
  /** The first word inline (ids 0–31, every built-in permission): membership without an array load. */
  readonly lo: number;
  /** Bit `id & 31` of word `id >>> 5` is set iff `id` is a member. */
  readonly words: ReadonlyArray<number>;
  /** The members in ascending order. */
  readonly ids: ReadonlyArray<number>;
  /** The set as text, `[2,3,7]`, built once: traces name sets in most of their sentences. */
  readonly text: string;
}

/** The largest permission id a set can hold (catalog ids are bounded by the codec). */
export const MAX_PERMISSION_ID = 1023;

const make = (words: ReadonlyArray<number>): PermissionSet => {
  let top = words.length;
  while (top > 0 && words[top - 1] === 0) top -= 1;
  const trimmed = top === words.length ? words : words.slice(0, top);
  const ids: number[] = [];
  trimmed.forEach((word, w) => {
    for (let bit = 0; bit < 32; bit += 1) {
      if (((word >>> bit) & 1) === 1) ids.push(w * 32 + bit);
    }
  });
  return { _tag: 'PermissionSet', lo: trimmed[0] ?? 0, words: trimmed, ids, text: `[${ids.join(',')}]` };
};

/** The empty set. */
export const empty: PermissionSet = { _tag: 'PermissionSet', lo: 0, words: [], ids: [], text: '[]' };

/** The set of the given ids; duplicates and order do not matter. Ids outside 0..MAX_PERMISSION_ID are ignored. */
export const fromIds = (ids: Iterable<number>): PermissionSet => {
  const words: number[] = [];
  for (const id of ids) {
    if (!Number.isInteger(id) || id < 0 || id > MAX_PERMISSION_ID) continue;
    const w = id >>> 5;
    while (words.length <= w) words.push(0);
    words[w] = ((words[w] ?? 0) | (1 << (id & 31))) >>> 0;
  }
  return make(words);
};

/** Whether `id` is a member of `set`. */
export const has = (set: PermissionSet, id: number): boolean =>
  id < 32 ? ((set.lo >>> id) & 1) === 1 : (((set.words[id >>> 5] ?? 0) >>> (id & 31)) & 1) === 1;

const zip = (a: PermissionSet, b: PermissionSet, length: number, f: (x: number, y: number) => number): PermissionSet => {
  const words: number[] = [];
  for (let w = 0; w < length; w += 1) words.push(f(a.words[w] ?? 0, b.words[w] ?? 0) >>> 0);
  return make(words);
};

/** The members of either set. */
export const union = (a: PermissionSet, b: PermissionSet): PermissionSet =>
  b.ids.length === 0 ? a : a.ids.length === 0 ? b : zip(a, b, Math.max(a.words.length, b.words.length), (x, y) => x | y);

/** The members of both sets. */
export const intersection = (a: PermissionSet, b: PermissionSet): PermissionSet =>
  zip(a, b, Math.min(a.words.length, b.words.length), (x, y) => x & y);

/** The members of `a` that are not in `b`. */
export const difference = (a: PermissionSet, b: PermissionSet): PermissionSet =>
  zip(a, b, a.words.length, (x, y) => x & ~y);

/** Whether every member of `a` is in `b`. */
export const isSubset = (a: PermissionSet, b: PermissionSet): boolean =>
  a.words.every((word, w) => (word & ~(b.words[w] ?? 0)) === 0);

/** Whether both sets have the same members. */
export const equals = (a: PermissionSet, b: PermissionSet): boolean =>
  a.words.length === b.words.length && a.words.every((word, w) => word === b.words[w]);

/** Whether the set has no member. */
export const isEmpty = (set: PermissionSet): boolean => set.ids.length === 0;

/** The union of all given sets. */
export const unionAll = (sets: Iterable<PermissionSet>): PermissionSet => {
  let acc = empty;
  for (const s of sets) acc = union(acc, s);
  return acc;
};

/** The set as text, e.g. `[2,3,7]`. */
export const show = (set: PermissionSet): string => set.text;
