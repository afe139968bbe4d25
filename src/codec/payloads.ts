/**
 * io-ts codecs for the request bodies of the management API (SPEC §5), in the gateway's own
 * JSON shapes. Each body kind decodes to a variant of the tagged union `Payload` (`_tag` names
 * the body kind); `bodyCodecFor` picks the codec of an operation.
 *
 * Objects are exact: unknown extra fields are accepted and dropped, like the snapshot codec
 * (R-SNAP-9). Decoding never throws; structural and authorization rules on the decoded
 * value live in `rules/payloadStructure.ts` and `rules/bodyAuthorization.ts`.
 *
 * Defaults that need the request context are left absent here and resolved by the rules:
 * a missing `tenantId` in a user, role or OAuth application create body means the subject's
 * tenant (for `/admin` operations, which take no `?user=`, that is the actor's tenant).
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { fastValidate } from './guard.js';
import { Id, Ids, PermissionIds, StatusCode } from './primitives.js';
import { MemberCodec, StatusInfoCodec, TenantShareCodec, UserShareCodec } from './snapshot.js';
import { firstUnsafeCharacter } from './escape.js';
import { preview } from './problem.js';

/** Why `u` is not a safe name, or undefined when it is one. */
const nameProblem = (u: unknown): string | undefined => {
  if (typeof u !== 'string') return `expected a name, got \`${preview(u)}\``;
  if (u.length === 0) return 'name is empty';
  const unsafe = firstUnsafeCharacter(u);
  return unsafe === undefined ? undefined : `name contains ${unsafe}`;
};

/**
 * R-REQ-5: a name a body creates or changes (user, role, tenant, data source, OAuth application
 * or profile): a non-empty string with no character that could break or disguise a line of text
 * (controls, line separators, bidi controls, invisible characters, lone surrogates; see
 * `codec/escape.ts`). Snapshots load names as they are; text renderers escape them.
 */
export const SafeName = new t.Type<string, string, unknown>(
  'SafeName',
  (u): u is string => nameProblem(u) === undefined,
  (u, c) => {
    const why = nameProblem(u);
    if (why === undefined && typeof u === 'string') return t.success(u);
    return u === undefined ? t.failure(u, c) : t.failure(u, c, why); // a missing field is reported as missing
  },
  (a) => a,
);

const obj = <R extends t.Props, O extends t.Props>(name: string, required: R, optional: O) =>
  t.exact(t.intersection([t.type(required), t.partial(optional)]), name);

/** Any JSON object; its fields are not needed by the engine and are dropped (password and auth info). */
const anyObject = (name: string) => t.exact(t.type({}), name);

/** Wraps a body codec so the decoded value carries `_tag`; encoding drops the tag again. */
const tagged = <Tag extends string, A extends object, O>(tag: Tag, codec: t.Type<A, O, unknown>) => {
  const validate = fastValidate(codec); // D-LOAD-1: a well-formed body skips io-ts's validation
  return new t.Type<Readonly<A & { readonly _tag: Tag }>, O, unknown>(
    codec.name,
    (u): u is Readonly<A & { readonly _tag: Tag }> =>
      typeof u === 'object' && u !== null && (u as { readonly _tag?: unknown })._tag === tag && codec.is(u),
    (u, c) => E.map((a: A) => ({ ...a, _tag: tag }))(validate(u, c)),
    (a) => {
      const { _tag: _dropped, ...rest } = a;
      return codec.encode(rest as unknown as A);
    },
  );
};

/** A group member in a body: `{id, entityPrefix?}`. */
export const MemberBodyCodec = MemberCodec;

/** `POST /mgmt/datasources`: `{name, isGroup?, permissions?, members?}`; `permissions` only on-behalf-of (R-PAY-1). */
export const DataSourceCreateBodyCodec = obj(
  'DataSourceCreateBody',
  { name: SafeName },
  { isGroup: t.boolean, permissions: PermissionIds, members: t.readonlyArray(MemberCodec) },
);

/** `PUT /mgmt/datasources/{id}`: the create body with every field optional. */
export const DataSourceUpdateBodyCodec = obj(
  'DataSourceUpdateBody',
  {},
  { name: SafeName, isGroup: t.boolean, permissions: PermissionIds, members: t.readonlyArray(MemberCodec) },
);

/** `PUT /mgmt/datasources/{id}/permissions`: `{permissions}` (R-PAY-1, R-PAY-2). */
export const DataSourcePermissionsBodyCodec = obj('DataSourcePermissionsBody', { permissions: PermissionIds }, {});

/** `POST …/sharedUsers`: `{sharedUsers: [{userId, permissions}]}` (R-SHR-7). */
export const UserSharesBodyCodec = obj('UserSharesBody', { sharedUsers: t.readonlyArray(UserShareCodec) }, {});

