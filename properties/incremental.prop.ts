/** L-INCREMENTAL, "incremental = recompiled" (R-TRN-1), over generated histories of applies. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyHistoryArb } from './arbitraries/applies.js';
import { walkHistory } from './laws/history.js';
import { incrementalLawStep } from './laws/incremental.js';

describe('L-INCREMENTAL: the incrementally maintained snapshot is the recompiled one', () => {
  it('L-INCREMENTAL (R-TRN-1, R-SHR-6, R-EFF-1, R-TRN-2): after every apply the incremental snapshot and the one compiled from its encoding agree on every effective access, every derived index, their encoding, and every probe request decided and applied', () => {
    fc.assert(
      fc.property(applyHistoryArb(10), (h) => {
        const violations = walkHistory(h, () => ({ administratorId: h.administratorId, probes: h.steps }), incrementalLawStep);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
      { numRuns: 120 },
    );
  });
});
