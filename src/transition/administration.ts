/**
 * State changes of users, roles, tenants and OAuth applications and profiles (SPEC §5
 * `/admin` and `/mgmt/oauth…`, SPEC §6): R-TRN-5 tenant moves, R-TRN-6 deletions and tenant
 * creation, R-ADM-4 a tenant's creator administering it. The decision procedure has already
 * checked the request (R-REQ-4 … R-REQ-6, R-ADM-5 … R-ADM-7, R-ROL-1, R-TRN-5's profile rule,
 * R-TRN-6's refusals); a planner only writes the change and lists what follows from it.
 */
import { SYSTEM_TENANT } from '../catalog/catalog.js';
import type { OAuthAppJson, OAuthProfileJson, RoleJson, TenantJson, UserJson } from '../codec/snapshot.js';
import {
  administeredTenantRemoved,
  created,
  deleted,
  tenantShareRemoved,
  updated,
  userShareRemoved,
  type Change,
} from '../model/change.js';
import {
  deleteDataSource,
  deleteOAuthApp,
  deleteOAuthProfile,
  deleteRole,
  deleteTenant,
  deleteUser,
  putDataSource,
  putOAuthApp,
  putOAuthProfile,
  putRole,
  putTenant,
  putUser,
  type Edit,
} from '../model/edit.js';
import type { Snapshot, TenantId, User, UserId } from '../model/snapshot.js';
import type { OperationName } from '../operations/operations.js';
import { subjectOf } from '../rules/caller.js';
import { ascending, mayAdminister, tenantOfNewEntity } from '../rules/payloadContext.js';
import { oauthAppJson, oauthProfileJson, roleJson, tenantJson, userJson } from '../snapshot/encode.js';
import type { Decoded } from '../decide/context.js';
import { payloadOf, sharesGone, withoutShares } from './dataSources.js';
import { allocateIds, markDeletions, planned, refusePlan, type Plan, type Planner } from './plan.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The user the path's `{id}` names, or a refusal (impossible after R-REQ-3). */
const withUser = (ctx: Decoded, f: (u: User) => Plan): Plan => {
  const u = ctx.snapshot.users.get(ctx.targetId ?? -1);
  return u === undefined ? refusePlan('R-TRN-1', 'the request names no user') : f(u);
};

/** A user's JSON with fields replaced; empty optional lists dropped. */
const userWith = (u: User, fields: Partial<Omit<UserJson, 'id'>>): UserJson => {
  const out: Mutable<UserJson> = { ...userJson(u), ...fields };
  if (out.tenantsAdministered !== undefined && out.tenantsAdministered.length === 0) delete out.tenantsAdministered;
  return out;
};

/** A user's roles and explicit permissions with the given parts replaced. */
const permissionsWith = (u: User, roles: ReadonlyArray<number> | undefined, explicit: ReadonlyArray<number> | undefined): UserJson['permissions'] => {
  const r = roles === undefined ? u.roles : ascending(roles);
  const p = explicit === undefined ? u.explicitPermissions.ids : ascending(explicit);
  return p.length === 0 ? { roles: r } : { roles: r, permissions: p };
};

/** A status body merged into the user's status. */
const statusWith = (u: User, change: { readonly status?: number | undefined; readonly accountLocked?: boolean | undefined }): NonNullable<UserJson['statusInfo']> => ({
  status: change.status ?? u.status,
  accountLocked: change.accountLocked ?? u.accountLocked,
});

/** `POST /admin/users`: a new user (R-TRN-2 id) in the body's tenant, else the actor's. */
const createUser: Planner = (ctx) =>
  payloadOf(ctx, 'UserCreate', (body) => {
    const { ids, edit } = allocateIds(ctx.snapshot, 'user');
    const id = ids[0] ?? 0;
    const explicit = ascending(body.permissions.permissions ?? []);
    const json: Mutable<UserJson> = {
      id,
      userName: body.userName,
      tenantId: tenantOfNewEntity(ctx.payloadContext, body.tenantId),
      permissions: explicit.length === 0 ? { roles: ascending(body.permissions.roles) } : { roles: ascending(body.permissions.roles), permissions: explicit },
    };
    if (body.statusInfo !== undefined) json.statusInfo = { status: body.statusInfo.status ?? 1, accountLocked: body.statusInfo.accountLocked ?? false };
    if (body.tenantsAdministered !== undefined && body.tenantsAdministered.length > 0) json.tenantsAdministered = ascending(body.tenantsAdministered);
    return planned([putUser(json), edit], [created('user', id)]);
  });

