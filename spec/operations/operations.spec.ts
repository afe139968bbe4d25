import { describe, expect, it } from 'vitest';
import { operationNames, operations, type OperationName, type OperationSpec } from '../../src/operations/operations.js';
import { ACC, D, P, administratorOnly, all, any, owner, type Requirement } from '../../src/operations/requirement.js';

const rowsNamed = (name: OperationName): ReadonlyArray<OperationSpec> => operations.filter((spec) => spec.name === name);
const only = (name: OperationName): OperationSpec | undefined => {
  const rows = rowsNamed(name);
  return rows.length === 1 ? rows[0] : undefined;
};

/** Every requirement leaf, flattened. */
const leaves = (r: Requirement): ReadonlyArray<Requirement> => (r._tag === 'All' || r._tag === 'Any' ? r.of.flatMap(leaves) : [r]);

describe('the operation table (SPEC §5)', () => {
  it('has at least one row for every operation name, and no other names', () => {
    expect(operationNames.filter((name) => rowsNamed(name).length === 0)).toEqual([]);
    expect(new Set(operations.map((spec) => spec.name)).size).toBe(operationNames.length);
    expect(operationNames).not.toContain('Unknown');
  });

  it('lists operation names once each', () => {
    expect(new Set(operationNames).size).toBe(operationNames.length);
  });

  it('names a target parameter that the path has, and only integer ones', () => {
    for (const spec of operations) {
      if (spec.target._tag === 'None') continue;
      expect(spec.path).toContain(`{${spec.target.param}}`);
      expect(['schema', 'table']).not.toContain(spec.target.param);
    }
  });

  it('gives a body to no GET or DELETE', () => {
    expect(operations.filter((spec) => (spec.method === 'GET' || spec.method === 'DELETE') && spec.body !== 'none')).toEqual([]);
  });

  it('expands multi-method rows in the order SPEC §5 lists them', () => {
    const order = (names: ReadonlyArray<OperationName>): ReadonlyArray<number> => names.map((n) => operations.findIndex((s) => s.name === n));
    const sorted = (xs: ReadonlyArray<number>): boolean => xs.every((x, i) => i === 0 || (xs[i - 1] ?? -1) < x);
    expect(sorted(order(['ListSharedTenants', 'ShareWithTenants', 'UnshareAllTenants']))).toBe(true);
    expect(sorted(order(['GetSharedTenant', 'UpdateSharedTenant', 'UnshareTenant']))).toBe(true);
    expect(sorted(order(['ListOAuthApps', 'CreateOAuthApp', 'GetOAuthApp', 'UpdateOAuthApp', 'DeleteOAuthApp']))).toBe(true);
    expect(sorted(order(['GetTenant', 'UpdateTenant', 'DeleteTenant']))).toBe(true);
  });
});

