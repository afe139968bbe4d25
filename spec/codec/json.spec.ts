import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duplicateKeys, parseJsonText } from '../../src/codec/json.js';
import { parseSnapshot } from '../../src/snapshot/load.js';

describe('parseJsonText (strict JSON from outside)', () => {
  it('reads plain JSON and accepts a UTF-8 byte order mark', () => {
    expect(parseJsonText('{"a":[1,{"b":2}]}')).toEqual(E.right({ a: [1, { b: 2 }] }));
    expect(parseJsonText('\uFEFF{"a":1}')).toEqual(E.right({ a: 1 }));
  });

  it('reports malformed text as one problem at the root, never throwing', () => {
    const r = parseJsonText('{"a":');
    expect(E.isLeft(r) && r.left._tag).toBe('MalformedJson');
    expect(E.isLeft(r) && r.left.problems[0]?.path).toBe('$');
  });

  it('refuses duplicate keys, each with its path', () => {
    const r = parseJsonText('{"users":[{"id":1,"userName":"a"},{"id":2,"id":3,"x":{"k":1,"k":2}}],"users":[]}');
    expect(E.isLeft(r) && r.left._tag).toBe('DuplicateKeys');
    expect(E.isLeft(r) ? r.left.problems.map((p) => p.path) : []).toEqual(['$.users[1].id', '$.users[1].x.k', '$.users']);
  });

  it('is not fooled by braces, commas, quotes or escapes inside strings', () => {
    expect(duplicateKeys('{"a":"{\\"a\\":1,","b":["}",",{"],"c\\"":1,"c":2}')).toEqual([]);
    expect(duplicateKeys('{"\\u0061":1,"a":2}').map((p) => p.path)).toEqual(['$.a']);
  });

  it('finds no duplicates in any JSON.stringify output, and finds an injected one', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (value, key) => {
        const text = JSON.stringify(value);
        if (duplicateKeys(text).length !== 0) return false;
        const doubled = `{${JSON.stringify(key)}:${text},${JSON.stringify(key)}:0}`;
        return duplicateKeys(doubled).length === 1;
      }),
    );
  });

  it('parseSnapshot reports a duplicate key in a snapshot file with its path (R-SNAP-9)', () => {
    const r = parseSnapshot('{"tenants":[],"tenants":[]}');
    expect(E.isLeft(r) ? r.left.problems.map((p) => p.path) : []).toEqual(['$.tenants']);
  });
});
