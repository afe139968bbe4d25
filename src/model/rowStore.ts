/**
 * `RowStore`: the typed rows of an id base (D-INC-12, D-INC-13), fixed-width rows of 32-bit
 * integers by position, kept in a few large `Int32Array` *slabs* and copied on write by chunks of
 * 32 rows.
 *
 * A *chunk table* says where each chunk lives: entry `2c` is chunk c's slab and entry `2c + 1`
 * where it starts there, side by side so that both come with one cache line. A store built at
 * compile or fold puts every chunk in one slab, its *home*, in position order. A small bitmap says
 * which chunks have *moved* since (live in an update slab): a row of a chunk that has not moved is
 * found by arithmetic in the home slab, without reading the chunk table, whose entry may be far
 * from cache once the tables outgrow it; only a moved chunk's row reads the table. Either way a
 * row is found without chasing an object per chunk, which is what made rows slow once the tables
 * outgrew the cache. An update copies the chunks it touches into one new slab of its own, the
 * chunk table (two entries per 32 rows) and the bitmap (one bit per chunk); every other chunk is
 * shared with the old version.
 * An update compacts the store it makes (one new home: the old home copied whole, then the moved
 * chunks over it, and a clear bitmap) when more than an eighth of the chunks have moved, since each moved chunk costs
 * its rows a read of the table, or when the slabs written by updates hold more than half as many
 * numbers as the rows, since they keep dead copies of chunks moved again; either way only past 64
 * chunks. The first comes every few hundred updates that touch new chunks.
 *
 * INVARIANT (immutable): a slab, a chunk table and a bitmap are never written once the store
 * holding them is returned, so old versions keep their rows for readers that hold them.
 * INVARIANT (shape): the chunk table alternates slab, start for every chunk.
 * INVARIANT (home): a chunk whose bit is clear in `moved` is at `c * chunkNumbers(width)` of `home`,
 * and the chunk table says so too; the bitmap is only a shortcut past the table.
 */

/** log2 of the number of rows per chunk (the unit an update copies). */
const ROW_BITS = 5;
const ROW_MASK = (1 << ROW_BITS) - 1;
/** log2 of the number of chunks an entry of the moved bitmap covers. */
const MOVED_BITS = 4;
const MOVED_MASK = (1 << MOVED_BITS) - 1;
/** Compaction waits until the update slabs hold more than this many chunks. */
const MIN_SPARE_CHUNKS = 64;
/** Compaction starts when the update slabs hold more than this fraction of the rows' numbers (memory). */
const SPARE_FRACTION = 0.5;
/** Compaction starts when more than this fraction of the chunks have moved (a moved chunk's row costs a read of the chunk table). */
const MOVED_FRACTION = 0.125;

/** One rewrite of a row: its position and the function that fills it (`undefined`: the row becomes zeros). */
export type RowWrite = readonly [position: number, write: ((slab: Int32Array, at: number) => void) | undefined];

/** Fixed-width typed rows by position, copy-on-write by chunks of 32 rows (see the module comment). */
export class RowStore {
  private constructor(
    /** Numbers per row. */
    readonly width: number,
    /** The slab of the last build or compaction: chunk c from `c * chunkNumbers(width)`, unless it has moved. */
    private readonly home: Int32Array,
    /**
     * Bit `c & 15` of entry `c >>> 4` is set when chunk c has moved to an update slab since `home` was built
     * (16 bits an entry keeps every entry a small integer: a plain array, copied on the heap by an update).
     */
    private readonly moved: ReadonlyArray<number>,
    /** By chunk c: at `2c` the slab holding it, at `2c + 1` where it starts in that slab. */
    private readonly table: ReadonlyArray<Int32Array | number>,
    /** How many chunks the store has. */
    private readonly chunks: number,
    /** Numbers held by update slabs (written since the last compaction), live or not. */
    private readonly spare: number,
    /** How many chunks have moved (bits set in `moved`). */
    private readonly movedCount: number,
  ) {}

  /** A store of `positions` rows of `width` numbers, filled by `fill` (row `p` starts at `p * width` of the slab it is given). */
  static filled(width: number, positions: number, fill: (slab: Int32Array) => void): RowStore {
    const chunks = (positions + ROW_MASK) >>> ROW_BITS;
    const slab = new Int32Array(chunks * chunkNumbers(width));
    fill(slab);
    return RowStore.inOrder(width, slab, chunks);
  }

