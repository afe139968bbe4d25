/**
 * diff (R-AUD-3): what changed in access between two snapshots, worked out from the changed
 * facts, never from all pairs (the benchmark has 2·10⁹ of them).
 *
 * 1. Compare entity by entity (users, data sources; tables iterate in ascending id order). When
 *    two snapshots share a table base (one derived from the other by `apply`), an unchanged
 *    entity is the same object, so `a === b` settles most entities at once; otherwise the inputs
 *    of SPEC §3 are compared field by field (independently loaded snapshots).
 * 2. Collect what the changed facts can affect:
 *    - a data source whose owner, set, owner access, shares (and their standing, R-SHR-6) or
 *      members changed → its owners, its user-share recipients, the users of every tenant whose
 *      tenant share changed (before ∪ after); for a group whose members changed, everyone who
 *      reaches it, through every member (R-GRP-1); a changed member → its groups' owners;
 *    - a user whose tenant, status, user permissions (roles are folded into them, R-EFF-1),
 *      administrative access or Administrator (12) changed → every data source it reaches
 *      before ∪ after, and the members of the groups among them;
 *    - a user created, deleted or moved → the administrators of its tenants (their on-behalf-of
 *      reach, R-OBO-2).
 * 3. Decide only those: effective permissions by `effectiveAccess` / `effectiveAccessThroughGroup`
 *    (the one definition of the routes), the on-behalf-of reach by `gateHolds` (R-OBO-2).
 *
 * A pair is listed when its effective set differs (a route that changes under the same set is
 * not a change of access; both routes are reported with every change).
 */
import { Permission } from '../catalog/catalog.js';
import { equals, has, type PermissionSet } from '../catalog/permissionSet.js';
import type { DataSource, DataSourceId, Snapshot, TenantId, User, UserId } from '../model/snapshot.js';
import type { RouteName } from '../model/trace.js';
import { effectiveAccess, effectiveAccessThroughGroup, type EffectiveAccess } from '../rules/dataSourcePermissions.js';
import { gateHolds } from '../rules/onBehalfOf.js';
import { routeName } from '../rules/explainAccess.js';

/** A route of SPEC §3, or `absent` when the user or data source does not exist in that snapshot. */
export type DiffRoute = RouteName | 'absent';

/** One (user, data source) pair — or (user, member, group) triple, R-GRP-1 — whose effective permissions differ. */
export interface AccessChange {
  readonly userId: UserId;
  readonly dataSourceId: DataSourceId;
  /** The group the member is reached through (R-GRP-1); null for the direct question. */
  readonly groupId: DataSourceId | null;
  readonly before: ReadonlyArray<number>;
  readonly after: ReadonlyArray<number>;
  readonly routeBefore: DiffRoute;
  readonly routeAfter: DiffRoute;
}

/** What a user may do apart from data sources: R-EFF-1, administrative access, R-OBO-2 reach. */
export interface UserAccessState {
  readonly exists: boolean;
  readonly tenantId: TenantId | null;
  /** R-EFF-3: active and unlocked. */
  readonly active: boolean;
  /** User permissions (R-EFF-1), ascending. */
  readonly permissions: ReadonlyArray<number>;
  /** Tenants administered, ascending. */
  readonly tenantsAdministered: ReadonlyArray<TenantId>;
  /** Whether it holds Administrator (12). */
  readonly administrator: boolean;
  /** R-OBO-2: the users it may act for, ascending; `all` for an active Administrator (12), which passes the gate alone. */
  readonly actsFor: ReadonlyArray<UserId> | 'all';
}

/** A user whose user permissions, administrative access, status or on-behalf-of reach differ. */
export interface UserChange {
  readonly userId: UserId;
  readonly userName: string;
  readonly before: UserAccessState;
  readonly after: UserAccessState;
}

