/** L-AUDIT-RECORD: decision records decode from their JSON and verify against the snapshot they name. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestCaseArb } from './arbitraries/requests.js';
import { recordViolations } from './laws/recordVerify.js';

describe('L-AUDIT-RECORD', () => {
  it('L-AUDIT-RECORD (R-TRC-3, R-TRN-1): the record of any decision or apply, written as JSON and read back, verifies against its snapshot and against the same snapshot with its lists reordered', () => {
    fc.assert(
      fc.property(requestCaseArb, ({ json, generated }) => {
        const violations = recordViolations(json, generated.request);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
      { numRuns: Math.min(200, Number(process.env['FC_NUM_RUNS'] ?? 200)) },
    );
  });
});
