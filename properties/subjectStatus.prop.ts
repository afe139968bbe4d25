/** The subject's status is ignored (R-OBO-1, R-EFF-3). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inactiveStatusArb } from './arbitraries/edits.js';
import { oboScenarioArb } from './arbitraries/requests.js';
import { subjectStatusIgnoredViolations } from './laws/subjectStatus.js';

describe('subject status ignored', () => {
  it('R-OBO-1, R-EFF-3: the subject\'s status does not block an on-behalf-of request (same decision and status with the subject inactive or locked)', () => {
    fc.assert(
      fc.property(oboScenarioArb, inactiveStatusArb, (sc, status) => {
        const violations = subjectStatusIgnoredViolations(sc, status);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });
});
