/**
 * Body-dependent authorization (R-REQ-6, 403): what the caller must hold for what a body
 * names. `authorizeBody` runs after `checkPayload` succeeds and returns the body-dependent
 * steps: the grant ceilings of R-SHR-7 / R-SHR-8, the in-force condition of a user share
 * (R-SHR-7 with R-SHR-6), administrative access to the tenants the body names (R-SHR-7,
 * R-SHR-8, R-ADM-2, R-OAA-1) and the privilege ceiling R-ADM-6.
 */
import { describePermission, permissionName, SYSTEM_TENANT } from '../catalog/catalog.js';
import { difference, empty, fromIds, has, type PermissionSet, union, unionAll } from '../catalog/permissionSet.js';
import type { Payload } from '../codec/payloads.js';
import type { TenantId, User, UserId } from '../model/snapshot.js';
import { step, type Fact, type Step } from '../model/trace.js';
import { appInScope } from './oauth.js';
import { ascending, paramId, plural, privileged, rolesPermissions, targetRole, targetUser, tenantOfNewEntity, ticks, type PayloadContext } from './payloadContext.js';
import type { RuleId } from '../catalog/ruleIds.js';


const administratorWhy = (ctx: PayloadContext, what: string): string =>
  `user \`${ctx.actor.userName}\` holds Administrator (12), which satisfies ${what} (R-ADM-1)`;

/** R-SHR-7 / R-SHR-8 grant ceiling: every granted share permission is within `ctx.grantable`. */
const grantCeiling = (ctx: PayloadContext, rule: RuleId, granted: PermissionSet): Step => {
  const check = 'grant ceiling';
  const where = ctx.dataSource === undefined ? 'the data source' : `data source \`${ctx.dataSource.id}\``;
  if (ctx.actor.isAdministrator) return step(rule, check, 'pass', administratorWhy(ctx, 'the grant ceiling'), [{ _tag: 'Note', text: 'A12 lifts the grant ceiling' }]);
  const facts: ReadonlyArray<Fact> = granted.ids.map((id) => ({
    _tag: 'Requires',
    permission: id,
    name: permissionName(ctx.snapshot.catalog, id),
    scope: 'dataSource',
    held: has(ctx.grantable, id),
  }));
  const missing = difference(granted, ctx.grantable);
  if (missing.ids.length === 0) {
    return step(rule, check, 'pass', `every granted permission \`[${granted.ids.join(',')}]\` is held by the caller on ${where}`, facts);
  }
  const names = missing.ids.map((id) => describePermission(ctx.snapshot.catalog, id));
  return step(rule, check, 'fail', `the caller cannot grant ${ticks(names)}, which it does not hold on ${where}`, facts);
};

/** Administrative access (ACC) of the actor on every tenant listed; fails naming each one missing (R-TRC-4). */
const tenantAccess = (ctx: PayloadContext, rule: RuleId, check: string, tenants: ReadonlyArray<TenantId>): Step | undefined => {
  const listed = ascending(tenants);
  if (listed.length === 0) return undefined;
  if (ctx.actor.isAdministrator) return step(rule, check, 'pass', administratorWhy(ctx, 'every administrative-access requirement'), [{ _tag: 'Note', text: `tenants ${listed.join(', ')}` }]);
  const facts: ReadonlyArray<Fact> = listed.map((tenantId) => ({ _tag: 'TenantAccess', userId: ctx.actor.id, tenantId, held: ctx.actor.administers.has(tenantId) }));
  const missing = listed.filter((tid) => !ctx.actor.administers.has(tid));
  if (missing.length === 0) {
    return step(rule, check, 'pass', `user \`${ctx.actor.userName}\` administers ${plural(listed.length, 'tenant', 'tenants')} ${ticks(listed)}`, facts);
  }
  return step(rule, check, 'fail', `user \`${ctx.actor.userName}\` lacks administrative access on ${plural(missing.length, 'tenant', 'tenants')} ${ticks(missing)}`, facts);
};

