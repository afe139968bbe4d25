/**
 * The edits a state change makes (SPEC §6): whole entities put or deleted, in the snapshot
 * JSON's own shapes. `apply` plans a request as a list of edits; the incremental updater
 * (`snapshot/update.ts`) turns them into a new compiled snapshot, deriving what follows from them.
 */
import type { DataSourceJson, NextIdsJson, OAuthAppJson, OAuthProfileJson, RoleJson, TenantJson, UserJson } from '../codec/snapshot.js';
import type { DataSourceId, RoleId, TenantId, UserId } from './snapshot.js';

/** One edit: an entity put (created or replaced) or deleted, or new id high-water marks. */
export type Edit =
  | { readonly _tag: 'PutTenant'; readonly tenant: TenantJson }
  | { readonly _tag: 'DeleteTenant'; readonly id: TenantId }
  | { readonly _tag: 'PutRole'; readonly role: RoleJson }
  | { readonly _tag: 'DeleteRole'; readonly id: RoleId }
  | { readonly _tag: 'PutUser'; readonly user: UserJson }
  | { readonly _tag: 'DeleteUser'; readonly id: UserId }
  | { readonly _tag: 'PutDataSource'; readonly dataSource: DataSourceJson }
  | { readonly _tag: 'DeleteDataSource'; readonly id: DataSourceId }
  | { readonly _tag: 'PutOAuthApp'; readonly app: OAuthAppJson }
  | { readonly _tag: 'DeleteOAuthApp'; readonly id: number }
  | { readonly _tag: 'PutOAuthProfile'; readonly profile: OAuthProfileJson }
  | { readonly _tag: 'DeleteOAuthProfile'; readonly id: number }
  /** R-TRN-2: raises the high-water marks of the kinds given (merged into the snapshot's). */
  | { readonly _tag: 'SetNextIds'; readonly nextIds: NextIdsJson };

/** Puts a tenant. */
export const putTenant = (tenant: TenantJson): Edit => ({ _tag: 'PutTenant', tenant });
/** Deletes a tenant. */
export const deleteTenant = (id: TenantId): Edit => ({ _tag: 'DeleteTenant', id });
/** Puts a role. */
export const putRole = (role: RoleJson): Edit => ({ _tag: 'PutRole', role });
/** Deletes a role. */
export const deleteRole = (id: RoleId): Edit => ({ _tag: 'DeleteRole', id });
/** Puts a user. */
export const putUser = (user: UserJson): Edit => ({ _tag: 'PutUser', user });
/** Deletes a user. */
export const deleteUser = (id: UserId): Edit => ({ _tag: 'DeleteUser', id });
/** Puts a data source. */
export const putDataSource = (dataSource: DataSourceJson): Edit => ({ _tag: 'PutDataSource', dataSource });
/** Deletes a data source. */
export const deleteDataSource = (id: DataSourceId): Edit => ({ _tag: 'DeleteDataSource', id });
/** Puts an OAuth application. */
export const putOAuthApp = (app: OAuthAppJson): Edit => ({ _tag: 'PutOAuthApp', app });
/** Deletes an OAuth application. */
export const deleteOAuthApp = (id: number): Edit => ({ _tag: 'DeleteOAuthApp', id });
/** Puts an OAuth profile. */
export const putOAuthProfile = (profile: OAuthProfileJson): Edit => ({ _tag: 'PutOAuthProfile', profile });
/** Deletes an OAuth profile. */
export const deleteOAuthProfile = (id: number): Edit => ({ _tag: 'DeleteOAuthProfile', id });
/** Sets the id high-water marks. */
export const setNextIds = (nextIds: NextIdsJson): Edit => ({ _tag: 'SetNextIds', nextIds });
