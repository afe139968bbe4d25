/**
 * Payload rules (R-REQ-5, 400): what a request body may say, and the structural rules that need
 * no body.
 *
 * - `checkPayload` decodes the body of an operation (paths rooted at `$.body`) and checks its
 *   structural rules: R-PAY-1, R-PAY-2 / R-CAT-1, R-SHR-3, R-SHR-5, R-GRP-2..5, R-ROL-1,
 *   R-ADM-5, R-ADM-7, R-EFF-2, and that every id the body references exists. Every problem is
 *   reported together, each citing its rule; decoding never throws.
 * - `checkStructural` holds the rules that need no body (R-ROL-1 on delete, R-TRN-6, R-ADM-7
 *   on self-deletion, the on-behalf-of and ownership part of R-PAY-1, the group target of
 *   R-GRP-5). `checkPayload` runs it too, so a caller needs only `checkPayload`; for a
 *   body-less operation it ignores the body and answers `{_tag: 'NoBody'}`.
 *
 * The body-dependent authorization (R-REQ-6, 403) lives in `bodyAuthorization.ts`. Path
 * parameters are read from `ctx.params` under the names of SPEC §5's path templates (`id`,
 * `uid`, `tid`).
 */
import * as E from 'fp-ts/lib/Either.js';
import { dataSourceSettable, describePermission, Permission, shareSettable, SYSTEM_TENANT } from '../catalog/catalog.js';
import { empty, equals, fromIds, has, unionAll } from '../catalog/permissionSet.js';
import { noBody, type BodyCodec, type Payload, type PayloadOf } from '../codec/payloads.js';
import { at, problem, problemsFromErrors, type Problem } from '../codec/problem.js';
import { userByName, type DataSource, type RoleId, type TenantId, type User, type UserId } from '../model/snapshot.js';
import { appUsableBy } from './oauth.js';
import {
  BODY,
  isPredefinedRole,
  mayAdminister,
  PATH,
  paramId,
  plural,
  QUERY_USER,
  targetRole,
  targetUser,
  tenantOfNewEntity,
  ticks,
  visibleToCaller,
  type PayloadContext,
} from './payloadContext.js';
import type { RuleId } from '../catalog/ruleIds.js';

export { mayAdminister, tenantOfNewEntity, visibleToCaller, type PayloadContext } from './payloadContext.js';

type Report = (path: string, message: string, rule: RuleId) => void;

// ---------------------------------------------------------------------------------------------
// R-REQ-5: structural rules

/** Structural rules that need no body (R-PAY-1, R-GRP-5, R-ROL-1, R-TRN-6); 400 problems, all together. */
export const checkStructural = (ctx: PayloadContext): ReadonlyArray<Problem> => {
  const out: Problem[] = [];
  const report: Report = (path, message, rule) => out.push(problem(path, message, rule));
  const { snapshot, operation, dataSource } = ctx;
  switch (operation) {
    case 'UpdateDataSourcePermissions':
      // R-PAY-1: data-source permissions are written only on behalf of the owner.
      if (!ctx.onBehalfOf) report(QUERY_USER, 'data-source permissions can be written only on behalf of a user (`?user=`)', 'R-PAY-1');
      else if (dataSource !== undefined && dataSource.owner !== ctx.subject.id) {
        report(QUERY_USER, `user \`${ctx.subject.userName}\` does not own data source \`${dataSource.id}\``, 'R-PAY-1');
      }
      break;
    case 'AddMembers':
    case 'ReplaceMembers':
    case 'RemoveMember':
      // R-GRP-5: members are managed on groups only.
      if (dataSource !== undefined && !dataSource.isGroup) report(PATH, `data source \`${dataSource.id}\` is not a group`, 'R-GRP-5');
      break;
    case 'DeleteRole': {
      const role = targetRole(ctx);
      if (role === undefined) break;
      // R-ROL-1: predefined roles stay; a role with users cannot be deleted.
      if (isPredefinedRole(role.id)) report(PATH, `role \`${role.id}\` is predefined and cannot be deleted`, 'R-ROL-1');
      if (role.users.length > 0) report(PATH, `role \`${role.id}\` has users ${ticks(role.users)} and cannot be deleted`, 'R-ROL-1');
      break;
    }
    case 'DeleteTenant': {
      const id = paramId(ctx, 'id');
      const tenant = id === undefined ? undefined : snapshot.tenants.get(id);
      if (tenant === undefined) break;
      // R-SNAP-3: the system tenant always exists.
      if (tenant.id === SYSTEM_TENANT) report(PATH, `tenant \`${tenant.id}\` is the system tenant and cannot be deleted`, 'R-SNAP-3');
      // R-TRN-6: a tenant with users cannot be deleted.
      if (tenant.users.length > 0) report(PATH, `tenant \`${tenant.id}\` has users ${ticks(tenant.users)} and cannot be deleted`, 'R-TRN-6');
      // R-TRN-6: nor while one of its OAuth apps has profiles.
      const used = [...snapshot.oauthApps.values()].filter((a) => a.tenantId === tenant.id && profilesOf(ctx, a.id).length > 0).map((a) => a.id);
      if (used.length > 0) {
        report(PATH, `tenant \`${tenant.id}\` has oauth ${plural(used.length, 'app', 'apps')} ${ticks(used)} with profiles and cannot be deleted`, 'R-TRN-6');
      }
      break;
    }
    case 'DeleteOAuthApp': {
      const id = paramId(ctx, 'id');
      if (id === undefined || !snapshot.oauthApps.has(id)) break;
      // R-TRN-6: an OAuth app is not deleted while profiles use it.
      const profiles = profilesOf(ctx, id);
      if (profiles.length > 0) report(PATH, `oauth app \`${id}\` is used by ${plural(profiles.length, 'profile', 'profiles')} ${ticks(profiles)} and cannot be deleted`, 'R-TRN-6');
      break;
    }
    case 'DeleteUser': {
      const user = targetUser(ctx);
      if (user === undefined) break;
      // R-ADM-7: no administrator deletes its own account, nor the last active Administrator (12).
      if (user.id === ctx.actor.id) report(PATH, `user \`${ctx.actor.userName}\` cannot delete its own account`, 'R-ADM-7');
      checkLastAdministrator(ctx, PATH, { deleted: user.id }, report);
      break;
    }
    default:
      break;
  }
  return out;
};

