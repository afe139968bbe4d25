/**
 * Effective permissions on a data source (SPEC §3): one definition, two readings.
 *
 * Each route of SPEC §3 is a small named function (`ownerWithSet`, `ownerWithoutSet`,
 * `userShareInForce`, `tenantShareRoute`) that returns either the access it gives or a typed
 * miss. `routeAccess` chains them in order; the first that gives access decides, and deny by
 * default (R-DSP-3) decides when none does. The fast path passes `trace = null` and builds
 * nothing; the traced path passes a `RouteTrace`, and every step it records states what the
 * same functions returned — so a trace cannot claim a route the decision did not take.
 *
 * INVARIANT (one definition): no other module decides a route; explanations, requests, audit
 * queries and the benchmark's engine rows all call these functions.
 */
import * as E from 'fp-ts/lib/Either.js';
import { empty } from '../catalog/permissionSet.js';
import type { DataSource, DataSourceId, Snapshot, User, UserId } from '../model/snapshot.js';
import { inactiveAccess, noAccess, type DirectAccess, type EffectiveAccess, type LookupError, type Route, type RouteMiss } from './access.js';

export type { DirectAccess, EffectiveAccess, GroupAccess, LookupError, MissReason, Route, RouteMiss } from './access.js';
import type { Step } from '../model/trace.js';
import { accessByRows } from './rowAccess.js';
import { mayHold } from './shareFilter.js';
import { denyByDefaultStep, groupSteps, routeStep, skippedRouteStep, statusStep } from './routeSteps.js';

// Each route is a rule (`apply`: the access it gives, or undefined when it does not apply) and,
// for the traced reading only, the reason it did not apply (`missReason`: words, not a verdict).

/** R-DSP-1: the owner of a data source carrying data-source permissions gets exactly them. */
const applyOwnerWithSet = (user: User, d: DataSource): DirectAccess | undefined => (d.owner === user.id && d.permissions !== undefined ? d.ownerAccess : undefined);

/** R-DSP-2: the owner of a data source carrying none gets its user permissions. */
const applyOwnerWithoutSet = (user: User, d: DataSource): DirectAccess | undefined => (d.owner === user.id && d.permissions === undefined ? d.ownerAccess : undefined);

/** R-SHR-1, R-SHR-6: a user share in force gives exactly its permissions (R-SHR-4). */
const applyUserShareInForce = (user: User, d: DataSource): DirectAccess | undefined => {
  // Stryker disable next-line ConditionalExpression: the filter is a shortcut; looking the share up anyway gives the same answer
  if (!mayHold(d.userShareFilter, user.id)) return undefined; // no share in force for this user
  const share = d.sharedUsers.get(user.id);
  return share !== undefined && share.inForce ? share : undefined;
};

/** R-SHR-2: a share with the user's tenant gives exactly its permissions (R-SHR-4). */
const applyTenantShare = (user: User, d: DataSource): DirectAccess | undefined => {
  // Stryker disable next-line ConditionalExpression: the filter is a shortcut; looking the share up anyway gives the same answer
  if (!mayHold(d.tenantShareFilter, user.tenantId)) return undefined; // no share with this tenant
  for (const share of d.tenantShareList) if (share.tenantId === user.tenantId) return share;
  return undefined;
};

/** R-DSP-1 as a route. */
export const ownerWithSet: Route = {
  rule: 'R-DSP-1',
  check: 'owner with data-source permissions',
  apply: applyOwnerWithSet,
  missReason: (user, d) => (d.owner !== user.id ? 'notOwner' : 'noDataSourceSet'),
};

/** R-DSP-2 as a route. */
export const ownerWithoutSet: Route = {
  rule: 'R-DSP-2',
  check: 'owner without data-source permissions',
  apply: applyOwnerWithoutSet,
  missReason: (user, d) => (d.owner !== user.id ? 'notOwner' : 'dataSourceSet'),
};

/** R-SHR-1 (with R-SHR-6) as a route. */
export const userShareInForce: Route = {
  rule: 'R-SHR-1',
  check: 'user share in force',
  apply: applyUserShareInForce,
  missReason: (user, d) => (d.sharedUsers.has(user.id) ? 'shareNotInForce' : 'noUserShare'),
};

/** R-SHR-2 as a route. */
export const tenantShareRoute: Route = { rule: 'R-SHR-2', check: 'tenant share', apply: applyTenantShare, missReason: () => 'noTenantShare' };

/** The direct routes of SPEC §3 in the order they are tried. */
export const directRoutes: ReadonlyArray<Route> = [ownerWithSet, ownerWithoutSet, userShareInForce, tenantShareRoute];

/** Where the traced reading records its steps; `null` on the fast path. */
export interface RouteTrace {
  readonly snapshot: Snapshot;
  readonly steps: Step[];
}

/**
 * The route of SPEC §3 from `user` to `dataSource`, whatever the user's status (the subject of
 * an on-behalf-of request, R-OBO-1, R-OBO-3). With a trace, records one step per route: the
 * ones that missed (and why), the one that applied, the rest skipped, then deny by default.
 */
export const routeAccess = (user: User, dataSource: DataSource, trace: RouteTrace | null = null): EffectiveAccess =>
  trace === null ? fastRoute(user, dataSource) : tracedRoute(user, dataSource, trace);

