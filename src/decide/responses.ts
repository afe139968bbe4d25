/**
 * The answers of allowed requests (R-RES-1): the payload the gateway would return for reads,
 * computed from the snapshot, lists in ascending id order; and the not-found answers for
 * shares and members that the path names but that do not exist.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { PermissionSet } from '../catalog/permissionSet.js';
import type { DataSource, Snapshot, Tenant, User } from '../model/snapshot.js';
import { effectiveAccess } from '../rules/dataSourcePermissions.js';
import { appInScope } from '../rules/oauth.js';
import { idParam } from '../rules/params.js';
import type { Json } from './decision.js';
import { engineError } from './errors.js';
import type { Denial, Resolved } from './context.js';

const ids = (xs: ReadonlyArray<number>): Json => [...xs];

const notFound = (message: string): E.Either<Denial, Json | undefined> => E.left({ status: 404, error: engineError(404, message) });

const ok = (json: Json | undefined): E.Either<Denial, Json | undefined> => E.right(json);

const param = (r: Resolved, name: string): number | undefined => idParam(r.params, name);

/** The data sources a subject sees (R-DSP-3 hides the rest), ascending, with the list fields of R-RES-1. */
export const visibleDataSources = (snapshot: Snapshot, subject: User): ReadonlyArray<Json> => {
  const candidates = new Set<number>([
    ...(snapshot.dataSourcesByOwner.get(subject.id) ?? []),
    ...(snapshot.userSharesByRecipient.get(subject.id) ?? []),
    ...(snapshot.tenantSharesByTenant.get(subject.tenantId) ?? []),
  ]);
  const out: Json[] = [];
  for (const id of [...candidates].sort((a, b) => a - b)) {
    const ds = snapshot.dataSources.get(id);
    if (ds === undefined) continue;
    const access = effectiveAccess(subject, ds);
    if (access._tag === 'None' || access._tag === 'Inactive') continue;
    const own = ds.owner === subject.id;
    out.push({
      id: ds.id,
      name: ds.name,
      isGroup: ds.isGroup,
      sharedByAnotherUser: !own,
      sharedWithAnotherUser: own && (ds.sharedUsers.size > 0 || ds.sharedTenants.size > 0),
      permissions: ids(access.permissions.ids),
    });
  }
  return out;
};

const administered = (actor: User, tenantId: number): boolean => actor.isAdministrator || actor.administers.has(tenantId);

const userJson = (u: User): Json => ({
  id: u.id,
  userName: u.userName,
  tenantId: u.tenantId,
  statusInfo: { status: u.status, accountLocked: u.accountLocked },
  permissions: { roles: ids(u.roles), permissions: ids(u.explicitPermissions.ids) },
  tenantsAdministered: ids(u.tenantsAdministered),
});

const dataSourceJson = (ds: DataSource): Json => ({ id: ds.id, name: ds.name, isGroup: ds.isGroup, owner: ds.owner });

/**
 * One share addressed by the path (R-RES-1): its permissions for a read, nothing for a write;
 * 404 when the data source is shared with no recipient of that kind, or not with this one.
 */
const oneShare = (
  ds: DataSource,
  shares: ReadonlyMap<number, { readonly permissions: PermissionSet }>,
  recipient: number | undefined,
  kind: 'user' | 'tenant',
  read: boolean,
): E.Either<Denial, Json | undefined> => {
  if (shares.size === 0) return notFound(`DataSource ${ds.id} is not shared with any ${kind}s.`);
  const share = recipient === undefined ? undefined : shares.get(recipient);
  if (share === undefined) return notFound(`DataSource ${ds.id} is not shared with ${kind} ${recipient}.`);
  return ok(read ? { permissions: ids(share.permissions.ids) } : undefined);
};

