/** OAuth applications and profiles (R-OAA-1, R-OAP-1): which apps a caller may see and use. */
import { SYSTEM_TENANT } from '../catalog/catalog.js';
import type { User } from '../model/snapshot.js';

/** R-OAA-1: the tenants whose apps a user may manage by its own position: the system tenant and administered tenants for a system-tenant user, its own tenant for a child-tenant user. */
const ownScope = (user: User, tenantId: number): boolean =>
  user.tenantId === SYSTEM_TENANT ? tenantId === SYSTEM_TENANT || user.administers.has(tenantId) : tenantId === user.tenantId;

/**
 * R-OAA-1: whether an app of `tenantId` is in the caller's scope. A direct request: the actor's
 * own scope (a direct A12 request sees every app, R-ADM-1). Under on-behalf-of: the actor's scope
 * (every tenant if it holds A12) intersected with the subject's reach, so that administrative
 * access only ever scopes its own holder (R-ADM-3) and no one borrows another's.
 */
export const appInScope = (actor: User, subject: User, onBehalfOf: boolean, tenantId: number): boolean => {
  const actorScope = actor.isAdministrator || ownScope(actor, tenantId);
  return onBehalfOf ? actorScope && ownScope(subject, tenantId) : actorScope;
};

/** R-OAP-1: a profile's app must be usable by the subject: an app of its own tenant or of the system tenant. */
export const appUsableBy = (subject: Pick<User, 'tenantId'>, appTenantId: number): boolean => appTenantId === subject.tenantId || appTenantId === SYSTEM_TENANT;