/** R-REQ-5: decodes the body with the operation's codec (`ctx.body`) and checks its structural rules; every problem (400) is reported. */
export const checkPayload = (ctx: PayloadContext, body: unknown): E.Either<ReadonlyArray<Problem>, Payload> => {
  const structural = checkStructural(ctx);
  const codec = ctx.body;
  if (codec === undefined) return structural.length > 0 ? E.left(structural) : E.right(noBody);
  const decoded = decodeBody(codec, body);
  if (E.isLeft(decoded)) return E.left([...decoded.left, ...structural]);
  const problems = [...structural, ...bodyProblems(ctx, decoded.right)];
  return problems.length > 0 ? E.left(problems) : E.right(decoded.right);
};

// Decoding never throws on JSON data; a value nested deeper than the stack is reported, not raised.
const decodeBody = (codec: BodyCodec, body: unknown): E.Either<ReadonlyArray<Problem>, Payload> => {
  try {
    const decoded = codec.decode(body);
    return E.isLeft(decoded) ? E.left(problemsFromErrors(decoded.left, BODY)) : decoded;
  } catch (e) {
    return E.left([problem(BODY, `cannot decode the body: ${(e instanceof Error ? e.message : String(e)).toLowerCase()}`, 'R-REQ-5')]);
  }
};

const bodyProblems = (ctx: PayloadContext, payload: Payload): ReadonlyArray<Problem> => {
  const out: Problem[] = [];
  const report: Report = (path, message, rule) => out.push(problem(path, message, rule));
  switch (payload._tag) {
    case 'DataSourceCreate':
      checkDataSourceBody(ctx, payload, report);
      break;
    case 'DataSourceUpdate':
      checkDataSourceBody(ctx, payload, report);
      break;
    case 'DataSourcePermissions':
      checkDataSourceIds(ctx, at(BODY, 'permissions'), payload.permissions, report);
      break;
    case 'Members':
      if (ctx.dataSource !== undefined && ctx.dataSource.isGroup) {
        checkMembers(ctx, at(BODY, 'members'), payload.members, ctx.dataSource.owner, report);
      }
      break;
    case 'UserShares':
      checkUserShares(ctx, payload, report);
      break;
    case 'UserSharePermissions':
      checkUserSharePermissions(ctx, payload, report);
      break;
    case 'TenantShares':
      checkTenantShares(ctx, payload, report);
      break;
    case 'TenantSharePermissions':
      checkTenantSharePermissions(ctx, payload, report);
      break;
    case 'UserCreate':
      checkUserCreate(ctx, payload, report);
      break;
    case 'UserUpdate':
      checkUserUpdate(ctx, payload, report);
      break;
    case 'UserPermissions':
      checkUserPermissionsBody(ctx, payload, report);
      break;
    case 'TenantsAdministered':
      checkTenantsAdministeredBody(ctx, payload, report);
      break;
    case 'RoleCreate':
      checkRoleCreate(ctx, payload, report);
      break;
    case 'RoleUpdate':
      checkRoleUpdate(ctx, payload, report);
      break;
    case 'TenantCreate':
      checkParentTenant(undefined, payload.parentTenant, report);
      checkTenantCreate(ctx, payload, report);
      break;
    case 'TenantUpdate':
      checkParentTenant(paramId(ctx, 'id'), payload.parentTenant, report);
      break;
    case 'TenantAdmins':
      checkTenantAdmins(ctx, payload, report);
      break;
    case 'OAuthAppCreate':
      checkTenantExists(ctx, at(BODY, 'tenantId'), tenantOfNewEntity(ctx, payload.tenantId), report);
      break;
    case 'OAuthAppUpdate':
      if (payload.tenantId !== undefined && checkTenantExists(ctx, at(BODY, 'tenantId'), payload.tenantId, report)) checkAppMove(ctx, payload.tenantId, report);
      break;
    case 'OAuthProfileCreate':
      checkOAuthApp(ctx, payload.oauthAppId, report);
      break;
    case 'OAuthProfileUpdate':
      if (payload.oauthAppId !== undefined) checkOAuthApp(ctx, payload.oauthAppId, report);
      break;
    case 'UserStatus': {
      const target = targetUser(ctx);
      if (target === undefined) break;
      checkSelfUnchanged(ctx, target, { status: given(BODY, payload) }, report);
      checkLastAdministrator(ctx, BODY, { user: { id: target.id, status: payload } }, report);
      break;
    }
    case 'UserPasswordInfo':
    case 'UserAuthInfo':
    case 'PasswordChange':
    case 'NoBody':
      break;
  }
  return out;
};

