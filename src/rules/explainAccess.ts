/**
 * Effective permissions with their trace (R-TRC-1): the traced reading of the route functions
 * of `dataSourcePermissions.ts`. Nothing here decides a route; it asks the same functions the
 * fast path uses, with a trace, and wraps their steps in one step that states the result.
 */
import { show } from '../catalog/permissionSet.js';
import type { DataSource, Snapshot, User } from '../model/snapshot.js';
import { step, type Step } from '../model/trace.js';
import type { EffectiveAccess } from './access.js';
import { effectiveAccess, effectiveAccessThroughGroup, reaches, routeAccess, type RouteTrace } from './dataSourcePermissions.js';
import { reachFact, userPermissionsFact } from './facts.js';
import { effectiveFact, routeName, ruleOf } from './routeSteps.js';

export { effectiveFact, routeName } from './routeSteps.js';

/** Effective permissions with their trace: the access value and one step whose children are the routes. */
export interface ExplainedAccess {
  readonly access: EffectiveAccess;
  readonly step: Step;
  /** R-ADM-1, R-REQ-3: an active Administrator (12) also manages the data source by authority (view, modify, delete). */
  readonly managesByAuthority: boolean;
}

const summary = (user: User, dataSourceId: number, groupId: number | null, access: EffectiveAccess): string => {
  const on = groupId === null ? `data source ${dataSourceId}` : `data source ${dataSourceId} through group ${groupId}`;
  return `\`${user.userName}\` has ${show(access.permissions)} on ${on} (route: ${routeName(access)})`;
};

/** R-ADM-1, R-REQ-3: what an active Administrator (12) may do by authority, beside its SPEC §3 set. */
const authorityStep = (user: User, dataSourceId: number): Step =>
  step(
    'R-ADM-1',
    'authority over the management API',
    'pass',
    `\`${user.userName}\` holds Administrator (12): a direct management request may view, modify or delete data source ${dataSourceId} by authority (R-REQ-3); its permissions on the data are the set above, and it opens no query channel beyond it (R-USE-1)`,
    [userPermissionsFact(user)],
  );

/** Explains `user`'s effective permissions on `dataSource`, through `group` when given (SPEC §3, R-GRP-1). */
export const explainAccess = (snapshot: Snapshot, user: User, dataSource: DataSource, group?: DataSource): ExplainedAccess => {
  const trace: RouteTrace = { snapshot, steps: [] };
  const access = group === undefined ? effectiveAccess(user, dataSource, trace) : effectiveAccessThroughGroup(user, group, dataSource, trace);
  const managesByAuthority = user.active && user.isAdministrator;
  const children = managesByAuthority ? [...trace.steps, authorityStep(user, dataSource.id)] : trace.steps;
  return {
    access,
    managesByAuthority,
    step: step(
      ruleOf(access),
      group === undefined ? `effective permissions on data source ${dataSource.id}` : `effective permissions on data source ${dataSource.id} through group ${group.id}`,
      reaches(access) ? 'pass' : 'fail',
      summary(user, dataSource.id, group === undefined ? null : group.id, access),
      [effectiveFact(user, dataSource.id, group === undefined ? null : group.id, access)],
      children,
    ),
  };
};

/**
 * Explains how `user` reaches `dataSource` whatever its status: the routes of SPEC §3 without the
 * status check, for the subject of an on-behalf-of request (R-OBO-1: its status does not block
 * the actor; R-OBO-3: reachability is the subject's).
 */
export const explainReach = (snapshot: Snapshot, user: User, d: DataSource): ExplainedAccess => {
  const trace: RouteTrace = { snapshot, steps: [] };
  const access = routeAccess(user, d, trace);
  const reached = reaches(access);
  return {
    access,
    managesByAuthority: false,
    step: step(
      'R-OBO-3',
      `route of \`${user.userName}\` to data source ${d.id}`,
      reached ? 'pass' : 'fail',
      reached
        ? `\`${user.userName}\` reaches data source ${d.id} (route: ${routeName(access)}); its status does not block the actor`
        : `no route leads \`${user.userName}\` to data source ${d.id}`,
      [reachFact(user.id, d.id, routeName(access))],
      trace.steps,
    ),
  };
};

/** One phrase naming the route and its set, e.g. "the override on data source 800 is [7]". */
export const describeRoute = (access: EffectiveAccess): string => {
  switch (access._tag) {
    case 'Override':
      return `the data-source permissions of data source ${access.dataSourceId} are ${show(access.permissions)}`;
    case 'Owner':
      return `the owner's user permissions on data source ${access.dataSourceId} are ${show(access.permissions)}`;
    case 'UserShare':
      return `the share of data source ${access.dataSourceId} with user ${access.userId} is ${show(access.permissions)}`;
    case 'TenantShare':
      return `the share of data source ${access.dataSourceId} with tenant ${access.tenantId} is ${show(access.permissions)}`;
    case 'Group':
      return access.member === null ? `the set on group ${access.groupId} is ${show(access.permissions)}` : `through group ${access.groupId}, ${describeRoute(access.member)}`;
    case 'NotMember':
      return `group ${access.groupId} does not contain data source ${access.memberId}`;
    case 'Inactive':
      return 'the subject is inactive or locked: it has no permissions';
    case 'None':
      return 'no route: no permissions';
  }
};
