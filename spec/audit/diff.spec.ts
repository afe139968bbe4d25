import * as E from 'fp-ts/lib/Either.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../src/audit/diff.js';
import { whatIf } from '../../src/audit/whatIf.js';
import { compareKeys, decodeCompositeCursor, paginateComposite } from '../../src/audit/cursor.js';
import type { Request } from '../../src/codec/request.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { encodeSnapshot, loadSnapshot, parseSnapshot } from '../../src/snapshot/load.js';
import { apply } from '../../src/transition/apply.js';

const text = readFileSync('examples/gateway.json', 'utf8');
const loaded = parseSnapshot(text);
if (E.isLeft(loaded)) throw new Error('examples/gateway.json does not load');
const gateway: Snapshot = loaded.right;
const http = (request: Extract<Request, { _tag: 'Http' }>['request']): Request => ({ _tag: 'Http', request });
const applied = (s: Snapshot, ...requests: Request[]): Snapshot => requests.reduce((acc, r) => apply(acc, r).snapshot, s);

describe('diff (R-AUD-3)', () => {
  it('R-AUD-3 is empty for a snapshot against itself and against its own reload', () => {
    expect(diffSnapshots(gateway, gateway)).toEqual({ changes: [], users: [] });
    const reloaded = loadSnapshot(JSON.parse(JSON.stringify(encodeSnapshot(gateway))));
    if (E.isLeft(reloaded)) throw new Error('reload failed');
    expect(diffSnapshots(gateway, reloaded.right)).toEqual({ changes: [], users: [] });
  });

  it('R-AUD-3, R-SHR-1: a new user share lists the recipient with both sets and both routes', () => {
    const after = applied(gateway, http({ actor: 'AdminUser', method: 'POST', path: '/api/mgmt/datasources/14/sharedUsers', body: { sharedUsers: [{ userId: 1297, permissions: [2, 5] }] } }));
    const d = diffSnapshots(gateway, after);
    expect(d.changes).toEqual([{ userId: 1297, dataSourceId: 14, groupId: null, before: [], after: [2, 5], routeBefore: 'none', routeAfter: 'userShare' }]);
    expect(d.users).toEqual([]);
  });

  it('R-AUD-3, R-SHR-4: updating a share lists the exact sets; removing it lists the loss', () => {
    const updated = applied(gateway, http({ actor: 'AdminUser', method: 'PUT', path: '/api/mgmt/datasources/13/sharedUsers/1297', body: { permissions: [2, 6] } }));
    expect(diffSnapshots(gateway, updated).changes.filter((c) => c.groupId === null)).toEqual([{ userId: 1297, dataSourceId: 13, groupId: null, before: [6], after: [2, 6], routeBefore: 'userShare', routeAfter: 'userShare' }]);
    const removed = applied(gateway, http({ actor: 'AdminUser', method: 'DELETE', path: '/api/mgmt/datasources/13/sharedUsers/1297' }));
    expect(diffSnapshots(gateway, removed).changes.find((c) => c.dataSourceId === 13 && c.groupId === null)).toMatchObject({ userId: 1297, before: [6], after: [], routeAfter: 'none' });
  });

  it('R-AUD-3, R-EFF-1, R-DSP-2: a user permission change lists the user and its owned data sources without a set', () => {
    const after = applied(gateway, http({ actor: 'AdminUser', method: 'PUT', path: '/api/admin/users/921', body: { permissions: { roles: [...(gateway.users.get(921)?.roles ?? [])], permissions: [2] } } }));
    const d = diffSnapshots(gateway, after);
    expect(d.users.map((u) => [u.userId, u.before.permissions, u.after.permissions])).toEqual([[921, [7], [2, 7]]]);
    expect(d.changes.filter((c) => c.groupId === null).map((c) => [c.userId, c.dataSourceId, c.before, c.after, c.routeAfter])).toEqual([[921, 16, [7], [2, 7], 'owner']]); // 18 has a set (R-DSP-1): unchanged
  });

  it('R-AUD-3, R-OBO-2: administrative access changes are listed with the on-behalf-of reach', () => {
    const after = applied(gateway, http({ actor: 'SysAdmin', method: 'PUT', path: '/api/admin/users/7/tenantsadministered', body: { tenantsAdministered: [56] } }));
    const d = diffSnapshots(gateway, after);
    const admin = d.users.find((u) => u.userId === 7);
    expect(admin?.before.tenantsAdministered).toEqual([56, 57]);
    expect(admin?.after.tenantsAdministered).toEqual([56]);
    expect(admin?.before.actsFor).toContain(1300);
    expect(admin?.after.actsFor).not.toContain(1300);
  });

  it('R-AUD-3: changes are ordered by user, then data source, then group', () => {
    const after = applied(
      gateway,
      http({ actor: 'AdminUser', method: 'POST', path: '/api/mgmt/datasources/14/sharedUsers', body: { sharedUsers: [{ userId: 1297, permissions: [2] }] } }),
      http({ actor: 'AdminUser', method: 'POST', path: '/api/mgmt/datasources/5442/sharedTenants', body: { sharedTenants: [{ tenantId: 56, permissions: [2] }] } }),
    );
    const keys = diffSnapshots(gateway, after).changes.map((c) => [c.userId, c.dataSourceId, c.groupId ?? -1]);
    expect(keys.length).toBeGreaterThan(2);
    expect([...keys].sort((a, b) => compareKeys(a, b))).toEqual(keys);
  });
});

describe('what-if', () => {
  it('R-AUD-3, R-TRN-1: what-if equals the diff against the applied snapshot and writes nothing', () => {
    const before = JSON.stringify(encodeSnapshot(gateway));
    const requests = [
      http({ actor: 'AdminUser', method: 'POST', path: '/api/mgmt/datasources/14/sharedUsers', body: { sharedUsers: [{ userId: 1297, permissions: [2] }] } }),
      http({ actor: 'SQLUser', method: 'DELETE', path: '/api/mgmt/datasources/14' }),
    ];
    const w = whatIf(gateway, requests);
    expect(w.outcomes.map((o) => [o.decision, o.status])).toEqual([['allow', 201], ['deny', 403]]);
    expect(w.diff).toEqual(diffSnapshots(gateway, applied(gateway, ...requests)));
    expect(JSON.stringify(encodeSnapshot(gateway))).toBe(before);
  });
});

describe('composite cursors', () => {
  it('pages cover the answer exactly once, whatever the page size, and bad cursors are refused', () => {
    const items = [[0, 1, 2], [0, 1, 2, 5], [0, 1, 3], [0, 2, 1], [1, 1], [1, 4]];
    for (const limit of [1, 2, 4, 10]) {
      const seen: number[][] = [];
      let after: string | undefined;
      for (;;) {
        const page = paginateComposite(items, (x) => x, { after, limit });
        if (E.isLeft(page)) throw new Error(page.left.message);
        seen.push(...page.right.items);
        if (page.right.next === null) break;
        after = page.right.next;
      }
      expect(seen).toEqual(items);
    }
    expect(E.isLeft(decodeCompositeCursor('1.x'))).toBe(true);
    expect(E.isLeft(decodeCompositeCursor(''))).toBe(true);
  });
});
