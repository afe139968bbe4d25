/**
 * who-can (R-AUD-1): for a data source (optionally through a group, R-GRP-1) and one or more
 * data-source-settable permissions (R-CAT-1), every active user holding them by SPEC §3, with
 * its route; apart, the active Administrators (12), who manage the data source by authority for
 * view, modify and delete (R-ADM-1, R-REQ-3) and open no query channel (R-USE-1); apart again,
 * the inactive or locked users a route leads to, who hold nothing while inactive (R-EFF-3).
 *
 * INVARIANT (one definition): every set and route here is the one `effectiveAccess` /
 * `effectiveAccessThroughGroup` returns, every trace the one `explainAccess` builds, and every
 * query channel the one `decideUse` opens; this module only chooses whom to ask.
 * INVARIANT (candidates): only the users a route of SPEC §3 can lead to are asked — the owner,
 * the recipients of user shares and the users of shared tenants (of the group, for a group
 * route) — so an answer costs the data source's shares, never the number of users.
 */
import * as E from 'fp-ts/lib/Either.js';
import { Permission, dataSourceSettable, describePermission } from '../catalog/catalog.js';
import { fromIds, has, intersection, isEmpty, type PermissionSet } from '../catalog/permissionSet.js';
import type { Channel } from '../codec/request.js';
import { decideUse } from '../decide/use.js';
import type { DataSource, DataSourceId, Snapshot, User, UserId } from '../model/snapshot.js';
import { stateFactsOnce, type RouteName, type Trace } from '../model/trace.js';
import { channelPermission } from '../operations/channels.js';
import { effectiveAccess, effectiveAccessThroughGroup, type EffectiveAccess } from '../rules/dataSourcePermissions.js';
import { explainAccess, routeName } from '../rules/explainAccess.js';
import { paginate, type BadCursor, type PageRequest } from './page.js';

/** R-ADM-1, R-REQ-3: what an active Administrator (12) may do to any data source by authority. */
export const byAuthority: PermissionSet = fromIds([Permission.ViewDataSource, Permission.ModifyDataSource, Permission.DeleteDataSource]);

/** The query channels, in the order of their permissions (5, 6, 7, 10). */
const CHANNELS: ReadonlyArray<Channel> = ['JDBC', 'ODBC', 'OData', 'SQLEditor'];

/** A who-can question: a data source, the permissions asked about, optionally a group route. */
export interface WhoCanQuery {
  readonly dataSource: DataSourceId;
  /** Data-source-settable permissions (R-CAT-1), at least one. */
  readonly permissions: ReadonlyArray<number>;
  /** Through this group (R-GRP-1) when given. */
  readonly group?: DataSourceId | undefined;
  /** Build each listed holder's trace (`explainAccess`). */
  readonly trace?: boolean | undefined;
  /** The page of holders (ascending user id). */
  readonly page?: PageRequest | undefined;
}

/** Why a who-can question is refused (the CLI's exit 2, the gateway's 400). */
export type WhoCanError =
  | { readonly _tag: 'NotSettable'; readonly permissions: ReadonlyArray<number>; readonly message: string }
  | { readonly _tag: 'NoPermission'; readonly message: string }
  | { readonly _tag: 'UnknownDataSource'; readonly dataSourceId: DataSourceId; readonly message: string }
  | BadCursor;

/** A user holding some of the asked permissions, with its whole SPEC §3 set and route. */
export interface Holder {
  readonly userId: UserId;
  readonly userName: string;
  readonly route: RouteName;
  /** For a group route: how the user reaches the group (R-GRP-1). */
  readonly groupRoute?: RouteName;
  /** For a group route whose owner carries no set: the user's own route to the member. */
  readonly memberRoute?: RouteName;
  /** The user's effective permissions on the data source (through the group), ascending. */
  readonly permissions: ReadonlyArray<number>;
  /** Which of the asked permissions it holds, ascending. */
  readonly holds: ReadonlyArray<number>;
  /** The query channels among the asked permissions that `decideUse` opens to it (R-USE-1; SQLEditor also needs P(8), R-DSP-4). */
  readonly queryChannels: ReadonlyArray<Channel>;
  /** The trace of its effective permissions, when asked for. */
  readonly trace?: Trace;
}

