/**
 * `RowStore`: the typed rows of an id base (D-INC-12, D-INC-13), fixed-width rows of 32-bit
 * integers by position, kept in a few large `Int32Array` *slabs* and copied on write by chunks of
 * 32 rows.
 *
 * A *chunk table* (an `Int32Array`, two numbers per chunk: its slab and where it starts there)
 * says where each chunk lives. A store built at compile or fold puts every chunk in one slab, in
 * position order, so a row is one read of the chunk table (a small array that stays in cache) and
 * one read of a large array: no object per chunk to chase, which is what made rows slow once the
 * tables outgrew the cache. An update copies the chunks it touches into one new slab of its own
 * and the chunk table, and points the copied entries at the new slab; every other chunk is shared
 * with the old version. When the slabs written by updates hold more than a quarter of the rows
 * (at least 64 chunks), the next update compacts: one new slab of every chunk in order, a linear
 * copy every few hundred updates.
 *
 * INVARIANT (immutable): a slab and a chunk table are never written once the store holding them
 * is returned, so old versions keep their rows for readers that hold them.
 */

/** log2 of the number of rows per chunk (the unit an update copies). */
const ROW_BITS = 5;
const ROW_MASK = (1 << ROW_BITS) - 1;
/** Compaction waits until the update slabs hold at least this many chunks. */
const MIN_SPARE_CHUNKS = 64;
/** Compaction starts when the update slabs hold more than this fraction of the rows. */
const SPARE_FRACTION = 0.25;

/** One rewrite of a row: its position and the function that fills it (`undefined`: the row becomes zeros). */
export type RowWrite = readonly [position: number, write: ((slab: Int32Array, at: number) => void) | undefined];

/** Fixed-width typed rows by position, copy-on-write by chunks of 32 rows (see the module comment). */
export class RowStore {
  private constructor(
    /** Numbers per row. */
    readonly width: number,
    /** Per chunk, at `2c` its slab's index in `slabs` and at `2c + 1` its first number there. */
    private readonly chunkTable: Int32Array,
    private readonly slabs: ReadonlyArray<Int32Array>,
    /** Numbers held by the slabs other than the first (written by updates since the last compaction). */
    private readonly spare: number,
  ) {}

  /** A store of `positions` rows of `width` numbers, filled by `fill` (row `p` starts at `p * width` of the slab it is given). */
  static filled(width: number, positions: number, fill: (slab: Int32Array) => void): RowStore {
    const chunks = (positions + ROW_MASK) >>> ROW_BITS;
    const slab = new Int32Array(chunks * chunkNumbers(width));
    fill(slab);
    return new RowStore(width, inOrder(chunks, width), [slab], 0);
  }

  /** The slab holding the row of `position`; `undefined` beyond the store. */
  slab(position: number): ArrayLike<number> | undefined {
    const s = this.chunkTable[(position >>> ROW_BITS) << 1];
    return s === undefined ? undefined : this.slabs[s];
  }

  /** Where the row of `position` starts in `slab(position)`. */
  start(position: number): number {
    return (this.chunkTable[((position >>> ROW_BITS) << 1) + 1] ?? 0) + (position & ROW_MASK) * this.width;
  }

  /**
   * A store with `writes` applied in order, each to a zeroed row (positions must lie in the store);
   * this store is untouched. Costs one chunk copy per chunk touched, plus the chunk table.
   */
  rewritten(writes: ReadonlyArray<RowWrite>): RowStore {
    if (writes.length === 0) return this;
    const size = chunkNumbers(this.width);
    const placed = new Map<number, number>(); // chunk -> its start in the new slab
    for (const [p] of writes) if (!placed.has(p >>> ROW_BITS)) placed.set(p >>> ROW_BITS, placed.size * size);
    const fresh = new Int32Array(placed.size * size);
    const chunkTable = this.chunkTable.slice();
    const slabIndex = this.slabs.length;
    for (const [c, start] of placed) {
      const from = this.chunkTable[(c << 1) + 1] ?? 0;
      const old = this.slabs[this.chunkTable[c << 1] ?? 0];
      if (old !== undefined) fresh.set(old.subarray(from, from + size), start);
      chunkTable[c << 1] = slabIndex;
      chunkTable[(c << 1) + 1] = start;
    }
    for (const [p, write] of writes) {
      const at = (placed.get(p >>> ROW_BITS) ?? 0) + (p & ROW_MASK) * this.width;
      fresh.fill(0, at, at + this.width);
      if (write !== undefined) write(fresh, at);
    }
    const next = new RowStore(this.width, chunkTable, [...this.slabs, fresh], this.spare + fresh.length);
    const rows = (chunkTable.length >>> 1) * size;
    return next.spare > Math.max(MIN_SPARE_CHUNKS * size, SPARE_FRACTION * rows) ? next.compacted() : next;
  }

  /** The same rows in one slab, in position order. */
  compacted(): RowStore {
    const chunks = this.chunkTable.length >>> 1;
    const size = chunkNumbers(this.width);
    const slab = new Int32Array(chunks * size);
    for (let c = 0; c < chunks; c += 1) {
      const from = this.chunkTable[(c << 1) + 1] ?? 0;
      const old = this.slabs[this.chunkTable[c << 1] ?? 0];
      if (old !== undefined) slab.set(old.subarray(from, from + size), c * size);
    }
    return new RowStore(this.width, inOrder(chunks, this.width), [slab], 0);
  }

  /** How many slabs hold the rows (1 right after building or compacting). */
  get slabCount(): number {
    return this.slabs.length;
  }
}

/** Numbers per chunk of rows of `width`. */
const chunkNumbers = (width: number): number => (ROW_MASK + 1) * width;

/** The chunk table of `chunks` chunks laid out in order in slab 0. */
const inOrder = (chunks: number, width: number): Int32Array => {
  const table = new Int32Array(chunks << 1);
  for (let c = 0; c < chunks; c += 1) table[(c << 1) + 1] = c * chunkNumbers(width);
  return table;
};
