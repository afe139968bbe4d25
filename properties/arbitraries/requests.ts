/**
 * Arbitraries for HTTP requests to the management API (SPEC §4, §5) over generated snapshots,
 * and the snapshot edits the request-level laws need (R-OBO-2, R-ADM-1, R-EFF-3, R-DSP-3).
 *
 * A request is built from a blueprint of plain choices (indices taken modulo the candidates,
 * like `snapshot.ts`), so that it is valid by construction and shrinks well:
 * - the operation row comes from the operation table `operations`; its path parameters are
 *   filled with ids of the snapshot's data sources (those the subject owns twice as likely),
 *   users, roles, tenants, OAuth objects or catalog entries, and now and then with an id that
 *   does not exist (`ABSENT_ID`); `{schema}`/`{table}` get names (one needs percent-encoding),
 *   and a `**` tail gets zero to two segments that never select another row;
 * - the actor is one of the snapshot's users, by name or by `{id}`;
 * - `?user=` is absent, another user, the actor itself, or an unknown name;
 * - the body is plausible for the operation (ids of the snapshot, legal permission sets), or
 *   absent, `{}`, or junk now and then;
 * - the request is written as `path` + `query` or as a `url`.
 *
 * INVARIANT (routable): every generated request routes to exactly the row it was built from
 * (the `**` tails use segments that no literal of the table starts with), and every path id is
 * an integer, so R-REQ-1 passes and the laws can talk about the later steps.
 *
 * INVARIANT (valid edits): every edit below returns a snapshot that passes every load-time
 * check of SPEC §2 when given one that does (R-SNAP-5 roles of the own tenant, R-SNAP-6 and
 * R-ADM-5 administrative access with `admins` lists kept in agreement, R-SNAP-8 shares).
 */
import fc from 'fast-check';
import type { HttpRequestJson, UseRequest } from '../../src/codec/request.js';
import type { DataSourceJson, OAuthAppJson, OAuthProfileJson, RoleJson, SnapshotJson, TenantJson, UserJson } from '../../src/codec/snapshot.js';
import type { Json } from '../../src/decide/decision.js';
import { operations, type OperationName, type OperationSpec } from '../../src/operations/operations.js';
import { catalogIdsOf } from './edits.js';
import { naiveReaches, unionOfGrants } from '../reference/naive.js';
import { channelArb } from './question.js';
import { ADMINISTRATOR, SETTABLE_IDS, SHARE_IDS, SYSTEM_TENANT, predefinedRolePermissions, snapshotJsonArb } from './snapshot.js';

/** An id that no generated entity has (generated ids are below 20). */
export const ABSENT_ID = 99;

/** The name used for an on-behalf-of target that does not exist. */
export const UNKNOWN_USER_NAME = 'nobody';

/** Segments for a `**` tail: none is a literal that follows a `**` prefix in the table, so the row stays the same. */
const TAIL_SEGMENTS: ReadonlyArray<string> = ['settings', 'x1', '7'];

/** Names for `{schema}` and `{table}`; the last one needs percent-encoding. */
const NAMES: ReadonlyArray<string> = ['PUBLIC', 'orders', 'my table'];

// ---- blueprints ------------------------------------------------------------------------------

/** One path id: an index into the candidates, or an id that does not exist. */
export interface IdChoice {
  readonly absent: boolean;
  readonly index: number;
}

/** How `?user=` is set (R-OBO-1). */
export type OboChoice =
  | { readonly _tag: 'none' }
  | { readonly _tag: 'user'; readonly index: number }
  | { readonly _tag: 'self' }
  | { readonly _tag: 'unknown' };

/** The body of a request: plausible for the operation, absent, `{}`, or junk. */
export interface BodyBlueprint {
  readonly kind: 'plausible' | 'absent' | 'empty' | 'junk';
  readonly picks: ReadonlyArray<number>;
  readonly permissions: ReadonlyArray<number>;
  readonly flag: boolean;
}

/** Every choice of one request except the operation row and the `?user=` choice. */
export interface RequestBlueprint {
  readonly actor: number;
  readonly actorByName: boolean;
  readonly ids: ReadonlyArray<IdChoice>;
  readonly tail: ReadonlyArray<number>;
  readonly names: ReadonlyArray<number>;
  readonly body: BodyBlueprint;
  readonly viaUrl: boolean;
}

/** A path id: mostly existing, now and then absent. */
export const idChoiceArb: fc.Arbitrary<IdChoice> = fc.record({
  absent: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, { arbitrary: fc.constant(true), weight: 1 }),
  index: fc.nat(63),
});

/** A `?user=` choice: mostly absent or another user. */
export const oboChoiceArb: fc.Arbitrary<OboChoice> = fc.oneof(
  { arbitrary: fc.constant<OboChoice>({ _tag: 'none' }), weight: 5 },
  { arbitrary: fc.nat(63).map((index): OboChoice => ({ _tag: 'user', index })), weight: 4 },
  { arbitrary: fc.constant<OboChoice>({ _tag: 'self' }), weight: 1 },
  { arbitrary: fc.constant<OboChoice>({ _tag: 'unknown' }), weight: 1 },
);

