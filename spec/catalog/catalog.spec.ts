import { describe, expect, it } from 'vitest';
import {
  builtInCatalog,
  builtInPermissions,
  catalogOf,
  dataSourceSettable,
  describePermission,
  extendCatalog,
  isTenantOrElevated,
  Permission,
  permissionName,
  predefinedRoles,
  shareSettable,
  SYSTEM_TENANT,
} from '../../src/catalog/catalog.js';
import { fromIds, has } from '../../src/catalog/permissionSet.js';

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('catalog', () => {
  it('ships the 29 built-in permissions of SPEC §1, ascending, named as in the Permission table', () => {
    expect(builtInCatalog.ids).toEqual(range(1, 29));
    expect(builtInPermissions.map((p) => p.id)).toEqual(range(1, 29));
    for (const [name, id] of Object.entries(Permission)) expect(builtInCatalog.byId.get(id)?.name).toBe(name);
  });

  it('R-CAT-1 data-source-settable permissions are exactly {2, 3, 4, 5, 6, 7, 10}', () => {
    expect(dataSourceSettable.ids).toEqual([2, 3, 4, 5, 6, 7, 10]);
    for (const id of range(0, 40)) expect(has(dataSourceSettable, id)).toBe([2, 3, 4, 5, 6, 7, 10].includes(id));
  });

  it('R-SHR-5 share-settable permissions are R-CAT-1 without SQLEditor (10)', () => {
    expect(shareSettable.ids).toEqual([2, 3, 4, 5, 6, 7]);
    expect(has(shareSettable, Permission.SQLEditor)).toBe(false);
  });

  it('R-CAT-1 the data-source category of the table is the data-source-settable set', () => {
    const dataSourceCategory = builtInPermissions.filter((p) => p.categories.includes('data-source')).map((p) => p.id);
    expect(dataSourceCategory).toEqual(dataSourceSettable.ids);
  });

  it('R-CAT-2 predefined roles: 1 every catalog permission, 2 holds 1–11, 3 holds 1–11 and 13–21', () => {
    const extended = extendCatalog(builtInCatalog, [{ id: 30, name: 'Custom30', description: '', categories: ['elevated'] }]);
    expect(predefinedRoles.map((r) => [r.id, r.name])).toEqual([
      [1, 'System Administrator'],
      [2, 'User'],
      [3, 'Tenant Administrator'],
    ]);
    expect(predefinedRoles[0]?.permissions(builtInCatalog).ids).toEqual(range(1, 29));
    expect(predefinedRoles[0]?.permissions(extended).ids).toEqual(range(1, 30));
    expect(predefinedRoles[1]?.permissions(extended)).toEqual(fromIds(range(1, 11)));
    expect(predefinedRoles[2]?.permissions(extended)).toEqual(fromIds([...range(1, 11), ...range(13, 21)]));
    expect(SYSTEM_TENANT).toBe(1);
  });

  it('extends the catalog with new ids and renames built-in ones, later entries winning', () => {
    const c = extendCatalog(builtInCatalog, [
      { id: 22, name: 'Renamed', description: 'x', categories: ['elevated'] },
      { id: 31, name: 'Custom31', description: '', categories: ['tenant'] },
    ]);
    expect(c.ids).toEqual([...range(1, 29), 31]);
    expect(permissionName(c, 22)).toBe('Renamed');
    expect(permissionName(builtInCatalog, 22)).toBe('Elevated22');
    expect([...c.byId.keys()]).toEqual(c.ids);
    expect(catalogOf([]).ids).toEqual([]);
  });

  it('names permissions for messages, with a fallback for unknown ids', () => {
    expect(describePermission(builtInCatalog, 2)).toBe('ViewDataSource (2)');
    expect(permissionName(builtInCatalog, 99)).toBe('Permission99');
  });

  it('classifies tenant and elevated permissions (R-ADM-6)', () => {
    expect(isTenantOrElevated(builtInCatalog, 13)).toBe(true);
    expect(isTenantOrElevated(builtInCatalog, 12)).toBe(true);
    expect(isTenantOrElevated(builtInCatalog, 2)).toBe(false);
    expect(isTenantOrElevated(builtInCatalog, 99)).toBe(true);
  });
});