/**
 * The fast reading: the same route functions as `directRoutes`, in the same order, called
 * directly (monomorphic calls the JIT inlines). L-ONE-DEFINITION ties it to the traced reading.
 */
const fastRoute = (user: User, d: DataSource): EffectiveAccess =>
  applyOwnerWithSet(user, d) ?? applyOwnerWithoutSet(user, d) ?? applyUserShareInForce(user, d) ?? applyTenantShare(user, d) ?? noAccess; // R-DSP-3 last

/** The traced reading: every route of `directRoutes` in order, one step each, then deny by default. */
const tracedRoute = (user: User, dataSource: DataSource, trace: RouteTrace): EffectiveAccess => {
  let decided: EffectiveAccess | undefined;
  for (const route of directRoutes) {
    if (decided !== undefined) {
      trace.steps.push(skippedRouteStep(route));
      continue;
    }
    const access = route.apply(user, dataSource);
    const result: DirectAccess | RouteMiss = access ?? { _tag: 'Miss', reason: route.missReason(user, dataSource) };
    trace.steps.push(routeStep(trace.snapshot, route, result, user, dataSource));
    if (access !== undefined) decided = access;
  }
  trace.steps.push(denyByDefaultStep(user, dataSource, decided === undefined));
  return decided ?? noAccess; // R-DSP-3
};

/** Effective permissions of `user` on `dataSource` (R-EFF-3, then the routes of SPEC §3). */
export const effectiveAccess = (user: User, dataSource: DataSource, trace: RouteTrace | null = null): EffectiveAccess => {
  if (trace === null) return user.active ? fastRoute(user, dataSource) : inactiveAccess; // R-EFF-3, then the fast reading
  trace.steps.push(statusStep(user));
  if (!user.active) return inactiveAccess; // R-EFF-3
  return routeAccess(user, dataSource, trace);
};

/**
 * R-GRP-1: effective permissions of `user` on `member` reached through `group`. A set on the
 * group overrides the member's own route; an owner without a set gets its own access to the member.
 */
export const effectiveAccessThroughGroup = (user: User, group: DataSource, member: DataSource, trace: RouteTrace | null = null): EffectiveAccess => {
  // the traced reading records the group's and the member's routes apart, then nests them
  const traces: { readonly outer: RouteTrace; readonly group: RouteTrace; readonly member: RouteTrace } | null =
    trace === null ? null : { outer: trace, group: { snapshot: trace.snapshot, steps: [] }, member: { snapshot: trace.snapshot, steps: [] } };
  traces?.outer.steps.push(statusStep(user));
  if (!user.active) return inactiveAccess; // R-EFF-3
  const isMember = group.isGroup && group.memberIds.has(member.id);
  if (!isMember) {
    traces?.outer.steps.push(...groupSteps.membership(traces.outer.snapshot, group, member, false));
    return { _tag: 'NotMember', groupId: group.id, memberId: member.id, permissions: empty };
  }
  const viaGroup = routeAccess(user, group, traces?.group ?? null);
  // a set on the group (its data-source permissions for the owner, or a share) overrides the member's own route
  if (viaGroup._tag === 'Override' || viaGroup._tag === 'UserShare' || viaGroup._tag === 'TenantShare') {
    // group over member: the member's own route is shown as overridden, never used
    const result: EffectiveAccess = { _tag: 'Group', groupId: group.id, memberId: member.id, viaGroup, member: null, permissions: viaGroup.permissions };
    traces?.outer.steps.push(
      ...groupSteps.membership(traces.outer.snapshot, group, member, true),
      groupSteps.viaGroup(user, group, viaGroup, traces.group.steps),
      groupSteps.overrides(user, result, routeAccess(user, member)),
    );
    return result;
  }
  if (viaGroup._tag === 'Owner') {
    const own = routeAccess(user, member, traces?.member ?? null);
    const result: EffectiveAccess = { _tag: 'Group', groupId: group.id, memberId: member.id, viaGroup, member: own, permissions: own.permissions };
    traces?.outer.steps.push(
      ...groupSteps.membership(traces.outer.snapshot, group, member, true),
      groupSteps.viaGroup(user, group, viaGroup, traces.group.steps),
      groupSteps.ownMember(user, result, own, traces.member.steps),
    );
    return result;
  }
  traces?.outer.steps.push(...groupSteps.membership(traces.outer.snapshot, group, member, true), groupSteps.viaGroup(user, group, viaGroup, traces.group.steps));
  return viaGroup; // the group is not reachable: nothing through it
};


/**
 * Effective permissions by ids, optionally through a group; unknown ids are a Left. Read from the
 * typed rows (`rowAccess.ts`, D-INC-12) when they can answer, else from the objects.
 */
export const effectiveAccessById = (
  snapshot: Snapshot,
  userId: UserId,
  dataSourceId: DataSourceId,
  groupId?: DataSourceId,
): E.Either<LookupError, EffectiveAccess> => accessByRows(snapshot, userId, dataSourceId, groupId) ?? effectiveAccessByObjects(snapshot, userId, dataSourceId, groupId);

/** Effective permissions by ids, read from the objects (the reading the rows fall back to). */
export const effectiveAccessByObjects = (
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
