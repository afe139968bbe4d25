/** OAuth scope never borrowed (R-OAA-1, R-ADM-3). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oauthCaseArb } from './arbitraries/requests.js';
import { oauthScopeViolations } from './laws/oauthScope.js';

describe('OAuth scope never borrowed', () => {
  it('OAuth scope never borrowed (R-OAA-1, R-ADM-3): an allowed on-behalf-of request touches only apps in the actor\'s own scope and the subject\'s reach', () => {
    fc.assert(
      fc.property(oauthCaseArb, ({ json, generated }) => {
        const violations = oauthScopeViolations(json, generated);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
      { numRuns: 300 },
    );
  });
});
