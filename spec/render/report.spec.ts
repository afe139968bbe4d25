/**
 * The HTML report's data and page (issue 8, item 9), without a browser: its cells are exactly the
 * pairs `effectiveAccess` says a user reaches (sparse, never all pairs), a diff marks exactly the
 * pairs whose shown access differs, traces are the text renderer's, and hostile names stay inert.
 * The page itself is exercised in headless chromium by spec/browser/report.spec.ts.
 */
import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { generateSnapshot } from '../../bench/generate.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { stateFactsOnce } from '../../src/model/trace.js';
import { effectiveAccess, reaches } from '../../src/rules/dataSourcePermissions.js';
import { explainAccess, routeName } from '../../src/rules/explainAccess.js';
import { traceToText } from '../../src/render/render.js';
import { buildReport, buildReportData, htmlText, jsonForScript, routeCodes, type ReportData, type ReportOptions } from '../../src/render/report.js';
import { reportScript, reportStyle } from '../../src/render/reportPage.js';
import { example, exampleJson, load } from '../helpers.js';

const small = (seed: number): SnapshotJson =>
  generateSnapshot(seed, { tenants: 5, users: 80, dataSources: 300, groups: 12, userShares: 400, tenantShares: 25, requests: 0 });

/** An edited copy: some user shares dropped, some data-source sets replaced, some users deactivated. */
const edited = (json: SnapshotJson): SnapshotJson => ({
  ...json,
  dataSources: (json.dataSources ?? []).map((d, i) => (i % 7 === 0 ? { ...d, sharedUsers: [] } : i % 11 === 0 && d.isGroup !== true ? { ...d, permissions: [2] } : d)),
  users: (json.users ?? []).map((u, i) => (i % 13 === 5 ? { ...u, statusInfo: { status: 0 } } : u)),
});

const dataOf = (snapshot: Snapshot, options: Omit<ReportOptions, 'source'> = {}): ReportData => {
  const r = buildReportData(snapshot, { source: 'test.json', ...options });
  if (E.isLeft(r)) throw new Error(`no report: ${r.left._tag}`);
  return r.right;
};

/** The cells of a report as `userId:dataSourceId` → what the cell holds, named by its fields. */
const cellsOf = (data: ReportData): ReadonlyMap<string, Readonly<Record<string, number>>> => {
  const out = new Map<string, Readonly<Record<string, number>>>();
  const stride = data.fields.length;
  for (const tenant of data.tenants) {
    for (let o = 0; o < tenant.cells.length; o += stride) {
      const cell: Record<string, number> = {};
      data.fields.forEach((f, i) => {
        cell[f] = tenant.cells[o + i] ?? Number.NaN;
      });
      const user = data.users[cell['u'] ?? -1];
      const ds = data.dataSources[cell['d'] ?? -1];
      if (user === undefined || ds === undefined) throw new Error('a cell points outside the tables');
      const key = `${user[0]}:${ds[0]}`;
      if (out.has(key)) throw new Error(`cell ${key} twice`);
      out.set(key, cell);
    }
  }
  return out;
};

/** What a pair shows in `snapshot` by brute force over every user and data source: `route permissions`, or none. */
const shownIn = (snapshot: Snapshot | undefined, userId: number, dsId: number): string => {
  const user = snapshot?.users.get(userId);
  const ds = snapshot?.dataSources.get(dsId);
  if (user === undefined || ds === undefined) return 'none';
  const access = effectiveAccess(user, ds);
  return reaches(access) ? `${routeCodes[routeName(access)]} ${access.permissions.ids.join(',')}` : 'none';
};

const shownInReport = (data: ReportData, cell: Readonly<Record<string, number>> | undefined, side: 'after' | 'before'): string => {
  if (cell === undefined) return 'none';
  const route = cell[side === 'after' ? 'r' : 'br'] ?? -1;
  const perms = data.permissions[cell[side === 'after' ? 'p' : 'bp'] ?? -1];
  return route === routeCodes.none || route === routeCodes.inactive ? 'none' : `${route} ${perms ?? '?'}`;
};

