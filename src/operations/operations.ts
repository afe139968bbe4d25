/**
 * The operation table of SPEC §5, as data: one row per (method, path pattern). Each row says
 * what the operation is called, whether it accepts `?user=` (R-OBO-1), what it requires
 * (R-REQ-4, a `Requirement` expression), which path parameter names the entity the request
 * is about (R-REQ-3), whether it takes a body (R-REQ-5) and which rules its requirement cites.
 *
 * Path patterns are under `/api` and use three kinds of segment:
 * - a literal (`datasources`), matched case-sensitively;
 * - a parameter `{name}`: an integer id, except `{schema}` and `{table}` which are strings;
 * - `**`, only as the last segment: zero or more further segments of any shape. It marks the
 *   operations that SPEC §5 names by a prefix (Limits, CorsWhitelist, TenantIpWhitelist,
 *   UserIpWhitelist, SystemAdministration).
 *
 * INVARIANT (one row per route): no two rows share a method and a path pattern, even up to
 * parameter names, so routing never depends on row order. An operation that SPEC §5 gives
 * several paths or "any method" has several rows with the same `name`.
 *
 * Body-dependent checks (R-REQ-6: grant ceilings, ACC of recipients or of tenants named in a
 * body, R-ADM-6) are not part of a row's `requirement`; the row's `rules` still cites them.
 */
import type { RuleId } from '../catalog/ruleIds.js';
import { bodies, type BodyCodec } from '../codec/payloads.js';
import { ACC, D, P, administratorOnly, all, any, owner, type Requirement } from './requirement.js';

/** The HTTP methods of the management API. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Every HTTP method of the management API, in a fixed order. */
export const httpMethods: ReadonlyArray<HttpMethod> = ['GET', 'POST', 'PUT', 'DELETE'];

/** The area of the API an operation belongs to. */
export type OperationFamily = 'dataSource' | 'group' | 'share' | 'permissions' | 'user' | 'oauth' | 'admin';

/** Whether `?user=` is accepted (`yes`), refused (`no`) or required (`only`) (R-OBO-1). */
export type OnBehalfOfMode = 'yes' | 'no' | 'only';

/** Whether the request carries a body: never, always, or possibly. */
export type BodyMode = 'none' | 'required' | 'optional';

/** Which path parameter names the entity a request is about (R-REQ-3), or none. */
export type TargetKind =
  | { readonly _tag: 'DataSource'; readonly param: string }
  | { readonly _tag: 'User'; readonly param: string }
  | { readonly _tag: 'Role'; readonly param: string }
  | { readonly _tag: 'Tenant'; readonly param: string }
  | { readonly _tag: 'OAuthApp'; readonly param: string }
  | { readonly _tag: 'OAuthProfile'; readonly param: string }
  | { readonly _tag: 'Permission'; readonly param: string } // a catalog entry
  | { readonly _tag: 'None' };

