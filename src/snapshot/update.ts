/**
 * The incremental updater (D-INC-2): a new compiled snapshot from an old one and a list of edits,
 * touching exactly what the edits touch. Derived facts follow their inputs:
 *
 * - a role whose permissions change re-derives its users (R-EFF-1);
 * - a user whose permissions, tenant, administrative access or A12 change re-derives the data
 *   sources it owns (R-DSP-2 owner access, R-SHR-6 standing of their user shares) and those
 *   shared with it (R-SHR-6);
 * - membership, share and ownership indexes, a tenant's users and admins, a role's users and
 *   a data source's groups are adjusted by the difference between old and new entities.
 *
 * Entities are built only by `build.ts`, as the full compiler builds them; every table shares
 * all it does not change with the old snapshot, which stays valid (INVARIANT immutable).
 * INVARIANT (incremental = recompiled, L-INCREMENTAL): the result decides every request as
 * `compileSnapshot(encodeSnapshot(result))` does.
 */
import { equals, type PermissionSet } from '../catalog/permissionSet.js';
import { idKinds, type DataSourceJson, type NextIdsJson, type OAuthAppJson, type OAuthProfileJson, type RoleJson, type TenantJson, type UserJson } from '../codec/snapshot.js';
import type { Edit } from '../model/edit.js';
import type { DataSource, DataSourceId, OAuthApp, OAuthProfile, Role, RoleId, Snapshot, Tenant, TenantId, User, UserId } from '../model/snapshot.js';
import type { Table } from '../model/table.js';
import { poolWith } from '../model/rows.js';
import { buildDataSource, buildRole, buildTenant, buildUser, freshSet, noIds, rederiveDataSource, userPermissionsOf } from './build.js';
import { userJson } from './encode.js';

/** A user share that an update took out of force (R-SHR-6): it was in force before and is not now. */
export interface ShareOutOfForce {
  readonly dataSourceId: DataSourceId;
  readonly userId: UserId;
}

/** The new snapshot, and the user shares the update took out of force (for R-TRN-5 / R-TRN-8 to remove). */
export interface Update {
  readonly snapshot: Snapshot;
  readonly outOfForce: ReadonlyArray<ShareOutOfForce>;
}

/** Ids added to and removed from the lists of an index, by key. */
export class IndexDelta<K> {
  readonly byKey = new Map<K, { readonly add: Set<number>; readonly remove: Set<number> }>();
  /** Records `id` entering (`+1`) or leaving (`-1`) the list under `key`. */
  note(key: K, id: number, direction: 1 | -1): void {
    let d = this.byKey.get(key);
    if (d === undefined) {
      d = { add: new Set<number>(), remove: new Set<number>() };
      this.byKey.set(key, d);
    }
    if (direction === 1) {
      if (!d.remove.delete(id)) d.add.add(id);
    } else if (!d.add.delete(id)) d.remove.add(id);
  }
  /**
   * The list under `key` (ascending, as every index list is) after the recorded changes, ascending:
   * one merge, no sort of the list. An added id is never listed already: each entity notes its
   * old keys (-1) and its new ones (+1), which cancel when a key stays.
   */
  apply(key: K, list: ReadonlyArray<number>): ReadonlyArray<number> {
    const d = this.byKey.get(key);
    if (d === undefined || (d.add.size === 0 && d.remove.size === 0)) return list;
    const adds = [...d.add].sort((a, b) => a - b); // a few ids
    const removes = [...d.remove].sort((a, b) => a - b); // a few ids, merged past like the adds
    const out: number[] = [];
    let j = 0;
    let r = 0;
    for (const id of list) {
      for (let a = adds[j]; a !== undefined && a < id; a = adds[j]) {
        out.push(a);
        j += 1;
      }
      for (let x = removes[r]; x !== undefined && x < id; x = removes[r]) r += 1; // past the removals of smaller ids
      if (removes[r] !== id) out.push(id);
    }
    for (; j < adds.length; j += 1) out.push(adds[j] ?? 0);
    return out;
  }
  /** The keys whose lists change (a key whose notes cancelled out is left out). */
  changedKeys(): ReadonlyArray<K> {
    const out: K[] = [];
    for (const [key, d] of this.byKey) if (d.add.size > 0 || d.remove.size > 0) out.push(key);
    return out;
  }
  /** The changes to make to `table` (an empty list deletes the key). */
  changesOf(table: Table<K, ReadonlyArray<number>>): ReadonlyArray<readonly [K, ReadonlyArray<number> | undefined]> {
    const out: Array<readonly [K, ReadonlyArray<number> | undefined]> = [];
    for (const key of this.byKey.keys()) {
      const before = table.get(key) ?? noIds;
      const after = this.apply(key, before);
      if (after !== before) out.push([key, after.length === 0 ? undefined : after]);
    }
    return out;
  }
}

