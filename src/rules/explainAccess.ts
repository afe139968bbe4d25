/**
 * Effective permissions with their trace (R-TRC-1): every route of SPEC §3 in order, the one
 * that applied, and for each route that did not the first condition it failed.
 */
import { show } from '../catalog/permissionSet.js';
import type { DataSource, Snapshot, User } from '../model/snapshot.js';
import { step, type Fact, type RouteName, type Step } from '../model/trace.js';
import { effectiveAccess, effectiveAccessThroughGroup, reaches, routeAccess, type EffectiveAccess } from './dataSourcePermissions.js';
import { userFact, userPermissionFacts } from './userPermissions.js';

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
    case 'Administrator':
      return 'administrator';
    case 'Inactive':
      return 'inactive';
    case 'NotMember':
    case 'None':
      return 'none';
  }
};

/** The fact stating a subject's effective permissions on a data source and their route. */
export const effectiveFact = (user: User, dataSourceId: number, groupId: number | null, access: EffectiveAccess): Fact => ({
  _tag: 'EffectivePermissions',
  userId: user.id,
  dataSourceId,
  groupId,
  route: routeName(access),
  permissions: access.permissions.ids,
});

const nameOf = (snapshot: Snapshot, userId: number): string => snapshot.users.get(userId)?.userName ?? String(userId);

const dataSourceFact = (d: DataSource): Fact => ({ _tag: 'DataSource', dataSourceId: d.id, name: d.name, owner: d.owner, isGroup: d.isGroup });

const overrideFact = (d: DataSource): Fact => ({ _tag: 'Override', dataSourceId: d.id, permissions: d.permissions?.ids ?? null });

/** R-SHR-6: why a user share is or is not in force, as a step over the owner's and recipient's facts. */
const inForceStep = (snapshot: Snapshot, d: DataSource, user: User, inForce: boolean): Step => {
  const owner = snapshot.users.get(d.owner);
  const facts: Fact[] = [userFact(user)];
  if (owner !== undefined) {
    facts.push(userFact(owner));
    facts.push({ _tag: 'TenantAccess', userId: owner.id, tenantId: user.tenantId, held: owner.administers.has(user.tenantId) });
    facts.push({ _tag: 'UserPermissions', userId: owner.id, permissions: owner.permissions.ids });
  }
  const why = inForce
    ? owner !== undefined && owner.tenantId === user.tenantId
      ? `\`${user.userName}\` is in the owner's tenant ${user.tenantId}`
      : owner?.administers.has(user.tenantId) === true
        ? `owner \`${owner.userName}\` administers tenant ${user.tenantId}`
        : `owner \`${nameOf(snapshot, d.owner)}\` holds Administrator (12)`
    : `\`${user.userName}\` (tenant ${user.tenantId}) is outside owner \`${nameOf(snapshot, d.owner)}\`'s tenant, which neither administers tenant ${user.tenantId} nor holds Administrator (12)`;
  return step('R-SHR-6', 'user share in force', inForce ? 'pass' : 'fail', why, facts);
};

const noSteps: ReadonlyArray<Step> = [];
const none = (): ReadonlyArray<Step> => noSteps;