/**
 * R-TRN-5: what a move of `u` to tenant `to` takes away besides what falls out of force: the
 * administrative access it may no longer hold (R-ADM-5), its user shares on data sources also
 * shared with its new tenant (R-SHR-3), and the tenant shares of its data sources to tenants it
 * may no longer administer (unless it holds A12 after the move).
 */
const moveConsequences = (
  s: Snapshot,
  u: User,
  to: TenantId,
  administeredAfter: ReadonlyArray<TenantId>,
  administratorAfter: boolean,
): { readonly edits: ReadonlyArray<Edit>; readonly changes: ReadonlyArray<Change> } => {
  const edits: Edit[] = [];
  const changes: Change[] = [];
  for (const tid of u.tenantsAdministered) if (!administeredAfter.includes(tid)) changes.push(administeredTenantRemoved(u.id, tid, 'R-TRN-5'));
  // as a recipient: a user share on a data source shared with the new tenant (R-SHR-3)
  for (const id of s.userSharesByRecipient.get(u.id) ?? []) {
    const ds = s.dataSources.get(id);
    if (ds === undefined || !ds.sharedTenants.has(to)) continue;
    edits.push(putDataSource(withoutShares(ds, new Set([u.id]))));
    changes.push(userShareRemoved(id, u.id, 'R-TRN-5'));
  }
  // as an owner: tenant shares to tenants it may no longer administer
  if (!administratorAfter) {
    for (const id of s.dataSourcesByOwner.get(u.id) ?? []) {
      const ds = s.dataSources.get(id);
      if (ds === undefined) continue;
      const lost = [...ds.sharedTenants.keys()].filter((tid) => !mayAdminister(to, tid));
      if (lost.length === 0) continue;
      edits.push(putDataSource(withoutShares(ds, new Set<number>(), new Set(lost))));
      for (const tid of lost) changes.push(tenantShareRemoved(id, tid, 'R-TRN-5'));
    }
  }
  return { edits, changes };
};

/** Whether the permissions of a user JSON hold Administrator (12), given the snapshot's roles. */
const holdsAdministrator = (s: Snapshot, json: UserJson): boolean =>
  (json.permissions.permissions ?? []).includes(12) || json.permissions.roles.some((rid) => s.roles.get(rid)?.permissions.ids.includes(12) === true);

/** `PUT /admin/users/{id}`: the fields given; a new `tenantId` moves the user (R-TRN-5). */
const updateUser: Planner = (ctx) =>
  withUser(ctx, (u) =>
    payloadOf(ctx, 'UserUpdate', (body) => {
      const to = body.tenantId ?? u.tenantId;
      const moves = to !== u.tenantId;
      // R-TRN-5 / R-ADM-5: a move keeps only the administrative access the user may hold from its new tenant
      const administered = body.tenantsAdministered !== undefined ? ascending(body.tenantsAdministered) : moves ? u.tenantsAdministered.filter((tid) => mayAdminister(to, tid)) : u.tenantsAdministered;
      const fields: Mutable<Partial<Omit<UserJson, 'id'>>> = {
        tenantId: to,
        permissions: permissionsWith(u, body.permissions?.roles, body.permissions?.permissions),
        tenantsAdministered: administered,
      };
      if (body.userName !== undefined) fields.userName = body.userName;
      if (body.statusInfo !== undefined) fields.statusInfo = statusWith(u, body.statusInfo);
      const json = userWith(u, fields);
      if (!moves) return planned([putUser(json)], [updated('user', u.id)]);
      const consequences = moveConsequences(ctx.snapshot, u, to, administered, holdsAdministrator(ctx.snapshot, json));
      return planned([putUser(json), ...consequences.edits], [updated('user', u.id), ...consequences.changes], 'R-TRN-5');
    }),
  );