// --- permission ids ----------------------------------------------------------------------------

/** R-PAY-2 / R-CAT-1: data-source permissions are within {2,3,4,5,6,7,10}. */
const checkDataSourceIds = (ctx: PayloadContext, path: string, ids: ReadonlyArray<number>, report: Report): void =>
  ids.forEach((id, j) => {
    if (!ctx.snapshot.catalog.byId.has(id)) report(at(path, j), `permission \`${id}\` is not in the catalog`, 'R-PAY-2');
    else if (!has(dataSourceSettable, id)) {
      report(at(path, j), `permission \`${describePermission(ctx.snapshot.catalog, id)}\` cannot be set on a data source`, 'R-PAY-2');
    }
  });

/** R-PAY-2 / R-SHR-5: share permissions are within {2,3,4,5,6,7}; SQLEditor (10) is never shared. */
const checkShareIds = (ctx: PayloadContext, path: string, ids: ReadonlyArray<number>, report: Report): void =>
  ids.forEach((id, j) => {
    if (!ctx.snapshot.catalog.byId.has(id)) report(at(path, j), `permission \`${id}\` is not in the catalog`, 'R-PAY-2');
    else if (id === 10) report(at(path, j), `permission \`${describePermission(ctx.snapshot.catalog, id)}\` cannot be granted by sharing`, 'R-SHR-5');
    else if (!has(shareSettable, id)) {
      report(at(path, j), `permission \`${describePermission(ctx.snapshot.catalog, id)}\` cannot be granted by sharing`, 'R-PAY-2');
    }
  });

/** R-SNAP-4: a role's or user's permissions are catalog ids. */
const checkCatalogIds = (ctx: PayloadContext, path: string, ids: ReadonlyArray<number>, report: Report): void =>
  ids.forEach((id, j) => {
    if (!ctx.snapshot.catalog.byId.has(id)) report(at(path, j), `permission \`${id}\` is not in the catalog`, 'R-SNAP-4');
  });

// --- data sources and groups -----------------------------------------------------------------

const checkDataSourceBody = (ctx: PayloadContext, payload: PayloadOf<'DataSourceCreate'> | PayloadOf<'DataSourceUpdate'>, report: Report): void => {
  const creating = payload._tag === 'DataSourceCreate';
  const target = creating ? undefined : ctx.dataSource;
  if (payload.permissions !== undefined) {
    const path = at(BODY, 'permissions');
    // R-PAY-1: a direct create or update cannot carry data-source permissions.
    if (!ctx.onBehalfOf) report(path, 'data-source permissions can be written only on behalf of a user (`?user=`)', 'R-PAY-1');
    else if (target !== undefined && target.owner !== ctx.subject.id) {
      report(path, `user \`${ctx.subject.userName}\` does not own data source \`${target.id}\``, 'R-PAY-1');
    }
    checkDataSourceIds(ctx, path, payload.permissions, report);
  }
  // R-GRP-2: a data source does not turn into a group or back (a member would nest, a group would lose its members).
  if (target !== undefined && payload.isGroup !== undefined && payload.isGroup !== target.isGroup) {
    report(at(BODY, 'isGroup'), `data source \`${target.id}\` cannot change \`isGroup\` from \`${target.isGroup}\` to \`${payload.isGroup}\``, 'R-GRP-2');
  }
  if (payload.members !== undefined) {
    const isGroup = creating ? payload.isGroup === true : target?.isGroup ?? payload.isGroup === true;
    // R-GRP-5: only a group has members; a create makes the subject the owner (R-TRN-3).
    if (!isGroup) {
      if (payload.members.length > 0) report(at(BODY, 'members'), 'only a group (`isGroup` true) can have members', 'R-GRP-5');
    } else checkMembers(ctx, at(BODY, 'members'), payload.members, target?.owner ?? ctx.subject.id, report);
  }
};

/** R-GRP-5 with R-GRP-2 and R-GRP-3: every new member exists, is not a group and is owned by the group's owner. */
const checkMembers = (
  ctx: PayloadContext,
  path: string,
  members: ReadonlyArray<{ readonly id: number }>,
  groupOwner: UserId,
  report: Report,
): void =>
  members.forEach((m, j) => {
    const p = at(at(path, j), 'id');
    const found = ctx.snapshot.dataSources.get(m.id);
    // R-REQ-3: a data source the subject cannot reach is answered as absent, never revealing it or its owner
    const member = found !== undefined && (visibleToCaller(ctx, found)) ? found : undefined;
    if (member === undefined) report(p, `data source \`${m.id}\` does not exist`, 'R-GRP-5');
    else if (member.isGroup) report(p, `data source \`${m.id}\` is a group, and groups do not nest`, 'R-GRP-2');
    else if (member.owner !== groupOwner) {
      report(p, `data source \`${m.id}\` is owned by user \`${member.owner}\`, not by the group's owner \`${groupOwner}\``, 'R-GRP-3');
    }
  });

