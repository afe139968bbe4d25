/**
 * why-not (issue 8): for a denied request, the smallest changes to the snapshot that would allow
 * it, each verified by applying it to a copy (`updateSnapshot` + the checks of SPEC §2 that
 * `apply` runs, `checkApplied`) and deciding the request again.
 *
 * What to try comes from the denial's typed missing items (`Missing`, R-TRC-4), recomputed by the
 * same rule functions the decision uses: the on-behalf-of gate (`explainGate`, R-OBO-2), the
 * reach of the data source (R-REQ-3) and the operation's requirement (`evaluateRequirement`,
 * R-REQ-4); for body-dependent denials (R-REQ-6) the permissions and tenants the body names. A
 * fix that lets the request pass one stage may meet the next (a share makes the data source
 * visible, then its requirement asks for a permission on it): the search repeats up to three
 * rounds, never brute force. Suggestions are listed from the least privilege added to the most;
 * Administrator (12) is suggested only when nothing smaller works (R-ADM-1), and a suggestion
 * that contains a cheaper working one is dropped.
 */
import * as E from 'fp-ts/lib/Either.js';
import { isTenantOrElevated, Permission, shareSettable, SYSTEM_TENANT } from '../catalog/catalog.js';
import { has } from '../catalog/permissionSet.js';
import type { Request } from '../codec/request.js';
import type { DataSourceJson, UserJson } from '../codec/snapshot.js';
import { decide } from '../decide/decide.js';
import { decideHttp } from '../decide/http.js';
import { decideUse } from '../decide/use.js';
import type { Decision } from '../decide/decision.js';
import { putDataSource, putUser, type Edit } from '../model/edit.js';
import { userByName, type DataSource, type Snapshot, type User } from '../model/snapshot.js';
import { channelRequirement } from '../operations/channels.js';
import { parseUrl, route } from '../operations/router.js';
import { idParam } from '../rules/params.js';
import { direct, onBehalfOf, subjectOf, type Caller } from '../rules/caller.js';
import { effectiveAccess, effectiveAccessThroughGroup, reaches } from '../rules/dataSourcePermissions.js';
import type { Missing } from '../rules/missing.js';
import { explainGate, onBehalfOfRequirement } from '../rules/onBehalfOf.js';
import { evaluateRequirement } from '../rules/requirements.js';
import { dataSourceVisibility } from '../rules/visibility.js';
import { dataSourceJson, userJson } from '../snapshot/encode.js';
import { updateSnapshot } from '../snapshot/update.js';
import { checkApplied } from '../transition/invariants.js';

/** One change to the snapshot that adds privilege. */
export type Fix =
  | { readonly _tag: 'ShareWithUser'; readonly dataSourceId: number; readonly userId: number; readonly permissions: ReadonlyArray<number> } // R-SHR-1: permissions added to (or a new) user share
  | { readonly _tag: 'ExtendTenantShare'; readonly dataSourceId: number; readonly tenantId: number; readonly permissions: ReadonlyArray<number> } // R-SHR-2
  | { readonly _tag: 'SetDataSourcePermissions'; readonly dataSourceId: number; readonly permissions: ReadonlyArray<number> } // R-DSP-1: permissions added to the owner's set
  | { readonly _tag: 'AddUserPermission'; readonly userId: number; readonly permission: number } // R-EFF-1, explicit
  | { readonly _tag: 'AssignRole'; readonly userId: number; readonly roleId: number; readonly adds: ReadonlyArray<number> } // R-EFF-1, by a role
  | { readonly _tag: 'GrantTenantAccess'; readonly userId: number; readonly tenantId: number } // ACC(t), R-ADM-5
  | { readonly _tag: 'ChangeOwner'; readonly dataSourceId: number; readonly userId: number } // R-DSP-1/2
  | { readonly _tag: 'Activate'; readonly userId: number } // R-EFF-3
  | { readonly _tag: 'Administrator'; readonly userId: number }; // R-ADM-1, the last resort

/** A verified suggestion: its fixes, the privilege they add (lower first), and the decision they lead to. */
export interface Suggestion {
  readonly fixes: ReadonlyArray<Fix>;
  /** Privilege added: data-source-scoped permissions weigh least, then user permissions, tenant access, ownership, Administrator (12) most. */
  readonly cost: number;
  readonly status: number;
}

