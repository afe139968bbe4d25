/** No existence leak (R-REQ-3, R-DSP-3). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unreachableCaseArb } from './arbitraries/requests.js';
import { noExistenceLeakViolations } from './laws/existenceLeak.js';

describe('no existence leak', () => {
  it('no existence leak (R-REQ-3, R-DSP-3): every data-source operation on a data source the subject cannot reach is 404 222207004 like an absent id, never 403 — directly for an actor without 12, and on behalf of that subject', () => {
    fc.assert(
      fc.property(unreachableCaseArb, ({ json, pair, bp }) => {
        const violations = noExistenceLeakViolations(json, pair, bp);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });
});
