/**
 * Goldens of the body-authorization steps (R-REQ-6) whose wording, facts or rule no other spec
 * pins: each step in full, so a changed phrase, fact list or check name fails.
 */
import { describe, expect, it } from 'vitest';
import type { Step } from '../../src/model/trace.js';
import { ctx, stepsFor } from './world.js';

/** The grant-ceiling step of a share that grants ViewDataSource (2), which the caller holds. */
const viewGrant = (where: string): Step => ({
  rule: 'R-SHR-7',
  check: 'grant ceiling',
  outcome: 'pass',
  why: `every granted permission \`[2]\` is held by the caller on ${where}`,
  facts: [{ _tag: 'Requires', permission: 2, name: 'ViewDataSource', scope: 'dataSource', held: true }],
  children: [],
});

describe('the grant ceiling (R-SHR-7)', () => {
  it('R-SHR-7 without a target data source the step says "the data source"', () => {
    expect(stepsFor(ctx({ operation: 'ShareWithUsers', actor: 'Alice', grantable: [2] }), { sharedUsers: [{ userId: 22, permissions: [2] }] })).toEqual([viewGrant('the data source')]);
  });
});

describe('a user share in force when written (R-SHR-7, R-SHR-6)', () => {
  it('R-SHR-6 an owner holding Administrator (12) shares into any tenant, with its user permissions as the fact', () => {
    expect(stepsFor(ctx({ operation: 'ShareWithUsers', actor: 'Admin', dataSource: 41 }), { sharedUsers: [{ userId: 23, permissions: [2] }] })).toEqual([
      { rule: 'R-SHR-7', check: 'grant ceiling', outcome: 'pass', why: 'user `Admin` holds Administrator (12), which satisfies the grant ceiling (R-ADM-1)', facts: [{ _tag: 'Note', text: 'A12 lifts the grant ceiling' }], children: [] },
      {
        rule: 'R-SHR-7',
        check: "administrative access on recipients' tenants",
        outcome: 'pass',
        why: 'user `Admin` holds Administrator (12), which satisfies every administrative-access requirement (R-ADM-1)',
        facts: [{ _tag: 'Note', text: 'tenants 57' }],
        children: [],
      },
      {
        rule: 'R-SHR-7',
        check: 'share in force when written (R-SHR-6)',
        outcome: 'pass',
        why: 'owner `Admin` holds Administrator (12): its user shares are in force in every tenant',
        facts: [{ _tag: 'UserPermissions', userId: 7, permissions: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29] }],
        children: [],
      },
    ]);
  });

  it('R-SHR-6 an owner administering the one foreign tenant', () => {
    expect(stepsFor(ctx({ operation: 'ShareWithUsers', actor: 'SysAdmin', dataSource: 40, grantable: [2] }), { sharedUsers: [{ userId: 22, permissions: [2] }] })).toEqual([
      viewGrant('data source `40`'),
      { rule: 'R-SHR-7', check: "administrative access on recipients' tenants", outcome: 'pass', why: 'user `SysAdmin` administers tenant `56`', facts: [{ _tag: 'TenantAccess', userId: 8, tenantId: 56, held: true }], children: [] },
      { rule: 'R-SHR-7', check: 'share in force when written (R-SHR-6)', outcome: 'pass', why: 'owner `SysAdmin` administers tenant `56`', facts: [{ _tag: 'TenantAccess', userId: 8, tenantId: 56, held: true }], children: [] },
    ]);
  });

  it('R-SHR-6 an owner administering both foreign tenants', () => {
    const facts = [
      { _tag: 'TenantAccess', userId: 26, tenantId: 56, held: true },
      { _tag: 'TenantAccess', userId: 26, tenantId: 57, held: true },
    ];
    expect(
      stepsFor(ctx({ operation: 'ShareWithUsers', actor: 'TwoTenants', dataSource: 42, grantable: [2] }), {
        sharedUsers: [
          { userId: 22, permissions: [2] },
          { userId: 23, permissions: [2] },
        ],
      }),
    ).toEqual([
      viewGrant('data source `42`'),
      { rule: 'R-SHR-7', check: "administrative access on recipients' tenants", outcome: 'pass', why: 'user `TwoTenants` administers tenants `56`, `57`', facts, children: [] },
      { rule: 'R-SHR-7', check: 'share in force when written (R-SHR-6)', outcome: 'pass', why: 'owner `TwoTenants` administers tenants `56`, `57`', facts, children: [] },
    ]);
  });

  it('R-SHR-6 an owner that does not administer the one foreign tenant', () => {
    const facts = [{ _tag: 'TenantAccess', userId: 21, tenantId: 57, held: false }];
    expect(stepsFor(ctx({ operation: 'ShareWithUsers', actor: 'Alice', dataSource: 15, grantable: [2] }), { sharedUsers: [{ userId: 23, permissions: [2] }] })).toEqual([
      viewGrant('data source `15`'),
      { rule: 'R-SHR-7', check: "administrative access on recipients' tenants", outcome: 'fail', why: 'user `Alice` lacks administrative access on tenant `57`', facts, children: [] },
      { rule: 'R-SHR-7', check: 'share in force when written (R-SHR-6)', outcome: 'fail', why: 'owner `Alice` of tenant `56` does not administer tenant `57`: the share would not be in force', facts, children: [] },
    ]);
  });

  it('R-SHR-6 an owner that administers neither foreign tenant', () => {
    const facts = [
      { _tag: 'TenantAccess', userId: 21, tenantId: 57, held: false },
      { _tag: 'TenantAccess', userId: 21, tenantId: 58, held: false },
    ];
    expect(
      stepsFor(ctx({ operation: 'ShareWithUsers', actor: 'Alice', dataSource: 15, grantable: [2] }), {
        sharedUsers: [
          { userId: 23, permissions: [2] },
          { userId: 27, permissions: [2] },
        ],
      }),
    ).toEqual([
      viewGrant('data source `15`'),
      { rule: 'R-SHR-7', check: "administrative access on recipients' tenants", outcome: 'fail', why: 'user `Alice` lacks administrative access on tenants `57`, `58`', facts, children: [] },
      { rule: 'R-SHR-7', check: 'share in force when written (R-SHR-6)', outcome: 'fail', why: 'owner `Alice` of tenant `56` does not administer tenants `57`, `58`: the share would not be in force', facts, children: [] },
    ]);
  });
});