/** The diff of two snapshots (R-AUD-3): changes ascending by (user, data source, group), users ascending. */
export interface SnapshotDiff {
  readonly changes: ReadonlyArray<AccessChange>;
  readonly users: ReadonlyArray<UserChange>;
}

/** Options of a diff: a progress callback for long work (the CLI prints it on stderr). */
export interface DiffOptions {
  readonly onProgress?: ((message: string) => void) | undefined;
}

/** What a diff looked at: entities compared and questions decided (for benchmarks and progress). */
export interface DiffStats {
  readonly changedUsers: number;
  readonly changedDataSources: number;
  readonly questions: number;
}

const noIds: ReadonlyArray<number> = [];

const sameIds = (a: ReadonlyArray<number>, b: ReadonlyArray<number>): boolean => a === b || (a.length === b.length && a.every((x, i) => x === b[i]));

const sameSet = (a: PermissionSet | undefined, b: PermissionSet | undefined): boolean => a === b || (a !== undefined && b !== undefined && equals(a, b));

/** Whether a user's inputs to SPEC §3 and R-OBO-2 differ (roles are folded into `permissions`, R-EFF-1). */
const userChanged = (a: User | undefined, b: User | undefined): boolean =>
  a !== b &&
  (a === undefined ||
    b === undefined ||
    a.tenantId !== b.tenantId ||
    a.active !== b.active ||
    a.isAdministrator !== b.isAdministrator ||
    !sameSet(a.permissions, b.permissions) ||
    !sameIds(a.tenantsAdministered, b.tenantsAdministered));

/** Whether the user-share maps differ (recipients, permissions, standing R-SHR-6). */
const userSharesDiffer = (a: DataSource, b: DataSource): boolean => {
  if (a.sharedUsers === b.sharedUsers) return false;
  if (a.sharedUsers.size !== b.sharedUsers.size) return true;
  for (const [uid, sa] of a.sharedUsers) {
    const sb = b.sharedUsers.get(uid);
    if (sb === undefined || sa.inForce !== sb.inForce || !sameSet(sa.permissions, sb.permissions)) return true;
  }
  return false;
};

/** The tenants whose tenant share differs (added, removed, or other permissions). */
const tenantSharesChanged = (a: DataSource | undefined, b: DataSource | undefined): ReadonlyArray<TenantId> => {
  const out: TenantId[] = [];
  const ta = a?.sharedTenants;
  const tb = b?.sharedTenants;
  if (ta === tb) return out;
  for (const [tid, sa] of ta ?? []) {
    const sb = tb?.get(tid);
    if (sb === undefined || !sameSet(sa.permissions, sb.permissions)) out.push(tid);
  }
  for (const tid of tb?.keys() ?? []) if (ta?.has(tid) !== true) out.push(tid);
  return out;
};

const membersDiffer = (a: DataSource | undefined, b: DataSource | undefined): boolean => {
  if (a === undefined || b === undefined) return (a?.members.length ?? 0) > 0 || (b?.members.length ?? 0) > 0 || a?.isGroup === true || b?.isGroup === true;
  return a.isGroup !== b.isGroup || (a.members !== b.members && !sameIds(a.members.map((m) => m.id), b.members.map((m) => m.id)));
};

/** Whether a data source's inputs to SPEC §3 differ (owner, set, owner access, shares, members). */
const dataSourceChanged = (a: DataSource | undefined, b: DataSource | undefined): boolean =>
  a !== b &&
  (a === undefined ||
    b === undefined ||
    a.owner !== b.owner ||
    a.isGroup !== b.isGroup ||
    !sameSet(a.permissions, b.permissions) ||
    a.ownerAccess._tag !== b.ownerAccess._tag ||
    !sameSet(a.ownerAccess.permissions, b.ownerAccess.permissions) ||
    userSharesDiffer(a, b) ||
    tenantSharesChanged(a, b).length > 0 ||
    membersDiffer(a, b));

