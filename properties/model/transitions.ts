/**
 * L-MODEL's commands on the simple model (SPEC §6 read directly): each command, given its
 * positional parameters (indexes taken modulo the current candidates), says which HTTP request
 * the Administrator sends and what the model expects: the next state, or a refusal. Written from
 * SPEC §3, §4 and §6 alone, without any rule of `src/`.
 */
import type { HttpRequestJson } from '../../src/codec/request.js';
import type { Json } from '../../src/decide/decision.js';
import {
  SYSTEM,
  dataSourceIn,
  holds12,
  shareInForce,
  sorted,
  userIn,
  userPermissions,
  type DataSourceFact,
  type ModelState,
  type ShareFact,
  type UserFact,
} from './facts.js';

/** What a command does: the request, and the expected next state (`refused` when the engine must deny it). */
export interface Planned {
  readonly description: string;
  readonly request: HttpRequestJson;
  readonly expected: ModelState | 'refused';
}

/** The parameters of every command: positions and choices, resolved against the current state. */
export type CommandParams =
  | { readonly _tag: 'CreateDataSource'; readonly owner: number; readonly isGroup: boolean; readonly override: ReadonlyArray<number> | null; readonly members: ReadonlyArray<number> }
  | { readonly _tag: 'DeleteDataSource'; readonly dataSource: number }
  | { readonly _tag: 'ShareWithUser'; readonly dataSource: number; readonly user: number; readonly permissions: ReadonlyArray<number> }
  | { readonly _tag: 'UnshareUser'; readonly share: number }
  | { readonly _tag: 'ShareWithTenant'; readonly dataSource: number; readonly tenant: number; readonly permissions: ReadonlyArray<number> }
  | { readonly _tag: 'UnshareTenant'; readonly share: number }
  | { readonly _tag: 'SetOverride'; readonly dataSource: number; readonly permissions: ReadonlyArray<number> }
  | { readonly _tag: 'AddMembers'; readonly group: number; readonly members: ReadonlyArray<number>; readonly replace: boolean }
  | { readonly _tag: 'RemoveMember'; readonly member: number }
  | { readonly _tag: 'MoveUser'; readonly user: number; readonly tenant: number; readonly role: number }
  | { readonly _tag: 'ChangeRoles'; readonly user: number; readonly roles: ReadonlyArray<number>; readonly explicit: ReadonlyArray<number> | null }
  | { readonly _tag: 'ChangeRolePermissions'; readonly role: number; readonly permissions: ReadonlyArray<number> }
  | { readonly _tag: 'ChangeAdminAccess'; readonly user: number; readonly tenants: ReadonlyArray<number>; readonly outOfReach: boolean }
  | { readonly _tag: 'ChangeStatus'; readonly user: number; readonly active: boolean }
  | { readonly _tag: 'DeleteUser'; readonly user: number }
  | { readonly _tag: 'DeleteTenant'; readonly tenant: number };

const pick = <T>(items: ReadonlyArray<T>, index: number): T | undefined => (items.length === 0 ? undefined : items[index % items.length]);

// ---- small immutable edits of the model --------------------------------------------------------

const mapUser = (m: ModelState, id: number, f: (u: UserFact) => UserFact): ModelState => ({ ...m, users: m.users.map((u) => (u.id === id ? f(u) : u)) });
const mapDataSource = (m: ModelState, id: number, f: (d: DataSourceFact) => DataSourceFact): ModelState => ({ ...m, dataSources: m.dataSources.map((d) => (d.id === id ? f(d) : d)) });
const setShare = (shares: ReadonlyArray<ShareFact>, to: number, permissions: ReadonlyArray<number>): ReadonlyArray<ShareFact> => [...shares.filter((s) => s.to !== to), { to, permissions: sorted(permissions) }];

/** R-TRN-6: a data source deleted: out of every group, its shares with it. */
const withoutDataSource = (m: ModelState, id: number): ModelState => ({
  ...m,
  dataSources: m.dataSources.filter((d) => d.id !== id).map((d) => (d.members.includes(id) ? { ...d, members: d.members.filter((x) => x !== id) } : d)),
});

/**
 * R-TRN-5, R-TRN-8: the user shares that were in force in `before` and are not in `after` are
 * removed (shares already out of force stay).
 */
