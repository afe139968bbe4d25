/**
 * The AuthZEN search endpoints (issue 9) over the audit queries, with the specification's
 * pagination: search/subject is who-can (R-AUD-1, Administrators apart for 2, 3, 4),
 * search/resource is what-can (R-AUD-2), search/action is the subject's effective permissions on
 * one data source (SPEC §3, plus 2, 3, 4 by authority for an active Administrator, R-ADM-1).
 *
 * INVARIANT (search agrees with evaluation): every result, asked as an evaluation by the same
 * caller, is a `"decision": true`, and every true evaluation is a result (L-AUTHZEN).
 * INVARIANT (tokens): a token is opaque (base64url of the last key given and a digest of the
 * query), names the query it belongs to, and the walk visits every result exactly once.
 */
import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { dataSourceSettable, permissionName } from '../../catalog/catalog.js';
import { has, intersection, union } from '../../catalog/permissionSet.js';
import { DEFAULT_PAGE_SIZE, paginate } from '../../audit/page.js';
import { reachedDataSources } from '../../audit/whatCan.js';
import { byAuthority, whoCan } from '../../audit/whoCan.js';
import { parseJsonText } from '../../codec/json.js';
import type { Json } from '../../decide/decision.js';
import { userByName, type Snapshot, type User } from '../../model/snapshot.js';
import { reaches } from '../../rules/dataSourcePermissions.js';
import { TokenCodec, type SearchKind, type SearchRequest } from './codec.js';
import { accessOf, isAuditor, isOperationName, locate, mayAsk, permissionByName, type Refused } from './evaluate.js';

/** A search answer body: the page first (as the specification recommends), an optional context, the results. */
export interface SearchAnswer {
  readonly page: { readonly next_token: string; readonly count: number; readonly total: number };
  readonly context?: { readonly [key: string]: Json };
  readonly results: ReadonlyArray<Json>;
}

/** Why a search is not answered: 400 (a token of another query, or not one this engine gave) or 403. */
export type SearchRefusal = Refused | { readonly status: 400; readonly message: string };

/**
 * What a token must belong to (D-ZEN-5): every field that decides the answer — the subject's
 * and resource's ids, the group, the action and the limit (fields a search ignores do not count).
 */
const queryKey = (request: SearchRequest): string =>
  JSON.stringify([request.subject?.id ?? null, request.action?.name ?? null, request.resource?.id ?? null, request.resource?.properties?.group ?? null, request.page.limit ?? null]);

/** The digest binding a token to its query (endpoint and `queryKey`). */
const queryDigest = (kind: SearchKind, request: SearchRequest): string => createHash('sha256').update(`${kind}\u0000${queryKey(request)}`).digest('base64url').slice(0, 16);

/** The opaque token of the page after `after`. */
export const encodeToken = (kind: SearchKind, request: SearchRequest, after: string): string => Buffer.from(JSON.stringify({ q: queryDigest(kind, request), after }), 'utf8').toString('base64url');

/** The cursor a token carries, or 400 when it is not one this engine gave for this very query. */
export const decodeToken = (kind: SearchKind, request: SearchRequest, token: string | undefined): E.Either<SearchRefusal, string | undefined> => {
  if (token === undefined || token === '') return E.right(undefined);
  const bad: SearchRefusal = { status: 400, message: `page token \`${token.length > 40 ? `${token.slice(0, 37)}...` : token}\` is not one this engine gave` };
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return E.left(bad);
  const parsed = parseJsonText(Buffer.from(token, 'base64url').toString('utf8'));
  if (E.isLeft(parsed)) return E.left(bad);
  const decoded = TokenCodec.decode(parsed.right);
  if (E.isLeft(decoded)) return E.left(bad);
  if (decoded.right.q !== queryDigest(kind, request)) return E.left({ status: 400, message: 'page token belongs to another query: the subject, action, resource, group and limit must stay as in the first request' });
  return E.right(decoded.right.after);
};

/** One page of ascending-keyed results, with the specification's `page` object. */
const pageOf = <A>(kind: SearchKind, request: SearchRequest, items: ReadonlyArray<A>, key: (a: A) => number, show: (a: A) => Json, context?: { readonly [key: string]: Json }): E.Either<SearchRefusal, SearchAnswer> => {
  const after = decodeToken(kind, request, request.page.token);
  if (E.isLeft(after)) return after;
  const limit = request.page.limit === undefined || request.page.limit === 0 ? DEFAULT_PAGE_SIZE : request.page.limit;
  const page = paginate(items, key, { after: after.right, limit });
  if (E.isLeft(page)) return E.left({ status: 400, message: page.left.message });
  const results = page.right.items.map(show);
  return E.right({
    page: { next_token: page.right.next === null ? '' : encodeToken(kind, request, page.right.next), count: results.length, total: items.length },
    ...(context === undefined ? {} : { context }),
    results,
  });
};

