/** L-TRACE (R-TRC-1..3) for HTTP decisions. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestCaseArb } from './arbitraries/requests.js';
import { httpTraceViolations } from './laws/httpTrace.js';

describe('L-TRACE for HTTP decisions', () => {
  it('L-TRACE (R-TRC-1/2/3): an HTTP decision is byte-identical when recomputed and with every list reversed, its facts hold and ascend, it denies iff a top-level step failed (the last, with a matching status), and the fast path agrees', () => {
    fc.assert(
      fc.property(requestCaseArb, ({ json, generated }) => {
        const violations = httpTraceViolations(json, generated.request);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });
});
