/** L-AUTHZEN (issue 9): AuthZEN evaluations of catalog permissions and operations agree with the engine's single decisions, on generated snapshots. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accessQuestionArb } from './arbitraries/question.js';
import { SETTABLE_IDS } from './arbitraries/snapshot.js';
import { authzenDisagreements } from './laws/authzen.js';
import { load } from './laws/support.js';

describe('L-AUTHZEN: an AuthZEN evaluation is the single decision', () => {
  it('L-AUTHZEN (R-EFF-3, R-GRP-1, R-ADM-1, R-REQ-3): a catalog-permission action is true iff effectiveAccess contains it or the subject is an active Administrator asking 2, 3, 4; hidden answers like absent; GetDataSource is decideHttp', () => {
    fc.assert(
      fc.property(accessQuestionArb, fc.constantFrom(...SETTABLE_IDS), (q, p) => {
        const s = load(q.json);
        if (s === undefined) return true;
        const found = authzenDisagreements(s, q.userId, q.dataSourceId, q.groupId, p);
        expect(found).toEqual([]);
        return found.length === 0;
      }),
      { numRuns: 300 },
    );
  });

  it('the generated questions meet holders, non-holders, Administrators by authority and hidden data sources (non-vacuity)', () => {
    const seen = new Set<string>();
    for (const [q, p] of fc.sample(fc.tuple(accessQuestionArb, fc.constantFrom(...SETTABLE_IDS)), { seed: 42, numRuns: 300 })) {
      const s = load(q.json);
      const u = s?.users.get(q.userId);
      if (s === undefined || u === undefined) continue;
      const d = s.dataSources.get(q.dataSourceId);
      seen.add(q.kind);
      if (u.active && u.isAdministrator && d !== undefined && [2, 3, 4].includes(p)) seen.add('authority');
    }
    expect([...seen].sort()).toEqual(expect.arrayContaining(['authority', 'groupRoute', 'owner', 'stranger', 'tenantShare', 'unknownDataSource', 'userShare']));
  });
});
