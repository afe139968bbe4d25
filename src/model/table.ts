/**
 * `Table`: an immutable, ordered map with cheap updates, the storage of every index of the
 * compiled snapshot (D-INC-1).
 *
 * A table is a *base* map, built once in ascending key order, plus a small *overlay* of the
 * entries changed since (a value, or `GONE` for a deleted key). `withChanges` copies only the
 * overlay, so a new version shares its base with the old one and an update costs the size of
 * the overlay, not of the table. When the overlay outgrows about √(base size) it is folded into
 * a new base (one linear copy, paid once per √n updates). Lookups read the overlay first only
 * when it is not empty, so a freshly compiled or freshly folded table reads like a plain `Map`.
 *
 * INVARIANT (immutable): no method mutates a table; `base` and `overlay` are never written after
 * construction, and old versions stay valid for readers that hold them.
 * INVARIANT (ordered): iteration is in ascending key order (`compare`), whatever the history.
 * It is a class only to speak the `ReadonlyMap` protocol that every rule already reads.
 */

/** A deleted key in an overlay. */
const GONE: unique symbol = Symbol('gone');
type Slot<V> = V | typeof GONE;

/** How keys are ordered. */
export type KeyOrder<K> = (a: K, b: K) => number;

/** Ascending numbers. */
export const numericOrder: KeyOrder<number> = (a, b) => a - b;
/** Ascending strings by UTF-16 code units (the order of `<`). */
export const textOrder: KeyOrder<string> = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** What a table's base offers: a read-only map built once, iterating in ascending key order. */
interface Base<K, V> {
  readonly size: number;
  get(key: K): V | undefined;
  has(key: K): boolean;
  entries(): MapIterator<[K, V]>;
}

/** Marks a free slot of an `IntBase`; keys are never negative. */
const FREE = -1;
/** The largest key an `IntBase` keeps in its typed array; others go to a side map. */
const MAX_SLOT_KEY = 0x7fff_ffff;
/** 2^32 / golden ratio, odd: the multiplier of Fibonacci hashing. */
const GOLDEN = 0x9e37_79b9;

/**
 * A base for integer keys (every id of the model): the entries in ascending key order in two
 * parallel arrays, and an open-addressing hash over an `Int32Array` (key, position) with linear
 * probing, at most half full. A lookup is a multiply, a shift and a probe or two in one typed
 * array, without the pointer chasing of a `Map` (D-INC-1). Keys above 2^31 - 1 (valid ids, never
 * seen in practice) live in a side `Map`.
 */
class IntBase<V> implements Base<number, V> {
  readonly size: number;
  private readonly keys: ReadonlyArray<number>;
  private readonly values: ReadonlyArray<V>;
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly shift: number;
  private readonly wide: ReadonlyMap<number, V>;

  constructor(entries: Iterable<readonly [number, V]>) {
    const keys: number[] = [];
    const values: V[] = [];
    const wide = new Map<number, V>();
    for (const [k, v] of entries) {
      keys.push(k);
      values.push(v);
      if (!(k >= 0 && k <= MAX_SLOT_KEY && Number.isInteger(k))) wide.set(k, v);
    }
    let bits = 1;
    while (1 << bits < 2 * keys.length && bits < 30) bits += 1;
    const capacity = 1 << bits;
    const slots = new Int32Array(2 * capacity).fill(FREE);
    const mask = capacity - 1;
    const shift = 32 - bits;
    keys.forEach((key, position) => {
      if (!(key >= 0 && key <= MAX_SLOT_KEY && Number.isInteger(key))) return;
      let h = Math.imul(key, GOLDEN) >>> shift;
      while (slots[h << 1] !== FREE) h = (h + 1) & mask;
      slots[h << 1] = key;
      slots[(h << 1) + 1] = position;
    });
    this.size = keys.length;
    this.keys = keys;
    this.values = values;
    this.slots = slots;
    this.mask = mask;
    this.shift = shift;
    this.wide = wide;
  }

  get(key: number): V | undefined {
    if (!(key >= 0 && key <= MAX_SLOT_KEY && (key | 0) === key)) return this.wide.get(key);
    const slots = this.slots;
    let h = Math.imul(key, GOLDEN) >>> this.shift;
    for (;;) {
      const k = slots[h << 1];
      if (k === key) return this.values[slots[(h << 1) + 1] ?? 0];
      if (k === FREE) return undefined;
      h = (h + 1) & this.mask;
    }
  }

  has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  *entries(): MapIterator<[number, V]> {
    for (let i = 0; i < this.keys.length; i += 1) {
      const k = this.keys[i];
      const v = this.values[i];
      if (k !== undefined && v !== undefined) yield [k, v];
    }
  }
}

/** A `Map` base of the entries (one function for every table, so that equal tables compare equal). */
const mapBase = <K, V>(entries: Iterable<readonly [K, V]>): Base<K, V> => new Map<K, V>(entries);
/** An `IntBase` of the entries. */
const intBase = <V>(entries: Iterable<readonly [number, V]>): Base<number, V> => new IntBase<V>(entries);

