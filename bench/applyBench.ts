/**
 * The state-change rows of the benchmark (SPEC §6, issue 7): requests that `apply` allows and
 * that change the state, built against the current snapshot so that every one of them changes
 * something (each toggles between two states), and a timed run of a chain of them.
 *
 * Every request is made by an active system Administrator (holding 12, R-ADM-1) that administers
 * every tenant, so it is allowed whatever its target; data-source permission writes name the
 * owner with `?user=` (R-PAY-1, R-OBO-3).
 */
import type { HttpRequestJson } from '../src/codec/request.js';
import type { DataSource, Role, Snapshot, User } from '../src/model/snapshot.js';
import { applyHttp } from '../src/transition/apply.js';
import type { Random } from './generate.js';

/** The kinds of state change timed by the benchmark. */
export type ChangeKind = 'userShare' | 'override' | 'member' | 'role' | 'move';

/** The change kinds, in the order the rows list them. */
export const changeKinds: ReadonlyArray<ChangeKind> = ['userShare', 'override', 'member', 'role', 'move'];

/** What each kind of row changes, for the row's name. */
export const changeNames: Readonly<Record<ChangeKind, string>> = {
  userShare: 'user share permissions (PUT …/sharedUsers/{uid})',
  override: 'override (PUT …/permissions?user=owner)',
  member: 'group member (POST …/members, DELETE …/members/{mid})',
  role: "role's permissions (PUT /admin/roles/{id})",
  move: 'user tenant move (PUT /admin/users/{id})',
};

/** A request that changes the current snapshot, built from it (so it toggles whatever state it finds). */
export type NextRequest = (s: Snapshot) => HttpRequestJson;

const sameIds = (a: ReadonlyArray<number>, b: ReadonlyArray<number>): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Of two permission sets, the one that differs from `current`. */
const toggle = (current: ReadonlyArray<number> | undefined, a: ReadonlyArray<number>, b: ReadonlyArray<number>): ReadonlyArray<number> =>
  current !== undefined && sameIds(current, a) ? b : a;

const SHARE_A: ReadonlyArray<number> = [2, 6];
const SHARE_B: ReadonlyArray<number> = [2, 3, 5, 6];
const OVERRIDE_A: ReadonlyArray<number> = [2, 3, 4, 7];
const OVERRIDE_B: ReadonlyArray<number> = [2, 5, 6, 7, 10];
/** The permission a role change adds or takes away: UseDataSourceWithOData (7) gives no administrative access, so no share falls out of force. */
const ROLE_TOGGLE = 7;

/** The targets the generators draw from, picked once from the loaded snapshot. */
export interface Targets {
  /** An active Administrator (12) that administers every tenant. */
  readonly admin: User;
  /** User shares in force on plain data sources: (data source, recipient). */
  readonly shares: ReadonlyArray<{ readonly dsId: number; readonly userId: number }>;
  /** Plain data sources with an active owner. */
  readonly plain: ReadonlyArray<DataSource>;
  /** (group, a plain data source of its owner that is not a member). */
  readonly memberCandidates: ReadonlyArray<{ readonly groupId: number; readonly memberId: number }>;
  /** Custom roles of child tenants that give no administrative access, with their users. */
  readonly roles: ReadonlyArray<Role>;
  /** Ordinary users (no role of another tenant, nothing administered) and a second tenant with a role to move them to. */
  readonly movers: ReadonlyArray<{ readonly userId: number; readonly home: number; readonly homeRole: number; readonly away: number; readonly awayRole: number }>;
}

/** Picks the targets of the generators from a snapshot; `undefined` when it holds no suitable Administrator. */
export const pickTargets = (s: Snapshot, rnd: Random, count: number): Targets | undefined => {
  const tenantCount = s.tenants.size;
  let admin: User | undefined;
  for (const u of s.users.values()) {
    if (u.isAdministrator && u.active && u.administers.size >= tenantCount - 1) {
      admin = u;
      break;
    }
  }
  if (admin === undefined) return undefined;
  const all = [...s.dataSources.values()];
  const draw = <T>(items: ReadonlyArray<T>, n: number): ReadonlyArray<T> => {
    const out: T[] = [];
    for (let i = 0; i < n * 20 && out.length < n && items.length > 0; i += 1) {
      const item = items[Math.floor(rnd() * items.length)];
      if (item !== undefined && !out.includes(item)) out.push(item);
    }
    return out;
  };
  const activeOwner = (d: DataSource): boolean => s.users.get(d.owner)?.active === true;
  const plain = draw(all.filter((d) => !d.isGroup && activeOwner(d)), count);
  const shares: Array<{ readonly dsId: number; readonly userId: number }> = [];
  for (const d of draw(all.filter((x) => !x.isGroup && x.sharedUsers.size > 0), count * 2)) {
    const share = [...d.sharedUsers.values()].find((sh) => sh.inForce && s.users.get(sh.userId)?.active === true);
    if (share !== undefined && shares.length < count) shares.push({ dsId: d.id, userId: share.userId });
  }
  const memberCandidates: Array<{ readonly groupId: number; readonly memberId: number }> = [];
  for (const g of draw(all.filter((x) => x.isGroup), count * 2)) {
    const own = s.dataSourcesByOwner.get(g.owner) ?? [];
    const candidate = own.find((id) => id !== g.id && !g.memberIds.has(id) && s.dataSources.get(id)?.isGroup === false);
    if (candidate !== undefined && memberCandidates.length < count) memberCandidates.push({ groupId: g.id, memberId: candidate });
  }
  const adminRole = (r: Role): boolean => r.permissions.ids.some((p) => p >= 12);
  const roles = [...s.roles.values()].filter((r) => r.tenantId !== 1 && !adminRole(r) && r.users.length > 0);
  const roleOf = new Map<number, number>();
  for (const r of roles) if (!roleOf.has(r.tenantId)) roleOf.set(r.tenantId, r.id);
  const childTenants = [...roleOf.keys()];
  const movers: Array<Targets['movers'][number]> = [];
  for (const u of draw([...s.users.values()], count * 4)) {
    if (movers.length >= count || !u.active || u.isAdministrator || u.tenantsAdministered.length > 0 || u.tenantId === 1) continue;
    const homeRole = roleOf.get(u.tenantId);
    const away = childTenants.find((t) => t !== u.tenantId && rnd() < 0.2) ?? childTenants.find((t) => t !== u.tenantId);
    const awayRole = away === undefined ? undefined : roleOf.get(away);
    if (homeRole === undefined || away === undefined || awayRole === undefined) continue;
    movers.push({ userId: u.id, home: u.tenantId, homeRole, away, awayRole });
  }
  return { admin, shares, plain, memberCandidates, roles, movers };
};