describe("an Administrator's pass steps (R-ADM-1)", () => {
  it('R-ADM-6 the privilege ceiling of an Administrator notes what it gives', () => {
    expect(stepsFor(ctx({ operation: 'UpdateUserAdminPermissions', actor: 'Admin', params: { id: 21 } }), { roles: [89] })).toEqual([
      {
        rule: 'R-ADM-6',
        check: 'privilege ceiling',
        outcome: 'pass',
        why: 'user `Admin` holds Administrator (12), which satisfies the privilege ceiling (R-ADM-1)',
        facts: [{ _tag: 'Note', text: 'gives user `Alice` [13,14,15,16,17,18,19,20,21]' }],
        children: [],
      },
    ]);
  });

  it('R-OAA-1 a direct Administrator may manage the OAuth applications of every tenant', () => {
    expect(stepsFor(ctx({ operation: 'CreateOAuthApp', actor: 'Admin' }), { name: 'App', tenantId: 56 })).toEqual([
      {
        rule: 'R-OAA-1',
        check: 'oauth application tenant',
        outcome: 'pass',
        why: 'user `Admin` holds Administrator (12), which satisfies every tenant scope (R-ADM-1)',
        facts: [{ _tag: 'Note', text: 'tenant 56' }],
        children: [],
      },
    ]);
  });
});

describe('administrative access in user and tenant bodies (R-ADM-2)', () => {
  it('R-ADM-2 UpdateUser with `tenantsAdministered` needs access on those tenants', () => {
    expect(stepsFor(ctx({ operation: 'UpdateUser', actor: 'OrgAdmin', params: { id: 21 } }), { tenantsAdministered: [56] })).toEqual([
      {
        rule: 'R-ADM-2',
        check: 'administrative access on the tenants to administer',
        outcome: 'pass',
        why: 'user `OrgAdmin` administers tenant `56`',
        facts: [{ _tag: 'TenantAccess', userId: 20, tenantId: 56, held: true }],
        children: [],
      },
    ]);
  });

  it('R-ADM-2 UpdateTenantAdmins needs access on the home tenants of the admins it adds and of those it removes', () => {
    // before: OrgAdmin (56), SysAdmin and Admin (1); after: OrgAdmin and Alice (56)
    expect(stepsFor(ctx({ operation: 'UpdateTenantAdmins', actor: 'OrgAdmin', params: { id: 56 } }), { admins: [20, 21] })).toEqual([
      {
        rule: 'R-ADM-2',
        check: 'administrative access on the tenants of added or removed admins',
        outcome: 'fail',
        why: 'user `OrgAdmin` lacks administrative access on tenant `1`',
        facts: [
          { _tag: 'TenantAccess', userId: 20, tenantId: 1, held: false },
          { _tag: 'TenantAccess', userId: 20, tenantId: 56, held: true },
        ],
        children: [],
      },
    ]);
  });
});
