/** L-OVERRIDE-EXACT (R-DSP-1). */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { userPermissionsEditArb } from './arbitraries/edits.js';
import { snapshotJsonArb } from './arbitraries/snapshot.js';
import { overrideIsExact } from './laws/overrideExact.js';

describe('L-OVERRIDE-EXACT', () => {
  it("L-OVERRIDE-EXACT (R-DSP-1): an owner's effective set on an overridden data source is the override, whatever its roles and explicit permissions", () => {
    fc.assert(fc.property(snapshotJsonArb, userPermissionsEditArb, overrideIsExact));
  });
});
