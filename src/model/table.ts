/**
 * `Table`: an immutable, ordered map with cheap updates, the storage of every index of the
 * compiled snapshot (D-INC-1).
 *
 * A table keyed by ids has a dense *base*: values in chunks of 256 by position, and a position
 * found either by subtraction (the *span* layout, for keys that fill most of their range, as ids
 * handed out in order do) or by an open-addressing hash over an `Int32Array` (sparse keys). An
 * update of a key the base holds (the usual case: a data source, user or share list that changes)
 * copies the chunk list and the one chunk it touches, so a new version shares all other chunks
 * and the index with the old one, and a lookup stays a subtraction or a probe and two array
 * loads, however many versions came before. Keys the base does not hold (new entities) go to a
 * small *overlay*, which is folded into a new base once it outgrows about √n (one linear rebuild
 * per √n creations). An id base takes every update of its own keys, so a lookup asks it first
 * and reads the overlay only when it has nothing. A table keyed by text (user names) has a `Map`
 * base and puts every change in the overlay, which is read first.
 *
 * INVARIANT (immutable): no method mutates a table; bases, chunks and overlays are never written
 * after construction, and old versions stay valid for readers that hold them.
 * INVARIANT (ordered): iteration is in ascending key order, whatever the history.
 * It is a class only to speak the `ReadonlyMap` protocol that every rule already reads.
 */

import { RowStore, type RowWrite } from './rowStore.js';

/** A deleted key (in an overlay, or in a chunk of an id base). */
const GONE: unique symbol = Symbol('gone');
type Slot<V> = V | typeof GONE;

/** How keys are ordered. */
export type KeyOrder<K> = (a: K, b: K) => number;

/** Ascending numbers. */
export const numericOrder: KeyOrder<number> = (a, b) => a - b;
/** Ascending strings by UTF-16 code units (the order of `<`). */
export const textOrder: KeyOrder<string> = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** What a table's base offers: a read-only map iterating in ascending key order that may absorb updates of its own keys. */
interface Base<K, V> {
  readonly size: number;
  /**
   * Whether the base takes every update of a key it holds (`absorb` leaves only other keys to the
   * overlay), so that a value it holds is never shadowed by the overlay.
   */
  readonly ownsItsKeys: boolean;
  get(key: K): V | undefined;
  has(key: K): boolean;
  /** The position of `key`'s typed row, -1 when the base keeps no row for it (see `Table.rowPosition`). */
  rowPosition(key: K): number;
  /** The array holding the typed row of `position`. */
  rowSlab(position: number): ArrayLike<number> | undefined;
  /** Where the typed row of `position` starts in `rowSlab(position)`. */
  rowStart(position: number): number;
  entries(): MapIterator<[K, V]>;
  /** A base of the same kind (and rows) holding `entries`, ascending (folding an overlay). */
  rebuilt(entries: Iterable<readonly [K, V]>): Base<K, V>;
  /**
   * A base with the changes to keys it holds applied (`undefined` deletes), and the changes it
   * cannot take (keys it does not hold), in order. Returns itself when it takes none.
   */
  absorb(changes: ReadonlyArray<readonly [K, V | undefined]>): { readonly base: Base<K, V>; readonly rest: ReadonlyArray<readonly [K, V | undefined]> };
}

/** A `Map` as a base: it takes no update (every change goes to the overlay). */
class MapBase<K, V> implements Base<K, V> {
  readonly size: number;
  readonly ownsItsKeys = false;
  constructor(private readonly map: ReadonlyMap<K, V>) {
    this.size = map.size;
  }
  get(key: K): V | undefined {
    return this.map.get(key);
  }
  has(key: K): boolean {
    return this.map.has(key);
  }
  rowPosition(): number {
    return -1;
  }
  rowSlab(): ArrayLike<number> | undefined {
    return undefined;
  }
  rowStart(): number {
    return 0;
  }
  entries(): MapIterator<[K, V]> {
    return this.map.entries();
  }
  rebuilt(entries: Iterable<readonly [K, V]>): Base<K, V> {
    return new MapBase<K, V>(new Map<K, V>(entries));
  }
  absorb(changes: ReadonlyArray<readonly [K, V | undefined]>): { readonly base: Base<K, V>; readonly rest: ReadonlyArray<readonly [K, V | undefined]> } {
    return { base: this, rest: changes };
  }
}

