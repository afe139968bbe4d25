/** R-ADM-7 by effect. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestSnapshotArb } from './arbitraries/requests.js';
import { selfAdministrationViolations } from './laws/selfAdministration.js';

describe('R-ADM-7 by effect', () => {
  it('R-ADM-7 by effect: restating one\'s own account is never refused by R-ADM-7 on any route; changing it or deleting it always is, once past the requirement', () => {
    fc.assert(
      fc.property(requestSnapshotArb, fc.nat(63), (json, index) => {
        const users = json.users ?? [];
        const actor = users[index % Math.max(1, users.length)];
        const violations = actor === undefined ? ['no user'] : selfAdministrationViolations(json, actor.id);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });
});