/** `PUT /admin/users/{id}/permissions`: roles and explicit permissions as given. */
const updateUserPermissions: Planner = (ctx) =>
  withUser(ctx, (u) =>
    payloadOf(ctx, 'UserPermissions', (body) => planned([putUser(userWith(u, { permissions: permissionsWith(u, body.roles, body.permissions) }))], [updated('user', u.id)])),
  );

/** `PUT /admin/users/{id}/statusinfo`. */
const updateUserStatus: Planner = (ctx) =>
  withUser(ctx, (u) => payloadOf(ctx, 'UserStatus', (body) => planned([putUser(userWith(u, { statusInfo: statusWith(u, body) }))], [updated('user', u.id)])));

/** `PUT /admin/users/{id}/tenantsadministered`: the list replaced (R-ADM-5 checked by the decision). */
const updateTenantsAdministered: Planner = (ctx) =>
  withUser(ctx, (u) =>
    payloadOf(ctx, 'TenantsAdministered', (body) => planned([putUser(userWith(u, { tenantsAdministered: ascending(body.tenantsAdministered) }))], [updated('user', u.id)])),
  );

/**
 * R-TRN-6: deleting a user deletes the data sources (groups included) and OAuth profiles it owns,
 * and the user shares to it. Its groups hold only its own data sources (R-GRP-3), so no group of
 * another user changes.
 */
const deleteUserPlanner: Planner = (ctx) =>
  withUser(ctx, (u) => {
    const s = ctx.snapshot;
    const edits: Edit[] = [deleteUser(u.id)];
    const changes: Change[] = [deleted('user', u.id)];
    const owned = s.dataSourcesByOwner.get(u.id) ?? [];
    for (const id of owned) {
      const ds = s.dataSources.get(id);
      if (ds === undefined) continue;
      edits.push(deleteDataSource(id));
      changes.push(deleted('dataSource', id, 'R-TRN-6'), ...sharesGone(ds, 'R-TRN-6'));
    }
    const profiles = s.profilesByOwner.get(u.id) ?? [];
    for (const id of profiles) {
      edits.push(deleteOAuthProfile(id));
      changes.push(deleted('oauthProfile', id, 'R-TRN-6'));
    }
    for (const id of s.userSharesByRecipient.get(u.id) ?? []) {
      const ds = s.dataSources.get(id);
      if (ds === undefined || ds.owner === u.id) continue;
      edits.push(putDataSource(withoutShares(ds, new Set([u.id]))));
      changes.push(userShareRemoved(id, u.id, 'R-TRN-6'));
    }
    const kinds = ['user' as const, ...(owned.length > 0 ? ['dataSource' as const] : []), ...(profiles.length > 0 ? ['oauthProfile' as const] : [])];
    return planned([...edits, markDeletions(s, kinds)], changes);
  });

/** The edits that give `users` role `roleId` and take it from `former` (a role's users replaced). */
const roleHolders = (s: Snapshot, roleId: number, former: ReadonlyArray<UserId>, users: ReadonlyArray<UserId>): ReadonlyArray<Edit> => {
  const edits: Edit[] = [];
  const after = new Set(users);
  const before = new Set(former);
  for (const uid of new Set([...former, ...users])) {
    if (after.has(uid) === before.has(uid)) continue;
    const u = s.users.get(uid);
    if (u === undefined) continue;
    const roles = after.has(uid) ? ascending([...u.roles, roleId]) : u.roles.filter((r) => r !== roleId);
    edits.push(putUser(userWith(u, { permissions: permissionsWith(u, roles, undefined) })));
  }
  return edits;
};

