/**
 * Goldens of the access answers no other spec pins exactly: an unknown group id, what an on-behalf-of caller sees (R-REQ-3, R-OBO-1) and
 * the reach of a subject explained without authority (R-OBO-3).
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { onBehalfOf } from '../../src/rules/caller.js';
import { effectiveAccessById } from '../../src/rules/dataSourcePermissions.js';
import { explainReach } from '../../src/rules/explainAccess.js';
import { dataSourceVisibility } from '../../src/rules/visibility.js';
import { dataSource } from '../helpers.js';
import { user, world } from './world.js';

describe('effectiveAccessById (R-GRP-1)', () => {
  it('R-GRP-1 an unknown group id is an unknown data source', () => {
    expect(effectiveAccessById(world, 21, 14, 999)).toEqual(E.left({ _tag: 'UnknownDataSource', dataSourceId: 999 }));
  });
});

describe('what an on-behalf-of caller may name (R-REQ-3, R-OBO-1)', () => {
  it("R-OBO-1 a data source the subject reaches is `Reached`", () => {
    expect(dataSourceVisibility(onBehalfOf(user('OrgAdmin'), user('Alice')), dataSource(world, 15))._tag).toBe('Reached');
  });

  it('R-REQ-3 a data source the subject does not reach is `Hidden`, whoever the actor is', () => {
    expect(dataSourceVisibility(onBehalfOf(user('Admin'), user('Bob')), dataSource(world, 15))._tag).toBe('Hidden');
  });
});

describe('explainReach (R-OBO-3)', () => {
  it('R-OBO-3 the reach of a subject never manages by authority', () => {
    expect(explainReach(world, user('Admin'), dataSource(world, 15)).managesByAuthority).toBe(false);
    expect(explainReach(world, user('Carol'), dataSource(world, 15)).managesByAuthority).toBe(false);
  });
});
