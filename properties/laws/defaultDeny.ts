/**
 * L-DEFAULT-DENY (R-DSP-3, R-REQ-3): a user with no ownership, share or group route to `d` has
 * no permission on it, directly or through any group, and every query on `d` by it is denied:
 * 404 or 403 for an active actor, Administrator (12) or not (12 opens no query channel,
 * R-ADM-1), 401 for an inactive one.
 */
import type { Channel } from '../../src/codec/request.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { decideUse } from '../../src/decide/use.js';
import { naiveActive, naiveReaches } from '../reference/naive.js';
import { engineAccess, load } from './support.js';

/** Every (user, data source) pair of the snapshot with no route at all, judged on the raw JSON. */
export const unroutedPairs = (json: SnapshotJson): ReadonlyArray<{ readonly userId: number; readonly dataSourceId: number }> =>
  (json.users ?? []).flatMap((u) => (json.dataSources ?? []).filter((d) => !naiveReaches(json, u.id, d.id)).map((d) => ({ userId: u.id, dataSourceId: d.id })));

/** L-DEFAULT-DENY over a whole snapshot, with queries through `via`. */
export const defaultDenyHolds = (json: SnapshotJson, via: Channel): boolean => {
  const s = load(json);
  if (s === undefined) return false;
  const groupIds = (json.dataSources ?? []).map((d) => d.id);
  return unroutedPairs(json).every(({ userId, dataSourceId }) => {
    const user = (json.users ?? []).find((u) => u.id === userId);
    if (user === undefined) return false;
    // R-DSP-3: nothing, directly or through any data source taken as a group
    const direct = engineAccess(s, userId, dataSourceId);
    const directNone = direct !== undefined && direct.permissions.ids.length === 0 && (direct._tag === 'None' || direct._tag === 'Inactive');
    const viaGroups = groupIds.every((g) => engineAccess(s, userId, dataSourceId, g)?.permissions.ids.length === 0);
    if (!directNone || !viaGroups) return false;
    // R-REQ-3, R-USE-1: the query is denied without revealing more, whoever asks (R-ADM-1: 12 reaches no data)
    const statuses = naiveActive(user) ? [403, 404] : [401];
    return [undefined, ...groupIds].every((group) => {
      const d = decideUse(s, { actor: { id: userId }, use: group === undefined ? { dataSource: dataSourceId, via } : { dataSource: dataSourceId, via, group } });
      return d.decision === 'deny' && statuses.includes(d.status);
    });
  });
};
