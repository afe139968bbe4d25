/**
 * The compiled snapshot: the checked authorization state, indexed so that a decision never
 * scans a list. Built only by `compileSnapshot` from a snapshot that passed every check of
 * SPEC §2; every map iterates in ascending key order, every list is ascending.
 *
 * INVARIANT (checked): every reference resolves (R-SNAP-2), so lookups by a referenced id
 * always succeed.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { PermissionSet } from '../catalog/permissionSet.js';
import type { IdKind, NextIdsJson, PermissionEntryJson } from '../codec/snapshot.js';
import type { Table } from './table.js';

/** Tenant ids. */
export type TenantId = number;
/** Role ids. */
export type RoleId = number;
/** User ids. */
export type UserId = number;
/** Data source ids (groups included). */
export type DataSourceId = number;

/** A tenant; `admins` are the users with administrative access on it (derived from users). */
export interface Tenant {
  readonly id: TenantId;
  readonly name: string;
  readonly parentTenant: TenantId | undefined;
  /** The tenant's `status` as the snapshot gives it (kept for the round trip; no rule reads it). */
  readonly status: number | undefined;
  readonly admins: ReadonlyArray<UserId>;
  readonly users: ReadonlyArray<UserId>;
}

/** A role with its permission set and (derived) users. */
export interface Role {
  readonly id: RoleId;
  readonly name: string;
  readonly tenantId: TenantId;
  readonly permissions: PermissionSet;
  readonly users: ReadonlyArray<UserId>;
}

/** A user, with its user permissions precomputed (R-EFF-1) and its status folded (R-EFF-3). */
export interface User {
  readonly id: UserId;
  readonly userName: string;
  readonly tenantId: TenantId;
  /** `statusInfo.status` (1 active, 0 inactive; default 1). */
  readonly status: number;
  /** `statusInfo.accountLocked` (default false). */
  readonly accountLocked: boolean;
  /** Active and unlocked (R-EFF-3). */
  readonly active: boolean;
  /** The user's roles, ascending, without duplicates. */
  readonly roles: ReadonlyArray<RoleId>;
  /** Permissions set explicitly on the user. */
  readonly explicitPermissions: PermissionSet;
  /** R-EFF-1: the union of the roles' permissions and the explicit permissions. */
  readonly permissions: PermissionSet;
  /** Tenants the user administers, ascending. */
  readonly tenantsAdministered: ReadonlyArray<TenantId>;
  /** The same, for constant-time membership. */
  readonly administers: ReadonlySet<TenantId>;
  /** Whether the user permissions hold Administrator (12). */
  readonly isAdministrator: boolean;
}

/** A share of a data source with one user; `inForce` is R-SHR-6, fixed at compile time. */
export interface UserShare {
  readonly _tag: 'UserShare';
  readonly dataSourceId: DataSourceId;
  readonly userId: UserId;
  readonly permissions: PermissionSet;
  /** R-SHR-6: the recipient is in the owner's tenant, or the owner administers it, or holds 12. */
  readonly inForce: boolean;
}

/** A share of a data source with every user of one tenant. */
export interface TenantShare {
  readonly _tag: 'TenantShare';
  readonly dataSourceId: DataSourceId;
  readonly tenantId: TenantId;
  readonly permissions: PermissionSet;
}

/**
 * The owner's route to its data source, fixed at compile time: the data-source permissions when
 * set (R-DSP-1, exactly), else the owner's user permissions (R-DSP-2).
 */
export interface OwnerAccess {
  readonly _tag: 'Override' | 'Owner';
  readonly dataSourceId: DataSourceId;
  readonly permissions: PermissionSet;
}

/** A member of a group data source. */
export interface Member {
  readonly id: DataSourceId;
  readonly entityPrefix: string | undefined;
}