/** Marks a free slot of an `IntBase`'s hash; keys are never negative. */
const FREE = -1;
/** The largest key an `IntBase` keeps in its typed array; others go to a side map. */
const MAX_SLOT_KEY = 0x7fff_ffff;
/** 2^32 / golden ratio, odd: the multiplier of Fibonacci hashing. */
const GOLDEN = 0x9e37_79b9;
/** log2 of the chunk size of an `IntBase`'s values. */
const CHUNK_BITS = 8;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;
/**
 * How a table keyed by ids keeps a fixed-width typed row per entity beside its value (D-INC-12):
 * `write` fills the `width` numbers at `at` from the value. Rows live in a `RowStore` (D-INC-13)
 * by the values' positions and are rewritten whenever a value is, so a reader that only
 * needs a few numbers of an entity reads one compact row instead of the object. A deleted or
 * never-used position has a row of zeros, so `write` must make the first number of a row non-zero.
 */
export interface RowCodec<V> {
  readonly width: number;
  readonly write: (value: V, row: Int32Array, at: number) => void;
}

/**
 * How an `IntBase` finds a key's position, shared by all its versions. Two layouts:
 * - *span* (`span > 0`): the keys fill most of the range `first .. first + span - 1` (ids handed
 *   out in order, as R-TRN-2 does), and a key's position is `key - first`: no memory is read to
 *   find it, and a hole holds `GONE`;
 * - *hash* (`span === 0`): the keys ascending, and an open-addressing hash (key, position).
 */
interface IntIndex {
  /** Span layout: the first key of the range. */
  readonly first: number;
  /** Span layout: the length of the range; 0 in the hash layout. */
  readonly span: number;
  /** Hash layout: the keys ascending (position to key). */
  readonly keys: ReadonlyArray<number>;
  readonly slots: Int32Array;
  readonly mask: number;
  readonly shift: number;
  /** Keys above 2^31 - 1 (valid ids, never seen in practice): key to position. */
  readonly wide: ReadonlyMap<number, number>;
}

const isSlotKey = (key: number): boolean => key >= 0 && key <= MAX_SLOT_KEY && (key | 0) === key;

/** The span layout is chosen when the range of the keys is at most this many times their number (at least half full). */
const SPAN_SLACK = 2;
const noSlots = new Int32Array(0);
const noWide: ReadonlyMap<number, number> = new Map<number, number>();

/** Whether ascending `keys` fill enough of their range for the span layout. */
const spans = (keys: ReadonlyArray<number>): boolean => {
  const first = keys[0];
  const last = keys[keys.length - 1];
  return first !== undefined && last !== undefined && isSlotKey(first) && isSlotKey(last) && last - first + 1 <= SPAN_SLACK * keys.length;
};

const buildIndex = (keys: ReadonlyArray<number>): IntIndex => {
  if (spans(keys)) {
    const first = keys[0] ?? 0;
    return { first, span: (keys[keys.length - 1] ?? first) - first + 1, keys: [], slots: noSlots, mask: 0, shift: 0, wide: noWide };
  }
  let bits = 1;
  while (1 << bits < 2 * keys.length && bits < 30) bits += 1; // at most half full
  const capacity = 1 << bits;
  const slots = new Int32Array(2 * capacity).fill(FREE);
  const wide = new Map<number, number>();
  const mask = capacity - 1;
  const shift = 32 - bits;
  keys.forEach((key, position) => {
    if (!isSlotKey(key)) {
      wide.set(key, position);
      return;
    }
    let h = Math.imul(key, GOLDEN) >>> shift;
    while (slots[h << 1] !== FREE) h = (h + 1) & mask;
    slots[h << 1] = key;
    slots[(h << 1) + 1] = position;
  });
  return { first: 0, span: 0, keys, slots, mask, shift, wide };
};