/** The denial and the suggestions that would allow the request. */
export interface WhyNot {
  readonly decision: { readonly decision: 'allow' | 'deny'; readonly status: number; readonly operation: string; readonly reason: string | null };
  readonly suggestions: ReadonlyArray<Suggestion>;
}

/** Options: how many suggestions at most (default 8). */
export interface WhyNotOptions {
  readonly limit?: number;
}

// --- privilege weights: the order of "least privilege added" -------------------------------------

const COST = { dataSourcePermission: 1, tenantSharePermission: 5, activate: 8, userPermission: 10, tenantAccess: 30, owner: 60, administrator: 1000 } as const;

const fixCost = (s: Snapshot, f: Fix): number => {
  switch (f._tag) {
    case 'ShareWithUser':
      return COST.dataSourcePermission * Math.max(1, f.permissions.length);
    case 'ExtendTenantShare':
      return COST.tenantSharePermission * f.permissions.length;
    case 'SetDataSourcePermissions':
      return COST.dataSourcePermission * f.permissions.length;
    case 'AddUserPermission':
      return isTenantOrElevated(s.catalog, f.permission) ? 2 * COST.userPermission : COST.userPermission;
    case 'AssignRole':
      return f.adds.reduce((sum, p) => sum + (isTenantOrElevated(s.catalog, p) ? 2 : 1) * COST.userPermission, 1);
    case 'GrantTenantAccess':
      return COST.tenantAccess;
    case 'ChangeOwner':
      return COST.owner;
    case 'Activate':
      return COST.activate;
    case 'Administrator':
      return COST.administrator;
  }
};

// --- applying fixes to a copy ---------------------------------------------------------------------

const sortedUnion = (a: ReadonlyArray<number>, b: ReadonlyArray<number>): ReadonlyArray<number> => [...new Set([...a, ...b])].sort((x, y) => x - y);

/** Drafts of the entities the fixes touch, in the snapshot JSON's shapes. */
interface Drafts {
  readonly users: Map<number, UserJson>;
  readonly dataSources: Map<number, DataSourceJson>;
}

const draftUser = (s: Snapshot, d: Drafts, id: number): UserJson | undefined => {
  const have = d.users.get(id);
  if (have !== undefined) return have;
  const u = s.users.get(id);
  return u === undefined ? undefined : userJson(u);
};

const draftDataSource = (s: Snapshot, d: Drafts, id: number): DataSourceJson | undefined => {
  const have = d.dataSources.get(id);
  if (have !== undefined) return have;
  const ds = s.dataSources.get(id);
  return ds === undefined ? undefined : dataSourceJson(ds);
};

/** Applies one fix to the drafts; false when it names something that does not exist. */
const applyFix = (s: Snapshot, d: Drafts, f: Fix): boolean => {
  switch (f._tag) {
    case 'ShareWithUser':
    case 'ExtendTenantShare':
    case 'SetDataSourcePermissions':
    case 'ChangeOwner': {
      const ds = draftDataSource(s, d, f.dataSourceId);
      if (ds === undefined) return false;
      if (f._tag === 'ShareWithUser') {
        const shares = ds.sharedUsers ?? [];
        const old = shares.find((x) => x.userId === f.userId);
        const share = { userId: f.userId, permissions: sortedUnion(old?.permissions ?? [], f.permissions) };
        d.dataSources.set(ds.id, { ...ds, sharedUsers: old === undefined ? [...shares, share] : shares.map((x) => (x.userId === f.userId ? share : x)) });
      } else if (f._tag === 'ExtendTenantShare') {
        const shares = ds.sharedTenants ?? [];
        const old = shares.find((x) => x.tenantId === f.tenantId);
        const share = { tenantId: f.tenantId, permissions: sortedUnion(old?.permissions ?? [], f.permissions) };
        d.dataSources.set(ds.id, { ...ds, sharedTenants: old === undefined ? [...shares, share] : shares.map((x) => (x.tenantId === f.tenantId ? share : x)) });
      } else if (f._tag === 'SetDataSourcePermissions') {
        d.dataSources.set(ds.id, { ...ds, permissions: sortedUnion(ds.permissions ?? [], f.permissions) });
      } else {
        // the new owner cannot also hold a user share of it (R-SNAP-8)
        d.dataSources.set(ds.id, { ...ds, owner: f.userId, sharedUsers: (ds.sharedUsers ?? []).filter((x) => x.userId !== f.userId) });
      }
      return true;
    }
    case 'AddUserPermission':
    case 'AssignRole':
    case 'GrantTenantAccess':
    case 'Activate':
    case 'Administrator': {
      const u = draftUser(s, d, f.userId);
      if (u === undefined) return false;
      const p = u.permissions;
      const next: UserJson =
        f._tag === 'AddUserPermission' || f._tag === 'Administrator'
          ? { ...u, permissions: { ...p, permissions: sortedUnion(p.permissions ?? [], [f._tag === 'Administrator' ? Permission.Administrator : f.permission]) } }
          : f._tag === 'AssignRole'
            ? { ...u, permissions: { ...p, roles: sortedUnion(p.roles, [f.roleId]) } }
            : f._tag === 'GrantTenantAccess'
              ? { ...u, tenantsAdministered: sortedUnion(u.tenantsAdministered ?? [], [f.tenantId]) }
              : { ...u, statusInfo: { status: 1, accountLocked: false } };
      d.users.set(u.id, next);
      return true;
    }
  }
};

