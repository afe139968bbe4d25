/** what-can (R-AUD-2) on examples/gateway.json: data sources with routes, group members, grants, tenants, acts-for. */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { whatCan, type WhatCanAnswer, type WhatCanError } from '../../src/audit/whatCan.js';
import { example } from '../helpers.js';

const s = example();
const right = (r: E.Either<WhatCanError, WhatCanAnswer>): WhatCanAnswer => {
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};
const OWNER_SET = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21];

describe('what-can (R-AUD-2)', () => {
  it('R-AUD-2 R-SHR-1 R-SHR-2 R-GRP-1: SQLUser reaches 13 by its share [6], group 20 by its share [2,5] (and member 13 through it), 800 by its tenant\'s share', () => {
    const a = right(whatCan(s, 'SQLUser'));
    expect(a.dataSources.map((d) => [d.id, d.route, d.permissions])).toEqual([
      [13, 'userShare', [6]],
      [20, 'userShare', [2, 5]],
      [800, 'tenantShare', [2, 7]],
    ]);
    expect(a.dataSources[1]?.members).toEqual([{ id: 13, route: 'group', groupRoute: 'userShare', permissions: [2, 5] }]);
    expect(a.dataSources[0]?.members).toBeUndefined();
  });

  it('R-AUD-2 R-EFF-1: every user permission with the role or explicit grant behind it', () => {
    const a = right(whatCan(s, 'SQLUser'));
    expect(a.userPermissions.map((p) => p.permission)).toEqual([5, 6, 7, 8, 9, 10, 11]);
    expect(a.userPermissions.every((p) => p.grants.length === 1 && p.grants[0]?._tag === 'Role' && p.grants[0].roleId === 88)).toBe(true);
  });

  it('R-AUD-2 R-DSP-1 R-DSP-2: ODataUser owns 16 (its user permissions [7]) and 18 (override [2,3,4,7,10]) and holds the share of 5441', () => {
    const a = right(whatCan(s, 'ODataUser'));
    expect(a.dataSources.map((d) => [d.id, d.route, d.permissions])).toEqual([
      [16, 'owner', [7]],
      [18, 'override', [2, 3, 4, 7, 10]],
      [800, 'tenantShare', [2, 7]],
      [5441, 'userShare', [2, 3, 5]],
    ]);
    expect(a.actsFor).toEqual([]);
  });

  it('R-AUD-2 R-OBO-2: AdminUser acts for the users of the tenants it administers (56, 57), never for itself', () => {
    const a = right(whatCan(s, 'AdminUser'));
    expect(a.tenantsAdministered).toEqual([56, 57]);
    expect(a.actsFor).toEqual([921, 1297, 1300, 1400]);
    expect(a.actsForEveryone).toBe(false);
    expect(a.dataSources.map((d) => d.id)).toEqual([13, 14, 20, 5441, 5442]);
    expect(a.dataSources.find((d) => d.id === 20)?.members).toEqual([{ id: 13, route: 'group', groupRoute: 'owner', memberRoute: 'owner', permissions: OWNER_SET }]);
  });

  it('R-AUD-2 R-OBO-2: admin2 administers 56 but lacks OnBehalfOf (21): it acts for nobody', () => {
    const a = right(whatCan(s, 'admin2'));
    expect(a.tenantsAdministered).toEqual([56]);
    expect(a.actsFor).toEqual([]);
    expect(a.actsForCount).toBe(0);
  });

  it('R-AUD-2 R-ADM-1 R-USE-1: SysAdmin manages every data source by authority (a flag, not rows) while its data access is its SPEC §3 set: nothing', () => {
    const a = right(whatCan(s, 'SysAdmin'));
    expect(a.managesEveryDataSource).toBe(true);
    expect(a.administersEveryTenant).toBe(true);
    expect(a.dataSources).toEqual([]);
    expect(a.actsForEveryone).toBe(true);
    expect(a.actsFor).toEqual([2, 7, 921, 1297, 1300, 1400]);
    expect(a.actsForCount).toBe(6);
  });

  it('R-AUD-2 R-EFF-3: LockedUser is refused everything: no data source, acts for nobody, its user permissions still shown', () => {
    const a = right(whatCan(s, 'LockedUser'));
    expect(a.inactive).toBe('locked');
    expect(a.dataSources).toEqual([]);
    expect(a.actsFor).toEqual([]);
    expect(a.userPermissions.length).toBe(7);
  });

  it('R-AUD-2: data sources and acts-for come in pages with cursors', () => {
    const first = right(whatCan(s, 'AdminUser', { dataSources: { limit: 2 }, actsFor: { limit: 3 } }));
    expect(first.dataSources.map((d) => d.id)).toEqual([13, 14]);
    expect(first.dataSourcesNext).toBe('14');
    expect(first.dataSourceCount).toBe(5);
    expect(first.actsFor).toEqual([921, 1297, 1300]);
    expect(first.actsForNext).toBe('1300');
    const rest = right(whatCan(s, 'AdminUser', { dataSources: { after: '14', limit: 10 }, actsFor: { after: '1300' } }));
    expect(rest.dataSources.map((d) => d.id)).toEqual([20, 5441, 5442]);
    expect(rest.actsFor).toEqual([1400]);
    expect(rest.actsForNext).toBeNull();
  });

  it('R-AUD-2: an unknown user is refused as a value', () => {
    const r = whatCan(s, 'nobody');
    expect(E.isLeft(r) && r.left.message).toBe('there is no user `nobody`');
  });
});
