/**
 * What a denied request lacks, as data (R-REQ-4, R-OBO-2, R-TRC-4): every unmet part of the
 * step that failed, typed. Messages are rendered from these items, for two readers: the
 * auditor (every id) and the client (only what the caller may already see, R-REQ-3).
 */
import { describePermission, type Catalog } from '../catalog/catalog.js';
import type { Snapshot } from '../model/snapshot.js';

/** How the tenant of an administrative-access requirement is known to the caller. */
export type TenantSource = 'path' | 'actor' | 'subject' | 'targetUser' | 'targetRole' | 'system';

/** One unmet part of a requirement or gate. */
export type Missing =
  | { readonly _tag: 'UserPermission'; readonly userId: number; readonly permission: number; readonly forDataSource: number | null } // P(n); under on-behalf-of D(n) reads as the actor's P(n) (R-OBO-3)
  | { readonly _tag: 'DataSourcePermission'; readonly userId: number; readonly permission: number; readonly dataSourceId: number } // D(n)
  | { readonly _tag: 'TenantAccess'; readonly userId: number; readonly tenantId: number; readonly source: TenantSource; readonly about: number | null } // ACC(t)
  | { readonly _tag: 'Ownership'; readonly actorId: number; readonly subjectId: number; readonly dataSourceId: number } // the subject must own it
  | { readonly _tag: 'Administrator'; readonly userId: number } // A12 only
  | { readonly _tag: 'SameTenant'; readonly actorId: number; readonly subjectId: number } // R-OBO-2 (a)
  | { readonly _tag: 'OneOf'; readonly options: ReadonlyArray<ReadonlyArray<Missing>> };

/** Who reads a message: the auditor sees every id, the client only what it may already see. */
export type Audience = 'auditor' | 'client';

const nameOf = (snapshot: Snapshot, userId: number): string => {
  const u = snapshot.users.get(userId);
  return u === undefined ? `user ${userId}` : `\`${u.userName}\``;
};

const joinAnd = (parts: ReadonlyArray<string>): string =>
  parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}`;

const joinOr = (parts: ReadonlyArray<string>): string =>
  parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1] ?? ''}`;

const perm = (catalog: Catalog, n: number): string => describePermission(catalog, n);

/** One missing item as a phrase that says what would make the request pass. */
export const describeMissing = (snapshot: Snapshot, m: Missing, audience: Audience): string => {
  const catalog = snapshot.catalog;
  switch (m._tag) {
    case 'UserPermission':
      return m.forDataSource === null
        ? `${perm(catalog, m.permission)} in its user permissions`
        : `${perm(catalog, m.permission)} in its user permissions (under on-behalf-of it stands for the permission on data source ${m.forDataSource}, R-OBO-3)`;
    case 'DataSourcePermission':
      return `${perm(catalog, m.permission)} on data source ${m.dataSourceId}`;
    case 'TenantAccess': {
      if (audience === 'auditor' || m.source === 'path' || m.source === 'actor' || m.source === 'system' || m.about === null) return `administrative access on tenant ${m.tenantId}`;
      // the client named the user or role by id in the path, or the subject by name in `?user=`: echo only that
      const whose = m.source === 'targetRole' ? `role ${m.about}` : m.source === 'targetUser' ? `user ${m.about}` : nameOf(snapshot, m.about);
      return `administrative access on the tenant of ${whose}`;
    }
    case 'Ownership':
      return `${m.actorId === m.subjectId ? '' : `${nameOf(snapshot, m.subjectId)} `}to own data source ${m.dataSourceId} (only its owner manages it, R-SHR-10)`;
    case 'Administrator':
      return 'Administrator (12)';
    case 'SameTenant':
      return audience === 'auditor'
        ? `${nameOf(snapshot, m.subjectId)} (tenant ${snapshot.users.get(m.subjectId)?.tenantId ?? '?'}) to be in the acting user's tenant ${snapshot.users.get(m.actorId)?.tenantId ?? '?'}`
        : `${nameOf(snapshot, m.subjectId)} to be in the acting user's tenant`;
    case 'OneOf':
      return `one of ${joinOr(m.options.map((o) => joinAnd(o.map((x) => describeMissing(snapshot, x, audience)))))}`;
  }
};

/** Every missing item as one phrase: "A, B and C". */
export const describeAllMissing = (snapshot: Snapshot, items: ReadonlyArray<Missing>, audience: Audience): string =>
  joinAnd(items.map((m) => describeMissing(snapshot, m, audience)));
