/**
 * R-SHR-6: when a user share is in force. One definition, read by the compiler (which fixes
 * `UserShare.inForce` at load time) and by the explainer (which says why a share counts).
 */
import type { TenantId, User } from '../model/snapshot.js';

/** Why a user share is in force, or that it is not (R-SHR-6). */
export type InForce =
  | 'sameTenant' // the recipient is in the owner's tenant
  | 'ownerAdministers' // the owner has administrative access on the recipient's tenant
  | 'ownerIsAdministrator' // the owner holds Administrator (12)
  | 'notInForce';

/** R-SHR-6: whether a share from `owner` to a recipient of `recipientTenant` is in force, and why. */
export const shareInForce = (owner: User, recipientTenant: TenantId): InForce =>
  recipientTenant === owner.tenantId
    ? 'sameTenant'
    : owner.administers.has(recipientTenant)
      ? 'ownerAdministers'
      : owner.isAdministrator
        ? 'ownerIsAdministrator'
        : 'notInForce';
