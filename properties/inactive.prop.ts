/** L-INACTIVE (R-EFF-3). */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { inactiveStatusArb } from './arbitraries/edits.js';
import { accessQuestionArb, channelArb } from './arbitraries/question.js';
import { inactiveActorIsRefused } from './laws/inactive.js';

describe('L-INACTIVE', () => {
  it('L-INACTIVE (R-EFF-3): an inactive or locked actor is denied every query with 401 and has no effective permission anywhere', () => {
    fc.assert(fc.property(accessQuestionArb, inactiveStatusArb, channelArb, (q, status, via) => inactiveActorIsRefused(q.json, q.userId, status, via)));
  });
});