/**
 * A base for integer keys (every id of the model): the keys ascending, an open-addressing hash
 * (key, position) over an `Int32Array` with linear probing, and the values by position in
 * chunks of 256. A lookup is a multiply, a shift, a probe or two and two array loads, without the
 * pointer chasing of a `Map` (D-INC-1). An update copies the chunk list and each chunk it
 * touches; the keys and the hash are shared by every version.
 */
class IntBase<V> implements Base<number, V> {
  readonly ownsItsKeys = true;
  constructor(
    private readonly index: IntIndex,
    private readonly chunks: ReadonlyArray<ReadonlyArray<Slot<V>>>,
    readonly size: number,
    private readonly codec: RowCodec<V> | undefined,
    /** The typed rows by position; `undefined` without a codec. */
    private readonly rows: RowStore | undefined,
  ) {}

  /** A base of the entries, which must be ascending by key without repeats. */
  static of<V>(entries: Iterable<readonly [number, V]>, codec: RowCodec<V> | undefined): IntBase<V> {
    const keys: number[] = [];
    const values: V[] = [];
    for (const [k, v] of entries) {
      keys.push(k);
      values.push(v);
    }
    return IntBase.ofAscending(keys, values, codec);
  }

  /** A base of `keys` (ascending, without repeats) and their `values`, position by position. */
  static ofAscending<V>(keys: ReadonlyArray<number>, values: ReadonlyArray<V>, codec: RowCodec<V> | undefined): IntBase<V> {
    const index = buildIndex(keys);
    const length = index.span > 0 ? index.span : keys.length;
    const chunks: Slot<V>[][] = [];
    for (let p = 0; p < length; p += CHUNK_MASK + 1) chunks.push(new Array<Slot<V>>(Math.min(CHUNK_MASK + 1, length - p)).fill(GONE));
    const positionOf = (i: number): number => (index.span > 0 ? (keys[i] ?? 0) - index.first : i);
    values.forEach((v, i) => {
      const p = positionOf(i);
      const chunk = chunks[p >>> CHUNK_BITS];
      if (chunk !== undefined) chunk[p & CHUNK_MASK] = v;
    });
    const rows =
      codec === undefined
        ? undefined
        : RowStore.filled(codec.width, length, (slab) => values.forEach((v, i) => codec.write(v, slab, positionOf(i) * codec.width)));
    return new IntBase<V>(index, chunks, keys.length, codec, rows);
  }

  /** The position of `key`, -1 when the base does not hold it. */
  position(key: number): number {
    const index = this.index;
    if (index.span > 0) {
      const p = key - index.first;
      return p >= 0 && p < index.span && (p | 0) === p ? p : -1;
    }
    if (!isSlotKey(key)) return index.wide.get(key) ?? -1;
    const slots = index.slots;
    const mask = index.mask;
    let h = Math.imul(key, GOLDEN) >>> index.shift;
    for (;;) {
      const k = slots[h << 1];
      if (k === key) return slots[(h << 1) + 1] ?? -1;
      if (k === FREE || k === undefined) return -1;
      h = (h + 1) & mask;
    }
  }

  get(key: number): V | undefined {
    const p = this.position(key);
    if (p < 0) return undefined;
    const v = this.chunks[p >>> CHUNK_BITS]?.[p & CHUNK_MASK];
    return v === GONE ? undefined : v;
  }

  has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  rowPosition(key: number): number {
    return this.rows === undefined ? -1 : this.position(key);
  }

  rowSlab(position: number): ArrayLike<number> | undefined {
    return this.rows?.slab(position);
  }

  rowStart(position: number): number {
    return this.rows?.start(position) ?? 0;
  }

  rebuilt(entries: Iterable<readonly [number, V]>): Base<number, V> {
    return IntBase.of<V>(entries, this.codec);
  }

  *entries(): MapIterator<[number, V]> {
    const { first, span, keys } = this.index;
    const length = span > 0 ? span : keys.length;
    for (let p = 0; p < length; p += 1) {
      const k = span > 0 ? first + p : keys[p];
      const v = this.chunks[p >>> CHUNK_BITS]?.[p & CHUNK_MASK];
      if (k !== undefined && v !== undefined && v !== GONE) yield [k, v];
    }
  }

