/** Ids along a history of snapshots (SPEC §6 R-TRN-2, SPEC §2 R-SNAP-1). */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { encodeSnapshot } from '../../src/snapshot/encode.js';
import { loadSnapshot } from '../../src/snapshot/load.js';
import { example, load } from '../helpers.js';
import { applyAllowed, applyDenied, reload, req } from './support.js';

const s0 = example();
const newUser = (name: string): ReturnType<typeof req> => req('SysAdmin', 'POST', '/admin/users', { userName: name, tenantId: 56, permissions: { roles: [88] } });
const withNextIds = (nextIds: unknown): unknown => ({ ...encodeSnapshot(s0), nextIds });

describe('R-TRN-2 ids are never reused', () => {
  it('R-TRN-2: a create takes the id after the highest and writes nextIds for its kind only', () => {
    expect(s0.nextIds).toBeUndefined();
    const { snapshot, changes } = applyAllowed(s0, newUser('u1'));
    expect(changes).toEqual([{ _tag: 'Created', kind: 'user', id: 1401 }]);
    expect(snapshot.nextIds).toEqual({ user: 1402 });
    expect(encodeSnapshot(snapshot).nextIds).toEqual({ user: 1402 });
    expect(encodeSnapshot(s0).nextIds).toBeUndefined();
  });

  it('R-TRN-2: deleting the highest user writes nextIds; the next create does not reuse its id, also after a reload', () => {
    const del = applyAllowed(s0, req('SysAdmin', 'DELETE', '/admin/users/1400'));
    expect(del.changes).toEqual([{ _tag: 'Deleted', kind: 'user', id: 1400, rule: null }]);
    expect(del.snapshot.nextIds).toEqual({ user: 1401 });
    expect(applyAllowed(del.snapshot, newUser('u1')).changes).toEqual([{ _tag: 'Created', kind: 'user', id: 1401 }]);
    expect(applyAllowed(reload(del.snapshot), newUser('u1')).changes).toEqual([{ _tag: 'Created', kind: 'user', id: 1401 }]);
  });

  it('R-TRN-2: deleting the highest data source, then creating one, gives a new id', () => {
    const del = applyAllowed(s0, req('AdminUser', 'DELETE', '/mgmt/datasources/5442'));
    expect(del.snapshot.nextIds).toEqual({ dataSource: 5443 });
    const { changes, snapshot } = applyAllowed(del.snapshot, req('AdminUser', 'POST', '/mgmt/datasources', { name: 'again' }));
    expect(changes).toEqual([{ _tag: 'Created', kind: 'dataSource', id: 5443 }]);
    expect([snapshot.dataSources.has(5442), snapshot.nextIds]).toEqual([false, { dataSource: 5444 }]);
  });

  it('R-TRN-2: create, delete, create along a history gives three different ids', () => {
    const a = applyAllowed(s0, newUser('a'));
    const gone = applyAllowed(a.snapshot, req('SysAdmin', 'DELETE', '/admin/users/1401'));
    expect(gone.snapshot.nextIds).toEqual({ user: 1402 });
    const b = applyAllowed(gone.snapshot, newUser('a'));
    expect([a.changes, b.changes]).toEqual([[{ _tag: 'Created', kind: 'user', id: 1401 }], [{ _tag: 'Created', kind: 'user', id: 1402 }]]);
  });

  it('R-TRN-2 R-TRN-1: a denied or refused create spends no id', () => {
    applyDenied(s0, req('admin2', 'POST', '/admin/users', { userName: 'x', tenantId: 57, permissions: { roles: [90] } }), 403);
    applyDenied(s0, newUser('SQLUser'), 400);
    expect(s0.idMarks.user).toBe(1401);
    expect(applyAllowed(s0, newUser('u1')).changes).toEqual([{ _tag: 'Created', kind: 'user', id: 1401 }]);
  });

  it('R-TRN-2: a snapshot loaded with nextIds above the highest ids starts there and keeps the other marks', () => {
    const s = load(withNextIds({ user: 5000, dataSource: 9000, tenant: 70 }));
    expect(s.idMarks).toEqual({ tenant: 70, role: 91, user: 5000, dataSource: 9000, oauthApp: 18, oauthProfile: 4 });
    const { snapshot, changes } = applyAllowed(s, newUser('u1'));
    expect(changes).toEqual([{ _tag: 'Created', kind: 'user', id: 5000 }]);
    expect(snapshot.nextIds).toEqual({ user: 5001, dataSource: 9000, tenant: 70 });
    const ds = applyAllowed(snapshot, req('AdminUser', 'POST', '/mgmt/datasources', { name: 'n' }));
    expect(ds.changes).toEqual([{ _tag: 'Created', kind: 'dataSource', id: 9000 }]);
    const tenant = applyAllowed(s, req('SysAdmin', 'POST', '/admin/tenants', { name: 'T', importedRoles: [88] }));
    expect(tenant.changes).toEqual([
      { _tag: 'Created', kind: 'tenant', id: 70 },
      { _tag: 'Created', kind: 'role', id: 91 },
    ]);
  });

  it('R-SNAP-1 R-TRN-2: a nextIds not above the highest id of its kind is rejected at load, with its path', () => {
    for (const nextIds of [{ user: 1400 }, { user: 7 }, { dataSource: 5442 }, { oauthProfile: 3 }]) {
      const r = loadSnapshot(withNextIds(nextIds));
      expect(E.isLeft(r)).toBe(true);
      if (E.isLeft(r)) expect(r.left.problems.some((p) => p.rule === 'R-SNAP-1' && p.path.startsWith('$.nextIds'))).toBe(true);
    }
    expect(E.isRight(loadSnapshot(withNextIds({ user: 1401, dataSource: 5443, oauthProfile: 4 })))).toBe(true);
  });
});