const dropFallenShares = (before: ModelState, after: ModelState): ModelState => ({
  ...after,
  dataSources: after.dataSources.map((d) => {
    const ownerBefore = userIn(before, d.owner);
    const ownerAfter = userIn(after, d.owner);
    const kept = d.userShares.filter((s) => {
      const rb = userIn(before, s.to);
      const ra = userIn(after, s.to);
      if (ownerBefore === undefined || ownerAfter === undefined || rb === undefined || ra === undefined) return true;
      return !(shareInForce(before, ownerBefore, rb) && !shareInForce(after, ownerAfter, ra));
    });
    return kept.length === d.userShares.length ? d : { ...d, userShares: kept };
  }),
});

// ---- requests ----------------------------------------------------------------------------------

const request = (m: ModelState, method: string, path: string, onBehalfOf: number | undefined, body?: Json): HttpRequestJson => {
  const actor = userIn(m, m.administrator)?.name ?? 'nobody';
  const onBehalf = onBehalfOf === undefined ? undefined : userIn(m, onBehalfOf)?.name;
  const base = { actor, method, path: `/api${path}`, ...(onBehalf === undefined ? {} : { query: { user: onBehalf } }) };
  return body === undefined ? base : { ...base, body };
};

/** The users a command may target: all but the acting Administrator (R-ADM-7). */
const targets = (m: ModelState): ReadonlyArray<UserFact> => m.users.filter((u) => u.id !== m.administrator);

/** The roles of tenant `t`, ascending. */
const rolesOf = (m: ModelState, t: number): ReadonlyArray<number> => m.roles.filter((r) => r.tenant === t).map((r) => r.id);

/** R-ADM-5: the tenants a user of tenant `t` may administer. */
const reach = (m: ModelState, t: number): ReadonlyArray<number> => (t === SYSTEM ? m.tenants : [t]);

/** R-GRP-4: every member of group `g` is shared with user `u` (a user share, or a tenant share covering it). */
const membersSharedWithUser = (m: ModelState, g: DataSourceFact, u: UserFact): boolean =>
  g.members.every((mid) => {
    const d = dataSourceIn(m, mid);
    return d === undefined || d.userShares.some((s) => s.to === u.id) || d.tenantShares.some((s) => s.to === u.tenant);
  });

/** R-GRP-4: every member of group `g` is shared with tenant `t`. */
const membersSharedWithTenant = (m: ModelState, g: DataSourceFact, t: number): boolean =>
  g.members.every((mid) => dataSourceIn(m, mid)?.tenantShares.some((s) => s.to === t) ?? true);

