/** L-DECODE-FAST (R-SNAP-9, D-LOAD-1): the fast decoding path equals io-ts on every input. */
import fc from 'fast-check';
import type * as t from 'io-ts';
import { describe, it } from 'vitest';
import { snapshotJsonArb } from './arbitraries/snapshot.js';
import { replaceNode } from './laws/codec.js';
import * as P from '../src/codec/payloads.js';
import { fastBodyDecodeAgreesWithCodec, fastDecodeAgreesWithCodec, nodeCount, wellFormedTakesFastPath, withKeyAdded, withKeyDropped } from './laws/decodeFast.js';

/** Values that sit at the edges of the snapshot's primitive codecs, and JSON of every other kind. */
const edgeValueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(-1, -0, 0, 1, 1.5, 12, 29, 30, 64, 65, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER, '1', '', 'user', true, false, null, [], {}, [1.5], [-1], [{}]),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Every field name of the snapshot's objects, and one that none has. */
const FIELD_NAMES: ReadonlyArray<string> = [
  'id', 'name', 'description', 'category', 'parentTenant', 'status', 'admins', 'tenantId', 'permissions', 'users', 'roles', 'userName',
  'statusInfo', 'accountLocked', 'tenantsAdministered', 'userId', 'entityPrefix', 'owner', 'isGroup', 'sharedUsers', 'sharedTenants',
  'members', 'dataStore', 'oauthAppId', 'tenant', 'role', 'user', 'dataSource', 'oauthApp', 'oauthProfile', 'extra',
];

/** A field value: an edge value, a category name, or a small object or list of objects with snapshot field names. */
const leafArb: fc.Arbitrary<unknown> = fc.oneof(edgeValueArb, fc.constantFrom('user', 'data-source', 'tenant', 'elevated', 'Elevated'));
const nearObjectArb: fc.Arbitrary<Readonly<Record<string, unknown>>> = fc.dictionary(fc.constantFrom(...FIELD_NAMES), leafArb, { maxKeys: 6 });
const fieldValueArb: fc.Arbitrary<unknown> = fc.oneof(leafArb, nearObjectArb, fc.array(nearObjectArb, { maxLength: 2 }));

/** A snapshot whose one list holds one object made of snapshot field names and edge values. */
const nearSnapshotArb: fc.Arbitrary<unknown> = fc
  .tuple(fc.constantFrom('permissions', 'tenants', 'roles', 'users', 'dataSources', 'oauthApps', 'oauthProfiles', 'nextIds'), fc.dictionary(fc.constantFrom(...FIELD_NAMES), fieldValueArb, { maxKeys: 8 }))
  .map(([list, object]) => (list === 'nextIds' ? { nextIds: object } : { [list]: [object] }));

/** Every tagged body codec with its io-ts body codec and its tag. */
const BODIES: ReadonlyArray<readonly [t.Mixed, t.Mixed, string]> = [
  [P.DataSourceCreatePayloadCodec, P.DataSourceCreateBodyCodec, 'DataSourceCreate'],
  [P.DataSourceUpdatePayloadCodec, P.DataSourceUpdateBodyCodec, 'DataSourceUpdate'],
  [P.DataSourcePermissionsPayloadCodec, P.DataSourcePermissionsBodyCodec, 'DataSourcePermissions'],
  [P.UserSharesPayloadCodec, P.UserSharesBodyCodec, 'UserShares'],
  [P.UserSharePermissionsPayloadCodec, P.UserSharePermissionsBodyCodec, 'UserSharePermissions'],
  [P.TenantSharesPayloadCodec, P.TenantSharesBodyCodec, 'TenantShares'],
  [P.TenantSharePermissionsPayloadCodec, P.TenantSharePermissionsBodyCodec, 'TenantSharePermissions'],
  [P.MembersPayloadCodec, P.MembersBodyCodec, 'Members'],
  [P.UserCreatePayloadCodec, P.UserCreateBodyCodec, 'UserCreate'],
  [P.UserUpdatePayloadCodec, P.UserUpdateBodyCodec, 'UserUpdate'],
  [P.UserPermissionsPayloadCodec, P.UserPermissionsBodyCodec, 'UserPermissions'],
  [P.UserStatusPayloadCodec, P.UserStatusBodyCodec, 'UserStatus'],
  [P.UserPasswordInfoPayloadCodec, P.UserPasswordInfoBodyCodec, 'UserPasswordInfo'],
  [P.UserAuthInfoPayloadCodec, P.UserAuthInfoBodyCodec, 'UserAuthInfo'],
  [P.PasswordChangePayloadCodec, P.PasswordChangeBodyCodec, 'PasswordChange'],
  [P.TenantsAdministeredPayloadCodec, P.TenantsAdministeredBodyCodec, 'TenantsAdministered'],
  [P.RoleCreatePayloadCodec, P.RoleCreateBodyCodec, 'RoleCreate'],
  [P.RoleUpdatePayloadCodec, P.RoleUpdateBodyCodec, 'RoleUpdate'],
  [P.TenantCreatePayloadCodec, P.TenantCreateBodyCodec, 'TenantCreate'],
  [P.TenantUpdatePayloadCodec, P.TenantUpdateBodyCodec, 'TenantUpdate'],
  [P.TenantAdminsPayloadCodec, P.TenantAdminsBodyCodec, 'TenantAdmins'],
  [P.OAuthAppCreatePayloadCodec, P.OAuthAppCreateBodyCodec, 'OAuthAppCreate'],
  [P.OAuthAppUpdatePayloadCodec, P.OAuthAppUpdateBodyCodec, 'OAuthAppUpdate'],
  [P.OAuthProfileCreatePayloadCodec, P.OAuthProfileCreateBodyCodec, 'OAuthProfileCreate'],
  [P.OAuthProfileUpdatePayloadCodec, P.OAuthProfileUpdateBodyCodec, 'OAuthProfileUpdate'],
];