/** `POST /admin/roles`: a new role (R-TRN-2 id) in the body's tenant, else the actor's, given to the users listed. */
const createRole: Planner = (ctx) =>
  payloadOf(ctx, 'RoleCreate', (body) => {
    const { ids, edit } = allocateIds(ctx.snapshot, 'role');
    const id = ids[0] ?? 0;
    const json: RoleJson = { id, name: body.name, tenantId: tenantOfNewEntity(ctx.payloadContext, body.tenantId), permissions: ascending(body.permissions) };
    return planned([putRole(json), ...roleHolders(ctx.snapshot, id, [], body.users ?? []), edit], [created('role', id)]);
  });

/** `PUT /admin/roles/{id}`: name and permissions as given (its users re-derived, R-EFF-1); `users` replaces its holders. */
const updateRole: Planner = (ctx) => {
  const role = ctx.snapshot.roles.get(ctx.targetId ?? -1);
  if (role === undefined) return refusePlan('R-TRN-1', 'the request names no role');
  return payloadOf(ctx, 'RoleUpdate', (body) => {
    const json: RoleJson = { ...roleJson(role), ...(body.name === undefined ? {} : { name: body.name }), ...(body.permissions === undefined ? {} : { permissions: ascending(body.permissions) }) };
    const holders = body.users === undefined ? [] : roleHolders(ctx.snapshot, role.id, role.users, body.users);
    return planned([putRole(json), ...holders], [updated('role', role.id)]);
  });
};

/** `DELETE /admin/roles/{id}` (a role with users is refused by R-ROL-1). */
const deleteRolePlanner: Planner = (ctx) => {
  const id = ctx.targetId ?? -1;
  if (!ctx.snapshot.roles.has(id)) return refusePlan('R-TRN-1', 'the request names no role');
  return planned([deleteRole(id), markDeletions(ctx.snapshot, ['role'])], [deleted('role', id)]);
};

/** The edits that make `admins` exactly the administrators of tenant `tenantId`. */
const tenantAdmins = (s: Snapshot, tenantId: TenantId, former: ReadonlyArray<UserId>, admins: ReadonlyArray<UserId>): ReadonlyArray<Edit> => {
  const edits: Edit[] = [];
  const after = new Set(admins);
  const before = new Set(former);
  for (const uid of new Set([...former, ...admins])) {
    if (after.has(uid) === before.has(uid)) continue;
    const u = s.users.get(uid);
    if (u === undefined) continue;
    const administered = after.has(uid) ? ascending([...u.tenantsAdministered, tenantId]) : u.tenantsAdministered.filter((t) => t !== tenantId);
    edits.push(putUser(userWith(u, { tenantsAdministered: administered })));
  }
  return edits;
};

/**
 * `POST /admin/tenants` (R-TRN-6): a new child tenant (R-TRN-2 id) administered by its creator
 * (R-ADM-4) and by the body's `admins`; `importedRoles` are copied into it with new role ids.
 */
const createTenant: Planner = (ctx) =>
  payloadOf(ctx, 'TenantCreate', (body) => {
    const s = ctx.snapshot;
    const tenantIds = allocateIds(s, 'tenant');
    const id = tenantIds.ids[0] ?? 0;
    const json: Mutable<TenantJson> = { id, name: body.name, parentTenant: SYSTEM_TENANT };
    if (body.status !== undefined) json.status = body.status;
    const imported = ascending(body.importedRoles ?? []);
    const roleIds = allocateIds(s, 'role', imported.length);
    const copies: Edit[] = [];
    const changes: Change[] = [created('tenant', id)];
    imported.forEach((rid, i) => {
      const role = s.roles.get(rid);
      const copy = roleIds.ids[i];
      if (role === undefined || copy === undefined) return;
      copies.push(putRole({ id: copy, name: role.name, tenantId: id, permissions: role.permissions.ids }));
      changes.push(created('role', copy));
    });
    const admins = tenantAdmins(s, id, [], ascending([ctx.caller.actor.id, ...(body.admins ?? [])])); // R-ADM-4
    return planned([putTenant(json), ...copies, ...admins, tenantIds.edit, ...(imported.length > 0 ? [roleIds.edit] : [])], changes);
  });

