/**
 * The untraced decision by ids over typed rows (D-INC-12): R-EFF-3, the routes of SPEC §3
 * (R-DSP-1, R-DSP-2, R-SHR-1 with R-SHR-6, R-SHR-2, then deny by default R-DSP-3) and R-GRP-1,
 * tried in the order of `dataSourcePermissions.ts` and giving the same values, read from the rows
 * the users and data-source tables keep (`model/rows.ts`) instead of the objects. A decision reads
 * two rows (three through a group), a small pool of sets, and no object.
 *
 * Where a row cannot answer exactly (`FALLBACK`; the owner with `OWNER_WIDE`; a user the row does
 * not list whose bit is set in the row's filter of the user shares it leaves out, a tenant likewise,
 * a group the row does not list with `MORE_GROUPS`; an entity created since the last fold; a word
 * missing from the pool) the answer is `undefined`, and the caller asks the objects.
 * INVARIANT (one definition, L-ONE-DEFINITION): every answer equals the objects' whole answer, on
 * every (user, data source, group, and unknown ids) of every generated snapshot (dense, sparse and
 * wide ids), of every updated one, and after every apply of the incremental law's histories.
 */
import * as E from 'fp-ts/lib/Either.js';
import { empty } from '../catalog/permissionSet.js';
import {
  ACTIVE,
  DS_ROW,
  FALLBACK,
  GROUP,
  MORE_GROUPS,
  OVERRIDE,
  OWNER_WIDE,
  PRESENT,
  USER_ROW,
  groupCount,
  tenantBit,
  tenantShareCount,
  userBit,
  userShareCount,
} from '../model/rows.js';
import type { DataSourceId, SetPool, Snapshot, TenantId, UserId } from '../model/snapshot.js';
import { inactiveAccess, noAccess, type EffectiveAccess, type LookupError } from './access.js';

/** The answers that need no allocation: inactive (R-EFF-3) and no route (R-DSP-3). */
const rightInactive: E.Either<LookupError, EffectiveAccess> = E.right(inactiveAccess);
const rightNone: E.Either<LookupError, EffectiveAccess> = E.right(noAccess);

/**
 * The direct routes of SPEC §3 from user `userId` (of tenant `tenantId`) to the data source whose
 * row starts at `at` in `row`: the first that applies, `noAccess` when none does (R-DSP-3), or
 * `undefined` when the row cannot answer.
 */
const routeByRow = (pool: SetPool, userId: UserId, tenantId: TenantId, row: ArrayLike<number>, at: number, dataSourceId: DataSourceId): EffectiveAccess | undefined => {
  const flags = row[at + DS_ROW.flags] ?? 0;
  if ((flags & FALLBACK) !== 0) return undefined;
  if (row[at + DS_ROW.owner] === userId) {
    const permissions = (flags & OWNER_WIDE) === 0 ? pool.get(row[at + DS_ROW.ownerWord] ?? 0) : undefined;
    if (permissions === undefined) return undefined;
    // R-DSP-1 exactly the data-source set; R-DSP-2 the owner's user permissions
    return (flags & OVERRIDE) !== 0 ? { _tag: 'Override', dataSourceId, permissions } : { _tag: 'Owner', dataSourceId, permissions };
  }
  const shares = userShareCount(flags);
  for (let i = 0; i < shares; i += 1) {
    const slot = at + DS_ROW.userShares + 2 * i;
    if (row[slot] !== userId) continue;
    const permissions = pool.get(row[slot + 1] ?? 0);
    // R-SHR-1: the row lists only the shares in force (R-SHR-6)
    return permissions === undefined ? undefined : { _tag: 'UserShare', dataSourceId, userId, permissions, inForce: true };
  }
  // the user's share may be one the row leaves out (its bit is set only when MORE_USER_SHARES is)
  if (((row[at + DS_ROW.userFilter] ?? 0) & userBit(userId)) !== 0) return undefined;
  if (tenantShareCount(flags) === 1 && row[at + DS_ROW.tenantShare] === tenantId) {
    const permissions = pool.get(row[at + DS_ROW.tenantShare + 1] ?? 0);
    return permissions === undefined ? undefined : { _tag: 'TenantShare', dataSourceId, tenantId, permissions }; // R-SHR-2
  }
  // the tenant's share may be one the row leaves out (its bit is set only when MORE_TENANT_SHARES is)
  if ((flags & tenantBit(tenantId)) !== 0) return undefined;
  return noAccess; // R-DSP-3
};