/** Every operation name of SPEC §5, in table order (`Unknown` is not one: it is the absence of a route). */
export const operationNames = [
  // data sources
  'ListDataSources', 'CreateDataSource', 'GetDataSource', 'UpdateDataSource', 'DeleteDataSource',
  'GetDataSourceLogs', 'TestConnection', 'RefreshMapping', 'RefreshODataModel', 'GetODataModelStatus',
  'ListSchemas', 'ListTables', 'GetTable', 'ListColumns', 'ListPrimaryKeys',
  'GetDataSourcePermissions', 'UpdateDataSourcePermissions',
  'ListMembers', 'AddMembers', 'ReplaceMembers', 'RemoveMember',
  'ListSharedUsers', 'ShareWithUsers', 'UnshareAllUsers', 'GetSharedUser', 'UpdateSharedUser', 'UnshareUser',
  'ListSharedTenants', 'ShareWithTenants', 'UnshareAllTenants', 'GetSharedTenant', 'UpdateSharedTenant', 'UnshareTenant',
  // other management operations
  'GetUserPermissions', 'GetUserDetails',
  'ListOAuthApps', 'CreateOAuthApp', 'GetOAuthApp', 'UpdateOAuthApp', 'DeleteOAuthApp',
  'ListOAuthProfiles', 'CreateOAuthProfile', 'GetOAuthProfile', 'UpdateOAuthProfile', 'DeleteOAuthProfile',
  'GetOAuthProfileStats',
  // administration
  'ListCatalog',
  'ListUsers', 'CreateUser',
  'GetUser', 'GetUserAdminPermissions', 'GetUserStatusInfo', 'GetUserPasswordInfo', 'GetUserAuthInfo',
  'GetTenantsAdministered', 'GetUserDataSources',
  'UpdateUser', 'UpdateUserAdminPermissions', 'UpdateUserStatusInfo', 'UpdateUserPasswordInfo', 'UpdateUserAuthInfo',
  'UpdateTenantsAdministered', 'DeleteUser',
  'ListRoles', 'GetRole', 'CreateRole', 'UpdateRole', 'DeleteRole',
  'ListTenants', 'CreateTenant', 'GetTenant', 'UpdateTenant', 'DeleteTenant', 'GetTenantAdmins', 'UpdateTenantAdmins',
  'ChangeOwnPassword', 'Limits', 'CorsWhitelist', 'TenantIpWhitelist', 'UserIpWhitelist', 'SystemAdministration',
] as const;

/** The name of an operation of SPEC §5. */
export type OperationName = (typeof operationNames)[number];

/** One row of the operation table. */
export interface OperationSpec {
  readonly name: OperationName;
  readonly method: HttpMethod;
  /** The path pattern under `/api`, e.g. `/mgmt/datasources/{id}/sharedUsers/{uid}`. */
  readonly path: string;
  readonly family: OperationFamily;
  readonly obo: OnBehalfOfMode;
  readonly requirement: Requirement;
  readonly target: TargetKind;
  readonly body: BodyMode;
  /** R-REQ-5: how the engine reads the body (every row whose body is required); absent when the body is ignored. */
  readonly payload?: BodyCodec;
  /** The rule ids the row's requirement cites. */
  readonly rules: ReadonlyArray<RuleId>;
  /** R-REQ-7: the status of an allowed request (201 creates, 204 deletes, 200 otherwise). */
  readonly success: SuccessStatus;
  /** R-OBO-3: under on-behalf-of the subject must own the target data source (writes); reads need only reach it. */
  readonly ownerUnderOnBehalfOf: boolean;
}

/** The statuses of allowed requests (R-REQ-7). */
export type SuccessStatus = 200 | 201 | 204;

const noTarget: TargetKind = { _tag: 'None' };
const dataSource = (param: string): TargetKind => ({ _tag: 'DataSource', param });
const user = (param: string): TargetKind => ({ _tag: 'User', param });
const role = (param: string): TargetKind => ({ _tag: 'Role', param });
const tenant = (param: string): TargetKind => ({ _tag: 'Tenant', param });

const targetUserTenant = ACC({ _tag: 'TargetUserTenant' });
const targetRoleTenant = ACC({ _tag: 'TargetRoleTenant' });
const targetTenant = ACC({ _tag: 'TargetTenant' });

/** A row that SPEC §5 names by prefix and for every method: one row per method; writes may carry a body. */
const everyMethod = (row: Omit<OperationSpec, 'method' | 'body' | 'success' | 'ownerUnderOnBehalfOf'>): ReadonlyArray<OperationSpec> =>
  httpMethods.map((method) => ({ ...row, method, body: method === 'GET' || method === 'DELETE' ? 'none' : 'optional', success: method === 'DELETE' ? 204 : 200, ownerUnderOnBehalfOf: false }));