/** `PUT …/sharedUsers/{uid}`: `{permissions}` (R-SHR-7). */
export const UserSharePermissionsBodyCodec = obj('UserSharePermissionsBody', { permissions: PermissionIds }, {});

/** `POST …/sharedTenants`: `{sharedTenants: [{tenantId, permissions}]}` (R-SHR-8). */
export const TenantSharesBodyCodec = obj('TenantSharesBody', { sharedTenants: t.readonlyArray(TenantShareCodec) }, {});

/** `PUT …/sharedTenants/{tid}`: `{permissions}` (R-SHR-8). */
export const TenantSharePermissionsBodyCodec = obj('TenantSharePermissionsBody', { permissions: PermissionIds }, {});

/** `POST` / `PUT …/members`: `{members: [{id, entityPrefix?}]}` (R-GRP-5). */
export const MembersBodyCodec = obj('MembersBody', { members: t.readonlyArray(MemberCodec) }, {});

/** A user's roles and explicit permissions in a create body: `roles` is required. */
export const UserPermissionsCreateCodec = obj('UserPermissions', { roles: Ids }, { permissions: PermissionIds });

/** A user's roles and explicit permissions in an update body, `PUT /admin/users/{id}/permissions` included. */
export const UserPermissionsBodyCodec = obj('UserPermissionsBody', {}, { roles: Ids, permissions: PermissionIds });

/** `POST /admin/users`: `{userName, tenantId?, permissions: {roles, permissions?}, statusInfo?, tenantsAdministered?}`. */
export const UserCreateBodyCodec = obj(
  'UserCreateBody',
  { userName: SafeName, permissions: UserPermissionsCreateCodec },
  { tenantId: Id, statusInfo: StatusInfoCodec, tenantsAdministered: Ids },
);

/** `PUT /admin/users/{id}`: every field optional; a new `tenantId` moves the user (R-TRN-5). */
export const UserUpdateBodyCodec = obj(
  'UserUpdateBody',
  {},
  { userName: SafeName, tenantId: Id, permissions: UserPermissionsBodyCodec, statusInfo: StatusInfoCodec, tenantsAdministered: Ids },
);

/** `PUT /admin/users/{id}/statusinfo`: `{status?, accountLocked?}`. */
export const UserStatusBodyCodec = obj('UserStatusBody', {}, { status: StatusCode, accountLocked: t.boolean });

/** `PUT /admin/users/{id}/passwordinfo`: any object (its content is not the engine's business). */
export const UserPasswordInfoBodyCodec = anyObject('UserPasswordInfoBody');

/** `PUT /admin/users/{id}/authinfo`: any object. */
export const UserAuthInfoBodyCodec = anyObject('UserAuthInfoBody');

/** `PUT /admin/userdetails/changePassword`: any object. */
export const PasswordChangeBodyCodec = anyObject('PasswordChangeBody');

/** `PUT /admin/users/{id}/tenantsadministered`: `{tenantsAdministered: [ids]}` (R-ADM-5). */
export const TenantsAdministeredBodyCodec = obj('TenantsAdministeredBody', { tenantsAdministered: Ids }, {});

/** `POST /admin/roles`: `{name, tenantId?, permissions, users?}`. */
export const RoleCreateBodyCodec = obj('RoleCreateBody', { name: SafeName, permissions: PermissionIds }, { tenantId: Id, users: Ids });

/** `PUT /admin/roles/{id}`: every field optional; `users` replaces the role's users (R-ROL-1). */
export const RoleUpdateBodyCodec = obj('RoleUpdateBody', {}, { name: SafeName, tenantId: Id, permissions: PermissionIds, users: Ids });

/** `POST /admin/tenants`: `{name, parentTenant?, status?, admins?, importedRoles?}` (R-SNAP-3, R-TRN-6). */
export const TenantCreateBodyCodec = obj('TenantCreateBody', { name: SafeName }, { parentTenant: Id, status: t.number, admins: Ids, importedRoles: Ids });

/** `PUT /admin/tenants/{id}`: every field optional. */
export const TenantUpdateBodyCodec = obj('TenantUpdateBody', {}, { name: SafeName, parentTenant: Id, status: t.number });

/** `PUT /admin/tenants/{id}/admins`: `{admins: [userIds]}` (R-ADM-5). */
export const TenantAdminsBodyCodec = obj('TenantAdminsBody', { admins: Ids }, {});

/** `POST /mgmt/oauthapps`: `{name, tenantId?, dataStore?}` (R-OAA-1). */
export const OAuthAppCreateBodyCodec = obj('OAuthAppCreateBody', { name: SafeName }, { tenantId: Id, dataStore: Id });

