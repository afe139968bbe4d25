/** L-ONE-DEFINITION: the traced and fast readings of every rule agree (routes of SPEC §3, requirement leaves of SPEC §5). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Requirement, TenantRef } from '../src/operations/requirement.js';
import { direct, onBehalfOf } from '../src/rules/caller.js';
import type { RequirementContext } from '../src/rules/requirements.js';
import { snapshotJsonArb } from './arbitraries/snapshot.js';
import { requirementReadingViolations, routeReadingsAgree } from './laws/oneDefinition.js';
import { rowAnswerDifferences } from './laws/rows.js';
import { load } from './laws/support.js';

const tenantRefArb: fc.Arbitrary<TenantRef> = fc.constantFrom<TenantRef>(
  { _tag: 'TargetUserTenant' },
  { _tag: 'TargetRoleTenant' },
  { _tag: 'TargetTenant' },
  { _tag: 'SystemTenant' },
  { _tag: 'SubjectTenant' },
);

const { requirement: requirementArb } = fc.letrec<{ readonly requirement: Requirement }>((tie) => ({
  requirement: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: 1, max: 30 }).map((permission): Requirement => ({ _tag: 'UserPermission', permission })),
    fc.integer({ min: 1, max: 30 }).map((permission): Requirement => ({ _tag: 'DataSourcePermission', permission })),
    tenantRefArb.map((tenant): Requirement => ({ _tag: 'TenantAccess', tenant })),
    fc.constant<Requirement>({ _tag: 'Owner' }),
    fc.constant<Requirement>({ _tag: 'AdministratorOnly' }),
    fc.array(tie('requirement'), { maxLength: 3 }).map((of): Requirement => ({ _tag: 'All', of })),
    fc.array(tie('requirement'), { maxLength: 3 }).map((of): Requirement => ({ _tag: 'Any', of })),
  ),
}));

describe('L-ONE-DEFINITION', () => {
  it('L-ONE-DEFINITION (R-DSP-1, R-DSP-2, R-SHR-1, R-SHR-2, R-SHR-6, R-DSP-3, R-GRP-1, R-TRC-2): for every user, data source and group, the passing route step is the route of the untraced answer and every later route step is skipped, and the typed rows give the untraced answer whole whenever they answer', () => {
    fc.assert(
      fc.property(snapshotJsonArb, (json) => {
        const s = load(json);
        if (s === undefined) return false;
        const problems = [...routeReadingsAgree(s), ...rowAnswerDifferences(s)];
        expect(problems).toEqual([]);
        return problems.length === 0;
      }),
    );
  });

  it('L-ONE-DEFINITION (R-REQ-4, R-ADM-1, R-OBO-3, R-USE-1): every requirement leaf has the same outcome traced and fast, and so has every combination', () => {
    fc.assert(
      fc.property(snapshotJsonArb, requirementArb, fc.nat(), fc.nat(), fc.nat(), fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 70 }), (json, req, a, b, c, obo, authority, target) => {
        const s = load(json);
        if (s === undefined) return false;
        const users = [...s.users.values()];
        const sources = [...s.dataSources.values()];
        const actor = users[a % users.length];
        const subject = users[b % users.length];
        if (actor === undefined || subject === undefined) return true; // a snapshot without users: nothing to ask
        const dataSource = sources.length === 0 ? undefined : sources[c % sources.length];
        const ctx: RequirementContext = {
          snapshot: s,
          caller: obo ? onBehalfOf(actor, subject) : direct(actor),
          dataSource,
          dataSourcePermissions: dataSource?.permissions ?? (dataSource === undefined ? undefined : subject.permissions),
          targetId: target === 0 ? undefined : target,
          authority,
        };
        const problems = requirementReadingViolations(ctx, req);
        expect(problems).toEqual([]);
        return problems.length === 0;
      }),
    );
  });
});