/** An active Administrator (12), who manages the data source by authority. */
export interface AdministratorEntry {
  readonly userId: UserId;
  readonly userName: string;
  /** Which of the asked permissions it exercises by authority (those of 2, 3, 4), ascending. */
  readonly byAuthority: ReadonlyArray<number>;
}

/** How a user is out of action (R-EFF-3). */
export type InactiveStatus = 'inactive' | 'locked' | 'inactiveAndLocked';

/** An inactive or locked user a route leads to: it holds nothing while inactive (R-EFF-3). */
export interface InactiveEntry {
  readonly userId: UserId;
  readonly userName: string;
  readonly status: InactiveStatus;
  /** The route that would apply once active. */
  readonly route: RouteName;
  /** The permissions it would hold there once active, ascending. */
  readonly wouldHold: ReadonlyArray<number>;
}

/** The answer to a who-can question. */
export interface WhoCanAnswer {
  readonly dataSource: DataSourceId;
  readonly group: DataSourceId | null;
  /** The asked permissions, ascending. */
  readonly permissions: ReadonlyArray<number>;
  /** One page of holders, ascending by user id. */
  readonly holders: ReadonlyArray<Holder>;
  /** The cursor of the next page of holders, null on the last. */
  readonly next: string | null;
  /** Every holder, over all pages. */
  readonly holderCount: number;
  /** Active Administrators (12), ascending; empty when no asked permission is one of 2, 3, 4. */
  readonly administrators: ReadonlyArray<AdministratorEntry>;
  /** Inactive or locked users a route leads to with some asked permission, ascending. */
  readonly inactive: ReadonlyArray<InactiveEntry>;
  /** For a group route: whether the group lists the data source as a member (R-GRP-1: else nothing reaches it). */
  readonly groupContainsDataSource: boolean | null;
  /** Groups listing the data source as a member (routes `--group` can ask about), ascending. */
  readonly groups: ReadonlyArray<DataSourceId>;
}

const statusOf = (u: User): InactiveStatus => (u.status === 0 ? (u.accountLocked ? 'inactiveAndLocked' : 'inactive') : 'locked');

/** The users a direct route of SPEC §3 to `d` can lead to, ascending: owner, user-share recipients, users of shared tenants. */
export const routeCandidates = (snapshot: Snapshot, d: DataSource): ReadonlyArray<UserId> => {
  const ids = new Set<UserId>([d.owner]); // R-DSP-1, R-DSP-2
  for (const uid of d.sharedUsers.keys()) ids.add(uid); // R-SHR-1
  for (const tid of d.sharedTenants.keys()) for (const uid of snapshot.tenants.get(tid)?.users ?? []) ids.add(uid); // R-SHR-2
  return [...ids].sort((a, b) => a - b);
};

const settableProblem = (permissions: ReadonlyArray<number>): WhoCanError | undefined => {
  if (permissions.length === 0) return { _tag: 'NoPermission', message: 'who-can needs at least one permission' };
  const bad = [...new Set(permissions.filter((p) => !has(dataSourceSettable, p)))].sort((a, b) => a - b);
  return bad.length === 0
    ? undefined
    : {
        _tag: 'NotSettable',
        permissions: bad,
        message: `permission${bad.length === 1 ? '' : 's'} ${bad.map((p) => `\`${p}\``).join(', ')} cannot be set on a data source (R-CAT-1): who-can asks about 2, 3, 4, 5, 6, 7 or 10`,
      };
};

const unknownDataSource = (id: DataSourceId): WhoCanError => ({ _tag: 'UnknownDataSource', dataSourceId: id, message: `there is no data source \`${id}\`` });

/**
 * who-can for a set of data-source-settable permissions at once (R-AUD-1): the holders of any of
 * them, each with which it holds; a permission outside R-CAT-1, an unknown data source or group
 * or a bad cursor is a Left.
 */
