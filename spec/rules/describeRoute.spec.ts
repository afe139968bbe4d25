import { describe, expect, it } from 'vitest';
import { fromIds } from '../../src/catalog/permissionSet.js';
import { describeRoute } from '../../src/rules/explainAccess.js';
import type { EffectiveAccess } from '../../src/rules/access.js';

const set = fromIds([2, 5]);
const owner: EffectiveAccess = { _tag: 'Owner', dataSourceId: 14, permissions: set };

describe('describeRoute: one phrase per route of SPEC §3', () => {
  it.each<[string, EffectiveAccess, string]>([
    ['R-DSP-1', { _tag: 'Override', dataSourceId: 14, permissions: set }, 'the data-source permissions of data source 14 are [2,5]'],
    ['R-DSP-2', owner, "the owner's user permissions on data source 14 are [2,5]"],
    ['R-SHR-1', { _tag: 'UserShare', dataSourceId: 14, userId: 7, permissions: set, inForce: true }, 'the share of data source 14 with user 7 is [2,5]'],
    ['R-SHR-2', { _tag: 'TenantShare', dataSourceId: 14, tenantId: 56, permissions: set }, 'the share of data source 14 with tenant 56 is [2,5]'],
    ['R-GRP-1', { _tag: 'Group', groupId: 30, memberId: 14, viaGroup: { _tag: 'Override', dataSourceId: 30, permissions: set }, member: null, permissions: set }, 'the set on group 30 is [2,5]'],
    ['R-GRP-1', { _tag: 'Group', groupId: 30, memberId: 14, viaGroup: { _tag: 'Owner', dataSourceId: 30, permissions: set }, member: owner, permissions: set }, "through group 30, the owner's user permissions on data source 14 are [2,5]"],
    ['R-GRP-1', { _tag: 'NotMember', groupId: 30, memberId: 14, permissions: fromIds([]) }, 'group 30 does not contain data source 14'],
    ['R-EFF-3', { _tag: 'Inactive', permissions: fromIds([]) }, 'the subject is inactive or locked: it has no permissions'],
    ['R-DSP-3', { _tag: 'None', permissions: fromIds([]) }, 'no route: no permissions'],
  ])('%s %j', (_rule, access, phrase) => {
    expect(describeRoute(access)).toBe(phrase);
  });
});
