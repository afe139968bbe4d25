/**
 * L-MONOTONE-GRANT: adding a permission to a role, a user or a share never removes access on
 * any data source the subject does not own with an override (no hidden negation): every
 * effective set, directly and through every group, only grows.
 */
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { applyGrant, type GrantEdit } from '../arbitraries/edits.js';
import { answer, everyQuestion, load, subsetOf } from './support.js';

/** L-MONOTONE-GRANT: after `grant`, every effective set (except an owner's on its own overridden data source) contains the one before. */
export const grantNeverRemovesAccess = (json: SnapshotJson, grant: GrantEdit): boolean => {
  const before = load(json);
  const after = load(applyGrant(json, grant).json);
  if (before === undefined || after === undefined) return false;
  const ownOverride = new Set((json.dataSources ?? []).filter((d) => d.permissions !== undefined).map((d) => `${d.owner}:${d.id}`));
  return everyQuestion(json)
    .filter((q) => !ownOverride.has(`${q.userId}:${q.dataSourceId}`))
    .every((q) => subsetOf(answer(before, q), answer(after, q)));
};