/** Walks two tables keyed by ascending ids in step, calling `f` on every id with a value on either side. */
const zipTables = <V>(a: Iterable<[number, V]>, b: Iterable<[number, V]>, f: (id: number, va: V | undefined, vb: V | undefined) => void): void => {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  let ra = ia.next();
  let rb = ib.next();
  while (!ra.done || !rb.done) {
    if (rb.done || (!ra.done && ra.value[0] < rb.value[0])) {
      if (!ra.done) f(ra.value[0], ra.value[1], undefined);
      ra = ia.next();
    } else if (ra.done || rb.value[0] < ra.value[0]) {
      f(rb.value[0], undefined, rb.value[1]);
      rb = ib.next();
    } else {
      f(ra.value[0], ra.value[1], rb.value[1]);
      ra = ia.next();
      rb = ib.next();
    }
  }
};

/** Every data source `user` may reach in `s` by a direct route of SPEC §3 (owned, user-shared, tenant-shared). */
const reachOf = (s: Snapshot, user: User | undefined): ReadonlyArray<DataSourceId> =>
  user === undefined ? noIds : [...(s.dataSourcesByOwner.get(user.id) ?? noIds), ...(s.userSharesByRecipient.get(user.id) ?? noIds), ...(s.tenantSharesByTenant.get(user.tenantId) ?? noIds)];

/** Everyone who may reach `d` in `s` by a direct route (owner, recipients, users of shared tenants). */
const reachersOf = (s: Snapshot, d: DataSource | undefined): ReadonlyArray<UserId> => {
  if (d === undefined) return noIds;
  const out: UserId[] = [d.owner, ...d.sharedUsers.keys()];
  for (const tid of d.sharedTenants.keys()) out.push(...(s.tenants.get(tid)?.users ?? noIds));
  return out;
};

/** R-OBO-2: the users `user` may act for in `s` (`all` for an active Administrator). */
export const actsFor = (s: Snapshot, user: User): ReadonlyArray<UserId> | 'all' => {
  if (!user.active) return noIds; // R-EFF-3: the gate is checked on an actor that is refused everything
  if (user.isAdministrator) return 'all'; // A12 passes the gate alone
  if (!has(user.permissions, Permission.OnBehalfOf) || !has(user.permissions, Permission.MgmtAPI)) return noIds;
  const out: UserId[] = [];
  for (const tid of user.tenantsAdministered) {
    for (const uid of s.tenants.get(tid)?.users ?? noIds) {
      const subject = s.users.get(uid);
      if (subject !== undefined && uid !== user.id && gateHolds(user, subject)) out.push(uid); // `?user=` naming oneself is a plain request (R-OBO-1)
    }
  }
  return out.sort((x, y) => x - y);
};

const absentUser: UserAccessState = { exists: false, tenantId: null, active: false, permissions: noIds, tenantsAdministered: noIds, administrator: false, actsFor: noIds };

/** A user's state apart from data sources in `s` (absent when the user does not exist there). */
export const userAccessState = (s: Snapshot, userId: UserId): UserAccessState => {
  const u = s.users.get(userId);
  if (u === undefined) return absentUser;
  return { exists: true, tenantId: u.tenantId, active: u.active, permissions: u.permissions.ids, tenantsAdministered: u.tenantsAdministered, administrator: u.isAdministrator, actsFor: actsFor(s, u) };
};

/** Whether two user states differ in what R-AUD-3 reports. */
export const userStatesDiffer = (a: UserAccessState, b: UserAccessState): boolean =>
  a.exists !== b.exists ||
  a.active !== b.active ||
  !sameIds(a.permissions, b.permissions) ||
  !sameIds(a.tenantsAdministered, b.tenantsAdministered) ||
  (a.actsFor === 'all' || b.actsFor === 'all' ? a.actsFor !== b.actsFor : !sameIds(a.actsFor, b.actsFor));

const absentAccess = { route: 'absent' as const, permissions: noIds };

