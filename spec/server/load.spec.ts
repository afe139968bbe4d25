/**
 * A short, bounded `npm run load` (issue 9, item 6): correctness only, no timing assertions. The
 * database equals the seed with the committed change log replayed; lost 0, phantom 0; and the same
 * after a SIGKILL halfway and a restart.
 */
import { describe, expect, it } from 'vitest';
import { runLoad } from '../../bench/load.js';

const quiet = (): void => undefined;

describe('load (2 s, 8 connections)', () => {
  it('every acknowledged change is logged, nothing else is, and the tables equal the replayed log', async () => {
    const r = await runLoad({ durationS: 2, connections: 8, kill: false, log: quiet });
    expect(r.final).toMatchObject({ lost: 0, phantom: 0, consistent: true, contiguous: true, notReapplied: 0 });
    expect(r.final.acknowledged).toBeGreaterThan(0);
    expect(r.final.acknowledged).toBeLessThanOrEqual(r.final.logged);
    expect(r.phases[0]?.errors).toBe(0);
    expect(r.ok).toBe(true);
  });

  it('SIGKILL halfway, restart: nothing committed is lost, nothing uncommitted appears, the restart starts at the last commit', async () => {
    const r = await runLoad({ durationS: 2, connections: 8, kill: true, log: quiet });
    expect(r.afterKill).toMatchObject({ lost: 0, phantom: 0, consistent: true, contiguous: true });
    expect(r.restartedAt).toBe(r.afterKill?.logged);
    expect(r.final).toMatchObject({ lost: 0, phantom: 0, consistent: true, contiguous: true, notReapplied: 0 });
    expect(r.ok).toBe(true);
  });
});