/** R-ADM-6 privilege ceiling: every tenant- or elevated-category permission given is held by the actor. */
const privilegeCeiling = (ctx: PayloadContext, given: PermissionSet, to: string): Step => {
  const rule: RuleId = 'R-ADM-6';
  const check = 'privilege ceiling';
  const offered = privileged(ctx.snapshot, given);
  if (ctx.actor.isAdministrator) return step(rule, check, 'pass', administratorWhy(ctx, 'the privilege ceiling'), [{ _tag: 'Note', text: `gives ${to} [${offered.ids.join(',')}]` }]);
  const facts: ReadonlyArray<Fact> = [
    { _tag: 'UserPermissions', userId: ctx.actor.id, permissions: ctx.actor.permissions.ids },
    ...offered.ids.map(
      (id): Fact => ({
        _tag: 'Requires',
        permission: id,
        name: permissionName(ctx.snapshot.catalog, id),
        scope: 'user',
        held: has(ctx.actor.permissions, id),
      }),
    ),
  ];
  const missing = difference(offered, ctx.actor.permissions);
  if (offered.ids.length === 0) return step(rule, check, 'pass', `the request gives ${to} no tenant or elevated permission`, facts);
  if (missing.ids.length === 0) {
    return step(rule, check, 'pass', `user \`${ctx.actor.userName}\` holds every tenant or elevated permission it gives ${to}`, facts);
  }
  const names = missing.ids.map((id) => describePermission(ctx.snapshot.catalog, id));
  return step(rule, check, 'fail', `user \`${ctx.actor.userName}\` cannot give ${to} ${ticks(names)}, which it does not hold`, facts);
};

/** The owner of the target data source (the subject when there is none). */
const ownerOf = (ctx: PayloadContext): User => (ctx.dataSource === undefined ? undefined : ctx.snapshot.users.get(ctx.dataSource.owner)) ?? ctx.subject;

/** The tenants of the recipients outside the owner's tenant, ascending. */
const foreignTenants = (ctx: PayloadContext, owner: User, recipients: ReadonlyArray<UserId>): ReadonlyArray<TenantId> =>
  ascending(
    recipients.flatMap((uid) => {
      const t = ctx.snapshot.users.get(uid)?.tenantId;
      return t === undefined || t === owner.tenantId ? [] : [t];
    }),
  );

/** R-SHR-7: recipients outside the data source owner's tenant need the actor's ACC(recipient's tenant). */
const recipientAccess = (ctx: PayloadContext, recipients: ReadonlyArray<UserId>): Step | undefined =>
  tenantAccess(ctx, 'R-SHR-7', "administrative access on recipients' tenants", foreignTenants(ctx, ownerOf(ctx), recipients));

/**
 * R-SHR-7 with R-SHR-6: a user share is in force when written, so a recipient outside the
 * owner's tenant needs the OWNER to administer that tenant or hold Administrator (12); the
 * caller's Administrator (12) does not lift this (a share that would grant nothing is refused).
 */
const shareInForce = (ctx: PayloadContext, recipients: ReadonlyArray<UserId>): Step | undefined => {
  const rule: RuleId = 'R-SHR-7';
  const check = 'share in force when written (R-SHR-6)';
  const owner = ownerOf(ctx);
  const foreign = foreignTenants(ctx, owner, recipients);
  if (foreign.length === 0) return undefined;
  if (owner.isAdministrator) {
    return step(rule, check, 'pass', `owner \`${owner.userName}\` holds Administrator (12): its user shares are in force in every tenant`, [{ _tag: 'UserPermissions', userId: owner.id, permissions: owner.permissions.ids }]);
  }
  const facts: ReadonlyArray<Fact> = foreign.map((tenantId) => ({ _tag: 'TenantAccess', userId: owner.id, tenantId, held: owner.administers.has(tenantId) }));
  const missing = foreign.filter((tid) => !owner.administers.has(tid));
  if (missing.length === 0) {
    return step(rule, check, 'pass', `owner \`${owner.userName}\` administers ${plural(foreign.length, 'tenant', 'tenants')} ${ticks(foreign)}`, facts);
  }
  return step(
    rule,
    check,
    'fail',
    `owner \`${owner.userName}\` of tenant \`${owner.tenantId}\` does not administer ${plural(missing.length, 'tenant', 'tenants')} ${ticks(missing)}: the share would not be in force`,
    facts,
  );
};

/** The permissions a user body gives beyond what the user already holds (R-ADM-6). */
const givenToUser = (ctx: PayloadContext, target: User | undefined, roles: ReadonlyArray<number> | undefined, explicit: ReadonlyArray<number> | undefined): PermissionSet => {
  const after = union(
    rolesPermissions(ctx.snapshot, roles ?? target?.roles ?? []),
    explicit === undefined ? target?.explicitPermissions ?? empty : fromIds(explicit),
  );
  return target === undefined ? after : difference(after, target.permissions);
};