// The data-source requirements that many rows share.
const read = all(P(11), D(2));
const modify = all(P(11), D(3));
const ownerRead = all(P(11), D(2), owner); // share reads: only the owner lists shares (R-SHR-10)
const share = all(owner, P(11), D(3)); // R-SHR-7 (and R-SHR-8 for tenants)
const unshare = all(owner, P(11), D(4)); // R-SHR-9
const members = all(owner, P(11), D(3)); // R-GRP-5

// Metadata (Schema API) paths: `/schemas/{schema}/tables…`, and `/-/tables…` for data stores without schemas.
const metadataPrefixes: ReadonlyArray<string> = ['/mgmt/datasources/{id}/schemas/{schema}', '/mgmt/datasources/{id}/-'];
const metadataRead = (name: OperationName, suffix: string): ReadonlyArray<OperationSpec> =>
  metadataPrefixes.map((prefix) => ({
    name, method: 'GET', path: `${prefix}${suffix}`, family: 'dataSource', obo: 'yes',
    requirement: read, target: dataSource('id'), body: 'none', rules: [], success: 200, ownerUnderOnBehalfOf: false,
  }));

const dataSourceRows: ReadonlyArray<OperationSpec> = [
  { name: 'ListDataSources', method: 'GET', path: '/mgmt/datasources', family: 'dataSource', obo: 'yes', requirement: all(P(11), P(2)), target: noTarget, body: 'none', rules: [], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'CreateDataSource', method: 'POST', path: '/mgmt/datasources', family: 'dataSource', obo: 'yes', requirement: all(P(11), P(1)), target: noTarget, body: 'required', payload: bodies.dataSourceCreate, rules: ['R-PAY-1'], success: 201, ownerUnderOnBehalfOf: false },
  { name: 'GetDataSource', method: 'GET', path: '/mgmt/datasources/{id}', family: 'dataSource', obo: 'yes', requirement: read, target: dataSource('id'), body: 'none', rules: [], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'UpdateDataSource', method: 'PUT', path: '/mgmt/datasources/{id}', family: 'dataSource', obo: 'yes', requirement: modify, target: dataSource('id'), body: 'required', payload: bodies.dataSourceUpdate, rules: ['R-PAY-1'], success: 200, ownerUnderOnBehalfOf: true },
  { name: 'DeleteDataSource', method: 'DELETE', path: '/mgmt/datasources/{id}', family: 'dataSource', obo: 'yes', requirement: all(P(11), D(4)), target: dataSource('id'), body: 'none', rules: [], success: 204, ownerUnderOnBehalfOf: true },
  { name: 'GetDataSourceLogs', method: 'GET', path: '/mgmt/datasources/{id}/logs', family: 'dataSource', obo: 'yes', requirement: read, target: dataSource('id'), body: 'none', rules: [], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'TestConnection', method: 'POST', path: '/mgmt/datasources/{id}/test', family: 'dataSource', obo: 'yes', requirement: all(P(11), D(2), any(D(5), D(6), D(7))), target: dataSource('id'), body: 'optional', rules: [], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'RefreshMapping', method: 'POST', path: '/mgmt/datasources/{id}/map', family: 'dataSource', obo: 'yes', requirement: modify, target: dataSource('id'), body: 'optional', rules: [], success: 200, ownerUnderOnBehalfOf: true },
  { name: 'RefreshODataModel', method: 'POST', path: '/mgmt/datasources/{id}/model', family: 'dataSource', obo: 'yes', requirement: modify, target: dataSource('id'), body: 'optional', rules: [], success: 200, ownerUnderOnBehalfOf: true },
  { name: 'GetODataModelStatus', method: 'GET', path: '/mgmt/datasources/{id}/model', family: 'dataSource', obo: 'yes', requirement: read, target: dataSource('id'), body: 'none', rules: [], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'ListSchemas', method: 'GET', path: '/mgmt/datasources/{id}/schemas', family: 'dataSource', obo: 'yes', requirement: read, target: dataSource('id'), body: 'none', rules: [], success: 200, ownerUnderOnBehalfOf: false },
  ...metadataRead('ListTables', '/tables'),
  ...metadataRead('GetTable', '/tables/{table}'),
  ...metadataRead('ListColumns', '/tables/{table}/columns'),
  ...metadataRead('ListPrimaryKeys', '/tables/{table}/primarykeys'),
  { name: 'GetDataSourcePermissions', method: 'GET', path: '/mgmt/datasources/{id}/permissions', family: 'permissions', obo: 'yes', requirement: read, target: dataSource('id'), body: 'none', rules: [], success: 200, ownerUnderOnBehalfOf: false },
  // R-PAY-1, R-OBO-3: on-behalf-of only; P(3) of the actor. That the `?user` named owns the data
  // source is a payload rule (R-PAY-1, 400), checked after the requirement
  { name: 'UpdateDataSourcePermissions', method: 'PUT', path: '/mgmt/datasources/{id}/permissions', family: 'permissions', obo: 'only', requirement: P(3), target: dataSource('id'), body: 'required', payload: bodies.dataSourcePermissions, rules: ['R-PAY-1', 'R-OBO-3'], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'ListMembers', method: 'GET', path: '/mgmt/datasources/{gid}/members', family: 'group', obo: 'yes', requirement: read, target: dataSource('gid'), body: 'none', rules: [], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'AddMembers', method: 'POST', path: '/mgmt/datasources/{gid}/members', family: 'group', obo: 'yes', requirement: members, target: dataSource('gid'), body: 'required', payload: bodies.members, rules: ['R-GRP-5'], success: 201, ownerUnderOnBehalfOf: false },
  { name: 'ReplaceMembers', method: 'PUT', path: '/mgmt/datasources/{gid}/members', family: 'group', obo: 'yes', requirement: members, target: dataSource('gid'), body: 'required', payload: bodies.members, rules: ['R-GRP-5'], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'RemoveMember', method: 'DELETE', path: '/mgmt/datasources/{gid}/members/{mid}', family: 'group', obo: 'yes', requirement: members, target: dataSource('gid'), body: 'none', rules: ['R-GRP-5'], success: 204, ownerUnderOnBehalfOf: false },
  { name: 'ListSharedUsers', method: 'GET', path: '/mgmt/datasources/{id}/sharedUsers', family: 'share', obo: 'yes', requirement: ownerRead, target: dataSource('id'), body: 'none', rules: ['R-SHR-10'], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'ShareWithUsers', method: 'POST', path: '/mgmt/datasources/{id}/sharedUsers', family: 'share', obo: 'yes', requirement: share, target: dataSource('id'), body: 'required', payload: bodies.userShares, rules: ['R-SHR-7'], success: 201, ownerUnderOnBehalfOf: false },
  { name: 'UnshareAllUsers', method: 'DELETE', path: '/mgmt/datasources/{id}/sharedUsers', family: 'share', obo: 'yes', requirement: unshare, target: dataSource('id'), body: 'none', rules: ['R-SHR-9'], success: 204, ownerUnderOnBehalfOf: false },
  { name: 'GetSharedUser', method: 'GET', path: '/mgmt/datasources/{id}/sharedUsers/{uid}', family: 'share', obo: 'yes', requirement: ownerRead, target: dataSource('id'), body: 'none', rules: ['R-SHR-10'], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'UpdateSharedUser', method: 'PUT', path: '/mgmt/datasources/{id}/sharedUsers/{uid}', family: 'share', obo: 'yes', requirement: share, target: dataSource('id'), body: 'required', payload: bodies.userSharePermissions, rules: ['R-SHR-7'], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'UnshareUser', method: 'DELETE', path: '/mgmt/datasources/{id}/sharedUsers/{uid}', family: 'share', obo: 'yes', requirement: unshare, target: dataSource('id'), body: 'none', rules: ['R-SHR-9'], success: 204, ownerUnderOnBehalfOf: false },
  { name: 'ListSharedTenants', method: 'GET', path: '/mgmt/datasources/{id}/sharedTenants', family: 'share', obo: 'yes', requirement: ownerRead, target: dataSource('id'), body: 'none', rules: ['R-SHR-10'], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'ShareWithTenants', method: 'POST', path: '/mgmt/datasources/{id}/sharedTenants', family: 'share', obo: 'yes', requirement: share, target: dataSource('id'), body: 'required', payload: bodies.tenantShares, rules: ['R-SHR-8'], success: 201, ownerUnderOnBehalfOf: false },
  { name: 'UnshareAllTenants', method: 'DELETE', path: '/mgmt/datasources/{id}/sharedTenants', family: 'share', obo: 'yes', requirement: unshare, target: dataSource('id'), body: 'none', rules: ['R-SHR-9'], success: 204, ownerUnderOnBehalfOf: false },
  { name: 'GetSharedTenant', method: 'GET', path: '/mgmt/datasources/{id}/sharedTenants/{tid}', family: 'share', obo: 'yes', requirement: ownerRead, target: dataSource('id'), body: 'none', rules: ['R-SHR-10'], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'UpdateSharedTenant', method: 'PUT', path: '/mgmt/datasources/{id}/sharedTenants/{tid}', family: 'share', obo: 'yes', requirement: share, target: dataSource('id'), body: 'required', payload: bodies.tenantSharePermissions, rules: ['R-SHR-8'], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'UnshareTenant', method: 'DELETE', path: '/mgmt/datasources/{id}/sharedTenants/{tid}', family: 'share', obo: 'yes', requirement: unshare, target: dataSource('id'), body: 'none', rules: ['R-SHR-9'], success: 204, ownerUnderOnBehalfOf: false },
];

