import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/codec/problem.js';
import { renderProblems } from '../../src/codec/problem.js';
import { userByName, type Snapshot } from '../../src/model/snapshot.js';
import { encodeSnapshot, loadSnapshot, parseSnapshot } from '../../src/snapshot/load.js';

/** The example snapshot of SPEC §2, fresh on every call. */
const specExample = () => ({
  permissions: [{ id: 30, name: 'Custom30', category: 'elevated' }],
  tenants: [
    { id: 1, name: 'System' },
    { id: 56, name: 'OrgA', parentTenant: 1, status: 1 },
    { id: 57, name: 'OrgB', parentTenant: 1 },
  ],
  roles: [{ id: 88, name: 'QueryBasedRole', tenantId: 56, permissions: [5, 6, 7, 8, 9, 10, 11] }],
  users: [
    { id: 7, userName: 'Admin', tenantId: 1, permissions: { roles: [1] }, tenantsAdministered: [56, 57] },
    {
      id: 1297,
      userName: 'SQLUser',
      tenantId: 56,
      statusInfo: { status: 1, accountLocked: false },
      permissions: { roles: [88], permissions: [] },
      tenantsAdministered: [],
    },
  ],
  dataSources: [
    {
      id: 13,
      name: 'Oracle_Test',
      owner: 7,
      isGroup: false,
      permissions: [2, 7],
      sharedUsers: [{ userId: 1297, permissions: [6] }],
      sharedTenants: [{ tenantId: 57, permissions: [7] }],
    },
    { id: 20, name: 'Sales', owner: 7, isGroup: true, members: [{ id: 13, entityPrefix: 'ora' }] },
  ],
  oauthApps: [{ id: 17, name: 'GA', tenantId: 56, dataStore: 54 }],
  oauthProfiles: [{ id: 3, name: 'OAuth_User_1', oauthAppId: 17, owner: 1297 }],
});

const problemsOf = (json: unknown): ReadonlyArray<Problem> => {
  const r = loadSnapshot(json);
  return E.isLeft(r) ? r.left.problems : [];
};

const loaded = (json: unknown): Snapshot => {
  const r = loadSnapshot(json);
  if (E.isLeft(r)) throw new Error(`expected the snapshot to load:\n${renderProblems(r.left.problems)}`);
  return r.right;
};

/** The snapshot with every list reversed and every permission id list duplicated (L-ORDER). */
const shuffled = (json: ReturnType<typeof specExample>) => ({
  oauthProfiles: [...json.oauthProfiles].reverse(),
  oauthApps: [...json.oauthApps].reverse(),
  dataSources: json.dataSources
    .map((d) => ({
      ...d,
      ...(d.permissions === undefined ? {} : { permissions: [...d.permissions, ...d.permissions].reverse() }),
      ...(d.sharedUsers === undefined ? {} : { sharedUsers: [...d.sharedUsers].reverse().map((s) => ({ ...s, permissions: [...s.permissions, ...s.permissions] })) }),
    }))
    .reverse(),
  users: json.users.map((u) => ({ ...u, permissions: { ...u.permissions, roles: [...u.permissions.roles, ...u.permissions.roles] } })).reverse(),
  roles: json.roles.map((r) => ({ ...r, permissions: [...r.permissions].reverse().concat(r.permissions) })).reverse(),
  tenants: [...json.tenants].reverse(),
  permissions: [...json.permissions].reverse(),
});