/** A body blueprint: mostly plausible. */
export const bodyBlueprintArb: fc.Arbitrary<BodyBlueprint> = fc.record({
  kind: fc.oneof(
    { arbitrary: fc.constant<BodyBlueprint['kind']>('plausible'), weight: 12 },
    { arbitrary: fc.constant<BodyBlueprint['kind']>('absent'), weight: 1 },
    { arbitrary: fc.constant<BodyBlueprint['kind']>('empty'), weight: 1 },
    { arbitrary: fc.constant<BodyBlueprint['kind']>('junk'), weight: 1 },
  ),
  picks: fc.array(fc.nat(63), { minLength: 1, maxLength: 3 }),
  permissions: fc.subarray([...Array.from({ length: 11 }, (_, i) => i + 1), 13, 14, 17, 21, 25, 28]),
  flag: fc.boolean(),
});

/** The choices of one request (everything but the row and `?user=`). */
export const requestBlueprintArb: fc.Arbitrary<RequestBlueprint> = fc.record({
  actor: fc.nat(63),
  actorByName: fc.boolean(),
  ids: fc.array(idChoiceArb, { minLength: 3, maxLength: 3 }),
  tail: fc.array(fc.nat(TAIL_SEGMENTS.length - 1), { maxLength: 2 }),
  names: fc.array(fc.nat(NAMES.length - 1), { minLength: 2, maxLength: 2 }),
  body: bodyBlueprintArb,
  viaUrl: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
});

// ---- looking things up in snapshot JSON -----------------------------------------------------

const pick = <T>(items: ReadonlyArray<T>, index: number): T | undefined => (items.length === 0 ? undefined : items[index % items.length]);

/** The users of a snapshot. */
export const usersOf = (json: SnapshotJson): ReadonlyArray<UserJson> => json.users ?? [];

/** The user with id `id`, if any. */
export const userById = (json: SnapshotJson, id: number): UserJson | undefined => usersOf(json).find((u) => u.id === id);

/** Every tenant id of a snapshot, the system tenant included (R-SNAP-3 adds it), ascending. */
export const tenantIdsOf = (json: SnapshotJson): ReadonlyArray<number> =>
  [...new Set([SYSTEM_TENANT, ...(json.tenants ?? []).map((t) => t.id)])].sort((a, b) => a - b);

/** Every role id of a snapshot, the predefined ones included (R-CAT-2 adds them), ascending. */
export const roleIdsOf = (json: SnapshotJson): ReadonlyArray<number> => [...new Set([1, 2, 3, ...(json.roles ?? []).map((r) => r.id)])].sort((a, b) => a - b);

/** The permissions of role `id` (R-CAT-2 for a predefined role the snapshot omits). */
export const rolePermissionsOf = (json: SnapshotJson, id: number): ReadonlyArray<number> =>
  (json.roles ?? []).find((r) => r.id === id)?.permissions ?? (id <= 3 ? predefinedRolePermissions(id, catalogIdsOf(json)) : []);

/** The tenant of role `id` (predefined roles live in the system tenant). */
const roleTenantOf = (json: SnapshotJson, id: number): number | undefined => (id <= 3 ? SYSTEM_TENANT : (json.roles ?? []).find((r) => r.id === id)?.tenantId);

/** R-EFF-1 on the JSON: the union of the user's roles' permissions and its explicit permissions, ascending. */
export const userPermissionsOf = (json: SnapshotJson, u: UserJson): ReadonlyArray<number> =>
  unionOfGrants(u.permissions.roles, u.permissions.permissions ?? [], (r) => rolePermissionsOf(json, r));

/** R-EFF-3 on the JSON: active and unlocked. */
export const isActiveUser = (u: UserJson): boolean => u.statusInfo?.status !== 0 && u.statusInfo?.accountLocked !== true;

const maxId = (ids: ReadonlyArray<number>): number => ids.reduce((m, x) => Math.max(m, x), 0);

// ---- building a request ----------------------------------------------------------------------

/** What a path parameter names. */
type ParamKind = 'dataSource' | 'user' | 'role' | 'tenant' | 'oauthApp' | 'oauthProfile' | 'permission' | 'name';

/** The kind of entity a path parameter of `row` names. */
export const paramKind = (row: OperationSpec, param: string): ParamKind => {
  if (param === 'schema' || param === 'table') return 'name';
  if (param === 'gid' || param === 'mid') return 'dataSource';
  if (param === 'uid') return 'user';
  if (param === 'tid') return 'tenant';
  switch (row.target._tag) {
    case 'DataSource':
      return 'dataSource';
    case 'User':
      return 'user';
    case 'Role':
      return 'role';
    case 'Tenant':
      return 'tenant';
    case 'OAuthApp':
      return 'oauthApp';
    case 'OAuthProfile':
      return 'oauthProfile';
    case 'Permission':
    case 'None':
      return 'permission';
  }
};

/** The ids a parameter may take; the subject's own data sources come twice, so they are picked more often. */
const candidatesFor = (json: SnapshotJson, kind: ParamKind, subjectId: number | undefined): ReadonlyArray<number> => {
  switch (kind) {
    case 'dataSource': {
      const all = (json.dataSources ?? []).map((d) => d.id);
      const own = (json.dataSources ?? []).filter((d) => d.owner === subjectId).map((d) => d.id);
      return [...own, ...own, ...all];
    }
    case 'user':
      return usersOf(json).map((u) => u.id);
    case 'role':
      return roleIdsOf(json);
    case 'tenant':
      return tenantIdsOf(json);
    case 'oauthApp':
      return (json.oauthApps ?? []).map((a) => a.id);
    case 'oauthProfile':
      return (json.oauthProfiles ?? []).map((p) => p.id);
    case 'permission':
      return catalogIdsOf(json);
    case 'name':
      return [];
  }
};

