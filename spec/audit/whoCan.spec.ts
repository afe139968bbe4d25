/** who-can (R-AUD-1) on examples/gateway.json: holders with routes, administrators apart, inactive users apart, pages. */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { whoCan, whoCanAny, type WhoCanAnswer, type WhoCanError } from '../../src/audit/whoCan.js';
import { example, load, exampleJson } from '../helpers.js';

const s = example();
const right = (r: E.Either<WhoCanError, WhoCanAnswer>): WhoCanAnswer => {
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};
const holders = (a: WhoCanAnswer) => a.holders.map((h) => [h.userId, h.route, h.permissions]);

describe('who-can (R-AUD-1)', () => {
  it('R-AUD-1 R-SHR-1 R-DSP-2: who can query data source 13 through ODBC: its owner (own user permissions) and SQLUser by its user share [6]', () => {
    const a = right(whoCan(s, 13, 6));
    expect(holders(a)).toEqual([
      [7, 'owner', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21]],
      [1297, 'userShare', [6]],
    ]);
    expect(a.holders.map((h) => h.queryChannels)).toEqual([['ODBC'], ['ODBC']]);
    expect(a.groups).toEqual([20]);
  });

  it('R-AUD-1 R-SHR-4: the share is exact: SQLUser does not hold JDBC (5) on 13 although its role holds 5', () => {
    expect(right(whoCan(s, 13, 5)).holders.map((h) => h.userId)).toEqual([7]);
  });

  it('R-AUD-1 R-ADM-1: the active Administrators are listed apart, for view, modify and delete only, and hold nothing on 13 by SPEC §3', () => {
    for (const p of [2, 3, 4]) {
      const a = right(whoCan(s, 13, p));
      expect(a.administrators).toEqual([{ userId: 1, userName: 'SysAdmin', byAuthority: [p] }]);
      expect(a.holders.map((h) => h.userId)).not.toContain(1);
    }
  });

  it('R-AUD-1 R-ADM-1 R-USE-1: no administrators for the query channels 5, 6, 7, 10', () => {
    for (const p of [5, 6, 7, 10]) expect(right(whoCan(s, 13, p)).administrators).toEqual([]);
  });

  it('R-AUD-1 R-SHR-2 R-DSP-1 R-EFF-3: OData on Warehouse 800: tenant 56 by its tenant share, the owner by its override; LockedUser apart', () => {
    const a = right(whoCan(s, 800, 7));
    expect(holders(a)).toEqual([
      [921, 'tenantShare', [2, 7]],
      [1297, 'tenantShare', [2, 7]],
      [1300, 'override', [7]],
    ]);
    expect(a.inactive).toEqual([{ userId: 1400, userName: 'LockedUser', status: 'locked', route: 'tenantShare', wouldHold: [2, 7] }]);
  });

  it('R-AUD-1 R-DSP-1: an override replaces the owner\'s user permissions: nobody may modify Warehouse 800 by SPEC §3', () => {
    expect(right(whoCan(s, 800, 3)).holders).toEqual([]);
  });

  it('R-AUD-1 R-GRP-1: through group 20 the share of the group [2,5] overrides SQLUser\'s share of member 13; the owner gets its own access', () => {
    const a = right(whoCan(s, 13, 5, { group: 20 }));
    expect(a.holders.map((h) => [h.userId, h.route, h.groupRoute, h.permissions])).toEqual([
      [7, 'group', 'owner', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21]],
      [1297, 'group', 'userShare', [2, 5]],
    ]);
    expect(a.groupContainsDataSource).toBe(true);
  });

  it('R-GRP-1: a data source that the group does not list is reached by nobody through it', () => {
    const a = right(whoCan(s, 14, 2, { group: 20 }));
    expect(a.holders).toEqual([]);
    expect(a.groupContainsDataSource).toBe(false);
  });

  it('R-AUD-1 R-CAT-1: a permission that is not data-source settable is refused as a value, with a clear message', () => {
    for (const p of [1, 8, 11, 12, 21, 99]) {
      const r = whoCan(s, 13, p);
      expect(E.isLeft(r) && r.left._tag).toBe('NotSettable');
      expect(E.isLeft(r) && r.left.message).toBe(`permission \`${p}\` cannot be set on a data source (R-CAT-1): who-can asks about 2, 3, 4, 5, 6, 7 or 10`);
    }
  });

  it('R-AUD-1: unknown data sources and groups are refused as values', () => {
    const r = whoCan(s, 99, 2);
    expect(E.isLeft(r) && r.left.message).toBe('there is no data source `99`');
    const g = whoCan(s, 13, 2, { group: 98 });
    expect(E.isLeft(g) && g.left._tag).toBe('UnknownDataSource');
  });

  it('R-AUD-1: a whole permission set at once: each holder with which of the asked permissions it holds', () => {
    const a = right(whoCanAny(s, { dataSource: 800, permissions: [2, 3, 4, 5, 6, 7, 10] }));
    expect(a.holders.map((h) => [h.userId, h.holds])).toEqual([
      [921, [2, 7]],
      [1297, [2, 7]],
      [1300, [7]],
    ]);
    expect(a.administrators.map((x) => [x.userId, x.byAuthority])).toEqual([[1, [2, 3, 4]]]);
  });

  it('R-AUD-1 R-TRC-1: the trace of each holder on request, the one explainAccess builds', () => {
    const a = right(whoCan(s, 13, 6, { trace: true }));
    expect(a.holders.every((h) => h.trace !== undefined && h.trace.length === 1 && h.trace[0]?.outcome === 'pass')).toBe(true);
    expect(right(whoCan(s, 13, 6)).holders.every((h) => h.trace === undefined)).toBe(true);
  });

  it('R-AUD-1: holders come in pages ascending by user id, with a cursor and never a silent cap', () => {
    const first = right(whoCan(s, 800, 7, { page: { limit: 2 } }));
    expect(first.holders.map((h) => h.userId)).toEqual([921, 1297]);
    expect(first.next).toBe('1297');
    expect(first.holderCount).toBe(3);
    const second = right(whoCan(s, 800, 7, { page: { after: first.next ?? undefined, limit: 2 } }));
    expect(second.holders.map((h) => h.userId)).toEqual([1300]);
    expect(second.next).toBeNull();
    const bad = whoCan(s, 800, 7, { page: { after: 'x' } });
    expect(E.isLeft(bad) && bad.left._tag).toBe('BadCursor');
  });

  it('R-AUD-1 R-EFF-3: an inactive Administrator is not listed among the administrators', () => {
    const edited: unknown = JSON.parse(JSON.stringify(exampleJson()).replace('"userName":"SysAdmin",', '"userName":"SysAdmin","statusInfo":{"status":0},'));
    const t = load(edited);
    expect(t.users.get(1)?.active).toBe(false);
    expect(right(whoCan(t, 13, 2)).administrators).toEqual([]);
  });
});
