/** L-INACTIVE (R-EFF-3) for HTTP requests and queries. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inactiveStatusArb } from './arbitraries/edits.js';
import { requestCaseArb, useChoiceArb, useRequestFor } from './arbitraries/requests.js';
import { inactiveViolations } from './laws/inactiveRequests.js';

describe('L-INACTIVE for requests', () => {
  it('L-INACTIVE (R-EFF-3): an inactive or locked actor is denied every HTTP request and every query with 401', () => {
    fc.assert(
      fc.property(requestCaseArb, inactiveStatusArb, useChoiceArb, ({ json, generated }, status, choice) => {
        const violations = inactiveViolations(json, generated, status, useRequestFor(json, generated.actorId, choice.dataSource, choice.group, choice.via));
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });
});