/** The snapshot with the fixes applied, checked as `apply` checks a change (SPEC §2), or undefined when it would break a rule. */
export const applyFixes = (s: Snapshot, fixes: ReadonlyArray<Fix>): Snapshot | undefined => {
  if (fixes.length === 0) return s;
  const drafts: Drafts = { users: new Map(), dataSources: new Map() };
  for (const f of fixes) if (!applyFix(s, drafts, f)) return undefined;
  const edits: Edit[] = [...[...drafts.users.values()].map(putUser), ...[...drafts.dataSources.values()].map(putDataSource)];
  const after = updateSnapshot(s, edits).snapshot;
  return checkApplied(s, after, edits).length === 0 ? after : undefined;
};

// --- what to try: the missing items of the denial -------------------------------------------------

/** Ways to fix one missing item: alternatives, each a conjunction of fixes. */
type Alternatives = ReadonlyArray<ReadonlyArray<Fix>>;

/** The roles of the user's tenant (R-EFF-2) that hold `permission`, fewest added permissions first. */
const rolesGiving = (s: Snapshot, user: User, permission: number): ReadonlyArray<Fix> => {
  const out: Array<{ readonly fix: Fix; readonly extra: number }> = [];
  for (const role of s.roles.values()) {
    if (role.tenantId !== user.tenantId || user.roles.includes(role.id) || !has(role.permissions, permission)) continue;
    const adds = role.permissions.ids.filter((p) => !has(user.permissions, p));
    out.push({ fix: { _tag: 'AssignRole', userId: user.id, roleId: role.id, adds }, extra: adds.length });
  }
  return out.sort((a, b) => a.extra - b.extra).slice(0, 2).map((x) => x.fix);
};

const userPermissionFixes = (s: Snapshot, userId: number, permission: number): Alternatives => {
  const user = s.users.get(userId);
  if (user === undefined) return [];
  if (permission === Permission.Administrator) return [[{ _tag: 'Administrator', userId }]];
  return [[{ _tag: 'AddUserPermission', userId, permission }], ...rolesGiving(s, user, permission).map((f) => [f])];
};

/** D(n) for `user` on `d`: more on the route it has (R-DSP-1, R-DSP-2, R-SHR-1, R-SHR-2), or a new user share. */
const dataSourcePermissionFixes = (s: Snapshot, userId: number, permission: number, dataSourceId: number): Alternatives => {
  const user = s.users.get(userId);
  const d = s.dataSources.get(dataSourceId);
  if (user === undefined || d === undefined) return [];
  const shareable = has(shareSettable, permission); // R-SHR-5: never SQLEditor (10) by sharing
  const access = effectiveAccess(user, d);
  switch (access._tag) {
    case 'Override':
      return [[{ _tag: 'SetDataSourcePermissions', dataSourceId, permissions: [permission] }]];
    case 'Owner':
      return userPermissionFixes(s, userId, permission);
    case 'UserShare':
      return shareable ? [[{ _tag: 'ShareWithUser', dataSourceId, userId, permissions: [permission] }]] : [];
    case 'TenantShare':
      return shareable ? [[{ _tag: 'ExtendTenantShare', dataSourceId, tenantId: access.tenantId, permissions: [permission] }]] : [];
    default:
      return [...(shareable ? [[{ _tag: 'ShareWithUser', dataSourceId, userId, permissions: [permission] } as const]] : []), [{ _tag: 'ChangeOwner', dataSourceId, userId }]];
  }
};

