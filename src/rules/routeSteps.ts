/**
 * The traced reading of SPEC §3: the steps that `routeAccess`, `effectiveAccess` and
 * `effectiveAccessThroughGroup` record when asked for a trace. Every step states what a route
 * function returned (its outcome is read off the result, never recomputed), with the facts it
 * used and a sentence saying why.
 */
import { show } from '../catalog/permissionSet.js';
import type { RuleId } from '../catalog/ruleIds.js';
import type { DataSource, Snapshot, User } from '../model/snapshot.js';
import { step, type Fact, type RouteName, type Step } from '../model/trace.js';
import type { DirectAccess, EffectiveAccess, GroupAccess, Route, RouteMiss } from './access.js';
import {
  dataSourceFact,
  effectivePermissionsFact,
  membershipFact,
  overrideFact,
  tenantAccessFact,
  tenantShareFact,
  userFact,
  userPermissionFacts,
  userPermissionsFact,
  userShareFact,
} from './facts.js';
import { shareInForce } from './sharesInForce.js';

/** The route name of an access value, as traces and audit answers show it. */
export const routeName = (access: EffectiveAccess): RouteName => {
  switch (access._tag) {
    case 'Override':
      return 'override';
    case 'Owner':
      return 'owner';
    case 'UserShare':
      return 'userShare';
    case 'TenantShare':
      return 'tenantShare';
    case 'Group':
      return 'group';
    case 'Inactive':
      return 'inactive';
    case 'NotMember':
    case 'None':
      return 'none';
  }
};

/** The rule that produced an access value. */
export const ruleOf = (access: EffectiveAccess): RuleId => {
  switch (access._tag) {
    case 'Override':
      return 'R-DSP-1';
    case 'Owner':
      return 'R-DSP-2';
    case 'UserShare':
      return 'R-SHR-1';
    case 'TenantShare':
      return 'R-SHR-2';
    case 'Group':
    case 'NotMember':
      return 'R-GRP-1';
    case 'Inactive':
      return 'R-EFF-3';
    case 'None':
      return 'R-DSP-3';
  }
};

/** The fact stating a subject's effective permissions on a data source and their route. */
export const effectiveFact = (user: User, dataSourceId: number, groupId: number | null, access: EffectiveAccess): Fact =>
  effectivePermissionsFact(user.id, dataSourceId, groupId, routeName(access), access.permissions.ids);

const who = (user: User): string => `\`${user.userName}\``;

const ownerName = (snapshot: Snapshot, d: DataSource): string => {
  const owner = snapshot.users.get(d.owner);
  return owner === undefined ? `user ${d.owner}` : `\`${owner.userName}\``;
};

/** R-SHR-6: why a user share is or is not in force, from the same definition the compiler uses. */
const inForceStep = (snapshot: Snapshot, d: DataSource, recipient: User, inForce: boolean): Step => {
  const owner = snapshot.users.get(d.owner);
  const facts: Fact[] = [userFact(recipient)];
  if (owner === undefined) return step('R-SHR-6', 'user share in force', inForce ? 'pass' : 'fail', `the owner of data source ${d.id} is unknown`, facts);
  facts.push(userFact(owner), tenantAccessFact(owner, recipient.tenantId), userPermissionsFact(owner));
  const because = shareInForce(owner, recipient.tenantId);
  const why =
    because === 'sameTenant'
      ? `${who(recipient)} is in tenant ${recipient.tenantId}, the tenant of owner ${who(owner)}`
      : because === 'ownerAdministers'
        ? `owner ${who(owner)} administers tenant ${recipient.tenantId} of ${who(recipient)}`
        : because === 'ownerIsAdministrator'
          ? `owner ${who(owner)} holds Administrator (12)`
          : `${who(recipient)} is in tenant ${recipient.tenantId}, which owner ${who(owner)} (tenant ${owner.tenantId}) neither is in nor administers, and the owner does not hold Administrator (12): the share grants nothing`;
  return step('R-SHR-6', 'user share in force', inForce ? 'pass' : 'fail', why, facts);
};

const passWhy = (access: DirectAccess, user: User, d: DataSource): string => {
  switch (access._tag) {
    case 'Override':
      return `${who(user)} owns data source ${d.id}, whose data-source permissions ${show(access.permissions)} replace its user permissions`;
    case 'Owner':
      return `${who(user)} owns data source ${d.id}, which carries no data-source permissions: its user permissions ${show(access.permissions)} apply`;
    case 'UserShare':
      return `data source ${d.id} is shared with ${who(user)} with exactly ${show(access.permissions)}; roles are not consulted (R-SHR-4)`;
    case 'TenantShare':
      return `data source ${d.id} is shared with tenant ${user.tenantId} of ${who(user)} with exactly ${show(access.permissions)}; roles are not consulted (R-SHR-4)`;
  }
};

const missWhy = (snapshot: Snapshot, result: RouteMiss, user: User, d: DataSource): string => {
  switch (result.reason) {
    case 'notOwner':
      return `${who(user)} does not own data source ${d.id} (its owner is ${ownerName(snapshot, d)})`;
    case 'noDataSourceSet':
      return `data source ${d.id} carries no data-source permissions`;
    case 'dataSourceSet':
      return `data source ${d.id} carries data-source permissions`;
    case 'noUserShare':
      return `data source ${d.id} is not shared with ${who(user)}`;
    case 'shareNotInForce':
      return `the share of data source ${d.id} with ${who(user)} is not in force (R-SHR-6)`;
    case 'noTenantShare':
      return `data source ${d.id} is not shared with tenant ${user.tenantId} of ${who(user)}`;
  }
};