/** `PUT /mgmt/oauthapps/{id}`: every field optional. */
export const OAuthAppUpdateBodyCodec = obj('OAuthAppUpdateBody', {}, { name: SafeName, tenantId: Id, dataStore: Id });

/** `POST /mgmt/oauthprofiles`: `{name, oauthAppId}` (R-OAP-1). */
export const OAuthProfileCreateBodyCodec = obj('OAuthProfileCreateBody', { name: SafeName, oauthAppId: Id }, {});

/** `PUT /mgmt/oauthprofiles/{id}`: every field optional. */
export const OAuthProfileUpdateBodyCodec = obj('OAuthProfileUpdateBody', {}, { name: SafeName, oauthAppId: Id });

/** Tagged codec: data source create body. */
export const DataSourceCreatePayloadCodec = tagged('DataSourceCreate', DataSourceCreateBodyCodec);
/** Tagged codec: data source update body. */
export const DataSourceUpdatePayloadCodec = tagged('DataSourceUpdate', DataSourceUpdateBodyCodec);
/** Tagged codec: data-source permissions body. */
export const DataSourcePermissionsPayloadCodec = tagged('DataSourcePermissions', DataSourcePermissionsBodyCodec);
/** Tagged codec: share with users body. */
export const UserSharesPayloadCodec = tagged('UserShares', UserSharesBodyCodec);
/** Tagged codec: update one user share body. */
export const UserSharePermissionsPayloadCodec = tagged('UserSharePermissions', UserSharePermissionsBodyCodec);
/** Tagged codec: share with tenants body. */
export const TenantSharesPayloadCodec = tagged('TenantShares', TenantSharesBodyCodec);
/** Tagged codec: update one tenant share body. */
export const TenantSharePermissionsPayloadCodec = tagged('TenantSharePermissions', TenantSharePermissionsBodyCodec);
/** Tagged codec: members body. */
export const MembersPayloadCodec = tagged('Members', MembersBodyCodec);
/** Tagged codec: user create body. */
export const UserCreatePayloadCodec = tagged('UserCreate', UserCreateBodyCodec);
/** Tagged codec: user update body. */
export const UserUpdatePayloadCodec = tagged('UserUpdate', UserUpdateBodyCodec);
/** Tagged codec: user permissions body. */
export const UserPermissionsPayloadCodec = tagged('UserPermissions', UserPermissionsBodyCodec);
/** Tagged codec: user status body. */
export const UserStatusPayloadCodec = tagged('UserStatus', UserStatusBodyCodec);
/** Tagged codec: user password info body. */
export const UserPasswordInfoPayloadCodec = tagged('UserPasswordInfo', UserPasswordInfoBodyCodec);
/** Tagged codec: user auth info body. */
export const UserAuthInfoPayloadCodec = tagged('UserAuthInfo', UserAuthInfoBodyCodec);
/** Tagged codec: change own password body. */
export const PasswordChangePayloadCodec = tagged('PasswordChange', PasswordChangeBodyCodec);
/** Tagged codec: tenants administered body. */
export const TenantsAdministeredPayloadCodec = tagged('TenantsAdministered', TenantsAdministeredBodyCodec);
/** Tagged codec: role create body. */
export const RoleCreatePayloadCodec = tagged('RoleCreate', RoleCreateBodyCodec);
/** Tagged codec: role update body. */
export const RoleUpdatePayloadCodec = tagged('RoleUpdate', RoleUpdateBodyCodec);
/** Tagged codec: tenant create body. */
export const TenantCreatePayloadCodec = tagged('TenantCreate', TenantCreateBodyCodec);
/** Tagged codec: tenant update body. */
export const TenantUpdatePayloadCodec = tagged('TenantUpdate', TenantUpdateBodyCodec);
/** Tagged codec: tenant admins body. */
export const TenantAdminsPayloadCodec = tagged('TenantAdmins', TenantAdminsBodyCodec);
/** Tagged codec: OAuth application create body. */
export const OAuthAppCreatePayloadCodec = tagged('OAuthAppCreate', OAuthAppCreateBodyCodec);
/** Tagged codec: OAuth application update body. */
export const OAuthAppUpdatePayloadCodec = tagged('OAuthAppUpdate', OAuthAppUpdateBodyCodec);
/** Tagged codec: OAuth profile create body. */
export const OAuthProfileCreatePayloadCodec = tagged('OAuthProfileCreate', OAuthProfileCreateBodyCodec);
/** Tagged codec: OAuth profile update body. */
export const OAuthProfileUpdatePayloadCodec = tagged('OAuthProfileUpdate', OAuthProfileUpdateBodyCodec);

/** The payload of an operation that takes no body (its body, if any, is ignored). */
export interface NoBodyPayload {
  readonly _tag: 'NoBody';
}

