/** L-DEFAULT-DENY (R-DSP-3, R-REQ-3). */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { channelArb } from './arbitraries/question.js';
import { snapshotJsonArb } from './arbitraries/snapshot.js';
import { defaultDenyHolds } from './laws/defaultDeny.js';

describe('L-DEFAULT-DENY', () => {
  it('L-DEFAULT-DENY (R-DSP-3, R-REQ-3): a user with no ownership, share or group route gets no permission, and every query on the data source is 404/403 (401 if inactive)', () => {
    fc.assert(fc.property(snapshotJsonArb, channelArb, defaultDenyHolds));
  });
});
