/**
 * D-LOAD-1 / R-SNAP-9: the fast decoding path, field by field. A snapshot that holds every field
 * of every snapshot codec is decoded with each of its nodes replaced by each edge value, with an
 * unknown field added to each of its objects and with each field dropped in turn: the fast decoder
 * and io-ts agree every time (L-DECODE-FAST), and the fast path takes the snapshot as it is.
 */
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { acceptorOf, fastDecoder } from '../../src/codec/guard.js';
import { Id } from '../../src/codec/primitives.js';
import { acceptsSnapshotJson, decodeSnapshotJson } from '../../src/codec/snapshot.js';
import { replaceNode } from '../../properties/laws/codec.js';
import * as P from '../../src/codec/payloads.js';
import { fastBodyDecodeAgreesWithCodec, fastDecodeAgreesWithCodec, nodeCount, withKeyAdded, withKeyDropped } from '../../properties/laws/decodeFast.js';

/** Every field of every codec of SPEC §2, each with a valid value. */
const everyField = {
  permissions: [{ id: 30, name: 'Custom', description: 'a custom permission', category: 'data-source' }],
  tenants: [{ id: 2, name: 'Acme', parentTenant: 1, status: 1, admins: [3] }],
  roles: [{ id: 4, name: 'Analysts', tenantId: 2, permissions: [2, 3], users: [3] }],
  users: [{ id: 3, userName: 'ann', tenantId: 2, permissions: { roles: [4], permissions: [7] }, statusInfo: { status: 1, accountLocked: false }, tenantsAdministered: [2] }],
  dataSources: [
    { id: 5, name: 'sales', owner: 3, isGroup: false, permissions: [2, 3], sharedUsers: [{ userId: 6, permissions: [2] }], sharedTenants: [{ tenantId: 2, permissions: [3] }] },
    { id: 6, name: 'group', owner: 3, isGroup: true, members: [{ id: 5, entityPrefix: 'ds' }] },
  ],
  oauthApps: [{ id: 7, name: 'app', tenantId: 2, dataStore: 5 }],
  oauthProfiles: [{ id: 8, name: 'profile', oauthAppId: 7, owner: 3 }],
  nextIds: { tenant: 3, role: 5, user: 4, dataSource: 7, oauthApp: 8, oauthProfile: 9 },
};

/** Values at the edges of every primitive codec, and values of every other JSON kind. */
const EDGE_VALUES: ReadonlyArray<unknown> = [-1, -0, 0, 1, 1.5, 2, 29, 30, 64, 65, 2 ** 31, Number.MAX_SAFE_INTEGER, 2 ** 53, '', '1', 'user', 'data-source', 'tenant', 'elevated', 'Elevated', true, false, null, [], [1], [1.5], [{}], {}, { id: 1 }, ['user'], ['data-source']]; // ['user'] names a key of the category codec without being a string

