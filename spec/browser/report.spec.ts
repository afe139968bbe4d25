/**
 * The HTML report in a real browser (issue 8, item 9): Debian's chromium at /usr/bin/chromium,
 * driven by playwright-core (no browser download). Pages are written to a temporary folder and
 * opened from file:// URLs. The test never skips: a missing browser fails it (`npm test`
 * installs chromium with apt-get first, see scripts/ensure-chromium.mjs).
 *
 * It clicks a cell and checks the trace, uses both filters, checks the diff highlighting against
 * a second snapshot, checks hostile names stay text, pages through a generated snapshot, and
 * saves docs/report-screenshot.png.
 */
import * as E from 'fp-ts/lib/Either.js';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSnapshot, quickSize } from '../../bench/generate.js';
import { reportCommand } from '../../src/cli/report.js';
import type { ReadFile } from '../../src/cli/commands.js';

/** Debian's chromium (node.md: the pair playwright-core + /usr/bin/chromium is known to work here). */
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const screenshotPath = join(process.cwd(), 'docs', 'report-screenshot.png');

interface Json {
  [key: string]: unknown;
}
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isJson) : []);

const exampleText = readFileSync(join(process.cwd(), 'examples', 'gateway.json'), 'utf8');
/** A fresh copy of examples/gateway.json to edit. */
const example = (): Json => {
  const v: unknown = JSON.parse(exampleText);
  if (!isJson(v)) throw new Error('examples/gateway.json is not an object');
  return v;
};
const byId = (items: unknown, id: number): Json => {
  const found = list(items).find((x) => x['id'] === id);
  if (found === undefined) throw new Error(`no item ${id}`);
  return found;
};

/**
 * The "after" snapshot of the diff: ODataUser's share of 5441 shrinks to [2] (changed), SQLUser gets
 * a share of 14 (added), and 800's share with tenant 56 goes (removed for ODataUser and SQLUser).
 */
const changedExample = (): Json => {
  const s = example();
  byId(s['dataSources'], 5441)['sharedUsers'] = [{ userId: 921, permissions: [2] }];
  byId(s['dataSources'], 14)['sharedUsers'] = [{ userId: 1297, permissions: [2] }];
  delete byId(s['dataSources'], 800)['sharedTenants'];
  return s;
};

/** Names a page must show as text: markup, quotes, a bidi override, a line feed. */
const hostileUser = '<script>window.__pwned=1</script>"\'\u202eevil\nline';
const hostileDataSource = '</script><img src=x onerror="window.__pwned=2">&amp;';
const hostileExample = (): Json => {
  const s = example();
  byId(s['users'], 1297)['userName'] = hostileUser;
  byId(s['dataSources'], 13)['name'] = hostileDataSource;
  return s;
};

let dir = '';
let context: BrowserContext | undefined;
let launchError = '';
let profile = '';
const requests: string[] = [];
const pageErrors: string[] = [];
const dialogs: string[] = [];

/** Writes the snapshots, runs `report` like the CLI does, writes the page, returns its file:// URL. */
const reportPage = (name: string, snapshots: Readonly<Record<string, string>>, args: ReadonlyArray<string>): string => {
  const read: ReadFile = (path) => {
    const text = snapshots[path];
    return text === undefined ? E.left(`no file \`${path}\``) : E.right(text);
  };
  const out = join(dir, `${name}.html`);
  const result = reportCommand([...args, '--out', out], read);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  const page = result.files?.[0];
  if (page === undefined) throw new Error('report wrote no page');
  writeFileSync(page.path, page.text);
  return pathToFileURL(out).href;
};

const open = async (url: string): Promise<Page> => {
  if (context === undefined) throw new Error(launchError === '' ? 'no browser' : launchError);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
};

const cell = (page: Page, user: number, ds: number) => page.locator(`td[data-user="${user}"][data-ds="${ds}"]`);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'report-browser-'));
  // a missing browser fails every test below (never a skip, issue 8 item 9): the error is kept and thrown by `open`
  if (!existsSync(chromiumPath)) {
    launchError = `chromium is missing at \`${chromiumPath}\`: \`npm test\` installs it (apt-get install -y chromium)`;
    return;
  }
  try {
    profile = mkdtempSync(join(tmpdir(), 'report-chromium-profile-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      args: flags,
      viewport: { width: 1360, height: 760 },
    });
    context.on('request', (r) => requests.push(r.url()));
  } catch (e) {
    launchError = `chromium at \`${chromiumPath}\` did not start: ${e instanceof Error ? e.message : String(e)}`;
  }
}, 120_000);