/** The effective access of a (user, data source[, group]) question in `s`, or absent. */
const accessIn = (s: Snapshot, userId: UserId, dataSourceId: DataSourceId, groupId: DataSourceId | null): { readonly route: DiffRoute; readonly permissions: ReadonlyArray<number> } => {
  const u = s.users.get(userId);
  const d = s.dataSources.get(dataSourceId);
  if (u === undefined || d === undefined) return absentAccess;
  let access: EffectiveAccess;
  if (groupId === null) access = effectiveAccess(u, d);
  else {
    const g = s.dataSources.get(groupId);
    if (g === undefined) return absentAccess;
    access = effectiveAccessThroughGroup(u, g, d);
  }
  return { route: routeName(access), permissions: access.permissions.ids };
};

/** Questions to decide, deduplicated: direct pairs and group triples. */
class Questions {
  readonly direct = new Map<UserId, Set<DataSourceId>>();
  readonly viaGroup = new Map<UserId, Map<DataSourceId, Set<DataSourceId>>>(); // user → group → members
  pair(u: UserId, d: DataSourceId): void {
    let set = this.direct.get(u);
    if (set === undefined) this.direct.set(u, (set = new Set()));
    set.add(d);
  }
  triple(u: UserId, g: DataSourceId, m: DataSourceId): void {
    let byGroup = this.viaGroup.get(u);
    if (byGroup === undefined) this.viaGroup.set(u, (byGroup = new Map()));
    let set = byGroup.get(g);
    if (set === undefined) byGroup.set(g, (set = new Set()));
    set.add(m);
  }
}

/** The member ids of `g` in either snapshot. */
const membersEither = (a: DataSource | undefined, b: DataSource | undefined): ReadonlyArray<DataSourceId> => {
  if (a === b || b === undefined) return a?.members.map((m) => m.id) ?? noIds;
  if (a === undefined) return b.members.map((m) => m.id);
  return [...new Set([...a.members.map((m) => m.id), ...b.members.map((m) => m.id)])];
};