  /** The store of `chunks` chunks laid out in order in `slab`. */
  private static inOrder(width: number, slab: Int32Array, chunks: number): RowStore {
    const table: Array<Int32Array | number> = [];
    for (let c = 0; c < chunks; c += 1) table.push(slab, c * chunkNumbers(width));
    return new RowStore(width, slab, new Array<number>((chunks + MOVED_MASK) >>> MOVED_BITS).fill(0), table, chunks, 0, 0);
  }

  /** The slab holding the row of `position`; `undefined` beyond the store. */
  slab(position: number): ArrayLike<number> | undefined {
    const c = position >>> ROW_BITS;
    if (c >= this.chunks) return undefined;
    return this.hasMoved(c) ? this.slabOf(c) : this.home;
  }

  /** Where the row of `position` starts in `slab(position)`. */
  start(position: number): number {
    const c = position >>> ROW_BITS;
    return this.hasMoved(c) ? this.startOf(c) + (position & ROW_MASK) * this.width : position * this.width;
  }

  /** Whether chunk `c` has left its place in `home` for an update slab. */
  private hasMoved(c: number): boolean {
    return ((this.moved[c >>> MOVED_BITS] ?? 0) & movedBit(c)) !== 0;
  }

  /**
   * A store with `writes` applied in order, each to a zeroed row (positions must lie in the store);
   * this store is untouched. Costs one chunk copy per chunk touched, and a copy of the chunk table.
   */
  rewritten(writes: ReadonlyArray<RowWrite>): RowStore {
    if (writes.length === 0) return this;
    const size = chunkNumbers(this.width);
    const placed = new Map<number, number>(); // chunk -> its start in the new slab
    for (const [p] of writes) if (!placed.has(p >>> ROW_BITS)) placed.set(p >>> ROW_BITS, placed.size * size);
    const fresh = new Int32Array(placed.size * size);
    const table = this.table.slice();
    const moved = this.moved.slice();
    let movedCount = this.movedCount;
    for (const [c, start] of placed) {
      if (!this.hasMoved(c)) movedCount += 1;
      this.copyChunk(c, fresh, start);
      table[c << 1] = fresh;
      table[(c << 1) + 1] = start;
      moved[c >>> MOVED_BITS] = (moved[c >>> MOVED_BITS] ?? 0) | movedBit(c);
    }
    for (const [p, write] of writes) {
      const at = (placed.get(p >>> ROW_BITS) ?? 0) + (p & ROW_MASK) * this.width;
      fresh.fill(0, at, at + this.width);
      if (write !== undefined) write(fresh, at);
    }
    const next = new RowStore(this.width, this.home, moved, table, this.chunks, this.spare + fresh.length, movedCount);
    const compact = next.spare > Math.max(MIN_SPARE_CHUNKS * size, SPARE_FRACTION * next.chunks * size) || next.movedCount > Math.max(MIN_SPARE_CHUNKS, MOVED_FRACTION * next.chunks);
    return compact ? next.compacted() : next;
  }

  /** The same rows in one slab, in position order: the home slab copied whole, then the chunks that moved. */
  private compacted(): RowStore {
    const chunks = this.chunks;
    const size = chunkNumbers(this.width);
    const slab = new Int32Array(chunks * size);
    slab.set(this.home);
    for (let c = 0; c < chunks; c += 1) if (this.hasMoved(c)) this.copyChunk(c, slab, c * size);
    return RowStore.inOrder(this.width, slab, chunks);
  }

  /** Copies chunk `c` into `target` from `at` (`target` is a slab still being built), number by number: cheaper than a `subarray` for one chunk. */
  private copyChunk(c: number, target: Int32Array, at: number): void {
    const old = this.slabOf(c);
    if (old === undefined) return;
    const from = this.startOf(c);
    const numbers = chunkNumbers(this.width);
    for (let k = 0; k < numbers; k += 1) target[at + k] = old[from + k] ?? 0;
  }

  /** The slab of chunk `c`; `undefined` beyond the store. */
  private slabOf(c: number): Int32Array | undefined {
    const slab = this.table[c << 1];
    return typeof slab === 'number' ? undefined : slab;
  }

  /** Where chunk `c` starts in its slab. */
  private startOf(c: number): number {
    const start = this.table[(c << 1) + 1];
    return typeof start === 'number' ? start : 0;
  }

  /** How many chunks the update slabs hold (0 right after building or compacting). */
  get spareChunks(): number {
    return this.spare / chunkNumbers(this.width);
  }
}

/** Chunk `c`'s bit in its entry of the moved bitmap (entry `c >>> MOVED_BITS`). */
const movedBit = (c: number): number => 1 << (c & MOVED_MASK);

/** Numbers per chunk of rows of `width`. */
const chunkNumbers = (width: number): number => (ROW_MASK + 1) * width;
