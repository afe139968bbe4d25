/**
 * What an applied request changed (SPEC §6), as an auditor reads it in the decision: the entity
 * the request created, updated or deleted, and every removal that followed from it, each with
 * the rule that made it (R-TRN-4 … R-TRN-8).
 */
import type { IdKind } from '../codec/snapshot.js';
import type { RuleId } from '../catalog/ruleIds.js';

/** A kind of entity (the kinds that get ids, R-TRN-2). */
export type EntityKind = IdKind;

/** One change made by an applied request. */
export type Change =
  | { readonly _tag: 'Created'; readonly kind: EntityKind; readonly id: number }
  | { readonly _tag: 'Updated'; readonly kind: EntityKind; readonly id: number }
  /** Deleted by the request itself (`rule` null) or as a consequence of it. */
  | { readonly _tag: 'Deleted'; readonly kind: EntityKind; readonly id: number; readonly rule: RuleId | null }
  | { readonly _tag: 'UserShareRemoved'; readonly dataSourceId: number; readonly userId: number; readonly rule: RuleId }
  | { readonly _tag: 'TenantShareRemoved'; readonly dataSourceId: number; readonly tenantId: number; readonly rule: RuleId }
  | { readonly _tag: 'MemberRemoved'; readonly groupId: number; readonly memberId: number; readonly rule: RuleId }
  | { readonly _tag: 'AdministeredTenantRemoved'; readonly userId: number; readonly tenantId: number; readonly rule: RuleId };

/** An entity the request created. */
export const created = (kind: EntityKind, id: number): Change => ({ _tag: 'Created', kind, id });
/** An entity the request updated. */
export const updated = (kind: EntityKind, id: number): Change => ({ _tag: 'Updated', kind, id });
/** An entity deleted, by the request (`rule` null) or by a rule following from it. */
export const deleted = (kind: EntityKind, id: number, rule: RuleId | null = null): Change => ({ _tag: 'Deleted', kind, id, rule });
/** A user share removed by `rule`. */
export const userShareRemoved = (dataSourceId: number, userId: number, rule: RuleId): Change => ({ _tag: 'UserShareRemoved', dataSourceId, userId, rule });
/** A tenant share removed by `rule`. */
export const tenantShareRemoved = (dataSourceId: number, tenantId: number, rule: RuleId): Change => ({ _tag: 'TenantShareRemoved', dataSourceId, tenantId, rule });
/** A member taken out of a group by `rule`. */
export const memberRemoved = (groupId: number, memberId: number, rule: RuleId): Change => ({ _tag: 'MemberRemoved', groupId, memberId, rule });
/** An administered tenant taken from a user by `rule`. */
export const administeredTenantRemoved = (userId: number, tenantId: number, rule: RuleId): Change => ({ _tag: 'AdministeredTenantRemoved', userId, tenantId, rule });

/** The change as one line of text (ids only; names are the renderer's business). */
export const describeChange = (c: Change): string => {
  switch (c._tag) {
    case 'Created':
      return `created ${c.kind} ${c.id}`;
    case 'Updated':
      return `updated ${c.kind} ${c.id}`;
    case 'Deleted':
      return c.rule === null ? `deleted ${c.kind} ${c.id}` : `deleted ${c.kind} ${c.id} (${c.rule})`;
    case 'UserShareRemoved':
      return `removed the share of data source ${c.dataSourceId} with user ${c.userId} (${c.rule})`;
    case 'TenantShareRemoved':
      return `removed the share of data source ${c.dataSourceId} with tenant ${c.tenantId} (${c.rule})`;
    case 'MemberRemoved':
      return `removed member ${c.memberId} from group ${c.groupId} (${c.rule})`;
    case 'AdministeredTenantRemoved':
      return `removed administrative access of user ${c.userId} on tenant ${c.tenantId} (${c.rule})`;
  }
};
