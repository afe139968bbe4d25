import { describe, expect, it } from 'vitest';
import { effectiveAccess } from '../../src/rules/dataSourcePermissions.js';
import { mayHold, recipientBit } from '../../src/rules/shareFilter.js';
import { dataSource, load, userNamed } from '../helpers.js';

const s = load({
  tenants: [{ id: 1, name: 'System' }, { id: 56, name: 'OrgA', parentTenant: 1 }, { id: 57, name: 'OrgB', parentTenant: 1 }, { id: 89, name: 'Alias', parentTenant: 1 }],
  roles: [{ id: 40, name: 'A', tenantId: 56, permissions: [2, 3] }, { id: 50, name: 'B', tenantId: 57, permissions: [2] }, { id: 60, name: 'C', tenantId: 89, permissions: [2] }],
  users: [
    { id: 10, userName: 'owner', tenantId: 56, permissions: { roles: [40] } },
    { id: 11, userName: 'inside', tenantId: 56, permissions: { roles: [40] } },
    { id: 43, userName: 'alias', tenantId: 56, permissions: { roles: [40] } }, // 43 & 31 = 11: the same bit as user 11
    { id: 12, userName: 'outside', tenantId: 57, permissions: { roles: [50] } },
    { id: 13, userName: 'aliasTenant', tenantId: 89, permissions: { roles: [60] } }, // 89 & 31 = 25: the same bit as tenant 57
  ],
  dataSources: [
    { id: 100, name: 'shared', owner: 10, sharedUsers: [{ userId: 11, permissions: [2] }, { userId: 12, permissions: [2] }] },
    { id: 101, name: 'tenant', owner: 10, sharedTenants: [{ tenantId: 57, permissions: [2] }] },
    { id: 102, name: 'two tenants', owner: 10, sharedTenants: [{ tenantId: 89, permissions: [2, 3] }, { tenantId: 57, permissions: [3] }] },
  ],
});

describe('recipient filters of the share routes (R-SHR-1, R-SHR-2, R-SHR-6)', () => {
  it('R-SHR-1 a recipient bit is `id & 31` of a 32-bit word', () => {
    expect([recipientBit(0), recipientBit(1), recipientBit(31), recipientBit(32), recipientBit(43)]).toEqual([1, 2, 1 << 31, 1, 1 << 11]);
    expect([mayHold(0b1010, 1), mayHold(0b1010, 2), mayHold(0b1010, 3), mayHold(0b1010, 33), mayHold(1 << 31, 63)]).toEqual([true, false, true, true, true]);
  });

  it('R-SHR-6 a user share in force sets its bit; one out of force (another tenant, no administrative access) does not', () => {
    const d = dataSource(s, 100);
    expect(d.userShareFilter).toBe(recipientBit(11));
    expect(d.sharedUsers.get(12)?.inForce).toBe(false);
  });

  it('R-SHR-2 a tenant share sets the bit of its tenant', () => {
    expect(dataSource(s, 101).tenantShareFilter).toBe(recipientBit(57));
    expect(dataSource(s, 100).tenantShareFilter).toBe(0);
  });

  it('R-SHR-1 a set bit only means "look it up": a user on the same bit without a share gets nothing', () => {
    expect(effectiveAccess(userNamed(s, 'inside'), dataSource(s, 100))).toMatchObject({ _tag: 'UserShare', permissions: { ids: [2] } });
    expect(effectiveAccess(userNamed(s, 'alias'), dataSource(s, 100))).toMatchObject({ _tag: 'None' });
    expect(effectiveAccess(userNamed(s, 'outside'), dataSource(s, 101))).toMatchObject({ _tag: 'TenantShare', permissions: { ids: [2] } });
  });

  it('R-SHR-2 the tenant shares are kept again as a list ascending by tenant, which the route scans', () => {
    expect(dataSource(s, 102).tenantShareList.map((t) => t.tenantId)).toEqual([57, 89]);
    expect(dataSource(s, 102).tenantShareList).toEqual([...dataSource(s, 102).sharedTenants.values()]);
    expect(dataSource(s, 100).tenantShareList).toEqual([]);
    expect(effectiveAccess(userNamed(s, 'outside'), dataSource(s, 102))).toMatchObject({ _tag: 'TenantShare', tenantId: 57, permissions: { ids: [3] } });
    expect(effectiveAccess(userNamed(s, 'aliasTenant'), dataSource(s, 102))).toMatchObject({ _tag: 'TenantShare', tenantId: 89, permissions: { ids: [2, 3] } });
  });

  it('R-SHR-2 a tenant on the same bit without a share gets nothing', () => {
    expect(effectiveAccess(userNamed(s, 'aliasTenant'), dataSource(s, 101))).toMatchObject({ _tag: 'None' });
  });
});