/** `PUT /admin/tenants/{id}`: name and status as given (the parent stays the system tenant, R-SNAP-3). */
const updateTenant: Planner = (ctx) => {
  const tenant = ctx.snapshot.tenants.get(ctx.targetId ?? -1);
  if (tenant === undefined) return refusePlan('R-TRN-1', 'the request names no tenant');
  return payloadOf(ctx, 'TenantUpdate', (body) => {
    const json: Mutable<TenantJson> = { ...tenantJson(tenant) };
    if (body.name !== undefined) json.name = body.name;
    if (body.status !== undefined) json.status = body.status;
    return planned([putTenant(json)], [updated('tenant', tenant.id)]);
  });
};

/** `PUT /admin/tenants/{id}/admins`: exactly these users administer the tenant (R-ADM-5 checked by the decision). */
const updateTenantAdmins: Planner = (ctx) => {
  const tenant = ctx.snapshot.tenants.get(ctx.targetId ?? -1);
  if (tenant === undefined) return refusePlan('R-TRN-1', 'the request names no tenant');
  return payloadOf(ctx, 'TenantAdmins', (body) => planned(tenantAdmins(ctx.snapshot, tenant.id, tenant.admins, body.admins), [updated('tenant', tenant.id)]));
};

/**
 * R-TRN-6: deleting a tenant (refused while it has users or apps with profiles) deletes its roles
 * and OAuth apps, drops the tenant shares to it, and takes it from every administrator.
 */
const deleteTenantPlanner: Planner = (ctx) => {
  const s = ctx.snapshot;
  const tenant = s.tenants.get(ctx.targetId ?? -1);
  if (tenant === undefined) return refusePlan('R-TRN-1', 'the request names no tenant');
  const edits: Edit[] = [deleteTenant(tenant.id)];
  const changes: Change[] = [deleted('tenant', tenant.id)];
  const kinds: Array<'tenant' | 'role' | 'oauthApp'> = ['tenant'];
  for (const r of s.roles.values()) {
    if (r.tenantId !== tenant.id) continue;
    edits.push(deleteRole(r.id));
    changes.push(deleted('role', r.id, 'R-TRN-6'));
    kinds.push('role');
  }
  for (const a of s.oauthApps.values()) {
    if (a.tenantId !== tenant.id) continue;
    edits.push(deleteOAuthApp(a.id));
    changes.push(deleted('oauthApp', a.id, 'R-TRN-6'));
    kinds.push('oauthApp');
  }
  for (const id of s.tenantSharesByTenant.get(tenant.id) ?? []) {
    const ds = s.dataSources.get(id);
    if (ds === undefined) continue;
    edits.push(putDataSource(withoutShares(ds, new Set<number>(), new Set([tenant.id]))));
    changes.push(tenantShareRemoved(id, tenant.id, 'R-TRN-6'));
  }
  edits.push(...tenantAdmins(s, tenant.id, tenant.admins, []));
  for (const uid of tenant.admins) changes.push(administeredTenantRemoved(uid, tenant.id, 'R-TRN-6'));
  return planned([...edits, markDeletions(s, kinds)], changes);
};

/** `POST /mgmt/oauthapps`: a new app (R-TRN-2 id) of the body's tenant, else the subject's. */
const createOAuthApp: Planner = (ctx) =>
  payloadOf(ctx, 'OAuthAppCreate', (body) => {
    const { ids, edit } = allocateIds(ctx.snapshot, 'oauthApp');
    const id = ids[0] ?? 0;
    const json: Mutable<OAuthAppJson> = { id, name: body.name, tenantId: tenantOfNewEntity(ctx.payloadContext, body.tenantId) };
    if (body.dataStore !== undefined) json.dataStore = body.dataStore;
    return planned([putOAuthApp(json), edit], [created('oauthApp', id)]);
  });

