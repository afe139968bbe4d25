/**
 * Seeded generator of large, valid snapshots (SPEC §2) and of mixed effective-permission
 * requests, for the benchmark. Deterministic: the same seed and size give the same output
 * (own PRNG, never Math.random).
 */
import type { DataSourceJson, RoleJson, SnapshotJson, TenantJson, TenantShareJson, UserJson, UserShareJson } from '../src/codec/snapshot.js';
import { mulberry32, type Random } from '../properties/arbitraries/prng.js';

export { mulberry32, type Random };


/** An integer in [lo, hi] (inclusive). */
const intIn = (rnd: Random, lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));

/** A uniformly chosen element of a list; `fallback` when the list is empty. */
const pick = <T, F>(rnd: Random, items: ReadonlyArray<T>, fallback: F): T | F => items[Math.floor(rnd() * items.length)] ?? fallback;

/** A random subset of `pool` (each member with probability 1/2), ascending; non-empty unless `allowEmpty`. */
const subset = (rnd: Random, pool: ReadonlyArray<number>, allowEmpty: boolean): number[] => {
  for (;;) {
    const out = pool.filter(() => rnd() < 0.5);
    if (out.length > 0 || allowEmpty) return out;
  }
};

const range = (lo: number, hi: number): number[] => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);

/** How many of each entity a generated snapshot holds. */
export interface SnapshotSize {
  readonly tenants: number;
  readonly users: number;
  readonly dataSources: number;
  readonly groups: number;
  readonly userShares: number;
  readonly tenantShares: number;
  readonly requests: number;
}

/** The full benchmark size. */
export const fullSize: SnapshotSize = { tenants: 100, users: 20_000, dataSources: 100_000, groups: 2_000, userShares: 200_000, tenantShares: 5_000, requests: 100_000 };

/** A 10x smaller size for fast iteration (`--quick`). */
export const quickSize: SnapshotSize = { tenants: 10, users: 2_000, dataSources: 10_000, groups: 200, userShares: 20_000, tenantShares: 500, requests: 10_000 };

/** Data-source-settable permissions (R-CAT-1). */
const DS_SETTABLE: ReadonlyArray<number> = [2, 3, 4, 5, 6, 7, 10];
/** Share-grantable permissions used by the generator (R-CAT-1 without SQLEditor, R-SHR-5). */
const SHAREABLE: ReadonlyArray<number> = [2, 3, 4, 5, 6, 7];

/** Custom role templates of a child tenant; the last one is the tenant's administrator role. */
const CHILD_ROLE_TEMPLATES: ReadonlyArray<{ readonly name: string; readonly permissions: ReadonlyArray<number> }> = [
  { name: 'Analyst', permissions: [2, 5, 6, 7, 8, 9, 10, 11] },
  { name: 'Developer', permissions: range(1, 11) },
  { name: 'QueryOnly', permissions: [5, 6, 7, 9] },
  { name: 'TenantAdmin', permissions: [...range(1, 11), ...range(13, 21)] },
];
const TENANT_ADMIN_TEMPLATE = CHILD_ROLE_TEMPLATES.length - 1;
const AUDITOR_ROLE = 900;

const childRoleId = (tenantId: number, k: number): number => 1_000 + tenantId * 10 + k;

