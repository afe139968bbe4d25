import { describe, expect, it } from 'vitest';
import { describeAllMissing, describeMissing, type Missing } from '../../src/rules/missing.js';
import { load } from '../helpers.js';

const s = load({
  tenants: [{ id: 1, name: 'System' }, { id: 56, name: 'OrgA', parentTenant: 1 }, { id: 57, name: 'OrgB', parentTenant: 1 }],
  roles: [{ id: 40, name: 'A', tenantId: 56, permissions: [2] }, { id: 50, name: 'B', tenantId: 57, permissions: [2] }],
  users: [
    { id: 10, userName: 'ann', tenantId: 56, permissions: { roles: [40] } },
    { id: 11, userName: 'bob', tenantId: 57, permissions: { roles: [50] } },
  ],
});

const p = (permission: number): Missing => ({ _tag: 'UserPermission', userId: 10, permission, forDataSource: null });
const acc = (source: 'path' | 'actor' | 'subject' | 'targetUser' | 'targetRole' | 'system', about: number | null): Missing => ({ _tag: 'TenantAccess', userId: 10, tenantId: 57, source, about });

describe('messages rendered from what is missing (R-REQ-4, R-REQ-3)', () => {
  it('R-REQ-4 joins several missing items with commas and a final "and"', () => {
    expect(describeAllMissing(s, [], 'auditor')).toBe('');
    expect(describeAllMissing(s, [p(2)], 'auditor')).toBe('ViewDataSource (2) in its user permissions');
    expect(describeAllMissing(s, [p(2), p(3), p(4)], 'auditor')).toBe(
      'ViewDataSource (2) in its user permissions, ModifyDataSource (3) in its user permissions and DeleteDataSource (4) in its user permissions',
    );
  });

  it('R-REQ-4 offers alternatives with commas and a final "or"', () => {
    const oneOf: Missing = { _tag: 'OneOf', options: [[p(5)], [p(6)], [p(7), p(2)]] };
    expect(describeMissing(s, oneOf, 'auditor')).toBe(
      'one of UseDataSourceWithJDBC (5) in its user permissions, UseDataSourceWithODBC (6) in its user permissions or UseDataSourceWithOData (7) in its user permissions and ViewDataSource (2) in its user permissions',
    );
    expect(describeMissing(s, { _tag: 'OneOf', options: [[p(5)]] }, 'auditor')).toBe('one of UseDataSourceWithJDBC (5) in its user permissions');
  });

  it('R-REQ-3 the auditor sees the tenant id; the client sees it only when it named the tenant or it is its own', () => {
    for (const source of ['path', 'actor', 'subject', 'targetUser', 'targetRole', 'system'] as const) {
      expect(describeMissing(s, acc(source, 11), 'auditor')).toBe('administrative access on tenant 57');
    }
    for (const source of ['path', 'actor', 'system'] as const) expect(describeMissing(s, acc(source, 11), 'client')).toBe('administrative access on tenant 57');
    expect(describeMissing(s, acc('subject', null), 'client')).toBe('administrative access on tenant 57');
    expect(describeMissing(s, acc('targetUser', 11), 'client')).toBe('administrative access on the tenant of user 11');
    expect(describeMissing(s, acc('targetRole', 50), 'client')).toBe('administrative access on the tenant of role 50');
    expect(describeMissing(s, acc('subject', 11), 'client')).toBe('administrative access on the tenant of `bob`');
    expect(describeMissing(s, acc('subject', 99), 'client')).toBe('administrative access on the tenant of user 99');
  });

  it('R-OBO-2 the same-tenant part names both tenants for the auditor and none for the client', () => {
    const same: Missing = { _tag: 'SameTenant', actorId: 10, subjectId: 11 };
    expect(describeMissing(s, same, 'auditor')).toBe("`bob` (tenant 57) to be in the acting user's tenant 56");
    expect(describeMissing(s, same, 'client')).toBe("`bob` to be in the acting user's tenant");
    expect(describeMissing(s, { _tag: 'SameTenant', actorId: 98, subjectId: 99 }, 'auditor')).toBe("user 99 (tenant ?) to be in the acting user's tenant ?");
  });
});