/** The last edit of each id, in order of first appearance (`null` = deleted). */
const lastById = <J>(): Map<number, J | null> => new Map<number, J | null>();

/** Whether the user's standing as owner or recipient (R-SHR-6) may differ between two versions. */
const standingChanged = (a: User, b: User): boolean =>
  a.tenantId !== b.tenantId || a.isAdministrator !== b.isAdministrator || a.tenantsAdministered !== b.tenantsAdministered;

/** Applies `edits` to `s` incrementally (D-INC-2); `s` is unchanged. */
export const updateSnapshot = (s: Snapshot, edits: ReadonlyArray<Edit>): Update => {
  const tenantEdits = lastById<TenantJson>();
  const roleEdits = lastById<RoleJson>();
  const userEdits = lastById<UserJson>();
  const dataSourceEdits = lastById<DataSourceJson>();
  const appEdits = lastById<OAuthAppJson>();
  const profileEdits = lastById<OAuthProfileJson>();
  let nextIds: NextIdsJson | undefined = s.nextIds;
  let idMarks = s.idMarks;
  for (const e of edits) {
    switch (e._tag) {
      case 'PutTenant': tenantEdits.set(e.tenant.id, e.tenant); break;
      case 'DeleteTenant': tenantEdits.set(e.id, null); break;
      case 'PutRole': roleEdits.set(e.role.id, e.role); break;
      case 'DeleteRole': roleEdits.set(e.id, null); break;
      case 'PutUser': userEdits.set(e.user.id, e.user); break;
      case 'DeleteUser': userEdits.set(e.id, null); break;
      case 'PutDataSource': dataSourceEdits.set(e.dataSource.id, e.dataSource); break;
      case 'DeleteDataSource': dataSourceEdits.set(e.id, null); break;
      case 'PutOAuthApp': appEdits.set(e.app.id, e.app); break;
      case 'DeleteOAuthApp': appEdits.set(e.id, null); break;
      case 'PutOAuthProfile': profileEdits.set(e.profile.id, e.profile); break;
      case 'DeleteOAuthProfile': profileEdits.set(e.id, null); break;
      case 'SetNextIds':
        // R-TRN-2: marks only rise
        nextIds = raisedMarks(nextIds ?? {}, e.nextIds);
        idMarks = { ...idMarks, ...raisedMarks(idMarks, e.nextIds) };
        break;
    }
  }

  // Roles' permission sets; a role whose set changes re-derives its users (R-EFF-1).
  const roleSets = new Map<RoleId, PermissionSet | undefined>();
  const usersToRederive = new Set<UserId>();
  for (const [rid, json] of roleEdits) {
    const old = s.roles.get(rid);
    const set = json === null ? undefined : old !== undefined && equals(old.permissions, freshSet(json.permissions)) ? old.permissions : freshSet(json.permissions);
    roleSets.set(rid, set);
    if (old !== undefined && set !== old.permissions) for (const uid of old.users) usersToRederive.add(uid);
  }
  const roleSetNow = (rid: RoleId): PermissionSet | undefined => (roleSets.has(rid) ? roleSets.get(rid) : s.roles.get(rid)?.permissions);

  // Users.
  const userChanges = new Map<UserId, User | undefined>();
  for (const uid of usersToRederive) if (!userEdits.has(uid)) userEdits.set(uid, userJsonOf(s, uid));
  const roleUsers = new IndexDelta<RoleId>();
  const tenantUsers = new IndexDelta<TenantId>();
  const tenantAdmins = new IndexDelta<TenantId>();
  // names left are removed before names taken are set, so that two users may swap names in one apply
  const namesLeft: Array<readonly [string, UserId | undefined]> = [];
  const namesTaken: Array<readonly [string, UserId | undefined]> = [];
  const dataSourcesToRederive = new Set<DataSourceId>();
  for (const [uid, json] of userEdits) {
    const old = s.users.get(uid);
    let next: User | undefined;
    if (json !== null) {
      const explicit = freshSet(json.permissions.permissions ?? noIds);
      const derived = userPermissionsOf(json.permissions.roles, explicit, roleSetNow);
      const permissions = old !== undefined && equals(old.permissions, derived) ? old.permissions : derived;
      const explicitKept = old !== undefined && equals(old.explicitPermissions, explicit) ? old.explicitPermissions : explicit;
      // the old administered list (and set) is kept when equal, so that an unchanged standing is recognised by identity
      next = buildUser(json, explicitKept, permissions, old);
    }
    userChanges.set(uid, next);
    const renamed = old === undefined || next === undefined || old.userName !== next.userName;
    if (old !== undefined && renamed) namesLeft.push([old.userName, undefined]);
    if (next !== undefined && renamed) namesTaken.push([next.userName, next.id]);
    for (const rid of old?.roles ?? noIds) roleUsers.note(rid, uid, -1);
    for (const rid of next?.roles ?? noIds) roleUsers.note(rid, uid, 1);
    if (old !== undefined) tenantUsers.note(old.tenantId, uid, -1);
    if (next !== undefined) tenantUsers.note(next.tenantId, uid, 1);
    for (const tid of old?.tenantsAdministered ?? noIds) tenantAdmins.note(tid, uid, -1);
    for (const tid of next?.tenantsAdministered ?? noIds) tenantAdmins.note(tid, uid, 1);
    if (old !== undefined && next !== undefined) {
      // as an owner: the standing of its user shares (R-SHR-6) and its access without a set (R-DSP-2)
      const ownerStanding = standingChanged(old, next);
      const permissionsChanged = old.permissions !== next.permissions;
      if (ownerStanding || permissionsChanged) {
        for (const id of s.dataSourcesByOwner.get(uid) ?? noIds) {
          const d = s.dataSources.get(id);
          if (d !== undefined && ((ownerStanding && d.sharedUsers.size > 0) || (permissionsChanged && d.permissions === undefined))) dataSourcesToRederive.add(id);
        }
      }
      // as a recipient: only its tenant counts (R-SHR-6)
      if (old.tenantId !== next.tenantId) for (const id of s.userSharesByRecipient.get(uid) ?? noIds) dataSourcesToRederive.add(id);
    }
  }
  const userOf = (id: UserId): User | undefined => (userChanges.has(id) ? userChanges.get(id) : s.users.get(id));

  // Data sources: membership first (a member's `groups` follows its groups' members).
  const groupsOf = new IndexDelta<DataSourceId>();
  const byOwner = new IndexDelta<UserId>();
  const byRecipient = new IndexDelta<UserId>();
  const byTenant = new IndexDelta<TenantId>();
  for (const [id, json] of dataSourceEdits) {
    const old = s.dataSources.get(id);
    for (const m of old?.members ?? []) groupsOf.note(m.id, id, -1);
    for (const m of json?.members ?? []) groupsOf.note(m.id, id, 1);
    if (old !== undefined) byOwner.note(old.owner, id, -1);
    if (json !== null) byOwner.note(json.owner, id, 1);
    for (const uid of old?.sharedUsers.keys() ?? []) byRecipient.note(uid, id, -1);
    for (const sh of json?.sharedUsers ?? []) byRecipient.note(sh.userId, id, 1);
    for (const tid of old?.sharedTenants.keys() ?? []) byTenant.note(tid, id, -1);
    for (const sh of json?.sharedTenants ?? []) byTenant.note(sh.tenantId, id, 1);
  }
  for (const member of groupsOf.changedKeys()) if (!dataSourceEdits.has(member)) dataSourcesToRederive.add(member);
  const groupsNow = (id: DataSourceId): ReadonlyArray<DataSourceId> => groupsOf.apply(id, s.dataSources.get(id)?.groups ?? noIds);

  const outOfForce: ShareOutOfForce[] = [];
  const dataSourceChanges: Array<readonly [DataSourceId, DataSource | undefined]> = [];
  const settle = (old: DataSource | undefined, next: DataSource | undefined): void => {
    if (next === undefined) return;
    for (const share of next.sharedUsers.values()) {
      if (!share.inForce && old?.sharedUsers.get(share.userId)?.inForce === true) outOfForce.push({ dataSourceId: next.id, userId: share.userId });
    }
  };
  for (const [id, json] of dataSourceEdits) {
    const old = s.dataSources.get(id);
    const next = json === null ? undefined : buildDataSource(json, userOf, groupsNow(id), freshSet);
    settle(old, next);
    dataSourceChanges.push([id, next]);
  }
  for (const id of dataSourcesToRederive) {
    if (dataSourceEdits.has(id)) continue;
    const old = s.dataSources.get(id);
    if (old === undefined) continue;
    const next = rederiveDataSource(old, userOf, groupsNow(id));
    if (next === old) continue; // nothing derived changed
    settle(old, next);
    dataSourceChanges.push([id, next]);
  }

  // Tenants and roles: edited ones rebuilt, and those whose derived lists changed.
  const tenantChanges: Array<readonly [TenantId, Tenant | undefined]> = [];
  const tenantsTouched = new Set<TenantId>([...tenantEdits.keys(), ...tenantUsers.byKey.keys(), ...tenantAdmins.byKey.keys()]);
  for (const tid of tenantsTouched) {
    const old = s.tenants.get(tid);
    const json = tenantEdits.get(tid);
    if (json === null) {
      tenantChanges.push([tid, undefined]);
      continue;
    }
    const admins = tenantAdmins.apply(tid, old?.admins ?? noIds);
    const users = tenantUsers.apply(tid, old?.users ?? noIds);
    if (json !== undefined) tenantChanges.push([tid, buildTenant(json, admins, users)]);
    else if (old !== undefined) tenantChanges.push([tid, { ...old, admins, users }]);
  }
  const roleChanges: Array<readonly [RoleId, Role | undefined]> = [];
  const rolesTouched = new Set<RoleId>([...roleEdits.keys(), ...roleUsers.byKey.keys()]);
  for (const rid of rolesTouched) {
    const old = s.roles.get(rid);
    const json = roleEdits.get(rid);
    if (json === null) {
      roleChanges.push([rid, undefined]);
      continue;
    }
    const users = roleUsers.apply(rid, old?.users ?? noIds);
    const set = roleSetNow(rid);
    if (json !== undefined && set !== undefined) roleChanges.push([rid, buildRole(json, set, users)]);
    else if (old !== undefined) roleChanges.push([rid, { ...old, users }]);
  }

  // OAuth applications and profiles.
  const appChanges: Array<readonly [number, OAuthApp | undefined]> = [];
  for (const [id, a] of appEdits) appChanges.push([id, a === null ? undefined : { id: a.id, name: a.name, tenantId: a.tenantId, dataStore: a.dataStore }]);
  const profileChanges: Array<readonly [number, OAuthProfile | undefined]> = [];
  const profilesByOwner = new IndexDelta<UserId>();
  const profilesByApp = new IndexDelta<number>();
  for (const [id, p] of profileEdits) {
    const old = s.oauthProfiles.get(id);
    if (old !== undefined) {
      profilesByOwner.note(old.owner, id, -1);
      profilesByApp.note(old.oauthAppId, id, -1);
    }
    if (p !== null) {
      profilesByOwner.note(p.owner, id, 1);
      profilesByApp.note(p.oauthAppId, id, 1);
    }
    profileChanges.push([id, p === null ? undefined : { id: p.id, name: p.name, oauthAppId: p.oauthAppId, owner: p.owner }]);
  }

  const snapshot: Snapshot = {
    catalog: s.catalog,
    catalogEntries: s.catalogEntries,
    tenants: s.tenants.withChanges(tenantChanges),
    roles: s.roles.withChanges(roleChanges),
    users: s.users.withChanges(userChanges),
    userIdsByName: s.userIdsByName.withChanges([...namesLeft, ...namesTaken]),
    activeAdministrators: s.activeAdministrators.withChanges([...userChanges].map(([id, u]) => [id, u !== undefined && u.active && u.isAdministrator ? u : undefined])),
    dataSources: s.dataSources.withChanges(dataSourceChanges),
    oauthApps: s.oauthApps.withChanges(appChanges),
    oauthProfiles: s.oauthProfiles.withChanges(profileChanges),
    dataSourcesByOwner: s.dataSourcesByOwner.withChanges(byOwner.changesOf(s.dataSourcesByOwner)),
    userSharesByRecipient: s.userSharesByRecipient.withChanges(byRecipient.changesOf(s.userSharesByRecipient)),
    tenantSharesByTenant: s.tenantSharesByTenant.withChanges(byTenant.changesOf(s.tenantSharesByTenant)),
    profilesByOwner: s.profilesByOwner.withChanges(profilesByOwner.changesOf(s.profilesByOwner)),
    profilesByApp: s.profilesByApp.withChanges(profilesByApp.changesOf(s.profilesByApp)),
    nextIds,
    idMarks,
    setPool: poolWith(s.setPool, dataSourceChanges.map(([, d]) => d)),
  };
  return { snapshot, outOfForce };
};

/** R-TRN-2: `marks` with every kind of `raise` raised to at least its value. */
const raisedMarks = (marks: NextIdsJson, raise: NextIdsJson): NextIdsJson => {
  const out: { -readonly [K in keyof NextIdsJson]: NextIdsJson[K] } = { ...marks };
  for (const kind of idKinds) {
    const r = raise[kind];
    if (r !== undefined) out[kind] = Math.max(out[kind] ?? 0, r);
  }
  return out;
};

/** The JSON of user `uid` as the snapshot holds it (for re-deriving it). */
const userJsonOf = (s: Snapshot, uid: UserId): UserJson | null => {
  const u = s.users.get(uid);
  return u === undefined ? null : userJson(u);
};

