/**
 * Snapshot checks and normalization (SPEC §2): R-SNAP-1 … R-SNAP-8, R-CAT-1, R-CAT-2, R-SHR-5.
 *
 * Checks run on the decoded input as given, so every problem carries the JSON path of the
 * offending value in the caller's document; all violations are reported together.
 * Normalization then adds the system tenant and the predefined roles, fills a non-system
 * tenant's absent `parentTenant` with 1, sorts every list ascending by id and dedupes id lists.
 * INVARIANT (L-ORDER): reordering any list of the input, or duplicating an id inside an id
 * list, yields the same normalized output.
 * INVARIANT (idempotent): normalizing a normalized snapshot returns an equal snapshot (L-CODEC).
 */
import * as E from 'fp-ts/lib/Either.js';
import {
  builtInCatalog,
  dataSourceSettable,
  extendCatalog,
  Permission,
  predefinedRoles,
  SYSTEM_TENANT,
  type Catalog,
  type PermissionInfo,
  type PredefinedRole,
} from '../catalog/catalog.js';
import { equals, fromIds, has, show } from '../catalog/permissionSet.js';
import { at, problem, type Problem } from '../codec/problem.js';
import type {
  IdKind,
  DataSourceJson,
  MemberJson,
  OAuthAppJson,
  OAuthProfileJson,
  PermissionEntryJson,
  RoleJson,
  SnapshotJson,
  TenantJson,
  TenantShareJson,
  UserJson,
  UserShareJson,
} from '../codec/snapshot.js';
import type { RuleId } from '../catalog/ruleIds.js';
import { IdLists } from './idLists.js';

/** The name the system tenant gets when a snapshot omits it (R-SNAP-3). */
export const SYSTEM_TENANT_NAME = 'System';

/**
 * The catalog of a snapshot: the built-in catalog extended by the snapshot's own entries (SPEC §1).
 * An entry renaming a built-in id keeps the built-in description and categories unless it gives
 * its own; a new id without a category is elevated.
 */
export const snapshotCatalog = (entries: ReadonlyArray<PermissionEntryJson> | undefined): Catalog => {
  if (entries === undefined || entries.length === 0) return builtInCatalog;
  const infos: PermissionInfo[] = [];
  for (const e of entries) {
    const base = builtInCatalog.byId.get(e.id);
    infos.push({
      id: e.id,
      name: e.name,
      description: e.description ?? base?.description ?? '',
      categories: e.category !== undefined ? [e.category] : (base?.categories ?? ['elevated']),
    });
  }
  return extendCatalog(builtInCatalog, infos);
};

/** The ids ascending without duplicates; the same array when it already is. */
export const sortedUniqueIds = (ids: ReadonlyArray<number>): ReadonlyArray<number> => {
  let canonical = true;
  for (let i = 1; i < ids.length; i += 1) {
    if ((ids[i] ?? 0) <= (ids[i - 1] ?? 0)) {
      canonical = false;
      break;
    }
  }
  if (canonical) return ids;
  const out: number[] = [];
  const sorted = [...ids].sort((a, b) => a - b);
  for (const id of sorted) if (out.length === 0 || out[out.length - 1] !== id) out.push(id);
  return out;
};

/** The items ascending by key (stable); the same array when it already is. */
const sortByKey = <T>(items: ReadonlyArray<T>, key: (item: T) => number): ReadonlyArray<T> => {
  for (let i = 1; i < items.length; i += 1) {
    const prev = items[i - 1];
    const cur = items[i];
    if (prev !== undefined && cur !== undefined && key(cur) < key(prev)) {
      return [...items].sort((a, b) => key(a) - key(b));
    }
  }
  return items;
};

const byId = (item: { readonly id: number }): number => item.id;

/** A JSON path below `$` from its keys. */
const pathOf = (...keys: ReadonlyArray<string | number>): string => keys.reduce<string>((p, k) => at(p, k), '$');

