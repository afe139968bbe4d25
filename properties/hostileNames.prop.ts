/** L-HOSTILE-NAMES (R-TRC-1, R-REQ-5): names from snapshots and requests cannot break, add or forge a line of text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainChoiceArb, hostileCaseArb, hostileSnapshotArb } from './arbitraries/hostileNames.js';
import { decide } from '../src/decide/decide.js';
import { explainCannotBeForged, explainTextViolations, hasUnsafeCharacter, hostileNamesViolations, namesCannotForgeLines } from './laws/hostileNames.js';
import { load } from './laws/support.js';

describe('L-HOSTILE-NAMES', () => {
  it('L-HOSTILE-NAMES (R-TRC-1, R-REQ-5): with hostile names, actors, ?user=, paths and bodies, every text rendering of a decision has no unsafe character, one line per item of its structure, and marks only on real steps', () => {
    fc.assert(
      fc.property(hostileCaseArb, (c) => {
        expect(hostileNamesViolations(c)).toEqual([]);
        return namesCannotForgeLines(c);
      }),
      { numRuns: 300 },
    );
  });

  it('L-HOSTILE-NAMES (R-TRC-1): the CLI explain text of a user with a hostile name keeps one line per item and marks only on real steps', () => {
    fc.assert(
      fc.property(hostileSnapshotArb, explainChoiceArb, (json, choice) => {
        expect(explainTextViolations(json, choice)).toEqual([]);
        return explainCannotBeForged(json, choice);
      }),
      { numRuns: 150 },
    );
  });

  it('L-HOSTILE-NAMES is not vacuous: hostile subjects resolve, hostile body names are refused (R-REQ-5), traces carry hostile text, query-channel uses occur', () => {
    const counts = { hostileSubject: 0, refusedName: 0, hostileTrace: 0, use: 0 };
    for (const c of fc.sample(hostileCaseArb, { seed: 42, numRuns: 300 })) {
      const s = load(c.json);
      if (s === undefined) continue;
      const d = decide(s, c.request);
      if (c.request._tag === 'Use') counts.use += 1;
      if (d.subject !== null && hasUnsafeCharacter(d.subject.userName)) counts.hostileSubject += 1;
      if (d.status === 400 && /name contains U\+|name is empty/.test(d.error?.error.message.value ?? '')) counts.refusedName += 1;
      if (d.trace.some((st) => hasUnsafeCharacter(st.why))) counts.hostileTrace += 1;
    }
    expect(counts.hostileSubject).toBeGreaterThanOrEqual(10);
    expect(counts.refusedName).toBeGreaterThanOrEqual(5);
    expect(counts.hostileTrace).toBeGreaterThanOrEqual(20);
    expect(counts.use).toBeGreaterThanOrEqual(30);
  });
});
