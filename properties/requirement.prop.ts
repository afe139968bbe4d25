import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequirementContext } from '../src/decide/requirement.js';
import type { Requirement, TenantRef } from '../src/operations/requirement.js';
import { snapshotJsonArb } from './arbitraries/snapshot.js';
import { fastPathAgrees } from './laws/requirement.js';
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

describe('requirement evaluation', () => {
  it('R-REQ-4 R-ADM-1 R-OBO-3 the untraced fast path holds exactly when the traced evaluation holds', () => {
    fc.assert(
      fc.property(snapshotJsonArb, requirementArb, fc.nat(), fc.nat(), fc.nat(), fc.boolean(), fc.integer({ min: 0, max: 70 }), (json, req, a, b, c, onBehalfOf, tenant) => {
        const s = load(json);
        if (s === undefined) return false;
        const users = [...s.users.values()];
        const sources = [...s.dataSources.values()];
        const actor = users[a % users.length];
        const subject = users[b % users.length];
        const dataSource = sources.length === 0 ? undefined : sources[c % sources.length];
        if (actor === undefined || subject === undefined) return true; // a snapshot without users: nothing to ask
        const ctx: RequirementContext = {
          snapshot: s,
          actor,
          subject,
          onBehalfOf,
          dataSource,
          dataSourcePermissions: dataSource?.permissions ?? (dataSource === undefined ? undefined : subject.permissions),
          tenantOf: (ref) => (ref._tag === 'SystemTenant' ? 1 : ref._tag === 'SubjectTenant' ? subject.tenantId : tenant === 0 ? undefined : tenant),
        };
        expect(fastPathAgrees(ctx, req)).toBe(true);
        return true;
      }),
    );
  });
});