/** The first item of each id (duplicates are reported by R-SNAP-1, lookups use the first). */
const indexFirst = <T>(items: ReadonlyArray<T>, key: (item: T) => number): Map<number, T> => {
  const map = new Map<number, T>();
  for (const item of items) if (!map.has(key(item))) map.set(key(item), item);
  return map;
};

/** Whether the items' keys are strictly ascending (then no key repeats: the duplicate checks need no set). */
const strictlyAscending = <T>(items: ReadonlyArray<T>, key: (item: T) => number): boolean =>
  items.every((item, i) => {
    const prev = items[i - 1];
    return prev === undefined || key(item) > key(prev);
  });

const NO_IDS: ReadonlySet<number> = new Set<number>();

/** Checks a decoded snapshot against every rule of SPEC §2 and normalizes it; all problems at once. */
export const normalizeAndCheck = (raw: SnapshotJson): E.Either<ReadonlyArray<Problem>, SnapshotJson> => {
  const { problems, catalog, hasSystemTenant } = examine(raw);
  return problems.length > 0 ? E.left(problems) : E.right(normalize(raw, catalog, hasSystemTenant));
};

/** Every problem of a decoded snapshot against the rules of SPEC §2, without normalizing it (R-TRN-1 checks an apply's cut-out this way). */
export const snapshotProblems = (raw: SnapshotJson): ReadonlyArray<Problem> => examine(raw).problems;

