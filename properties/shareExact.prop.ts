/** L-SHARE-EXACT (R-SHR-4). */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { userPermissionsEditArb } from './arbitraries/edits.js';
import { accessQuestionArb } from './arbitraries/question.js';
import { shareIsExact } from './laws/shareExact.js';

describe('L-SHARE-EXACT', () => {
  it("L-SHARE-EXACT (R-SHR-4, R-SHR-1, R-SHR-2): changing a recipient's roles or explicit permissions never changes its set on data sources it does not own", () => {
    fc.assert(fc.property(accessQuestionArb, userPermissionsEditArb, (q, edit) => shareIsExact(q.json, q.userId, edit)));
  });
});
