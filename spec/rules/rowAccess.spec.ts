import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  ACTIVE,
  tenantBit,
  userBit,
  DS_ROW,
  FALLBACK,
  GROUP,
  MORE_GROUPS,
  MORE_TENANT_SHARES,
  MORE_USER_SHARES,
  OVERRIDE,
  OWNER_WIDE,
  PRESENT,
  USER_ROW,
  dataSourceRows,
  groupCount,
  poolWith,
  tenantShareCount,
  userRows,
  userShareCount,
} from '../../src/model/rows.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { type RowCodec, type Table } from '../../src/model/table.js';
import type { EffectiveAccess } from '../../src/rules/access.js';
import { effectiveAccessById, effectiveAccessByObjects } from '../../src/rules/dataSourcePermissions.js';
import { accessByRows } from '../../src/rules/rowAccess.js';
import { dataSource, load, userNamed } from '../helpers.js';

const s = load({
  tenants: [
    { id: 1, name: 'System' },
    { id: 56, name: 'OrgA', parentTenant: 1 },
    { id: 57, name: 'OrgB', parentTenant: 1 },
    { id: 73, name: 'OrgC', parentTenant: 1 }, // 73 & 15 = 57 & 15: the same tenant bit as OrgB
  ],
  roles: [
    { id: 40, name: 'A', tenantId: 56, permissions: [2, 3, 5] },
    { id: 50, name: 'B', tenantId: 57, permissions: [2] },
    { id: 60, name: 'C', tenantId: 73, permissions: [2] },
    { id: 70, name: 'S', tenantId: 1, permissions: [2] },
  ],
  users: [
    { id: 10, userName: 'owner', tenantId: 56, permissions: { roles: [40] } },
    { id: 11, userName: 'inside', tenantId: 56, permissions: { roles: [40] } },
    { id: 12, userName: 'outside', tenantId: 57, permissions: { roles: [50] } },
    { id: 13, userName: 'asleep', tenantId: 56, permissions: { roles: [40] }, statusInfo: { status: 0 } },
    { id: 14, userName: 'inside2', tenantId: 56, permissions: { roles: [40] } },
    { id: 15, userName: 'inside3', tenantId: 56, permissions: { roles: [40] } },
    { id: 16, userName: 'inside4', tenantId: 56, permissions: { roles: [40] } },
    { id: 17, userName: 'custom', tenantId: 56, permissions: { roles: [40], permissions: [40] } },
    { id: 48, userName: 'collides', tenantId: 57, permissions: { roles: [50] } }, // 48 & 31 = 16 & 31: the same user bit as inside4
    { id: 49, userName: 'sibling', tenantId: 73, permissions: { roles: [60] } },
    { id: 50, userName: 'system', tenantId: 1, permissions: { roles: [70] } }, // tenant 1: its bit is clear on 105
  ],
  dataSources: [
    { id: 100, name: 'shared', owner: 10, sharedUsers: [{ userId: 11, permissions: [2] }, { userId: 12, permissions: [3] }] },
    { id: 101, name: 'set', owner: 10, permissions: [5], sharedTenants: [{ tenantId: 57, permissions: [2, 5] }] },
    { id: 102, name: 'group', owner: 10, isGroup: true, members: [{ id: 100 }, { id: 103 }], sharedUsers: [{ userId: 11, permissions: [5] }] },
    { id: 103, name: 'member', owner: 10, permissions: [3], sharedUsers: [{ userId: 11, permissions: [3] }] },
    // rows that cannot answer: five user shares in force, two tenant shares, an owner's permission id above 31, three groups
    { id: 104, name: 'five', owner: 10, sharedUsers: [11, 13, 14, 15, 16].map((userId) => ({ userId, permissions: [2] })) },
    { id: 105, name: 'two tenants', owner: 10, sharedTenants: [{ tenantId: 56, permissions: [2] }, { tenantId: 57, permissions: [3] }] },
    { id: 106, name: 'wide owner', owner: 17 },
    { id: 107, name: 'g1', owner: 10, isGroup: true, members: [{ id: 109 }] },
    { id: 108, name: 'g2', owner: 10, isGroup: true, members: [{ id: 109 }] },
    { id: 110, name: 'g3', owner: 10, isGroup: true, members: [{ id: 109 }] },
    { id: 109, name: 'in three groups', owner: 10 },
  ],
  permissions: [{ id: 40, name: 'Custom' }],
});