/** The checks of SPEC §2: every problem, and what normalization needs (the catalog, whether the system tenant is given). */
const examine = (raw: SnapshotJson): { readonly problems: ReadonlyArray<Problem>; readonly catalog: Catalog; readonly hasSystemTenant: boolean } => {
  const problems: Problem[] = [];
  const report = (path: string, message: string, rule: RuleId): void => {
    problems.push(problem(path, message, rule));
  };

  const entriesIn = raw.permissions ?? [];
  const tenantsIn = raw.tenants ?? [];
  const rolesIn = raw.roles ?? [];
  const usersIn = raw.users ?? [];
  const dataSourcesIn = raw.dataSources ?? [];
  const oauthAppsIn = raw.oauthApps ?? [];
  const oauthProfilesIn = raw.oauthProfiles ?? [];

  // R-SNAP-1: ids are unique per kind (catalog entries included); the first of an id wins lookups.
  const reportDuplicates = <T>(items: ReadonlyArray<T>, key: (item: T) => number, list: string, idField: string, kind: string): void => {
    if (strictlyAscending(items, key)) return; // as normalized and encoded snapshots are
    const seen = new Set<number>();
    items.forEach((item, i) => {
      const id = key(item);
      if (seen.has(id)) report(pathOf(list, i, idField), `${kind} \`${id}\` is defined twice`, 'R-SNAP-1');
      else seen.add(id);
    });
  };
  reportDuplicates(entriesIn, byId, 'permissions', 'id', 'permission');
  reportDuplicates(tenantsIn, byId, 'tenants', 'id', 'tenant');
  reportDuplicates(rolesIn, byId, 'roles', 'id', 'role');
  reportDuplicates(usersIn, byId, 'users', 'id', 'user');
  reportDuplicates(dataSourcesIn, byId, 'dataSources', 'id', 'data source');
  reportDuplicates(oauthAppsIn, byId, 'oauthApps', 'id', 'oauth app');
  reportDuplicates(oauthProfilesIn, byId, 'oauthProfiles', 'id', 'oauth profile');

  const catalog = snapshotCatalog(entriesIn);
  const tenantById = indexFirst(tenantsIn, byId);
  const userById = indexFirst(usersIn, byId);
  const dataSourceById = indexFirst(dataSourcesIn, byId);
  const oauthAppById = indexFirst(oauthAppsIn, byId);
  const roleById = indexFirst(rolesIn, byId);
  const predefinedById = new Map<number, PredefinedRole>(predefinedRoles.map((r) => [r.id, r]));
  // Roles a reference can resolve to: the given ones, and the predefined ones the snapshot omits (R-CAT-2).
  const roleTenant = new Map<number, number>();
  for (const r of rolesIn) if (!roleTenant.has(r.id)) roleTenant.set(r.id, r.tenantId);
  for (const r of predefinedRoles) if (!roleTenant.has(r.id)) roleTenant.set(r.id, SYSTEM_TENANT);

  // R-SNAP-3: the system tenant exists (added when omitted).
  const tenantExists = (id: number): boolean => id === SYSTEM_TENANT || tenantById.has(id);
  const missingTenant = (id: number): string => `tenant \`${id}\` does not exist`;
  const missingUser = (id: number): string => `user \`${id}\` does not exist`;

  // R-SNAP-4: a permission id outside the catalog.
  const checkCatalogIds = (ids: ReadonlyArray<number>, path: () => string): void => {
    ids.forEach((p, j) => {
      if (!catalog.byId.has(p)) report(at(path(), j), `permission \`${p}\` is not in the catalog`, 'R-SNAP-4');
    });
  };
  // R-SNAP-4 with R-CAT-1 (data-source-settable) and, for shares, R-SHR-5 (never SQLEditor).
  const checkSettableIds = (ids: ReadonlyArray<number>, isShare: boolean, path: () => string): void => {
    for (let j = 0; j < ids.length; j += 1) {
      const p = ids[j] ?? 0;
      const ok = has(dataSourceSettable, p) && !(isShare && p === Permission.SQLEditor);
      if (ok) continue;
      if (!catalog.byId.has(p)) report(at(path(), j), `permission \`${p}\` is not in the catalog`, 'R-SNAP-4');
      else if (!has(dataSourceSettable, p)) {
        report(at(path(), j), `permission \`${p}\` cannot be set on a data source or a share`, 'R-CAT-1');
      } else report(at(path(), j), `permission \`${p}\` (SQLEditor) cannot be granted by sharing`, 'R-SHR-5');
    }
  };

  // Derived relations from the users (first of each id): who holds a role, who administers a tenant.
  const roleHolders = IdLists.over(rolesIn);
  const tenantAdmins = IdLists.over(tenantsIn);
  for (const [uid, u] of userById) {
    for (const rid of u.permissions.roles) roleHolders.push(rid, uid);
    for (const tid of u.tenantsAdministered ?? []) tenantAdmins.push(tid, uid);
  }

  // Tenants: R-SNAP-3 two levels; R-SNAP-2 admins resolve; R-SNAP-6 admins agree with tenantsAdministered.
  tenantsIn.forEach((tn, i) => {
    if (tn.id === SYSTEM_TENANT) {
      if (tn.parentTenant !== undefined) {
        report(pathOf('tenants', i, 'parentTenant'), `the system tenant \`1\` has no parent tenant, got \`${tn.parentTenant}\``, 'R-SNAP-3');
      }
    } else if (tn.parentTenant !== undefined && tn.parentTenant !== SYSTEM_TENANT) {
      report(pathOf('tenants', i, 'parentTenant'), `tenant \`${tn.id}\` must have parent tenant \`1\`, got \`${tn.parentTenant}\``, 'R-SNAP-3');
    }
    if (tn.admins === undefined || tenantById.get(tn.id) !== tn) return;
    const listed = new Set(tn.admins);
    tn.admins.forEach((uid, j) => {
      const u = userById.get(uid);
      if (u === undefined) report(pathOf('tenants', i, 'admins', j), missingUser(uid), 'R-SNAP-2');
      else if (!(u.tenantsAdministered ?? []).includes(tn.id)) {
        report(pathOf('tenants', i, 'admins', j), `user \`${uid}\` is listed as an admin of tenant \`${tn.id}\` but does not administer it`, 'R-SNAP-6');
      }
    });
    for (const uid of tenantAdmins.get(tn.id) ?? []) {
      if (!listed.has(uid)) {
        report(pathOf('tenants', i, 'admins'), `user \`${uid}\` administers tenant \`${tn.id}\` but is not listed in its admins`, 'R-SNAP-6');
      }
    }
  });

  // Roles: R-CAT-2 predefined roles; R-SNAP-2 tenant and users resolve; R-SNAP-4 catalog; users agree with user roles.
  rolesIn.forEach((r, i) => {
    const pre = predefinedById.get(r.id);
    if (pre !== undefined) {
      if (r.tenantId !== SYSTEM_TENANT) {
        report(pathOf('roles', i, 'tenantId'), `predefined role \`${r.id}\` belongs to the system tenant \`1\`, got \`${r.tenantId}\``, 'R-CAT-2');
      }
      const expected = pre.permissions(catalog);
      const given = fromIds(r.permissions);
      if (!equals(expected, given)) {
        report(pathOf('roles', i, 'permissions'), `predefined role \`${r.id}\` must hold exactly \`${show(expected)}\`, got \`${show(given)}\``, 'R-CAT-2');
      }
    } else if (!tenantExists(r.tenantId)) {
      report(pathOf('roles', i, 'tenantId'), missingTenant(r.tenantId), 'R-SNAP-2');
    }
    checkCatalogIds(r.permissions, () => pathOf('roles', i, 'permissions'));
    if (r.users === undefined || roleById.get(r.id) !== r) return;
    const listed = new Set(r.users);
    r.users.forEach((uid, j) => {
      const u = userById.get(uid);
      if (u === undefined) report(pathOf('roles', i, 'users', j), missingUser(uid), 'R-SNAP-2');
      else if (!u.permissions.roles.includes(r.id)) {
        report(pathOf('roles', i, 'users', j), `user \`${uid}\` is listed as a user of role \`${r.id}\` but does not hold it`, 'R-SNAP-6');
      }
    });
    for (const uid of roleHolders.get(r.id) ?? []) {
      if (!listed.has(uid)) report(pathOf('roles', i, 'users'), `user \`${uid}\` holds role \`${r.id}\` but is not listed in its users`, 'R-SNAP-6');
    }
  });

  // Users: R-SNAP-1 names; R-SNAP-2 tenant, roles, administered tenants; R-SNAP-5 roles; R-SNAP-4; R-SNAP-6.
  const nameOwner = new Map<string, number>();
  usersIn.forEach((u, i) => {
    const holder = nameOwner.get(u.userName);
    if (holder !== undefined) {
      report(pathOf('users', i, 'userName'), `user name \`${u.userName}\` is already used by user \`${holder}\``, 'R-SNAP-1');
    } else nameOwner.set(u.userName, u.id);
    const knownTenant = tenantExists(u.tenantId);
    if (!knownTenant) report(pathOf('users', i, 'tenantId'), missingTenant(u.tenantId), 'R-SNAP-2');
    // R-SNAP-5 / R-EFF-2: at least one role, each of the user's own tenant.
    if (u.permissions.roles.length === 0) {
      report(pathOf('users', i, 'permissions', 'roles'), `user \`${u.id}\` has no role`, 'R-SNAP-5');
    }
    u.permissions.roles.forEach((rid, j) => {
      const tenantOfRole = roleTenant.get(rid);
      if (tenantOfRole === undefined) report(pathOf('users', i, 'permissions', 'roles', j), `role \`${rid}\` does not exist`, 'R-SNAP-2');
      else if (knownTenant && tenantOfRole !== u.tenantId) {
        report(
          pathOf('users', i, 'permissions', 'roles', j),
          `role \`${rid}\` belongs to tenant \`${tenantOfRole}\`, not to the user's tenant \`${u.tenantId}\``,
          'R-SNAP-5',
        );
      }
    });
    if (u.permissions.permissions !== undefined) checkCatalogIds(u.permissions.permissions, () => pathOf('users', i, 'permissions', 'permissions'));
    // R-SNAP-6 / R-ADM-5: a system-tenant user may administer any tenant, a child-tenant user only its own.
    (u.tenantsAdministered ?? []).forEach((tid, j) => {
      if (!tenantExists(tid)) report(pathOf('users', i, 'tenantsAdministered', j), missingTenant(tid), 'R-SNAP-2');
      else if (knownTenant && u.tenantId !== SYSTEM_TENANT && tid !== u.tenantId) {
        report(pathOf('users', i, 'tenantsAdministered', j), `user \`${u.id}\` of tenant \`${u.tenantId}\` cannot administer tenant \`${tid}\``, 'R-SNAP-6');
      }
    });
  });

  // Data sources: R-SNAP-2 owner and references; R-SNAP-4 / R-CAT-1 / R-SHR-5 sets; R-SNAP-7 groups; R-SNAP-8 shares.
  dataSourcesIn.forEach((ds, i) => {
    if (!userById.has(ds.owner)) report(pathOf('dataSources', i, 'owner'), missingUser(ds.owner), 'R-SNAP-2');
    if (ds.permissions !== undefined) checkSettableIds(ds.permissions, false, () => pathOf('dataSources', i, 'permissions'));
    checkMembers(ds, i);
    checkShares(ds, i);
  });

  function sharedUserPath(i: number, j: number): string {
    return pathOf('dataSources', i, 'sharedUsers', j, 'userId');
  }

  function checkMembers(ds: DataSourceJson, i: number): void {
    const members = ds.members;
    if (members === undefined || members.length === 0) return;
    // R-SNAP-7: only groups have members.
    if (ds.isGroup !== true) {
      report(pathOf('dataSources', i, 'members'), `data source \`${ds.id}\` is not a group and cannot have members`, 'R-SNAP-7');
    }
    const seen = new Set<number>();
    members.forEach((m, j) => {
      if (seen.has(m.id)) {
        report(pathOf('dataSources', i, 'members', j, 'id'), `member \`${m.id}\` is listed twice`, 'R-SNAP-7');
        return;
      }
      seen.add(m.id);
      const member = dataSourceById.get(m.id);
      if (member === undefined) report(pathOf('dataSources', i, 'members', j, 'id'), `data source \`${m.id}\` does not exist`, 'R-SNAP-2');
      else if (member.isGroup === true) report(pathOf('dataSources', i, 'members', j, 'id'), `member \`${m.id}\` is a group, and groups do not nest`, 'R-SNAP-7'); // R-GRP-2
      else if (member.owner !== ds.owner) {
        // R-GRP-3
        report(pathOf('dataSources', i, 'members', j, 'id'), `member \`${m.id}\` is owned by user \`${member.owner}\`, not by the group's owner \`${ds.owner}\``, 'R-SNAP-7');
      }
    });
  }

  function checkShares(ds: DataSourceJson, i: number): void {
    const sharedTenants = ds.sharedTenants ?? [];
    const sharedUsers = ds.sharedUsers ?? [];
    if (sharedTenants.length === 0 && sharedUsers.length === 0) return;
    let tenantsSeen = NO_IDS; // most data sources have no tenant share
    if (sharedTenants.length > 0) {
      const seen = new Set<number>();
      sharedTenants.forEach((s, j) => {
        if (!tenantExists(s.tenantId)) report(pathOf('dataSources', i, 'sharedTenants', j, 'tenantId'), missingTenant(s.tenantId), 'R-SNAP-2');
        else if (seen.has(s.tenantId)) {
          report(pathOf('dataSources', i, 'sharedTenants', j, 'tenantId'), `tenant \`${s.tenantId}\` is listed twice`, 'R-SNAP-8');
        }
        seen.add(s.tenantId);
        checkSettableIds(s.permissions, true, () => pathOf('dataSources', i, 'sharedTenants', j, 'permissions'));
      });
      tenantsSeen = seen;
    }
    // a list ascending by recipient repeats none, and needs no set
    const usersSeen = strictlyAscending(sharedUsers, (s) => s.userId) ? undefined : new Set<number>();
    sharedUsers.forEach((s, j) => {
      const recipient = userById.get(s.userId);
      if (recipient === undefined) report(sharedUserPath(i, j), missingUser(s.userId), 'R-SNAP-2');
      else if (usersSeen?.has(s.userId) === true) report(sharedUserPath(i, j), `user \`${s.userId}\` is listed twice`, 'R-SNAP-8');
      else if (s.userId === ds.owner) report(sharedUserPath(i, j), `data source \`${ds.id}\` cannot be shared with its owner \`${ds.owner}\``, 'R-SNAP-8');
      else if (tenantsSeen.has(recipient.tenantId)) {
        // R-SHR-3: never shared with a tenant and with users of that tenant at once.
        report(sharedUserPath(i, j), `user \`${s.userId}\` is in tenant \`${recipient.tenantId}\`, which data source \`${ds.id}\` is shared with`, 'R-SNAP-8');
      }
      usersSeen?.add(s.userId);
      checkSettableIds(s.permissions, true, () => pathOf('dataSources', i, 'sharedUsers', j, 'permissions'));
    });
  }

  // OAuth: R-SNAP-2 an app's tenant, a profile's app and owner resolve.
  oauthAppsIn.forEach((a, i) => {
    if (!tenantExists(a.tenantId)) report(pathOf('oauthApps', i, 'tenantId'), missingTenant(a.tenantId), 'R-SNAP-2');
  });
  oauthProfilesIn.forEach((p, i) => {
    if (!oauthAppById.has(p.oauthAppId)) report(pathOf('oauthProfiles', i, 'oauthAppId'), `oauth app \`${p.oauthAppId}\` does not exist`, 'R-SNAP-2');
    if (!userById.has(p.owner)) report(pathOf('oauthProfiles', i, 'owner'), missingUser(p.owner), 'R-SNAP-2');
  });

  // R-SNAP-1 / R-TRN-2: each high-water mark is above every id of its kind (predefined roles and the system tenant included).
  const nextIds = raw.nextIds;
  if (nextIds !== undefined) {
    const highest = (ids: Iterable<number>): number => {
      let max = 0;
      for (const id of ids) if (id > max) max = id;
      return max;
    };
    const kinds: ReadonlyArray<readonly [IdKind, number]> = [
      ['tenant', highest([SYSTEM_TENANT, ...tenantById.keys()])],
      ['role', highest(roleTenant.keys())],
      ['user', highest(userById.keys())],
      ['dataSource', highest(dataSourceById.keys())],
      ['oauthApp', highest(oauthAppById.keys())],
      ['oauthProfile', highest(oauthProfilesIn.map(byId))],
    ];
    for (const [kind, max] of kinds) {
      const next = nextIds[kind];
      if (next !== undefined && next <= max) report(pathOf('nextIds', kind), `next ${kind} id \`${next}\` must be above the highest ${kind} id \`${max}\``, 'R-SNAP-1');
    }
  }

  return { problems, catalog, hasSystemTenant: tenantById.has(SYSTEM_TENANT) };
};

