import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { operations, stringPathParams, type OperationSpec } from '../../src/operations/operations.js';
import { parseUrl, route, type RouteError, type RoutedOperation } from '../../src/operations/router.js';

const noQuery: Readonly<Record<string, string>> = {};

/** A concrete path for a row: ids 100, 101, … in order; `{schema}` → `HR`, `{table}` → `EMP`; `**` → nothing. */
const concrete = (spec: OperationSpec): { readonly path: string; readonly params: Readonly<Record<string, number | string>> } => {
  const params: Record<string, number | string> = {};
  let next = 100;
  const segments = spec.path
    .split('/')
    .filter((segment) => segment !== '**')
    .map((segment) => {
      const name = segment.startsWith('{') && segment.endsWith('}') ? segment.slice(1, -1) : undefined;
      if (name === undefined) return segment;
      const value = name === 'schema' ? 'HR' : name === 'table' ? 'EMP' : next++;
      params[name] = value;
      return String(value);
    });
  return { path: segments.join('/'), params };
};

const routed = (method: string, path: string, query = noQuery): RoutedOperation | RouteError =>
  E.match<RouteError, RoutedOperation, RoutedOperation | RouteError>(
    (error) => error,
    (ok) => ok,
  )(route({ method, path, query }));

const nameOf = (result: RoutedOperation | RouteError): string => ('spec' in result ? result.spec.name : result._tag);

describe('route: every operation is reachable (R-REQ-1)', () => {
  it.each(operations.map((spec) => [`${spec.method} ${spec.path} → ${spec.name}`, spec] as const))('R-REQ-1 %s', (_, spec) => {
    const { path, params } = concrete(spec);
    const result = route({ method: spec.method, path: `/api${path}`, query: noQuery });
    expect(result).toEqual(E.right({ spec, params, onBehalfOf: undefined }));
    if (E.isRight(result)) expect(result.right.spec).toBe(spec);
  });

  it.each(operations.filter((spec) => spec.path.endsWith('/**')).map((spec) => [`${spec.method} ${spec.path}`, spec] as const))(
    'R-REQ-1 a prefix operation also takes any deeper path: %s',
    (_, spec) => {
      const { path } = concrete(spec);
      expect(nameOf(routed(spec.method, `/api${path}/7/deeper/still`))).toBe(spec.name);
    },
  );
});

