/**
 * What the payload rules (R-REQ-5) and the body-dependent authorization (R-REQ-6) share: the
 * request context they read, the entities the path names, and small text helpers for messages.
 * Everything here is pure and reads the compiled snapshot only.
 */
import { isTenantOrElevated, predefinedRoles, SYSTEM_TENANT } from '../catalog/catalog.js';
import { empty, fromIds, type PermissionSet, unionAll } from '../catalog/permissionSet.js';
import type { DataSource, Role, Snapshot, TenantId, User } from '../model/snapshot.js';
import { reaches, routeAccess } from './dataSourcePermissions.js';
import { idParam } from './params.js';
import type { OperationName } from '../operations/operations.js';
import type { BodyCodec } from '../codec/payloads.js';

/** What the payload rules know about a request besides its body. */
export interface PayloadContext {
  readonly snapshot: Snapshot;
  readonly operation: OperationName;
  /** How the operation reads its body (its row's `payload` column); absent when it ignores the body. */
  readonly body: BodyCodec | undefined;
  readonly actor: User;
  readonly subject: User;
  readonly onBehalfOf: boolean;
  readonly params: Readonly<Record<string, number | string>>;
  /** The target data source or group, if any. */
  readonly dataSource: DataSource | undefined;
  /** What the caller may grant on the data source, computed by the decider per R-SHR-7. */
  readonly grantable: PermissionSet;
}


/** Where body problems point (D-PAY-1). */
export const BODY = '$.body';
/** Where path-id problems point (D-PAY-1). */
export const PATH = '$.path';
/** Where R-PAY-1's on-behalf-of problems point (D-PAY-1). */
export const QUERY_USER = '$.query.user';

/** The integer path parameter `name`, if present. */
export const paramId = (ctx: PayloadContext, name: string): number | undefined => idParam(ctx.params, name);

/** The user the path's `{id}` names, if any. */
export const targetUser = (ctx: PayloadContext): User | undefined => {
  const id = paramId(ctx, 'id');
  return id === undefined ? undefined : ctx.snapshot.users.get(id);
};

/** The role the path's `{id}` names, if any. */
export const targetRole = (ctx: PayloadContext): Role | undefined => {
  const id = paramId(ctx, 'id');
  return id === undefined ? undefined : ctx.snapshot.roles.get(id);
};

/** The tenant a create body lands in: its `tenantId`, else the subject's tenant (the actor's for `/admin`). */
export const tenantOfNewEntity = (ctx: PayloadContext, tenantId: number | undefined): TenantId => tenantId ?? ctx.subject.tenantId;

/** R-ADM-5: a system-tenant user may administer any tenant, a child-tenant user only its own. */
export const mayAdminister = (userTenant: TenantId, tenant: TenantId): boolean => userTenant === SYSTEM_TENANT || userTenant === tenant;

/** Whether a role is one of the predefined roles 1, 2, 3 (R-CAT-2). */
export const isPredefinedRole = (id: number): boolean => predefinedRoles.some((r) => r.id === id);

/** The union of the permissions of the roles listed (R-EFF-1); unknown roles give nothing. */
export const rolesPermissions = (snapshot: Snapshot, roles: ReadonlyArray<number>): PermissionSet =>
  unionAll(roles.map((id) => snapshot.roles.get(id)?.permissions ?? empty));

/** The tenant- and elevated-category ids of a set (R-ADM-6). */
export const privileged = (snapshot: Snapshot, set: PermissionSet): PermissionSet => fromIds(set.ids.filter((id) => isTenantOrElevated(snapshot.catalog, id)));

/** Distinct ids in ascending order. */
export const ascending = (ids: Iterable<number>): ReadonlyArray<number> => [...new Set(ids)].sort((a, b) => a - b);

/** Values in backticks, comma separated, for messages. */
export const ticks = (values: ReadonlyArray<string | number>): string => values.map((v) => `\`${v}\``).join(', ');

/** `one` for 1, `many` otherwise. */
export const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

/** Whether the caller may know a data source exists: a direct Administrator (12) request, or a route of the subject's (R-REQ-3). */
export const visibleToCaller = (ctx: PayloadContext, ds: DataSource): boolean =>
  (ctx.actor.isAdministrator && !ctx.onBehalfOf) || reaches(routeAccess(ctx.subject, ds));
