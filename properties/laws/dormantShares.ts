/**
 * No dormant shares (R-SHR-7, R-SHR-6; SPEC Changes 2026-12-01): an allowed user-share write names
 * only recipients for whom the share is in force, judged on the snapshot JSON with the naive
 * reference.
 */
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { UserSharesBodyCodec } from '../../src/codec/payloads.js';
import { userById, type GeneratedRequest } from '../arbitraries/requests.js';
import { inForce, naiveDataSource } from '../reference/naive.js';
import { decoded, http, showDecision, showRequest } from './requestSupport.js';
import { load } from './support.js';

/** The operations that write a user share. */
export const userShareWrites: ReadonlyArray<string> = ['ShareWithUsers', 'UpdateSharedUser'];

/** The recipients a user-share write names: the body's `sharedUsers` or the path's `{uid}`. */
const recipientsOf = (g: GeneratedRequest): ReadonlyArray<number> => {
  if (g.row.name === 'UpdateSharedUser') return g.pathIds['uid'] === undefined ? [] : [g.pathIds['uid']];
  return (decoded(UserSharesBodyCodec, g.request.body)?.sharedUsers ?? []).map((s) => s.userId);
};

/** No dormant shares: an allowed user-share write leaves every named share in force (R-SHR-6 on the reference). */
export const dormantShareViolations = (json: SnapshotJson, g: GeneratedRequest): ReadonlyArray<string> => {
  if (!userShareWrites.includes(g.row.name)) return [];
  const s = load(json);
  if (s === undefined) return ['the snapshot does not load'];
  const d = http(s, g.request);
  if (d.decision !== 'allow') return [];
  const ds = naiveDataSource(json, g.pathIds['id'] ?? -1);
  if (ds === undefined) return [`${showRequest(g.request)}: allowed on a data source that does not exist`];
  return recipientsOf(g).flatMap((uid) => {
    const recipient = userById(json, uid);
    return recipient !== undefined && inForce(json, ds, recipient)
      ? []
      : [`${showRequest(g.request)}: ${showDecision(d)}, but the share to user ${uid} would not be in force (owner ${ds.owner})`];
  });
};

/** Whether a generated request is an allowed user-share write naming a recipient outside the owner's tenant (non-vacuity). */
export const crossTenantShareAllowed = (json: SnapshotJson, g: GeneratedRequest): boolean => {
  if (!userShareWrites.includes(g.row.name)) return false;
  const s = load(json);
  const ds = naiveDataSource(json, g.pathIds['id'] ?? -1);
  const owner = ds === undefined ? undefined : userById(json, ds.owner);
  if (s === undefined || owner === undefined || http(s, g.request).decision !== 'allow') return false;
  return recipientsOf(g).some((uid) => userById(json, uid)?.tenantId !== owner.tenantId);
};
