/** L-CLIENT-MESSAGE: a 403's client message names only what the caller may already see. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oboScenarioArb, requestCaseArb } from './arbitraries/requests.js';
import { clientMessageViolations } from './laws/clientMessage.js';

describe('L-CLIENT-MESSAGE', () => {
  it('L-CLIENT-MESSAGE (R-REQ-3, R-ERR-1): a 403 client message names no user and no tenant the caller did not name, belong to or administer', () => {
    fc.assert(
      fc.property(requestCaseArb, ({ json, generated }) => {
        const violations = clientMessageViolations(json, generated.request);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });

  it('L-CLIENT-MESSAGE (R-OBO-2): the same for on-behalf-of requests', () => {
    fc.assert(
      fc.property(oboScenarioArb, (sc) => {
        const violations = clientMessageViolations(sc.json, sc.generated.request);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });
});
