/** L-OBO-GATE (R-OBO-2). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oboScenarioArb, requestCaseArb } from './arbitraries/requests.js';
import { oboAllowedOnlyIfGateViolations, oboGateViolations } from './laws/oboGate.js';

describe('L-OBO-GATE', () => {
  it('L-OBO-GATE (R-OBO-2): an allowed on-behalf-of request by an actor without 12 passes (a)–(d), and removing any one part — subject moved out of a child-tenant actor\'s tenant, ACC(subject\'s tenant), 21, 11 — gives 403 at R-OBO-2', () => {
    fc.assert(
      fc.property(oboScenarioArb, (sc) => {
        const violations = oboGateViolations(sc);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });

  it('L-OBO-GATE (R-OBO-2): any generated request allowed on behalf of someone by an actor without 12 passes every part of the gate', () => {
    fc.assert(
      fc.property(requestCaseArb, ({ json, generated }) => {
        const violations = oboAllowedOnlyIfGateViolations(json, generated);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });
});
