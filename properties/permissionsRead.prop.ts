/** Permission reads answer SPEC §3 (R-RES-1, R-ADM-1, R-REQ-3, R-EFF-3). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { permissionsReadCaseArb } from './arbitraries/requests.js';
import { permissionsReadViolations } from './laws/permissionsRead.js';

describe('permission reads answer SPEC section 3', () => {
  it('permission reads answer SPEC section 3 (R-RES-1, R-ADM-1, R-REQ-3, R-EFF-3): an allowed GetDataSourcePermissions is the subject\'s reference set, whoever asks', () => {
    fc.assert(
      fc.property(permissionsReadCaseArb, ({ json, generated }) => {
        const violations = permissionsReadViolations(json, generated);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
      { numRuns: 300 },
    );
  });
});