// --- shares ------------------------------------------------------------------------------------

/** R-SHR-3 and R-GRP-4 for one user recipient, which must exist. */
const checkUserRecipient = (ctx: PayloadContext, path: string, userId: number, report: Report): void => {
  const ds = ctx.dataSource;
  const recipient = ctx.snapshot.users.get(userId);
  if (recipient === undefined) {
    report(path, `user \`${userId}\` does not exist`, 'R-REQ-5');
    return;
  }
  if (ds === undefined) return;
  if (userId === ds.owner) report(path, `data source \`${ds.id}\` cannot be shared with its owner \`${recipient.userName}\``, 'R-SHR-3');
  else if (ds.sharedTenants.has(recipient.tenantId)) {
    report(path, `user \`${recipient.userName}\` is in tenant \`${recipient.tenantId}\`, which data source \`${ds.id}\` is already shared with`, 'R-SHR-3');
  }
  // R-GRP-4: every member of a shared group is already shared with the recipient (by user or tenant share).
  if (ds.isGroup) {
    const unshared = ds.members
      .map((m) => ctx.snapshot.dataSources.get(m.id))
      .filter((m): m is DataSource => m !== undefined && !m.sharedUsers.has(userId) && !m.sharedTenants.has(recipient.tenantId))
      .map((m) => m.id);
    if (unshared.length > 0) {
      report(
        path,
        `${plural(unshared.length, 'member', 'members')} ${ticks(unshared)} of group \`${ds.id}\` ${plural(unshared.length, 'is', 'are')} not shared with user \`${recipient.userName}\``,
        'R-GRP-4',
      );
    }
  }
};

/** R-GRP-4 for one tenant recipient, which must exist. */
const checkTenantRecipient = (ctx: PayloadContext, path: string, tenantId: number, report: Report): void => {
  const ds = ctx.dataSource;
  if (!ctx.snapshot.tenants.has(tenantId)) {
    report(path, `tenant \`${tenantId}\` does not exist`, 'R-REQ-5');
    return;
  }
  if (ds === undefined || !ds.isGroup) return;
  // R-GRP-4: every member of a shared group is already shared with the tenant.
  const unshared = ds.members
    .map((m) => ctx.snapshot.dataSources.get(m.id))
    .filter((m): m is DataSource => m !== undefined && !m.sharedTenants.has(tenantId))
    .map((m) => m.id);
  if (unshared.length > 0) {
    report(
      path,
      `${plural(unshared.length, 'member', 'members')} ${ticks(unshared)} of group \`${ds.id}\` ${plural(unshared.length, 'is', 'are')} not shared with tenant \`${tenantId}\``,
      'R-GRP-4',
    );
  }
};

const checkUserShares = (ctx: PayloadContext, payload: PayloadOf<'UserShares'>, report: Report): void => {
  const seen = new Set<number>();
  payload.sharedUsers.forEach((s, i) => {
    const entry = at(at(BODY, 'sharedUsers'), i);
    const path = at(entry, 'userId');
    // R-SHR-3: one share per recipient in a request.
    if (seen.has(s.userId)) report(path, `user \`${s.userId}\` is listed twice`, 'R-SHR-3');
    else checkUserRecipient(ctx, path, s.userId, report);
    seen.add(s.userId);
    checkShareIds(ctx, at(entry, 'permissions'), s.permissions, report);
  });
};

const checkUserSharePermissions = (ctx: PayloadContext, payload: PayloadOf<'UserSharePermissions'>, report: Report): void => {
  const uid = paramId(ctx, 'uid');
  if (uid !== undefined) checkUserRecipient(ctx, PATH, uid, report);
  checkShareIds(ctx, at(BODY, 'permissions'), payload.permissions, report);
};

const checkTenantShares = (ctx: PayloadContext, payload: PayloadOf<'TenantShares'>, report: Report): void => {
  const seen = new Set<number>();
  payload.sharedTenants.forEach((s, i) => {
    const entry = at(at(BODY, 'sharedTenants'), i);
    const path = at(entry, 'tenantId');
    if (seen.has(s.tenantId)) report(path, `tenant \`${s.tenantId}\` is listed twice`, 'R-SHR-3');
    else checkTenantRecipient(ctx, path, s.tenantId, report);
    seen.add(s.tenantId);
    checkShareIds(ctx, at(entry, 'permissions'), s.permissions, report);
  });
};

const checkTenantSharePermissions = (ctx: PayloadContext, payload: PayloadOf<'TenantSharePermissions'>, report: Report): void => {
  const tid = paramId(ctx, 'tid');
  if (tid !== undefined) checkTenantRecipient(ctx, PATH, tid, report);
  checkShareIds(ctx, at(BODY, 'permissions'), payload.permissions, report);
};

// --- users -------------------------------------------------------------------------------------

const checkTenantExists = (ctx: PayloadContext, path: string, tenantId: number, report: Report): boolean => {
  if (ctx.snapshot.tenants.has(tenantId)) return true;
  report(path, `tenant \`${tenantId}\` does not exist`, 'R-REQ-5');
  return false;
};