/** The route steps of SPEC §3 for a direct question (no group), the first applying route passing. */
const routeSteps = (snapshot: Snapshot, user: User, d: DataSource, access: EffectiveAccess): ReadonlyArray<Step> => {
  const who = `\`${user.userName}\``;
  const isOwner = d.owner === user.id;
  const notOwner = (): string => `${who} does not own data source ${d.id} (owner \`${nameOf(snapshot, d.owner)}\`)`;
  let decided = false;
  // Texts and facts are built only for the steps that run; a skipped step used no fact.
  const next = (
    applies: boolean,
    rule: Step['rule'],
    check: string,
    whyPass: () => string,
    whyFail: () => string,
    facts: () => ReadonlyArray<Fact>,
    children: () => ReadonlyArray<Step> = none,
  ): Step => {
    if (decided) return step(rule, check, 'skip', 'an earlier route applies');
    decided = applies;
    return step(rule, check, applies ? 'pass' : 'fail', applies ? whyPass() : whyFail(), facts(), children());
  };
  const perms = d.permissions;
  const share = d.sharedUsers.get(user.id);
  const tenantShare = d.sharedTenants.get(user.tenantId);
  return [
    next(
      isOwner && perms !== undefined,
      'R-DSP-1',
      'owner with data-source permissions',
      () => `${who} owns data source ${d.id}, whose data-source permissions ${show(perms ?? access.permissions)} replace the user permissions`,
      () => (isOwner ? `data source ${d.id} carries no data-source permissions` : notOwner()),
      () => [dataSourceFact(d), overrideFact(d)],
    ),
    next(
      isOwner && perms === undefined,
      'R-DSP-2',
      'owner without data-source permissions',
      () => `${who} owns data source ${d.id}, which carries none: the user permissions ${show(user.permissions)} apply`,
      () => (isOwner ? `data source ${d.id} carries data-source permissions` : notOwner()),
      () => (isOwner && perms === undefined ? [dataSourceFact(d), overrideFact(d), ...userPermissionFacts(snapshot, user)] : [dataSourceFact(d)]),
    ),
    next(
      share !== undefined && share.inForce,
      'R-SHR-1',
      'user share',
      () => `data source ${d.id} is shared with ${who} with exactly ${show(share?.permissions ?? access.permissions)} (R-SHR-4: roles are not consulted)`,
      () => (share === undefined ? `data source ${d.id} is not shared with ${who}` : `the share to ${who} is not in force`),
      () => [share === undefined ? { _tag: 'NoUserShare', dataSourceId: d.id, userId: user.id } : { _tag: 'UserShare', dataSourceId: d.id, userId: user.id, permissions: share.permissions.ids, inForce: share.inForce }],
      () => (share === undefined ? noSteps : [inForceStep(snapshot, d, user, share.inForce)]),
    ),
    next(
      tenantShare !== undefined,
      'R-SHR-2',
      'tenant share',
      () => `data source ${d.id} is shared with tenant ${user.tenantId} of ${who} with exactly ${show(tenantShare?.permissions ?? access.permissions)} (R-SHR-4: roles are not consulted)`,
      () => `data source ${d.id} is not shared with tenant ${user.tenantId} of ${who}`,
      () => [
        userFact(user),
        tenantShare === undefined
          ? { _tag: 'NoTenantShare', dataSourceId: d.id, tenantId: user.tenantId }
          : { _tag: 'TenantShare', dataSourceId: d.id, tenantId: user.tenantId, permissions: tenantShare.permissions.ids },
      ],
    ),
    decided
      ? step('R-DSP-3', 'deny by default', 'skip', 'a route applies')
      : step('R-DSP-3', 'deny by default', 'fail', `no route gives ${who} access to data source ${d.id}: it is not visible`),
  ];
};

/** Effective permissions with their trace: the access value and one step whose children are the routes. */
export interface ExplainedAccess {
  readonly access: EffectiveAccess;
  readonly step: Step;
}

const statusStep = (user: User): Step =>
  step(
    'R-EFF-3',
    'subject is active',
    user.active ? 'pass' : 'fail',
    user.active
      ? `\`${user.userName}\` is active and unlocked`
      : `\`${user.userName}\` is ${user.accountLocked ? 'locked' : 'inactive'}: its effective permissions are empty`,
    [userFact(user)],
  );

const summary = (user: User, dataSourceId: number, groupId: number | null, access: EffectiveAccess): string => {
  const on = groupId === null ? `data source ${dataSourceId}` : `data source ${dataSourceId} through group ${groupId}`;
  return `\`${user.userName}\` has ${show(access.permissions)} on ${on} (route: ${routeName(access)})`;
};

const ruleOf = (access: EffectiveAccess): Step['rule'] => {
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
    case 'Administrator':
      return 'R-REQ-3';
    case 'Inactive':
      return 'R-EFF-3';
    case 'None':
      return 'R-DSP-3';
  }
};

const explainDirect = (snapshot: Snapshot, user: User, d: DataSource): ExplainedAccess => {
  const access = effectiveAccess(user, d);
  const status = statusStep(user);
  const children = user.active ? [status, ...routeSteps(snapshot, user, d, access)] : [status];
  const reached = access._tag !== 'None' && access._tag !== 'Inactive';
  return {
    access,
    step: step(ruleOf(access), `effective permissions on data source ${d.id}`, reached ? 'pass' : 'fail', summary(user, d.id, null, access), [effectiveFact(user, d.id, null, access)], children),
  };
};

