/** L-AUDIT (R-AUD-3, R-AUD-4): diff, what-if and why-not agree with single decisions. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Request } from '../src/codec/request.js';
import type { Snapshot } from '../src/model/snapshot.js';
import { apply } from '../src/transition/apply.js';
import { applyHistoryArb } from './arbitraries/applies.js';
import { requestCaseArb, requestSnapshotArb } from './arbitraries/requests.js';
import { walkHistory } from './laws/history.js';
import { emptyDiffViolations } from './laws/auditDiffEmpty.js';
import { exactDiffViolations } from './laws/auditDiffExact.js';
import { whatIfViolations } from './laws/auditWhatIf.js';
import { whyNotViolations } from './laws/auditWhyNot.js';
import { load } from './laws/support.js';
import { encodeSnapshot } from '../src/snapshot/encode.js';

const check = (violations: ReadonlyArray<string>): boolean => {
  expect(violations).toEqual([]);
  return violations.length === 0;
};

describe('L-AUDIT', () => {
  it('L-AUDIT (R-AUD-3): the diff of a snapshot against itself and against its own reload is empty', () => {
    fc.assert(
      fc.property(requestSnapshotArb, (json) => {
        const s = load(json);
        return check(s === undefined ? ['the snapshot does not load'] : emptyDiffViolations(s));
      }),
      { numRuns: 100 },
    );
  });

  it('L-AUDIT (R-AUD-3, R-AUD-4, R-GRP-1, R-OBO-2): along histories of applies, the diff lists exactly the questions whose single answers differ and the users whose permissions, access or reach differ — step by step, from the start, and against a reload that shares nothing', () => {
    fc.assert(
      fc.property(applyHistoryArb(6), (h) => {
        const violations = walkHistory<{ readonly start: Snapshot }>(h, (s) => ({ start: s }), (s, _json, request, state) => {
          const next = apply(s, { _tag: 'Http', request }).snapshot;
          const reloaded = load(JSON.parse(JSON.stringify(encodeSnapshot(s))));
          return {
            violations: [
              ...exactDiffViolations(s, next, 'one step'),
              ...exactDiffViolations(state.start, next, 'from the start'),
              ...(reloaded === undefined ? ['reload failed'] : exactDiffViolations(reloaded, next, 'reloaded before')),
            ],
            next,
            state,
          };
        });
        return check(violations);
      }),
      { numRuns: 60 },
    );
  });

  it('L-AUDIT (R-AUD-3, R-TRN-1): what-if equals the diff against the snapshot the requests give when applied in order, and writes nothing', () => {
    fc.assert(
      fc.property(applyHistoryArb(6), (h) => {
        const requests: Request[] = [];
        const violations = walkHistory<null>(h, () => null, (s, _json, request) => {
          requests.push({ _tag: 'Http', request });
          return { violations: [], next: apply(s, { _tag: 'Http', request }).snapshot, state: null };
        });
        const start = load(h.json);
        return check([...violations, ...(start === undefined ? ['the snapshot does not load'] : whatIfViolations(start, requests))]);
      }),
      { numRuns: 60 },
    );
  });

  it('L-AUDIT (R-AUD-4, R-ADM-1): every why-not suggestion, applied, allows the request, least privilege first, and Administrator (12) only when nothing smaller works', () => {
    fc.assert(
      fc.property(requestCaseArb, ({ json, generated }) => {
        const s = load(json);
        return check(s === undefined ? ['the snapshot does not load'] : whyNotViolations(s, { _tag: 'Http', request: generated.request }));
      }),
      { numRuns: 150 },
    );
  });
});