const oauthApps = all(P(11), P(28)); // R-OAA-1; the tenant scope is checked on the app, not here
const oauthApp: TargetKind = { _tag: 'OAuthApp', param: 'id' };
const oauthProfile: TargetKind = { _tag: 'OAuthProfile', param: 'id' };

const otherManagementRows: ReadonlyArray<OperationSpec> = [
  { name: 'GetUserPermissions', method: 'GET', path: '/mgmt/permissions', family: 'permissions', obo: 'yes', requirement: P(11), target: noTarget, body: 'none', rules: [], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'GetUserDetails', method: 'GET', path: '/mgmt/user', family: 'user', obo: 'yes', requirement: P(11), target: noTarget, body: 'none', rules: [], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'ListOAuthApps', method: 'GET', path: '/mgmt/oauthapps', family: 'oauth', obo: 'yes', requirement: oauthApps, target: noTarget, body: 'none', rules: ['R-OAA-1'], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'CreateOAuthApp', method: 'POST', path: '/mgmt/oauthapps', family: 'oauth', obo: 'yes', requirement: oauthApps, target: noTarget, body: 'required', payload: bodies.oauthAppCreate, rules: ['R-OAA-1'], success: 201, ownerUnderOnBehalfOf: false },
  { name: 'GetOAuthApp', method: 'GET', path: '/mgmt/oauthapps/{id}', family: 'oauth', obo: 'yes', requirement: oauthApps, target: oauthApp, body: 'none', rules: ['R-OAA-1'], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'UpdateOAuthApp', method: 'PUT', path: '/mgmt/oauthapps/{id}', family: 'oauth', obo: 'yes', requirement: oauthApps, target: oauthApp, body: 'required', payload: bodies.oauthAppUpdate, rules: ['R-OAA-1'], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'DeleteOAuthApp', method: 'DELETE', path: '/mgmt/oauthapps/{id}', family: 'oauth', obo: 'yes', requirement: oauthApps, target: oauthApp, body: 'none', rules: ['R-OAA-1'], success: 204, ownerUnderOnBehalfOf: false },
  // R-OAP-1: profiles are owned like data sources; ownership and the app's usability are checked on the profile, not here
  { name: 'ListOAuthProfiles', method: 'GET', path: '/mgmt/oauthprofiles', family: 'oauth', obo: 'yes', requirement: all(P(11), P(2)), target: noTarget, body: 'none', rules: ['R-OAP-1'], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'CreateOAuthProfile', method: 'POST', path: '/mgmt/oauthprofiles', family: 'oauth', obo: 'yes', requirement: all(P(11), P(1)), target: noTarget, body: 'required', payload: bodies.oauthProfileCreate, rules: ['R-OAP-1'], success: 201, ownerUnderOnBehalfOf: false },
  { name: 'GetOAuthProfile', method: 'GET', path: '/mgmt/oauthprofiles/{id}', family: 'oauth', obo: 'yes', requirement: all(P(11), P(2)), target: oauthProfile, body: 'none', rules: ['R-OAP-1'], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'UpdateOAuthProfile', method: 'PUT', path: '/mgmt/oauthprofiles/{id}', family: 'oauth', obo: 'yes', requirement: all(P(11), P(3)), target: oauthProfile, body: 'required', payload: bodies.oauthProfileUpdate, rules: ['R-OAP-1'], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'DeleteOAuthProfile', method: 'DELETE', path: '/mgmt/oauthprofiles/{id}', family: 'oauth', obo: 'yes', requirement: all(P(11), P(4)), target: oauthProfile, body: 'none', rules: ['R-OAP-1'], success: 204, ownerUnderOnBehalfOf: false },
  { name: 'GetOAuthProfileStats', method: 'GET', path: '/mgmt/oauthprofiles/{id}/stats', family: 'oauth', obo: 'yes', requirement: all(P(11), P(2)), target: oauthProfile, body: 'none', rules: ['R-OAP-1'], success: 200, ownerUnderOnBehalfOf: false },
];