/** A decoded request body, tagged by its kind. */
export type Payload =
  | t.TypeOf<typeof DataSourceCreatePayloadCodec>
  | t.TypeOf<typeof DataSourceUpdatePayloadCodec>
  | t.TypeOf<typeof DataSourcePermissionsPayloadCodec>
  | t.TypeOf<typeof UserSharesPayloadCodec>
  | t.TypeOf<typeof UserSharePermissionsPayloadCodec>
  | t.TypeOf<typeof TenantSharesPayloadCodec>
  | t.TypeOf<typeof TenantSharePermissionsPayloadCodec>
  | t.TypeOf<typeof MembersPayloadCodec>
  | t.TypeOf<typeof UserCreatePayloadCodec>
  | t.TypeOf<typeof UserUpdatePayloadCodec>
  | t.TypeOf<typeof UserPermissionsPayloadCodec>
  | t.TypeOf<typeof UserStatusPayloadCodec>
  | t.TypeOf<typeof UserPasswordInfoPayloadCodec>
  | t.TypeOf<typeof UserAuthInfoPayloadCodec>
  | t.TypeOf<typeof PasswordChangePayloadCodec>
  | t.TypeOf<typeof TenantsAdministeredPayloadCodec>
  | t.TypeOf<typeof RoleCreatePayloadCodec>
  | t.TypeOf<typeof RoleUpdatePayloadCodec>
  | t.TypeOf<typeof TenantCreatePayloadCodec>
  | t.TypeOf<typeof TenantUpdatePayloadCodec>
  | t.TypeOf<typeof TenantAdminsPayloadCodec>
  | t.TypeOf<typeof OAuthAppCreatePayloadCodec>
  | t.TypeOf<typeof OAuthAppUpdatePayloadCodec>
  | t.TypeOf<typeof OAuthProfileCreatePayloadCodec>
  | t.TypeOf<typeof OAuthProfileUpdatePayloadCodec>
  | NoBodyPayload;

/** The body kinds, one per `Payload` variant. */
export type PayloadTag = Payload['_tag'];

/** The variant of `Payload` with the given tag. */
export type PayloadOf<Tag extends PayloadTag> = Extract<Payload, { readonly _tag: Tag }>;

/** The body-less payload. */
export const noBody: NoBodyPayload = { _tag: 'NoBody' };

// Widens a variant codec to the union; `encode` only ever sees values of its own variant.
const widen = <A extends Payload, O>(codec: t.Type<A, O, unknown>): t.Type<Payload, unknown, unknown> =>
  new t.Type<Payload, unknown, unknown>(
    codec.name,
    (u): u is Payload => codec.is(u),
    (u, c) => codec.validate(u, c),
    (p) => (codec.is(p) ? codec.encode(p) : p),
  );

/** A body codec widened to the `Payload` union: what an operation row names as its `payload` column. */
export type BodyCodec = t.Type<Payload, unknown, unknown>;

/** The body codecs by body kind, widened to `Payload`; each row of the operation table names its own. */
export const bodies = {
  dataSourceCreate: widen(DataSourceCreatePayloadCodec),
  dataSourceUpdate: widen(DataSourceUpdatePayloadCodec),
  dataSourcePermissions: widen(DataSourcePermissionsPayloadCodec),
  members: widen(MembersPayloadCodec),
  userShares: widen(UserSharesPayloadCodec),
  userSharePermissions: widen(UserSharePermissionsPayloadCodec),
  tenantShares: widen(TenantSharesPayloadCodec),
  tenantSharePermissions: widen(TenantSharePermissionsPayloadCodec),
  userCreate: widen(UserCreatePayloadCodec),
  userUpdate: widen(UserUpdatePayloadCodec),
  userPermissions: widen(UserPermissionsPayloadCodec),
  userStatus: widen(UserStatusPayloadCodec),
  userPasswordInfo: widen(UserPasswordInfoPayloadCodec),
  userAuthInfo: widen(UserAuthInfoPayloadCodec),
  passwordChange: widen(PasswordChangePayloadCodec),
  tenantsAdministered: widen(TenantsAdministeredPayloadCodec),
  roleCreate: widen(RoleCreatePayloadCodec),
  roleUpdate: widen(RoleUpdatePayloadCodec),
  tenantCreate: widen(TenantCreatePayloadCodec),
  tenantUpdate: widen(TenantUpdatePayloadCodec),
  tenantAdmins: widen(TenantAdminsPayloadCodec),
  oauthAppCreate: widen(OAuthAppCreatePayloadCodec),
  oauthAppUpdate: widen(OAuthAppUpdatePayloadCodec),
  oauthProfileCreate: widen(OAuthProfileCreatePayloadCodec),
  oauthProfileUpdate: widen(OAuthProfileUpdatePayloadCodec),
} as const satisfies Readonly<Record<string, BodyCodec>>;