export const whoCanAny = (snapshot: Snapshot, query: WhoCanQuery): E.Either<WhoCanError, WhoCanAnswer> => {
  const problem = settableProblem(query.permissions);
  if (problem !== undefined) return E.left(problem);
  const d = snapshot.dataSources.get(query.dataSource);
  if (d === undefined) return E.left(unknownDataSource(query.dataSource));
  const g = query.group === undefined ? undefined : snapshot.dataSources.get(query.group);
  if (query.group !== undefined && g === undefined) return E.left(unknownDataSource(query.group));
  const asked = fromIds(query.permissions);

  // the users a route can lead to; through a group, those reaching the group (R-GRP-1)
  const candidates = routeCandidates(snapshot, g ?? d);
  const accessOf = (u: User): EffectiveAccess => (g === undefined ? effectiveAccess(u, d) : effectiveAccessThroughGroup(u, g, d));
  const holders: Array<{ readonly user: User; readonly access: EffectiveAccess; readonly holds: PermissionSet }> = [];
  const inactive: InactiveEntry[] = [];
  for (const uid of candidates) {
    const user = snapshot.users.get(uid);
    if (user === undefined) continue;
    if (!user.active) {
      // R-EFF-3: it holds nothing; what the same rules would give it once active, listed apart
      const would = accessOf({ ...user, active: true });
      const wouldHold = intersection(would.permissions, asked);
      if (!isEmpty(wouldHold)) inactive.push({ userId: user.id, userName: user.userName, status: statusOf(user), route: routeName(would), wouldHold: would.permissions.ids });
      continue;
    }
    const access = accessOf(user);
    const holds = intersection(access.permissions, asked);
    if (!isEmpty(holds)) holders.push({ user, access, holds });
  }

  const page = paginate(holders, (h) => h.user.id, query.page);
  if (E.isLeft(page)) return page;
  const channelsAsked = CHANNELS.filter((c) => has(asked, channelPermission[c]));
  const listed = page.right.items.map(({ user, access, holds }): Holder => {
    const queryChannels = channelsAsked.filter(
      (via) => has(holds, channelPermission[via]) && decideUse(snapshot, { actor: { id: user.id }, use: g === undefined ? { dataSource: d.id, via } : { dataSource: d.id, via, group: g.id } }, { trace: false }).decision === 'allow',
    );
    return {
      userId: user.id,
      userName: user.userName,
      route: routeName(access),
      ...(access._tag === 'Group' ? { groupRoute: routeName(access.viaGroup) } : {}),
      ...(access._tag === 'Group' && access.member !== null ? { memberRoute: routeName(access.member) } : {}),
      permissions: access.permissions.ids,
      holds: holds.ids,
      queryChannels,
      ...(query.trace === true ? { trace: stateFactsOnce([explainAccess(snapshot, user, d, g).step]) } : {}),
    };
  });

  // R-ADM-1, R-REQ-3: active Administrators manage it by authority for 2, 3, 4 only; no query channel (R-USE-1)
  const authority = intersection(asked, byAuthority);
  const administrators: ReadonlyArray<AdministratorEntry> = isEmpty(authority)
    ? []
    : [...snapshot.activeAdministrators.values()].map((a) => ({ userId: a.id, userName: a.userName, byAuthority: authority.ids }));

  return E.right({
    dataSource: d.id,
    group: g === undefined ? null : g.id,
    permissions: asked.ids,
    holders: listed,
    next: page.right.next,
    holderCount: holders.length,
    administrators,
    inactive,
    groupContainsDataSource: g === undefined ? null : g.isGroup && g.memberIds.has(d.id),
    groups: d.groups,
  });
};

/** who-can for one data-source-settable permission (R-AUD-1): `whoCanAny` with that permission alone. */
export const whoCan = (
  snapshot: Snapshot,
  dataSource: DataSourceId,
  permission: number,
  options: { readonly group?: DataSourceId | undefined; readonly trace?: boolean | undefined; readonly page?: PageRequest | undefined } = {},
): E.Either<WhoCanError, WhoCanAnswer> => whoCanAny(snapshot, { dataSource, permissions: [permission], group: options.group, trace: options.trace, page: options.page });

/** The name and id of a permission, e.g. `ViewDataSource (2)`, for messages and tables. */
export const permissionLabel = (snapshot: Snapshot, permission: number): string => describePermission(snapshot.catalog, permission);