/** The path parameter names of a row, in order. */
export const paramsOf = (row: OperationSpec): ReadonlyArray<string> =>
  row.path.split('/').flatMap((segment) => (segment.startsWith('{') && segment.endsWith('}') ? [segment.slice(1, -1)] : []));

/** The path of `row` with every parameter filled by `value` (a `**` tail by `tail`), under `/api`. */
export const fillPath = (row: OperationSpec, value: (param: string, position: number) => string, tail: ReadonlyArray<string>): string => {
  let position = 0;
  const segments = row.path
    .split('/')
    .slice(1)
    .flatMap((segment) => {
      if (segment === '**') return [...tail];
      if (segment.startsWith('{') && segment.endsWith('}')) {
        const filled = value(segment.slice(1, -1), position);
        position += 1;
        return [filled];
      }
      return [segment];
    });
  return `/api/${segments.join('/')}`;
};

/** The integer ids of a request's path, by parameter name, as a blueprint resolves them. */
export type PathIds = Readonly<Record<string, number>>;

/** Resolves the path ids of `row` from the blueprint's choices (`overrides` win). */
export const resolvePathIds = (json: SnapshotJson, row: OperationSpec, ids: ReadonlyArray<IdChoice>, subjectId: number | undefined, overrides: PathIds = {}): PathIds => {
  const out: Record<string, number> = {};
  paramsOf(row).forEach((param, i) => {
    const kind = paramKind(row, param);
    if (kind === 'name') return;
    const forced = overrides[param];
    if (forced !== undefined) {
      out[param] = forced;
      return;
    }
    const choice = ids[i % Math.max(1, ids.length)] ?? { absent: false, index: 0 };
    out[param] = choice.absent ? ABSENT_ID : pick(candidatesFor(json, kind, subjectId), choice.index) ?? ABSENT_ID;
  });
  return out;
};

const permissionsIn = (ids: ReadonlyArray<number>, allowed: ReadonlyArray<number>): ReadonlyArray<number> => ids.filter((p) => allowed.includes(p));

/** A plausible body for operation `name` (SPEC §5 payloads), built from the snapshot's ids. */
export const plausibleBody = (json: SnapshotJson, name: OperationName, b: BodyBlueprint, subjectId: number | undefined, pathIds: PathIds): Json | undefined => {
  const at = (i: number): number => b.picks[i % b.picks.length] ?? 0;
  const users = usersOf(json);
  const dataSources = json.dataSources ?? [];
  const tenants = tenantIdsOf(json);
  const userId = (i: number): number => pick(users, at(i))?.id ?? ABSENT_ID;
  const tenantId = (i: number): number => pick(tenants, at(i)) ?? SYSTEM_TENANT;
  const dsPermissions: Json = [...permissionsIn(b.permissions, SETTABLE_IDS)];
  const sharePermissions: Json = [...permissionsIn(b.permissions, SHARE_IDS)];
  const ownMembers: Json = dataSources
    .filter((d) => d.owner === (subjectId ?? -1) && d.isGroup !== true)
    .filter((_, i) => i % 2 === at(0) % 2)
    .map((d) => ({ id: d.id }));
  const rolesOfTenant = (tid: number): ReadonlyArray<number> => roleIdsOf(json).filter((r) => roleTenantOf(json, r) === tid);
  const roleFor = (tid: number, i: number): Json => [pick(rolesOfTenant(tid), at(i)) ?? 2];
  const target = userById(json, pathIds['id'] ?? -1);
  switch (name) {
    case 'CreateDataSource':
      return b.flag ? { name: `new${at(0)}`, isGroup: true, members: ownMembers } : { name: `new${at(0)}`, ...(at(1) % 3 === 0 ? { permissions: dsPermissions } : {}) };
    case 'UpdateDataSource':
      return b.flag ? { name: `renamed${at(0)}` } : { name: `renamed${at(0)}`, permissions: dsPermissions };
    case 'UpdateDataSourcePermissions':
      return { permissions: dsPermissions };
    case 'AddMembers':
    case 'ReplaceMembers':
      return { members: ownMembers };
    case 'ShareWithUsers':
      return { sharedUsers: [{ userId: userId(0), permissions: sharePermissions }] };
    case 'UpdateSharedUser':
    case 'UpdateSharedTenant':
      return { permissions: sharePermissions };
    case 'ShareWithTenants':
      return { sharedTenants: [{ tenantId: tenantId(0), permissions: sharePermissions }] };
    case 'CreateUser': {
      const tid = tenantId(0);
      return { userName: `new${at(1)}`, tenantId: tid, permissions: { roles: roleFor(tid, 2), ...(b.flag ? { permissions: [...b.permissions] } : {}) } };
    }
    case 'UpdateUser':
      return b.flag ? { statusInfo: { status: 1, accountLocked: false } } : { permissions: { roles: roleFor(target?.tenantId ?? SYSTEM_TENANT, 0) } };
    case 'UpdateUserAdminPermissions':
      return b.flag ? { permissions: [...b.permissions] } : { roles: roleFor(target?.tenantId ?? SYSTEM_TENANT, 0) };
    case 'UpdateUserStatusInfo':
      return { status: b.flag ? 1 : 0, accountLocked: !b.flag };
    case 'UpdateUserPasswordInfo':
    case 'UpdateUserAuthInfo':
    case 'ChangeOwnPassword':
      return { password: `secret${at(0)}` };
    case 'UpdateTenantsAdministered':
      return { tenantsAdministered: [target?.tenantId ?? SYSTEM_TENANT] };
    case 'CreateRole':
      return { name: `role${at(0)}`, tenantId: tenantId(1), permissions: [...b.permissions] };
    case 'UpdateRole':
      return b.flag ? { name: `renamed${at(0)}` } : { permissions: [...b.permissions] };
    case 'CreateTenant':
      return { name: `tenant${at(0)}`, parentTenant: SYSTEM_TENANT };
    case 'UpdateTenant':
      return { name: `renamed${at(0)}` };
    case 'UpdateTenantAdmins':
      return { admins: b.flag ? [] : [userId(0)] };
    case 'CreateOAuthApp':
      return { name: `app${at(0)}`, tenantId: tenantId(1) };
    case 'UpdateOAuthApp':
    case 'UpdateOAuthProfile':
      return { name: `renamed${at(0)}` };
    case 'CreateOAuthProfile':
      return { name: `profile${at(0)}`, oauthAppId: pick(json.oauthApps ?? [], at(1))?.id ?? ABSENT_ID };
    case 'TestConnection':
    case 'RefreshMapping':
    case 'RefreshODataModel':
    case 'Limits':
    case 'CorsWhitelist':
    case 'TenantIpWhitelist':
    case 'UserIpWhitelist':
    case 'SystemAdministration':
      return b.flag ? { value: at(0) } : undefined;
    default:
      return undefined;
  }
};