/** Users 1 and 3 (1 in a tenant whose id does not fit a row), data sources 5 and 7: 2 and 6 are holes inside the rows. */
const holes = load({
  tenants: [{ id: 2 ** 31, name: 'Far' }],
  roles: [{ id: 40, name: 'A', tenantId: 1, permissions: [2] }, { id: 41, name: 'F', tenantId: 2 ** 31, permissions: [2] }],
  users: [
    { id: 1, userName: 'a', tenantId: 2 ** 31, permissions: { roles: [41] } },
    { id: 3, userName: 'c', tenantId: 1, permissions: { roles: [40] } },
  ],
  dataSources: [{ id: 5, name: 'five', owner: 3 }, { id: 7, name: 'seven', owner: 3 }],
});

/** The row of `key` in `table`, copied out. */
const rowOf = <V>(table: Table<number, V>, codec: RowCodec<V>, key: number): ReadonlyArray<number> => {
  const p = table.rowPosition(key);
  const slab = table.rowSlab(p);
  const at = table.rowStart(p);
  return slab === undefined || p < 0 ? [] : Array.from({ length: codec.width }, (_, k) => slab[at + k] ?? 0);
};

const text = (r: E.Either<unknown, EffectiveAccess> | undefined): string =>
  r === undefined ? 'no answer' : E.isLeft(r) ? 'unknown' : `${r.right._tag} ${r.right.permissions.text}`;

/** What the rows answer, and what `effectiveAccessById` answers (rows or objects). */
const both = (snapshot: Snapshot, userId: number, dataSourceId: number, groupId?: number): readonly [string, string] => [
  text(accessByRows(snapshot, userId, dataSourceId, groupId)),
  text(effectiveAccessById(snapshot, userId, dataSourceId, groupId)),
];

