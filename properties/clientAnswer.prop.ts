/** L-CLIENT-ANSWER: the client's answer for an unreachable data source is the answer for an absent id. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unreachableCaseArb } from './arbitraries/requests.js';
import { clientAnswerViolations } from './laws/clientAnswer.js';

describe('L-CLIENT-ANSWER', () => {
  it('L-CLIENT-ANSWER (R-REQ-3, R-ERR-1): for every data-source operation, the client answer for an existing but unreachable id equals the one for an absent id (only the id differs), directly and on behalf', () => {
    fc.assert(
      fc.property(unreachableCaseArb, ({ json, pair, bp }) => {
        const violations = clientAnswerViolations(json, pair, bp);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });
});
