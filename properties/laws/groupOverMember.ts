/**
 * L-GROUP-OVER-MEMBER (R-GRP-1): when a user's permissions on group `g` come from a set (the
 * group's override for its owner, or a share for a recipient), every member reached through
 * `g` gets exactly that set, whatever the member's own override or shares: before and after
 * rewriting every member's own sets.
 */
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { withDataSourceSets, type DataSourceSetsEdit } from '../arbitraries/edits.js';
import { naiveAccess } from '../reference/naive.js';
import { engineEffective, load, sameIds } from './support.js';

/** Every (user, group, member) where the user's set on the group is a set, with that set. */
export const groupSetRoutes = (json: SnapshotJson): ReadonlyArray<{ readonly userId: number; readonly groupId: number; readonly memberId: number; readonly set: ReadonlyArray<number> }> =>
  (json.users ?? []).flatMap((u) =>
    (json.dataSources ?? [])
      .filter((g) => g.isGroup === true)
      .flatMap((g) => {
        const onGroup = naiveAccess(json, u.id, g.id);
        if (onGroup.route !== 'override' && onGroup.route !== 'userShare' && onGroup.route !== 'tenantShare') return [];
        return (g.members ?? []).map((m) => ({ userId: u.id, groupId: g.id, memberId: m.id, set: onGroup.permissions }));
      }),
  );

/** L-GROUP-OVER-MEMBER: every member reached through a group carrying a set gets exactly that set, before and after `edit` rewrites every member's own sets. */
export const groupSetOverridesMember = (json: SnapshotJson, edit: DataSourceSetsEdit): boolean => {
  const routes = groupSetRoutes(json);
  const memberIds = [...new Set(routes.map((r) => r.memberId))];
  const edited = memberIds.reduce((acc, id) => withDataSourceSets(acc, id, edit), json);
  const before = load(json);
  const after = load(edited);
  if (before === undefined || after === undefined) return false;
  return routes.every(
    (r) => sameIds(engineEffective(before, r.userId, r.memberId, r.groupId), r.set) && sameIds(engineEffective(after, r.userId, r.memberId, r.groupId), r.set),
  );
};
