/** L-TRACE (R-TRC-1, R-TRC-2, R-TRC-3). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reorderArb } from './arbitraries/edits.js';
import { accessQuestionArb, actorStyleArb, channelArb, useRequestOf } from './arbitraries/question.js';
import { explanationIsSound, traceIsSufficientAndDeterministic, traceViolations } from './laws/trace.js';

describe('L-TRACE', () => {
  it('L-TRACE (R-TRC-1/2/3): a query decision is byte-identical when recomputed and on a reordered snapshot, its facts hold and ascend, and it is recomputable from the facts', () => {
    fc.assert(
      fc.property(accessQuestionArb, channelArb, actorStyleArb, reorderArb, (q, via, style, reorder) => {
        const request = useRequestOf(q, via, style);
        expect(traceViolations(q.json, request, reorder)).toEqual([]);
        return traceIsSufficientAndDeterministic(q.json, request, reorder);
      }),
    );
  });

  it('L-TRACE (R-TRC-2/3): every fact of an effective-permission explanation holds in the snapshot and ascends', () => {
    fc.assert(fc.property(accessQuestionArb, explanationIsSound));
  });
});
