/**
 * io-ts codecs for the snapshot JSON of SPEC §2, the single source of the raw snapshot types.
 * Objects are exact: unknown extra fields are accepted and dropped (R-SNAP-9).
 */
import * as t from 'io-ts';
import { acceptorOf, fastDecoder } from './guard.js';
import { Id, Ids, PermissionId, PermissionIds, StatusCode } from './primitives.js';

const obj = <R extends t.Props, O extends t.Props>(name: string, required: R, optional: O) =>
  t.exact(t.intersection([t.type(required), t.partial(optional)]), name);

/** A permission category as written in a snapshot catalog. */
export const CategoryCodec = t.keyof({ user: null, 'data-source': null, tenant: null, elevated: null }, 'Category');

/** A snapshot catalog entry `{id, name, description?, category?}` (SPEC §1). */
export const PermissionEntryCodec = obj('PermissionEntry', { id: PermissionId, name: t.string }, { description: t.string, category: CategoryCodec });

/** A tenant (R-SNAP-3). */
export const TenantCodec = obj('Tenant', { id: Id, name: t.string }, { parentTenant: Id, status: t.number, admins: Ids });

/** A role. */
export const RoleCodec = obj('Role', { id: Id, name: t.string, tenantId: Id, permissions: PermissionIds }, { users: Ids });

/** A user's status; absent fields default to active and unlocked. */
export const StatusInfoCodec = obj('StatusInfo', {}, { status: StatusCode, accountLocked: t.boolean });

/** A user's roles and explicit permissions. */
export const UserPermissionsCodec = obj('UserPermissions', { roles: Ids }, { permissions: PermissionIds });

/** A user. */
export const UserCodec = obj(
  'User',
  { id: Id, userName: t.string, tenantId: Id, permissions: UserPermissionsCodec },
  { statusInfo: StatusInfoCodec, tenantsAdministered: Ids },
);

/** A share with one user. */
export const UserShareCodec = obj('UserShare', { userId: Id, permissions: PermissionIds }, {});

/** A share with one tenant. */
export const TenantShareCodec = obj('TenantShare', { tenantId: Id, permissions: PermissionIds }, {});

/** A group member. */
export const MemberCodec = obj('Member', { id: Id }, { entityPrefix: t.string });

/** A data source; `permissions` absent and `[]` differ (R-DSP-1). */
export const DataSourceCodec = obj(
  'DataSource',
  { id: Id, name: t.string, owner: Id },
  {
    isGroup: t.boolean,
    permissions: PermissionIds,
    sharedUsers: t.readonlyArray(UserShareCodec),
    sharedTenants: t.readonlyArray(TenantShareCodec),
    members: t.readonlyArray(MemberCodec),
  },
);

/** An OAuth application. */
export const OAuthAppCodec = obj('OAuthApp', { id: Id, name: t.string, tenantId: Id }, { dataStore: Id });

/** An OAuth profile. */
export const OAuthProfileCodec = obj('OAuthProfile', { id: Id, name: t.string, oauthAppId: Id, owner: Id }, {});

/** R-TRN-2: the next id to give per kind; each above every id of its kind (R-SNAP-1). */
export const NextIdsCodec = obj('NextIds', {}, { tenant: Id, role: Id, user: Id, dataSource: Id, oauthApp: Id, oauthProfile: Id });

/** The whole snapshot (SPEC §2); every list is optional. */
export const SnapshotCodec = obj(
  'Snapshot',
  {},
  {
    permissions: t.readonlyArray(PermissionEntryCodec),
    tenants: t.readonlyArray(TenantCodec),
    roles: t.readonlyArray(RoleCodec),
    users: t.readonlyArray(UserCodec),
    dataSources: t.readonlyArray(DataSourceCodec),
    oauthApps: t.readonlyArray(OAuthAppCodec),
    oauthProfiles: t.readonlyArray(OAuthProfileCodec),
    nextIds: NextIdsCodec,
  },
);

/** True only for snapshot JSON that `SnapshotCodec` decodes to itself: what the fast path takes (D-LOAD-1). */
export const acceptsSnapshotJson = acceptorOf(SnapshotCodec);

/** Decodes a snapshot exactly as `SnapshotCodec.decode`, returning well-formed input as it is without io-ts's validation (D-LOAD-1). */
export const decodeSnapshotJson = fastDecoder(SnapshotCodec);

/** A decoded catalog entry. */
export type PermissionEntryJson = t.TypeOf<typeof PermissionEntryCodec>;
/** A decoded tenant. */
export type TenantJson = t.TypeOf<typeof TenantCodec>;
/** A decoded role. */
export type RoleJson = t.TypeOf<typeof RoleCodec>;
/** A decoded user. */
export type UserJson = t.TypeOf<typeof UserCodec>;
/** A decoded user share. */
export type UserShareJson = t.TypeOf<typeof UserShareCodec>;
/** A decoded tenant share. */
export type TenantShareJson = t.TypeOf<typeof TenantShareCodec>;
/** A decoded group member. */
export type MemberJson = t.TypeOf<typeof MemberCodec>;
/** A decoded data source. */
export type DataSourceJson = t.TypeOf<typeof DataSourceCodec>;
/** A decoded OAuth application. */
export type OAuthAppJson = t.TypeOf<typeof OAuthAppCodec>;
/** A decoded OAuth profile. */
export type OAuthProfileJson = t.TypeOf<typeof OAuthProfileCodec>;
/** Decoded id high-water marks (R-TRN-2). */
export type NextIdsJson = t.TypeOf<typeof NextIdsCodec>;
/** The kinds of entity that get ids (R-TRN-2). */
export type IdKind = keyof NextIdsJson;
/** Every kind of entity that gets ids, in a fixed order. */
export const idKinds: ReadonlyArray<IdKind> = ['tenant', 'role', 'user', 'dataSource', 'oauthApp', 'oauthProfile'];
/** A decoded snapshot. */
export type SnapshotJson = t.TypeOf<typeof SnapshotCodec>;
