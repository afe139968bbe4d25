/**
 * L-MODEL's deliberately simple model of the authorization state: plain facts (tenants, roles,
 * users, data sources with their shares and members, OAuth apps and profiles) and the effective
 * permissions of SPEC §3 computed from them by list scans. Written from SPEC §3 and §6 alone:
 * nothing here imports a rule of `src/` (only the JSON types, to read the initial snapshot).
 * Every value is immutable; a command maps a state to the next one (`transitions.ts`).
 */
import type { SnapshotJson } from '../../src/codec/snapshot.js';

/** A role: its tenant and permissions. */
export interface RoleFact {
  readonly id: number;
  readonly tenant: number;
  readonly permissions: ReadonlyArray<number>;
}

/** A user: tenant, roles, explicit permissions, administered tenants, status (R-EFF-1, R-EFF-3). */
export interface UserFact {
  readonly id: number;
  readonly name: string;
  readonly tenant: number;
  readonly roles: ReadonlyArray<number>;
  readonly explicit: ReadonlyArray<number>;
  readonly administered: ReadonlyArray<number>;
  readonly active: boolean;
}

/** A share: a recipient (user or tenant id) and its permissions. */
export interface ShareFact {
  readonly to: number;
  readonly permissions: ReadonlyArray<number>;
}

/** A data source or group. */
export interface DataSourceFact {
  readonly id: number;
  readonly owner: number;
  readonly isGroup: boolean;
  /** R-DSP-1: undefined when no data-source permissions are set. */
  readonly override: ReadonlyArray<number> | undefined;
  readonly members: ReadonlyArray<number>;
  readonly userShares: ReadonlyArray<ShareFact>;
  readonly tenantShares: ReadonlyArray<ShareFact>;
}

/** The whole state. */
export interface ModelState {
  readonly tenants: ReadonlyArray<number>;
  readonly roles: ReadonlyArray<RoleFact>;
  readonly users: ReadonlyArray<UserFact>;
  readonly dataSources: ReadonlyArray<DataSourceFact>;
  readonly apps: ReadonlyArray<{ readonly id: number; readonly tenant: number }>;
  readonly profiles: ReadonlyArray<{ readonly id: number; readonly app: number; readonly owner: number }>;
  /** R-TRN-2: the next data-source id (above every id ever held). */
  readonly nextDataSource: number;
  /** The acting Administrator (never a target of a command: R-ADM-7). */
  readonly administrator: number;
}

/** The system tenant (R-SNAP-3). */
export const SYSTEM = 1;

const ALL_CATALOG = (extra: ReadonlyArray<number>): ReadonlyArray<number> => [...Array.from({ length: 29 }, (_, i) => i + 1), ...extra];

/** Ascending without duplicates. */
export const sorted = (xs: ReadonlyArray<number>): ReadonlyArray<number> => [...new Set(xs)].sort((a, b) => a - b);

/** The model of a snapshot JSON (predefined roles and the system tenant added as SPEC §1 and §2 say). */
export const modelOf = (json: SnapshotJson, administrator: number): ModelState => {
  const extra = (json.permissions ?? []).map((p) => p.id);
  const given = (json.roles ?? []).map((r) => ({ id: r.id, tenant: r.tenantId, permissions: sorted(r.permissions) }));
  const predefined: ReadonlyArray<RoleFact> = [
    { id: 1, tenant: SYSTEM, permissions: ALL_CATALOG(extra) },
    { id: 2, tenant: SYSTEM, permissions: Array.from({ length: 11 }, (_, i) => i + 1) },
    { id: 3, tenant: SYSTEM, permissions: [...Array.from({ length: 11 }, (_, i) => i + 1), 13, 14, 15, 16, 17, 18, 19, 20, 21] },
  ].filter((p) => !given.some((r) => r.id === p.id));
  const dataSources = (json.dataSources ?? []).map((d) => ({
    id: d.id,
    owner: d.owner,
    isGroup: d.isGroup === true,
    override: d.permissions === undefined ? undefined : sorted(d.permissions),
    members: sorted((d.members ?? []).map((m) => m.id)),
    userShares: (d.sharedUsers ?? []).map((s) => ({ to: s.userId, permissions: sorted(s.permissions) })),
    tenantShares: (d.sharedTenants ?? []).map((s) => ({ to: s.tenantId, permissions: sorted(s.permissions) })),
  }));
  return {
    tenants: sorted([SYSTEM, ...(json.tenants ?? []).map((t) => t.id)]),
    roles: [...predefined, ...given].sort((a, b) => a.id - b.id),
    users: (json.users ?? []).map((u) => ({
      id: u.id,
      name: u.userName,
      tenant: u.tenantId,
      roles: sorted(u.permissions.roles),
      explicit: sorted(u.permissions.permissions ?? []),
      administered: sorted(u.tenantsAdministered ?? []),
      active: u.statusInfo?.status !== 0 && u.statusInfo?.accountLocked !== true,
    })),
    dataSources,
    apps: (json.oauthApps ?? []).map((a) => ({ id: a.id, tenant: a.tenantId })),
    profiles: (json.oauthProfiles ?? []).map((p) => ({ id: p.id, app: p.oauthAppId, owner: p.owner })),
    nextDataSource: Math.max(0, ...dataSources.map((d) => d.id), json.nextIds?.dataSource ?? 0) + 1,
    administrator,
  };
};