/** R-ADM-5: a system-tenant user may administer any tenant, a child-tenant user only its own. */
const tenantAccessFixes = (s: Snapshot, userId: number, tenantId: number): Alternatives => {
  const user = s.users.get(userId);
  if (user === undefined || !s.tenants.has(tenantId)) return [];
  return user.tenantId === SYSTEM_TENANT || user.tenantId === tenantId ? [[{ _tag: 'GrantTenantAccess', userId, tenantId }]] : [];
};

/** The ways to make one missing item hold. */
const fixesFor = (s: Snapshot, m: Missing): Alternatives => {
  switch (m._tag) {
    case 'UserPermission':
      return userPermissionFixes(s, m.userId, m.permission);
    case 'DataSourcePermission':
      return dataSourcePermissionFixes(s, m.userId, m.permission, m.dataSourceId);
    case 'TenantAccess':
      return tenantAccessFixes(s, m.userId, m.tenantId);
    case 'Ownership':
      return [[{ _tag: 'ChangeOwner', dataSourceId: m.dataSourceId, userId: m.subjectId }]];
    case 'Administrator':
      return [[{ _tag: 'Administrator', userId: m.userId }]];
    case 'SameTenant':
      return []; // R-ADM-5: a child-tenant actor cannot reach another tenant; only 12 passes the gate then
    case 'OneOf':
      return m.options.flatMap((option) => allOf(s, option.map((x) => fixesFor(s, x))));
  }
};

/** Every missing item at once (a conjunction): the cheapest few combinations of one alternative each. */
const allOf = (s: Snapshot, items: ReadonlyArray<Alternatives>): Alternatives => {
  let combos: Array<ReadonlyArray<Fix>> = [[]];
  for (const alternatives of items) {
    if (alternatives.length === 0) return [];
    const next: Array<ReadonlyArray<Fix>> = [];
    for (const c of combos) for (const a of alternatives.slice(0, 3)) next.push([...c, ...a]);
    combos = next.sort((a, b) => totalCost(s, a) - totalCost(s, b)).slice(0, 6);
  }
  return combos;
};

const totalCost = (s: Snapshot, fixes: ReadonlyArray<Fix>): number => normalizeFixes(fixes).reduce((sum, f) => sum + fixCost(s, f), 0);

/** One fix per changed share or set (permissions merged, ascending), other fixes once each, in a stable order. */
export const normalizeFixes = (fixes: ReadonlyArray<Fix>): ReadonlyArray<Fix> => {
  const merged = new Map<string, Fix>();
  for (const f of fixes) {
    const key =
      f._tag === 'ShareWithUser' ? `S${f.dataSourceId}.${f.userId}` : f._tag === 'ExtendTenantShare' ? `T${f.dataSourceId}.${f.tenantId}` : f._tag === 'SetDataSourcePermissions' ? `D${f.dataSourceId}` : JSON.stringify(f);
    const old = merged.get(key);
    if (old === undefined) merged.set(key, f);
    else if (old._tag === 'ShareWithUser' && f._tag === 'ShareWithUser') merged.set(key, { ...old, permissions: sortedUnion(old.permissions, f.permissions) });
    else if (old._tag === 'ExtendTenantShare' && f._tag === 'ExtendTenantShare') merged.set(key, { ...old, permissions: sortedUnion(old.permissions, f.permissions) });
    else if (old._tag === 'SetDataSourcePermissions' && f._tag === 'SetDataSourcePermissions') merged.set(key, { ...old, permissions: sortedUnion(old.permissions, f.permissions) });
  }
  return [...merged.values()];
};