/** The overlay size at which a base of `n` entries is folded. */
const foldThreshold = (n: number): number => Math.max(16, Math.ceil(Math.sqrt(n)));

/** An immutable ordered map: a shared base plus a small overlay of changes. */
export class Table<K, V> implements ReadonlyMap<K, V> {
  /** Number of entries. */
  readonly size: number;

  private constructor(
    private readonly base: Base<K, V>,
    private readonly overlay: ReadonlyMap<K, Slot<V>>,
    size: number,
    private readonly order: KeyOrder<K>,
    private readonly rebuild: (entries: Iterable<readonly [K, V]>) => Base<K, V>,
  ) {
    this.size = size;
  }

  /** A table of the entries of `map`, which must iterate in ascending `order` (the compiler builds it so). */
  static fromAscending<K, V>(map: ReadonlyMap<K, V>, order: KeyOrder<K>): Table<K, V> {
    return new Table<K, V>(map, new Map<K, Slot<V>>(), map.size, order, mapBase);
  }

  /** A table of the given entries in any order. */
  static fromEntries<K, V>(entries: Iterable<readonly [K, V]>, order: KeyOrder<K>): Table<K, V> {
    const sorted = [...entries].sort((a, b) => order(a[0], b[0]));
    return Table.fromAscending(new Map<K, V>(sorted), order);
  }

  /** A table keyed by ids (integers), on a typed-array hash base; `entries` in any order. */
  static ofIds<V>(entries: Iterable<readonly [number, V]>): Table<number, V> {
    const sorted = [...new Map<number, V>(entries)].sort((a, b) => a[0] - b[0]); // a repeated key keeps its last value, as in a Map
    const base = new IntBase<V>(sorted);
    return new Table<number, V>(base, new Map<number, Slot<V>>(), base.size, numericOrder, intBase);
  }

  /** The value under `key`. */
  get(key: K): V | undefined {
    if (this.overlay.size === 0) return this.base.get(key);
    const slot = this.overlay.get(key);
    if (slot === undefined) return this.base.get(key);
    return slot === GONE ? undefined : slot;
  }

  /** Whether `key` has a value. */
  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  /**
   * A new table with `changes` applied in order (`undefined` deletes the key); this table is
   * untouched. Costs the size of the overlay, or one fold when it grows past √n.
   */
  withChanges(changes: Iterable<readonly [K, V | undefined]>): Table<K, V> {
    const overlay = new Map<K, Slot<V>>(this.overlay);
    let size = this.size;
    let changed = false;
    for (const [key, value] of changes) {
      const before = this.getFrom(overlay, key);
      if (value === undefined) {
        if (before === undefined) continue;
        size -= 1;
        if (this.base.has(key)) overlay.set(key, GONE);
        else overlay.delete(key);
      } else {
        if (before === undefined) size += 1;
        overlay.set(key, value);
      }
      changed = true;
    }
    if (!changed) return this;
    const next = new Table(this.base, overlay, size, this.order, this.rebuild);
    return overlay.size > foldThreshold(this.base.size) ? next.folded() : next;
  }

  /** The same entries with an empty overlay (one linear copy). */
  folded(): Table<K, V> {
    if (this.overlay.size === 0) return this;
    return new Table(this.rebuild(this.entries()), new Map<K, Slot<V>>(), this.size, this.order, this.rebuild);
  }

  /** Entries in ascending key order. */
  *entries(): MapIterator<[K, V]> {
    if (this.overlay.size === 0) {
      yield* this.base.entries();
      return;
    }
    // merge the base (ascending) with the overlay's keys sorted once
    const changed: ReadonlyArray<K> = [...this.overlay.keys()].sort(this.order);
    let i = 0;
    for (const [key, value] of this.base.entries()) {
      for (let k = changed[i]; k !== undefined && this.order(k, key) < 0; k = changed[i]) {
        const slot = this.overlay.get(k);
        if (slot !== undefined && slot !== GONE) yield [k, slot];
        i += 1;
      }
      const slot = this.overlay.get(key);
      if (slot === undefined) yield [key, value];
      else {
        if (slot !== GONE) yield [key, slot];
        i += 1; // the overlay key equal to `key` is the next one in `changed`
      }
    }
    for (let k = changed[i]; k !== undefined; k = changed[(i += 1)]) {
      const slot = this.overlay.get(k);
      if (slot !== undefined && slot !== GONE) yield [k, slot];
    }
  }

  /** Keys in ascending order. */
  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  /** Values in ascending key order. */
  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  /** Calls `f` on every entry in ascending key order. */
  forEach(f: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const [key, value] of this.entries()) f(value, key, this);
  }

  /** Entries in ascending key order. */
  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  /** How many changes wait in the overlay (0 right after compiling or folding). */
  get pending(): number {
    return this.overlay.size;
  }

  private getFrom(overlay: ReadonlyMap<K, Slot<V>>, key: K): V | undefined {
    const slot = overlay.get(key);
    if (slot === undefined) return this.base.get(key);
    return slot === GONE ? undefined : slot;
  }
}

/** An empty table keyed by ids. */
export const emptyTable = <V>(): Table<number, V> => Table.ofIds<V>([]);