/** The response of an allowed request, or a 404 for a share or member the path names that does not exist. */
export const responseFor = (r: Resolved): E.Either<Denial, Json | undefined> => {
  const t = r.target;
  switch (t._tag) {
    case 'DataSource':
      return dataSourceResponse(r, t.dataSource);
    case 'User':
      return userResponse(r, t.user);
    case 'Role':
      return ok(r.spec.name === 'GetRole' ? { id: t.role.id, name: t.role.name, tenantId: t.role.tenantId, permissions: ids(t.role.permissions.ids), users: ids(t.role.users) } : undefined);
    case 'Tenant':
      return tenantResponse(r, t.tenant);
    case 'OAuthApp':
      return ok(r.spec.name === 'GetOAuthApp' ? { id: t.app.id, name: t.app.name, tenantId: t.app.tenantId } : undefined);
    case 'OAuthProfile':
      return ok(r.spec.name === 'GetOAuthProfile' ? { id: t.profile.id, name: t.profile.name, oauthAppId: t.profile.oauthAppId, owner: t.profile.owner } : undefined);
    case 'Permission':
      return ok(r.spec.name === 'ListCatalog' ? catalogJson(r.snapshot, t.id) : undefined);
    case 'None':
      return untargetedResponse(r);
  }
};

/** Answers about one data source (the target exists and the caller sees it, R-REQ-3). */
const dataSourceResponse = (r: Resolved, ds: DataSource): E.Either<Denial, Json | undefined> => {
  switch (r.spec.name) {
    case 'GetDataSourcePermissions':
      // R-RES-1: the subject's effective permissions of SPEC §3 (R-DSP-1/2, R-SHR-1/2; empty when inactive, R-EFF-3);
      // a direct Administrator (12) reads its own §3 set too, usually none: A12 is no permission on data (R-ADM-1, R-REQ-3)
      return ok({ permissions: ids(effectiveAccess(r.subject, ds).permissions.ids) });
    case 'GetDataSource':
      return ok(dataSourceJson(ds));
    case 'ListSharedUsers':
      return ok({ sharedUsers: [...ds.sharedUsers.values()].map((s) => ({ userId: s.userId, permissions: ids(s.permissions.ids) })) });
    case 'GetSharedUser':
    case 'UpdateSharedUser':
    case 'UnshareUser':
      return oneShare(ds, ds.sharedUsers, param(r, 'uid'), 'user', r.spec.name === 'GetSharedUser');
    case 'ListSharedTenants':
      return ok({ sharedTenants: [...ds.sharedTenants.values()].map((s) => ({ tenantId: s.tenantId, permissions: ids(s.permissions.ids) })) });
    case 'GetSharedTenant':
    case 'UpdateSharedTenant':
    case 'UnshareTenant':
      return oneShare(ds, ds.sharedTenants, param(r, 'tid'), 'tenant', r.spec.name === 'GetSharedTenant');
    case 'ListMembers':
      return ok({ members: ds.members.map((m) => (m.entityPrefix === undefined ? { id: m.id } : { id: m.id, entityPrefix: m.entityPrefix })) });
    case 'RemoveMember': {
      const mid = param(r, 'mid');
      return mid !== undefined && ds.memberIds.has(mid) ? ok(undefined) : notFound(`data source \`${mid}\` is not a member of group \`${ds.id}\``);
    }
    default:
      return ok(undefined);
  }
};

/** Answers about one user (the target exists, R-REQ-3). */
const userResponse = (r: Resolved, u: User): E.Either<Denial, Json | undefined> => {
  switch (r.spec.name) {
    case 'GetUser':
      return ok(userJson(u));
    case 'GetUserAdminPermissions':
      return ok({ roles: ids(u.roles), permissions: ids(u.explicitPermissions.ids) });
    case 'GetUserStatusInfo':
      return ok({ status: u.status, accountLocked: u.accountLocked });
    case 'GetTenantsAdministered':
      return ok({ tenantsAdministered: ids(u.tenantsAdministered) });
    case 'GetUserDataSources':
      // R-RES-1: what ListDataSources answers on behalf of that user
      return ok({ dataSources: visibleDataSources(r.snapshot, u) });
    default:
      return ok(undefined);
  }
};