/** R-EFF-2 / R-SNAP-5: at least one role, every role exists and belongs to the user's tenant. */
const checkRoles = (ctx: PayloadContext, path: string, roles: ReadonlyArray<number>, userTenant: TenantId, report: Report): void => {
  if (roles.length === 0) report(path, 'a user needs at least one role', 'R-EFF-2');
  roles.forEach((rid, j) => {
    const role = ctx.snapshot.roles.get(rid);
    if (role === undefined) report(at(path, j), `role \`${rid}\` does not exist`, 'R-REQ-5');
    else if (role.tenantId !== userTenant) {
      report(at(path, j), `role \`${rid}\` belongs to tenant \`${role.tenantId}\`, not to the user's tenant \`${userTenant}\``, 'R-EFF-2');
    }
  });
};

/** R-ADM-5: every tenant listed exists and is reachable by a user of `userTenant`. */
const checkAdministered = (ctx: PayloadContext, path: string, tenants: ReadonlyArray<number>, userTenant: TenantId, report: Report): void =>
  tenants.forEach((tid, j) => {
    if (!checkTenantExists(ctx, at(path, j), tid, report)) return;
    if (!mayAdminister(userTenant, tid)) {
      report(at(path, j), `a user of tenant \`${userTenant}\` cannot administer tenant \`${tid}\``, 'R-ADM-5');
    }
  });

/** R-SNAP-1: user names are unique. */
const checkUserName = (ctx: PayloadContext, userName: string, self: UserId | undefined, report: Report): void => {
  const other = userByName(ctx.snapshot, userName);
  if (other !== undefined && other.id !== self) report(at(BODY, 'userName'), `user name \`${userName}\` is taken by user \`${other.id}\``, 'R-SNAP-1');
};

// --- R-ADM-7: self-administration and the last Administrator ---------------------------------

const sameIds = (a: ReadonlyArray<number>, b: ReadonlyArray<number>): boolean => equals(fromIds(a), fromIds(b));

/**
 * R-ADM-7, judged by effect: a request on the actor's own account may not change its roles,
 * explicit permissions, administrative access or status; a value equal to the current one is
 * no change and passes, on every route alike.
 */
const checkSelfUnchanged = (ctx: PayloadContext, target: User, change: SelfChange, report: Report): void => {
  if (target.id !== ctx.actor.id) return;
  const who = `user \`${ctx.actor.userName}\``;
  if (change.roles !== undefined && !sameIds(change.roles.value, target.roles)) {
    report(change.roles.path, `${who} cannot change the roles of its own account`, 'R-ADM-7');
  }
  if (change.permissions !== undefined && !equals(fromIds(change.permissions.value), target.explicitPermissions)) {
    report(change.permissions.path, `${who} cannot change the permissions of its own account`, 'R-ADM-7');
  }
  if (change.tenantsAdministered !== undefined && !sameIds(change.tenantsAdministered.value, target.tenantsAdministered)) {
    report(change.tenantsAdministered.path, `${who} cannot change the administrative access of its own account`, 'R-ADM-7');
  }
  if (change.status !== undefined && statusAfter(target, change.status.value) !== target.active) {
    report(change.status.path, `${who} cannot deactivate or lock its own account`, 'R-ADM-7');
  }
};

/** What a user body would set on one account, each value with the path it came from. */
interface SelfChange {
  readonly roles?: { readonly path: string; readonly value: ReadonlyArray<number> } | undefined;
  readonly permissions?: { readonly path: string; readonly value: ReadonlyArray<number> } | undefined;
  readonly tenantsAdministered?: { readonly path: string; readonly value: ReadonlyArray<number> } | undefined;
  readonly status?: { readonly path: string; readonly value: StatusChange } | undefined;
}

/** A status body: `status` 0/1 and `accountLocked`, each optional. */
interface StatusChange {
  readonly status?: number | undefined;
  readonly accountLocked?: boolean | undefined;
}

/** Whether a user is active after a status change (R-EFF-3). */
const statusAfter = (user: User, change: StatusChange): boolean => (change.status ?? user.status) !== 0 && !(change.accountLocked ?? user.accountLocked);

const given = <A>(path: string, value: A | undefined): { readonly path: string; readonly value: A } | undefined => (value === undefined ? undefined : { path, value });

/** What a request changes that bears on who holds Administrator (12) (R-ADM-7). */
interface AdministratorEffect {
  /** A user deleted. */
  readonly deleted?: UserId;
  /** One user's new roles, explicit permissions or status. */
  readonly user?: { readonly id: UserId; readonly roles?: ReadonlyArray<number> | undefined; readonly permissions?: ReadonlyArray<number> | undefined; readonly status?: StatusChange | undefined };
  /** One role's new permissions or users. */
  readonly role?: { readonly id: RoleId; readonly permissions?: ReadonlyArray<number> | undefined; readonly users?: ReadonlyArray<UserId> | undefined };
}

/** Whether `user` is an active holder of Administrator (12) once the effect is applied. */
const activeAdministratorAfter = (ctx: PayloadContext, user: User, effect: AdministratorEffect): boolean => {
  if (effect.deleted === user.id) return false;
  const own = effect.user !== undefined && effect.user.id === user.id ? effect.user : undefined;
  if (!(own?.status === undefined ? user.active : statusAfter(user, own.status))) return false;
  const role = effect.role;
  const baseRoles = own?.roles ?? user.roles;
  const roles =
    role?.users === undefined ? baseRoles : role.users.includes(user.id) ? [...baseRoles.filter((r) => r !== role.id), role.id] : baseRoles.filter((r) => r !== role.id);
  const fromRoles = roles.map((rid) => (role !== undefined && rid === role.id && role.permissions !== undefined ? fromIds(role.permissions) : ctx.snapshot.roles.get(rid)?.permissions ?? empty));
  const explicit = own?.permissions === undefined ? user.explicitPermissions : fromIds(own.permissions);
  return has(unionAll([...fromRoles, explicit]), Permission.Administrator);
};