/** Each tagged body codec, its io-ts body codec, its tag, and a body that gives every field of it. */
const BODIES: ReadonlyArray<readonly [t.Mixed, t.Mixed, string, unknown]> = [
  [P.DataSourceCreatePayloadCodec, P.DataSourceCreateBodyCodec, 'DataSourceCreate', { name: 'sales', isGroup: true, permissions: [2, 3], members: [{ id: 5, entityPrefix: 'ds' }] }],
  [P.DataSourceUpdatePayloadCodec, P.DataSourceUpdateBodyCodec, 'DataSourceUpdate', { name: 'sales', isGroup: false, permissions: [2], members: [{ id: 5 }] }],
  [P.DataSourcePermissionsPayloadCodec, P.DataSourcePermissionsBodyCodec, 'DataSourcePermissions', { permissions: [2, 7] }],
  [P.UserSharesPayloadCodec, P.UserSharesBodyCodec, 'UserShares', { sharedUsers: [{ userId: 6, permissions: [2] }] }],
  [P.UserSharePermissionsPayloadCodec, P.UserSharePermissionsBodyCodec, 'UserSharePermissions', { permissions: [2] }],
  [P.TenantSharesPayloadCodec, P.TenantSharesBodyCodec, 'TenantShares', { sharedTenants: [{ tenantId: 2, permissions: [3] }] }],
  [P.TenantSharePermissionsPayloadCodec, P.TenantSharePermissionsBodyCodec, 'TenantSharePermissions', { permissions: [3] }],
  [P.MembersPayloadCodec, P.MembersBodyCodec, 'Members', { members: [{ id: 5, entityPrefix: 'ds' }] }],
  [P.UserCreatePayloadCodec, P.UserCreateBodyCodec, 'UserCreate', { userName: 'ann', permissions: { roles: [4], permissions: [7] }, tenantId: 2, statusInfo: { status: 1, accountLocked: false }, tenantsAdministered: [2] }],
  [P.UserUpdatePayloadCodec, P.UserUpdateBodyCodec, 'UserUpdate', { userName: 'ann', tenantId: 2, permissions: { roles: [4], permissions: [7] }, statusInfo: { status: 0 }, tenantsAdministered: [] }],
  [P.UserPermissionsPayloadCodec, P.UserPermissionsBodyCodec, 'UserPermissions', { roles: [4], permissions: [7] }],
  [P.UserStatusPayloadCodec, P.UserStatusBodyCodec, 'UserStatus', { status: 1, accountLocked: true }],
  [P.UserPasswordInfoPayloadCodec, P.UserPasswordInfoBodyCodec, 'UserPasswordInfo', { password: 'secret' }],
  [P.UserAuthInfoPayloadCodec, P.UserAuthInfoBodyCodec, 'UserAuthInfo', {}],
  [P.PasswordChangePayloadCodec, P.PasswordChangeBodyCodec, 'PasswordChange', { oldPassword: 'a', newPassword: 'b' }],
  [P.TenantsAdministeredPayloadCodec, P.TenantsAdministeredBodyCodec, 'TenantsAdministered', { tenantsAdministered: [2, 3] }],
  [P.RoleCreatePayloadCodec, P.RoleCreateBodyCodec, 'RoleCreate', { name: 'Analysts', permissions: [2], tenantId: 2, users: [3] }],
  [P.RoleUpdatePayloadCodec, P.RoleUpdateBodyCodec, 'RoleUpdate', { name: 'Analysts', tenantId: 2, permissions: [2], users: [3] }],
  [P.TenantCreatePayloadCodec, P.TenantCreateBodyCodec, 'TenantCreate', { name: 'Acme', parentTenant: 1, status: 1, admins: [3], importedRoles: [2] }],
  [P.TenantUpdatePayloadCodec, P.TenantUpdateBodyCodec, 'TenantUpdate', { name: 'Acme', parentTenant: 1, status: 0 }],
  [P.TenantAdminsPayloadCodec, P.TenantAdminsBodyCodec, 'TenantAdmins', { admins: [3] }],
  [P.OAuthAppCreatePayloadCodec, P.OAuthAppCreateBodyCodec, 'OAuthAppCreate', { name: 'app', tenantId: 2, dataStore: 5 }],
  [P.OAuthAppUpdatePayloadCodec, P.OAuthAppUpdateBodyCodec, 'OAuthAppUpdate', { name: 'app', tenantId: 2, dataStore: 5 }],
  [P.OAuthProfileCreatePayloadCodec, P.OAuthProfileCreateBodyCodec, 'OAuthProfileCreate', { name: 'profile', oauthAppId: 7 }],
  [P.OAuthProfileUpdatePayloadCodec, P.OAuthProfileUpdateBodyCodec, 'OAuthProfileUpdate', { name: 'profile', oauthAppId: 7 }],
];

/** Names a body may not carry (R-REQ-5), beside the edge values. */
const UNSAFE_NAMES: ReadonlyArray<unknown> = ['a\nb', 'a\u202eb', 'a\u200bb', '\ud800'];

const positions = Array.from({ length: nodeCount(everyField) }, (_, i) => i);

