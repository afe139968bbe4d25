/**
 * L-OVERRIDE-EXACT (R-DSP-1): when `d` carries data-source permissions S, its active owner's
 * effective set on `d` is exactly S, whatever the owner's roles and explicit permissions:
 * before and after rewriting them.
 */
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { withUserPermissions, type UserPermissionsEdit } from '../arbitraries/edits.js';
import { naiveActive, naiveUser, sortedIds } from '../reference/naive.js';
import { engineEffective, load, sameIds } from './support.js';

/** Every data source with an override whose owner is active, with its override set. */
const overridden = (json: SnapshotJson): ReadonlyArray<{ readonly dataSourceId: number; readonly owner: number; readonly set: ReadonlyArray<number> }> =>
  (json.dataSources ?? []).flatMap((d) => {
    const owner = naiveUser(json, d.owner);
    return d.permissions === undefined || owner === undefined || !naiveActive(owner) ? [] : [{ dataSourceId: d.id, owner: d.owner, set: sortedIds(d.permissions) }];
  });

/** L-OVERRIDE-EXACT: every override is its owner's exact set, before and after every such owner's roles and explicit permissions are rewritten by `edit`. */
export const overrideIsExact = (json: SnapshotJson, edit: UserPermissionsEdit): boolean => {
  const targets = overridden(json);
  const edited = [...new Set(targets.map((t) => t.owner))].reduce((acc, owner) => withUserPermissions(acc, owner, edit), json);
  const before = load(json);
  const after = load(edited);
  if (before === undefined || after === undefined) return false;
  return targets.every((t) => sameIds(engineEffective(before, t.owner, t.dataSourceId), t.set) && sameIds(engineEffective(after, t.owner, t.dataSourceId), t.set));
};