describe('requirements as data (R-REQ-4)', () => {
  it('GetDataSource needs P(11) and D(2)', () => {
    expect(only('GetDataSource')?.requirement).toEqual(all(P(11), D(2)));
  });

  it('TestConnection needs P(11), D(2) and one of D(5), D(6), D(7)', () => {
    expect(only('TestConnection')?.requirement).toEqual(all(P(11), D(2), any(D(5), D(6), D(7))));
  });

  it('R-PAY-1 R-OBO-3 UpdateDataSourcePermissions is on-behalf-of only and needs P(3) of the actor (ownership is a payload rule, 400)', () => {
    expect(only('UpdateDataSourcePermissions')).toMatchObject({ obo: 'only', requirement: P(3), body: 'required' });
  });

  it('R-SHR-7 R-SHR-8 R-SHR-9 R-SHR-10 share rows need ownership', () => {
    for (const name of ['ListSharedUsers', 'GetSharedUser', 'ListSharedTenants', 'GetSharedTenant'] as const) {
      expect(only(name)).toMatchObject({ requirement: all(P(11), D(2), owner), rules: ['R-SHR-10'] });
    }
    for (const name of ['ShareWithUsers', 'UpdateSharedUser'] as const) {
      expect(only(name)).toMatchObject({ requirement: all(owner, P(11), D(3)), rules: ['R-SHR-7'] });
    }
    for (const name of ['ShareWithTenants', 'UpdateSharedTenant'] as const) {
      expect(only(name)).toMatchObject({ requirement: all(owner, P(11), D(3)), rules: ['R-SHR-8'] });
    }
    for (const name of ['UnshareAllUsers', 'UnshareUser', 'UnshareAllTenants', 'UnshareTenant'] as const) {
      expect(only(name)).toMatchObject({ requirement: all(owner, P(11), D(4)), rules: ['R-SHR-9'] });
    }
  });

  it('R-GRP-5 member management needs ownership, P(11) and D(3) on the group', () => {
    for (const name of ['AddMembers', 'ReplaceMembers', 'RemoveMember'] as const) {
      expect(only(name)).toMatchObject({ requirement: all(owner, P(11), D(3)), target: { _tag: 'DataSource', param: 'gid' }, rules: ['R-GRP-5'] });
    }
  });

  it('R-ADM-2 admin rows on a user, role or tenant need ACC of the target’s tenant', () => {
    expect(only('GetUser')?.requirement).toEqual(all(P(14), ACC({ _tag: 'TargetUserTenant' })));
    expect(only('UpdateTenantsAdministered')?.requirement).toEqual(all(P(15), ACC({ _tag: 'TargetUserTenant' })));
    expect(only('DeleteRole')?.requirement).toEqual(all(P(20), ACC({ _tag: 'TargetRoleTenant' })));
    expect(only('UpdateTenantAdmins')?.requirement).toEqual(all(P(25), ACC({ _tag: 'TargetTenant' })));
    for (const spec of operations) {
      const accs = leaves(spec.requirement).flatMap((leaf) => (leaf._tag === 'TenantAccess' ? [leaf.tenant._tag] : []));
      if (accs.includes('TargetUserTenant')) expect(spec.target._tag).toBe('User');
      if (accs.includes('TargetRoleTenant')) expect(spec.target._tag).toBe('Role');
      if (accs.includes('TargetTenant')) expect(spec.target._tag).toBe('Tenant');
    }
  });

  it('R-ADM-1 SystemAdministration is for Administrator (12) only; CorsWhitelist needs ACC of the system tenant', () => {
    expect(rowsNamed('SystemAdministration').every((spec) => spec.requirement === administratorOnly)).toBe(true);
    expect(rowsNamed('CorsWhitelist').every((spec) => JSON.stringify(spec.requirement) === JSON.stringify(all(P(23), ACC({ _tag: 'SystemTenant' }))))).toBe(true);
  });

  it('R-OBO-1 /admin operations refuse ?user=, except UserIpWhitelist; /mgmt operations accept it', () => {
    for (const spec of operations) {
      const expected = spec.name === 'UpdateDataSourcePermissions' ? 'only' : spec.path.startsWith('/mgmt/') ? 'yes' : 'no';
      expect(`${spec.name}: ${spec.obo}`).toBe(`${spec.name}: ${expected}`);
    }
  });

  it('R-DSP-4 every /mgmt requirement includes MgmtAPI (11), except the on-behalf-of-only permissions write', () => {
    for (const spec of operations.filter((s) => s.path.startsWith('/mgmt/') && s.obo !== 'only')) {
      expect(leaves(spec.requirement)).toContainEqual(P(11));
    }
  });

  it('D(n) appears only in rows about a data source', () => {
    for (const spec of operations) {
      if (leaves(spec.requirement).some((leaf) => leaf._tag === 'DataSourcePermission' || leaf._tag === 'Owner')) {
        expect(spec.target._tag).toBe('DataSource');
      }
    }
  });
});