describe('report data (issue 8, item 9)', () => {
  it.each([
    ['the example', example()],
    ['a generated snapshot', load(small(7))],
  ])('its cells are exactly the pairs a user reaches, with their route and set (R-DSP-1, R-DSP-2, R-SHR-1, R-SHR-2, R-DSP-3, R-EFF-3): %s', (_, snapshot) => {
    const data = dataOf(snapshot);
    const cells = cellsOf(data);
    let reached = 0;
    for (const user of snapshot.users.values()) {
      for (const ds of snapshot.dataSources.values()) {
        const expected = shownIn(snapshot, user.id, ds.id);
        if (expected !== 'none') reached += 1;
        expect(shownInReport(data, cells.get(`${user.id}:${ds.id}`), 'after'), `user ${user.id} on ${ds.id}`).toBe(expected);
      }
    }
    expect(reached).toBeGreaterThan(0);
    expect(cells.size).toBe(reached);
    expect(data.cellCount).toBe(reached);
    expect(data.users.length).toBe(snapshot.users.size);
  });

  it('a diff marks exactly the pairs whose route or set changed, in either direction (R-AUD-3)', () => {
    const beforeJson = small(11);
    const before = load(beforeJson);
    const after = load(edited(beforeJson));
    const data = dataOf(after, { against: before, againstSource: 'before.json' });
    const cells = cellsOf(data);
    let changed = 0;
    for (const userId of after.users.keys()) {
      for (const dsId of after.dataSources.keys()) {
        const a = shownIn(after, userId, dsId);
        const b = shownIn(before, userId, dsId);
        const cell = cells.get(`${userId}:${dsId}`);
        if (a !== b) changed += 1;
        expect(shownInReport(data, cell, 'after'), `after: ${userId} on ${dsId}`).toBe(a);
        expect(shownInReport(data, cell, 'before'), `before: ${userId} on ${dsId}`).toBe(b);
        expect(cell?.['c'] ?? 0, `changed: ${userId} on ${dsId}`).toBe(a === b ? 0 : 1);
      }
    }
    expect(changed).toBeGreaterThan(10);
    expect(data.changed).toBe(changed);
  });

  it('a new route with the same set is a change: user share → tenant share (R-SHR-1, R-SHR-2, R-AUD-3)', () => {
    const text = JSON.stringify(exampleJson());
    const share = '"sharedUsers":[{"userId":921,"permissions":[2,3,5]}]';
    expect(text).toContain(share);
    const after = load(JSON.parse(text.replace(share, '"sharedTenants":[{"tenantId":56,"permissions":[2,3,5]}]')));
    const data = dataOf(after, { against: example() });
    const cell = cellsOf(data).get('921:5441');
    expect([cell?.['br'], cell?.['r'], cell?.['c']]).toEqual([routeCodes.userShare, routeCodes.tenantShare, 1]);
    expect(data.permissions[cell?.['p'] ?? -1]).toBe('2,3,5');
    expect(data.permissions[cell?.['bp'] ?? -1]).toBe('2,3,5');
  });

  it('a diff of a snapshot against itself marks nothing (R-AUD-3)', () => {
    const s = load(small(3));
    const data = dataOf(s, { against: s });
    expect(data.changed).toBe(0);
    expect([...cellsOf(data).values()].every((c) => c['c'] === 0)).toBe(true);
  });

  it('a cell carries the trace of explainAccess rendered by traceToText (R-TRC-1)', () => {
    const s = example();
    const data = dataOf(s);
    const cell = cellsOf(data).get('1297:13');
    const user = s.users.get(1297);
    const ds = s.dataSources.get(13);
    if (cell === undefined || user === undefined || ds === undefined) throw new Error('example changed');
    expect(data.traces[cell['t'] ?? -1]).toBe(`trace:\n${traceToText(stateFactsOnce([explainAccess(s, user, ds).step]))}`);
    expect(data.traces[cell['t'] ?? -1]).toContain('R-SHR-1');
  });

  it('over its trace budget, the report embeds no trace and says so', () => {
    const data = dataOf(example(), { traceBudget: 5 });
    expect(data.withTraces).toBe(false);
    expect(data.traces).toEqual([]);
    expect(data.fields).toEqual(['u', 'd', 'r', 'p']);
    expect(dataOf(example(), { traceBudget: data.cellCount }).withTraces).toBe(true);
  });

  it('--tenant keeps one tenant; an unknown tenant is an error', () => {
    const data = dataOf(example(), { tenant: 56 });
    expect(data.tenants.map((t) => t.id)).toEqual([56]);
    expect(data.users.map((u) => u[0])).toEqual([921, 1297, 1400]);
    expect(buildReportData(example(), { source: 'x', tenant: 99 })).toEqual(E.left({ _tag: 'UnknownTenant', tenantId: 99 }));
  });
});

describe('report page', () => {
  const hostileName = '<script>alert(1)</script>"\'\u202e\n\u2028&lt;';
  const hostile = (): Snapshot => {
    const json = exampleJson();
    const text = JSON.stringify(json).replace('"SQLUser"', JSON.stringify(hostileName)).replace('"Oracle_Test"', JSON.stringify(`</script>${hostileName}`));
    return load(JSON.parse(text));
  };

  it('hostile names stay inert: one data block, no raw markup, bidi or separator from a name (R-TRC-1)', () => {
    const r = buildReport(hostile(), { source: '<b>"x".json' });
    if (E.isLeft(r)) throw new Error('no report');
    const html = r.right.html;
    expect(html.match(/<script/g)?.length).toBe(2);
    expect(html.match(/<\/script>/g)?.length).toBe(2);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('\u202e');
    expect(html).not.toContain('\u2028');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;b&gt;&quot;x&quot;.json');
    const block = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const parsed: unknown = JSON.parse(block);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(buildReportDataOrThrow(hostile(), '<b>"x".json'))));
    const users = JSON.stringify(parsed);
    expect(users).toContain(JSON.stringify('<script>alert(1)</script>"\'\\u202e\\n\\u2028&lt;').slice(1, -1));
  });

  it('allows only its own script and style, by hash, and no network (Content-Security-Policy)', () => {
    const r = buildReport(example(), { source: 'gateway.json' });
    if (E.isLeft(r)) throw new Error('no report');
    const hash = (s: string): string => createHash('sha256').update(s, 'utf8').digest('base64');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(r.right.html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'sha256-${hash(reportScript)}'`);
    expect(csp).toContain(`style-src 'sha256-${hash(reportStyle)}'`);
    expect(r.right.html).toContain(`<script>${reportScript}</script>`);
    expect(r.right.html).toContain(`<style>${reportStyle}</style>`);
    expect(r.right.html).not.toMatch(/(src|href)="?https?:/);
  });

  it('jsonForScript and htmlText escape what could end a block or open a tag', () => {
    expect(jsonForScript({ a: '</script><!--&\u2028\u2029' })).toBe('{"a":"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028\\u2029"}');
    expect(JSON.parse(jsonForScript({ a: '</script>&' }))).toEqual({ a: '</script>&' });
    expect(htmlText(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

const buildReportDataOrThrow = (s: Snapshot, source: string): ReportData => {
  const r = buildReportData(s, { source });
  if (E.isLeft(r)) throw new Error('no report');
  return r.right;
};