/** A data source or group. */
export interface DataSource {
  readonly id: DataSourceId;
  readonly name: string;
  readonly owner: UserId;
  readonly isGroup: boolean;
  /** Data-source permissions (R-DSP-1); `undefined` when none are set (absent differs from `[]`). */
  readonly permissions: PermissionSet | undefined;
  /** Members, ascending by id (groups only). */
  readonly members: ReadonlyArray<Member>;
  /** Member ids, for constant-time membership. */
  readonly memberIds: ReadonlySet<DataSourceId>;
  /** User shares by recipient, ascending. */
  readonly sharedUsers: ReadonlyMap<UserId, UserShare>;
  /** Tenant shares by tenant, ascending. */
  readonly sharedTenants: ReadonlyMap<TenantId, TenantShare>;
  /** Groups that list this data source as a member, ascending. */
  readonly groups: ReadonlyArray<DataSourceId>;
  /**
   * A 32-bit filter of the user shares in force: bit `userId & 31` is set for each recipient
   * whose share is in force, so a clear bit proves there is none without a map lookup.
   */
  readonly userShareFilter: number;
  /** The same filter over `sharedTenants`, by `tenantId & 31`. */
  readonly tenantShareFilter: number;
  /**
   * The tenant shares again, as a list ascending by tenant: the tenant-share route scans it (a data
   * source has few, mostly none or one), which reads less memory than a `Map` lookup (D-INC-11).
   */
  readonly tenantShareList: ReadonlyArray<TenantShare>;
  /** The owner's route (R-DSP-1, R-DSP-2), precomputed so that a decision allocates nothing for it. */
  readonly ownerAccess: OwnerAccess;
}

/** An OAuth application. */
export interface OAuthApp {
  readonly id: number;
  readonly name: string;
  readonly tenantId: TenantId;
  readonly dataStore: number | undefined;
}

/** An OAuth profile, owned like a data source. */
export interface OAuthProfile {
  readonly id: number;
  readonly name: string;
  readonly oauthAppId: number;
  readonly owner: UserId;
}

/** One-word permission sets by their word (`lo`): what the words of the typed rows stand for (D-INC-12). */
export type SetPool = ReadonlyMap<number, PermissionSet>;

/** R-TRN-2: per kind, the next id to give: above every id the kind holds or has held (the larger of `nextIds` and highest + 1). */
export type IdMarks = Readonly<Record<IdKind, number>>;

/**
 * The compiled, immutable authorization state. Every index is a `Table` (an immutable ordered map
 * with cheap versioned updates, D-INC-1), so `apply` derives a new snapshot from an old one by
 * small updates that share everything they do not touch (R-TRN-1).
 */
export interface Snapshot {
  readonly catalog: Catalog;
  /** The snapshot's own catalog entries, ascending (kept for the round trip, SPEC §1). */
  readonly catalogEntries: ReadonlyArray<PermissionEntryJson>;
  readonly tenants: Table<TenantId, Tenant>;
  readonly roles: Table<RoleId, Role>;
  readonly users: Table<UserId, User>;
  /** User ids by user name (a user's changes that keep its name leave this index alone). */
  readonly userIdsByName: Table<string, UserId>;
  readonly dataSources: Table<DataSourceId, DataSource>;
  readonly oauthApps: Table<number, OAuthApp>;
  readonly oauthProfiles: Table<number, OAuthProfile>;
  /** The active users holding Administrator (12), by id (R-ADM-7: the last one cannot be removed). */
  readonly activeAdministrators: Table<UserId, User>;
  /** Data sources by owner, ascending. */
  readonly dataSourcesByOwner: Table<UserId, ReadonlyArray<DataSourceId>>;
  /** Data sources with a user share to the user, ascending. */
  readonly userSharesByRecipient: Table<UserId, ReadonlyArray<DataSourceId>>;
  /** Data sources with a tenant share to the tenant, ascending. */
  readonly tenantSharesByTenant: Table<TenantId, ReadonlyArray<DataSourceId>>;
  /** OAuth profiles by owner, ascending (R-TRN-5, R-TRN-6). */
  readonly profilesByOwner: Table<UserId, ReadonlyArray<number>>;
  /** OAuth profiles by application, ascending (R-TRN-6). */
  readonly profilesByApp: Table<number, ReadonlyArray<number>>;
  /** The id high-water marks of R-TRN-2 as the snapshot JSON carries them (written by every create and delete). */
  readonly nextIds: NextIdsJson | undefined;
  /** The next id of each kind (R-TRN-2), always known. */
  readonly idMarks: IdMarks;
  /** The one-word permission sets the typed rows of `users` and `dataSources` name, by word (D-INC-12). */
  readonly setPool: SetPool;
}

/** The user with the given user name, if any. */
export const userByName = (snapshot: Snapshot, userName: string): User | undefined => {
  const id = snapshot.userIdsByName.get(userName);
  return id === undefined ? undefined : snapshot.users.get(id);
};