/** R-ADM-7: the last active holder of Administrator (12) is not removed (deleted, deactivated, locked, or stripped of 12). */
const checkLastAdministrator = (ctx: PayloadContext, path: string, effect: AdministratorEffect, report: Report): void => {
  const before = [...ctx.snapshot.activeAdministrators.values()];
  if (before.length === 0 || before.some((u) => activeAdministratorAfter(ctx, u, effect))) return;
  // only the user or the role's users the request changes can become holders
  const roleNow = effect.role === undefined ? undefined : ctx.snapshot.roles.get(effect.role.id);
  const candidates = [effect.user?.id, ...(effect.role?.users ?? []), ...(roleNow?.users ?? [])].flatMap((id) => {
    const u = id === undefined ? undefined : ctx.snapshot.users.get(id);
    return u === undefined ? [] : [u];
  });
  if (candidates.some((u) => activeAdministratorAfter(ctx, u, effect))) return;
  report(path, `the request would leave no active holder of Administrator (12): ${plural(before.length, 'user', 'users')} ${ticks(before.map((u) => u.userName))} would lose it`, 'R-ADM-7');
};

const checkUserCreate = (ctx: PayloadContext, payload: PayloadOf<'UserCreate'>, report: Report): void => {
  checkUserName(ctx, payload.userName, undefined, report);
  const tenant = tenantOfNewEntity(ctx, payload.tenantId);
  const tenantKnown = checkTenantExists(ctx, at(BODY, 'tenantId'), tenant, report);
  const perms = at(BODY, 'permissions');
  if (tenantKnown) checkRoles(ctx, at(perms, 'roles'), payload.permissions.roles, tenant, report);
  if (payload.permissions.permissions !== undefined) checkCatalogIds(ctx, at(perms, 'permissions'), payload.permissions.permissions, report);
  if (payload.tenantsAdministered !== undefined && tenantKnown) {
    checkAdministered(ctx, at(BODY, 'tenantsAdministered'), payload.tenantsAdministered, tenant, report);
  }
};

const checkUserUpdate = (ctx: PayloadContext, payload: PayloadOf<'UserUpdate'>, report: Report): void => {
  const target = targetUser(ctx);
  if (target === undefined) return; // a missing path id is the decider's 404 (R-REQ-3)
  if (payload.userName !== undefined) checkUserName(ctx, payload.userName, target.id, report);
  const tenant = payload.tenantId ?? target.tenantId;
  const tenantKnown = checkTenantExists(ctx, at(BODY, 'tenantId'), tenant, report);
  const perms = at(BODY, 'permissions');
  checkSelfUnchanged(
    ctx,
    target,
    {
      roles: given(at(perms, 'roles'), payload.permissions?.roles),
      permissions: given(at(perms, 'permissions'), payload.permissions?.permissions),
      tenantsAdministered: given(at(BODY, 'tenantsAdministered'), payload.tenantsAdministered),
      status: given(at(BODY, 'statusInfo'), payload.statusInfo),
    },
    report,
  );
  checkLastAdministrator(ctx, BODY, { user: { id: target.id, roles: payload.permissions?.roles, permissions: payload.permissions?.permissions, status: payload.statusInfo } }, report);
  // R-TRN-5 with R-OAP-1: a move keeps every OAuth profile the user owns on an app usable from the new tenant
  if (tenantKnown && tenant !== target.tenantId) {
    const stranded = (ctx.snapshot.profilesByOwner.get(target.id) ?? []).flatMap((id) => {
      const p = ctx.snapshot.oauthProfiles.get(id);
      const app = p === undefined ? undefined : ctx.snapshot.oauthApps.get(p.oauthAppId);
      return p !== undefined && app !== undefined && !appUsableBy({ tenantId: tenant }, app.tenantId) ? [p] : [];
    });
    if (stranded.length > 0) {
      report(
        at(BODY, 'tenantId'),
        `user \`${target.userName}\` owns oauth ${plural(stranded.length, 'profile', 'profiles')} ${ticks(stranded.map((p) => p.id))} on apps it could not use from tenant \`${tenant}\``,
        'R-TRN-5',
      );
    }
  }
  const roles = payload.permissions?.roles;
  if (roles !== undefined) {
    if (tenantKnown) checkRoles(ctx, at(perms, 'roles'), roles, tenant, report);
  } else if (tenantKnown && tenant !== target.tenantId) {
    // R-TRN-5: a move carries roles of the new tenant.
    report(at(BODY, 'tenantId'), `moving user \`${target.userName}\` to tenant \`${tenant}\` needs roles of that tenant in \`permissions.roles\``, 'R-EFF-2');
  }
  if (payload.permissions?.permissions !== undefined) checkCatalogIds(ctx, at(perms, 'permissions'), payload.permissions.permissions, report);
  if (payload.tenantsAdministered !== undefined && tenantKnown) {
    checkAdministered(ctx, at(BODY, 'tenantsAdministered'), payload.tenantsAdministered, tenant, report);
  }
};

