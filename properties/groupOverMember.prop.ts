/** L-GROUP-OVER-MEMBER (R-GRP-1). */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { dataSourceSetsEditArb } from './arbitraries/edits.js';
import { snapshotJsonArb } from './arbitraries/snapshot.js';
import { groupSetOverridesMember } from './laws/groupOverMember.js';

describe('L-GROUP-OVER-MEMBER', () => {
  it("L-GROUP-OVER-MEMBER (R-GRP-1): a member reached through a group carrying a set gets exactly that set, whatever the member's own override or shares", () => {
    fc.assert(fc.property(snapshotJsonArb, dataSourceSetsEditArb, groupSetOverridesMember));
  });
});