// ---------------------------------------------------------------------------------------------
// Normalization (only of checked input)

const normalizeTenant = (tn: TenantJson): TenantJson => {
  // R-SNAP-3: a non-system tenant's absent parent is the system tenant.
  const withParent: TenantJson = tn.id !== SYSTEM_TENANT && tn.parentTenant === undefined ? { ...tn, parentTenant: SYSTEM_TENANT } : tn;
  if (withParent.admins === undefined) return withParent;
  const admins = sortedUniqueIds(withParent.admins);
  return admins === withParent.admins ? withParent : { ...withParent, admins };
};

const normalizeRole = (r: RoleJson): RoleJson => {
  const permissions = sortedUniqueIds(r.permissions);
  const users = r.users === undefined ? undefined : sortedUniqueIds(r.users);
  if (permissions === r.permissions && users === r.users) return r;
  return users === undefined ? { ...r, permissions } : { ...r, permissions, users };
};

const normalizeUser = (u: UserJson): UserJson => {
  const roles = sortedUniqueIds(u.permissions.roles);
  const explicit = u.permissions.permissions === undefined ? undefined : sortedUniqueIds(u.permissions.permissions);
  const administered = u.tenantsAdministered === undefined ? undefined : sortedUniqueIds(u.tenantsAdministered);
  if (roles === u.permissions.roles && explicit === u.permissions.permissions && administered === u.tenantsAdministered) return u;
  const permissions: UserJson['permissions'] = explicit === undefined ? { ...u.permissions, roles } : { ...u.permissions, roles, permissions: explicit };
  return administered === undefined ? { ...u, permissions } : { ...u, permissions, tenantsAdministered: administered };
};

