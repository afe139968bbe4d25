import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { renderProblems, type Problem } from '../../src/codec/problem.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { authorizeBody } from '../../src/rules/bodyAuthorization.js';
import { checkPayload, checkStructural, type PayloadContext } from '../../src/rules/payloadStructure.js';
import { contextIn, payloadWorldJson } from '../worlds/payload.js';
import type { RuleId } from '../../src/catalog/ruleIds.js';
import { loadSnapshot, type SnapshotError } from '../../src/snapshot/load.js';
import type { Step } from '../../src/model/trace.js';

const loaded = loadSnapshot(payloadWorldJson);
// A broken fixture is a bug in the fixture: fail loudly at import.
const world: Snapshot = E.getOrElse((e: SnapshotError): Snapshot => {
  throw new Error(`test world does not load:\n${renderProblems(e.problems)}`);
})(loaded);
const ctx = contextIn(world);

const problemsOf = (c: PayloadContext, body: unknown): ReadonlyArray<Problem> => {
  const r = checkPayload(c, body);
  return E.isLeft(r) ? r.left : [];
};
const rulesOf = (c: PayloadContext, body: unknown): ReadonlyArray<RuleId | undefined> => problemsOf(c, body).map((p) => p.rule);
const accepts = (c: PayloadContext, body: unknown): boolean => E.isRight(checkPayload(c, body));

const stepsFor = (c: PayloadContext, body: unknown): ReadonlyArray<Step> => {
  const r = checkPayload(c, body);
  expect(E.isRight(r)).toBe(true);
  return E.isRight(r) ? authorizeBody(c, r.right) : [];
};
const failed = (steps: ReadonlyArray<Step>): ReadonlyArray<Step> => steps.filter((s) => s.outcome === 'fail');

describe('the test world', () => {
  it('loads', () => {
    expect(E.isLeft(loaded) ? loaded.left.problems : []).toEqual([]);
  });
});

