/** Differential laws: the engine against the naive reference of SPEC §3 (properties/reference/naive.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accessQuestionArb, actorStyleArb, channelArb, useRequestOf } from './arbitraries/question.js';
import { snapshotJsonArb } from './arbitraries/snapshot.js';
import { engineAgreesWithReference, referenceDisagreements, useDecisionAgreesWithReference } from './laws/differential.js';
import { load } from './laws/support.js';

describe('differential: engine == naive reference', () => {
  it('L-DIFF-EFFECTIVE (R-EFF-1, R-EFF-3, R-DSP-1/2/3, R-SHR-1/2/4/6, R-GRP-1): every effective set of every (user, data source[, group]) equals the reference', () => {
    fc.assert(
      fc.property(snapshotJsonArb, (json) => {
        const s = load(json);
        expect(s === undefined ? ['does not load'] : referenceDisagreements(json, s)).toEqual([]);
        return engineAgreesWithReference(json);
      }),
    );
  });

  it('L-DIFF-USE (R-REQ-2, R-EFF-3, R-REQ-3, R-DSP-4, R-USE-1, R-ADM-1): every query, an Administrator\'s included, is decided as the reference says', () => {
    fc.assert(fc.property(accessQuestionArb, channelArb, actorStyleArb, (q, via, style) => useDecisionAgreesWithReference(q.json, useRequestOf(q, via, style))));
  });
});