const normalizeUserShare = (s: UserShareJson): UserShareJson => {
  const permissions = sortedUniqueIds(s.permissions);
  return permissions === s.permissions ? s : { ...s, permissions };
};

const normalizeTenantShare = (s: TenantShareJson): TenantShareJson => {
  const permissions = sortedUniqueIds(s.permissions);
  return permissions === s.permissions ? s : { ...s, permissions };
};

const mapSame = <T>(items: ReadonlyArray<T>, f: (item: T) => T): ReadonlyArray<T> => {
  let out: T[] | undefined;
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i];
    if (item === undefined) continue;
    const next = f(item);
    if (next !== item && out === undefined) out = items.slice(0, i);
    if (out !== undefined) out.push(next);
  }
  return out ?? items;
};

const normalizeDataSource = (ds: DataSourceJson): DataSourceJson => {
  const permissions = ds.permissions === undefined ? undefined : sortedUniqueIds(ds.permissions);
  const sharedUsers = ds.sharedUsers === undefined ? undefined : sortByKey(mapSame(ds.sharedUsers, normalizeUserShare), (s) => s.userId);
  const sharedTenants = ds.sharedTenants === undefined ? undefined : sortByKey(mapSame(ds.sharedTenants, normalizeTenantShare), (s) => s.tenantId);
  const members: ReadonlyArray<MemberJson> | undefined = ds.members === undefined ? undefined : sortByKey(ds.members, byId);
  if (permissions === ds.permissions && sharedUsers === ds.sharedUsers && sharedTenants === ds.sharedTenants && members === ds.members) return ds;
  const out: { -readonly [K in keyof DataSourceJson]: DataSourceJson[K] } = { ...ds };
  if (permissions !== undefined) out.permissions = permissions;
  if (sharedUsers !== undefined) out.sharedUsers = sharedUsers;
  if (sharedTenants !== undefined) out.sharedTenants = sharedTenants;
  if (members !== undefined) out.members = members;
  return out;
};