/** The body a blueprint gives (none for operations that take none, unless junk is asked for). */
const bodyFor = (json: SnapshotJson, row: OperationSpec, b: BodyBlueprint, subjectId: number | undefined, pathIds: PathIds): Json | undefined => {
  switch (b.kind) {
    case 'absent':
      return undefined;
    case 'empty':
      return {};
    case 'junk':
      return b.flag ? [1, 'two', null] : { permissions: 'all', sharedUsers: 7 };
    case 'plausible':
      return row.body === 'none' ? undefined : plausibleBody(json, row.name, b, subjectId, pathIds);
  }
};

/** A generated request with what it was built from. */
export interface GeneratedRequest {
  readonly row: OperationSpec;
  /** The acting user (always a user of the snapshot). */
  readonly actorId: number;
  /** The user named by `?user=`, when it names one of the snapshot's users. */
  readonly namedUserId: number | undefined;
  readonly pathIds: PathIds;
  readonly request: HttpRequestJson;
}

/** Builds the request of `row` for the blueprint; `overrides` fix path ids (e.g. the target data source). */
export const buildRequest = (json: SnapshotJson, row: OperationSpec, bp: RequestBlueprint, obo: OboChoice, overrides: PathIds = {}): GeneratedRequest | undefined => {
  const users = usersOf(json);
  const actor = pick(users, bp.actor);
  if (actor === undefined) return undefined;
  const named = obo._tag === 'user' ? pick(users, obo.index) : obo._tag === 'self' ? actor : undefined;
  const userParam = obo._tag === 'unknown' ? UNKNOWN_USER_NAME : named?.userName;
  const subjectId = named?.id ?? actor.id;
  const pathIds = resolvePathIds(json, row, bp.ids, subjectId, overrides);
  const path = fillPath(
    row,
    (param, position) => {
      const id = pathIds[param];
      return id !== undefined ? String(id) : encodeURIComponent(NAMES[(bp.names[position % bp.names.length] ?? 0) % NAMES.length] ?? 'PUBLIC');
    },
    bp.tail.map((i) => TAIL_SEGMENTS[i] ?? 'x1'),
  );
  const body = bodyFor(json, row, bp.body, subjectId, pathIds);
  const actorRef = bp.actorByName ? actor.userName : { id: actor.id };
  const query: Record<string, string> = userParam === undefined ? {} : { user: userParam };
  const base = bp.viaUrl
    ? { actor: actorRef, method: row.method, url: userParam === undefined ? path : `${path}?user=${encodeURIComponent(userParam)}` }
    : { actor: actorRef, method: row.method, path, ...(userParam === undefined ? {} : { query }) };
  const request: HttpRequestJson = body === undefined ? base : { ...base, body };
  return { row, actorId: actor.id, namedUserId: named?.id, pathIds, request };
};

/** A generated request whose `?user=`, when set, names the given user id (by name). */
export const withOnBehalfOf = (json: SnapshotJson, userId: number): OboChoice => {
  const index = usersOf(json).findIndex((u) => u.id === userId);
  return index < 0 ? { _tag: 'unknown' } : { _tag: 'user', index };
};

// ---- OAuth objects (the generated snapshots have none) ---------------------------------------

/** Where OAuth applications and profiles go: tenant and owner indices. */
export interface OAuthBlueprint {
  readonly apps: ReadonlyArray<number>;
  readonly profiles: ReadonlyArray<{ readonly owner: number; readonly app: number }>;
}