/** The next request of one kind on target `i` (cycled); it toggles the target's current state. */
export const requestFor = (t: Targets, kind: ChangeKind, i: number, role?: Role): NextRequest => {
  const actor = t.admin.userName;
  switch (kind) {
    case 'userShare': {
      const sh = t.shares[i % Math.max(1, t.shares.length)];
      return (s) => {
        const current = sh === undefined ? undefined : s.dataSources.get(sh.dsId)?.sharedUsers.get(sh.userId)?.permissions.ids;
        return { actor, method: 'PUT', path: `/api/mgmt/datasources/${sh?.dsId ?? 0}/sharedUsers/${sh?.userId ?? 0}`, query: {}, body: { permissions: toggle(current, SHARE_A, SHARE_B) } };
      };
    }
    case 'override': {
      const d = t.plain[i % Math.max(1, t.plain.length)];
      return (s) => {
        const current = d === undefined ? undefined : s.dataSources.get(d.id)?.permissions?.ids;
        const owner = d === undefined ? undefined : s.users.get(d.owner)?.userName;
        return { actor, method: 'PUT', path: `/api/mgmt/datasources/${d?.id ?? 0}/permissions`, query: { user: owner ?? '' }, body: { permissions: toggle(current, OVERRIDE_A, OVERRIDE_B) } };
      };
    }
    case 'member': {
      const m = t.memberCandidates[i % Math.max(1, t.memberCandidates.length)];
      return (s) => {
        const isMember = m !== undefined && s.dataSources.get(m.groupId)?.memberIds.has(m.memberId) === true;
        return isMember
          ? { actor, method: 'DELETE', path: `/api/mgmt/datasources/${m.groupId}/members/${m.memberId}`, query: {} }
          : { actor, method: 'POST', path: `/api/mgmt/datasources/${m?.groupId ?? 0}/members`, query: {}, body: { members: [{ id: m?.memberId ?? 0 }] } };
      };
    }
    case 'role': {
      const r = role ?? t.roles[i % Math.max(1, t.roles.length)];
      return (s) => {
        const current = s.roles.get(r?.id ?? 0)?.permissions.ids ?? [];
        const permissions = current.includes(ROLE_TOGGLE) ? current.filter((p) => p !== ROLE_TOGGLE) : [...current, ROLE_TOGGLE].sort((a, b) => a - b);
        return { actor, method: 'PUT', path: `/api/admin/roles/${r?.id ?? 0}`, query: {}, body: { permissions } };
      };
    }
    case 'move': {
      const m = t.movers[i % Math.max(1, t.movers.length)];
      return (s) => {
        const atHome = m !== undefined && s.users.get(m.userId)?.tenantId === m.home;
        const [tenantId, roleId] = atHome ? [m.away, m.awayRole] : [m?.home ?? 0, m?.homeRole ?? 0];
        return { actor, method: 'PUT', path: `/api/admin/users/${m?.userId ?? 0}`, query: {}, body: { tenantId, permissions: { roles: [roleId] } } };
      };
    }
  }
};

/** The outcome of a chain of applies: each one's microseconds, how many were allowed and changed state, the last snapshot. */
export interface ChainRun {
  readonly micros: ReadonlyArray<number>;
  readonly changed: number;
  readonly snapshot: Snapshot;
  /** The first request that did not change state, with its status, for the report. */
  readonly firstMiss: string | undefined;
}

/**
 * Applies `n` requests in a chain (each to the snapshot the previous one left), the i-th from
 * `next(i)`; times each apply alone (the request is built outside the timing) and counts those
 * that were allowed and changed state.
 */
export const runChain = (s0: Snapshot, n: number, next: (i: number) => NextRequest, timed: boolean): ChainRun => {
  const micros: number[] = [];
  let s = s0;
  let changed = 0;
  let firstMiss: string | undefined;
  for (let i = 0; i < n; i += 1) {
    const request = next(i)(s);
    const t0 = timed ? process.hrtime.bigint() : 0n;
    const applied = applyHttp(s, request, { trace: false });
    if (timed) micros.push(Number(process.hrtime.bigint() - t0) / 1_000);
    const d = applied.decision;
    if (d.decision === 'allow' && applied.snapshot !== s && (d.changes?.length ?? 0) > 0) changed += 1;
    else if (firstMiss === undefined) firstMiss = `${request.method} ${request.path ?? request.url ?? ''} → ${d.status}${d.decision === 'deny' ? ` ${d.reason}` : ' (no change)'}`;
    s = applied.snapshot;
  }
  return { micros, changed, snapshot: s, firstMiss };
};