/** Generates a valid snapshot JSON (SPEC §2) of the given size, deterministically from `seed`. */
export const generateSnapshot = (seed: number, size: SnapshotSize): SnapshotJson => {
  const rnd = mulberry32(seed);
  const tenantCount = Math.max(2, size.tenants);
  const childTenants = range(2, tenantCount);

  // Tenants: 1 is the system tenant, every other one a child of it (R-SNAP-3).
  const tenants: TenantJson[] = [{ id: 1, name: 'System' }];
  for (const t of childTenants) tenants.push(t % 7 === 0 ? { id: t, name: `Tenant${t}`, parentTenant: 1, status: 1 } : { id: t, name: `Tenant${t}`, parentTenant: 1 });

  // Roles: one custom role in the system tenant, four per child tenant (R-EFF-2 needs own-tenant roles).
  const roles: RoleJson[] = [{ id: AUDITOR_ROLE, name: 'Auditor', tenantId: 1, permissions: [2, 8, 9, 11, 14, 18] }];
  for (const t of childTenants) {
    CHILD_ROLE_TEMPLATES.forEach((tpl, k) => roles.push({ id: childRoleId(t, k), name: `${tpl.name}@${t}`, tenantId: t, permissions: [...tpl.permissions] }));
  }

  // Users: a few system administrators (role 1), some system tenant administrators (role 3),
  // one administrator per child tenant (administering only its own tenant, R-ADM-5), the rest spread.
  const userCount = Math.max(size.users, tenantCount + 10);
  const sysAdmins = Math.max(2, Math.round(userCount / 4_000));
  const sysTenantAdmins = Math.max(2, Math.round(userCount / 2_000));
  const sysUsers = Math.max(sysAdmins + sysTenantAdmins + 2, Math.round(userCount / 100));
  const users: UserJson[] = [];
  const tenantOf: number[] = []; // by user index
  const usersByTenant = new Map<number, number[]>();
  for (let i = 0; i < userCount; i += 1) {
    const id = i + 1;
    const base = { id, userName: `user${id}` };
    let tenantId: number;
    let user: UserJson;
    if (i < sysUsers) {
      tenantId = 1;
      if (i < sysAdmins) {
        const administered = i === 0 ? range(1, tenantCount) : childTenants.filter(() => rnd() < 0.3);
        user = { ...base, tenantId, permissions: { roles: [1] }, tenantsAdministered: administered };
      } else if (i < sysAdmins + sysTenantAdmins) {
        user = { ...base, tenantId, permissions: { roles: [3] }, tenantsAdministered: childTenants.filter(() => rnd() < 0.1) };
      } else {
        user = { ...base, tenantId, permissions: { roles: rnd() < 0.2 ? [2, AUDITOR_ROLE] : [2] } };
      }
    } else if (i < sysUsers + childTenants.length) {
      tenantId = childTenants[i - sysUsers] ?? 2;
      user = { ...base, tenantId, permissions: { roles: [childRoleId(tenantId, TENANT_ADMIN_TEMPLATE)] }, tenantsAdministered: [tenantId] };
    } else {
      tenantId = pick(rnd, childTenants, 2);
      const first = intIn(rnd, 0, TENANT_ADMIN_TEMPLATE - 1);
      const second = intIn(rnd, 0, TENANT_ADMIN_TEMPLATE - 1);
      const roleIds = rnd() < 0.2 && second !== first ? [childRoleId(tenantId, first), childRoleId(tenantId, second)] : [childRoleId(tenantId, first)];
      const explicit = rnd() < 0.05 ? { permissions: [8, 10] } : {};
      user = { ...base, tenantId, permissions: { roles: roleIds, ...explicit } };
    }
    // ~2% inactive or locked (R-EFF-3); some carry an explicit active status.
    const s = rnd();
    if (s < 0.01) user = { ...user, statusInfo: { status: 0 } };
    else if (s < 0.02) user = { ...user, statusInfo: { status: 1, accountLocked: true } };
    else if (s < 0.1) user = { ...user, statusInfo: { status: 1, accountLocked: false } };
    users.push(user);
    tenantOf.push(tenantId);
    const list = usersByTenant.get(tenantId);
    if (list === undefined) usersByTenant.set(tenantId, [id]);
    else list.push(id);
  }
  const tenantOfUser = (userId: number): number => tenantOf[userId - 1] ?? 1;
  const allUserIds = users.map((u) => u.id);

  // Plain data sources: owners spread over users, ~30% with data-source permissions (some empty: "set, no access").
  interface DsDraft {
    readonly id: number;
    readonly owner: number;
    readonly isGroup: boolean;
    readonly permissions: number[] | undefined;
    readonly members: number[];
    readonly sharedUsers: UserShareJson[];
    readonly sharedTenants: TenantShareJson[];
    readonly sharedUserIds: Set<number>;
    readonly sharedTenantIds: Set<number>;
  }
  const draft = (id: number, owner: number, isGroup: boolean, permissions: number[] | undefined, members: number[]): DsDraft => ({
    id,
    owner,
    isGroup,
    permissions,
    members,
    sharedUsers: [],
    sharedTenants: [],
    sharedUserIds: new Set(),
    sharedTenantIds: new Set(),
  });
  const drafts: DsDraft[] = [];
  const plainByOwner = new Map<number, number[]>();
  for (let i = 0; i < size.dataSources; i += 1) {
    const id = i + 1;
    const owner = pick(rnd, allUserIds, 1);
    const permissions = rnd() < 0.3 ? subset(rnd, DS_SETTABLE, rnd() < 0.03) : undefined;
    drafts.push(draft(id, owner, false, permissions, []));
    const list = plainByOwner.get(owner);
    if (list === undefined) plainByOwner.set(owner, [id]);
    else list.push(id);
  }

  // Groups: 2–10 members, each a plain data source of the group's owner (R-GRP-2, R-GRP-3), no member twice.
  const owners = [...plainByOwner.entries()].filter(([, ids]) => ids.length >= 2);
  for (let g = 0; g < size.groups && owners.length > 0; g += 1) {
    const [owner, own] = pick(rnd, owners, [1, []]);
    const pool = [...own];
    const k = Math.min(pool.length, intIn(rnd, 2, 10));
    for (let j = 0; j < k; j += 1) {
      const swap = j + Math.floor(rnd() * (pool.length - j));
      const a = pool[j] ?? 0;
      pool[j] = pool[swap] ?? 0;
      pool[swap] = a;
    }
    const members = pool.slice(0, k).sort((x, y) => x - y);
    const permissions = rnd() < 0.2 ? subset(rnd, DS_SETTABLE, false) : undefined;
    drafts.push(draft(size.dataSources + g + 1, owner, true, permissions, members));
  }

  // Tenant shares first (no tenant twice per data source), then user shares that respect R-SHR-3.
  const maxAttempts = (n: number): number => n * 20 + 100;
  let made = 0;
  for (let attempt = 0; made < size.tenantShares && attempt < maxAttempts(size.tenantShares); attempt += 1) {
    const d = pick(rnd, drafts, undefined);
    if (d === undefined) break;
    const tenantId = intIn(rnd, 1, tenantCount);
    if (d.sharedTenantIds.has(tenantId)) continue;
    d.sharedTenantIds.add(tenantId);
    d.sharedTenants.push({ tenantId, permissions: subset(rnd, SHAREABLE, false) });
    made += 1;
  }
  made = 0;
  for (let attempt = 0; made < size.userShares && attempt < maxAttempts(size.userShares); attempt += 1) {
    const d = pick(rnd, drafts, undefined);
    if (d === undefined) break;
    // mostly same-tenant recipients, some cross-tenant
    const sameTenant = rnd() < 0.85;
    const recipient = sameTenant ? pick(rnd, usersByTenant.get(tenantOfUser(d.owner)) ?? allUserIds, 1) : pick(rnd, allUserIds, 1);
    if (recipient === d.owner || d.sharedUserIds.has(recipient)) continue; // R-SNAP-8
    if (d.sharedTenantIds.has(tenantOfUser(recipient))) continue; // R-SHR-3: drop it
    d.sharedUserIds.add(recipient);
    d.sharedUsers.push({ userId: recipient, permissions: subset(rnd, SHAREABLE, rnd() < 0.02) });
    made += 1;
  }

  const dataSources: DataSourceJson[] = drafts.map((d) => {
    const out: { -readonly [K in keyof DataSourceJson]: DataSourceJson[K] } = { id: d.id, name: `${d.isGroup ? 'group' : 'ds'}${d.id}`, owner: d.owner, isGroup: d.isGroup };
    if (d.permissions !== undefined) out.permissions = d.permissions;
    if (d.sharedUsers.length > 0) out.sharedUsers = d.sharedUsers;
    if (d.sharedTenants.length > 0) out.sharedTenants = d.sharedTenants;
    if (d.isGroup) out.members = d.members.map((id, j) => ({ id, entityPrefix: `m${j}` }));
    return out;
  });

  return { tenants, roles, users, dataSources };
};