/** Answers about one tenant (the target exists, R-REQ-3). */
const tenantResponse = (r: Resolved, t: Tenant): E.Either<Denial, Json | undefined> => {
  switch (r.spec.name) {
    case 'GetTenant':
      return ok(t.parentTenant === undefined ? { id: t.id, name: t.name } : { id: t.id, name: t.name, parentTenant: t.parentTenant });
    case 'GetTenantAdmins':
      return ok({ admins: ids(t.admins) });
    default:
      return ok(undefined);
  }
};

/** The catalog, or one entry of it. */
const catalogJson = (snapshot: Snapshot, id: number | undefined): Json => {
  const entries = [...snapshot.catalog.byId.values()].filter((p) => id === undefined || p.id === id);
  const json = entries.map((p) => ({ id: p.id, name: p.name, description: p.description, category: p.categories.join(', ') }));
  return id === undefined ? { permissions: json } : (json[0] ?? null);
};

/** Answers of requests whose path names no entity: the caller's own reads, lists, tenant creation. */
const untargetedResponse = (r: Resolved): E.Either<Denial, Json | undefined> => {
  const { snapshot, spec, subject, actor } = r;
  switch (spec.name) {
    case 'GetUserPermissions':
      return ok({ userId: subject.id, permissions: ids(subject.permissions.ids) });
    case 'GetUserDetails':
      return ok({ id: subject.id, userName: subject.userName, tenantId: subject.tenantId });
    case 'ListDataSources':
      return ok({ dataSources: visibleDataSources(snapshot, subject) });
    case 'ListCatalog':
      return ok(catalogJson(snapshot, undefined));
    case 'ListUsers':
      return ok({ users: [...snapshot.users.values()].filter((u) => administered(actor, u.tenantId)).map((u) => ({ id: u.id, userName: u.userName, tenantId: u.tenantId })) });
    case 'ListRoles':
      return ok({ roles: [...snapshot.roles.values()].filter((x) => administered(actor, x.tenantId)).map((x) => ({ id: x.id, name: x.name, tenantId: x.tenantId, permissions: ids(x.permissions.ids) })) });
    case 'ListTenants':
      return ok({ tenants: [...snapshot.tenants.values()].filter((t) => administered(actor, t.id)).map((t) => ({ id: t.id, name: t.name })) });
    case 'ListOAuthApps':
      return ok({ oauthApps: [...snapshot.oauthApps.values()].filter((a) => appInScope(actor, subject, r.onBehalfOf, a.tenantId)).map((a) => ({ id: a.id, name: a.name, tenantId: a.tenantId })) });
    case 'ListOAuthProfiles':
      return ok({
        oauthProfiles: (snapshot.profilesByOwner.get(subject.id) ?? []).flatMap((id) => {
          const p = snapshot.oauthProfiles.get(id);
          return p === undefined ? [] : [{ id: p.id, name: p.name, oauthAppId: p.oauthAppId }];
        }),
      });
    case 'CreateTenant':
      return r.payload._tag === 'TenantCreate' ? ok(createdTenantJson(snapshot, actor, r.payload.name, r.payload.admins)) : ok(undefined);
    default:
      return ok(undefined);
  }
};

/** R-ADM-4: the new tenant (R-TRN-2 id) lists its creator among its admins, with the body's `admins` (R-TRN-6). */
const createdTenantJson = (snapshot: Snapshot, actor: User, name: string, bodyAdmins: ReadonlyArray<number> | undefined): Json => {
  const admins = [...new Set([actor.id, ...(bodyAdmins ?? [])])].sort((a, b) => a - b);
  return { id: snapshot.idMarks.tenant, name, parentTenant: 1, admins };
};
