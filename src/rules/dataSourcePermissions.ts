/**
 * Effective permissions on a data source (SPEC §3), without a trace: the hot path.
 * The result is a route value carrying the permission set it produced; shares are returned
 * as themselves (a share is its own route), so a decision allocates at most one small object.
 */
import * as E from 'fp-ts/lib/Either.js';
import { empty, type PermissionSet } from '../catalog/permissionSet.js';
import type { DataSource, DataSourceId, OwnerAccess, Snapshot, TenantShare, User, UserId, UserShare } from '../model/snapshot.js';

/** The route that produced a subject's effective permissions on a data source, with the set. */
export type EffectiveAccess =
  | OwnerAccess // R-DSP-1 (`Override`), R-DSP-2 (`Owner`)
  | UserShare // R-SHR-1
  | TenantShare // R-SHR-2
  | {
      readonly _tag: 'Group'; // R-GRP-1
      readonly groupId: DataSourceId;
      readonly memberId: DataSourceId;
      /** How the subject reaches the group. */
      readonly viaGroup: GroupReach;
      /** The subject's own access to the member, when the group carries no set (owner without override). */
      readonly member: EffectiveAccess | null;
      readonly permissions: PermissionSet;
    }
  | { readonly _tag: 'NotMember'; readonly groupId: DataSourceId; readonly memberId: DataSourceId; readonly permissions: PermissionSet } // R-GRP-1
  | { readonly _tag: 'Administrator'; readonly dataSourceId: DataSourceId; readonly permissions: PermissionSet } // R-REQ-3
  | { readonly _tag: 'Inactive'; readonly permissions: PermissionSet } // R-EFF-3
  | { readonly _tag: 'None'; readonly permissions: PermissionSet }; // R-DSP-3

/** The routes by which a subject can reach a group. */
export type GroupReach = Extract<EffectiveAccess, { readonly _tag: 'Override' | 'Owner' | 'UserShare' | 'TenantShare' }>;

const inactive: EffectiveAccess = { _tag: 'Inactive', permissions: empty };
const none: EffectiveAccess = { _tag: 'None', permissions: empty };

/** Effective permissions of `user` on `dataSource` (R-EFF-3, R-DSP-1..3, R-SHR-1, R-SHR-2, R-SHR-4, R-SHR-6). */
export const effectiveAccess = (user: User, dataSource: DataSource): EffectiveAccess =>
  user.active ? routeAccess(user, dataSource) : inactive; // R-EFF-3

/** The route of SPEC §3 from `user` to `dataSource`, whatever the user's status (on-behalf-of reachability, R-OBO-1). */
export const routeAccess = (user: User, dataSource: DataSource): EffectiveAccess => {
  if (dataSource.owner === user.id) return dataSource.ownerAccess; // R-DSP-1, R-DSP-2 (fixed at compile time)
  const userShare = dataSource.sharedUsers.get(user.id);
  if (userShare !== undefined && userShare.inForce) return userShare; // R-SHR-1, R-SHR-6; exact (R-SHR-4)
  const tenantShare = dataSource.sharedTenants.get(user.tenantId);
  if (tenantShare !== undefined) return tenantShare; // R-SHR-2; exact (R-SHR-4)
  return none; // R-DSP-3
};

/** R-GRP-1: effective permissions of `user` on `member` reached through `group`. */
export const effectiveAccessThroughGroup = (user: User, group: DataSource, member: DataSource): EffectiveAccess => {
  if (!user.active) return inactive; // R-EFF-3
  if (!group.isGroup || !group.memberIds.has(member.id)) {
    return { _tag: 'NotMember', groupId: group.id, memberId: member.id, permissions: empty };
  }
  const viaGroup = effectiveAccess(user, group);
  switch (viaGroup._tag) {
    case 'Override':
    case 'UserShare':
    case 'TenantShare':
      // a set on the group overrides whatever applies to the member (group over member)
      return { _tag: 'Group', groupId: group.id, memberId: member.id, viaGroup, member: null, permissions: viaGroup.permissions };
    case 'Owner': {
      const own = effectiveAccess(user, member);
      return { _tag: 'Group', groupId: group.id, memberId: member.id, viaGroup, member: own, permissions: own.permissions };
    }
    default:
      return viaGroup; // the group is not reachable: nothing through it
  }
};

/**
 * R-REQ-3: a direct request by an Administrator (12) reaches every data source; its permissions
 * there are the data-source permissions if set, else its user permissions. Requests only: the
 * effective permissions of SPEC §3 (`effectiveAccess`) have no such route.
 */
export const administratorAccess = (actor: User, dataSource: DataSource): EffectiveAccess => ({
  _tag: 'Administrator',
  dataSourceId: dataSource.id,
  permissions: dataSource.permissions ?? actor.permissions,
});

/** Why an effective-permission question could not be asked: an id that does not exist. */
export type LookupError =
  | { readonly _tag: 'UnknownUser'; readonly userId: UserId }
  | { readonly _tag: 'UnknownDataSource'; readonly dataSourceId: DataSourceId };

/** Effective permissions by ids, optionally through a group; unknown ids are a Left. */
export const effectiveAccessById = (
  snapshot: Snapshot,
  userId: UserId,
  dataSourceId: DataSourceId,
  groupId?: DataSourceId,
): E.Either<LookupError, EffectiveAccess> => {
  const user = snapshot.users.get(userId);
  if (user === undefined) return E.left({ _tag: 'UnknownUser', userId });
  const dataSource = snapshot.dataSources.get(dataSourceId);
  if (dataSource === undefined) return E.left({ _tag: 'UnknownDataSource', dataSourceId });
  if (groupId === undefined) return E.right(effectiveAccess(user, dataSource));
  const group = snapshot.dataSources.get(groupId);
  if (group === undefined) return E.left({ _tag: 'UnknownDataSource', dataSourceId: groupId });
  return E.right(effectiveAccessThroughGroup(user, group, dataSource));
};

/** Whether a route reaches the data source (R-REQ-3): any route but none, not-member and inactive. */
export const reaches = (access: EffectiveAccess): boolean =>
  access._tag !== 'None' && access._tag !== 'NotMember' && access._tag !== 'Inactive';