/**
 * Explains how `user` reaches `dataSource` whatever its status: the routes of SPEC §3 without the
 * status check, for the subject of an on-behalf-of request (R-OBO-1: its status does not block
 * the actor; R-OBO-3: reachability is the subject's).
 */
export const explainReach = (snapshot: Snapshot, user: User, d: DataSource): ExplainedAccess => {
  const access = routeAccess(user, d);
  const reached = reaches(access);
  return {
    access,
    step: step(
      'R-OBO-3',
      `route of \`${user.userName}\` to data source ${d.id}`,
      reached ? 'pass' : 'fail',
      reached ? `\`${user.userName}\` reaches data source ${d.id} (route: ${routeName(access)}); its status does not block the actor` : `no route leads \`${user.userName}\` to data source ${d.id}`,
      [],
      routeSteps(snapshot, user, d, access),
    ),
  };
};

/** Explains `user`'s effective permissions on `dataSource`, through `group` when given (SPEC §3, R-GRP-1). */
export const explainAccess = (snapshot: Snapshot, user: User, dataSource: DataSource, group?: DataSource): ExplainedAccess => {
  if (group === undefined) return explainDirect(snapshot, user, dataSource);
  const access = effectiveAccessThroughGroup(user, group, dataSource);
  const status = statusStep(user);
  const isMember = group.isGroup && group.memberIds.has(dataSource.id);
  const membership = step(
    'R-GRP-1',
    'member of the group',
    isMember ? 'pass' : 'fail',
    isMember
      ? `data source ${dataSource.id} is a member of group ${group.id}`
      : group.isGroup
        ? `group ${group.id} does not contain data source ${dataSource.id}`
        : `data source ${group.id} is not a group`,
    [dataSourceFact(group), { _tag: 'Membership', groupId: group.id, memberId: dataSource.id, member: isMember }],
  );
  const children: Step[] = [status];
  if (user.active) {
    children.push(membership);
    if (isMember) {
      const viaGroup = explainDirect(snapshot, user, group);
      children.push(viaGroup.step);
      if (access._tag === 'Group') {
        if (access.member === null) {
          children.push(
            step('R-GRP-1', 'group over member', 'pass', `the set ${show(access.permissions)} on group ${group.id} overrides whatever applies to member ${dataSource.id}`, [
              effectiveFact(user, group.id, null, access.viaGroup),
            ]),
          );
        } else {
          children.push(
            step('R-GRP-1', 'group over member', 'skip', `group ${group.id} carries no data-source permissions: \`${user.userName}\`'s own permissions on member ${dataSource.id} apply`),
          );
          children.push(explainDirect(snapshot, user, dataSource).step);
        }
      }
    }
  }
  const reached = access._tag === 'Group';
  return {
    access,
    step: step('R-GRP-1', `effective permissions on data source ${dataSource.id} through group ${group.id}`, reached ? 'pass' : 'fail', summary(user, dataSource.id, group.id, access), [effectiveFact(user, dataSource.id, group.id, access)], children),
  };
};

/** One phrase naming the route and its set, e.g. "override on data source 800 is [7]". */
export const describeRoute = (access: EffectiveAccess): string => {
  switch (access._tag) {
    case 'Override':
      return `override on data source ${access.dataSourceId} is ${show(access.permissions)}`;
    case 'Owner':
      return `owner's user permissions on data source ${access.dataSourceId} are ${show(access.permissions)}`;
    case 'UserShare':
      return `user share of data source ${access.dataSourceId} to user ${access.userId} is ${show(access.permissions)}`;
    case 'TenantShare':
      return `tenant share of data source ${access.dataSourceId} to tenant ${access.tenantId} is ${show(access.permissions)}`;
    case 'Group':
      return access.member === null
        ? `the set on group ${access.groupId} is ${show(access.permissions)}`
        : `through group ${access.groupId}, ${describeRoute(access.member)}`;
    case 'NotMember':
      return `group ${access.groupId} does not contain data source ${access.memberId}`;
    case 'Administrator':
      return `the Administrator's permissions on data source ${access.dataSourceId} are ${show(access.permissions)}`;
    case 'Inactive':
      return 'the subject is inactive: no permissions';
    case 'None':
      return 'no route: no permissions';
  }
};
