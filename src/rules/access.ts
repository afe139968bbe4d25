/**
 * The values of SPEC §3: the access a route gives, a route that missed and why, and the shape of
 * a route. The rules themselves are in `dataSourcePermissions.ts` (over objects) and
 * `rowAccess.ts` (over typed rows); their explanations in `routeSteps.ts`.
 */
import type { RuleId } from '../catalog/ruleIds.js';
import { empty, type PermissionSet } from '../catalog/permissionSet.js';
import type { DataSource, DataSourceId, OwnerAccess, TenantShare, User, UserId, UserShare } from '../model/snapshot.js';

/** The access a direct route of SPEC §3 gives. */
export type DirectAccess = OwnerAccess | UserShare | TenantShare;

/** The route that produced a subject's effective permissions on a data source, with the set. */
export type EffectiveAccess =
  | DirectAccess // R-DSP-1 (`Override`), R-DSP-2 (`Owner`), R-SHR-1 (`UserShare`), R-SHR-2 (`TenantShare`)
  | GroupAccess // R-GRP-1
  | { readonly _tag: 'NotMember'; readonly groupId: DataSourceId; readonly memberId: DataSourceId; readonly permissions: PermissionSet } // R-GRP-1
  | { readonly _tag: 'Inactive'; readonly permissions: PermissionSet } // R-EFF-3
  | { readonly _tag: 'None'; readonly permissions: PermissionSet }; // R-DSP-3

/** Why an effective-permission question could not be asked: an id that does not exist. */
export type LookupError =
  | { readonly _tag: 'UnknownUser'; readonly userId: UserId }
  | { readonly _tag: 'UnknownDataSource'; readonly dataSourceId: DataSourceId };

/** R-EFF-3: an inactive or locked subject reaches nothing. */
export const inactiveAccess: EffectiveAccess = { _tag: 'Inactive', permissions: empty };
/** R-DSP-3: no route applies. */
export const noAccess: EffectiveAccess = { _tag: 'None', permissions: empty };

/** R-GRP-1: access to a member through a group. */
export interface GroupAccess {
  readonly _tag: 'Group';
  readonly groupId: DataSourceId;
  readonly memberId: DataSourceId;
  /** How the subject reaches the group. */
  readonly viaGroup: DirectAccess;
  /** The subject's own access to the member, when the group carries no set (owner without override). */
  readonly member: EffectiveAccess | null;
  readonly permissions: PermissionSet;
}

/** Why a direct route did not apply. */
export type MissReason = 'notOwner' | 'noDataSourceSet' | 'dataSourceSet' | 'noUserShare' | 'shareNotInForce' | 'noTenantShare';

/** A route that did not apply, and why (built by the traced reading only). */
export interface RouteMiss {
  readonly _tag: 'Miss';
  readonly reason: MissReason;
}

/** A direct route of SPEC §3: its rule, what it checks, and the rule itself. */
export interface Route {
  readonly rule: RuleId;
  readonly check: string;
  /** The rule: the access the route gives, or undefined when it does not apply. */
  readonly apply: (user: User, dataSource: DataSource) => DirectAccess | undefined;
  /** Why it did not apply, for the traced reading (a description, never a verdict). */
  readonly missReason: (user: User, dataSource: DataSource) => MissReason;
}