describe('route: the shape of paths (R-REQ-1)', () => {
  it('R-REQ-1 accepts a path without the /api prefix', () => {
    expect(nameOf(routed('GET', '/mgmt/datasources/16'))).toBe('GetDataSource');
  });

  it('R-REQ-1 reads a path without its leading slash as if it had one', () => {
    expect(nameOf(routed('GET', 'api/mgmt/datasources'))).toBe('ListDataSources');
    expect(nameOf(routed('GET', 'mgmt/datasources/7'))).toBe('GetDataSource');
  });

  it('R-REQ-1 strips only a first segment that is exactly `api`', () => {
    expect(nameOf(routed('GET', '/xyz/mgmt/datasources'))).toBe('UnknownRoute');
    expect(nameOf(routed('GET', '/apix/mgmt/datasources'))).toBe('UnknownRoute');
    expect(nameOf(routed('GET', '/ap/mgmt/datasources'))).toBe('UnknownRoute');
    expect(nameOf(routed('GET', '/mgmt/api/datasources'))).toBe('UnknownRoute');
  });

  it('R-REQ-1 tolerates a trailing slash', () => {
    expect(nameOf(routed('GET', '/api/mgmt/datasources/16/'))).toBe('GetDataSource');
    expect(nameOf(routed('GET', '/api/mgmt/datasources/'))).toBe('ListDataSources');
  });

  it('R-REQ-1 reads the method case-insensitively', () => {
    expect(nameOf(routed('put', '/api/mgmt/datasources/16/permissions'))).toBe('UpdateDataSourcePermissions');
    expect(nameOf(routed('Delete', '/api/mgmt/datasources/16'))).toBe('DeleteDataSource');
  });

  it('R-REQ-1 keeps a name with a malformed escape as written', () => {
    expect(routed('GET', '/api/mgmt/datasources/1/schemas/%E0%A4%A/tables')).toMatchObject({ spec: { name: 'ListTables' }, params: { id: 1, schema: '%E0%A4%A' } });
  });

  it('R-REQ-1 parses integer ids as numbers and names as decoded strings', () => {
    const result = routed('GET', '/api/mgmt/datasources/16/schemas/HR%20Data/tables/My%2FTable/columns');
    expect('spec' in result && result.params).toEqual({ id: 16, schema: 'HR Data', table: 'My/Table' });
  });

  it('R-REQ-1 routes ListTables for a named schema, for `-` as schema, and for data stores without schemas', () => {
    expect(routed('GET', '/api/mgmt/datasources/5/schemas/PUBLIC/tables')).toMatchObject({ spec: { name: 'ListTables' }, params: { id: 5, schema: 'PUBLIC' } });
    expect(routed('GET', '/api/mgmt/datasources/5/schemas/-/tables')).toMatchObject({ spec: { name: 'ListTables' }, params: { id: 5, schema: '-' } });
    expect(routed('GET', '/api/mgmt/datasources/5/-/tables')).toMatchObject({ spec: { name: 'ListTables' }, params: { id: 5 } });
    expect(routed('GET', '/api/mgmt/datasources/5/-/tables/EMP/primarykeys')).toMatchObject({ spec: { name: 'ListPrimaryKeys' }, params: { id: 5, table: 'EMP' } });
  });

  it('R-REQ-1 routes both catalog paths to ListCatalog', () => {
    expect(nameOf(routed('GET', '/api/admin/permissions'))).toBe('ListCatalog');
    expect(routed('GET', '/api/admin/permissions/12')).toMatchObject({ spec: { name: 'ListCatalog' }, params: { id: 12 } });
  });

  it('R-REQ-1 routes the limits sub-paths to Limits with the target their tenant check needs', () => {
    expect(routed('GET', '/api/admin/limits')).toMatchObject({ spec: { name: 'Limits', target: { _tag: 'None' } }, params: {} });
    expect(routed('POST', '/api/admin/limits/system/1')).toMatchObject({ spec: { name: 'Limits', target: { _tag: 'None' } } });
    expect(routed('GET', '/api/admin/limits/tenants')).toMatchObject({ spec: { name: 'Limits', target: { _tag: 'None' } } });
    expect(routed('PUT', '/api/admin/limits/tenants/32/1')).toMatchObject({ spec: { name: 'Limits', target: { _tag: 'Tenant', param: 'id' } }, params: { id: 32 } });
    expect(routed('DELETE', '/api/admin/limits/users/203/datasources/16/1')).toMatchObject({ spec: { name: 'Limits', target: { _tag: 'User', param: 'id' } }, params: { id: 203 } });
  });

  it('R-REQ-1 routes the system administration prefixes to SystemAdministration for every method', () => {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
      expect(nameOf(routed(method, '/api/admin/security/whitelist/system'))).toBe('SystemAdministration');
      expect(nameOf(routed(method, '/api/admin/system/nodes/3/status'))).toBe('SystemAdministration');
      expect(nameOf(routed(method, '/api/admin/configurations/7'))).toBe('SystemAdministration');
    }
  });

  it('R-REQ-1 distinguishes the two PUT …/permissions endpoints', () => {
    expect(nameOf(routed('PUT', '/api/mgmt/datasources/16/permissions'))).toBe('UpdateDataSourcePermissions');
    expect(nameOf(routed('PUT', '/api/admin/users/16/permissions'))).toBe('UpdateUserAdminPermissions');
    expect(nameOf(routed('GET', '/api/mgmt/permissions'))).toBe('GetUserPermissions');
  });
});

describe('route: unknown routes are 404 (R-REQ-1)', () => {
  it.each([
    ['GET', '/api/mgmt/nothing'],
    ['GET', '/api'],
    ['GET', '/'],
    ['GET', ''],
    ['PATCH', '/api/mgmt/datasources/16'],
    ['HEAD', '/api/mgmt/datasources'],
    ['POST', '/api/mgmt/datasources/16'],
    ['GET', '/api/mgmt/datasources/16/unknown'],
    ['GET', '/api/mgmt//datasources'],
    ['GET', '/api/mgmt/datasources//permissions'],
    ['GET', '/api/MGMT/datasources'],
    ['GET', '/api/admin/system/other'],
    ['GET', '/api/admin/security/whitelist/tenants'],
    ['DELETE', '/api/mgmt/permissions'],
    ['GET', '/api/api/mgmt/datasources'],
  ])('R-REQ-1 %s %s is UnknownRoute', (method, path) => {
    expect(route({ method, path, query: noQuery })).toEqual(E.left({ _tag: 'UnknownRoute', method: method.toUpperCase(), path }));
  });
});