/** The permission ids and tenant or user ids a body names (R-REQ-6: grant ceilings, tenants named, R-ADM-6). */
const bodyNames = (body: unknown): { readonly permissions: ReadonlyArray<number>; readonly tenants: ReadonlyArray<number>; readonly users: ReadonlyArray<number> } => {
  const permissions = new Set<number>();
  const tenants = new Set<number>();
  const users = new Set<number>();
  const walk = (v: unknown, key: string): void => {
    if (v === null || v === undefined) return;
    if (typeof v === 'number') {
      if (key === 'permissions') permissions.add(v);
      else if (key === 'tenantId' || key === 'tenantsAdministered' || key === 'admins') tenants.add(v);
      else if (key === 'userId') users.add(v);
      return;
    }
    if (Array.isArray(v)) {
      for (const x of v) walk(x, key);
      return;
    }
    if (typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(body, '');
  return { permissions: [...permissions], tenants: [...tenants], users: [...users] };
};

/** The request's context as the decision sees it: routed operation, caller, data source. */
interface Located {
  readonly caller: Caller;
  readonly dataSource: DataSource | undefined;
  readonly visible: boolean;
}

/** What to try for a denied request, from its typed missing items. */
const hintsFor = (s: Snapshot, request: Request, decision: Decision): Alternatives => {
  if (decision.decision === 'allow') return [];
  if (request._tag === 'Use') {
    const r = request.request;
    const user = typeof r.actor === 'string' ? userByName(s, r.actor) : s.users.get(r.actor.id);
    if (user === undefined) return [];
    if (!user.active) return [[{ _tag: 'Activate', userId: user.id }]]; // R-EFF-3
    const d = s.dataSources.get(r.use.dataSource);
    const group = r.use.group === undefined ? undefined : s.dataSources.get(r.use.group);
    if (d === undefined || (r.use.group !== undefined && group === undefined)) return [];
    const access = group === undefined ? effectiveAccess(user, d) : effectiveAccessThroughGroup(user, group, d);
    if (!reaches(access)) {
      const target = group ?? d;
      return [[{ _tag: 'ShareWithUser', dataSourceId: target.id, userId: user.id, permissions: [] }], [{ _tag: 'ChangeOwner', dataSourceId: target.id, userId: user.id }]];
    }
    const verdict = evaluateRequirement({ snapshot: s, caller: direct(user), dataSource: d, dataSourcePermissions: access.permissions, targetId: undefined, authority: false }, channelRequirement[r.use.via], false);
    // through a group with a set, the set on the group is what counts (R-GRP-1)
    const via = group !== undefined && access._tag === 'Group' && access.member === null ? group.id : d.id;
    return allOf(s, verdict.missing.map((m) => fixesFor(s, m._tag === 'DataSourcePermission' ? { ...m, dataSourceId: via } : m)));
  }
  const r = request.request;
  const parsed = r.url === undefined ? undefined : parseUrl(r.url);
  const routed = route({ method: r.method, path: parsed === undefined ? (r.path ?? '') : parsed.path, query: parsed === undefined ? (r.query ?? {}) : { ...parsed.query, ...(r.query ?? {}) } });
  if (E.isLeft(routed)) return [];
  const { spec, params, onBehalfOf: named } = routed.right;
  const actor = typeof r.actor === 'string' ? userByName(s, r.actor) : s.users.get(r.actor.id);
  if (actor === undefined) return [];
  if (!actor.active) return [[{ _tag: 'Activate', userId: actor.id }]]; // R-EFF-3
  let caller: Caller = direct(actor);
  if (named !== undefined && named !== actor.userName) {
    const subject = userByName(s, named);
    if (subject === undefined) return [];
    caller = onBehalfOf(actor, subject);
    const gate = explainGate(s, actor, subject, false); // R-OBO-2
    if (!gate.holds) return allOf(s, gate.missing.map((m) => fixesFor(s, m)));
  }
  const located = locate(s, spec.target._tag === 'DataSource' ? idParam(params, spec.target.param) : undefined, caller);
  const subject = subjectOf(caller);
  if (located.dataSource !== undefined && !located.visible) {
    // R-REQ-3: a route for the subject (a share it may then need permissions on, or ownership)
    return [[{ _tag: 'ShareWithUser', dataSourceId: located.dataSource.id, userId: subject.id, permissions: [] }], [{ _tag: 'ChangeOwner', dataSourceId: located.dataSource.id, userId: subject.id }]];
  }
  if (decision.status === 403) {
    const requirement = caller._tag === 'OnBehalfOf' ? onBehalfOfRequirement(spec) : spec.requirement;
    const targetId = spec.target._tag === 'None' ? undefined : idParam(params, spec.target.param);
    const dataSourcePermissions = located.dataSource === undefined ? undefined : dataSourceVisibility(caller, located.dataSource).access.permissions; // as R-REQ-3 found it
    const verdict = evaluateRequirement({ snapshot: s, caller, dataSource: located.dataSource, dataSourcePermissions, targetId, authority: true }, requirement, false);
    if (!verdict.holds) return allOf(s, verdict.missing.map((m) => fixesFor(s, m)));
    // R-REQ-6: the body's permissions within the caller's reach (R-SHR-7, R-ADM-6), the tenants it names (administrative access)
    const names = bodyNames(r.body);
    const singles: Array<ReadonlyArray<Fix>> = [];
    for (const p of names.permissions) {
      if (located.dataSource !== undefined && caller._tag === 'Direct') singles.push(...dataSourcePermissionFixes(s, actor.id, p, located.dataSource.id).slice(0, 1));
      else singles.push(...userPermissionFixes(s, actor.id, p).slice(0, 1));
    }
    const tenants = new Set<number>([...names.tenants, ...names.users.flatMap((u) => { const x = s.users.get(u); return x === undefined ? [] : [x.tenantId]; })]);
    const owner = located.dataSource === undefined ? undefined : located.dataSource.owner;
    for (const t of tenants) {
      singles.push(...tenantAccessFixes(s, actor.id, t));
      if (owner !== undefined && owner !== actor.id) singles.push(...tenantAccessFixes(s, owner, t)); // R-SHR-7: a share in force needs the owner's reach
    }
    const together = singles.flat();
    return together.length > 1 ? [...singles, together] : singles;
  }
  return []; // 400 (payload, structure) and 404 for ids that do not exist: no grant helps
};

/** The target data source and whether the caller may name it (R-REQ-3). */
const locate = (s: Snapshot, dataSourceId: number | undefined, caller: Caller): Located => {
  const d = dataSourceId === undefined ? undefined : s.dataSources.get(dataSourceId);
  if (d === undefined) return { caller, dataSource: undefined, visible: false };
  return { caller, dataSource: d, visible: dataSourceVisibility(caller, d)._tag !== 'Hidden' };
};

// --- the search -------------------------------------------------------------------------------------

/** A decision without its trace (verification needs the verdict only). */
const decideQuick = (s: Snapshot, request: Request): Decision => (request._tag === 'Http' ? decideHttp(s, request.request, { trace: false }) : decideUse(s, request.request, { trace: false }));

const fixKey = (f: Fix): string => JSON.stringify(f);
const suggestionKey = (fixes: ReadonlyArray<Fix>): string => fixes.map(fixKey).sort().join('|');

const isAdministratorFix = (f: Fix): boolean => f._tag === 'Administrator';

interface Candidate {
  readonly fixes: ReadonlyArray<Fix>;
  readonly cost: number;
}

/** Whether every fix of `small` is in `big` (a suggestion that contains a working one adds privilege for nothing). */
const contains = (big: ReadonlyArray<Fix>, small: ReadonlyArray<Fix>): boolean => {
  const keys = new Set(big.map(fixKey));
  return small.every((f) => keys.has(fixKey(f)));
};

/** The smallest verified changes that would allow `request` on `s`, least privilege first. */
export const whyNot = (s: Snapshot, request: Request, options: WhyNotOptions = {}): WhyNot => {
  const limit = options.limit ?? 8;
  const first = decide(s, request);
  const summary = { decision: first.decision, status: first.status, operation: first.operation, reason: first.decision === 'deny' ? first.reason : null };
  if (first.decision === 'allow') return { decision: summary, suggestions: [] };
  const found: Suggestion[] = [];
  const seen = new Set<string>();
  let frontier: ReadonlyArray<Candidate> = [{ fixes: [], cost: 0 }];
  for (let round = 0; round < 4 && frontier.length > 0; round += 1) {
    const next: Candidate[] = [];
    for (const c of frontier) {
      const changed = applyFixes(s, c.fixes);
      if (changed === undefined) continue; // breaks a rule of SPEC §2: not a change anyone could make
      const d = c.fixes.length === 0 ? first : decideQuick(changed, request);
      if (d.decision === 'allow') {
        found.push({ fixes: c.fixes, cost: c.cost, status: d.status });
        continue;
      }
      if (round === 3) continue;
      for (const alt of hintsFor(changed, request, d).slice(0, 6)) {
        const fixes = normalizeFixes([...c.fixes, ...alt]);
        const key = suggestionKey(fixes);
        if (seen.has(key)) continue;
        seen.add(key);
        next.push({ fixes, cost: totalCost(s, fixes) });
      }
    }
    frontier = next.sort((a, b) => a.cost - b.cost).slice(0, 12);
  }
  // R-ADM-1: Administrator (12) only when nothing smaller works; it alone, on the actor, when nothing else was found
  const smaller = found.filter((f) => !f.fixes.some(isAdministratorFix));
  const kept: ReadonlyArray<Suggestion> = smaller.length > 0 ? smaller : administratorOnly(s, request);
  const sorted = [...kept].sort((a, b) => a.cost - b.cost || a.fixes.length - b.fixes.length || suggestionKey(a.fixes).localeCompare(suggestionKey(b.fixes)));
  const minimal = sorted.filter((x, i) => !sorted.slice(0, i).some((y) => contains(x.fixes, y.fixes)));
  return { decision: summary, suggestions: minimal.slice(0, limit) };
};

/** The last resort: Administrator (12) on the actor, when it allows the request. */
const administratorOnly = (s: Snapshot, request: Request): ReadonlyArray<Suggestion> => {
  const ref = request._tag === 'Use' ? request.request.actor : request.request.actor;
  const actor = typeof ref === 'string' ? userByName(s, ref) : s.users.get(ref.id);
  if (actor === undefined) return [];
  const fixes: ReadonlyArray<Fix> = actor.active ? [{ _tag: 'Administrator', userId: actor.id }] : [{ _tag: 'Activate', userId: actor.id }, { _tag: 'Administrator', userId: actor.id }];
  const changed = applyFixes(s, fixes);
  if (changed === undefined) return [];
  const d = decideQuick(changed, request);
  return d.decision === 'allow' ? [{ fixes, cost: totalCost(s, fixes), status: d.status }] : [];
};

/** A fix in words (names escaped by the caller's renderer). */
export const describeFix = (s: Snapshot, f: Fix): string => {
  const user = (id: number): string => `\`${s.users.get(id)?.userName ?? `user ${id}`}\``;
  const perms = (ps: ReadonlyArray<number>): string => `[${ps.join(',')}]`;
  switch (f._tag) {
    case 'ShareWithUser':
      if (s.dataSources.get(f.dataSourceId)?.sharedUsers.has(f.userId) === true) return `add ${perms(f.permissions)} to the share of data source ${f.dataSourceId} with ${user(f.userId)} (R-SHR-1)`;
      return f.permissions.length === 0 ? `share data source ${f.dataSourceId} with ${user(f.userId)} (R-SHR-1)` : `share data source ${f.dataSourceId} with ${user(f.userId)} with ${perms(f.permissions)} (R-SHR-1)`;
    case 'ExtendTenantShare':
      return `add ${perms(f.permissions)} to the share of data source ${f.dataSourceId} with tenant ${f.tenantId} (R-SHR-2)`;
    case 'SetDataSourcePermissions':
      return `add ${perms(f.permissions)} to the data-source permissions of ${f.dataSourceId} (R-DSP-1)`;
    case 'AddUserPermission':
      return `give ${user(f.userId)} permission ${f.permission} explicitly (R-EFF-1)`;
    case 'AssignRole':
      return `give ${user(f.userId)} role ${f.roleId}, adding ${perms(f.adds)} (R-EFF-1)`;
    case 'GrantTenantAccess':
      return `give ${user(f.userId)} administrative access on tenant ${f.tenantId} (R-ADM-2)`;
    case 'ChangeOwner':
      return `make ${user(f.userId)} the owner of data source ${f.dataSourceId}`;
    case 'Activate':
      return `activate and unlock ${user(f.userId)} (R-EFF-3)`;
    case 'Administrator':
      return `give ${user(f.userId)} Administrator (12) (R-ADM-1)`;
  }
};
