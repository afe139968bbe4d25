/**
 * L-AUDIT (R-AUD-3, R-AUD-4), diff of equals: the diff of a snapshot against itself, and against
 * its own reload (`loadSnapshot(encodeSnapshot(s))` after a JSON round trip, which shares no
 * object with it), is empty.
 */
import { diffSnapshots } from '../../src/audit/diff.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { encodeSnapshot } from '../../src/snapshot/encode.js';
import { load } from './support.js';

/** The violations of L-AUDIT's empty diff on `s`. */
export const emptyDiffViolations = (s: Snapshot): ReadonlyArray<string> => {
  const out: string[] = [];
  const self = diffSnapshots(s, s);
  if (self.changes.length > 0 || self.users.length > 0) out.push(`diff(s, s) is not empty: ${JSON.stringify(self).slice(0, 400)}`);
  const reloaded = load(JSON.parse(JSON.stringify(encodeSnapshot(s))));
  if (reloaded === undefined) return [...out, 'the snapshot does not reload'];
  const other = diffSnapshots(s, reloaded);
  if (other.changes.length > 0 || other.users.length > 0) out.push(`diff(s, reload(s)) is not empty: ${JSON.stringify(other).slice(0, 400)}`);
  return out;
};