const checkUserPermissionsBody = (ctx: PayloadContext, payload: PayloadOf<'UserPermissions'>, report: Report): void => {
  const target = targetUser(ctx);
  if (target === undefined) return;
  checkSelfUnchanged(ctx, target, { roles: given(at(BODY, 'roles'), payload.roles), permissions: given(at(BODY, 'permissions'), payload.permissions) }, report);
  checkLastAdministrator(ctx, BODY, { user: { id: target.id, roles: payload.roles, permissions: payload.permissions } }, report);
  if (payload.roles !== undefined) checkRoles(ctx, at(BODY, 'roles'), payload.roles, target.tenantId, report);
  if (payload.permissions !== undefined) checkCatalogIds(ctx, at(BODY, 'permissions'), payload.permissions, report);
};

const checkTenantsAdministeredBody = (ctx: PayloadContext, payload: PayloadOf<'TenantsAdministered'>, report: Report): void => {
  const target = targetUser(ctx);
  if (target === undefined) return;
  const path = at(BODY, 'tenantsAdministered');
  checkSelfUnchanged(ctx, target, { tenantsAdministered: given(path, payload.tenantsAdministered) }, report);
  checkAdministered(ctx, path, payload.tenantsAdministered, target.tenantId, report);
};

// --- roles -------------------------------------------------------------------------------------

/** Every user listed exists and is of the role's tenant (R-EFF-2); the actor's own roles do not change (R-ADM-7). */
const checkRoleUsers = (ctx: PayloadContext, users: ReadonlyArray<number>, roleTenant: TenantId, before: ReadonlyArray<UserId>, report: Report): void => {
  const path = at(BODY, 'users');
  users.forEach((uid, j) => {
    const user = ctx.snapshot.users.get(uid);
    if (user === undefined) report(at(path, j), `user \`${uid}\` does not exist`, 'R-REQ-5');
    else if (user.tenantId !== roleTenant) {
      report(at(path, j), `user \`${user.userName}\` is in tenant \`${user.tenantId}\`, not in the role's tenant \`${roleTenant}\``, 'R-EFF-2');
    }
  });
  const actorBefore = before.includes(ctx.actor.id);
  const actorAfter = users.includes(ctx.actor.id);
  if (actorBefore !== actorAfter) {
    report(path, `user \`${ctx.actor.userName}\` cannot ${actorAfter ? 'assign this role to' : 'remove this role from'} its own account`, 'R-ADM-7');
  }
};

const checkRoleCreate = (ctx: PayloadContext, payload: PayloadOf<'RoleCreate'>, report: Report): void => {
  const tenant = tenantOfNewEntity(ctx, payload.tenantId);
  const tenantKnown = checkTenantExists(ctx, at(BODY, 'tenantId'), tenant, report);
  checkCatalogIds(ctx, at(BODY, 'permissions'), payload.permissions, report);
  if (payload.users !== undefined && tenantKnown) checkRoleUsers(ctx, payload.users, tenant, [], report);
};

const checkRoleUpdate = (ctx: PayloadContext, payload: PayloadOf<'RoleUpdate'>, report: Report): void => {
  const role = targetRole(ctx);
  if (role === undefined) return;
  // R-ROL-1: predefined roles keep their name and permissions; only their users change.
  if (isPredefinedRole(role.id)) {
    if (payload.name !== undefined && payload.name !== role.name) {
      report(at(BODY, 'name'), `role \`${role.id}\` is predefined and cannot be renamed to \`${payload.name}\``, 'R-ROL-1');
    }
    if (payload.permissions !== undefined && !equals(fromIds(payload.permissions), role.permissions)) {
      report(at(BODY, 'permissions'), `role \`${role.id}\` is predefined and its permissions cannot change`, 'R-ROL-1');
    }
  }
  if (payload.tenantId !== undefined && payload.tenantId !== role.tenantId) {
    report(at(BODY, 'tenantId'), `role \`${role.id}\` cannot move from tenant \`${role.tenantId}\` to tenant \`${payload.tenantId}\``, 'R-REQ-5');
  }
  if (payload.permissions !== undefined) checkCatalogIds(ctx, at(BODY, 'permissions'), payload.permissions, report);
  // R-ADM-7: no administrator changes the permissions of a role it holds (by effect).
  if (payload.permissions !== undefined && role.users.includes(ctx.actor.id) && !equals(fromIds(payload.permissions), role.permissions)) {
    report(at(BODY, 'permissions'), `user \`${ctx.actor.userName}\` holds role \`${role.id}\` and cannot change its permissions`, 'R-ADM-7');
  }
  checkLastAdministrator(ctx, BODY, { role: { id: role.id, permissions: payload.permissions, users: payload.users } }, report);
  if (payload.users !== undefined) {
    checkRoleUsers(ctx, payload.users, role.tenantId, role.users, report);
    // R-EFF-2: a user removed from the role keeps at least one role.
    const kept = new Set(payload.users);
    const stranded = role.users.filter((uid) => !kept.has(uid) && (ctx.snapshot.users.get(uid)?.roles.length ?? 0) <= 1);
    if (stranded.length > 0) {
      report(at(BODY, 'users'), `${plural(stranded.length, 'user', 'users')} ${ticks(stranded)} would be left without a role`, 'R-EFF-2');
    }
  }
};

