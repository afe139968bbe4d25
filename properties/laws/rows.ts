/**
 * L-ROWS (D-INC-12): the typed rows a table keeps are what their codec writes for the values it
 * holds, and the pool names every word an answering row uses.
 * - For every key with a row, the row equals `write(value)` into a fresh row.
 * - A key next to a held one that the table does not hold has no row or a row of zeros.
 * - Every word an answering data-source row lists is in `setPool`, standing for a set with that word.
 */
import { dataSourceRows, DS_ROW, FALLBACK, OWNER_WIDE, tenantShareCount, userRows, userShareCount } from '../../src/model/rows.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { rowOffset, type RowCodec, type Table } from '../../src/model/table.js';

/** The row of `key`, copied out, or undefined when the table keeps none for it. */
const rowOf = <V>(table: Table<number, V>, codec: RowCodec<V>, key: number): ReadonlyArray<number> | undefined => {
  const p = table.rowPosition(key);
  const chunk = p < 0 ? undefined : table.rowChunk(p);
  if (chunk === undefined) return undefined;
  const at = rowOffset(p, codec.width);
  return [...chunk.subarray(at, at + codec.width)];
};

/** Every row of `table` that differs from its codec's writing of the value, and every non-zero row of a key not held. */
const tableRowViolations = <V>(name: string, table: Table<number, V>, codec: RowCodec<V>): ReadonlyArray<string> =>
  [...table].flatMap(([key, value]) => {
    const problems: string[] = [];
    const row = rowOf(table, codec, key);
    if (row !== undefined) {
      const expected = new Int32Array(codec.width);
      codec.write(value, expected, 0);
      if (row.join() !== expected.join()) problems.push(`${name} ${key}: row [${row.join()}], its value writes [${expected.join()}]`);
    }
    const next = key + 1;
    if (!table.has(next)) {
      const empty = rowOf(table, codec, next);
      if (empty !== undefined && empty.some((x) => x !== 0)) problems.push(`${name} ${next}: not held, but its row is [${empty.join()}]`);
    }
    return problems;
  });

/** The words an answering data-source row uses that the pool cannot give back. */
const poolViolations = (s: Snapshot): ReadonlyArray<string> =>
  [...s.dataSources.keys()].flatMap((key) => {
    const row = rowOf(s.dataSources, dataSourceRows, key);
    const flags = row?.[DS_ROW.flags] ?? FALLBACK;
    if (row === undefined || (flags & FALLBACK) !== 0) return [];
    const words = (flags & OWNER_WIDE) === 0 ? [row[DS_ROW.ownerWord] ?? 0] : [];
    for (let i = 0; i < userShareCount(flags); i += 1) words.push(row[DS_ROW.userShares + 2 * i + 1] ?? 0);
    if (tenantShareCount(flags) === 1) words.push(row[DS_ROW.tenantShare + 1] ?? 0);
    return words.flatMap((w) => ((s.setPool.get(w)?.lo ?? -1) | 0) === w ? [] : [`data source ${key}: word ${w} is not in the pool`]);
  });

/** Every violation of L-ROWS in a snapshot (empty when it holds). */
export const rowViolations = (s: Snapshot): ReadonlyArray<string> => [
  ...tableRowViolations('user', s.users, userRows),
  ...tableRowViolations('data source', s.dataSources, dataSourceRows),
  ...poolViolations(s),
];