/** `PUT /mgmt/oauthapps/{id}`. */
const updateOAuthApp: Planner = (ctx) => {
  const app = ctx.snapshot.oauthApps.get(ctx.targetId ?? -1);
  if (app === undefined) return refusePlan('R-TRN-1', 'the request names no oauth app');
  return payloadOf(ctx, 'OAuthAppUpdate', (body) => {
    const json: Mutable<OAuthAppJson> = { ...oauthAppJson(app) };
    if (body.name !== undefined) json.name = body.name;
    if (body.tenantId !== undefined) json.tenantId = body.tenantId;
    if (body.dataStore !== undefined) json.dataStore = body.dataStore;
    return planned([putOAuthApp(json)], [updated('oauthApp', app.id)]);
  });
};

/** `DELETE /mgmt/oauthapps/{id}` (refused while profiles use it, R-TRN-6). */
const deleteOAuthAppPlanner: Planner = (ctx) => {
  const id = ctx.targetId ?? -1;
  if (!ctx.snapshot.oauthApps.has(id)) return refusePlan('R-TRN-1', 'the request names no oauth app');
  return planned([deleteOAuthApp(id), markDeletions(ctx.snapshot, ['oauthApp'])], [deleted('oauthApp', id)]);
};

/** `POST /mgmt/oauthprofiles`: a new profile (R-TRN-2 id) owned by the subject (R-OAP-1). */
const createOAuthProfile: Planner = (ctx) =>
  payloadOf(ctx, 'OAuthProfileCreate', (body) => {
    const { ids, edit } = allocateIds(ctx.snapshot, 'oauthProfile');
    const id = ids[0] ?? 0;
    const json: OAuthProfileJson = { id, name: body.name, oauthAppId: body.oauthAppId, owner: subjectOf(ctx.caller).id };
    return planned([putOAuthProfile(json), edit], [created('oauthProfile', id)]);
  });

/** `PUT /mgmt/oauthprofiles/{id}`. */
const updateOAuthProfile: Planner = (ctx) => {
  const profile = ctx.snapshot.oauthProfiles.get(ctx.targetId ?? -1);
  if (profile === undefined) return refusePlan('R-TRN-1', 'the request names no oauth profile');
  return payloadOf(ctx, 'OAuthProfileUpdate', (body) => {
    const json: Mutable<OAuthProfileJson> = { ...oauthProfileJson(profile) };
    if (body.name !== undefined) json.name = body.name;
    if (body.oauthAppId !== undefined) json.oauthAppId = body.oauthAppId;
    return planned([putOAuthProfile(json)], [updated('oauthProfile', profile.id)]);
  });
};

/** `DELETE /mgmt/oauthprofiles/{id}`. */
const deleteOAuthProfilePlanner: Planner = (ctx) => {
  const id = ctx.targetId ?? -1;
  if (!ctx.snapshot.oauthProfiles.has(id)) return refusePlan('R-TRN-1', 'the request names no oauth profile');
  return planned([deleteOAuthProfile(id), markDeletions(ctx.snapshot, ['oauthProfile'])], [deleted('oauthProfile', id)]);
};

/** The planners of the administration and OAuth operations, by operation name. */
export const administrationPlanners: Readonly<Partial<Record<OperationName, Planner>>> = {
  CreateUser: createUser,
  UpdateUser: updateUser,
  UpdateUserAdminPermissions: updateUserPermissions,
  UpdateUserStatusInfo: updateUserStatus,
  UpdateTenantsAdministered: updateTenantsAdministered,
  DeleteUser: deleteUserPlanner,
  CreateRole: createRole,
  UpdateRole: updateRole,
  DeleteRole: deleteRolePlanner,
  CreateTenant: createTenant,
  UpdateTenant: updateTenant,
  UpdateTenantAdmins: updateTenantAdmins,
  DeleteTenant: deleteTenantPlanner,
  CreateOAuthApp: createOAuthApp,
  UpdateOAuthApp: updateOAuthApp,
  DeleteOAuthApp: deleteOAuthAppPlanner,
  CreateOAuthProfile: createOAuthProfile,
  UpdateOAuthProfile: updateOAuthProfile,
  DeleteOAuthProfile: deleteOAuthProfilePlanner,
};
