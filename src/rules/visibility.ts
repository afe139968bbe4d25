/**
 * Existence and visibility (R-REQ-3): which data sources a request may name. A data source the
 * subject cannot reach is answered exactly like one that does not exist. A direct request by an
 * Administrator (12) reaches every data source by authority (R-ADM-1), while its permissions
 * there stay its SPEC §3 set; under on-behalf-of, reachability is the subject's, whatever its
 * status (R-OBO-1, R-OBO-3).
 */
import type { DataSource, OAuthProfile } from '../model/snapshot.js';
import type { EffectiveAccess } from './access.js';
import { isDirectAdministrator, subjectOf, type Caller } from './caller.js';
import { effectiveAccess, reaches, routeAccess, type RouteTrace } from './dataSourcePermissions.js';

/** How a request's subject sees a data source: by a route of SPEC §3, by authority (A12, direct), or not at all. */
export type Visibility =
  | { readonly _tag: 'Reached'; readonly access: EffectiveAccess }
  | { readonly _tag: 'ByAuthority'; readonly access: EffectiveAccess }
  | { readonly _tag: 'Hidden'; readonly access: EffectiveAccess };

/** R-REQ-3: whether the caller may name `dataSource`, and the subject's SPEC §3 access to it. */
export const dataSourceVisibility = (caller: Caller, dataSource: DataSource, trace: RouteTrace | null = null): Visibility => {
  if (caller._tag === 'OnBehalfOf') {
    const access = routeAccess(caller.subject, dataSource, trace); // R-OBO-1: the subject's status does not block the actor
    return reaches(access) ? { _tag: 'Reached', access } : { _tag: 'Hidden', access };
  }
  const access = effectiveAccess(caller.actor, dataSource, trace);
  return reaches(access) ? { _tag: 'Reached', access } : caller.actor.isAdministrator ? { _tag: 'ByAuthority', access } : { _tag: 'Hidden', access };
};

/** R-REQ-3 for a member id in a path or body: visible to a direct Administrator, else when the subject has a route to it. */
export const memberVisible = (caller: Caller, member: DataSource): boolean => isDirectAdministrator(caller) || reaches(routeAccess(subjectOf(caller), member));

/** R-OAP-1, R-REQ-3: an OAuth profile is visible to its owner, and to a direct Administrator. */
export const profileVisible = (caller: Caller, profile: OAuthProfile): boolean => profile.owner === subjectOf(caller).id || isDirectAdministrator(caller);
