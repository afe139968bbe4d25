/**
 * L-SHARE-EXACT (R-SHR-4): changing a user's roles or explicit permissions never changes its
 * effective set on a data source it does not own (a share gives exactly its set, and no route
 * gives nothing), directly or through a group it does not own.
 */
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { withUserPermissions, type UserPermissionsEdit } from '../arbitraries/edits.js';
import { answer, everyQuestion, load, sameIds } from './support.js';

/** L-SHARE-EXACT: rewriting `userId`'s roles and explicit permissions by `edit` leaves its set on every data source (and through every group) it does not own unchanged. */
export const shareIsExact = (json: SnapshotJson, userId: number, edit: UserPermissionsEdit): boolean => {
  const before = load(json);
  const after = load(withUserPermissions(json, userId, edit));
  if (before === undefined || after === undefined) return false;
  const owners = new Map((json.dataSources ?? []).map((d) => [d.id, d.owner]));
  return everyQuestion(json)
    .filter((q) => q.userId === userId && owners.get(q.groupId ?? q.dataSourceId) !== userId)
    .every((q) => sameIds(answer(before, q), answer(after, q)));
};