/**
 * OAuth application scope (R-OAA-1): a system-tenant caller its own and administered tenants, a
 * child-tenant caller its own; under on-behalf-of the actor's scope intersected with the
 * subject's (administrative access is never borrowed). A direct Administrator (12) has every tenant.
 */
const oauthAppScope = (ctx: PayloadContext, tenantId: TenantId): Step => {
  const rule: RuleId = 'R-OAA-1';
  const check = 'oauth application tenant';
  if (ctx.actor.isAdministrator && !ctx.onBehalfOf) return step(rule, check, 'pass', administratorWhy(ctx, 'every tenant scope'), [{ _tag: 'Note', text: `tenant ${tenantId}` }]);
  const { actor, subject } = ctx;
  const inScope = appInScope(actor, subject, ctx.onBehalfOf, tenantId);
  const facts: ReadonlyArray<Fact> = [
    { _tag: 'TenantAccess', userId: actor.id, tenantId, held: actor.administers.has(tenantId) },
    ...(ctx.onBehalfOf ? [{ _tag: 'TenantAccess', userId: subject.id, tenantId, held: subject.administers.has(tenantId) } satisfies Fact] : []),
  ];
  const who = ctx.onBehalfOf ? `user \`${actor.userName}\` acting for \`${subject.userName}\`` : `user \`${actor.userName}\` of tenant \`${actor.tenantId}\``;
  return inScope
    ? step(rule, check, 'pass', `${who} may manage oauth apps of tenant \`${tenantId}\``, facts)
    : step(rule, check, 'fail', `${who} cannot manage oauth apps of tenant \`${tenantId}\``, facts);
};

/** R-ADM-5 with R-ADM-4: only a system-tenant caller creates tenants (it gains access on them, and a child-tenant user may administer only its own). */
const systemTenantCreator = (ctx: PayloadContext): Step => {
  const rule: RuleId = 'R-ADM-5';
  const check = 'creator may administer the new tenant';
  const actor = ctx.actor;
  const facts: ReadonlyArray<Fact> = [{ _tag: 'Note', text: `user ${actor.id} is in tenant ${actor.tenantId}` }];
  return actor.tenantId === SYSTEM_TENANT
    ? step(rule, check, 'pass', `user \`${actor.userName}\` is in the system tenant and may administer any tenant`, facts)
    : step(rule, check, 'fail', `user \`${actor.userName}\` of child tenant \`${actor.tenantId}\` could not administer a tenant it creates, so it cannot create one`, facts);
};

/** The home tenants of the users listed (unknown users give none). */
const homeTenants = (ctx: PayloadContext, users: ReadonlyArray<UserId>): ReadonlyArray<TenantId> =>
  users.flatMap((uid) => {
    const t = ctx.snapshot.users.get(uid)?.tenantId;
    return t === undefined ? [] : [t];
  });

const defined = (steps: ReadonlyArray<Step | undefined>): ReadonlyArray<Step> => steps.filter((s): s is Step => s !== undefined);

