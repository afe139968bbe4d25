/** Goldens of the route steps of a group (R-GRP-1, R-DSP-3) that no golden trace reaches. */
import { describe, expect, it } from 'vitest';
import type { Step } from '../../src/model/trace.js';
import { effectiveAccessThroughGroup, type RouteTrace } from '../../src/rules/dataSourcePermissions.js';
import { dataSource } from '../helpers.js';
import { user, world } from './world.js';

describe('the route to a group the user does not reach (R-GRP-1, R-DSP-3)', () => {
  it('R-DSP-3 the step of the route to the group fails, and nothing is reached through it', () => {
    const trace: RouteTrace = { snapshot: world, steps: [] };
    const access = effectiveAccessThroughGroup(user('Carol'), dataSource(world, 30), dataSource(world, 14), trace);
    expect(access._tag).toBe('None');
    const viaGroup: Step | undefined = trace.steps[2];
    expect(viaGroup === undefined ? undefined : { ...viaGroup, children: viaGroup.children.map((s) => s.rule) }).toEqual({
      rule: 'R-DSP-3',
      check: 'route to group 30',
      outcome: 'fail',
      why: '`Carol` has [] on data source 30 (route: none)',
      facts: [{ _tag: 'EffectivePermissions', userId: 23, dataSourceId: 30, groupId: null, route: 'none', permissions: [] }],
      children: ['R-DSP-1', 'R-DSP-2', 'R-SHR-1', 'R-SHR-2', 'R-DSP-3'],
    });
  });
});