/** Builds the normalized form of a checked snapshot (SPEC §2; L-ORDER, L-CODEC). */
const normalize = (raw: SnapshotJson, catalog: Catalog, hasSystemTenant: boolean): SnapshotJson => {
  const tenants: TenantJson[] = [];
  // R-SNAP-3: the system tenant is added when the snapshot omits it.
  if (!hasSystemTenant) tenants.push({ id: SYSTEM_TENANT, name: SYSTEM_TENANT_NAME });
  for (const tn of raw.tenants ?? []) tenants.push(normalizeTenant(tn));

  const roles: RoleJson[] = [];
  const givenRoles = new Set<number>();
  for (const r of raw.roles ?? []) {
    givenRoles.add(r.id);
    roles.push(normalizeRole(r));
  }
  // R-CAT-2: the predefined roles are added when the snapshot omits them.
  for (const pre of predefinedRoles) {
    if (!givenRoles.has(pre.id)) roles.push({ id: pre.id, name: pre.name, tenantId: SYSTEM_TENANT, permissions: pre.permissions(catalog).ids });
  }

  const entries: ReadonlyArray<PermissionEntryJson> = sortByKey(raw.permissions ?? [], byId);
  const oauthApps: ReadonlyArray<OAuthAppJson> = sortByKey(raw.oauthApps ?? [], byId);
  const oauthProfiles: ReadonlyArray<OAuthProfileJson> = sortByKey(raw.oauthProfiles ?? [], byId);
  return {
    permissions: entries,
    tenants: sortByKey(tenants, byId),
    roles: sortByKey(roles, byId),
    users: sortByKey(mapSame(raw.users ?? [], normalizeUser), byId),
    dataSources: sortByKey(mapSame(raw.dataSources ?? [], normalizeDataSource), byId),
    oauthApps,
    oauthProfiles,
    ...(raw.nextIds === undefined ? {} : { nextIds: raw.nextIds }),
  };
};