describe('checkPayload (R-REQ-5)', () => {
  it('R-REQ-5: decodes the body and reports problems at $.body paths, never throwing on junk', () => {
    const c = ctx({ operation: 'ShareWithUsers', actor: 'Alice', dataSource: 15 });
    for (const junk of ['junk', 7, null, undefined, [], { sharedUsers: [{ userId: -1 }] }]) {
      const problems = problemsOf(c, junk);
      expect(problems.length).toBeGreaterThan(0);
      for (const p of problems) expect(p.path.startsWith('$.body')).toBe(true);
    }
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(problemsOf(c, { sharedUsers: deep }).length).toBeGreaterThan(0);
  });

  it('R-REQ-5: a body that throws while it is read (a getter of an embedding server\'s object) is a problem, not an exception', () => {
    const c = ctx({ operation: 'ShareWithUsers', actor: 'Alice', dataSource: 15 });
    const hostile = Object.defineProperty({}, 'sharedUsers', { enumerable: true, get: (): never => { throw new Error('Getter BOOM'); } });
    expect(problemsOf(c, hostile)).toEqual([{ path: '$.body', message: 'cannot decode the body: getter boom', rule: 'R-REQ-5' }]);
  });

  it('R-REQ-5: reports every problem of a body together, each citing its rule', () => {
    const c = ctx({ operation: 'ShareWithUsers', actor: 'Alice', dataSource: 13 });
    const problems = problemsOf(c, {
      sharedUsers: [
        { userId: 21, permissions: [2] }, // owner
        { userId: 23, permissions: [10] }, // tenant 57 already shared; SQLEditor
        { userId: 999, permissions: [1] }, // no such user; not settable
      ],
    });
    expect(problems.map((p) => [p.path, p.rule])).toEqual([
      ['$.body.sharedUsers[0].userId', 'R-SHR-3'],
      ['$.body.sharedUsers[1].userId', 'R-SHR-3'],
      ['$.body.sharedUsers[1].permissions[0]', 'R-SHR-5'],
      ['$.body.sharedUsers[2].userId', 'R-REQ-5'],
      ['$.body.sharedUsers[2].permissions[0]', 'R-PAY-2'],
    ]);
    for (const p of problems) {
      expect(p.message).toMatch(/^[a-z]/);
      expect(p.message).toMatch(/`[^`]+`/);
      expect(p.message.endsWith('.')).toBe(false);
    }
  });

  it('R-REQ-5: ignores the body of an operation that takes none and answers NoBody', () => {
    expect(checkPayload(ctx({ operation: 'GetDataSource', actor: 'Alice', dataSource: 15 }), { anything: 1 })).toEqual(E.right({ _tag: 'NoBody' }));
  });

  it('R-REQ-5: a referenced id that does not exist is a 400 problem', () => {
    expect(rulesOf(ctx({ operation: 'ShareWithTenants', actor: 'Admin', dataSource: 15 }), { sharedTenants: [{ tenantId: 99, permissions: [2] }] })).toEqual(['R-REQ-5']);
    expect(rulesOf(ctx({ operation: 'CreateUser', actor: 'Admin' }), { userName: 'New', tenantId: 56, permissions: { roles: [999] } })).toEqual(['R-REQ-5']);
    expect(rulesOf(ctx({ operation: 'CreateOAuthProfile', actor: 'Alice' }), { name: 'p', oauthAppId: 99 })).toEqual(['R-REQ-5']);
  });
});

describe('R-PAY-1: data-source permissions are written only on behalf of the owner', () => {
  it('R-PAY-1: accepts permissions in an on-behalf-of create', () => {
    expect(accepts(ctx({ operation: 'CreateDataSource', actor: 'Admin', subject: 'Bob' }), { name: 'New', permissions: [2, 7] })).toBe(true);
  });

  it('R-PAY-1: rejects permissions in a direct create or update (400)', () => {
    expect(problemsOf(ctx({ operation: 'CreateDataSource', actor: 'Alice' }), { name: 'New', permissions: [2] })).toEqual([
      { path: '$.body.permissions', rule: 'R-PAY-1', message: 'data-source permissions can be written only on behalf of a user (`?user=`)' },
    ]);
    expect(rulesOf(ctx({ operation: 'UpdateDataSource', actor: 'Alice', dataSource: 15 }), { permissions: [2] })).toEqual(['R-PAY-1']);
    expect(accepts(ctx({ operation: 'UpdateDataSource', actor: 'Alice', dataSource: 15 }), { name: 'Renamed' })).toBe(true);
  });

  it('R-PAY-1: PUT …/permissions is accepted for the owner and refused for a subject that does not own the data source', () => {
    expect(accepts(ctx({ operation: 'UpdateDataSourcePermissions', actor: 'Admin', subject: 'Alice', dataSource: 15 }), { permissions: [2, 3, 4, 7, 10] })).toBe(true);
    expect(rulesOf(ctx({ operation: 'UpdateDataSourcePermissions', actor: 'Admin', subject: 'Bob', dataSource: 15 }), { permissions: [2] })).toEqual(['R-PAY-1']);
    expect(rulesOf(ctx({ operation: 'UpdateDataSourcePermissions', actor: 'Alice', dataSource: 15 }), { permissions: [2] })).toEqual(['R-PAY-1']);
    expect(checkStructural(ctx({ operation: 'UpdateDataSourcePermissions', actor: 'Admin', subject: 'Bob', dataSource: 15 })).map((p) => p.path)).toEqual(['$.query.user']);
  });
});

describe('R-PAY-2 / R-CAT-1 / R-SHR-5: permission ids written to data sources and shares', () => {
  const c = ctx({ operation: 'UpdateDataSourcePermissions', actor: 'Admin', subject: 'Alice', dataSource: 15 });

  it('R-PAY-2: accepts exactly the data-source-settable ids {2,3,4,5,6,7,10}', () => {
    expect(accepts(c, { permissions: [2, 3, 4, 5, 6, 7, 10] })).toBe(true);
    expect(accepts(c, { permissions: [] })).toBe(true);
  });

  it('R-PAY-2: rejects every id outside R-CAT-1, unknown catalog ids included', () => {
    expect(problemsOf(c, { permissions: [1, 11, 40] })).toEqual([
      { path: '$.body.permissions[0]', rule: 'R-PAY-2', message: 'permission `CreateDataSource (1)` cannot be set on a data source' },
      { path: '$.body.permissions[1]', rule: 'R-PAY-2', message: 'permission `MgmtAPI (11)` cannot be set on a data source' },
      { path: '$.body.permissions[2]', rule: 'R-PAY-2', message: 'permission `40` is not in the catalog' },
    ]);
  });

  it('R-SHR-5: accepts share permissions {2..7}', () => {
    expect(accepts(ctx({ operation: 'UpdateSharedUser', actor: 'Alice', dataSource: 14, params: { id: 14, uid: 22 } }), { permissions: [2, 3, 4, 5, 6, 7] })).toBe(true);
  });

  it('R-SHR-5: rejects SQLEditor (10) in a user or tenant share', () => {
    expect(rulesOf(ctx({ operation: 'UpdateSharedUser', actor: 'Alice', dataSource: 14, params: { id: 14, uid: 22 } }), { permissions: [2, 10] })).toEqual(['R-SHR-5']);
    expect(rulesOf(ctx({ operation: 'ShareWithTenants', actor: 'Admin', dataSource: 15 }), { sharedTenants: [{ tenantId: 57, permissions: [10] }] })).toEqual(['R-SHR-5']);
  });
});

describe('R-SHR-3: never shared with a tenant and with users of that tenant at once', () => {
  it('R-SHR-3: accepts a user share to a user of a tenant the data source is not shared with', () => {
    expect(accepts(ctx({ operation: 'ShareWithUsers', actor: 'Alice', dataSource: 13 }), { sharedUsers: [{ userId: 22, permissions: [2] }] })).toBe(true);
  });

  it('R-SHR-3: rejects a user share to a user of an already shared tenant, to the owner, or twice in one request', () => {
    const c = ctx({ operation: 'ShareWithUsers', actor: 'Alice', dataSource: 13 });
    expect(problemsOf(c, { sharedUsers: [{ userId: 23, permissions: [2] }] })).toEqual([
      { path: '$.body.sharedUsers[0].userId', rule: 'R-SHR-3', message: 'user `Carol` is in tenant `57`, which data source `13` is already shared with' },
    ]);
    expect(rulesOf(c, { sharedUsers: [{ userId: 21, permissions: [2] }] })).toEqual(['R-SHR-3']);
    expect(rulesOf(c, { sharedUsers: [{ userId: 22, permissions: [2] }, { userId: 22, permissions: [3] }] })).toEqual(['R-SHR-3']);
    expect(rulesOf(ctx({ operation: 'UpdateSharedUser', actor: 'Alice', dataSource: 13, params: { id: 13, uid: 24 } }), { permissions: [2] })).toEqual(['R-SHR-3']);
  });

  it('R-SHR-3: rejects a tenant listed twice in one request', () => {
    expect(rulesOf(ctx({ operation: 'ShareWithTenants', actor: 'Admin', dataSource: 15 }), { sharedTenants: [{ tenantId: 57, permissions: [2] }, { tenantId: 57, permissions: [2] }] })).toEqual(['R-SHR-3']);
  });
});

describe('R-GRP-4: a group is shared only when every member is shared with the recipient', () => {
  it('R-GRP-4: accepts sharing a group with a user every member is shared with (user or tenant share)', () => {
    expect(accepts(ctx({ operation: 'ShareWithUsers', actor: 'Alice', dataSource: 30 }), { sharedUsers: [{ userId: 22, permissions: [2] }] })).toBe(true);
    expect(accepts(ctx({ operation: 'ShareWithUsers', actor: 'Alice', dataSource: 31 }), { sharedUsers: [{ userId: 24, permissions: [2] }] })).toBe(true);
    expect(accepts(ctx({ operation: 'ShareWithTenants', actor: 'Admin', dataSource: 31 }), { sharedTenants: [{ tenantId: 57, permissions: [2] }] })).toBe(true);
  });

  it('R-GRP-4: rejects sharing a group with a recipient some member is not shared with', () => {
    expect(problemsOf(ctx({ operation: 'ShareWithUsers', actor: 'Alice', dataSource: 30 }), { sharedUsers: [{ userId: 25, permissions: [2] }] })).toEqual([
      { path: '$.body.sharedUsers[0].userId', rule: 'R-GRP-4', message: 'member `14` of group `30` is not shared with user `Erin`' },
    ]);
    expect(rulesOf(ctx({ operation: 'ShareWithTenants', actor: 'Admin', dataSource: 30 }), { sharedTenants: [{ tenantId: 57, permissions: [2] }] })).toEqual(['R-GRP-4']);
    expect(rulesOf(ctx({ operation: 'UpdateSharedTenant', actor: 'Admin', dataSource: 30, params: { id: 30, tid: 56 } }), { permissions: [2] })).toEqual(['R-GRP-4']);
  });
});

describe('R-GRP-5: member rules', () => {
  it('R-GRP-5: accepts a new member that exists, is not a group and has the group owner', () => {
    expect(accepts(ctx({ operation: 'AddMembers', actor: 'Alice', dataSource: 30 }), { members: [{ id: 15, entityPrefix: 'my' }] })).toBe(true);
    expect(accepts(ctx({ operation: 'CreateDataSource', actor: 'Alice' }), { name: 'G', isGroup: true, members: [{ id: 14 }, { id: 15 }] })).toBe(true);
  });

  it('R-GRP-5: rejects a missing member, a group member (R-GRP-2) and a member of another owner (R-GRP-3)', () => {
    expect(problemsOf(ctx({ operation: 'ReplaceMembers', actor: 'Alice', dataSource: 30 }), { members: [{ id: 99 }, { id: 31 }, { id: 19 }] })).toEqual([
      { path: '$.body.members[0].id', rule: 'R-GRP-5', message: 'data source `99` does not exist' },
      { path: '$.body.members[1].id', rule: 'R-GRP-2', message: 'data source `31` is a group, and groups do not nest' },
      { path: '$.body.members[2].id', rule: 'R-GRP-3', message: "data source `19` is owned by user `22`, not by the group's owner `21`" },
    ]);
  });

  it('R-REQ-3 R-GRP-5: a member the caller cannot reach is answered exactly like one that does not exist (no existence leak)', () => {
    expect(problemsOf(ctx({ operation: 'ReplaceMembers', actor: 'Alice', dataSource: 30 }), { members: [{ id: 16 }] })).toEqual([
      { path: '$.body.members[0].id', rule: 'R-GRP-5', message: 'data source `16` does not exist' },
    ]);
  });

  it('R-GRP-5: rejects a members operation on a data source that is not a group, and members on a non-group create', () => {
    expect(rulesOf(ctx({ operation: 'AddMembers', actor: 'Alice', dataSource: 15 }), { members: [{ id: 14 }] })).toEqual(['R-GRP-5']);
    expect(checkStructural(ctx({ operation: 'RemoveMember', actor: 'Alice', dataSource: 15 })).map((p) => p.rule)).toEqual(['R-GRP-5']);
    expect(rulesOf(ctx({ operation: 'CreateDataSource', actor: 'Alice' }), { name: 'G', members: [{ id: 14 }] })).toEqual(['R-GRP-5']);
    expect(rulesOf(ctx({ operation: 'CreateDataSource', actor: 'Bob' }), { name: 'G', isGroup: true, members: [{ id: 14 }] })).toEqual(['R-GRP-3']);
  });

  it('R-GRP-2: rejects turning a data source into a group or back', () => {
    expect(rulesOf(ctx({ operation: 'UpdateDataSource', actor: 'Alice', dataSource: 14 }), { isGroup: true })).toEqual(['R-GRP-2']);
    expect(accepts(ctx({ operation: 'UpdateDataSource', actor: 'Alice', dataSource: 14 }), { isGroup: false })).toBe(true);
  });
});

describe('R-ROL-1: predefined roles and roles with users', () => {
  it('R-ROL-1: accepts changing only the users of a predefined role, and deleting an unused custom role', () => {
    expect(accepts(ctx({ operation: 'UpdateRole', actor: 'Admin', params: { id: 2 } }), { name: 'User', users: [9] })).toBe(true);
    expect(checkPayload(ctx({ operation: 'DeleteRole', actor: 'Admin', params: { id: 92 } }), null)).toEqual(E.right({ _tag: 'NoBody' }));
  });

  it('R-ROL-1: rejects renaming a predefined role or changing its permissions', () => {
    expect(rulesOf(ctx({ operation: 'UpdateRole', actor: 'Admin', params: { id: 2 } }), { name: 'Users', permissions: [1, 2] })).toEqual(['R-ROL-1', 'R-ROL-1']);
  });

  it('R-ROL-1: rejects deleting a predefined role or a role with users', () => {
    expect(checkStructural(ctx({ operation: 'DeleteRole', actor: 'Admin', params: { id: 1 } })).map((p) => p.rule)).toEqual(['R-ROL-1', 'R-ROL-1']);
    expect(problemsOf(ctx({ operation: 'DeleteRole', actor: 'Admin', params: { id: 91 } }), undefined)).toEqual([
      { path: '$.path', rule: 'R-ROL-1', message: 'role `91` has users `25` and cannot be deleted' },
    ]);
  });

  it('R-EFF-2: rejects removing a user from its only role', () => {
    expect(rulesOf(ctx({ operation: 'UpdateRole', actor: 'Admin', params: { id: 88 } }), { users: [] })).toEqual(['R-EFF-2']);
  });
});

describe('R-TRN-6: tenants with users are not deleted', () => {
  it('R-TRN-6: rejects deleting a tenant with users, accepts one without', () => {
    expect(checkStructural(ctx({ operation: 'DeleteTenant', actor: 'Admin', params: { id: 57 } })).map((p) => p.rule)).toEqual(['R-TRN-6']);
    expect(checkPayload(ctx({ operation: 'DeleteTenant', actor: 'Admin', params: { id: 58 } }), undefined)).toEqual(E.right({ _tag: 'NoBody' }));
  });

  it('R-SNAP-3: rejects deleting the system tenant and a parent other than the system tenant', () => {
    expect(checkStructural(ctx({ operation: 'DeleteTenant', actor: 'Admin', params: { id: 1 } })).map((p) => p.rule)).toEqual(['R-SNAP-3', 'R-TRN-6']);
    expect(rulesOf(ctx({ operation: 'CreateTenant', actor: 'Admin' }), { name: 'T', parentTenant: 56 })).toEqual(['R-SNAP-3']);
    expect(accepts(ctx({ operation: 'CreateTenant', actor: 'Admin' }), { name: 'T', parentTenant: 1 })).toBe(true);
  });
});

describe('R-ADM-7: no administrator changes its own roles, permissions or administrative access', () => {
  it('R-ADM-7: accepts an administrator changing another user, or its own status', () => {
    expect(accepts(ctx({ operation: 'UpdateUser', actor: 'Admin', params: { id: 22 } }), { permissions: { roles: [88, 92] } })).toBe(true);
    expect(accepts(ctx({ operation: 'UpdateUser', actor: 'Admin', params: { id: 7 } }), { userName: 'Root' })).toBe(true);
  });

  it('R-ADM-7: rejects a change even for A12, through the user, permissions, tenants administered, role and admins bodies', () => {
    expect(rulesOf(ctx({ operation: 'UpdateUser', actor: 'Admin', params: { id: 7 } }), { permissions: { roles: [1, 2] } })).toEqual(['R-ADM-7']);
    expect(rulesOf(ctx({ operation: 'UpdateUserAdminPermissions', actor: 'SysAdmin', params: { id: 8 } }), { permissions: [25] })).toEqual(['R-ADM-7']);
    expect(rulesOf(ctx({ operation: 'UpdateTenantsAdministered', actor: 'Admin', params: { id: 7 } }), { tenantsAdministered: [56] })).toEqual(['R-ADM-7']);
    expect(rulesOf(ctx({ operation: 'UpdateRole', actor: 'OrgAdmin', params: { id: 93 } }), { users: [20, 21, 25] })).toEqual(['R-ADM-7']);
    expect(rulesOf(ctx({ operation: 'UpdateTenantAdmins', actor: 'SysAdmin', params: { id: 56 } }), { admins: [20] })).toEqual(['R-ADM-7']);
  });

  it('R-ADM-7: judged by effect, an unchanged value on one\'s own account passes on every route', () => {
    expect(accepts(ctx({ operation: 'UpdateUser', actor: 'Admin', params: { id: 7 } }), { permissions: { roles: [1], permissions: [] }, tenantsAdministered: [57, 56] })).toBe(true);
    expect(accepts(ctx({ operation: 'UpdateUser', actor: 'Admin', params: { id: 7 } }), { statusInfo: { status: 1, accountLocked: false } })).toBe(true);
    expect(accepts(ctx({ operation: 'UpdateUserAdminPermissions', actor: 'SysAdmin', params: { id: 8 } }), { roles: [3], permissions: [] })).toBe(true);
    expect(accepts(ctx({ operation: 'UpdateTenantsAdministered', actor: 'Admin', params: { id: 7 } }), { tenantsAdministered: [56, 57] })).toBe(true);
    expect(accepts(ctx({ operation: 'UpdateUserStatusInfo', actor: 'SysAdmin', params: { id: 8 } }), { status: 1 })).toBe(true);
    expect(accepts(ctx({ operation: 'UpdateRole', actor: 'OrgAdmin', params: { id: 89 } }), { permissions: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21] })).toBe(true);
  });

  it('R-ADM-7: rejects deleting, deactivating or locking one\'s own account, and changing a role one holds', () => {
    expect(checkStructural(ctx({ operation: 'DeleteUser', actor: 'SysAdmin', params: { id: 8 } })).map((p) => [p.rule, p.message])).toEqual([
      ['R-ADM-7', 'user `SysAdmin` cannot delete its own account'],
    ]);
    expect(rulesOf(ctx({ operation: 'UpdateUserStatusInfo', actor: 'SysAdmin', params: { id: 8 } }), { status: 0 })).toEqual(['R-ADM-7']);
    expect(rulesOf(ctx({ operation: 'UpdateUserStatusInfo', actor: 'SysAdmin', params: { id: 8 } }), { accountLocked: true })).toEqual(['R-ADM-7']);
    expect(rulesOf(ctx({ operation: 'UpdateUser', actor: 'SysAdmin', params: { id: 8 } }), { statusInfo: { accountLocked: true } })).toEqual(['R-ADM-7']);
    expect(problemsOf(ctx({ operation: 'UpdateRole', actor: 'OrgAdmin', params: { id: 89 } }), { permissions: [1, 2, 11, 14] })).toEqual([
      { path: '$.body.permissions', rule: 'R-ADM-7', message: 'user `OrgAdmin` holds role `89` and cannot change its permissions' },
    ]);
  });

  it('R-ADM-7: the last active holder of Administrator (12) is not deleted, deactivated or stripped of 12', () => {
    expect(checkStructural(ctx({ operation: 'DeleteUser', actor: 'SysAdmin', params: { id: 7 } })).map((p) => p.rule)).toEqual(['R-ADM-7']);
    expect(rulesOf(ctx({ operation: 'UpdateUserStatusInfo', actor: 'SysAdmin', params: { id: 7 } }), { status: 0 })).toEqual(['R-ADM-7']);
    expect(rulesOf(ctx({ operation: 'UpdateUserAdminPermissions', actor: 'SysAdmin', params: { id: 7 } }), { roles: [2] })).toEqual(['R-ADM-7']);
    expect(rulesOf(ctx({ operation: 'UpdateUser', actor: 'SysAdmin', params: { id: 7 } }), { permissions: { roles: [3] } })).toEqual(['R-ADM-7']);
    // Admin's only role is 1, so taking it away also strands Admin without a role (R-EFF-2)
    expect(rulesOf(ctx({ operation: 'UpdateRole', actor: 'SysAdmin', params: { id: 1 } }), { users: [8] })).toEqual(['R-ADM-7', 'R-EFF-2']);
    // with another active holder the same changes pass: SysUser holds 12 in the role body, and explicitly below
    expect(accepts(ctx({ operation: 'UpdateRole', actor: 'SysAdmin', params: { id: 1 } }), { users: [7, 9] })).toBe(true);
    expect(accepts(ctx({ operation: 'UpdateUserAdminPermissions', actor: 'SysAdmin', params: { id: 9 } }), { roles: [2], permissions: [12] })).toBe(true);
  });
});

describe('R-ADM-5: administrative access only on reachable tenants', () => {
  it('R-ADM-5: accepts any tenant for a system-tenant user, its own for a child-tenant user', () => {
    expect(accepts(ctx({ operation: 'UpdateTenantsAdministered', actor: 'Admin', params: { id: 9 } }), { tenantsAdministered: [56, 57] })).toBe(true);
    expect(accepts(ctx({ operation: 'UpdateTenantsAdministered', actor: 'Admin', params: { id: 22 } }), { tenantsAdministered: [56] })).toBe(true);
    expect(accepts(ctx({ operation: 'UpdateTenantAdmins', actor: 'Admin', params: { id: 56 } }), { admins: [7, 8, 9, 20, 22] })).toBe(true);
  });

  it('R-ADM-5: rejects another tenant for a child-tenant user', () => {
    expect(problemsOf(ctx({ operation: 'UpdateTenantsAdministered', actor: 'Admin', params: { id: 22 } }), { tenantsAdministered: [56, 57] })).toEqual([
      { path: '$.body.tenantsAdministered[1]', rule: 'R-ADM-5', message: 'a user of tenant `56` cannot administer tenant `57`' },
    ]);
    expect(rulesOf(ctx({ operation: 'UpdateTenantAdmins', actor: 'Admin', params: { id: 57 } }), { admins: [7, 22] })).toEqual(['R-ADM-5']);
    expect(rulesOf(ctx({ operation: 'CreateUser', actor: 'Admin' }), { userName: 'N', tenantId: 57, permissions: { roles: [90] }, tenantsAdministered: [56] })).toEqual(['R-ADM-5']);
  });
});

describe('R-EFF-2 / R-SNAP-5 on user bodies', () => {
  it('R-EFF-2: accepts a new user with roles of its tenant, defaulting to the caller tenant', () => {
    expect(accepts(ctx({ operation: 'CreateUser', actor: 'OrgAdmin' }), { userName: 'SQLUser', permissions: { roles: [88] } })).toBe(true);
  });

  it('R-EFF-2: rejects no role, a role of another tenant, and a move without roles of the new tenant', () => {
    expect(rulesOf(ctx({ operation: 'CreateUser', actor: 'Admin' }), { userName: 'N', tenantId: 56, permissions: { roles: [] } })).toEqual(['R-EFF-2']);
    expect(rulesOf(ctx({ operation: 'CreateUser', actor: 'OrgAdmin' }), { userName: 'N', permissions: { roles: [90] } })).toEqual(['R-EFF-2']);
    expect(rulesOf(ctx({ operation: 'UpdateUser', actor: 'Admin', params: { id: 22 } }), { tenantId: 57 })).toEqual(['R-EFF-2']);
    expect(accepts(ctx({ operation: 'UpdateUser', actor: 'Admin', params: { id: 22 } }), { tenantId: 57, permissions: { roles: [90] } })).toBe(true);
  });

  it('R-SNAP-1: rejects a user name that is taken', () => {
    expect(rulesOf(ctx({ operation: 'CreateUser', actor: 'Admin' }), { userName: 'Bob', tenantId: 56, permissions: { roles: [88] } })).toEqual(['R-SNAP-1']);
  });
});

describe('authorizeBody (R-REQ-6)', () => {
  it('R-REQ-6: returns no step for a body that names nothing to authorize', () => {
    expect(stepsFor(ctx({ operation: 'UpdateUserStatusInfo', actor: 'Admin', params: { id: 22 } }), { status: 0 })).toEqual([]);
    expect(stepsFor(ctx({ operation: 'CreateDataSource', actor: 'Alice' }), { name: 'x' })).toEqual([]);
  });

  it('R-SHR-7: passes when every granted permission is within what the caller may grant', () => {
    const steps = stepsFor(ctx({ operation: 'ShareWithUsers', actor: 'Alice', dataSource: 15, grantable: [2, 3, 4, 5] }), { sharedUsers: [{ userId: 22, permissions: [2, 5] }] });
    expect(steps.map((s) => [s.rule, s.outcome])).toEqual([['R-SHR-7', 'pass']]);
  });

  it('R-SHR-7: fails naming every permission beyond the grant ceiling (R-TRC-4)', () => {
    const steps = stepsFor(ctx({ operation: 'UpdateSharedUser', actor: 'Alice', dataSource: 14, params: { id: 14, uid: 22 }, grantable: [2, 3] }), { permissions: [2, 4, 5] });
    expect(failed(steps)).toHaveLength(1);
    const [fail] = failed(steps);
    expect(fail?.rule).toBe('R-SHR-7');
    expect(fail?.why).toBe('the caller cannot grant `DeleteDataSource (4)`, `UseDataSourceWithJDBC (5)`, which it does not hold on data source `14`');
    expect(fail?.facts).toEqual([
      { _tag: 'Requires', permission: 2, name: 'ViewDataSource', scope: 'dataSource', held: true },
      { _tag: 'Requires', permission: 4, name: 'DeleteDataSource', scope: 'dataSource', held: false },
      { _tag: 'Requires', permission: 5, name: 'UseDataSourceWithJDBC', scope: 'dataSource', held: false },
    ]);
  });

  it('R-SHR-7: a recipient outside the owner tenant needs the actor administrative access on its tenant', () => {
    const direct = stepsFor(ctx({ operation: 'ShareWithUsers', actor: 'Alice', dataSource: 15, grantable: [2] }), { sharedUsers: [{ userId: 23, permissions: [2] }] });
    expect(failed(direct).map((s) => [s.rule, s.why])).toEqual([
      ['R-SHR-7', 'user `Alice` lacks administrative access on tenant `57`'],
      ['R-SHR-7', 'owner `Alice` of tenant `56` does not administer tenant `57`: the share would not be in force'],
    ]);
    const sysAdmin = stepsFor(ctx({ operation: 'ShareWithUsers', actor: 'SysAdmin', dataSource: 40, grantable: [2] }), { sharedUsers: [{ userId: 22, permissions: [2] }] });
    expect(failed(sysAdmin)).toEqual([]);
    expect(sysAdmin.map((s) => s.check)).toEqual(['grant ceiling', "administrative access on recipients' tenants", 'share in force when written (R-SHR-6)']);
  });

  it('R-SHR-7, R-SHR-6: no dormant shares: the owner must administer the recipient tenant, whatever the caller holds', () => {
    // Admin (A12) acting for Alice passes the caller's checks, but Alice's share to Carol (57) would not be in force
    const forAlice = stepsFor(ctx({ operation: 'ShareWithUsers', actor: 'Admin', subject: 'Alice', dataSource: 15, grantable: [2] }), { sharedUsers: [{ userId: 23, permissions: [2] }] });
    expect(failed(forAlice).map((s) => s.why)).toEqual(['owner `Alice` of tenant `56` does not administer tenant `57`: the share would not be in force']);
    // a direct A12 request on Alice's data source: the owner is still Alice
    const direct = stepsFor(ctx({ operation: 'UpdateSharedUser', actor: 'Admin', dataSource: 15, params: { id: 15, uid: 23 }, grantable: [2] }), { permissions: [2] });
    expect(failed(direct).map((s) => s.rule)).toEqual(['R-SHR-7']);
    // SysAdmin owns 40 and administers 56 but not 57
    const sys = stepsFor(ctx({ operation: 'ShareWithUsers', actor: 'Admin', subject: 'SysAdmin', dataSource: 40, grantable: [2] }), { sharedUsers: [{ userId: 23, permissions: [2] }] });
    expect(failed(sys).map((s) => s.facts)).toEqual([[{ _tag: 'TenantAccess', userId: 8, tenantId: 57, held: false }]]);
  });

  it('R-ADM-1: an A12 actor passes the grant ceiling whatever it grants', () => {
    const steps = stepsFor(ctx({ operation: 'ShareWithUsers', actor: 'Admin', subject: 'Alice', dataSource: 15, grantable: [] }), { sharedUsers: [{ userId: 22, permissions: [2, 3, 4] }] });
    expect(steps.map((s) => s.outcome)).toEqual(['pass']);
  });

  it('R-SHR-8: sharing with a tenant passes with administrative access on it', () => {
    const steps = stepsFor(ctx({ operation: 'ShareWithTenants', actor: 'OrgAdmin', subject: 'Alice', dataSource: 15, grantable: [2, 3, 4, 5, 6, 7] }), {
      sharedTenants: [{ tenantId: 56, permissions: [2] }],
    });
    expect(steps.map((s) => [s.rule, s.outcome])).toEqual([
      ['R-SHR-8', 'pass'],
      ['R-SHR-8', 'pass'],
    ]);
  });

  it('R-SHR-8: a standard user cannot share with a tenant (403)', () => {
    const steps = stepsFor(ctx({ operation: 'ShareWithTenants', actor: 'Alice', dataSource: 15, grantable: [2] }), { sharedTenants: [{ tenantId: 56, permissions: [2] }, { tenantId: 57, permissions: [2] }] });
    expect(failed(steps).map((s) => [s.rule, s.why])).toEqual([['R-SHR-8', 'user `Alice` lacks administrative access on tenants `56`, `57`']]);
    expect(failed(steps)[0]?.facts).toEqual([
      { _tag: 'TenantAccess', userId: 21, tenantId: 56, held: false },
      { _tag: 'TenantAccess', userId: 21, tenantId: 57, held: false },
    ]);
  });

  it('R-ADM-2: a new user, role or moved user needs administrative access on its tenant', () => {
    expect(failed(stepsFor(ctx({ operation: 'CreateUser', actor: 'SysAdmin' }), { userName: 'N', tenantId: 57, permissions: { roles: [90] } })).map((s) => s.rule)).toEqual(['R-ADM-2']);
    expect(failed(stepsFor(ctx({ operation: 'CreateUser', actor: 'SysAdmin' }), { userName: 'N', tenantId: 56, permissions: { roles: [88] } }))).toEqual([]);
    // the role's tenant defaults to the caller's: SysAdmin does not administer the system tenant
    expect(failed(stepsFor(ctx({ operation: 'CreateRole', actor: 'SysAdmin' }), { name: 'R', permissions: [2] })).map((s) => s.rule)).toEqual(['R-ADM-2']);
    expect(failed(stepsFor(ctx({ operation: 'UpdateUser', actor: 'SysAdmin', params: { id: 22 } }), { tenantId: 57, permissions: { roles: [90] } })).map((s) => s.rule)).toEqual(['R-ADM-2']);
    expect(failed(stepsFor(ctx({ operation: 'UpdateTenantsAdministered', actor: 'SysAdmin', params: { id: 9 } }), { tenantsAdministered: [56, 57] })).map((s) => s.why)).toEqual([
      'user `SysAdmin` lacks administrative access on tenant `57`',
    ]);
  });

  it('R-ADM-6: passes when the actor holds every tenant or elevated permission it gives', () => {
    const steps = stepsFor(ctx({ operation: 'CreateUser', actor: 'SysAdmin' }), { userName: 'N', tenantId: 56, permissions: { roles: [89] } });
    expect(steps.map((s) => [s.rule, s.outcome])).toEqual([
      ['R-ADM-2', 'pass'],
      ['R-ADM-6', 'pass'],
    ]);
  });

  it('R-ADM-6: fails naming each tenant or elevated permission the actor does not hold', () => {
    const steps = stepsFor(ctx({ operation: 'CreateUser', actor: 'SysAdmin' }), { userName: 'N', tenantId: 56, permissions: { roles: [91], permissions: [12, 23, 5] } });
    expect(failed(steps).map((s) => [s.rule, s.why])).toEqual([
      ['R-ADM-6', 'user `SysAdmin` cannot give user `N` `Administrator (12)`, `CORSwhitelist (23)`, `TenantAPI (25)`, which it does not hold'],
    ]);
    expect(failed(stepsFor(ctx({ operation: 'CreateRole', actor: 'OrgAdmin' }), { name: 'R', permissions: [25] })).map((s) => s.rule)).toEqual(['R-ADM-6']);
    expect(failed(stepsFor(ctx({ operation: 'UpdateRole', actor: 'OrgAdmin', params: { id: 92 } }), { permissions: [2, 21, 29] })).map((s) => s.why)).toEqual([
      'user `OrgAdmin` cannot give role `Spare` `IPWhiteList (29)`, which it does not hold',
    ]);
  });

  it('R-ADM-6: only what the body adds counts; an A12 actor gives anything', () => {
    // Erin already holds 25 through role 91: keeping it is not giving it
    expect(failed(stepsFor(ctx({ operation: 'UpdateUserAdminPermissions', actor: 'SysAdmin', params: { id: 25 } }), { roles: [91, 93], permissions: [5] }))).toEqual([]);
    expect(failed(stepsFor(ctx({ operation: 'UpdateUserAdminPermissions', actor: 'SysAdmin', params: { id: 22 } }), { roles: [91] })).map((s) => s.rule)).toEqual(['R-ADM-6']);
    // adding a user to a role gives it every permission of the role
    expect(failed(stepsFor(ctx({ operation: 'UpdateRole', actor: 'OrgAdmin', params: { id: 91 } }), { users: [25, 22] })).map((s) => s.rule)).toEqual(['R-ADM-6']);
    expect(failed(stepsFor(ctx({ operation: 'CreateUser', actor: 'Admin' }), { userName: 'N', tenantId: 56, permissions: { roles: [91], permissions: [12] } }))).toEqual([]);
  });

  it('R-OAA-1: an OAuth application is created only in a tenant the caller may manage', () => {
    expect(failed(stepsFor(ctx({ operation: 'CreateOAuthApp', actor: 'OrgAdmin' }), { name: 'A' }))).toEqual([]);
    expect(failed(stepsFor(ctx({ operation: 'CreateOAuthApp', actor: 'OrgAdmin' }), { name: 'A', tenantId: 57 })).map((s) => s.rule)).toEqual(['R-OAA-1']);
  });
});

describe('R-OAP-1: OAuth profiles use apps of the subject tenant or the system tenant', () => {
  it('R-OAP-1: accepts an app of the subject tenant and rejects one of another tenant', () => {
    expect(accepts(ctx({ operation: 'CreateOAuthProfile', actor: 'Alice' }), { name: 'p', oauthAppId: 17 })).toBe(true);
    expect(rulesOf(ctx({ operation: 'CreateOAuthProfile', actor: 'Alice' }), { name: 'p', oauthAppId: 18 })).toEqual(['R-OAP-1']);
  });
});

describe('structural messages name what would make the request pass (R-REQ-5)', () => {
  it.each<[string, PayloadContext, unknown, ReadonlyArray<Problem>]>([
    [
      'R-OAP-1 an app does not move away from the owners of its profiles',
      ctx({ operation: 'UpdateOAuthApp', actor: 'Admin', params: { id: 17 } }),
      { tenantId: 57 },
      [{ path: '$.body.tenantId', rule: 'R-OAP-1', message: 'oauth app `17` cannot move to tenant `57`: the owners of profile `3` could not use it there' }],
    ],
    [
      'R-EFF-2 a moved user needs roles of its new tenant',
      ctx({ operation: 'UpdateUser', actor: 'Admin', params: { id: 22 } }),
      { tenantId: 57 },
      [{ path: '$.body.tenantId', rule: 'R-EFF-2', message: 'moving user `Bob` to tenant `57` needs roles of that tenant in `permissions.roles`' }],
    ],
    [
      'R-TRN-6 a tenant with users, or with apps that have profiles, is not deleted',
      ctx({ operation: 'DeleteTenant', actor: 'Admin', params: { id: 56 } }),
      undefined,
      [
        { path: '$.path', rule: 'R-TRN-6', message: 'tenant `56` has users `20`, `21`, `22`, `25` and cannot be deleted' },
        { path: '$.path', rule: 'R-TRN-6', message: 'tenant `56` has oauth app `17` with profiles and cannot be deleted' },
      ],
    ],
    [
      'R-TRN-5 a user does not move away from the apps of its profiles',
      ctx({ operation: 'UpdateUser', actor: 'Admin', params: { id: 21 } }),
      { tenantId: 57, permissions: { roles: [90] } },
      [{ path: '$.body.tenantId', rule: 'R-TRN-5', message: 'user `Alice` owns oauth profile `3` on apps it could not use from tenant `57`' }],
    ],
    [
      'R-ADM-7 the last active Administrator (12) is not deleted',
      ctx({ operation: 'DeleteUser', actor: 'SysAdmin', params: { id: 7 } }),
      undefined,
      [{ path: '$.path', rule: 'R-ADM-7', message: 'the request would leave no active holder of Administrator (12): user `Admin` would lose it' }],
    ],
    [
      'R-ADM-7 an administrator does not give itself a role',
      ctx({ operation: 'UpdateRole', actor: 'OrgAdmin', params: { id: 92 } }),
      { users: [20] },
      [{ path: '$.body.users', rule: 'R-ADM-7', message: 'user `OrgAdmin` cannot assign this role to its own account' }],
    ],
  ])('%s', (_name, c, body, expected) => {
    expect(problemsOf(c, body)).toEqual(expected);
  });
});
