/**
 * Goldens of the requirement reading (R-REQ-4, R-TRC-4): the typed missing items of an unmet
 * administrative access (with how the client knows its tenant), the steps of leaves read without
 * a target data source, the wording of "all of" / "any of", and the leaves of a requirement.
 */
import { describe, expect, it } from 'vitest';
import type { Step } from '../../src/model/trace.js';
import { ACC, all, any, D, owner, P } from '../../src/operations/requirement.js';
import { direct, onBehalfOf } from '../../src/rules/caller.js';
import { evaluateRequirement, leavesOf, type RequirementContext } from '../../src/rules/requirements.js';
import { user, world } from './world.js';

const context = (over: Partial<RequirementContext>): RequirementContext => ({
  snapshot: world,
  caller: direct(user('OrgAdmin')),
  dataSource: undefined,
  dataSourcePermissions: undefined,
  targetId: undefined,
  authority: true,
  ...over,
});

/** A step without its children. */
const head = (s: Step | null): Omit<Step, 'children'> | null => (s === null ? null : { rule: s.rule, check: s.check, outcome: s.outcome, why: s.why, facts: s.facts });

describe('an unmet ACC(t) names where its tenant came from (R-ADM-2, R-TRC-4)', () => {
  // OrgAdmin administers tenant 56 only
  it('R-ADM-2 the tenant in the path: source `path`, about nothing', () => {
    expect(evaluateRequirement(context({ targetId: 57 }), ACC({ _tag: 'TargetTenant' })).missing).toEqual([{ _tag: 'TenantAccess', userId: 20, tenantId: 57, source: 'path', about: null }]);
  });

  it('R-ADM-2 the system tenant: source `system`, about nothing', () => {
    expect(evaluateRequirement(context({}), ACC({ _tag: 'SystemTenant' })).missing).toEqual([{ _tag: 'TenantAccess', userId: 20, tenantId: 1, source: 'system', about: null }]);
  });

  it("R-ADM-2 the subject's tenant: source `subject`, about the subject", () => {
    const c = context({ caller: onBehalfOf(user('OrgAdmin'), user('Carol')) });
    expect(evaluateRequirement(c, ACC({ _tag: 'SubjectTenant' })).missing).toEqual([{ _tag: 'TenantAccess', userId: 20, tenantId: 57, source: 'subject', about: 23 }]);
  });

  it('R-ADM-2 the tenant of the user in the path: source `targetUser`, about that user', () => {
    expect(evaluateRequirement(context({ targetId: 23 }), ACC({ _tag: 'TargetUserTenant' })).missing).toEqual([{ _tag: 'TenantAccess', userId: 20, tenantId: 57, source: 'targetUser', about: 23 }]);
  });

  it('R-ADM-2 the tenant of the role in the path: source `targetRole`, about that role', () => {
    expect(evaluateRequirement(context({ targetId: 90 }), ACC({ _tag: 'TargetRoleTenant' })).missing).toEqual([{ _tag: 'TenantAccess', userId: 20, tenantId: 57, source: 'targetRole', about: 90 }]);
  });
});

describe('leaves about a data source, read without one (R-REQ-4, R-SHR-10)', () => {
  const bob = context({ caller: direct(user('Bob')) });

  it('R-REQ-4 D(n) names the data source `?`', () => {
    expect(head(evaluateRequirement(bob, D(2)).step)).toEqual({
      rule: 'R-REQ-4',
      check: 'D(2): ViewDataSource (2)',
      outcome: 'fail',
      why: "`Bob`'s effective permissions on data source ? [5,6,7,8,9,10,11] lack ViewDataSource (2)",
      facts: [{ _tag: 'Requires', permission: 2, name: 'ViewDataSource', scope: 'dataSource', held: false }],
    });
  });

  it('R-SHR-10 ownership names the data source `?`', () => {
    expect(head(evaluateRequirement(bob, owner).step)).toEqual({
      rule: 'R-SHR-10',
      check: '`Bob` owns data source ?',
      outcome: 'fail',
      why: '`Bob` does not own data source ?: only its owner manages it',
      facts: [],
    });
  });
});

describe('the step of "all of" and "any of" (R-REQ-4, R-TRC-4)', () => {
  const bob = context({ caller: direct(user('Bob')) });

  it('R-REQ-4 all of, held', () => {
    expect(head(evaluateRequirement(context({}), all(P(11), P(13))).step)).toEqual({ rule: 'R-REQ-4', check: 'all of', outcome: 'pass', why: 'holds', facts: [] });
  });

  it('R-REQ-4 all of, two parts missing', () => {
    expect(head(evaluateRequirement(bob, all(P(13), P(14))).step)).toEqual({ rule: 'R-REQ-4', check: 'all of', outcome: 'fail', why: '2 parts missing', facts: [] });
  });

  it('R-REQ-4 any of, held', () => {
    expect(head(evaluateRequirement(context({}), any(P(13), P(25))).step)).toEqual({ rule: 'R-REQ-4', check: 'any of', outcome: 'pass', why: 'holds', facts: [] });
  });

  it('R-REQ-4 any of, missing: one part (the choice) missing', () => {
    expect(head(evaluateRequirement(bob, any(P(13), P(14))).step)).toEqual({ rule: 'R-REQ-4', check: 'any of', outcome: 'fail', why: '1 part missing', facts: [] });
  });
});

describe('leavesOf (R-REQ-4)', () => {
  it('R-REQ-4 a single leaf is its own only leaf', () => {
    expect(leavesOf(P(2))).toEqual([P(2)]);
  });

  it('R-REQ-4 the leaves of a nested requirement, depth first', () => {
    expect(leavesOf(all(P(11), any(D(5), D(6))))).toEqual([P(11), D(5), D(6)]);
  });
});
