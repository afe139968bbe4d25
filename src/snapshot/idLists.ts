/**
 * `IdLists`: lists of ids gathered under integer keys while a snapshot is compiled (the users of
 * a role, the data sources of an owner, the groups listing a member…), each list in push order.
 *
 * Keys that are small non-negative integers, as the ids a snapshot hands out in order are
 * (R-TRN-2), index a plain array, so a push costs an array read rather than a hash lookup in a map
 * of up to a million keys; any other key goes to a `Map`. The answers are the same either way.
 * INVARIANT (dense bound): the array is sized once, from the keys the caller expects, and only a
 * key below that size is placed in it, so the array never grows holes it was not sized for.
 * The lists `get` and `ascending` hand out are the ones later pushes extend: a builder reads them
 * once its pushes are done, as compile and the load-time checks do.
 */

/** Keys up to this many times the expected number of keys (plus a little) still index the array. */
const DENSE_SLACK = 4;
const DENSE_EXTRA = 1024;

/** Lists of ids under integer keys, each in push order (see the module comment). */
export class IdLists {
  private readonly dense: Array<number[] | undefined>;
  private readonly sparse = new Map<number, number[]>();

  private constructor(bound: number) {
    this.dense = new Array<number[] | undefined>(bound);
  }

  /** Empty lists, with the array sized for `keys` (the ids the lists will mostly be pushed under). */
  static over(keys: ReadonlyArray<{ readonly id: number }>): IdLists {
    let max = -1;
    for (const k of keys) if (k.id > max) max = k.id;
    const dense = Number.isSafeInteger(max) && max < DENSE_SLACK * keys.length + DENSE_EXTRA;
    return new IdLists(dense ? max + 1 : 0);
  }

  /** Appends `id` to the list of `key`. */
  push(key: number, id: number): void {
    const list = this.listOf(key);
    if (list !== undefined) list.push(id);
    else if (this.inArray(key)) this.dense[key] = [id];
    else this.sparse.set(key, [id]);
  }

  /** The list of `key`; `undefined` when nothing was pushed under it. */
  get(key: number): ReadonlyArray<number> | undefined {
    return this.listOf(key);
  }

  /** The list of `key`, from the array or the map. */
  private listOf(key: number): number[] | undefined {
    return this.inArray(key) ? this.dense[key] : this.sparse.get(key);
  }

  /** Every key with its list, keys ascending. */
  ascending(): ReadonlyArray<readonly [number, ReadonlyArray<number>]> {
    const out: Array<readonly [number, ReadonlyArray<number>]> = [];
    this.dense.forEach((list, key) => {
      if (list !== undefined) out.push([key, list]); // forEach skips the holes; the check is for the type
    });
    if (this.sparse.size === 0) return out;
    return [...out, ...this.sparse].sort((a, b) => a[0] - b[0]);
  }

  /** Whether `key` has its place in the array. */
  private inArray(key: number): boolean {
    return key >= 0 && key < this.dense.length && Number.isInteger(key);
  }
}
