/** L-ORDER. */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { reorderArb } from './arbitraries/edits.js';
import { channelArb } from './arbitraries/question.js';
import { snapshotJsonArb } from './arbitraries/snapshot.js';
import { normalizedFormIsOrderFree, reorderingChangesNothing } from './laws/order.js';

describe('L-ORDER', () => {
  it('L-ORDER (R-TRC-3, SPEC §2): reordering every list and duplicating ids changes no effective set and no query decision (byte-identical JSON)', () => {
    fc.assert(fc.property(snapshotJsonArb, reorderArb, channelArb, reorderingChangesNothing));
  });

  it('L-ORDER (R-SNAP-9): reordering every list and duplicating ids gives the same normalized snapshot', () => {
    fc.assert(fc.property(snapshotJsonArb, reorderArb, normalizedFormIsOrderFree));
  });
});