// --- tenants and OAuth ------------------------------------------------------------------------

/** The ids of the OAuth profiles that use app `appId`, ascending. */
const profilesOf = (ctx: PayloadContext, appId: number): ReadonlyArray<number> =>
  ctx.snapshot.profilesByApp.get(appId) ?? [];

/**
 * R-TRN-6: a tenant create's `admins` are checked as UpdateTenantAdmins (they exist and may
 * administer a child tenant, R-ADM-5) and its `importedRoles` exist (their copies are judged by
 * R-ADM-6 in body authorization).
 */
const checkTenantCreate = (ctx: PayloadContext, payload: PayloadOf<'TenantCreate'>, report: Report): void => {
  const admins = at(BODY, 'admins');
  (payload.admins ?? []).forEach((uid, j) => {
    const user = ctx.snapshot.users.get(uid);
    if (user === undefined) report(at(admins, j), `user \`${uid}\` does not exist`, 'R-REQ-5');
    // a new tenant is a child tenant: only system-tenant users may administer it
    else if (user.tenantId !== SYSTEM_TENANT) {
      report(at(admins, j), `user \`${user.userName}\` of tenant \`${user.tenantId}\` cannot administer a new tenant`, 'R-ADM-5');
    }
  });
  (payload.importedRoles ?? []).forEach((rid, j) => {
    if (!ctx.snapshot.roles.has(rid)) report(at(at(BODY, 'importedRoles'), j), `role \`${rid}\` does not exist`, 'R-REQ-5');
  });
};

/** R-SNAP-3: tenants form two levels; the system tenant has no parent, every other tenant's parent is 1. */
const checkParentTenant = (tenantId: number | undefined, parentTenant: number | undefined, report: Report): void => {
  if (parentTenant === undefined) return;
  if (tenantId === SYSTEM_TENANT) report(at(BODY, 'parentTenant'), `the system tenant \`${SYSTEM_TENANT}\` has no parent tenant`, 'R-SNAP-3');
  else if (parentTenant !== SYSTEM_TENANT) {
    report(at(BODY, 'parentTenant'), `parent tenant \`${parentTenant}\` is not the system tenant \`${SYSTEM_TENANT}\``, 'R-SNAP-3');
  }
};

const checkTenantAdmins = (ctx: PayloadContext, payload: PayloadOf<'TenantAdmins'>, report: Report): void => {
  const tenantId = paramId(ctx, 'id');
  if (tenantId === undefined || !ctx.snapshot.tenants.has(tenantId)) return;
  const path = at(BODY, 'admins');
  payload.admins.forEach((uid, j) => {
    const user = ctx.snapshot.users.get(uid);
    if (user === undefined) report(at(path, j), `user \`${uid}\` does not exist`, 'R-REQ-5');
    else if (!mayAdminister(user.tenantId, tenantId)) {
      report(at(path, j), `user \`${user.userName}\` of tenant \`${user.tenantId}\` cannot administer tenant \`${tenantId}\``, 'R-ADM-5');
    }
  });
  // R-ADM-7: the actor's own administrative access does not change.
  if (ctx.actor.administers.has(tenantId) !== payload.admins.includes(ctx.actor.id)) {
    report(path, `user \`${ctx.actor.userName}\` cannot change its own administrative access on tenant \`${tenantId}\``, 'R-ADM-7');
  }
};

/**
 * R-OAP-1 (D-INC-10): an app moves to another tenant only while every owner of its profiles could
 * still use it from there — the state a user move may not create (R-TRN-5) is refused here too.
 */
const checkAppMove = (ctx: PayloadContext, tenantId: TenantId, report: Report): void => {
  const appId = paramId(ctx, 'id');
  if (appId === undefined) return;
  const stranded = (ctx.snapshot.profilesByApp.get(appId) ?? []).flatMap((id) => {
    const owner = ctx.snapshot.users.get(ctx.snapshot.oauthProfiles.get(id)?.owner ?? -1);
    return owner !== undefined && !appUsableBy(owner, tenantId) ? [id] : [];
  });
  if (stranded.length > 0) {
    report(at(BODY, 'tenantId'), `oauth app \`${appId}\` cannot move to tenant \`${tenantId}\`: the owners of ${plural(stranded.length, 'profile', 'profiles')} ${ticks(stranded)} could not use it there`, 'R-OAP-1');
  }
};

/** R-OAP-1: the profile's app exists and is usable by the subject (an app of its tenant or of the system tenant). */
const checkOAuthApp = (ctx: PayloadContext, appId: number, report: Report): void => {
  const path = at(BODY, 'oauthAppId');
  const app = ctx.snapshot.oauthApps.get(appId);
  if (app === undefined) report(path, `oauth app \`${appId}\` does not exist`, 'R-REQ-5');
  else if (!appUsableBy(ctx.subject, app.tenantId)) {
    report(path, `oauth app \`${appId}\` of tenant \`${app.tenantId}\` is not usable by user \`${ctx.subject.userName}\` of tenant \`${ctx.subject.tenantId}\``, 'R-OAP-1');
  }
};
