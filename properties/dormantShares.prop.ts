/** No dormant shares (R-SHR-7, R-SHR-6). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shareWriteCaseArb } from './arbitraries/requests.js';
import { dormantShareViolations } from './laws/dormantShares.js';

describe('no dormant shares', () => {
  it('no dormant shares (R-SHR-7, R-SHR-6): an allowed user-share write names only recipients whose share is in force (reference R-SHR-6)', () => {
    fc.assert(
      fc.property(shareWriteCaseArb, ({ json, generated }) => {
        const violations = dormantShareViolations(json, generated);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
      { numRuns: 300 },
    );
  });
});
