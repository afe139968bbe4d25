/**
 * what-can (R-AUD-2): for one user, every data source it reaches by SPEC §3 with its effective
 * permissions and route (and, under each group it reaches, the members it reaches through the
 * group, R-GRP-1); its user permissions with the roles or explicit grant behind each (R-EFF-1);
 * the tenants it administers; the users it may act for (R-OBO-2); and, for an active
 * Administrator (12), that it manages every data source and every tenant by authority (R-ADM-1),
 * as a flag — its data access stays its SPEC §3 set like anyone's.
 *
 * INVARIANT (one definition): sets and routes come from `effectiveAccess` /
 * `effectiveAccessThroughGroup`, grants from `userPermissionGrants`, the on-behalf-of reach from
 * `gateHolds`; this module only chooses whom and what to ask.
 * INVARIANT (candidates): a user reaches only what it owns (`dataSourcesByOwner`), what is shared
 * with it (`userSharesByRecipient`) or with its tenant (`tenantSharesByTenant`); members only
 * through a group among those. A non-Administrator acts only for users of the tenants it
 * administers (R-OBO-2 (b)). So an answer costs the user's own facts, never the snapshot's size.
 */
import * as E from 'fp-ts/lib/Either.js';
import { userByName, type DataSource, type DataSourceId, type Snapshot, type TenantId, type User, type UserId } from '../model/snapshot.js';
import type { RouteName } from '../model/trace.js';
import { effectiveAccess, effectiveAccessThroughGroup, reaches } from '../rules/dataSourcePermissions.js';
import { routeName } from '../rules/explainAccess.js';
import { gateHolds, holdsMgmtApi, holdsOnBehalfOf } from '../rules/onBehalfOf.js';
import { userPermissionGrants, type GrantedPermission } from '../rules/userPermissions.js';
import { paginate, type BadCursor, type PageRequest } from './page.js';
import type { InactiveStatus } from './whoCan.js';

/** A member reached through a group (R-GRP-1). */
export interface MemberReach {
  readonly id: DataSourceId;
  readonly route: RouteName;
  /** How the user reaches the group. */
  readonly groupRoute: RouteName;
  /** When the group's owner carries no set: the user's own route to the member. */
  readonly memberRoute?: RouteName;
  readonly permissions: ReadonlyArray<number>;
}

/** A data source the user reaches directly, with its SPEC §3 set and route. */
export interface DataSourceReach {
  readonly id: DataSourceId;
  readonly name: string;
  readonly isGroup: boolean;
  readonly route: RouteName;
  /** Effective permissions, ascending (may be empty: reached, visible, but nothing allowed). */
  readonly permissions: ReadonlyArray<number>;
  /** For a group: the members the user reaches through it, ascending (R-GRP-1). */
  readonly members?: ReadonlyArray<MemberReach>;
}

/** One user permission with what grants it (R-EFF-1). */
export type UserPermissionEntry = GrantedPermission;

/** The pages a what-can question asks for. */
export interface WhatCanPages {
  /** The page of data sources (ascending id). */
  readonly dataSources?: PageRequest | undefined;
  /** The page of users it acts for (ascending id). */
  readonly actsFor?: PageRequest | undefined;
}

/** Why a what-can question is refused. */
export type WhatCanError = { readonly _tag: 'UnknownUser'; readonly user: string; readonly message: string } | BadCursor;

/** The answer to a what-can question. */
export interface WhatCanAnswer {
  readonly userId: UserId;
  readonly userName: string;
  readonly tenantId: TenantId;
  readonly active: boolean;
  /** Set when the user is inactive or locked (R-EFF-3): it holds nothing and may do nothing. */
  readonly inactive: InactiveStatus | null;
  /** R-EFF-1: each user permission with the roles or explicit grant behind it, ascending. */
  readonly userPermissions: ReadonlyArray<UserPermissionEntry>;
  /** One page of the data sources it reaches, ascending by id. */
  readonly dataSources: ReadonlyArray<DataSourceReach>;
  /** The cursor of the next page of data sources, null on the last. */
  readonly dataSourcesNext: string | null;
  /** How many data sources it reaches, over all pages. */
  readonly dataSourceCount: number;
  /** The tenants it administers, ascending (`tenantsAdministered`). */
  readonly tenantsAdministered: ReadonlyArray<TenantId>;
  /** R-ADM-1: an active Administrator (12) manages every data source by authority (view, modify, delete), not listed row by row. */
  readonly managesEveryDataSource: boolean;
  /** R-ADM-1: an active Administrator (12) has administrative authority in every tenant. */
  readonly administersEveryTenant: boolean;
  /** R-OBO-2: an active Administrator (12) may act for every other user. */
  readonly actsForEveryone: boolean;
  /** One page of the users it may act for on behalf of (R-OBO-2), ascending, itself excluded (R-OBO-1). */
  readonly actsFor: ReadonlyArray<UserId>;
  /** The cursor of the next page of `actsFor`, null on the last. */
  readonly actsForNext: string | null;
  /** How many users it may act for, over all pages. */
  readonly actsForCount: number;
}

const statusOf = (u: User): InactiveStatus | null => (u.active ? null : u.status === 0 ? (u.accountLocked ? 'inactiveAndLocked' : 'inactive') : 'locked');

const noIds: ReadonlyArray<number> = [];