/** R-REQ-6: the body-dependent authorization steps (403 when one fails); only the steps that apply, possibly none. */
export const authorizeBody = (ctx: PayloadContext, payload: Payload): ReadonlyArray<Step> => {
  switch (payload._tag) {
    case 'UserShares': {
      const recipients = payload.sharedUsers.map((s) => s.userId);
      return defined([
        grantCeiling(ctx, 'R-SHR-7', unionAll(payload.sharedUsers.map((s) => fromIds(s.permissions)))),
        recipientAccess(ctx, recipients),
        shareInForce(ctx, recipients),
      ]);
    }
    case 'UserSharePermissions': {
      const uid = paramId(ctx, 'uid');
      const recipients = uid === undefined ? [] : [uid];
      return defined([grantCeiling(ctx, 'R-SHR-7', fromIds(payload.permissions)), recipientAccess(ctx, recipients), shareInForce(ctx, recipients)]);
    }
    case 'TenantShares':
      return defined([
        grantCeiling(ctx, 'R-SHR-8', unionAll(payload.sharedTenants.map((s) => fromIds(s.permissions)))),
        tenantAccess(ctx, 'R-SHR-8', 'administrative access on shared tenants', payload.sharedTenants.map((s) => s.tenantId)),
      ]);
    case 'TenantSharePermissions': {
      const tid = paramId(ctx, 'tid');
      return defined([
        grantCeiling(ctx, 'R-SHR-8', fromIds(payload.permissions)),
        tenantAccess(ctx, 'R-SHR-8', 'administrative access on shared tenants', tid === undefined ? [] : [tid]),
      ]);
    }
    case 'UserCreate':
      return defined([
        tenantAccess(ctx, 'R-ADM-2', "administrative access on the new user's tenant", [tenantOfNewEntity(ctx, payload.tenantId)]),
        tenantAccess(ctx, 'R-ADM-2', 'administrative access on the tenants to administer', payload.tenantsAdministered ?? []),
        privilegeCeiling(ctx, givenToUser(ctx, undefined, payload.permissions.roles, payload.permissions.permissions), `user \`${payload.userName}\``),
      ]);
    case 'UserUpdate': {
      const target = targetUser(ctx);
      if (target === undefined) return [];
      const moved = payload.tenantId !== undefined && payload.tenantId !== target.tenantId ? [payload.tenantId] : [];
      return defined([
        tenantAccess(ctx, 'R-ADM-2', "administrative access on the user's new tenant", moved),
        tenantAccess(ctx, 'R-ADM-2', 'administrative access on the tenants to administer', payload.tenantsAdministered ?? []),
        payload.permissions === undefined
          ? undefined
          : privilegeCeiling(ctx, givenToUser(ctx, target, payload.permissions.roles, payload.permissions.permissions), `user \`${target.userName}\``),
      ]);
    }
    case 'UserPermissions': {
      const target = targetUser(ctx);
      if (target === undefined) return [];
      return [privilegeCeiling(ctx, givenToUser(ctx, target, payload.roles, payload.permissions), `user \`${target.userName}\``)];
    }
    case 'TenantsAdministered':
      return defined([tenantAccess(ctx, 'R-ADM-2', 'administrative access on the tenants to administer', payload.tenantsAdministered)]);
    case 'RoleCreate':
      return defined([
        tenantAccess(ctx, 'R-ADM-2', "administrative access on the new role's tenant", [tenantOfNewEntity(ctx, payload.tenantId)]),
        privilegeCeiling(ctx, fromIds(payload.permissions), `role \`${payload.name}\``),
      ]);
    case 'RoleUpdate': {
      const role = targetRole(ctx);
      if (role === undefined || (payload.permissions === undefined && payload.users === undefined)) return [];
      const after = payload.permissions === undefined ? role.permissions : fromIds(payload.permissions);
      const addsUsers = (payload.users ?? []).some((uid) => !role.users.includes(uid));
      // New users receive every permission of the role; existing users only what the role gains.
      return [privilegeCeiling(ctx, addsUsers ? after : difference(after, role.permissions), `role \`${role.name}\``)];
    }
    case 'TenantAdmins': {
      const tenantId = paramId(ctx, 'id');
      if (tenantId === undefined) return [];
      const after = new Set(payload.admins);
      const before = ctx.snapshot.tenants.get(tenantId)?.admins ?? [];
      const changed = [...payload.admins.filter((uid) => !before.includes(uid)), ...before.filter((uid) => !after.has(uid))];
      return defined([tenantAccess(ctx, 'R-ADM-2', 'administrative access on the tenants of added or removed admins', homeTenants(ctx, changed))]);
    }
    case 'TenantCreate': {
      // R-TRN-6: `admins` as UpdateTenantAdmins (the creator is an admin by R-ADM-4, not by the body);
      // `importedRoles` are copies, so the creator must hold their privileged permissions (R-ADM-6)
      const added = (payload.admins ?? []).filter((uid) => uid !== ctx.actor.id);
      const imported = rolesPermissions(ctx.snapshot, payload.importedRoles ?? []);
      return defined([
        systemTenantCreator(ctx),
        tenantAccess(ctx, 'R-ADM-2', 'administrative access on the tenants of added admins', homeTenants(ctx, added)),
        payload.importedRoles === undefined || payload.importedRoles.length === 0 ? undefined : privilegeCeiling(ctx, imported, `tenant \`${payload.name}\` (imported roles)`),
      ]);
    }
    case 'OAuthAppCreate':
      return [oauthAppScope(ctx, tenantOfNewEntity(ctx, payload.tenantId))];
    case 'OAuthAppUpdate':
      return payload.tenantId === undefined ? [] : [oauthAppScope(ctx, payload.tenantId)];
    case 'DataSourceCreate':
    case 'DataSourceUpdate':
    case 'DataSourcePermissions':
    case 'Members':
    case 'UserStatus':
    case 'UserPasswordInfo':
    case 'UserAuthInfo':
    case 'PasswordChange':
    case 'TenantUpdate':
    case 'OAuthProfileCreate':
    case 'OAuthProfileUpdate':
    case 'NoBody':
      return [];
  }
};