const routeFacts = (snapshot: Snapshot, route: Route, result: DirectAccess | RouteMiss, user: User, d: DataSource): ReadonlyArray<Fact> => {
  switch (route.rule) {
    case 'R-DSP-1':
      return [dataSourceFact(d), overrideFact(d)];
    case 'R-DSP-2':
      return result._tag === 'Owner' ? [dataSourceFact(d), overrideFact(d), ...userPermissionFacts(snapshot, user)] : [dataSourceFact(d), overrideFact(d)];
    case 'R-SHR-1':
      return [userShareFact(d, user.id)];
    default:
      return [userFact(user), tenantShareFact(d, user.tenantId)];
  }
};

/** The step of one route that ran: passed with the access it gave, or failed with why. */
export const routeStep = (snapshot: Snapshot, route: Route, result: DirectAccess | RouteMiss, user: User, d: DataSource): Step => {
  const applied = result._tag !== 'Miss';
  const share = route.rule === 'R-SHR-1' ? d.sharedUsers.get(user.id) : undefined;
  const children = share === undefined ? [] : [inForceStep(snapshot, d, user, share.inForce)];
  const why = result._tag === 'Miss' ? missWhy(snapshot, result, user, d) : passWhy(result, user, d);
  return step(route.rule, route.check, applied ? 'pass' : 'fail', why, routeFacts(snapshot, route, result, user, d), children);
};

/** The step of a route after the one that applied: not run. */
export const skippedRouteStep = (route: Route): Step => step(route.rule, route.check, 'skip', 'an earlier route applies');

/** R-DSP-3: the step that decides by default deny when no route applied, or is skipped. */
export const denyByDefaultStep = (user: User, d: DataSource, decides: boolean): Step =>
  decides
    ? step('R-DSP-3', 'deny by default', 'pass', `no route gives ${who(user)} access to data source ${d.id}: it has no permissions there, and the data source is not visible to it`)
    : step('R-DSP-3', 'deny by default', 'skip', 'a route applies');

/** R-EFF-3: whether the subject is active; an inactive or locked subject has no permissions anywhere. */
export const statusStep = (user: User): Step =>
  step(
    'R-EFF-3',
    'subject is active',
    user.active ? 'pass' : 'fail',
    user.active ? `${who(user)} is active and unlocked` : `${who(user)} is ${user.accountLocked ? 'locked' : 'inactive'}: its effective permissions are empty on every data source`,
    [userFact(user)],
  );

const summaryOf = (user: User, dataSourceId: number, access: EffectiveAccess): string =>
  `${who(user)} has ${show(access.permissions)} on data source ${dataSourceId} (route: ${routeName(access)})`;

/** The steps of R-GRP-1 (reaching a member through a group). */
export const groupSteps = {
  /** Whether the member is in the group. */
  membership: (snapshot: Snapshot, group: DataSource, member: DataSource, isMember: boolean): ReadonlyArray<Step> => [
    step(
      'R-GRP-1',
      'member of the group',
      isMember ? 'pass' : 'fail',
      isMember
        ? `data source ${member.id} is a member of group ${group.id}`
        : group.isGroup
          ? `group ${group.id} does not contain data source ${member.id}: nothing is reached through it`
          : `data source ${group.id} is not a group: nothing is reached through it`,
      [dataSourceFact(group), membershipFact(group, member.id)],
    ),
  ],
  /** How the subject reaches the group itself, with that route's steps. */
  viaGroup: (user: User, group: DataSource, access: EffectiveAccess, steps: ReadonlyArray<Step>): Step =>
    step(ruleOf(access), `route to group ${group.id}`, access._tag === 'None' ? 'fail' : 'pass', summaryOf(user, group.id, access), [effectiveFact(user, group.id, null, access)], steps),
  /** A set on the group replaces the member's own route, which is shown as overridden. */
  overrides: (user: User, result: GroupAccess, overridden: EffectiveAccess): Step =>
    step(
      'R-GRP-1',
      'group over member',
      'pass',
      `the set ${show(result.permissions)} on group ${result.groupId} replaces ${who(user)}'s own route to member ${result.memberId} (${routeName(overridden)}, ${show(overridden.permissions)}), which is not used`,
      [effectiveFact(user, result.memberId, null, overridden)],
    ),
  /** An owner without a set on the group gets its own access to the member. */
  ownMember: (user: User, result: GroupAccess, own: EffectiveAccess, steps: ReadonlyArray<Step>): Step =>
    step(
      ruleOf(own),
      `own route to member ${result.memberId}`,
      own._tag === 'None' ? 'fail' : 'pass',
      `group ${result.groupId} carries no data-source permissions, so ${who(user)}'s own route to member ${result.memberId} applies: ${show(own.permissions)} (${routeName(own)})`,
      [effectiveFact(user, result.memberId, null, own)],
      steps,
    ),
};