/** The diff of two snapshots and what it looked at. */
export const diffWithStats = (before: Snapshot, after: Snapshot, options: DiffOptions = {}): { readonly diff: SnapshotDiff; readonly stats: DiffStats } => {
  const progress = options.onProgress;
  const q = new Questions();
  const usersToState = new Set<UserId>();
  const tenantsMoved = new Set<TenantId>();
  let changedUsers = 0;
  let changedDataSources = 0;

  // 1. users whose inputs changed
  const changedUserIds: UserId[] = [];
  zipTables(before.users.entries(), after.users.entries(), (id, ua, ub) => {
    if (!userChanged(ua, ub)) return;
    changedUsers += 1;
    changedUserIds.push(id);
    usersToState.add(id);
    if (ua?.tenantId !== ub?.tenantId) {
      if (ua !== undefined) tenantsMoved.add(ua.tenantId);
      if (ub !== undefined) tenantsMoved.add(ub.tenantId);
    }
  });
  progress?.(`compared ${after.users.size} users: ${changedUsers} changed`);
  const groupExpansion = (u: UserId, g: DataSourceId): void => {
    const ga = before.dataSources.get(g);
    const gb = after.dataSources.get(g);
    if (ga?.isGroup !== true && gb?.isGroup !== true) return;
    for (const m of membersEither(ga, gb)) q.triple(u, g, m);
  };
  for (const uid of changedUserIds) {
    const reached = new Set<DataSourceId>([...reachOf(before, before.users.get(uid)), ...reachOf(after, after.users.get(uid))]);
    for (const d of reached) {
      q.pair(uid, d);
      groupExpansion(uid, d); // R-GRP-1: through the groups it reaches
    }
  }
  // R-OBO-2: a user created, deleted or moved changes the reach of its tenants' administrators
  for (const tid of tenantsMoved) {
    for (const uid of before.tenants.get(tid)?.admins ?? noIds) usersToState.add(uid);
    for (const uid of after.tenants.get(tid)?.admins ?? noIds) usersToState.add(uid);
  }

  // 2. data sources whose inputs changed
  zipTables(before.dataSources.entries(), after.dataSources.entries(), (id, da, db) => {
    if (!dataSourceChanged(da, db)) return;
    changedDataSources += 1;
    const candidates = new Set<UserId>();
    if (da !== undefined) candidates.add(da.owner);
    if (db !== undefined) candidates.add(db.owner);
    for (const uid of da?.sharedUsers.keys() ?? []) candidates.add(uid);
    for (const uid of db?.sharedUsers.keys() ?? []) candidates.add(uid);
    for (const tid of tenantSharesChanged(da, db)) {
      for (const uid of before.tenants.get(tid)?.users ?? noIds) candidates.add(uid);
      for (const uid of after.tenants.get(tid)?.users ?? noIds) candidates.add(uid);
    }
    for (const uid of candidates) q.pair(uid, id);
    // R-GRP-1: a group's members are reached through it by everyone who reaches it
    const viaGroupUsers = membersDiffer(da, db) ? new Set<UserId>([...reachersOf(before, da), ...reachersOf(after, db)]) : candidates;
    if (da?.isGroup === true || db?.isGroup === true) for (const uid of viaGroupUsers) groupExpansion(uid, id);
    // a member reached through a group whose owner has no set on it takes the owner's own route (R-GRP-1, R-GRP-3)
    for (const g of new Set([...(da?.groups ?? noIds), ...(db?.groups ?? noIds)])) {
      for (const s of [before, after]) {
        const group = s.dataSources.get(g);
        if (group !== undefined) q.triple(group.owner, g, id);
      }
    }
  });
  progress?.(`compared ${after.dataSources.size} data sources: ${changedDataSources} changed`);

  // 3. decide the affected questions only
  const changes: AccessChange[] = [];
  let questions = 0;
  const consider = (userId: UserId, dataSourceId: DataSourceId, groupId: DataSourceId | null): void => {
    questions += 1;
    const a = accessIn(before, userId, dataSourceId, groupId);
    const b = accessIn(after, userId, dataSourceId, groupId);
    if (!sameIds(a.permissions, b.permissions)) changes.push({ userId, dataSourceId, groupId, before: a.permissions, after: b.permissions, routeBefore: a.route, routeAfter: b.route });
  };
  for (const [uid, ds] of q.direct) for (const d of ds) consider(uid, d, null);
  for (const [uid, byGroup] of q.viaGroup) for (const [g, members] of byGroup) for (const m of members) consider(uid, m, g);
  changes.sort((x, y) => x.userId - y.userId || x.dataSourceId - y.dataSourceId || (x.groupId ?? -1) - (y.groupId ?? -1));
  progress?.(`decided ${questions} affected questions: ${changes.length} changed`);

  const users: UserChange[] = [];
  for (const uid of [...usersToState].sort((x, y) => x - y)) {
    const a = userAccessState(before, uid);
    const b = userAccessState(after, uid);
    if (userStatesDiffer(a, b)) users.push({ userId: uid, userName: after.users.get(uid)?.userName ?? before.users.get(uid)?.userName ?? '', before: a, after: b });
  }
  return { diff: { changes, users }, stats: { changedUsers, changedDataSources, questions } };
};

/** R-AUD-3: every (user, data source[, group]) whose effective permissions differ, and every user whose user permissions, administrative access, status or on-behalf-of reach differ. */
export const diffSnapshots = (before: Snapshot, after: Snapshot, options: DiffOptions = {}): SnapshotDiff => diffWithStats(before, after, options).diff;

/** Whether a diff is empty. */
export const isEmptyDiff = (d: SnapshotDiff): boolean => d.changes.length === 0 && d.users.length === 0;