// R-ADM-2: an administrative operation on a user, role or tenant needs its permission and ACC of the target's tenant.
const viewUser = all(P(14), targetUserTenant);
const modifyUser = all(P(15), targetUserTenant);
const userRead = (name: OperationName, suffix: string): OperationSpec => ({
  name, method: 'GET', path: `/admin/users/{id}${suffix}`, family: 'admin', obo: 'no',
  requirement: viewUser, target: user('id'), body: 'none', rules: ['R-ADM-2'], success: 200, ownerUnderOnBehalfOf: false,
});
const userWrite = (name: OperationName, suffix: string, payload: BodyCodec): OperationSpec => ({
  name, method: 'PUT', path: `/admin/users/{id}${suffix}`, family: 'admin', obo: 'no',
  requirement: modifyUser, target: user('id'), body: 'required', payload, rules: ['R-ADM-2', 'R-ADM-6', 'R-ADM-7'], success: 200, ownerUnderOnBehalfOf: false,
});
const tenantAdmin = all(P(25), targetTenant);

const administrationRows: ReadonlyArray<OperationSpec> = [
  { name: 'ListCatalog', method: 'GET', path: '/admin/permissions', family: 'admin', obo: 'no', requirement: P(11), target: noTarget, body: 'none', rules: [], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'ListCatalog', method: 'GET', path: '/admin/permissions/{id}', family: 'admin', obo: 'no', requirement: P(11), target: { _tag: 'Permission', param: 'id' }, body: 'none', rules: [], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'ListUsers', method: 'GET', path: '/admin/users', family: 'admin', obo: 'no', requirement: P(14), target: noTarget, body: 'none', rules: ['R-ADM-2'], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'CreateUser', method: 'POST', path: '/admin/users', family: 'admin', obo: 'no', requirement: P(13), target: noTarget, body: 'required', payload: bodies.userCreate, rules: ['R-ADM-2', 'R-ADM-6'], success: 201, ownerUnderOnBehalfOf: false },
  userRead('GetUser', ''),
  userRead('GetUserAdminPermissions', '/permissions'),
  userRead('GetUserStatusInfo', '/statusinfo'),
  userRead('GetUserPasswordInfo', '/passwordinfo'),
  userRead('GetUserAuthInfo', '/authinfo'),
  userRead('GetTenantsAdministered', '/tenantsadministered'),
  userRead('GetUserDataSources', '/datasources'),
  userWrite('UpdateUser', '', bodies.userUpdate),
  userWrite('UpdateUserAdminPermissions', '/permissions', bodies.userPermissions),
  userWrite('UpdateUserStatusInfo', '/statusinfo', bodies.userStatus),
  userWrite('UpdateUserPasswordInfo', '/passwordinfo', bodies.userPasswordInfo),
  userWrite('UpdateUserAuthInfo', '/authinfo', bodies.userAuthInfo),
  { name: 'UpdateTenantsAdministered', method: 'PUT', path: '/admin/users/{id}/tenantsadministered', family: 'admin', obo: 'no', requirement: modifyUser, target: user('id'), body: 'required', payload: bodies.tenantsAdministered, rules: ['R-ADM-2', 'R-ADM-5', 'R-ADM-7'], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'DeleteUser', method: 'DELETE', path: '/admin/users/{id}', family: 'admin', obo: 'no', requirement: all(P(16), targetUserTenant), target: user('id'), body: 'none', rules: ['R-ADM-2'], success: 204, ownerUnderOnBehalfOf: false },
  { name: 'ListRoles', method: 'GET', path: '/admin/roles', family: 'admin', obo: 'no', requirement: P(18), target: noTarget, body: 'none', rules: ['R-ADM-2'], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'GetRole', method: 'GET', path: '/admin/roles/{id}', family: 'admin', obo: 'no', requirement: all(P(18), targetRoleTenant), target: role('id'), body: 'none', rules: ['R-ADM-2'], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'CreateRole', method: 'POST', path: '/admin/roles', family: 'admin', obo: 'no', requirement: P(17), target: noTarget, body: 'required', payload: bodies.roleCreate, rules: ['R-ADM-2', 'R-ADM-6'], success: 201, ownerUnderOnBehalfOf: false },
  { name: 'UpdateRole', method: 'PUT', path: '/admin/roles/{id}', family: 'admin', obo: 'no', requirement: all(P(19), targetRoleTenant), target: role('id'), body: 'required', payload: bodies.roleUpdate, rules: ['R-ADM-2', 'R-ADM-6', 'R-ROL-1'], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'DeleteRole', method: 'DELETE', path: '/admin/roles/{id}', family: 'admin', obo: 'no', requirement: all(P(20), targetRoleTenant), target: role('id'), body: 'none', rules: ['R-ADM-2', 'R-ROL-1'], success: 204, ownerUnderOnBehalfOf: false },
  { name: 'ListTenants', method: 'GET', path: '/admin/tenants', family: 'admin', obo: 'no', requirement: P(25), target: noTarget, body: 'none', rules: ['R-ADM-2'], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'CreateTenant', method: 'POST', path: '/admin/tenants', family: 'admin', obo: 'no', requirement: P(25), target: noTarget, body: 'required', payload: bodies.tenantCreate, rules: ['R-ADM-4'], success: 201, ownerUnderOnBehalfOf: false },
  { name: 'GetTenant', method: 'GET', path: '/admin/tenants/{id}', family: 'admin', obo: 'no', requirement: tenantAdmin, target: tenant('id'), body: 'none', rules: ['R-ADM-2'], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'UpdateTenant', method: 'PUT', path: '/admin/tenants/{id}', family: 'admin', obo: 'no', requirement: tenantAdmin, target: tenant('id'), body: 'required', payload: bodies.tenantUpdate, rules: ['R-ADM-2'], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'DeleteTenant', method: 'DELETE', path: '/admin/tenants/{id}', family: 'admin', obo: 'no', requirement: tenantAdmin, target: tenant('id'), body: 'none', rules: ['R-ADM-2'], success: 204, ownerUnderOnBehalfOf: false },
  { name: 'GetTenantAdmins', method: 'GET', path: '/admin/tenants/{id}/admins', family: 'admin', obo: 'no', requirement: tenantAdmin, target: tenant('id'), body: 'none', rules: ['R-ADM-2', 'R-ADM-5'], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'UpdateTenantAdmins', method: 'PUT', path: '/admin/tenants/{id}/admins', family: 'admin', obo: 'no', requirement: tenantAdmin, target: tenant('id'), body: 'required', payload: bodies.tenantAdmins, rules: ['R-ADM-2', 'R-ADM-5'], success: 200, ownerUnderOnBehalfOf: false },
  { name: 'ChangeOwnPassword', method: 'PUT', path: '/admin/userdetails/changePassword', family: 'admin', obo: 'no', requirement: P(9), target: noTarget, body: 'required', payload: bodies.passwordChange, rules: [], success: 200, ownerUnderOnBehalfOf: false },
  // Limits: system limits and the lists over all tenants or users need P(27); tenant limits also ACC(tenant);
  // user and data-source limits (`/users/{id}/datasources/{ds}/…`) also ACC(user's tenant).
  ...everyMethod({ name: 'Limits', path: '/admin/limits/**', family: 'admin', obo: 'no', requirement: P(27), target: noTarget, rules: [] }),
  ...everyMethod({ name: 'Limits', path: '/admin/limits/tenants/{id}/**', family: 'admin', obo: 'no', requirement: all(P(27), targetTenant), target: tenant('id'), rules: ['R-ADM-2'] }),
  ...everyMethod({ name: 'Limits', path: '/admin/limits/users/{id}/**', family: 'admin', obo: 'no', requirement: all(P(27), targetUserTenant), target: user('id'), rules: ['R-ADM-2'] }),
  ...everyMethod({ name: 'CorsWhitelist', path: '/admin/security/cors/whitelist/**', family: 'admin', obo: 'no', requirement: all(P(23), ACC({ _tag: 'SystemTenant' })), target: noTarget, rules: ['R-ADM-2'] }),
  ...everyMethod({ name: 'TenantIpWhitelist', path: '/admin/security/whitelist/tenants/{id}/**', family: 'admin', obo: 'no', requirement: all(P(11), P(29), targetTenant), target: tenant('id'), rules: ['R-ADM-2'] }),
  ...everyMethod({ name: 'UserIpWhitelist', path: '/mgmt/security/whitelist/user/**', family: 'admin', obo: 'yes', requirement: all(P(11), P(29)), target: noTarget, rules: [] }),
  ...everyMethod({ name: 'SystemAdministration', path: '/admin/security/whitelist/system/**', family: 'admin', obo: 'no', requirement: administratorOnly, target: noTarget, rules: ['R-ADM-1'] }),
  ...everyMethod({ name: 'SystemAdministration', path: '/admin/system/nodes/**', family: 'admin', obo: 'no', requirement: administratorOnly, target: noTarget, rules: ['R-ADM-1'] }),
  ...everyMethod({ name: 'SystemAdministration', path: '/admin/configurations/**', family: 'admin', obo: 'no', requirement: administratorOnly, target: noTarget, rules: ['R-ADM-1'] }),
];

/** The operation table of SPEC §5: every (method, path pattern) the engine routes, in table order. */
export const operations: ReadonlyArray<OperationSpec> = [...dataSourceRows, ...otherManagementRows, ...administrationRows];

/** Path parameters whose values are strings (names), not integer ids. */
export const stringPathParams: ReadonlySet<string> = new Set(['schema', 'table']);