  absorb(changes: ReadonlyArray<readonly [number, V | undefined]>): { readonly base: Base<number, V>; readonly rest: ReadonlyArray<readonly [number, V | undefined]> } {
    let chunks: Array<ReadonlyArray<Slot<V>>> | undefined;
    const copies = new Map<number, Slot<V>[]>();
    const rowWrites: RowWrite[] = [];
    const codec = this.codec;
    let size = this.size;
    const rest: Array<readonly [number, V | undefined]> = [];
    for (const change of changes) {
      const [key, value] = change;
      const p = this.position(key);
      if (p < 0) {
        rest.push(change);
        continue;
      }
      chunks ??= [...this.chunks];
      const c = p >>> CHUNK_BITS;
      let chunk = copies.get(c);
      if (chunk === undefined) {
        chunk = [...(this.chunks[c] ?? [])];
        copies.set(c, chunk);
        chunks[c] = chunk;
      }
      const before = chunk[p & CHUNK_MASK];
      const after: Slot<V> = value === undefined ? GONE : value;
      if (before === GONE && after !== GONE) size += 1;
      if (before !== GONE && after === GONE) size -= 1;
      chunk[p & CHUNK_MASK] = after;
      // a deleted entity keeps a row of zeros
      if (codec !== undefined) rowWrites.push([p, value === undefined ? undefined : (slab, at) => codec.write(value, slab, at)]);
    }
    return { base: chunks === undefined ? this : new IntBase<V>(this.index, chunks, size, codec, this.rows?.rewritten(rowWrites)), rest };
  }
}


/** The overlay size at which a base of `n` entries is folded. */
const foldThreshold = (n: number): number => Math.max(16, Math.ceil(Math.sqrt(n)));

/** Keys and values collected for an id base, noting whether they came ascending (then no sort is needed). */
class IdColumns<V> {
  private readonly keys: number[] = [];
  private readonly values: V[] = [];
  private ascending = true;

  add(value: V, key: number): void {
    const last = this.keys[this.keys.length - 1];
    if (last !== undefined && !(key > last)) this.ascending = false;
    this.keys.push(key);
    this.values.push(value);
  }

  base(codec: RowCodec<V> | undefined): IntBase<V> {
    if (this.ascending) return IntBase.ofAscending(this.keys, this.values, codec);
    const byKey = new Map<number, V>(); // a repeated key keeps its last value
    this.values.forEach((v, i) => byKey.set(this.keys[i] ?? 0, v));
    return IntBase.of<V>([...byKey].sort((a, b) => a[0] - b[0]), codec);
  }
}

/** An immutable ordered map: a shared base plus a small overlay of keys the base does not take. */
export class Table<K, V> implements ReadonlyMap<K, V> {
  /** Number of entries. */
  readonly size: number;

  private constructor(
    private readonly base: Base<K, V>,
    private readonly overlay: ReadonlyMap<K, Slot<V>>,
    size: number,
    private readonly order: KeyOrder<K>,
  ) {
    this.size = size;
  }

  /** A table of the entries of `map`, which must iterate in ascending `order` (the compiler builds it so). */
  static fromAscending<K, V>(map: ReadonlyMap<K, V>, order: KeyOrder<K>): Table<K, V> {
    return new Table<K, V>(new MapBase<K, V>(map), new Map<K, Slot<V>>(), map.size, order);
  }

  /** A table of the given entries in any order. */
  static fromEntries<K, V>(entries: Iterable<readonly [K, V]>, order: KeyOrder<K>): Table<K, V> {
    const sorted = [...entries].sort((a, b) => order(a[0], b[0]));
    return Table.fromAscending(new Map<K, V>(sorted), order);
  }

  /**
   * A table keyed by ids (integers), on a dense typed-array base; `entries` in any order (a
   * repeated key keeps its last value, as in a Map). With `rows`, every value the base holds also
   * has a typed row (D-INC-12).
   */
  static ofIds<V>(entries: Iterable<readonly [number, V]>, rows?: RowCodec<V>): Table<number, V> {
    const columns = new IdColumns<V>();
    for (const [k, v] of entries) columns.add(v, k);
    return Table.ofColumns(columns, rows);
  }

