import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BodyCodec } from '../../src/codec/payloads.js';
import { problemsFromErrors } from '../../src/codec/problem.js';
import { operations, type OperationName } from '../../src/operations/operations.js';

/** The body codec that the operation table names for an operation (its `payload` column). */
const bodyCodecFor = (operation: string): BodyCodec | undefined => operations.find((row) => row.name === operation && row.payload !== undefined)?.payload;
const readers: ReadonlyArray<OperationName> = [...new Set(operations.filter((row) => row.payload !== undefined).map((row) => row.name))];

const decode = (operation: string, body: unknown) => {
  const codec = bodyCodecFor(operation);
  if (codec === undefined) return E.left([{ path: '$', message: `no codec for ${operation}` }]);
  const r = codec.decode(body);
  return E.isLeft(r) ? E.left(problemsFromErrors(r.left, '$.body')) : E.right(r.right);
};

describe('request body codecs (R-REQ-5)', () => {
  it('R-REQ-5 names a body codec on exactly the rows whose body is required', () => {
    expect(operations.filter((row) => (row.body === 'required') !== (row.payload !== undefined)).map((row) => `${row.method} ${row.path}`)).toEqual([]);
    expect(readers).toHaveLength(26);
  });

  it('R-REQ-5 gives every row of one operation the same codec', () => {
    for (const name of readers) expect(new Set(operations.filter((row) => row.name === name).map((row) => row.payload)).size).toBe(1);
  });

  it('answer undefined for operations that take no body', () => {
    expect(bodyCodecFor('GetDataSource')).toBeUndefined();
    expect(bodyCodecFor('DeleteRole')).toBeUndefined();
    expect(bodyCodecFor('NoSuchOperation')).toBeUndefined();
  });

  it('tag each decoded body with its kind and drop unknown extra fields', () => {
    expect(decode('ShareWithUsers', { sharedUsers: [{ userId: 3, permissions: [2], note: 'x' }], extra: true })).toEqual(
      E.right({ _tag: 'UserShares', sharedUsers: [{ userId: 3, permissions: [2] }] }),
    );
    expect(decode('CreateDataSource', { name: 'Oracle', dataStore: 54, options: {} })).toEqual(E.right({ _tag: 'DataSourceCreate', name: 'Oracle' }));
    expect(decode('UpdateUserPasswordInfo', { password: 'secret' })).toEqual(E.right({ _tag: 'UserPasswordInfo' }));
  });

  it('keep permissions absent and [] apart in a data source body (R-DSP-1)', () => {
    expect(decode('UpdateDataSource', {})).toEqual(E.right({ _tag: 'DataSourceUpdate' }));
    expect(decode('UpdateDataSource', { permissions: [] })).toEqual(E.right({ _tag: 'DataSourceUpdate', permissions: [] }));
  });

  it('report wrong types and missing fields with paths under $.body', () => {
    expect(decode('ShareWithUsers', { sharedUsers: [{ userId: 'x', permissions: [1.5] }] })).toEqual(
      E.left([
        { path: '$.body.sharedUsers[0].userId', message: 'expected an integer id, got `"x"`' },
        { path: '$.body.sharedUsers[0].permissions[0]', message: 'expected a permission id (an integer from 0 to 1023), got `1.5`' },
      ]),
    );
    const missing = decode('CreateUser', { userName: 'u', permissions: {} });
    expect(E.isLeft(missing) && missing.left.map((p) => p.path)).toEqual(['$.body.permissions.roles']);
  });

  it('reject junk bodies without throwing (R-REQ-5)', () => {
    for (const junk of ['junk', 42, null, undefined, [], [1, 2], true, { sharedUsers: 'x' }]) {
      const r = decode('ShareWithUsers', junk);
      expect(E.isLeft(r)).toBe(true);
      if (E.isLeft(r)) for (const p of r.left) expect(p.path.startsWith('$.body')).toBe(true);
    }
  });

  it('never throws on arbitrary JSON for any operation, and every problem path starts with $.body', () => {
    const ops = readers;
    fc.assert(
      fc.property(fc.constantFrom(...ops), fc.jsonValue(), (op, body) => {
        const r = decode(op, body);
        return E.isRight(r) || r.left.every((p) => p.path.startsWith('$.body'));
      }),
      { numRuns: 300 },
    );
  });

  it('R-TRN-6: a tenant create decodes `admins` and `importedRoles` as id lists', () => {
    expect(decode('CreateTenant', { name: 'x', admins: [7], importedRoles: [3, 93] })).toEqual(E.right({ _tag: 'TenantCreate', name: 'x', admins: [7], importedRoles: [3, 93] }));
    expect(E.isLeft(decode('CreateTenant', { name: 'x', admins: ['7'] }))).toBe(true);
    expect(E.isLeft(decode('CreateTenant', { name: 'x', importedRoles: 3 }))).toBe(true);
  });

  it('does not let __proto__ reach an object prototype', () => {
    const body: unknown = JSON.parse('{"__proto__": {"polluted": true}, "name": "x"}');
    const r = decode('CreateTenant', body);
    expect(r).toEqual(E.right({ _tag: 'TenantCreate', name: 'x' }));
    expect('polluted' in {}).toBe(false);
  });
});
