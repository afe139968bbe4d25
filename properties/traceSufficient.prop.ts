/** L-TRACE-SUFFICIENT: every HTTP decision can be recomputed from its trace's facts (R-TRC-2). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oboScenarioArb, requestCaseArb } from './arbitraries/requests.js';
import { traceSufficiencyViolations } from './laws/traceSufficient.js';

describe('L-TRACE-SUFFICIENT', () => {
  it('L-TRACE-SUFFICIENT (R-TRC-2): an independent checker recomputes every HTTP decision and status from the facts of its trace alone', () => {
    fc.assert(
      fc.property(requestCaseArb, ({ json, generated }) => {
        const violations = traceSufficiencyViolations(json, generated.request);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });

  it('L-TRACE-SUFFICIENT (R-TRC-2, R-OBO-2): the same for on-behalf-of requests', () => {
    fc.assert(
      fc.property(oboScenarioArb, (sc) => {
        const violations = traceSufficiencyViolations(sc.json, sc.generated.request);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });
});
