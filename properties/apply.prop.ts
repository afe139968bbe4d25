/** L-APPLY (R-TRN-1, R-TRN-2, R-TRN-8) over generated histories of applies. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyHistoryArb } from './arbitraries/applies.js';
import { applyLawStep, idsOf } from './laws/apply.js';
import { walkHistory } from './laws/history.js';

describe('L-APPLY: every apply keeps the snapshot valid and the old one untouched', () => {
  it('L-APPLY (R-TRN-1, R-TRN-2, R-TRN-5, R-TRN-8): after every apply of a history the new snapshot passes every check of SPEC §2 and loads, the old one is unchanged, a denial returns the same snapshot, no id is reused, no share taken out of force remains, and every removal is listed', () => {
    fc.assert(
      fc.property(applyHistoryArb(12), (h) => {
        const violations = walkHistory(h, idsOf, applyLawStep);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
      { numRuns: 150 },
    );
  });
});
