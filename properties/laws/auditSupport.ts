/**
 * What the audit laws (L-AUDIT, R-AUD-4) share: walking every page of a who-can or what-can
 * answer with a small page size (so pagination is under test too), and the engine's single
 * decisions they are compared with.
 */
import * as E from 'fp-ts/lib/Either.js';
import { whatCanUser, type DataSourceReach, type WhatCanAnswer } from '../../src/audit/whatCan.js';
import { whoCan, type Holder, type WhoCanAnswer } from '../../src/audit/whoCan.js';
import type { Channel } from '../../src/codec/request.js';
import type { Snapshot, User } from '../../src/model/snapshot.js';

/** The page size the laws walk answers with: small, so that most answers span several pages. */
export const LAW_PAGE = 2;

/** The query channel of a data-source permission, or undefined for 2, 3, 4 (R-USE-1). */
export const channelOf = (p: number): Channel | undefined => (p === 5 ? 'JDBC' : p === 6 ? 'ODBC' : p === 7 ? 'OData' : p === 10 ? 'SQLEditor' : undefined);

/** Every holder of who-can(d, p[, g]) over all pages, with the first page's answer; a Left or a page out of order is a failure text. */
export const allHolders = (s: Snapshot, d: number, p: number, g: number | undefined): E.Either<string, { readonly first: WhoCanAnswer; readonly holders: ReadonlyArray<Holder> }> => {
  const holders: Holder[] = [];
  let after: string | undefined;
  let first: WhoCanAnswer | undefined;
  for (let guard = 0; guard < 1000; guard += 1) {
    const page = whoCan(s, d, p, { group: g, page: after === undefined ? { limit: LAW_PAGE } : { after, limit: LAW_PAGE } });
    if (E.isLeft(page)) return E.left(`who-can(${d}, ${p}, ${g ?? '-'}) refused: ${page.left.message}`);
    first ??= page.right;
    holders.push(...page.right.holders);
    if (page.right.next === null) {
      const ids = holders.map((h) => h.userId);
      if (ids.some((id, i) => i > 0 && id <= (ids[i - 1] ?? 0))) return E.left(`who-can(${d}, ${p}, ${g ?? '-'}) holders not ascending: ${ids.join(',')}`);
      if (ids.length !== first.holderCount) return E.left(`who-can(${d}, ${p}, ${g ?? '-'}) walked ${ids.length} holders, counted ${first.holderCount}`);
      return E.right({ first, holders });
    }
    after = page.right.next;
  }
  return E.left(`who-can(${d}, ${p}, ${g ?? '-'}) never reached its last page`);
};

/** Every data source of what-can(u) over all pages, with the first page's answer (the rest of the answer is page-independent). */
export const allReached = (s: Snapshot, u: User): E.Either<string, { readonly first: WhatCanAnswer; readonly dataSources: ReadonlyArray<DataSourceReach>; readonly actsFor: ReadonlyArray<number> }> => {
  const dataSources: DataSourceReach[] = [];
  const actsFor: number[] = [];
  let dsAfter: string | undefined;
  let actsAfter: string | undefined;
  let first: WhatCanAnswer | undefined;
  let dsDone = false;
  let actsDone = false;
  for (let guard = 0; guard < 1000 && !(dsDone && actsDone); guard += 1) {
    const page = whatCanUser(s, u, {
      dataSources: dsAfter === undefined ? { limit: LAW_PAGE } : { after: dsAfter, limit: LAW_PAGE },
      actsFor: actsAfter === undefined ? { limit: LAW_PAGE } : { after: actsAfter, limit: LAW_PAGE },
    });
    if (E.isLeft(page)) return E.left(`what-can(${u.id}) refused: ${page.left.message}`);
    first ??= page.right;
    if (!dsDone) dataSources.push(...page.right.dataSources);
    if (!actsDone) actsFor.push(...page.right.actsFor);
    dsDone ||= page.right.dataSourcesNext === null;
    actsDone ||= page.right.actsForNext === null;
    dsAfter = page.right.dataSourcesNext ?? dsAfter;
    actsAfter = page.right.actsForNext ?? actsAfter;
  }
  if (first === undefined || !dsDone || !actsDone) return E.left(`what-can(${u.id}) never reached its last page`);
  if (dataSources.length !== first.dataSourceCount) return E.left(`what-can(${u.id}) walked ${dataSources.length} data sources, counted ${first.dataSourceCount}`);
  if (actsFor.length !== first.actsForCount) return E.left(`what-can(${u.id}) walked ${actsFor.length} acts-for users, counted ${first.actsForCount}`);
  return E.right({ first, dataSources, actsFor });
};

/** Ids as text, for failure messages. */
export const showIds = (ids: Iterable<number>): string => `[${[...ids].join(',')}]`;
