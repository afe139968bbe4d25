/** L-MONOTONE-GRANT. */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { grantEditArb } from './arbitraries/edits.js';
import { snapshotJsonArb } from './arbitraries/snapshot.js';
import { grantNeverRemovesAccess } from './laws/monotoneGrant.js';

describe('L-MONOTONE-GRANT', () => {
  it('L-MONOTONE-GRANT (R-EFF-1, R-SHR-6, R-GRP-1): adding a permission to a role, a user or a share never removes access', () => {
    fc.assert(fc.property(snapshotJsonArb, grantEditArb, grantNeverRemovesAccess));
  });
});