/** Up to two applications and two profiles. */
export const oauthBlueprintArb: fc.Arbitrary<OAuthBlueprint> = fc.record({
  apps: fc.array(fc.nat(63), { maxLength: 2 }),
  profiles: fc.array(fc.record({ owner: fc.nat(63), app: fc.nat(63) }), { maxLength: 2 }),
});

/** The snapshot with OAuth applications in its tenants and profiles owned by its users (R-SNAP-2: references resolve). */
export const withOAuthObjects = (json: SnapshotJson, b: OAuthBlueprint): SnapshotJson => {
  const tenants = tenantIdsOf(json);
  const apps: ReadonlyArray<OAuthAppJson> = b.apps.map((t, i) => ({ id: i + 1, name: `app${i + 1}`, tenantId: pick(tenants, t) ?? SYSTEM_TENANT }));
  const profiles: ReadonlyArray<OAuthProfileJson> = b.profiles.flatMap((p, i) => {
    const owner = pick(usersOf(json), p.owner);
    const app = pick(
      apps.filter((a) => a.tenantId === owner?.tenantId || a.tenantId === SYSTEM_TENANT),
      p.app,
    );
    return owner === undefined || app === undefined ? [] : [{ id: i + 1, name: `profile${i + 1}`, oauthAppId: app.id, owner: owner.id }];
  });
  return { ...json, ...(apps.length > 0 ? { oauthApps: apps } : {}), ...(profiles.length > 0 ? { oauthProfiles: profiles } : {}) };
};

/** A generated snapshot, sometimes with OAuth objects. */
export const requestSnapshotArb: fc.Arbitrary<SnapshotJson> = fc
  .tuple(snapshotJsonArb, fc.option(oauthBlueprintArb, { nil: undefined, freq: 2 }))
  .map(([json, oauth]) => (oauth === undefined ? json : withOAuthObjects(json, oauth)));

// ---- the general request arbitrary ------------------------------------------------------------

/** A snapshot with one request about it. */
export interface RequestCase {
  readonly json: SnapshotJson;
  readonly generated: GeneratedRequest;
}

const rowIndexArb: fc.Arbitrary<number> = fc.nat(operations.length - 1);

/** A request for a snapshot: any operation row, any actor, any `?user=` choice, a plausible body. */
export const requestOf = (json: SnapshotJson): fc.Arbitrary<RequestCase> =>
  fc.tuple(rowIndexArb, requestBlueprintArb, oboChoiceArb).map(([rowIndex, bp, obo]) => {
    const row = operations[rowIndex] ?? operations[0];
    const generated = row === undefined ? undefined : buildRequest(json, row, bp, obo);
    if (generated === undefined) throw new Error('impossible: a generated snapshot has a user and the operation table a row');
    return { json, generated };
  });

/** A generated snapshot (with OAuth objects now and then) and one request about it. */
export const requestCaseArb: fc.Arbitrary<RequestCase> = requestSnapshotArb.chain(requestOf);

/** A generated snapshot that always has OAuth applications (and profiles now and then). */
export const oauthSnapshotArb: fc.Arbitrary<SnapshotJson> = fc
  .tuple(snapshotJsonArb, oauthBlueprintArb.filter((b) => b.apps.length > 0))
  .map(([json, oauth]) => withOAuthObjects(json, oauth));

/** A snapshot from `snapshots` and a request of one of the named operations, on behalf of a user of the snapshot half of the time. */
export const requestCaseOfArb = (names: ReadonlyArray<OperationName>, snapshots: fc.Arbitrary<SnapshotJson> = requestSnapshotArb): fc.Arbitrary<RequestCase> => {
  const rows = operations.filter((r) => names.includes(r.name));
  return snapshots.chain((json) =>
    fc.tuple(fc.constantFrom(...rows), requestBlueprintArb, fc.oneof(oboChoiceArb, fc.nat(63).map((index): OboChoice => ({ _tag: 'user', index })))).map(([row, bp, obo]) => {
      const generated = buildRequest(json, row, bp, obo);
      if (generated === undefined) throw new Error('impossible: a generated snapshot has a user');
      return { json, generated };
    }),
  );
};

/** A query-channel request by the same actor as `generated` (R-USE-1), on a data source of the snapshot or an absent one. */
export const useRequestFor = (json: SnapshotJson, actorId: number, dataSource: IdChoice, group: IdChoice | null, via: UseRequest['use']['via']): UseRequest => {
  const ids = (json.dataSources ?? []).map((d) => d.id);
  const idOf = (c: IdChoice): number => (c.absent ? ABSENT_ID : pick(ids, c.index) ?? ABSENT_ID);
  return { actor: { id: actorId }, use: group === null ? { dataSource: idOf(dataSource), via } : { dataSource: idOf(dataSource), via, group: idOf(group) } };
};

/** The choices of a query-channel request. */
export const useChoiceArb: fc.Arbitrary<{ readonly dataSource: IdChoice; readonly group: IdChoice | null; readonly via: UseRequest['use']['via'] }> = fc.record({
  dataSource: idChoiceArb,
  group: fc.option(idChoiceArb, { nil: null }),
  via: channelArb,
});

// ---- snapshot edits ---------------------------------------------------------------------------

const mapUser = (json: SnapshotJson, userId: number, f: (u: UserJson) => UserJson): SnapshotJson => ({ ...json, users: usersOf(json).map((u) => (u.id === userId ? f(u) : u)) });