/** Whether the member's row lists `groupId` among the groups that list it as a member; `undefined` when it may be one the row leaves out. */
const listsGroup = (row: ArrayLike<number>, at: number, groupId: DataSourceId): boolean | undefined => {
  const flags = row[at + DS_ROW.flags] ?? 0;
  const groups = groupCount(flags);
  for (let i = 0; i < groups; i += 1) if (row[at + DS_ROW.groups + i] === groupId) return true;
  return (flags & MORE_GROUPS) === 0 ? false : undefined;
};

/**
 * Effective permissions by ids, through a group when `groupId` is given, read from the rows: the
 * same answer as `effectiveAccessById` over the objects, or `undefined` when the rows cannot give it.
 */
export const accessByRows = (s: Snapshot, askedUser: UserId, askedDataSource: DataSourceId, askedGroup: DataSourceId | undefined): E.Either<LookupError, EffectiveAccess> | undefined => {
  // -0 finds the entity 0, whose objects carry +0: the built answer must too
  const userId = askedUser === 0 ? 0 : askedUser;
  const dataSourceId = askedDataSource === 0 ? 0 : askedDataSource;
  const groupId = askedGroup === 0 ? 0 : askedGroup;
  // Every row is found and its first number read before any branch on them, so that their cache
  // misses overlap rather than follow one another (D-INC-13); a row missing anywhere: no answer.
  // Without a group the group's row is the data source's own, read again from the same cache line
  // rather than behind a branch on a mix of requests with and without groups.
  const users = s.users;
  const dataSources = s.dataSources;
  const up = users.rowPosition(userId);
  const dp = dataSources.rowPosition(dataSourceId);
  const gp = groupId === undefined ? dp : dataSources.rowPosition(groupId);
  const uRow = users.rowSlab(up); // undefined for -1 too
  const dRow = dataSources.rowSlab(dp);
  const gRow = dataSources.rowSlab(gp);
  if (uRow === undefined || dRow === undefined || gRow === undefined) return undefined;
  const uAt = users.rowStart(up);
  const dAt = dataSources.rowStart(dp);
  const gAt = dataSources.rowStart(gp);
  const uFlags = uRow[uAt + USER_ROW.flags] ?? 0;
  const dFlags = dRow[dAt + DS_ROW.flags] ?? 0;
  const gFlags = gRow[gAt + DS_ROW.flags] ?? 0;
  if ((uFlags & PRESENT) === 0) return E.left({ _tag: 'UnknownUser', userId });
  if ((dFlags & PRESENT) === 0) return E.left({ _tag: 'UnknownDataSource', dataSourceId });
  if ((uFlags & FALLBACK) !== 0) return undefined;
  const tenantId = uRow[uAt + USER_ROW.tenant] ?? 0;
  if (groupId === undefined) {
    if ((uFlags & ACTIVE) === 0) return rightInactive; // R-EFF-3
    const access = routeByRow(s.setPool, userId, tenantId, dRow, dAt, dataSourceId);
    return access === undefined ? undefined : access === noAccess ? rightNone : E.right(access);
  }
  if ((gFlags & PRESENT) === 0) return E.left({ _tag: 'UnknownDataSource', dataSourceId: groupId });
  if ((uFlags & ACTIVE) === 0) return rightInactive; // R-EFF-3
  // R-GRP-1: membership, read from the member's side (its groups are exactly the data sources listing it)
  const listed = (gFlags & GROUP) === 0 ? false : listsGroup(dRow, dAt, groupId);
  if (listed === undefined) return undefined;
  if (!listed) return E.right({ _tag: 'NotMember', groupId, memberId: dataSourceId, permissions: empty });
  const viaGroup = routeByRow(s.setPool, userId, tenantId, gRow, gAt, groupId);
  if (viaGroup === undefined) return undefined;
  if (viaGroup._tag === 'Override' || viaGroup._tag === 'UserShare' || viaGroup._tag === 'TenantShare') {
    // a set on the group overrides the member's own route
    return E.right({ _tag: 'Group', groupId, memberId: dataSourceId, viaGroup, member: null, permissions: viaGroup.permissions });
  }
  if (viaGroup._tag === 'Owner') {
    const own = routeByRow(s.setPool, userId, tenantId, dRow, dAt, dataSourceId);
    return own === undefined ? undefined : E.right({ _tag: 'Group', groupId, memberId: dataSourceId, viaGroup, member: own, permissions: own.permissions });
  }
  return rightNone; // the group is not reachable: nothing through it (R-DSP-3 on the group)
};