/** How a generated request relates the user to the data source. */
export type RequestKind = 'owner' | 'userShare' | 'tenantShare' | 'group' | 'stranger';

/** The request kinds, in the order reports list them. */
export const requestKinds: ReadonlyArray<RequestKind> = ['owner', 'userShare', 'tenantShare', 'group', 'stranger'];

/** One effective-permission question: user on data source, through a group when `groupId` is set. */
export interface BenchRequest {
  readonly kind: RequestKind;
  readonly userId: number;
  readonly dsId: number;
  readonly groupId?: number;
}

/** Generates `count` mixed requests over a generated snapshot, roughly equal parts of each kind, from `seed`. */
export const generateRequests = (snapshot: SnapshotJson, seed: number, count: number): BenchRequest[] => {
  const rnd = mulberry32(seed ^ 0x9e3779b9);
  const users = snapshot.users ?? [];
  const dataSources = snapshot.dataSources ?? [];
  const userIds = users.map((u) => u.id);
  const tenantOfUser = new Map<number, number>(users.map((u) => [u.id, u.tenantId]));
  const usersByTenant = new Map<number, number[]>();
  for (const u of users) {
    const list = usersByTenant.get(u.tenantId);
    if (list === undefined) usersByTenant.set(u.tenantId, [u.id]);
    else list.push(u.id);
  }
  const plain = dataSources.filter((d) => d.isGroup !== true);
  const groups = dataSources.filter((d) => d.isGroup === true && (d.members ?? []).length > 0);
  const userShares: Array<{ readonly dsId: number; readonly userId: number }> = [];
  const tenantShares: Array<{ readonly dsId: number; readonly tenantId: number }> = [];
  for (const d of dataSources) {
    for (const s of d.sharedUsers ?? []) userShares.push({ dsId: d.id, userId: s.userId });
    for (const s of d.sharedTenants ?? []) if ((usersByTenant.get(s.tenantId) ?? []).length > 0) tenantShares.push({ dsId: d.id, tenantId: s.tenantId });
  }
  const related = (d: DataSourceJson, userId: number): boolean =>
    d.owner === userId ||
    (d.sharedUsers ?? []).some((s) => s.userId === userId) ||
    (d.sharedTenants ?? []).some((s) => s.tenantId === tenantOfUser.get(userId));

  const fallbackDs = dataSources[0];
  const out: BenchRequest[] = [];
  if (fallbackDs === undefined) return out;
  const ownerRequest = (): BenchRequest => {
    const d = pick(rnd, dataSources, fallbackDs);
    return { kind: 'owner', userId: d.owner, dsId: d.id };
  };
  for (let i = 0; i < count; i += 1) {
    const kind = pick(rnd, requestKinds, 'owner');
    switch (kind) {
      case 'owner':
        out.push(ownerRequest());
        break;
      case 'userShare': {
        const s = pick(rnd, userShares, undefined);
        out.push(s === undefined ? ownerRequest() : { kind, userId: s.userId, dsId: s.dsId });
        break;
      }
      case 'tenantShare': {
        const s = pick(rnd, tenantShares, undefined);
        out.push(s === undefined ? ownerRequest() : { kind, userId: pick(rnd, usersByTenant.get(s.tenantId) ?? [], 1), dsId: s.dsId });
        break;
      }
      case 'group': {
        const g = pick(rnd, groups, undefined);
        if (g === undefined) {
          out.push(ownerRequest());
          break;
        }
        const member = pick(rnd, g.members ?? [], { id: g.id });
        // the owner, a user-share recipient, or a user of a tenant the group is shared with
        const r = rnd();
        const shareUser = pick(rnd, g.sharedUsers ?? [], undefined)?.userId;
        const shareTenant = pick(rnd, g.sharedTenants ?? [], undefined)?.tenantId;
        const tenantUser = shareTenant === undefined ? undefined : pick(rnd, usersByTenant.get(shareTenant) ?? [], undefined);
        const userId = r < 0.4 ? g.owner : r < 0.8 ? (shareUser ?? tenantUser ?? g.owner) : (tenantUser ?? shareUser ?? g.owner);
        out.push({ kind, userId, dsId: member.id, groupId: g.id });
        break;
      }
      case 'stranger': {
        let d = pick(rnd, plain, fallbackDs);
        let userId = pick(rnd, userIds, 1);
        for (let tries = 0; tries < 10 && related(d, userId); tries += 1) {
          d = pick(rnd, plain, fallbackDs);
          userId = pick(rnd, userIds, 1);
        }
        out.push({ kind, userId, dsId: d.id });
        break;
      }
    }
  }
  return out;
};