  /** A table keyed by ids of the entries of `map` (in any order), without copying them into pairs. */
  static ofIdMap<V>(map: ReadonlyMap<number, V>, rows?: RowCodec<V>): Table<number, V> {
    const columns = new IdColumns<V>();
    map.forEach((v, k) => columns.add(v, k));
    return Table.ofColumns(columns, rows);
  }

  /** A table on the id base of `columns`, with an empty overlay. */
  private static ofColumns<V>(columns: IdColumns<V>, rows: RowCodec<V> | undefined): Table<number, V> {
    const base = columns.base(rows);
    return new Table<number, V>(base, new Map<number, Slot<V>>(), base.size, numericOrder);
  }

  /** The value under `key`. */
  get(key: K): V | undefined {
    if (this.overlay.size === 0) return this.base.get(key);
    if (this.base.ownsItsKeys) {
      // the overlay holds only keys the base does not (entities created since the last fold)
      const held = this.base.get(key);
      if (held !== undefined) return held;
    }
    const slot = this.overlay.get(key);
    if (slot === undefined) return this.base.get(key);
    return slot === GONE ? undefined : slot;
  }

  /** Whether `key` has a value. */
  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  /**
   * Where `key`'s typed row is (D-INC-12): a position whose row is in `rowSlab(position)` from
   * `rowStart(position)`, or -1 when the base keeps no row for the key (a table without
   * rows, or a key created since the last fold: read it with `get`). A position whose row is all
   * zeros holds no entity, and then neither does the table (the base owns every key it places).
   */
  rowPosition(key: K): number {
    return this.base.rowPosition(key);
  }

  /** The array holding the typed row of `position` (from `rowPosition`), read-only: other versions share it. */
  rowSlab(position: number): ArrayLike<number> | undefined {
    return this.base.rowSlab(position);
  }

  /** Where the typed row of `position` starts in `rowSlab(position)`. */
  rowStart(position: number): number {
    return this.base.rowStart(position);
  }

  /**
   * A new table with `changes` applied in order (`undefined` deletes the key); this table is
   * untouched. Keys the base holds cost a chunk copy each; other keys go to the overlay (copied),
   * which is folded into a new base once it outgrows √n.
   */
  withChanges(changes: Iterable<readonly [K, V | undefined]>): Table<K, V> {
    const all = [...changes];
    if (all.length === 0) return this;
    const { base, rest } = this.base.absorb(all);
    let size = this.size - this.base.size + base.size;
    let changed = base !== this.base;
    let overlay: Map<K, Slot<V>> | undefined;
    for (const [key, value] of rest) {
      const current: ReadonlyMap<K, Slot<V>> = overlay ?? this.overlay;
      const slot = current.get(key);
      const before = slot === undefined ? base.get(key) : slot === GONE ? undefined : slot;
      if (value === undefined && before === undefined) continue;
      overlay ??= new Map<K, Slot<V>>(this.overlay);
      if (value === undefined) {
        size -= 1;
        if (base.has(key)) overlay.set(key, GONE);
        else overlay.delete(key);
      } else {
        if (before === undefined) size += 1;
        overlay.set(key, value);
      }
      changed = true;
    }
    if (!changed) return this;
    const next = new Table(base, overlay ?? this.overlay, size, this.order);
    return next.overlay.size > foldThreshold(base.size) ? next.folded() : next;
  }

  /** The same entries with an empty overlay and a base without deleted slots (one linear rebuild). */
  folded(): Table<K, V> {
    if (this.overlay.size === 0) return this;
    return new Table(this.base.rebuilt(this.entries()), new Map<K, Slot<V>>(), this.size, this.order);
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

  /** How many changes wait in the overlay (0 right after compiling or folding, and after updates of existing keys). */
  get pending(): number {
    return this.overlay.size;
  }
}

/** An empty table keyed by ids. */
export const emptyTable = <V>(): Table<number, V> => Table.ofIds<V>([]);
