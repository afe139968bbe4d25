import * as E from 'fp-ts/lib/Either.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyFixes, whyNot } from '../../src/audit/whyNot.js';
import type { Request } from '../../src/codec/request.js';
import { decide } from '../../src/decide/decide.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { parseSnapshot } from '../../src/snapshot/load.js';

const loaded = parseSnapshot(readFileSync('examples/gateway.json', 'utf8'));
if (E.isLeft(loaded)) throw new Error('examples/gateway.json does not load');
const gateway: Snapshot = loaded.right;
const http = (request: Extract<Request, { _tag: 'Http' }>['request']): Request => ({ _tag: 'Http', request });

const verified = (s: Snapshot, r: Request): void => {
  const w = whyNot(s, r);
  expect(w.suggestions.length).toBeGreaterThan(0);
  for (const x of w.suggestions) {
    const changed = applyFixes(s, x.fixes);
    expect(changed).toBeDefined();
    if (changed !== undefined) expect(decide(changed, r).decision).toBe('allow');
  }
  const costs = w.suggestions.map((x) => x.cost);
  expect([...costs].sort((a, b) => a - b)).toEqual(costs);
};

describe('why-not', () => {
  it('R-SHR-1, R-SHR-4: a recipient lacking View on a shared data source is offered View added to its share first', () => {
    const r = http({ actor: 'SQLUser', method: 'GET', path: '/api/mgmt/datasources/13' });
    const w = whyNot(gateway, r);
    expect(w.decision.status).toBe(403);
    expect(w.suggestions[0]?.fixes).toEqual([{ _tag: 'ShareWithUser', dataSourceId: 13, userId: 1297, permissions: [2] }]);
    verified(gateway, r);
  });

  it('R-REQ-3, R-DSP-3: an unreachable data source (404) is offered a share with the permission the operation needs', () => {
    const r = http({ actor: 'SQLUser', method: 'GET', path: '/api/mgmt/datasources/14' });
    const w = whyNot(gateway, r);
    expect(w.decision.status).toBe(404);
    expect(w.suggestions[0]?.fixes).toEqual([{ _tag: 'ShareWithUser', dataSourceId: 14, userId: 1297, permissions: [2] }]);
    verified(gateway, r);
  });

  it('R-OBO-2, R-ADM-1: a failed on-behalf-of gate is offered the missing parts, never Administrator (12) when they suffice', () => {
    const r = http({ actor: 'admin2', method: 'GET', path: '/api/mgmt/datasources/16/permissions', query: { user: 'ODataUser' } });
    const w = whyNot(gateway, r);
    expect(w.decision.status).toBe(403);
    expect(w.suggestions.some((x) => x.fixes.some((f) => f._tag === 'Administrator'))).toBe(false);
    expect(w.suggestions[0]?.fixes.map((f) => f._tag)).toContain('AddUserPermission');
    verified(gateway, r);
  });

  it('R-EFF-3: a locked actor is offered to be unlocked', () => {
    const r = http({ actor: 'LockedUser', method: 'GET', path: '/api/mgmt/permissions' });
    expect(whyNot(gateway, r).suggestions[0]?.fixes).toEqual([{ _tag: 'Activate', userId: 1400 }]);
    verified(gateway, r);
  });

  it('R-ADM-1: an Administrator-only operation is offered Administrator (12), the only way', () => {
    const r = http({ actor: 'AdminUser', method: 'GET', path: '/api/admin/system/nodes' });
    const w = whyNot(gateway, r);
    expect(w.suggestions.map((x) => x.fixes)).toEqual([[{ _tag: 'Administrator', userId: 7 }]]);
  });

  it('R-USE-1, R-SHR-1: a query channel outside the share is offered that channel on the share', () => {
    const r: Request = { _tag: 'Use', request: { actor: 'SQLUser', use: { dataSource: 13, via: 'JDBC' } } };
    expect(whyNot(gateway, r).suggestions[0]?.fixes).toEqual([{ _tag: 'ShareWithUser', dataSourceId: 13, userId: 1297, permissions: [5] }]);
    verified(gateway, r);
  });

  it('an allowed request needs nothing; a payload error (400) has no suggestion', () => {
    expect(whyNot(gateway, http({ actor: 'AdminUser', method: 'GET', path: '/api/mgmt/datasources/13' })).suggestions).toEqual([]);
    const w = whyNot(gateway, http({ actor: 'AdminUser', method: 'POST', path: '/api/mgmt/datasources/13/sharedUsers', body: [] }));
    expect(w.decision.status).toBe(400);
    expect(w.suggestions).toEqual([]);
  });
});