/** The field names of the request bodies, and one that none has. */
const BODY_FIELDS: ReadonlyArray<string> = [
  'name', 'isGroup', 'permissions', 'members', 'sharedUsers', 'sharedTenants', 'userId', 'tenantId', 'id', 'entityPrefix', 'userName', 'roles',
  'statusInfo', 'status', 'accountLocked', 'tenantsAdministered', 'users', 'parentTenant', 'admins', 'importedRoles', 'dataStore', 'oauthAppId', 'extra',
];
const bodyObjectArb: fc.Arbitrary<Readonly<Record<string, unknown>>> = fc.dictionary(fc.constantFrom(...BODY_FIELDS), leafArb, { maxKeys: 4 });
const bodyArb: fc.Arbitrary<unknown> = fc.oneof(
  leafArb,
  fc.dictionary(fc.constantFrom(...BODY_FIELDS), fc.oneof(leafArb, bodyObjectArb, fc.array(bodyObjectArb, { maxLength: 2 })), { maxKeys: 5 }),
);

describe('L-DECODE-FAST', () => {
  it('L-DECODE-FAST (R-SNAP-9): a generated snapshot takes the fast path and decodes as io-ts decodes it', () => {
    fc.assert(fc.property(snapshotJsonArb, (json) => wellFormedTakesFastPath(json) && fastDecodeAgreesWithCodec(json)));
  });

  it('L-DECODE-FAST (R-SNAP-9): a snapshot with one node replaced decodes as io-ts decodes it', () => {
    fc.assert(fc.property(snapshotJsonArb, fc.nat(), edgeValueArb, (json, position, replacement) => fastDecodeAgreesWithCodec(replaceNode(json, position % nodeCount(json), replacement))));
  });

  it('L-DECODE-FAST (R-SNAP-9): a snapshot with a field added or dropped decodes as io-ts decodes it', () => {
    fc.assert(
      fc.property(snapshotJsonArb, fc.nat(), fc.constantFrom('extra', 'id', 'name', 'description', 'permissions', 'isGroup', '__proto__', 'constructor'), edgeValueArb, fc.nat(8), fc.boolean(), (json, position, key, value, index, add) =>
        fastDecodeAgreesWithCodec(add ? withKeyAdded(json, position % nodeCount(json), key, value) : withKeyDropped(json, position % nodeCount(json), index)),
      ),
    );
  });

  it('L-DECODE-FAST (R-SNAP-9): an object of snapshot field names and edge values, in any list, decodes as io-ts decodes it', () => {
    fc.assert(fc.property(nearSnapshotArb, fastDecodeAgreesWithCodec));
  });

  it('L-DECODE-FAST (R-REQ-5): every tagged request body codec answers as its io-ts body codec, tag added', () => {
    fc.assert(fc.property(fc.constantFrom(...BODIES), bodyArb, ([payload, body, tag], u) => fastBodyDecodeAgreesWithCodec(payload, body, tag, u)));
  });

  it('L-DECODE-FAST (R-SNAP-9): arbitrary JavaScript values decode as io-ts decodes them', () => {
    fc.assert(fc.property(fc.anything({ withNullPrototype: true, withSparseArray: true }), (value) => fastDecodeAgreesWithCodec(value)));
  });
});