describe('loadSnapshot', () => {
  it('loads the example snapshot of SPEC §2', () => {
    const s = loaded(specExample());
    expect([...s.tenants.keys()]).toEqual([1, 56, 57]);
    expect([...s.roles.keys()]).toEqual([1, 2, 3, 88]);
    expect([...s.users.keys()]).toEqual([7, 1297]);
    expect([...s.dataSources.keys()]).toEqual([13, 20]);
    expect(s.users.get(7)?.isAdministrator).toBe(true);
    expect(s.users.get(1297)?.permissions.ids).toEqual([5, 6, 7, 8, 9, 10, 11]);
    expect(s.catalog.byId.get(30)?.name).toBe('Custom30');
    expect(s.oauthProfiles.get(3)).toEqual({ id: 3, name: 'OAuth_User_1', oauthAppId: 17, owner: 1297 });
    expect(s.oauthApps.get(17)).toEqual({ id: 17, name: 'GA', tenantId: 56, dataStore: 54 });
  });

  it('loads the empty object as a snapshot with only the system tenant and the predefined roles', () => {
    const s = loaded({});
    expect([...s.tenants.keys()]).toEqual([1]);
    expect([...s.roles.keys()]).toEqual([1, 2, 3]);
    expect(s.users.size).toBe(0);
  });

  describe('R-SNAP-9 decoding', () => {
    it('R-SNAP-9 accepts unknown extra fields and drops them', () => {
      const json = specExample();
      const s = loaded({ ...json, version: 3, users: json.users.map((u) => ({ ...u, email: 'x@y', lastLogin: null })) });
      expect(JSON.stringify(encodeSnapshot(s))).not.toContain('email');
      expect(JSON.stringify(encodeSnapshot(s))).not.toContain('version');
      expect(s).toEqual(loaded(specExample()));
    });

    it('R-SNAP-9 rejects wrong types, missing required fields and non-integer ids, each at its path', () => {
      const problems = problemsOf({
        users: [{ id: 1.5, userName: 7, tenantId: 1, permissions: { roles: [1] } }, { id: 2, tenantId: 1, permissions: { roles: ['1'] } }],
        dataSources: 'none',
      });
      expect(problems.map((p) => p.path)).toEqual(
        expect.arrayContaining(['$.users[0].id', '$.users[0].userName', '$.users[1].userName', '$.users[1].permissions.roles[0]', '$.dataSources']),
      );
      expect(problems.every((p) => p.rule === 'R-SNAP-9')).toBe(true);
    });

    it('R-SNAP-9 rejects negative ids and permission ids above the bound', () => {
      expect(problemsOf({ tenants: [{ id: -1, name: 'x' }] }).map((p) => p.path)).toEqual(['$.tenants[0].id']);
      expect(problemsOf({ roles: [{ id: 5, name: 'r', tenantId: 1, permissions: [4096] }] }).map((p) => p.path)).toEqual(['$.roles[0].permissions[0]']);
    });

    it('R-SNAP-9 accepts a valid status and rejects an invalid one', () => {
      const user = (statusInfo: unknown) => ({ users: [{ id: 7, userName: 'a', tenantId: 1, permissions: { roles: [1] }, statusInfo }] });
      expect(problemsOf(user({ status: 0, accountLocked: true }))).toEqual([]);
      expect(problemsOf(user({ status: 2 })).map((p) => p.path)).toEqual(['$.users[0].statusInfo.status']);
      expect(problemsOf(user({ accountLocked: 'no' })).map((p) => p.path)).toEqual(['$.users[0].statusInfo.accountLocked']);
    });

    it('R-SNAP-9 never lets a `__proto__` key reach an object prototype', () => {
      const before = Object.getOwnPropertyNames(Object.prototype).sort();
      const text =
        '{"__proto__":{"polluted":1},"users":[{"__proto__":{"polluted":2},"id":7,"userName":"__proto__","tenantId":1,"permissions":{"__proto__":{"roles":[]},"roles":[1]}}],' +
        '"tenants":[{"id":1,"name":"System","constructor":{"prototype":{"polluted":3}}}]}';
      const r = parseSnapshot(text);
      expect(E.isRight(r)).toBe(true);
      const plain: Record<string, unknown> = {};
      expect(plain['polluted']).toBeUndefined();
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
      if (E.isRight(r)) {
        expect(userByName(r.right, '__proto__')?.id).toBe(7);
        expect(Object.getPrototypeOf(encodeSnapshot(r.right))).toBe(Object.prototype);
        expect(JSON.stringify(encodeSnapshot(r.right))).not.toContain('polluted');
      }
    });

    it('R-SNAP-9 treats a `__proto__` key in place of a required field as missing', () => {
      const json: unknown = JSON.parse('{"users":[{"__proto__":{"id":7,"userName":"a","tenantId":1,"permissions":{"roles":[1]}}}]}');
      const problems = problemsOf(json);
      expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['$.users[0].id', '$.users[0].userName']));
      const plain: Record<string, unknown> = {};
      expect(plain['id']).toBeUndefined();
    });
  });

  describe('junk input', () => {
    const deepArray = (depth: number): unknown => {
      let v: unknown = 1;
      for (let i = 0; i < depth; i += 1) v = [v];
      return v;
    };
    const deepObject = (depth: number): unknown => {
      let v: unknown = 1;
      for (let i = 0; i < depth; i += 1) v = { users: v };
      return v;
    };

    it.each([
      ['null', null],
      ['a number', 5],
      ['a string', 'x'],
      ['an array', []],
      ['a boolean', true],
      ['undefined', undefined],
      ['a function', () => 1],
      ['lists of the wrong kind', { users: {}, tenants: 1, roles: [null], dataSources: [[]] }],
      ['a deeply nested array', deepArray(200_000)],
      ['a deeply nested object', deepObject(200_000)],
      ['a deeply nested value inside a list', { users: [deepArray(200_000)] }],
      ['a deeply nested object inside a list', { dataSources: [{ id: 1, name: 'x', owner: 1, members: deepObject(200_000) }] }],
    ])('gives Left, never throws, for %s', (_, input) => {
      const r = loadSnapshot(input);
      expect(E.isLeft(r)).toBe(true);
      if (E.isLeft(r)) {
        expect(r.left._tag).toBe('SnapshotInvalid');
        expect(r.left.problems.length).toBeGreaterThan(0);
      }
    });

    it('gives Left, never throws, for an input whose getter throws', () => {
      const input = Object.defineProperty({}, 'users', {
        enumerable: true,
        get: () => {
          throw new Error('Boom');
        },
      });
      const r = loadSnapshot(input);
      expect(r).toEqual(E.left({ _tag: 'SnapshotInvalid', problems: [{ path: '$', rule: 'R-SNAP-9', message: 'cannot decode the snapshot: boom' }] }));
    });

    it('never throws on arbitrary JSON values (L-CODEC)', () => {
      fc.assert(
        fc.property(fc.jsonValue(), (json) => {
          const r = loadSnapshot(json);
          expect(E.isLeft(r) || E.isRight(r)).toBe(true);
        }),
        { numRuns: 300 },
      );
    });

    it('never throws on snapshot-shaped JSON with random ids and references (L-CODEC)', () => {
      const id = fc.integer({ min: 0, max: 6 });
      const ids = fc.array(id, { maxLength: 4 });
      const snapshotish = fc.record(
        {
          tenants: fc.array(fc.record({ id, name: fc.string(), parentTenant: id, admins: ids }, { requiredKeys: ['id', 'name'] }), { maxLength: 4 }),
          roles: fc.array(fc.record({ id, name: fc.string(), tenantId: id, permissions: fc.array(fc.integer({ min: 0, max: 35 }), { maxLength: 5 }), users: ids }, { requiredKeys: ['id', 'name', 'tenantId', 'permissions'] }), { maxLength: 4 }),
          users: fc.array(
            fc.record(
              { id, userName: fc.constantFrom('a', 'b', 'c'), tenantId: id, permissions: fc.record({ roles: ids, permissions: ids }), tenantsAdministered: ids },
              { requiredKeys: ['id', 'userName', 'tenantId', 'permissions'] },
            ),
            { maxLength: 5 },
          ),
          dataSources: fc.array(
            fc.record(
              {
                id,
                name: fc.string(),
                owner: id,
                isGroup: fc.boolean(),
                permissions: fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 4 }),
                sharedUsers: fc.array(fc.record({ userId: id, permissions: ids }), { maxLength: 3 }),
                sharedTenants: fc.array(fc.record({ tenantId: id, permissions: ids }), { maxLength: 3 }),
                members: fc.array(fc.record({ id }), { maxLength: 3 }),
              },
              { requiredKeys: ['id', 'name', 'owner'] },
            ),
            { maxLength: 5 },
          ),
        },
        { requiredKeys: [] },
      );
      let loadedCount = 0;
      fc.assert(
        fc.property(snapshotish, (json) => {
          const r = loadSnapshot(json);
          if (E.isRight(r)) loadedCount += 1;
          if (E.isLeft(r)) {
            expect(r.left.problems.length).toBeGreaterThan(0);
            for (const p of r.left.problems) expect(p.path.startsWith('$')).toBe(true);
          } else {
            // L-CODEC: whatever loads, round-trips.
            expect(loadSnapshot(encodeSnapshot(r.right))).toEqual(E.right(r.right));
          }
        }),
        { numRuns: 500 },
      );
      expect(loadedCount).toBeGreaterThan(0);
    });
  });

  describe('generated snapshots', () => {
    const id = fc.integer({ min: 0, max: 6 });
    const mostlyValid = fc
      .record({
        tenants: fc.uniqueArray(fc.integer({ min: 2, max: 5 }), { maxLength: 3 }),
        users: fc.uniqueArray(
          fc.record({
            id,
            roles: fc.subarray([1, 2, 3], { minLength: 1 }),
            explicit: fc.subarray([1, 8, 12, 13, 25, 29]),
            administers: fc.subarray([1, 2, 3]),
            status: fc.constantFrom(0, 1),
          }),
          { selector: (u) => u.id, maxLength: 5 },
        ),
        dataSources: fc.uniqueArray(
          fc.record({
            id,
            owner: id,
            isGroup: fc.boolean(),
            permissions: fc.option(fc.subarray([2, 3, 4, 5, 6, 7, 10]), { nil: undefined }),
            sharedUsers: fc.uniqueArray(fc.record({ userId: id, permissions: fc.subarray([2, 3, 4, 5, 6, 7]) }), { selector: (x) => x.userId, maxLength: 2 }),
            sharedTenants: fc.uniqueArray(fc.record({ tenantId: fc.integer({ min: 1, max: 5 }), permissions: fc.subarray([2, 7]) }), { selector: (x) => x.tenantId, maxLength: 2 }),
            members: fc.uniqueArray(id, { maxLength: 2 }),
          }),
          { selector: (d) => d.id, maxLength: 6 },
        ),
      })
      .map(({ tenants, users, dataSources }) => {
        // Valid by construction: every reference is redirected to something that exists.
        const tenantIds = new Set([1, ...tenants]);
        const userIds = users.map((u) => u.id);
        const ownerOf = (n: number): number => userIds[n % Math.max(1, userIds.length)] ?? 0;
        const groupIds = new Set(dataSources.filter((d) => d.isGroup).map((d) => d.id));
        const ownerById = new Map(dataSources.map((d) => [d.id, ownerOf(d.owner)]));
        return {
          tenants: tenants.map((t) => ({ id: t, name: `T${t}` })),
          users: users.map((u) => ({
            id: u.id,
            userName: `u${u.id}`,
            tenantId: 1,
            statusInfo: { status: u.status },
            permissions: { roles: u.roles, permissions: u.explicit },
            tenantsAdministered: u.administers.filter((t) => tenantIds.has(t)),
          })),
          dataSources: userIds.length === 0 ? [] : dataSources.map((d) => {
            const owner = ownerOf(d.owner);
            const sharedTenants = d.sharedTenants.filter((x) => tenantIds.has(x.tenantId));
            // every user is in tenant 1: a share with tenant 1 excludes user shares (R-SHR-3)
            const sharedUsers = sharedTenants.some((x) => x.tenantId === 1) ? [] : d.sharedUsers.filter((x) => userIds.includes(x.userId) && x.userId !== owner);
            const members = d.isGroup ? d.members.filter((m) => ownerById.get(m) === owner && !groupIds.has(m)) : [];
            return {
              id: d.id,
              name: `ds${d.id}`,
              owner,
              isGroup: d.isGroup,
              ...(d.permissions === undefined ? {} : { permissions: d.permissions }),
              sharedUsers,
              sharedTenants,
              members: members.map((m) => ({ id: m })),
            };
          }),
        };
      });

    /** Every array in the JSON reversed, and every number array given twice (L-ORDER). */
    const reorder = (json: unknown): unknown => {
      if (Array.isArray(json)) {
        const items = json.map(reorder).reverse();
        return items.every((x) => typeof x === 'number') ? [...items, ...items] : items;
      }
      if (typeof json === 'object' && json !== null) return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, reorder(v)]));
      return json;
    };

    it('L-CODEC loading the encoding of a loaded snapshot gives it back', () => {
      let loadedCount = 0;
      fc.assert(
        fc.property(mostlyValid, (json) => {
          const r = loadSnapshot(json);
          if (E.isLeft(r)) throw new Error(renderProblems(r.left.problems));
          loadedCount += 1;
          expect(loadSnapshot(encodeSnapshot(r.right))).toEqual(E.right(r.right));
          expect(loadSnapshot(JSON.parse(JSON.stringify(encodeSnapshot(r.right))))).toEqual(E.right(r.right));
        }),
        { numRuns: 300 },
      );
      expect(loadedCount).toBe(300);
    });

    it('L-ORDER reordering every list and duplicating ids in id lists gives an equal snapshot', () => {
      fc.assert(
        fc.property(mostlyValid, (json) => {
          const a = loadSnapshot(json);
          const b = loadSnapshot(reorder(json));
          expect(E.isRight(b)).toBe(E.isRight(a));
          if (E.isRight(a)) expect(b).toEqual(a);
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('parseSnapshot', () => {
    it('parses and loads JSON text', () => {
      const r = parseSnapshot(JSON.stringify(specExample()));
      expect(r).toEqual(E.right(loaded(specExample())));
    });

    it('turns a JSON syntax error into a problem at `$`', () => {
      const r = parseSnapshot('{"users": [');
      expect(E.isLeft(r)).toBe(true);
      if (E.isLeft(r)) {
        expect(r.left.problems).toHaveLength(1);
        expect(r.left.problems[0]?.path).toBe('$');
        expect(r.left.problems[0]?.message).toMatch(/^invalid JSON: /);
      }
    });

    it('reports decode problems of parsed text with their paths', () => {
      const r = parseSnapshot('{"users": 5}');
      expect(E.isLeft(r) ? r.left.problems.map((p) => p.path) : []).toEqual(['$.users']);
    });
  });

  describe('encodeSnapshot', () => {
    it('L-CODEC round-trips the SPEC §2 example: loading the encoding gives an equal snapshot', () => {
      const s = loaded(specExample());
      const again = loadSnapshot(encodeSnapshot(s));
      expect(again).toEqual(E.right(s));
    });

    it('L-CODEC round-trips through JSON text', () => {
      const s = loaded(specExample());
      expect(parseSnapshot(JSON.stringify(encodeSnapshot(s)))).toEqual(E.right(s));
    });

    it('encodes the normalized source: system tenant and predefined roles present, lists ascending', () => {
      const json = loaded({ tenants: [{ id: 9, name: 'n' }], users: [{ id: 2, userName: 'b', tenantId: 1, permissions: { roles: [2, 1, 2] } }, { id: 1, userName: 'a', tenantId: 1, permissions: { roles: [1] } }] });
      const out = encodeSnapshot(json);
      expect(out.tenants).toEqual([
        { id: 1, name: 'System' },
        { id: 9, name: 'n', parentTenant: 1 },
      ]);
      expect(out.roles?.map((r) => r.id)).toEqual([1, 2, 3]);
      expect(out.users?.map((u) => u.id)).toEqual([1, 2]);
      expect(out.users?.[1]?.permissions.roles).toEqual([1, 2]);
    });

    it('L-ORDER reordering every list and duplicating ids inside permission lists gives an equal snapshot', () => {
      expect(loaded(shuffled(specExample()))).toEqual(loaded(specExample()));
    });
  });
});
