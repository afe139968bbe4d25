/** L-ROWS and the rows' reading of L-ONE-DEFINITION over snapshots with dense, sparse and wide ids, compiled and then updated. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DataSourceJson } from '../src/codec/snapshot.js';
import { deleteDataSource, putDataSource, putUser, type Edit } from '../src/model/edit.js';
import { encodeSnapshot } from '../src/snapshot/encode.js';
import { updateSnapshot } from '../src/snapshot/update.js';
import { mulberry32 } from './arbitraries/prng.js';
import { rowSnapshot, rowSnapshotArb } from './arbitraries/rowSnapshots.js';
import { rowAnswerDifferences, rowViolations } from './laws/rows.js';
import { load } from './laws/support.js';

/** Edits from a seed: data sources re-shared or dropped, new ones (filling holes or beyond), users turned inactive or active. */
const editsOf = (json: ReturnType<typeof rowSnapshot>, seed: number): ReadonlyArray<Edit> => {
  const rnd = mulberry32(seed ^ 0x5a5a);
  const sources = json.dataSources ?? [];
  const users = json.users ?? [];
  const members = new Set(sources.flatMap((d) => (d.members ?? []).map((m) => m.id)));
  const taken = new Set(sources.map((d) => d.id));
  const edits: Edit[] = [];
  for (const d of sources) {
    const r = rnd();
    if (r < 0.25) edits.push(putDataSource({ ...d, sharedUsers: (d.sharedUsers ?? []).filter(() => rnd() < 0.5) }));
    else if (r < 0.35 && d.isGroup !== true && !members.has(d.id)) edits.push(deleteDataSource(d.id));
  }
  for (const base of [...taken].flatMap((id) => [id + 1, id + 7, 2 ** 31 + id])) {
    const like = sources[Math.floor(rnd() * sources.length)];
    if (taken.has(base) || like === undefined || rnd() < 0.6) continue;
    const created: DataSourceJson = { ...like, id: base, name: `n${base}`, isGroup: false };
    delete created.members;
    edits.push(putDataSource(created));
    taken.add(base);
  }
  for (const u of users) if (rnd() < 0.2) edits.push(putUser({ ...u, statusInfo: { status: u.statusInfo?.status === 0 ? 1 : 0 } }));
  return edits;
};

describe('L-ROWS: typed rows over every id layout', () => {
  it('L-ROWS, L-ONE-DEFINITION (R-DSP-1, R-DSP-2, R-SHR-1, R-SHR-2, R-SHR-6, R-GRP-1, R-EFF-3): rows equal their codec, and whenever the rows answer they give the objects\' whole answer, compiled and after updates', () => {
    fc.assert(
      fc.property(rowSnapshotArb, ({ seed, mode }) => {
        const json = rowSnapshot(seed, mode);
        const s = load(json);
        if (s === undefined) return false; // the generator makes valid snapshots only
        const updated = updateSnapshot(s, editsOf(encodeSnapshot(s), seed)).snapshot;
        const problems = [...rowViolations(s), ...rowAnswerDifferences(s), ...rowViolations(updated), ...rowAnswerDifferences(updated)];
        expect(problems).toEqual([]);
        return problems.length === 0;
      }),
      { numRuns: 60 },
    );
  });
});