/** The data sources a direct route of SPEC §3 can lead `user` to, ascending: owned, shared with it, shared with its tenant. */
export const reachCandidates = (snapshot: Snapshot, user: User): ReadonlyArray<DataSourceId> => {
  const ids = new Set<DataSourceId>(snapshot.dataSourcesByOwner.get(user.id) ?? noIds); // R-DSP-1, R-DSP-2
  for (const id of snapshot.userSharesByRecipient.get(user.id) ?? noIds) ids.add(id); // R-SHR-1
  for (const id of snapshot.tenantSharesByTenant.get(user.tenantId) ?? noIds) ids.add(id); // R-SHR-2
  return [...ids].sort((a, b) => a - b);
};

/** R-GRP-1: the members of `group` that `user` reaches through it. */
const membersThrough = (snapshot: Snapshot, user: User, group: DataSource): ReadonlyArray<MemberReach> =>
  group.members.flatMap((m) => {
    const member = snapshot.dataSources.get(m.id);
    if (member === undefined) return [];
    const access = effectiveAccessThroughGroup(user, group, member);
    if (!reaches(access) || access._tag !== 'Group') return [];
    return [
      {
        id: member.id,
        route: routeName(access),
        groupRoute: routeName(access.viaGroup),
        ...(access.member === null ? {} : { memberRoute: routeName(access.member) }),
        permissions: access.permissions.ids,
      },
    ];
  });

/** The data sources `user` reaches directly (SPEC §3), ascending, each with its set and route; groups with the members reached through them. */
export const reachedDataSources = (snapshot: Snapshot, user: User): ReadonlyArray<DataSourceReach> =>
  reachCandidates(snapshot, user).flatMap((id) => {
    const d = snapshot.dataSources.get(id);
    if (d === undefined) return [];
    const access = effectiveAccess(user, d);
    if (!reaches(access)) return [];
    const entry: DataSourceReach = { id: d.id, name: d.name, isGroup: d.isGroup, route: routeName(access), permissions: access.permissions.ids };
    return [d.isGroup ? { ...entry, members: membersThrough(snapshot, user, d) } : entry];
  });

/**
 * R-OBO-2: the users `actor` may act for, ascending, itself excluded (R-OBO-1: `?user=` naming
 * the actor is a plain request); none while it is inactive (R-EFF-3 refuses it everything).
 * An Administrator passes the gate alone, so every other user; anyone else needs P(21) and
 * P(11) and acts only within the tenants it administers, each subject checked by `gateHolds`.
 */
export const actsForUsers = (snapshot: Snapshot, actor: User): Iterable<UserId> => {
  if (!actor.active) return noIds; // R-EFF-3
  if (actor.isAdministrator) return everyOtherUser(snapshot, actor.id);
  if (!holdsOnBehalfOf(actor) || !holdsMgmtApi(actor)) return noIds; // R-OBO-2 (c), (d): no subject passes without them
  const ids: UserId[] = [];
  for (const tid of actor.tenantsAdministered) {
    // R-OBO-2 (b): only users of administered tenants can pass
    for (const uid of snapshot.tenants.get(tid)?.users ?? noIds) {
      const subject = snapshot.users.get(uid);
      if (subject !== undefined && uid !== actor.id && gateHolds(actor, subject)) ids.push(uid);
    }
  }
  return ids.sort((a, b) => a - b);
};

function* everyOtherUser(snapshot: Snapshot, self: UserId): Iterable<UserId> {
  for (const uid of snapshot.users.keys()) if (uid !== self) yield uid;
}

const countOf = (items: Iterable<unknown>): number => {
  if (Array.isArray(items)) return items.length;
  let n = 0;
  for (const _ of items) n += 1;
  return n;
};

/** what-can for `user` (R-AUD-2), one page of data sources and of `actsFor`; a bad cursor is a Left. */
export const whatCanUser = (snapshot: Snapshot, user: User, pages: WhatCanPages = {}): E.Either<WhatCanError, WhatCanAnswer> => {
  const reached = reachedDataSources(snapshot, user);
  const dsPage = paginate(reached, (d) => d.id, pages.dataSources);
  if (E.isLeft(dsPage)) return dsPage;
  const acting = actsForUsers(snapshot, user);
  const actsPage = paginate(acting, (id) => id, pages.actsFor);
  if (E.isLeft(actsPage)) return actsPage;
  const authority = user.active && user.isAdministrator; // R-ADM-1
  return E.right({
    userId: user.id,
    userName: user.userName,
    tenantId: user.tenantId,
    active: user.active,
    inactive: statusOf(user),
    userPermissions: userPermissionGrants(snapshot, user),
    dataSources: dsPage.right.items,
    dataSourcesNext: dsPage.right.next,
    dataSourceCount: reached.length,
    tenantsAdministered: user.tenantsAdministered,
    managesEveryDataSource: authority,
    administersEveryTenant: authority,
    actsForEveryone: authority,
    actsFor: actsPage.right.items,
    actsForNext: actsPage.right.next,
    actsForCount: authority ? Math.max(0, snapshot.users.size - 1) : countOf(acting),
  });
};

/** what-can for the user named `userName` (R-AUD-2); an unknown name or a bad cursor is a Left. */
export const whatCan = (snapshot: Snapshot, userName: string, pages: WhatCanPages = {}): E.Either<WhatCanError, WhatCanAnswer> => {
  const user = userByName(snapshot, userName);
  return user === undefined ? E.left({ _tag: 'UnknownUser', user: userName, message: `there is no user \`${userName}\`` }) : whatCanUser(snapshot, user, pages);
};
