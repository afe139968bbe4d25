import * as E from 'fp-ts/lib/Either.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffCommand, whatIfCommand, whyNotCommand } from '../../src/cli/change.js';
import type { ReadFile } from '../../src/cli/commands.js';

const gateway = readFileSync('examples/gateway.json', 'utf8');
const shared = JSON.parse(gateway);
shared.dataSources = shared.dataSources.map((d: { id: number }) => (d.id === 14 ? { ...d, sharedUsers: [{ userId: 1297, permissions: [2, 5] }, { userId: 1400, permissions: [2] }] } : d));
shared.users = shared.users.map((u: { id: number; userName: string }) => (u.id === 1297 ? { ...u, userName: 'SQL\u001b[31mUser' } : u));
const files: Record<string, string> = {
  'gateway.json': gateway,
  'shared.json': JSON.stringify(shared),
  'share.json': JSON.stringify({ actor: 'AdminUser', method: 'POST', path: '/api/mgmt/datasources/14/sharedUsers', body: { sharedUsers: [{ userId: 1297, permissions: [2] }] } }),
  'denied.json': JSON.stringify({ actor: 'SQLUser', method: 'GET', path: '/api/mgmt/datasources/13' }),
  'bad.json': '{',
};
const read: ReadFile = (path) => (path in files ? E.right(files[path] ?? '') : E.left('ENOENT: no such file'));

describe('the change commands', () => {
  it('R-AUD-3 diff --json lists the changed pairs with both sets and routes', () => {
    const r = diffCommand(['diff', '--before', 'gateway.json', '--after', 'shared.json', '--json'], read);
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.changes).toEqual([
      { userId: 1297, dataSourceId: 14, groupId: null, before: [], after: [2, 5], routeBefore: 'none', routeAfter: 'userShare' },
      // LockedUser (R-EFF-3) holds nothing while locked: no change
    ]);
    expect(out.users).toEqual([]);
    expect(out.next).toBeNull();
  });

  it('R-AUD-3 diff prints an aligned table with names escaped, and pages with a cursor', () => {
    const r = diffCommand(['diff', '--before', 'gateway.json', '--after', 'shared.json'], read);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('USER');
    expect(r.stdout).toContain('ROUTE AFTER');
    expect(r.stdout).not.toContain('\u001b');
    const empty = diffCommand(['diff', '--before', 'gateway.json', '--after', 'gateway.json', '--json'], read);
    expect(JSON.parse(empty.stdout)).toEqual({ changes: [], users: [], next: null });
  });

  it('diff refuses bad input with exit 2: a missing file, invalid JSON, a bad cursor, a missing option', () => {
    expect(diffCommand(['diff', '--before', 'nope.json', '--after', 'gateway.json'], read).exitCode).toBe(2);
    expect(diffCommand(['diff', '--before', 'bad.json', '--after', 'gateway.json'], read).exitCode).toBe(2);
    expect(diffCommand(['diff', '--before', 'gateway.json', '--after', 'gateway.json', '--after-cursor', 'x'], read).exitCode).toBe(2);
    expect(diffCommand(['diff', '--before', 'gateway.json'], read).exitCode).toBe(2);
    expect(diffCommand(['diff', '--before', 'gateway.json', '--after', 'gateway.json', '--limit', '0'], read).exitCode).toBe(2);
  });

  it('R-AUD-3 what-if --json reports each request and the diff; text shows both tables', () => {
    const r = whatIfCommand(['what-if', '--snapshot', 'gateway.json', '--request', 'share.json', '--json'], read);
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.requests).toEqual([{ index: 0, decision: 'allow', status: 201, operation: 'ShareWithUsers', reason: null, changes: 1 }]);
    expect(out.changes).toEqual([{ userId: 1297, dataSourceId: 14, groupId: null, before: [], after: [2], routeBefore: 'none', routeAfter: 'userShare' }]);
    const text = whatIfCommand(['what-if', '--snapshot', 'gateway.json', '--request', 'share.json'], read);
    expect(text.stdout).toMatch(/DECISION\s+STATUS/);
    expect(whatIfCommand(['what-if', '--snapshot', 'gateway.json', '--request', 'bad.json'], read).exitCode).toBe(2);
  });

  it('why-not --json lists verified suggestions, least privilege first (R-SHR-1)', () => {
    const r = whyNotCommand(['why-not', '--snapshot', 'gateway.json', '--request', 'denied.json', '--json'], read);
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.decision.status).toBe(403);
    expect(out.suggestions[0].changes[0]).toMatchObject({ _tag: 'ShareWithUser', dataSourceId: 13, userId: 1297, permissions: [2] });
    const text = whyNotCommand(['why-not', '--snapshot', 'gateway.json', '--request', 'denied.json'], read);
    expect(text.stdout).toContain('PRIVILEGE');
    expect(whyNotCommand(['why-not', '--snapshot', 'gateway.json'], read).exitCode).toBe(2);
  });

  it('progress goes to the callback only for work over a second', () => {
    const lines: string[] = [];
    diffCommand(['diff', '--before', 'gateway.json', '--after', 'shared.json'], read, (l) => lines.push(l));
    expect(lines).toEqual([]);
  });
});