describe('D-LOAD-1 fast decoding path (R-SNAP-9)', () => {
  it('takes a snapshot that holds every field as it is', () => {
    expect(acceptsSnapshotJson(everyField)).toBe(true);
    const decoded = decodeSnapshotJson(everyField);
    expect(decoded._tag === 'Right' && decoded.right === everyField).toBe(true);
  });

  it('agrees with io-ts with any node replaced by any edge value (L-DECODE-FAST)', () => {
    const disagreements = positions.flatMap((p) => EDGE_VALUES.filter((v) => !fastDecodeAgreesWithCodec(replaceNode(everyField, p, v))).map((v) => `${p}: ${JSON.stringify(v)}`));
    expect(disagreements).toEqual([]);
  });

  it('agrees with io-ts with an unknown field added to any object, or any field dropped (L-DECODE-FAST)', () => {
    const disagreements = positions.flatMap((p) => [
      ...(fastDecodeAgreesWithCodec(withKeyAdded(everyField, p, 'extra', 1)) ? [] : [`${p}: extra added`]),
      ...[0, 1, 2, 3, 4, 5, 6, 7].filter((k) => !fastDecodeAgreesWithCodec(withKeyDropped(everyField, p, k))).map((k) => `${p}: key ${k} dropped`),
    ]);
    expect(disagreements).toEqual([]);
  });

  it('rejects a value io-ts rejects, with io-ts reporting the path', () => {
    const decoded = decodeSnapshotJson(replaceNode(everyField, 1 + 1 + 1, 1.5)); // permissions[0].id
    expect(decoded._tag).toBe('Left');
  });

  it('every request body codec answers as its io-ts body codec, node by node and field by field (L-DECODE-FAST, R-REQ-5)', () => {
    const disagreements = BODIES.flatMap(([payload, body, tag, full]) => {
      const at = Array.from({ length: nodeCount(full) }, (_, i) => i);
      const variants = at.flatMap((p) => [
        ...[...EDGE_VALUES, ...UNSAFE_NAMES].map((v) => replaceNode(full, p, v)),
        withKeyAdded(full, p, 'extra', 1),
        ...[0, 1, 2, 3, 4].map((k) => withKeyDropped(full, p, k)),
      ]);
      return [full, ...variants].filter((u) => !fastBodyDecodeAgreesWithCodec(payload, body, tag, u)).map((u) => `${tag}: ${JSON.stringify(u)}`);
    });
    expect(disagreements).toEqual([]);
  });

  it('derives acceptors only for the kinds it knows; any other codec always takes the codec path', () => {
    expect(acceptorOf(t.union([t.string, t.number]))('a')).toBe(false);
    expect(acceptorOf(t.brand(t.number, (n): n is t.Branded<number, { readonly Positive: unique symbol }> => n > 0, 'Positive'))(1)).toBe(false);
    expect(acceptorOf(t.intersection([t.type({ a: Id }), t.union([t.type({ b: Id }), t.type({ c: Id })])]))({ a: 1, b: 2 })).toBe(false);
    expect(acceptorOf(t.intersection([t.type({ a: Id }), t.union([t.type({ b: Id }), t.type({ c: Id })])]))({ a: 1, b: 2, c: 3 })).toBe(false); // a union is no intersection
    expect(acceptorOf(t.exact(t.readonly(t.type({ a: Id }))))({ a: 1 })).toBe(false); // exact over a kind it does not derive
    expect(acceptorOf(t.exact(t.intersection([t.type({ a: Id }), t.partial({ b: t.string })])))({ a: 1, b: 'x' })).toBe(true);
    expect(acceptorOf(t.type({ a: Id }))({ a: 1, extra: true })).toBe(true); // not exact: io-ts keeps the extra field
    expect(acceptorOf(t.exact(t.type({ a: Id })))({ a: 1, extra: true })).toBe(false); // exact: io-ts drops it
    expect(acceptorOf(t.exact(t.partial({ a: Id })))({ a: undefined })).toBe(true); // t.partial keeps an undefined field
    expect(acceptorOf(t.array(Id))([1, , 2])).toBe(false); // a hole reads as undefined, which Id refuses
    const numberFromString = new t.Type<number, string, unknown>('NumberFromString', (u): u is number => typeof u === 'number', (u, c) => (typeof u === 'string' ? t.success(Number(u)) : t.failure(u, c)), String);
    const decode = fastDecoder(t.exact(t.type({ n: numberFromString })));
    // a plain t.Type is judged by its own `is`: a string is not a number, so io-ts decodes (and converts) it
    expect(decode({ n: '2' })).toEqual(t.success({ n: 2 }));
  });
});
