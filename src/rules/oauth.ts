/** OAuth applications and profiles (R-OAA-1, R-OAP-1): which apps a caller may see and use. */
import { SYSTEM_TENANT } from '../catalog/catalog.js';
import type { User } from '../model/snapshot.js';

/**
 * R-OAA-1: a system-tenant caller may manage apps of the system tenant and of tenants it
 * administers, a child-tenant caller only its own tenant's. The caller's scope is the subject's
 * (the actor's permissions are checked separately, R-OBO-3); a direct A12 request sees every app.
 */
export const appInScope = (actor: User, subject: User, onBehalfOf: boolean, tenantId: number): boolean => {
  if (actor.isAdministrator && !onBehalfOf) return true;
  return subject.tenantId === SYSTEM_TENANT ? tenantId === SYSTEM_TENANT || subject.administers.has(tenantId) : tenantId === subject.tenantId;
};

/** R-OAP-1: a profile's app must be usable by the subject: an app of its own tenant or of the system tenant. */
export const appUsableBy = (subject: User, appTenantId: number): boolean => appTenantId === subject.tenantId || appTenantId === SYSTEM_TENANT;