describe('typed decision rows (D-INC-12)', () => {
  it('R-EFF-3 a user row holds its presence, its activity and its tenant', () => {
    expect(rowOf(s.users, userRows, 10)).toEqual([PRESENT | ACTIVE, 56]);
    expect(rowOf(s.users, userRows, 13)).toEqual([PRESENT, 56]);
  });

  it('R-SHR-6 a data source row lists its owner, its owner route and only the user shares in force', () => {
    const row = rowOf(s.dataSources, dataSourceRows, 100);
    expect(row[DS_ROW.flags]).toBe(PRESENT | (1 << 8) | (1 << 12)); // one share in force (12 is in another tenant), one group
    expect(userShareCount(row[DS_ROW.flags] ?? 0)).toBe(1);
    expect(row.slice(DS_ROW.owner, DS_ROW.userShares + 2)).toEqual([10, 0b101100, 11, 0b100]);
    expect(row[DS_ROW.groups]).toBe(102);
  });

  it('R-DSP-1 a row marks a data-source set, and holds a tenant share with its word', () => {
    const row = rowOf(s.dataSources, dataSourceRows, 101);
    expect(row[DS_ROW.flags]).toBe(PRESENT | OVERRIDE | (1 << 11));
    expect(tenantShareCount(row[DS_ROW.flags] ?? 0)).toBe(1);
    expect([row[DS_ROW.ownerWord], row[DS_ROW.tenantShare], row[DS_ROW.tenantShare + 1]]).toEqual([0b100000, 57, 0b100100]);
    expect((rowOf(s.dataSources, dataSourceRows, 102)[DS_ROW.flags] ?? 0) & GROUP).toBe(GROUP);
    expect(groupCount(rowOf(s.dataSources, dataSourceRows, 103)[DS_ROW.flags] ?? 0)).toBe(1);
  });

  it('flags what a row leaves out: a fifth share in force, a second tenant share, an owner permission above 31, a third group', () => {
    const flags = (id: number): number => rowOf(s.dataSources, dataSourceRows, id)[DS_ROW.flags] ?? 0;
    const leftOut = MORE_USER_SHARES | MORE_TENANT_SHARES | OWNER_WIDE | MORE_GROUPS | FALLBACK;
    expect([104, 105, 106, 109].map((id) => flags(id) & leftOut)).toEqual([MORE_USER_SHARES, MORE_TENANT_SHARES, OWNER_WIDE, MORE_GROUPS]);
    expect([userShareCount(flags(104)), tenantShareCount(flags(105)), groupCount(flags(109))]).toEqual([4, 1, 2]);
    for (const id of [100, 101, 102, 103, 107]) expect(flags(id) & leftOut).toBe(0);
  });

  it('marks FALLBACK a tenant id above 2^31 - 1, and a row for a user or data source the table does not hold is zeros', () => {
    expect(rowOf(holes.users, userRows, 1)[USER_ROW.flags]).toBe(PRESENT | ACTIVE | FALLBACK);
    expect(rowOf(holes.users, userRows, 2)).toEqual([0, 0]);
    expect(rowOf(holes.dataSources, dataSourceRows, 6).every((x) => x === 0)).toBe(true);
    expect(both(holes, 1, 5)).toEqual(['no answer', 'None []']);
  });

  it('R-DSP-1, R-DSP-2, R-SHR-1, R-SHR-2, R-DSP-3, R-EFF-3 the rows answer as the objects do', () => {
    const questions: ReadonlyArray<readonly [number, number]> = [
      [10, 100], // R-DSP-2 owner
      [10, 101], // R-DSP-1 override
      [11, 100], // R-SHR-1 share in force
      [12, 100], // R-SHR-6 out of force: none
      [12, 101], // R-SHR-2 tenant share
      [11, 101], // R-DSP-3 none
      [13, 100], // R-EFF-3 inactive
    ];
    expect(questions.map(([u, d]) => text(accessByRows(s, u, d, undefined)))).toEqual(['Owner [2,3,5]', 'Override [5]', 'UserShare [2]', 'None []', 'TenantShare [2,5]', 'None []', 'Inactive []']);
    for (const [u, d] of questions) expect(text(accessByRows(s, u, d, undefined))).toBe(text(effectiveAccessByObjects(s, u, d)));
  });

  it('R-GRP-1 the rows answer a member through a group as the objects do', () => {
    const questions: ReadonlyArray<readonly [number, number, number]> = [
      [11, 100, 102], // the group's share overrides the member's own share
      [10, 103, 102], // the group's owner without a set: its own access to the member (the member's set)
      [11, 103, 102], // the group's share overrides the member's own share
      [12, 100, 102], // the group does not reach user 12
      [10, 101, 102], // not a member
      [10, 100, 103], // not a group
      [13, 100, 102], // inactive
    ];
    expect(questions.map(([u, d, g]) => text(accessByRows(s, u, d, g)))).toEqual(['Group [5]', 'Group [3]', 'Group [5]', 'None []', 'NotMember []', 'NotMember []', 'Inactive []']);
    for (const [u, d, g] of questions) expect(text(accessByRows(s, u, d, g))).toBe(text(effectiveAccessByObjects(s, u, d, g)));
  });

  it('names unknown ids inside the rows in the order of the objects: the user, the data source, then the group', () => {
    const asked = [accessByRows(holes, 2, 5, undefined), accessByRows(holes, 3, 6, undefined), accessByRows(holes, 3, 5, 6), accessByRows(holes, 2, 6, 6), accessByRows(holes, 3, 6, 6)];
    expect(asked.map((r) => (r !== undefined && E.isLeft(r) ? r.left : r))).toEqual([
      { _tag: 'UnknownUser', userId: 2 },
      { _tag: 'UnknownDataSource', dataSourceId: 6 },
      { _tag: 'UnknownDataSource', dataSourceId: 6 },
      { _tag: 'UnknownUser', userId: 2 },
      { _tag: 'UnknownDataSource', dataSourceId: 6 },
    ]);
  });

  it('leaves ids outside the rows to the objects, which name them unknown', () => {
    expect([both(holes, 99, 5), both(holes, 3, 99), both(holes, 3, 5, 99)]).toEqual([
      ['no answer', 'unknown'],
      ['no answer', 'unknown'],
      ['no answer', 'unknown'],
    ]);
    // user 2 is a hole inside the users' rows: unknown by its row when every row asked for exists,
    // and left to the objects when another id has no row (every row is read before any is judged)
    expect([both(holes, 2, 5), both(holes, 2, 99), both(holes, 2, 5, 99)]).toEqual([
      ['unknown', 'unknown'],
      ['no answer', 'unknown'],
      ['no answer', 'unknown'],
    ]);
  });

  it('gives no answer where the row leaves the answer out, and effectiveAccessById then answers from the objects', () => {
    expect(both(s, 16, 104)).toEqual(['no answer', 'UserShare [2]']);
    expect(both(s, 48, 104)).toEqual(['no answer', 'None []']); // its bit is the left-out share's
    expect(both(s, 12, 105)).toEqual(['no answer', 'TenantShare [3]']);
    expect(both(s, 49, 105)).toEqual(['no answer', 'None []']); // its tenant's bit is the left-out share's
    expect(both(s, 17, 106)).toEqual(['no answer', 'Owner [2,3,5,40]']);
    expect(both(s, 10, 109, 110)).toEqual(['no answer', 'Group [2,3,5]']);
    expect(both(s, 10, 100, 110)).toEqual(['NotMember []', 'NotMember []']); // a row without MORE_GROUPS knows its groups
  });

  it('R-SHR-1, R-SHR-2, R-DSP-3 a row keeps a filter of the shares it leaves out: a user or tenant whose bit is clear has none of them', () => {
    const row = rowOf(s.dataSources, dataSourceRows, 104);
    expect(row[DS_ROW.userFilter]).toBe(userBit(16)); // the fifth share in force, left out
    expect((rowOf(s.dataSources, dataSourceRows, 105)[DS_ROW.flags] ?? 0) >>> 16).toBe(1 << (57 & 15)); // the second tenant share
    expect(tenantBit(57)).toBe(1 << (16 + (57 & 15)));
    expect(both(s, 12, 104)).toEqual(['None []', 'None []']); // 12 is in another tenant, and its bit is clear
    expect(both(s, 17, 105)).toEqual(['TenantShare [2]', 'TenantShare [2]']); // the listed tenant share
    expect(both(s, 17, 104)).toEqual(['None []', 'None []']);
    expect(both(s, 50, 105)).toEqual(['None []', 'None []']); // a tenant whose bit is clear on a row with a left-out tenant share
    const none = rowOf(s.dataSources, dataSourceRows, 100);
    expect([none[DS_ROW.userFilter], (none[DS_ROW.flags] ?? 0) >>> 16]).toEqual([0, 0]);
  });

  it('answers what a row with left-out entries still lists: the listed shares, the first tenant share, the owner of a full row, a listed group', () => {
    expect(both(s, 11, 104)).toEqual(['UserShare [2]', 'UserShare [2]']);
    expect(both(s, 10, 104)).toEqual(['Owner [2,3,5]', 'Owner [2,3,5]']);
    expect(both(s, 11, 105)).toEqual(['TenantShare [2]', 'TenantShare [2]']);
    expect(both(s, 11, 106)).toEqual(['None []', 'None []']);
    expect(both(s, 10, 109, 108)).toEqual(['Group [2,3,5]', 'Group [2,3,5]']);
  });

  it('gives no answer for an entity created since the last fold (kept apart from the rows), nor when the pool lacks a word', () => {
    const created = { ...s, dataSources: s.dataSources.withChanges([[5000, { ...dataSource(s, 103), id: 5000 }]]) };
    expect(created.dataSources.rowPosition(5000)).toBe(-1);
    expect(both(created, 10, 5000)).toEqual(['no answer', 'Override [3]']);
    const noPool = { ...s, setPool: new Map() };
    expect(both(noPool, 10, 100)).toEqual(['no answer', 'Owner [2,3,5]']);
    expect(both(noPool, 11, 100)).toEqual(['no answer', 'UserShare [2]']);
    expect(both(noPool, 12, 101)).toEqual(['no answer', 'TenantShare [2,5]']);
  });

  it('poolWith adds only new one-word sets, and keeps the pool itself when there is none', () => {
    expect(poolWith(s.setPool, s.dataSources.values())).toBe(s.setPool);
    expect([...s.setPool.keys()].sort((a, b) => a - b)).toEqual([0b100, 0b1000, 0b100000, 0b100100, 0b101100]);
  });

  it('builds the same values as the objects hold: owner, set, user share in force, tenant share, group', () => {
    const right = (r: E.Either<unknown, EffectiveAccess> | undefined): unknown => (r !== undefined && E.isRight(r) ? r.right : r);
    expect(right(accessByRows(s, 10, 100, undefined))).toEqual(dataSource(s, 100).ownerAccess);
    expect(right(accessByRows(s, 10, 101, undefined))).toEqual(dataSource(s, 101).ownerAccess);
    expect(right(accessByRows(s, 11, 100, undefined))).toEqual(dataSource(s, 100).sharedUsers.get(11));
    expect(right(accessByRows(s, 12, 101, undefined))).toEqual(dataSource(s, 101).sharedTenants.get(57));
    for (const [u, d, g] of [[11, 100, 102], [10, 103, 102], [12, 100, 102], [10, 101, 102]] as const) {
      expect(right(accessByRows(s, u, d, g))).toEqual(right(effectiveAccessByObjects(s, u, d, g)));
    }
  });

  it('reads only the entries a row lists: id 0 never matches an empty slot (user, tenant or group 0)', () => {
    const zeros = load({
      tenants: [{ id: 0, name: 'Zero' }],
      roles: [{ id: 40, name: 'A', tenantId: 0, permissions: [2] }],
      users: [
        { id: 0, userName: 'zero', tenantId: 0, permissions: { roles: [40] } },
        { id: 3, userName: 'owner', tenantId: 0, permissions: { roles: [40] } },
      ],
      dataSources: [
        { id: 0, name: 'empty group', owner: 3, isGroup: true },
        { id: 1, name: 'empty set', owner: 3, permissions: [], sharedUsers: [{ userId: 0, permissions: [2] }] }, // puts the word 0 in the pool
        { id: 2, name: 'plain', owner: 3 },
      ],
    });
    expect(zeros.setPool.has(0)).toBe(true);
    expect(both(zeros, 0, 2)).toEqual(['None []', 'None []']);
    expect(both(zeros, 0, 2, 0)).toEqual(['NotMember []', 'NotMember []']);
    // -0 names user 0, data source 0 and group 0, whose objects carry +0: so do the rows' answers
    const owner = accessByRows(zeros, 3, -0, undefined);
    expect(owner !== undefined && E.isRight(owner) && owner.right._tag === 'Owner' && Object.is(owner.right.dataSourceId, 0)).toBe(true);
    const share = accessByRows(zeros, -0, 1, undefined);
    expect(share !== undefined && E.isRight(share) && share.right._tag === 'UserShare' && Object.is(share.right.userId, 0)).toBe(true);
    const outside = accessByRows(zeros, 0, 2, -0);
    expect(outside !== undefined && E.isRight(outside) && outside.right._tag === 'NotMember' && Object.is(outside.right.groupId, 0)).toBe(true);
  });

  it('reads past no listed entry: a user whose id is the tenant of the share after four listed shares gets none', () => {
    const full = load({
      tenants: [{ id: 12, name: 'Twelve' }, { id: 56, name: 'OrgA' }],
      roles: [{ id: 40, name: 'A', tenantId: 56, permissions: [2] }],
      users: [10, 11, 12, 13, 14, 15].map((id) => ({ id, userName: `u${id}`, tenantId: 56, permissions: { roles: [40] } })),
      dataSources: [{ id: 5, name: 'four', owner: 10, sharedUsers: [11, 13, 14, 15].map((userId) => ({ userId, permissions: [2] })), sharedTenants: [{ tenantId: 12, permissions: [2, 3] }] }],
    });
    expect(userShareCount(rowOf(full.dataSources, dataSourceRows, 5)[DS_ROW.flags] ?? 0)).toBe(4);
    expect(both(full, 12, 5)).toEqual(['None []', 'None []']);
  });

  it('leaves a data source whose owner id does not fit a row to the objects', () => {
    const far = 2 ** 31 + 5;
    const wide = load({
      roles: [{ id: 40, name: 'A', tenantId: 1, permissions: [2] }],
      users: [3, far].map((id) => ({ id, userName: `u${id}`, tenantId: 1, permissions: { roles: [40] } })),
      dataSources: [{ id: 9, name: 'far', owner: far }],
    });
    expect((rowOf(wide.dataSources, dataSourceRows, 9)[DS_ROW.flags] ?? 0) & FALLBACK).toBe(FALLBACK);
    expect(both(wide, far, 9)).toEqual(['no answer', 'Owner [2]']);
  });

  it('answers through a group at the first position of the rows, and leaves the member to the objects when the pool lacks its word', () => {
    expect(both(holes, 3, 7, 5)).toEqual(['NotMember []', 'NotMember []']);
    const ownersWordOnly = { ...s, setPool: new Map([[0b101100, userNamed(s, 'owner').permissions]]) };
    expect(both(ownersWordOnly, 10, 103, 102)).toEqual(['no answer', 'Group [3]']);
  });
});