describe('route: non-integer path ids are 400 (R-REQ-1)', () => {
  it.each([
    ['GET', '/api/mgmt/datasources/abc', 'id', 'abc', 'GetDataSource'],
    ['GET', '/api/mgmt/datasources/1.5/permissions', 'id', '1.5', 'GetDataSourcePermissions'],
    ['DELETE', '/api/mgmt/datasources/16/sharedUsers/bob', 'uid', 'bob', 'UnshareUser'],
    ['DELETE', '/api/mgmt/datasources/x/members/y', 'gid', 'x', 'RemoveMember'],
    ['GET', '/api/admin/users/99999999999999999999', 'id', '99999999999999999999', 'GetUser'],
    ['GET', '/api/admin/limits/tenants/OrgA/1', 'id', 'OrgA', 'Limits'],
    ['PUT', '/api/admin/security/whitelist/tenants/%31', 'id', '%31', 'TenantIpWhitelist'],
    ['GET', '/api/mgmt/datasources/-', 'id', '-', 'GetDataSource'],
    ['GET', '/api/mgmt/datasources/1-', 'id', '1-', 'GetDataSource'],
    ['GET', '/api/mgmt/datasources/9a', 'id', '9a', 'GetDataSource'],
    ['GET', '/api/mgmt/datasources/:', 'id', ':', 'GetDataSource'],
    ['GET', '/api/mgmt/datasources/12345678901234567', 'id', '12345678901234567', 'GetDataSource'],
  ])('R-REQ-1 %s %s is BadPathId', (method, path, param, value, operation) => {
    expect(route({ method, path, query: noQuery })).toEqual(E.left({ _tag: 'BadPathId', param, value, operation }));
  });

  it('R-REQ-1 accepts up to 16 digits, and leading zeros', () => {
    expect(routed('GET', '/api/mgmt/datasources/1234567890123456')).toMatchObject({ params: { id: 1234567890123456 } });
    expect(routed('GET', '/api/mgmt/datasources/007')).toMatchObject({ params: { id: 7 } });
    expect(routed('GET', '/api/mgmt/datasources/-0')).toMatchObject({ params: { id: -0 } });
  });

  it('R-REQ-1 accepts a negative integer as an id (it is an integer; existence is not the router’s question)', () => {
    expect(routed('GET', '/api/mgmt/datasources/-3')).toMatchObject({ spec: { name: 'GetDataSource' }, params: { id: -3 } });
  });
});

describe('route: on-behalf-of is exposed, not judged (R-OBO-1)', () => {
  it('R-OBO-1 exposes ?user= as onBehalfOf', () => {
    expect(routed('GET', '/api/mgmt/datasources/16/permissions', { user: 'ODataUser' })).toMatchObject({ onBehalfOf: 'ODataUser' });
  });

  it('R-OBO-1 routes an operation that refuses ?user= all the same', () => {
    expect(routed('GET', '/api/admin/users', { user: 'x' })).toMatchObject({ spec: { name: 'ListUsers', obo: 'no' }, onBehalfOf: 'x' });
  });

  it('R-OBO-1 keeps an empty ?user= as the empty string', () => {
    expect(routed('GET', '/api/mgmt/user', { user: '' })).toMatchObject({ onBehalfOf: '' });
  });

  it('R-OBO-1 honours a query written into the path, the explicit query winning', () => {
    expect(routed('GET', '/api/mgmt/datasources/16/permissions?user=A')).toMatchObject({ spec: { name: 'GetDataSourcePermissions' }, onBehalfOf: 'A' });
    expect(routed('GET', '/api/mgmt/datasources/16/permissions?user=A', { user: 'B' })).toMatchObject({ onBehalfOf: 'B' });
  });
});

