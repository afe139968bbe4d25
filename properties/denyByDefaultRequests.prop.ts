/** Deny by default for requests (R-DSP-3, R-REQ-3, R-REQ-4). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestBlueprintArb, requestSnapshotArb } from './arbitraries/requests.js';
import { adminRowsOpenToStandardUser, denyByDefaultViolations } from './laws/denyByDefaultRequests.js';

describe('deny by default for requests', () => {
  // Excluded from deny by default, exactly: the administration rows whose requirement role 2's
  // permissions 1–11 satisfy on their own — ListCatalog (P(11), both paths) and ChangeOwnPassword (P(9)).
  it('deny by default: the administration operations a standard user may call are exactly ListCatalog (P(11)) and ChangeOwnPassword (P(9))', () => {
    expect([...new Set(adminRowsOpenToStandardUser.map((r) => r.name))].sort()).toEqual(['ChangeOwnPassword', 'ListCatalog']);
  });

  it('deny by default (R-DSP-3, R-REQ-3, R-REQ-4): a user whose only role is User (2), with nothing shared and no administrative access, is denied every other administration operation and every operation on data sources it does not own, and lists none', () => {
    fc.assert(
      fc.property(requestSnapshotArb, requestBlueprintArb, fc.nat(63), (json, bp, dataSourceIndex) => {
        const violations = denyByDefaultViolations(json, bp, dataSourceIndex);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });
});
