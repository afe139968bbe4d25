/** L-ADMIN-BYPASS (R-ADM-1, R-USE-1) for HTTP requests and query channels. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestCaseArb, useChoiceArb, useRequestFor } from './arbitraries/requests.js';
import { adminBypassUseViolations, adminBypassViolations } from './laws/adminBypass.js';

describe('L-ADMIN-BYPASS', () => {
  it('L-ADMIN-BYPASS (R-ADM-1): adding Administrator (12) to an active actor\'s explicit permissions never turns an allowed HTTP request into a denial, nor changes its status', () => {
    fc.assert(
      fc.property(requestCaseArb, ({ json, generated }) => {
        const violations = adminBypassViolations(json, generated);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });

  it('L-ADMIN-BYPASS (R-ADM-1, R-USE-1): adding Administrator (12) to an active actor changes no query decision nor its status (12 opens no query channel)', () => {
    fc.assert(
      fc.property(requestCaseArb, useChoiceArb, ({ json, generated }, choice) => {
        const violations = adminBypassUseViolations(json, generated.actorId, useRequestFor(json, generated.actorId, choice.dataSource, choice.group, choice.via));
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });
});
