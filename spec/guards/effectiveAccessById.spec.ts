/** `effectiveAccessById` (SPEC §3) names the id it could not find, the group's included (R-GRP-1). */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { effectiveAccessById } from '../../src/rules/dataSourcePermissions.js';
import { world } from './world.js';

describe('effectiveAccessById', () => {
  it('R-GRP-1 an unknown group id is a Left naming that id', () => {
    expect(effectiveAccessById(world, 21, 100, 999)).toEqual(E.left({ _tag: 'UnknownDataSource', dataSourceId: 999 }));
  });

  it('R-GRP-1 through a known group the access is a Right', () => {
    expect(E.isRight(effectiveAccessById(world, 21, 100, 101))).toBe(true);
  });
});