/** Recomputes every written `admins` list from the users' administrative access (R-SNAP-6 keeps them in agreement). */
const syncAdmins = (json: SnapshotJson): SnapshotJson => {
  if (json.tenants === undefined) return json;
  const tenants: ReadonlyArray<TenantJson> = json.tenants.map((t) =>
    t.admins === undefined ? t : { ...t, admins: usersOf(json).filter((u) => (u.tenantsAdministered ?? []).includes(t.id)).map((u) => u.id) },
  );
  return { ...json, tenants };
};

/** Recomputes every written `users` list of the roles from the users' roles (R-SNAP-6). */
const syncRoleUsers = (json: SnapshotJson): SnapshotJson => {
  if (json.roles === undefined) return json;
  const roles: ReadonlyArray<RoleJson> = json.roles.map((r) =>
    r.users === undefined ? r : { ...r, users: usersOf(json).filter((u) => u.permissions.roles.includes(r.id)).map((u) => u.id) },
  );
  return { ...json, roles };
};

/** The user active and unlocked (R-EFF-3). */
export const withActiveUser = (json: SnapshotJson, userId: number): SnapshotJson => mapUser(json, userId, (u) => ({ ...u, statusInfo: { status: 1, accountLocked: false } }));

/** The user with `ids` added to its explicit permissions (catalog ids only, R-SNAP-4). */
export const withExplicitPermissions = (json: SnapshotJson, userId: number, ids: ReadonlyArray<number>): SnapshotJson => {
  const catalog = catalogIdsOf(json);
  return mapUser(json, userId, (u) => ({
    ...u,
    permissions: { ...u.permissions, permissions: [...new Set([...(u.permissions.permissions ?? []), ...ids.filter((p) => catalog.includes(p))])] },
  }));
};

/**
 * The user without `permission` in its user permissions (R-EFF-1): removed from its explicit
 * permissions, and every role of the user that holds it replaced by a private copy without it
 * (a new custom role of the same tenant), so the other holders of the role keep it.
 */
export const withoutUserPermission = (json: SnapshotJson, userId: number, permission: number): SnapshotJson => {
  const user = userById(json, userId);
  if (user === undefined) return json;
  let nextRoleId = Math.max(maxId(roleIdsOf(json)), 20) + 1;
  const copies: RoleJson[] = [];
  const replaced = user.permissions.roles.map((roleId) => {
    const permissions = rolePermissionsOf(json, roleId);
    const tenantId = roleTenantOf(json, roleId);
    if (!permissions.includes(permission) || tenantId === undefined) return roleId;
    const id = nextRoleId;
    nextRoleId += 1;
    copies.push({ id, name: `copy${id}of${roleId}`, tenantId, permissions: permissions.filter((p) => p !== permission) });
    return id;
  });
  const edited = mapUser({ ...json, roles: [...(json.roles ?? []), ...copies] }, userId, (u) => ({
    ...u,
    permissions: u.permissions.permissions === undefined ? { roles: replaced } : { roles: replaced, permissions: u.permissions.permissions.filter((p) => p !== permission) },
  }));
  return syncRoleUsers(edited);
};

/** The user with administrative access on `tenantId` added (the caller keeps R-ADM-5). */
export const withAdministeredTenant = (json: SnapshotJson, userId: number, tenantId: number): SnapshotJson =>
  syncAdmins(mapUser(json, userId, (u) => ({ ...u, tenantsAdministered: [...new Set([...(u.tenantsAdministered ?? []), tenantId])] })));

/** The user without administrative access on `tenantId`. */
export const withoutAdministeredTenant = (json: SnapshotJson, userId: number, tenantId: number): SnapshotJson =>
  syncAdmins(mapUser(json, userId, (u) => (u.tenantsAdministered === undefined ? u : { ...u, tenantsAdministered: u.tenantsAdministered.filter((t) => t !== tenantId) })));

/**
 * The user moved to tenant `tenantId` (R-TRN-5 done by hand): one role of the new tenant
 * (R-SNAP-5), administrative access it may still hold (R-ADM-5), and no user share to it on a
 * data source shared with the new tenant (R-SNAP-8, R-SHR-3).
 */
export const withUserMovedTo = (json: SnapshotJson, userId: number, tenantId: number): SnapshotJson => {
  const role = roleIdsOf(json).find((r) => roleTenantOf(json, r) === tenantId);
  if (role === undefined) return json;
  const moved = mapUser(json, userId, (u) => {
    const administered = u.tenantsAdministered?.filter((t) => tenantId === SYSTEM_TENANT || t === tenantId);
    return {
      ...u,
      tenantId,
      permissions: u.permissions.permissions === undefined ? { roles: [role] } : { roles: [role], permissions: u.permissions.permissions },
      ...(administered === undefined ? {} : { tenantsAdministered: administered }),
    };
  });
  const dataSources: ReadonlyArray<DataSourceJson> = (moved.dataSources ?? []).map((d) =>
    d.sharedUsers !== undefined && (d.sharedTenants ?? []).some((s) => s.tenantId === tenantId) ? { ...d, sharedUsers: d.sharedUsers.filter((s) => s.userId !== userId) } : d,
  );
  return syncRoleUsers(syncAdmins({ ...moved, dataSources }));
};

/** A fresh user: its id, name and the snapshot holding it. */
export interface FreshUser {
  readonly json: SnapshotJson;
  readonly userId: number;
  readonly userName: string;
}

