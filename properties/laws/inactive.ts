/**
 * L-INACTIVE (R-EFF-3): an inactive or locked actor is denied every query with 401, whatever
 * it owns or is shared, and its effective set on every data source is empty.
 */
import type { Channel } from '../../src/codec/request.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { decideUse } from '../../src/decide/use.js';
import { withUserStatus, type InactiveStatus } from '../arbitraries/edits.js';
import { ABSENT_DATA_SOURCE_ID } from '../arbitraries/question.js';
import { answer, everyQuestion, load } from './support.js';

/** L-INACTIVE: after giving user `userId` the status `status`, each of its queries through `via` (by id and by name, on every data source and an absent one, directly and through every data source taken as a group) is 401, and each effective set is empty. */
export const inactiveActorIsRefused = (json: SnapshotJson, userId: number, status: InactiveStatus, via: Channel): boolean => {
  const s = load(withUserStatus(json, userId, status));
  if (s === undefined) return false;
  const ids = [...(json.dataSources ?? []).map((d) => d.id), ABSENT_DATA_SOURCE_ID];
  const queriesRefused = ids.every((dataSource) =>
    [undefined, ...ids].every((group) =>
      [{ id: userId }, `u${userId}`].every((actor) => {
        const d = decideUse(s, { actor, use: group === undefined ? { dataSource, via } : { dataSource, via, group } });
        return d.decision === 'deny' && d.status === 401;
      }),
    ),
  );
  const setsEmpty = everyQuestion(json)
    .filter((q) => q.userId === userId)
    .every((q) => answer(s, q)?.length === 0);
  return queriesRefused && setsEmpty;
};