afterAll(async () => {
  await context?.close();
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
  if (profile !== '') rmSync(profile, { recursive: true, force: true });
});

describe('the HTML report in headless chromium', () => {
  it('a click on a cell shows its trace (R-SHR-1, R-TRC-1), and the legend names every route by letter', async () => {
    const page = await open(reportPage('example', { 'gateway.json': exampleText }, ['--snapshot', 'gateway.json']));
    await page.selectOption('#tenant', { label: 'OrgA (56)' });
    const target = cell(page, 1297, 13);
    await expect(target.textContent()).resolves.toBe('U 6');
    expect(await target.getAttribute('class')).toContain('r-userShare');
    await target.click();
    const trace = page.locator('#trace');
    await expect(trace.textContent()).resolves.toContain('R-SHR-1 user share in force');
    expect(await trace.textContent()).toContain('`SQLUser` has [6] on data source 13');
    expect(await target.getAttribute('class')).toContain('selected');
    const legend = (await page.locator('#legend').textContent()) ?? '';
    for (const [letter, rule] of [['O', 'R-DSP-2'], ['D', 'R-DSP-1'], ['U', 'R-SHR-1'], ['T', 'R-SHR-2'], ['G', 'R-GRP-1'], ['I', 'R-EFF-3']]) {
      expect(legend).toContain(`${letter}`);
      expect(legend).toContain(rule ?? '');
    }
    // the tenant share of 800 (R-SHR-2) is a `T` cell, the override of 18 (R-DSP-1) a `D` cell
    await expect(cell(page, 1297, 800).textContent()).resolves.toBe('T 2,7');
    await expect(cell(page, 921, 18).textContent()).resolves.toBe('D 2-4,7,10');
    await page.close();
  });

  it('filters by user and by data source', async () => {
    const page = await open(reportPage('filters', { 'gateway.json': exampleText }, ['--snapshot', 'gateway.json']));
    await page.selectOption('#tenant', { label: 'OrgA (56)' });
    await expect(page.locator('#matrix tbody tr').count()).resolves.toBe(3);
    await page.fill('#user-filter', 'sql');
    await expect(page.locator('#matrix tbody tr').count()).resolves.toBe(1);
    expect(await page.locator('#matrix tbody th').textContent()).toContain('SQLUser');
    await page.fill('#user-filter', '');
    await page.fill('#ds-filter', 'warehouse');
    // the users of OrgA reaching 800 through its tenant share; LockedUser reaches nothing (R-EFF-3)
    await expect(page.locator('#matrix tbody tr').count()).resolves.toBe(2);
    await expect(page.locator('#matrix thead th').count()).resolves.toBe(2);
    expect(await page.locator('#matrix thead th').nth(1).textContent()).toContain('#800');
    await page.fill('#ds-filter', '5441');
    await expect(page.locator('#matrix tbody tr').count()).resolves.toBe(1);
    await page.fill('#ds-filter', 'no such data source');
    expect(await page.locator('#summary').textContent()).toContain('no cell matches');
    await page.fill('#ds-filter', '');
    await page.fill('#user-filter', 'adminuser');
    expect(await page.locator('#summary').textContent()).toContain('Users matching the filter are in: System (1).');
    await page.close();
  });

  it('diff mode highlights the cells that changed, with both traces', async () => {
    const after = JSON.stringify(changedExample());
    const page = await open(reportPage('diff', { 'before.json': exampleText, 'after.json': after }, ['--snapshot', 'after.json', '--against', 'before.json']));
    await page.selectOption('#tenant', { label: 'OrgA (56)' });
    await expect(page.locator('td.cell.changed').count()).resolves.toBe(4);
    expect(await cell(page, 1297, 14).getAttribute('data-change')).toBe('added');
    expect(await cell(page, 921, 5441).getAttribute('data-change')).toBe('changed');
    expect(await cell(page, 921, 800).getAttribute('data-change')).toBe('removed');
    expect(await cell(page, 1297, 800).getAttribute('data-change')).toBe('removed');
    expect(await cell(page, 1297, 13).getAttribute('data-change')).toBeNull();
    await expect(cell(page, 921, 5441).textContent()).resolves.toBe('~U 2');
    await expect(cell(page, 921, 800).textContent()).resolves.toBe('\u2212T 2,7');
    await page.check('#changed-only');
    await expect(page.locator('#matrix tbody tr').count()).resolves.toBe(2);
    await expect(page.locator('#matrix thead th').count()).resolves.toBe(4);
    await cell(page, 921, 5441).click();
    const trace = (await page.locator('#trace').textContent()) ?? '';
    expect(trace).toContain('CHANGED');
    expect(trace).toContain('before: user share (U, R-SHR-1): [2,3,5]');
    expect(trace).toContain('after:  user share (U, R-SHR-1): [2]');
    expect(trace).toMatch(/before:\n {2}✓ R-SHR-1 effective permissions on data source 5441/);
    await page.uncheck('#changed-only');
    mkdirSync(join(process.cwd(), 'docs'), { recursive: true });
    await page.screenshot({ path: screenshotPath });
    expect(existsSync(screenshotPath)).toBe(true);
    await page.close();
  });

  it('hostile names stay text: no markup, no script, no bidi override (R-TRC-1)', async () => {
    const page = await open(reportPage('hostile', { 'hostile.json': JSON.stringify(hostileExample()) }, ['--snapshot', 'hostile.json']));
    await page.selectOption('#tenant', { label: 'OrgA (56)' });
    await expect(page.evaluate('typeof window.__pwned')).resolves.toBe('undefined');
    await expect(page.locator('script').count()).resolves.toBe(2);
    await expect(page.locator('img').count()).resolves.toBe(0);
    const row = (await page.locator('#matrix tbody th', { hasText: 'evil' }).textContent()) ?? '';
    expect(row).toContain('<script>window.__pwned=1</script>"\'\\u202eevil\\nline');
    expect(row).not.toContain('\u202e');
    const header = (await page.locator('#matrix thead th', { hasText: '#13' }).textContent()) ?? '';
    expect(header).toContain('</script><img src=x onerror="window.__pwned=2">&amp;');
    await cell(page, 1297, 13).click();
    const trace = (await page.locator('#trace').textContent()) ?? '';
    expect(trace).toContain('`<script>window.__pwned=1</script>"\'\\u202eevil\\nline` has [6] on data source 13');
    expect(trace).not.toContain('\u202e');
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('pages through a generated snapshot: the DOM holds one window, never the whole matrix', async () => {
    const big = JSON.stringify(generateSnapshot(20240501, { ...quickSize, users: 600, dataSources: 3_000, groups: 60, userShares: 6_000, tenantShares: 150 }));
    const page = await open(reportPage('paged', { 'big.json': big }, ['--snapshot', 'big.json', '--trace-budget', '0']));
    await page.selectOption('#tenant', { index: 1 });
    const rows = await page.locator('#matrix tbody tr').count();
    const columns = (await page.locator('#matrix thead th').count()) - 1;
    expect(rows).toBe(40);
    expect(columns).toBe(24);
    const info = (await page.locator('#row-info').textContent()) ?? '';
    expect(info).toMatch(/^users 1–40 of \d+$/);
    await page.click('#next-row');
    expect(await page.locator('#row-info').textContent()).toMatch(/^users 41–/);
    await page.click('#next-col');
    expect(await page.locator('#col-info').textContent()).toMatch(/^data sources 25–/);
    const any = page.locator('td.cell').first();
    await any.click();
    const hint = (await page.locator('#trace').textContent()) ?? '';
    expect(hint).toContain('trace not embedded: this report holds');
    expect(hint).toMatch(/datasource-authz explain --snapshot big\.json --user \S+ --datasource \d+/);
    await page.close();
  });

  it('opens nothing but its own file, and throws no error', () => {
    expect(launchError).toBe('');
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