/**
 * A new active user of the system tenant whose only role is the predefined User role (2), with
 * no explicit permissions and no administrative access; tenant shares to the system tenant are
 * removed, so nothing is shared with it (R-SNAP-5: role 2 is of tenant 1, so the user is too).
 */
export const withFreshStandardUser = (json: SnapshotJson): FreshUser => {
  const userId = maxId(usersOf(json).map((u) => u.id)) + 1;
  const userName = `fresh${userId}`;
  const user: UserJson = { id: userId, userName, tenantId: SYSTEM_TENANT, permissions: { roles: [2] }, statusInfo: { status: 1, accountLocked: false } };
  const dataSources: ReadonlyArray<DataSourceJson> = (json.dataSources ?? []).map((d) => {
    if (d.sharedTenants === undefined) return d;
    const { sharedTenants, ...rest } = d;
    const kept = sharedTenants.filter((s) => s.tenantId !== SYSTEM_TENANT);
    return kept.length > 0 ? { ...rest, sharedTenants: kept } : rest;
  });
  return { json: syncRoleUsers({ ...json, users: [...usersOf(json), user], dataSources }), userId, userName };
};

/** A new active user of the system tenant with the System Administrator role (1), which holds Administrator (12). */
export const withFreshAdministrator = (json: SnapshotJson): FreshUser => {
  const userId = maxId(usersOf(json).map((u) => u.id)) + 1;
  const userName = `admin${userId}`;
  const user: UserJson = { id: userId, userName, tenantId: SYSTEM_TENANT, permissions: { roles: [1] } };
  return { json: syncRoleUsers({ ...json, users: [...usersOf(json), user] }), userId, userName };
};

/** Every array inside a JSON value reversed, at every depth (sets and lists of SPEC §2 carry no order). */
export const reverseEveryList = (value: unknown): unknown => {
  if (Array.isArray(value)) return [...value].reverse().map(reverseEveryList);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reverseEveryList(v)]));
  return value;
};

// ---- L-OBO-GATE scenarios --------------------------------------------------------------------

/** An on-behalf-of scenario: an actor without 12 made to pass the gate for a subject, and a request. */
export interface OboScenario {
  readonly json: SnapshotJson;
  readonly actorId: number;
  readonly subjectId: number;
  /** Where to move the subject when gate part (a) is removed (an index among the other tenants). */
  readonly otherTenant: number;
  readonly generated: GeneratedRequest;
}

/** The rows that accept `?user=` (R-OBO-1). */
export const oboRows: ReadonlyArray<OperationSpec> = operations.filter((r) => r.obo !== 'no');

/**
 * For a snapshot: an active actor without Administrator (12) that passes the gate of R-OBO-2 for
 * a subject it may administer (R-ADM-5: any user if the actor is of the system tenant, else a
 * user of its own tenant) — by construction, through explicit 11 and 21, administrative access
 * on the subject's tenant, and a few more permissions — and an on-behalf-of request for it.
 * Undefined-free: when no subject fits, the actor acts for itself (a plain request, vacuous).
 */
export const oboScenarioOf = (json: SnapshotJson): fc.Arbitrary<OboScenario> =>
  fc
    .record({
      actor: fc.nat(63),
      subject: fc.nat(63),
      extra: fc.subarray([1, 2, 3, 4, 5, 6, 7, 9, 10], { minLength: 2 }),
      otherTenant: fc.nat(63),
      row: fc.nat(oboRows.length - 1),
      bp: requestBlueprintArb,
    })
    .map(({ actor: a, subject: s, extra, otherTenant, row: r, bp }) => {
      const users = usersOf(json);
      const actor = pick(users, a) ?? users[0];
      if (actor === undefined) throw new Error('impossible: a generated snapshot has a user');
      const eligible = users.filter((u) => u.id !== actor.id && (actor.tenantId === SYSTEM_TENANT || u.tenantId === actor.tenantId));
      const subject = pick(eligible, s) ?? actor;
      const promoted = withAdministeredTenant(
        withExplicitPermissions(withActiveUser(withoutUserPermission(json, actor.id, ADMINISTRATOR), actor.id), actor.id, [11, 21, ...extra]),
        actor.id,
        subject.tenantId,
      );
      const row = oboRows[r] ?? oboRows[0];
      const actorIndex = usersOf(promoted).findIndex((u) => u.id === actor.id);
      const generated = row === undefined ? undefined : buildRequest(promoted, row, { ...bp, actor: actorIndex }, withOnBehalfOf(promoted, subject.id));
      if (generated === undefined) throw new Error('impossible: the actor exists');
      return { json: promoted, actorId: actor.id, subjectId: subject.id, otherTenant, generated };
    });

/** A generated snapshot with an on-behalf-of scenario. */
export const oboScenarioArb: fc.Arbitrary<OboScenario> = requestSnapshotArb.chain(oboScenarioOf);

/** The OAuth application rows (R-OAA-1). */
const oauthAppRows: ReadonlyArray<OperationSpec> = operations.filter((r) => ['ListOAuthApps', 'CreateOAuthApp', 'GetOAuthApp', 'UpdateOAuthApp', 'DeleteOAuthApp'].includes(r.name));

/**
 * For a snapshot with OAuth apps: an actor made to pass the gate of R-OBO-2 for a subject and to
 * hold OAuth (28) — holding Administrator (12) too now and then — with a system-tenant subject
 * given administrative access on one more tenant (a reach the actor may lack), and an on-behalf-of
 * OAuth-app request for it (R-OAA-1).
 */