const none = (kind: SearchKind, request: SearchRequest, reason: string): E.Either<SearchRefusal, SearchAnswer> => pageOf(kind, request, [], () => 0, () => null, { reason });

/** The data-source permission an action names, or the reason a search finds nothing for it. */
const searchedPermission = (snapshot: Snapshot, name: string): E.Either<string, number> => {
  const p = permissionByName(snapshot, name);
  if (p === undefined) return E.left(isOperationName(name) ? 'unsupported_action' : 'unknown_action');
  return has(dataSourceSettable, p) ? E.right(p) : E.left('not_a_data_source_permission');
};

/** search/subject (who-can, R-AUD-1): the users holding the action's permission on the resource, Administrators for 2, 3, 4 (R-ADM-1). Auditors only. */
export const searchSubjects = (snapshot: Snapshot, caller: User, request: SearchRequest): E.Either<SearchRefusal, SearchAnswer> => {
  if (!isAuditor(caller)) return E.left({ status: 403, message: 'only an Administrator (12) may search for subjects' });
  if (request.action === undefined || request.resource === undefined) return none('subject', request, 'bad_request');
  const p = searchedPermission(snapshot, request.action.name);
  if (E.isLeft(p)) return none('subject', request, p.left);
  const found = locate(snapshot, request.resource);
  if (found._tag === 'Absent') return none('subject', request, 'not_found');
  const answer = whoCan(snapshot, found.dataSource.id, p.right, { group: found.group?.id, page: { limit: Number.MAX_SAFE_INTEGER } });
  if (E.isLeft(answer)) return none('subject', request, 'not_found');
  const byId = new Map<number, string>();
  for (const h of answer.right.holders) byId.set(h.userId, h.userName);
  for (const a of answer.right.administrators) byId.set(a.userId, a.userName); // R-ADM-1: 2, 3, 4 only (whoCan lists none otherwise)
  const users = [...byId.entries()].sort(([a], [b]) => a - b);
  return pageOf('subject', request, users, ([id]) => id, ([, userName]) => ({ type: 'user', id: userName }));
};

/** search/resource (what-can, R-AUD-2): the data sources where the subject holds the action's permission; every one for 2, 3, 4 of an active Administrator (R-ADM-1). */
export const searchResources = (snapshot: Snapshot, caller: User, request: SearchRequest): E.Either<SearchRefusal, SearchAnswer> => {
  if (request.subject === undefined || request.action === undefined) return none('resource', request, 'bad_request');
  const allowed = mayAsk(caller, request.subject.id);
  if (E.isLeft(allowed)) return allowed;
  const user = userByName(snapshot, request.subject.id);
  if (user === undefined) return none('resource', request, 'unknown_subject');
  const p = searchedPermission(snapshot, request.action.name);
  if (E.isLeft(p)) return none('resource', request, p.left);
  const ids =
    user.active && user.isAdministrator && has(byAuthority, p.right)
      ? [...snapshot.dataSources.keys()] // R-ADM-1: every data source, by authority
      : reachedDataSources(snapshot, user).flatMap((d) => (d.permissions.includes(p.right) ? [d.id] : []));
  return pageOf('resource', request, ids, (id) => id, (id) => ({ type: 'datasource', id: String(id) }));
};

/** search/action: the catalog names of the subject's effective permissions on the data source (SPEC §3), with 2, 3, 4 by authority for an active Administrator (R-ADM-1). */
export const searchActions = (snapshot: Snapshot, caller: User, request: SearchRequest): E.Either<SearchRefusal, SearchAnswer> => {
  if (request.subject === undefined || request.resource === undefined) return none('action', request, 'bad_request');
  const allowed = mayAsk(caller, request.subject.id);
  if (E.isLeft(allowed)) return allowed;
  const user = userByName(snapshot, request.subject.id);
  if (user === undefined) return none('action', request, 'unknown_subject');
  const found = locate(snapshot, request.resource);
  if (found._tag === 'Absent') return none('action', request, 'not_found');
  const access = accessOf(user, found);
  const authority = user.active && user.isAdministrator;
  // R-REQ-3: a data source the caller may not see is answered exactly like one that does not exist
  if (!isAuditor(caller) && !reaches(access) && !authority) return none('action', request, 'not_found');
  const held = intersection(authority ? union(access.permissions, byAuthority) : access.permissions, dataSourceSettable); // only what an evaluation can grant
  return pageOf('action', request, held.ids, (id) => id, (id) => ({ name: permissionName(snapshot.catalog, id) }));
};