describe('parseUrl (R-REQ-1)', () => {
  it('R-REQ-1 splits a relative URL and decodes its query', () => {
    expect(parseUrl('/api/mgmt/datasources/16/permissions?user=ODataUser')).toEqual({
      path: '/api/mgmt/datasources/16/permissions',
      query: { user: 'ODataUser' },
    });
  });

  it('R-REQ-1 splits an absolute URL', () => {
    expect(parseUrl('https://hdp.example.com:8443/api/mgmt/datasources?user=a%40b.com&x=1+2#frag')).toEqual({
      path: '/api/mgmt/datasources',
      query: { user: 'a@b.com', x: '1 2' },
    });
    expect(parseUrl('http://host')).toEqual({ path: '/', query: {} });
  });

  it('R-REQ-1 keeps the first value of a repeated parameter and names the repeated keys (R-OBO-1)', () => {
    expect(parseUrl('/api/mgmt/user?user=a&user=b&x=1&x=2&x=3')).toEqual({ path: '/api/mgmt/user', query: { user: 'a', x: '1' }, repeated: ['user', 'x'] });
    expect(parseUrl('/api/mgmt/user?user=a&x=1').repeated).toBeUndefined();
  });

  it('R-REQ-1 gives an empty query for a URL without one, and for an empty one', () => {
    expect(parseUrl('/api/mgmt/datasources')).toEqual({ path: '/api/mgmt/datasources', query: {} });
    expect(parseUrl('/api/mgmt/datasources?')).toEqual({ path: '/api/mgmt/datasources', query: {} });
    expect(parseUrl('/api/mgmt/datasources?&&')).toEqual({ path: '/api/mgmt/datasources', query: {} });
  });

  it('R-REQ-1 reads a parameter without `=` as the empty string, and keeps `=` inside a value', () => {
    expect(parseUrl('/x?user&a=b=c').query).toEqual({ user: '', a: 'b=c' });
  });

  it('R-REQ-1 never lets a __proto__ parameter reach the prototype', () => {
    const { query } = parseUrl('/api/mgmt/user?__proto__=x');
    expect(Object.hasOwn(query, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(query)).toBe(Object.prototype);
  });

  it('R-REQ-1 round-trips through route', () => {
    const { path, query } = parseUrl('https://host/api/mgmt/datasources/16/permissions?user=ODataUser');
    expect(routed('PUT', path, query)).toMatchObject({ spec: { name: 'UpdateDataSourcePermissions' }, params: { id: 16 }, onBehalfOf: 'ODataUser' });
  });
});

describe('the table routes unambiguously (R-REQ-1)', () => {
  const shape = (spec: OperationSpec): string => `${spec.method} ${spec.path.replace(/\{[^}]+\}/g, '{}')}`;

  it('R-REQ-1 has exactly one row per (method, path) pair, even up to parameter names', () => {
    const shapes = operations.map(shape);
    const duplicates = shapes.filter((s, i) => shapes.indexOf(s) !== i);
    expect(duplicates).toEqual([]);
  });

  it('R-REQ-1 uses `**` only as the last segment and names only string params {schema} and {table}', () => {
    for (const spec of operations) {
      const segments = spec.path.split('/');
      expect(segments[0]).toBe('');
      segments.forEach((segment, i) => {
        if (segment === '**') expect(i).toBe(segments.length - 1);
        expect(segment === '' && i > 0).toBe(false);
      });
    }
    expect([...stringPathParams].sort()).toEqual(['schema', 'table']);
  });
});

describe('a repeated `?user=` (R-OBO-1)', () => {
  it('R-OBO-1 route refuses `user` given twice in the path\'s query, with the same or another value, once the route is known', () => {
    expect(routed('GET', '/api/mgmt/datasources?user=a&user=b')).toEqual({ _tag: 'RepeatedParameter', param: 'user', operation: 'ListDataSources' });
    expect(routed('GET', '/api/mgmt/datasources?user=a&user=a')).toEqual({ _tag: 'RepeatedParameter', param: 'user', operation: 'ListDataSources' });
    // an unknown route and a bad id are still what they were (R-REQ-1 first)
    expect(routed('GET', '/api/nowhere?user=a&user=b')).toMatchObject({ _tag: 'UnknownRoute' });
    expect(routed('GET', '/api/mgmt/datasources/x?user=a&user=b')).toMatchObject({ _tag: 'BadPathId' });
  });

  it('R-OBO-1 route refuses `user` that the caller\'s own URL parsing found repeated, and ignores other repeated keys', () => {
    const { path, query, repeated } = parseUrl('https://host/api/mgmt/datasources/16/permissions?user=A&user=B');
    expect(route({ method: 'GET', path, query, repeated })).toEqual(E.left({ _tag: 'RepeatedParameter', param: 'user', operation: 'GetDataSourcePermissions' }));
    const other = parseUrl('/api/mgmt/datasources/16/permissions?user=A&x=1&x=2');
    expect(route({ method: 'GET', path: other.path, query: other.query, repeated: other.repeated })).toMatchObject(E.right({ onBehalfOf: 'A' }));
  });

  it('R-OBO-1 a query string names `user` more than once exactly when route answers RepeatedParameter', () => {
    const chars = fc.constantFrom('a', 'u', 's', 'e', 'r', '=', '&', '%', '2', '0');
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 24 }), (search) => {
        const users = [...new URLSearchParams(search).keys()].filter((k) => k === 'user').length;
        const result = routed('GET', `/api/mgmt/user?${search}`);
        expect('_tag' in result && result._tag === 'RepeatedParameter').toBe(users > 1);
      }),
    );
  });
});

describe('query parsing agrees with URLSearchParams', () => {
  it('R-OBO-1 every query string gives the pairs URLSearchParams gives, the first value of a repeated key winning', () => {
    const chars = fc.constantFrom('a', 'b', 'u', 's', 'e', 'r', '=', '&', '%', '+', '2', '0', 'x');
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 24 }), (search) => {
        const expected: Record<string, string> = {};
        for (const [k, v] of new URLSearchParams(search)) if (!Object.hasOwn(expected, k)) expected[k] = v;
        expect({ ...parseUrl(`/api/mgmt/user?${search}`).query }).toEqual(expected);
      }),
    );
  });
});
