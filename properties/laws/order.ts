/**
 * L-ORDER: reordering any list of the snapshot, or duplicating ids inside id lists, changes no
 * effective set and no decision (byte for byte), and gives the same normalized snapshot.
 */
import type { Channel } from '../../src/codec/request.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { decideUse } from '../../src/decide/use.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { encodeSnapshot } from '../../src/snapshot/load.js';
import { reorderSnapshot, type Reorder } from '../arbitraries/edits.js';
import { answer, everyQuestion, load, sameIds } from './support.js';

/** The JSON of every query of the snapshot through `via`: each user on each data source, directly and through each group. */
const everyDecision = (json: SnapshotJson, s: Snapshot, via: Channel): ReadonlyArray<string> => {
  const groups = (json.dataSources ?? []).filter((d) => d.isGroup === true).map((d) => d.id);
  return (json.users ?? []).flatMap((u) =>
    (json.dataSources ?? []).flatMap((d) =>
      [undefined, ...groups].map((group) =>
        JSON.stringify(decideUse(s, { actor: `u${u.id}`, use: group === undefined ? { dataSource: d.id, via } : { dataSource: d.id, via, group } })),
      ),
    ),
  );
};

/** L-ORDER: the reordered snapshot gives the same effective sets and byte-identical query decisions through `via`. */
export const reorderingChangesNothing = (json: SnapshotJson, reorder: Reorder, via: Channel): boolean => {
  const reordered = reorderSnapshot(json, reorder);
  const a = load(json);
  const b = load(reordered);
  if (a === undefined || b === undefined) return false;
  if (!everyQuestion(json).every((q) => sameIds(answer(a, q), answer(b, q)))) return false;
  const da = everyDecision(json, a, via);
  const db = everyDecision(json, b, via);
  return da.length === db.length && da.every((x, i) => x === db[i]);
};

/** L-ORDER for the normalized form (R-SNAP-9 normalization): the reordered snapshot encodes to the same JSON. */
export const normalizedFormIsOrderFree = (json: SnapshotJson, reorder: Reorder): boolean => {
  const a = load(json);
  const b = load(reorderSnapshot(json, reorder));
  return a !== undefined && b !== undefined && JSON.stringify(encodeSnapshot(a)) === JSON.stringify(encodeSnapshot(b));
};
