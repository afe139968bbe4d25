/**
 * L-ROWS (D-INC-12): the typed rows a table keeps are what their codec writes for the values it
 * holds, and the pool names every word an answering row uses.
 * - For every key with a row, the row equals `write(value)` into a fresh row.
 * - Every key the table does not hold between its smallest key - 1 and its largest + 1 (or next to
 *   a held key, when that range is wide) has no row or a row of zeros.
 * - Every word an answering data-source row lists is in `setPool`, standing for a set with that word.
 *
 * And the reading of the rows (`accessByRows`) against the objects' (`effectiveAccessByObjects`),
 * used by L-ONE-DEFINITION: whenever the rows answer, the whole answer is the objects' — route,
 * ids, standing and set, or the same unknown id.
 */
import { dataSourceRows, DS_ROW, FALLBACK, OWNER_WIDE, tenantShareCount, userRows, userShareCount } from '../../src/model/rows.js';
import type { PermissionSet } from '../../src/catalog/permissionSet.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { effectiveAccessByObjects } from '../../src/rules/dataSourcePermissions.js';
import { accessByRows } from '../../src/rules/rowAccess.js';
import { type RowCodec, type Table } from '../../src/model/table.js';

/** The row of `key`, copied out, or undefined when the table keeps none for it. */
const rowOf = <V>(table: Table<number, V>, codec: RowCodec<V>, key: number): ReadonlyArray<number> | undefined => {
  const p = table.rowPosition(key);
  const slab = p < 0 ? undefined : table.rowSlab(p);
  if (slab === undefined) return undefined;
  const at = table.rowStart(p);
  return Array.from({ length: codec.width }, (_, k) => slab[at + k] ?? 0);
};

/** The keys not held that L-ROWS asks about: the whole range around the keys when it is narrow, else each key's neighbours. */
const keysNotHeld = <V>(table: Table<number, V>): ReadonlyArray<number> => {
  const keys = [...table.keys()];
  const first = keys[0] ?? 0;
  const last = keys[keys.length - 1] ?? 0;
  const around = last - first <= 10_000 ? Array.from({ length: last - first + 3 }, (_, i) => first - 1 + i) : keys.flatMap((k) => [k - 1, k + 1]);
  return around.filter((k) => k >= 0 && !table.has(k));
};

/** Every row of `table` that differs from its codec's writing of the value, and every non-zero row of a key not held. */
const tableRowViolations = <V>(name: string, table: Table<number, V>, codec: RowCodec<V>): ReadonlyArray<string> => [
  ...[...table].flatMap(([key, value]) => {
    const row = rowOf(table, codec, key);
    if (row === undefined) return [];
    const expected = new Int32Array(codec.width);
    codec.write(value, expected, 0);
    return row.join() === expected.join() ? [] : [`${name} ${key}: row [${row.join()}], its value writes [${expected.join()}]`];
  }),
  ...keysNotHeld(table).flatMap((key) => {
    const row = rowOf(table, codec, key);
    return row !== undefined && row.some((x) => x !== 0) ? [`${name} ${key}: not held, but its row is [${row.join()}]`] : [];
  }),
];

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

/** An answer as text: every field, sets by their members. */
const answerText = (answer: unknown): string => JSON.stringify(answer, (_, v: unknown) => (isSet(v) ? v.text : v));
const isSet = (v: unknown): v is PermissionSet => typeof v === 'object' && v !== null && '_tag' in v && v._tag === 'PermissionSet';

/** Ids a snapshot does not hold, next to ids it does (and one that does not fit 31 bits). */
const absentIds = (held: ReadonlyArray<number>): ReadonlyArray<number> => {
  const taken = new Set(held);
  return [...new Set([...held.flatMap((k) => [k - 1, k + 1]), 0, 2 ** 31 + 1])].filter((k) => k >= 0 && !taken.has(k)).slice(0, 3);
};

/** Every question (user, data source, group or none, with a few unknown ids) whose answer from the rows differs from the objects'. */
export const rowAnswerDifferences = (s: Snapshot): ReadonlyArray<string> => {
  const userIds = [...s.users.keys()];
  const dsIds = [...s.dataSources.keys()];
  const users = [...userIds, ...absentIds(userIds)];
  const sources = [...dsIds, ...absentIds(dsIds)];
  const groups: ReadonlyArray<number | undefined> = [undefined, ...sources];
  return users.flatMap((u) =>
    sources.flatMap((d) =>
      groups.flatMap((g) => {
        const rows = accessByRows(s, u, d, g);
        if (rows === undefined) return [];
        const a = answerText(rows);
        const b = answerText(effectiveAccessByObjects(s, u, d, g));
        return a === b ? [] : [`user ${u} on ${d}${g === undefined ? '' : ` via ${g}`}: the rows give ${a}, the objects ${b}`];
      }),
    ),
  );
};

/** Every violation of L-ROWS in a snapshot (empty when it holds). */
export const rowViolations = (s: Snapshot): ReadonlyArray<string> => [
  ...tableRowViolations('user', s.users, userRows),
  ...tableRowViolations('data source', s.dataSources, dataSourceRows),
  ...poolViolations(s),
];