/** The user with id `id`. */
export const userIn = (m: ModelState, id: number): UserFact | undefined => m.users.find((u) => u.id === id);
/** The data source with id `id`. */
export const dataSourceIn = (m: ModelState, id: number): DataSourceFact | undefined => m.dataSources.find((d) => d.id === id);

/** R-EFF-1: the union of the roles' permissions and the explicit ones. */
export const userPermissions = (m: ModelState, u: UserFact): ReadonlyArray<number> =>
  sorted([...u.roles.flatMap((r) => m.roles.find((x) => x.id === r)?.permissions ?? []), ...u.explicit]);

/** Whether the user holds Administrator (12). */
export const holds12 = (m: ModelState, u: UserFact): boolean => userPermissions(m, u).includes(12);

/** R-SHR-6: a user share from `owner` to `recipient` is in force. */
export const shareInForce = (m: ModelState, owner: UserFact, recipient: UserFact): boolean =>
  owner.tenant === recipient.tenant || owner.administered.includes(recipient.tenant) || holds12(m, owner);

/** SPEC §3 without groups: the set that applies, or undefined when there is no route (R-DSP-3). */
const direct = (m: ModelState, u: UserFact, d: DataSourceFact): { readonly set: ReadonlyArray<number>; readonly fromSet: boolean } | undefined => {
  if (d.owner === u.id) return d.override !== undefined ? { set: d.override, fromSet: true } : { set: userPermissions(m, u), fromSet: false }; // R-DSP-1, R-DSP-2
  const owner = userIn(m, d.owner);
  const share = d.userShares.find((s) => s.to === u.id);
  if (share !== undefined && owner !== undefined && shareInForce(m, owner, u)) return { set: share.permissions, fromSet: true }; // R-SHR-1
  const tenantShare = d.tenantShares.find((s) => s.to === u.tenant);
  if (tenantShare !== undefined) return { set: tenantShare.permissions, fromSet: true }; // R-SHR-2
  return undefined; // R-DSP-3
};

/** SPEC §3: the effective permissions of user `userId` on `dataSourceId`, through `groupId` when given (R-GRP-1, R-EFF-3). */
export const effective = (m: ModelState, userId: number, dataSourceId: number, groupId?: number): ReadonlyArray<number> => {
  const u = userIn(m, userId);
  const d = dataSourceIn(m, dataSourceId);
  if (u === undefined || d === undefined || !u.active) return [];
  if (groupId === undefined) return sorted(direct(m, u, d)?.set ?? []);
  const g = dataSourceIn(m, groupId);
  if (g === undefined || !g.isGroup || !g.members.includes(d.id)) return [];
  const viaGroup = direct(m, u, g);
  if (viaGroup === undefined) return [];
  return sorted(viaGroup.fromSet ? viaGroup.set : direct(m, u, d)?.set ?? []);
};

/** Every question L-MODEL asks: each user on each data source, and on each member through each group holding it. */
export const questionsOf = (m: ModelState): ReadonlyArray<{ readonly user: number; readonly dataSource: number; readonly group: number | undefined }> =>
  m.users.flatMap((u) => [
    ...m.dataSources.map((d) => ({ user: u.id, dataSource: d.id, group: undefined })),
    ...m.dataSources.flatMap((g) => g.members.map((mid) => ({ user: u.id, dataSource: mid, group: g.id }))),
  ]);
