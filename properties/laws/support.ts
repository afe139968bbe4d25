/**
 * What every law needs from the engine: loading generated JSON, effective sets by ids, and the
 * questions a snapshot can be asked (every user on every data source, directly and through
 * every data source used as a group).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { effectiveAccessById, type EffectiveAccess } from '../../src/rules/dataSourcePermissions.js';
import { loadSnapshot } from '../../src/snapshot/load.js';

/** The compiled snapshot, or undefined when the engine refuses the JSON (a law then fails). */
export const load = (json: unknown): Snapshot | undefined => {
  const loaded = loadSnapshot(json);
  return E.isRight(loaded) ? loaded.right : undefined;
};

/** The engine's access value for user `userId` on `dataSourceId` (through `groupId`), undefined for unknown ids. */
export const engineAccess = (s: Snapshot, userId: number, dataSourceId: number, groupId?: number): EffectiveAccess | undefined => {
  const r = effectiveAccessById(s, userId, dataSourceId, groupId);
  return E.isRight(r) ? r.right : undefined;
};

/** The engine's effective set (ascending ids), undefined for unknown ids. */
export const engineEffective = (s: Snapshot, userId: number, dataSourceId: number, groupId?: number): ReadonlyArray<number> | undefined =>
  engineAccess(s, userId, dataSourceId, groupId)?.permissions.ids;

/** Whether two id lists are equal element by element. */
export const sameIds = (a: ReadonlyArray<number> | undefined, b: ReadonlyArray<number> | undefined): boolean =>
  a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

/** Whether every id of `a` is in `b`. */
export const subsetOf = (a: ReadonlyArray<number> | undefined, b: ReadonlyArray<number> | undefined): boolean =>
  a !== undefined && b !== undefined && a.every((x) => b.includes(x));

/** One effective-permission question: a user on a data source, through a group when `groupId` is set. */
export interface Question {
  readonly userId: number;
  readonly dataSourceId: number;
  readonly groupId: number | undefined;
}

/** Every question of a snapshot: each user on each data source, directly and through each data source taken as a group (R-GRP-1 includes non-groups and non-members). */
export const everyQuestion = (json: SnapshotJson): ReadonlyArray<Question> => {
  const users = json.users ?? [];
  const dataSources = json.dataSources ?? [];
  return users.flatMap((u) =>
    dataSources.flatMap((d) => [
      { userId: u.id, dataSourceId: d.id, groupId: undefined },
      ...dataSources.map((g) => ({ userId: u.id, dataSourceId: d.id, groupId: g.id })),
    ]),
  );
};

/** The effective set of a question, via the engine. */
export const answer = (s: Snapshot, q: Question): ReadonlyArray<number> | undefined => engineEffective(s, q.userId, q.dataSourceId, q.groupId);