/** The plan of a command on the model, or undefined when it has no candidate now (the command is skipped). */
export const planCommand = (m: ModelState, p: CommandParams): Planned | undefined => {
  switch (p._tag) {
    case 'CreateDataSource': {
      const owner = pick(targets(m), p.owner);
      if (owner === undefined) return undefined;
      const own = m.dataSources.filter((d) => d.owner === owner.id && !d.isGroup).map((d) => d.id);
      const members = p.isGroup ? sorted(p.members.flatMap((i) => (own.length === 0 ? [] : [own[i % own.length] ?? 0]))) : [];
      const id = m.nextDataSource;
      const body: Json = {
        name: `ds${id}`,
        isGroup: p.isGroup,
        ...(p.override === null ? {} : { permissions: [...p.override] }),
        ...(p.isGroup ? { members: members.map((x) => ({ id: x })) } : {}),
      };
      const created: DataSourceFact = { id, owner: owner.id, isGroup: p.isGroup, override: p.override === null ? undefined : sorted(p.override), members, userShares: [], tenantShares: [] };
      // R-TRN-3: the subject owns it; R-TRN-2: the next id
      return {
        description: `create ${p.isGroup ? 'group' : 'data source'} ${id} for user ${owner.id}`,
        request: request(m, 'POST', '/mgmt/datasources', owner.id, body),
        expected: { ...m, dataSources: [...m.dataSources, created], nextDataSource: id + 1 },
      };
    }
    case 'DeleteDataSource': {
      const d = pick(m.dataSources, p.dataSource);
      if (d === undefined) return undefined;
      return { description: `delete data source ${d.id}`, request: request(m, 'DELETE', `/mgmt/datasources/${d.id}`, undefined), expected: withoutDataSource(m, d.id) };
    }
    case 'ShareWithUser': {
      const d = pick(m.dataSources, p.dataSource);
      const owner = d === undefined ? undefined : userIn(m, d.owner);
      const recipient = d === undefined ? undefined : pick(m.users.filter((u) => u.id !== d.owner), p.user);
      if (d === undefined || owner === undefined || recipient === undefined) return undefined;
      const refused =
        d.tenantShares.some((s) => s.to === recipient.tenant) || // R-TRN-4, R-SHR-3
        !shareInForce(m, owner, recipient) || // R-SHR-7: in force when written
        (d.isGroup && !membersSharedWithUser(m, d, recipient)); // R-GRP-4
      return {
        description: `share ${d.id} (owner ${owner.id}) with user ${recipient.id} [${p.permissions.join(',')}]`,
        request: request(m, 'POST', `/mgmt/datasources/${d.id}/sharedUsers`, owner.id, { sharedUsers: [{ userId: recipient.id, permissions: [...p.permissions] }] }),
        expected: refused ? 'refused' : mapDataSource(m, d.id, (x) => ({ ...x, userShares: setShare(x.userShares, recipient.id, p.permissions) })),
      };
    }
    case 'UnshareUser': {
      const shares = m.dataSources.flatMap((d) => d.userShares.map((s) => ({ d, s })));
      const chosen = pick(shares, p.share);
      if (chosen === undefined) return undefined;
      const { d, s } = chosen;
      return {
        description: `unshare ${d.id} from user ${s.to}`,
        request: request(m, 'DELETE', `/mgmt/datasources/${d.id}/sharedUsers/${s.to}`, d.owner),
        expected: mapDataSource(m, d.id, (x) => ({ ...x, userShares: x.userShares.filter((y) => y.to !== s.to) })),
      };
    }
    case 'ShareWithTenant': {
      const d = pick(m.dataSources, p.dataSource);
      const tenant = pick(m.tenants, p.tenant);
      if (d === undefined || tenant === undefined) return undefined;
      const refused = d.isGroup && !membersSharedWithTenant(m, d, tenant); // R-GRP-4
      const inTenant = new Set(m.users.filter((u) => u.tenant === tenant).map((u) => u.id));
      return {
        description: `share ${d.id} (owner ${d.owner}) with tenant ${tenant} [${p.permissions.join(',')}]`,
        request: request(m, 'POST', `/mgmt/datasources/${d.id}/sharedTenants`, d.owner, { sharedTenants: [{ tenantId: tenant, permissions: [...p.permissions] }] }),
        // R-TRN-4: the user shares to the tenant's users go
        expected: refused
          ? 'refused'
          : mapDataSource(m, d.id, (x) => ({ ...x, tenantShares: setShare(x.tenantShares, tenant, p.permissions), userShares: x.userShares.filter((s) => !inTenant.has(s.to)) })),
      };
    }
    case 'UnshareTenant': {
      const shares = m.dataSources.flatMap((d) => d.tenantShares.map((s) => ({ d, s })));
      const chosen = pick(shares, p.share);
      if (chosen === undefined) return undefined;
      const { d, s } = chosen;
      return {
        description: `unshare ${d.id} from tenant ${s.to}`,
        request: request(m, 'DELETE', `/mgmt/datasources/${d.id}/sharedTenants/${s.to}`, d.owner),
        expected: mapDataSource(m, d.id, (x) => ({ ...x, tenantShares: x.tenantShares.filter((y) => y.to !== s.to) })),
      };
    }
    case 'SetOverride': {
      const d = pick(m.dataSources, p.dataSource);
      if (d === undefined) return undefined;
      return {
        description: `set the override of ${d.id} (owner ${d.owner}) to [${p.permissions.join(',')}]`,
        request: request(m, 'PUT', `/mgmt/datasources/${d.id}/permissions`, d.owner, { permissions: [...p.permissions] }),
        expected: mapDataSource(m, d.id, (x) => ({ ...x, override: sorted(p.permissions) })), // R-DSP-1
      };
    }
    case 'AddMembers': {
      const g = pick(
        m.dataSources.filter((d) => d.isGroup),
        p.group,
      );
      if (g === undefined) return undefined;
      const own = m.dataSources.filter((d) => d.owner === g.owner && !d.isGroup).map((d) => d.id);
      const members = own.length === 0 ? [] : p.members.map((i) => own[i % own.length] ?? 0);
      const next = sorted(p.replace ? members : [...g.members, ...members]); // R-TRN-7
      return {
        description: `${p.replace ? 'replace the members of' : 'add members to'} group ${g.id} (owner ${g.owner}): [${members.join(',')}]`,
        request: request(m, p.replace ? 'PUT' : 'POST', `/mgmt/datasources/${g.id}/members`, g.owner, { members: members.map((id) => ({ id })) }),
        expected: mapDataSource(m, g.id, (x) => ({ ...x, members: next })),
      };
    }
    case 'RemoveMember': {
      const pairs = m.dataSources.flatMap((g) => g.members.map((mid) => ({ g, mid })));
      const chosen = pick(pairs, p.member);
      if (chosen === undefined) return undefined;
      const { g, mid } = chosen;
      return {
        description: `remove member ${mid} from group ${g.id}`,
        request: request(m, 'DELETE', `/mgmt/datasources/${g.id}/members/${mid}`, g.owner),
        expected: mapDataSource(m, g.id, (x) => ({ ...x, members: x.members.filter((y) => y !== mid) })),
      };
    }
    case 'MoveUser': {
      const u = pick(targets(m), p.user);
      const tenant = pick(
        m.tenants.filter((t) => rolesOf(m, t).length > 0),
        p.tenant,
      );
      const role = tenant === undefined ? undefined : pick(rolesOf(m, tenant), p.role);
      if (u === undefined || tenant === undefined || role === undefined) return undefined;
      const body: Json = { tenantId: tenant, permissions: { roles: [role], permissions: [...u.explicit] } };
      const description = `move user ${u.id} from tenant ${u.tenant} to tenant ${tenant} with role ${role}`;
      const req = request(m, 'PUT', `/admin/users/${u.id}`, undefined, body);
      // R-TRN-5: refused while it owns profiles on an app it could not use from the new tenant (R-OAP-1)
      const stranded = m.profiles.some((pr) => pr.owner === u.id && m.apps.some((a) => a.id === pr.app && a.tenant !== tenant && a.tenant !== SYSTEM));
      if (stranded) return { description, request: req, expected: 'refused' };
      const moved = mapUser(m, u.id, (x) => ({ ...x, tenant, roles: [role], administered: tenant === SYSTEM ? x.administered : x.administered.filter((t) => t === tenant) })); // R-ADM-5
      const mover = userIn(moved, u.id);
      const ownerKeepsReach = tenant === SYSTEM || tenant === u.tenant || (mover !== undefined && holds12(moved, mover));
      const cleaned: ModelState = {
        ...moved,
        dataSources: moved.dataSources.map((d) => {
          // R-TRN-5 as recipient: no user share on a data source also shared with its new tenant (R-SHR-3)
          const userShares = d.tenantShares.some((s) => s.to === tenant) ? d.userShares.filter((s) => s.to !== u.id) : d.userShares;
          // R-TRN-5 as owner: tenant shares to tenants it may no longer administer go (unless it holds 12)
          const tenantShares = d.owner === u.id && !ownerKeepsReach ? d.tenantShares.filter((s) => s.to === tenant) : d.tenantShares;
          return userShares === d.userShares && tenantShares === d.tenantShares ? d : { ...d, userShares, tenantShares };
        }),
      };
      return { description, request: req, expected: dropFallenShares(m, cleaned) };
    }
    case 'ChangeRoles': {
      const u = pick(targets(m), p.user);
      if (u === undefined) return undefined;
      const own = rolesOf(m, u.tenant);
      const roles = sorted(p.roles.map((i) => own[i % own.length] ?? 2));
      const explicit = p.explicit === null ? u.explicit : sorted(p.explicit);
      return {
        description: `set the roles of user ${u.id} to [${roles.join(',')}] and explicit permissions to [${explicit.join(',')}]`,
        request: request(m, 'PUT', `/admin/users/${u.id}/permissions`, undefined, { roles: [...roles], permissions: [...explicit] }),
        expected: dropFallenShares(m, mapUser(m, u.id, (x) => ({ ...x, roles, explicit }))), // R-EFF-1, R-TRN-8
      };
    }
    case 'ChangeRolePermissions': {
      const admin = userIn(m, m.administrator);
      const role = pick(
        m.roles.filter((r) => r.id > 3 && !(admin?.roles ?? []).includes(r.id)), // R-ROL-1, R-ADM-7
        p.role,
      );
      if (role === undefined) return undefined;
      return {
        description: `set the permissions of role ${role.id} to [${p.permissions.join(',')}]`,
        request: request(m, 'PUT', `/admin/roles/${role.id}`, undefined, { permissions: [...p.permissions] }),
        expected: dropFallenShares(m, { ...m, roles: m.roles.map((r) => (r.id === role.id ? { ...r, permissions: sorted(p.permissions) } : r)) }), // R-TRN-8
      };
    }
    case 'ChangeAdminAccess': {
      const u = pick(targets(m), p.user);
      if (u === undefined) return undefined;
      const reachable = reach(m, u.tenant);
      const outside = m.tenants.filter((t) => !reachable.includes(t));
      const listed = sorted([...p.tenants.map((i) => reachable[i % reachable.length] ?? SYSTEM), ...(p.outOfReach && outside.length > 0 ? [outside[0] ?? SYSTEM] : [])]);
      const refused = listed.some((t) => !reachable.includes(t)); // R-ADM-5
      return {
        description: `set the tenants administered by user ${u.id} (tenant ${u.tenant}) to [${listed.join(',')}]`,
        request: request(m, 'PUT', `/admin/users/${u.id}/tenantsadministered`, undefined, { tenantsAdministered: [...listed] }),
        expected: refused ? 'refused' : dropFallenShares(m, mapUser(m, u.id, (x) => ({ ...x, administered: listed }))), // R-TRN-8
      };
    }
    case 'ChangeStatus': {
      const u = pick(targets(m), p.user);
      if (u === undefined) return undefined;
      return {
        description: `make user ${u.id} ${p.active ? 'active' : 'inactive'}`,
        request: request(m, 'PUT', `/admin/users/${u.id}/statusinfo`, undefined, { status: p.active ? 1 : 0, accountLocked: false }),
        expected: mapUser(m, u.id, (x) => ({ ...x, active: p.active })), // R-EFF-3
      };
    }
    case 'DeleteUser': {
      const u = pick(targets(m), p.user);
      if (u === undefined) return undefined;
      // R-TRN-6: its data sources and OAuth profiles go, and the shares to it
      const withoutOwned = m.dataSources.filter((d) => d.owner === u.id).reduce((acc, d) => withoutDataSource(acc, d.id), m);
      const expected: ModelState = {
        ...withoutOwned,
        users: withoutOwned.users.filter((x) => x.id !== u.id),
        profiles: withoutOwned.profiles.filter((pr) => pr.owner !== u.id),
        dataSources: withoutOwned.dataSources.map((d) => (d.userShares.some((s) => s.to === u.id) ? { ...d, userShares: d.userShares.filter((s) => s.to !== u.id) } : d)),
      };
      return { description: `delete user ${u.id}`, request: request(m, 'DELETE', `/admin/users/${u.id}`, undefined), expected };
    }
    case 'DeleteTenant': {
      const tenant = pick(m.tenants, p.tenant);
      if (tenant === undefined) return undefined;
      const description = `delete tenant ${tenant}`;
      const req = request(m, 'DELETE', `/admin/tenants/${tenant}`, undefined);
      // R-SNAP-3, R-TRN-6: not the system tenant, not while it has users or OAuth apps with profiles
      const busy = tenant === SYSTEM || m.users.some((u) => u.tenant === tenant) || m.apps.some((a) => a.tenant === tenant && m.profiles.some((pr) => pr.app === a.id));
      if (busy) return { description, request: req, expected: 'refused' };
      return {
        description,
        request: req,
        expected: {
          ...m,
          tenants: m.tenants.filter((t) => t !== tenant),
          roles: m.roles.filter((r) => r.tenant !== tenant),
          apps: m.apps.filter((a) => a.tenant !== tenant),
          users: m.users.map((u) => (u.administered.includes(tenant) ? { ...u, administered: u.administered.filter((t) => t !== tenant) } : u)),
          dataSources: m.dataSources.map((d) => (d.tenantShares.some((s) => s.to === tenant) ? { ...d, tenantShares: d.tenantShares.filter((s) => s.to !== tenant) } : d)),
        },
      };
    }
  }
};

/** The facts of a state as comparable data (lists ascending), for the model/engine comparison. */
export const factsView = (m: ModelState): Readonly<Record<string, unknown>> => {
  const byId = <T extends { readonly id: number }>(xs: ReadonlyArray<T>): ReadonlyArray<T> => [...xs].sort((a, b) => a.id - b.id);
  const shares = (xs: ReadonlyArray<ShareFact>): ReadonlyArray<ShareFact> => [...xs].sort((a, b) => a.to - b.to);
  return {
    tenants: m.tenants,
    roles: byId(m.roles),
    users: byId(m.users).map((u) => ({ ...u, permissions: userPermissions(m, u) })),
    dataSources: byId(m.dataSources).map((d) => ({ ...d, userShares: shares(d.userShares), tenantShares: shares(d.tenantShares) })),
    apps: byId(m.apps),
    profiles: byId(m.profiles),
    nextDataSource: m.nextDataSource,
  };
};