export const oauthOboCaseOf = (json: SnapshotJson): fc.Arbitrary<RequestCase> =>
  fc
    .record({ actor: fc.nat(63), subject: fc.nat(63), tenant: fc.nat(63), administrator: fc.boolean(), row: fc.nat(oauthAppRows.length - 1), bp: requestBlueprintArb })
    .map(({ actor: a, subject: s, tenant, administrator, row: r, bp }) => {
      const users = usersOf(json);
      const actor = pick(users, a) ?? users[0];
      if (actor === undefined) throw new Error('impossible: a generated snapshot has a user');
      const eligible = users.filter((u) => u.id !== actor.id && (actor.tenantId === SYSTEM_TENANT || u.tenantId === actor.tenantId));
      const subject = pick(eligible, s) ?? actor;
      const extra = pick(tenantIdsOf(json), tenant) ?? SYSTEM_TENANT;
      const base = administrator ? withExplicitPermissions(json, actor.id, [ADMINISTRATOR]) : withoutUserPermission(json, actor.id, ADMINISTRATOR);
      const gated = withAdministeredTenant(withExplicitPermissions(withActiveUser(base, actor.id), actor.id, [11, 21, 28]), actor.id, subject.tenantId);
      const reaching = subject.tenantId === SYSTEM_TENANT && subject.id !== actor.id ? withAdministeredTenant(gated, subject.id, extra) : gated;
      const row = oauthAppRows[r] ?? oauthAppRows[0];
      const actorIndex = usersOf(reaching).findIndex((u) => u.id === actor.id);
      const generated = row === undefined ? undefined : buildRequest(reaching, row, { ...bp, actor: actorIndex }, withOnBehalfOf(reaching, subject.id));
      if (generated === undefined) throw new Error('impossible: the actor exists');
      return { json: reaching, generated };
    });

/** A generated snapshot with OAuth apps and an on-behalf-of OAuth-app request (R-OAA-1). */
export const oauthOboCaseArb: fc.Arbitrary<RequestCase> = oauthSnapshotArb.chain(oauthOboCaseOf);

// ---- no existence leak: users and data sources with no route --------------------------------

/** A user and a data source it has no route to (R-DSP-3). */
export interface UnreachablePairChoice {
  readonly userId: number;
  readonly dataSourceId: number;
}

/** A snapshot, a pair with no route (undefined when the snapshot has none) and request choices. */
export interface UnreachableCase {
  readonly json: SnapshotJson;
  readonly pair: UnreachablePairChoice | undefined;
  readonly bp: RequestBlueprint;
}

/**
 * For a snapshot: a (user, data source) pair with no ownership, share-in-force or group route
 * (judged by the naive reference), the user mostly active and without 12 (the direct case of the
 * law), sometimes any user (the on-behalf-of case), and request choices.
 */
export const unreachableCaseOf = (json: SnapshotJson): fc.Arbitrary<UnreachableCase> => {
  const pairs = usersOf(json).flatMap((u) => (json.dataSources ?? []).filter((d) => !naiveReaches(json, u.id, d.id)).map((d) => ({ user: u, pair: { userId: u.id, dataSourceId: d.id } })));
  const direct = pairs.filter((p) => isActiveUser(p.user) && !userPermissionsOf(json, p.user).includes(ADMINISTRATOR)).map((p) => p.pair);
  const any = pairs.map((p) => p.pair);
  const choices: Array<fc.WeightedArbitrary<UnreachablePairChoice | undefined>> = [
    ...(direct.length > 0 ? [{ arbitrary: fc.constantFrom(...direct), weight: 4 }] : []),
    ...(any.length > 0 ? [{ arbitrary: fc.constantFrom(...any), weight: 1 }] : []),
  ];
  const pair: fc.Arbitrary<UnreachablePairChoice | undefined> = choices.length === 0 ? fc.constant(undefined) : fc.oneof(...choices);
  return fc.record({ pair, bp: requestBlueprintArb }).map(({ pair: p, bp }) => ({ json, pair: p, bp }));
};

/** A generated snapshot with a pair that has no route. */
export const unreachableCaseArb: fc.Arbitrary<UnreachableCase> = requestSnapshotArb.chain(unreachableCaseOf);

// ---- cases of the laws of the SPEC changes of 2026-12-01 ----------------------------------------

/** A generated snapshot and a user-share write (no dormant shares, R-SHR-7). */
export const shareWriteCaseArb: fc.Arbitrary<RequestCase> = requestCaseOfArb(['ShareWithUsers', 'UpdateSharedUser']);

/** A generated snapshot with OAuth apps and an OAuth-app request, on behalf of someone or any (R-OAA-1). */
export const oauthCaseArb: fc.Arbitrary<RequestCase> = fc.oneof(oauthOboCaseArb, requestCaseOfArb(['ListOAuthApps', 'CreateOAuthApp', 'GetOAuthApp', 'UpdateOAuthApp', 'DeleteOAuthApp'], oauthSnapshotArb));

/** A generated snapshot and a GetDataSourcePermissions request (R-RES-1). */
export const permissionsReadCaseArb: fc.Arbitrary<RequestCase> = requestCaseOfArb(['GetDataSourcePermissions']);
