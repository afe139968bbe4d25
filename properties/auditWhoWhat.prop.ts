/** L-AUDIT (R-AUD-4) for who-can and what-can: audit answers agree with single decisions, on generated snapshots. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { whatCanUser } from '../src/audit/whatCan.js';
import { whoCan } from '../src/audit/whoCan.js';
import { snapshotJsonArb } from './arbitraries/snapshot.js';
import { load } from './laws/support.js';
import { actsForAgreesWithDecisions } from './laws/auditActsFor.js';
import { administratorsAgreeWithDecisions } from './laws/auditAdministrators.js';
import { whatCanAgreesWithDecisions } from './laws/auditWhatCan.js';
import { whoCanAgreesWithDecisions } from './laws/auditWhoCan.js';

/** Runs per law: each run asks every (data source, group route, permission) or every (user, data source, member) of a snapshot. */
const RUNS = 500;

const holds =
  (law: (json: Parameters<typeof whoCanAgreesWithDecisions>[0]) => ReadonlyArray<string>) =>
  (json: Parameters<typeof whoCanAgreesWithDecisions>[0]): boolean => {
    const found = law(json);
    expect(found.slice(0, 5)).toEqual([]);
    return found.length === 0;
  };

describe('L-AUDIT: who-can and what-can agree with single decisions', () => {
  it('L-AUDIT (R-AUD-1, R-AUD-4, R-GRP-1, R-USE-1, R-EFF-3): who-can(d, p[, g]) holders are exactly the users whose effective set contains p, with its set and route; open channels are exactly those decideUse allows', () => {
    fc.assert(fc.property(snapshotJsonArb, holds(whoCanAgreesWithDecisions)), { numRuns: RUNS });
  });

  it('L-AUDIT (R-AUD-1, R-ADM-1, R-REQ-3, R-USE-1): administrators are exactly the active holders of 12 for 2, 3, 4 and nobody for query channels; they are allowed direct GET/PUT/DELETE, and every allowed one is by an administrator or a holder', () => {
    fc.assert(fc.property(snapshotJsonArb, holds(administratorsAgreeWithDecisions)), { numRuns: RUNS });
  });

  it('L-AUDIT (R-AUD-2, R-AUD-4, R-GRP-1, R-EFF-1, R-ADM-1): what-can(u) lists exactly the data sources u reaches (every non-empty set among them) and the members it reaches through each group, with equal sets and routes', () => {
    fc.assert(fc.property(snapshotJsonArb, holds(whatCanAgreesWithDecisions)), { numRuns: RUNS });
  });

  it('L-AUDIT (R-AUD-2, R-OBO-1, R-OBO-2, R-EFF-3): what-can(u).actsFor is exactly the users an on-behalf-of request by u is allowed for', () => {
    fc.assert(fc.property(snapshotJsonArb, holds(actsForAgreesWithDecisions)), { numRuns: RUNS });
  });
});

describe('L-AUDIT: the generated snapshots exercise the audit answers (non-vacuity)', () => {
  it('who-can meets every route, administrators, inactive users and several pages; what-can meets group members and acts-for lists', () => {
    const seen = new Set<string>();
    for (const json of fc.sample(snapshotJsonArb, { seed: 42, numRuns: 100 })) {
      const s = load(json);
      if (s === undefined) continue;
      for (const d of s.dataSources.keys()) {
        for (const g of [undefined, ...s.dataSources.keys()]) {
          for (const p of [3, 7]) {
            const a = whoCan(s, d, p, { group: g, page: { limit: 2 } });
            if (E.isLeft(a)) continue;
            for (const h of a.right.holders) seen.add(h.groupRoute === undefined ? h.route : `group/${h.groupRoute}`);
            if (a.right.administrators.length > 0) seen.add('administrators');
            if (a.right.inactive.length > 0) seen.add('inactive');
            if (a.right.next !== null) seen.add('next page');
          }
        }
      }
      for (const u of s.users.values()) {
        const w = whatCanUser(s, u);
        if (E.isLeft(w)) continue;
        if (w.right.actsForEveryone) seen.add('acts for everyone');
        else if (w.right.actsFor.length > 0) seen.add('acts for some');
        if (w.right.dataSources.some((d) => (d.members ?? []).length > 0)) seen.add('members through a group');
      }
    }
    expect([...seen].sort()).toEqual(
      ['acts for everyone', 'acts for some', 'administrators', 'group/override', 'group/owner', 'group/tenantShare', 'group/userShare', 'inactive', 'members through a group', 'next page', 'override', 'owner', 'tenantShare', 'userShare'].sort(),
    );
  });
});
