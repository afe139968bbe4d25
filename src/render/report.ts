/**
 * The HTML access report (issue 8, item 9): one self-contained page that shows, per tenant, a
 * matrix of users × data sources whose cells are the effective permissions of SPEC §3, coloured
 * by route and marked with a letter per route (legible without colour), with each cell's trace,
 * a filter by user or data source, and a diff mode against a second snapshot.
 *
 * Sparse by construction: only the (user, data source) pairs a user reaches are emitted (the
 * candidates are the user's own data sources, its user shares and its tenant's shares, from the
 * snapshot's indices; `effectiveAccess` decides each one — no route is decided here). The page
 * renders one window of rows and columns at a time, so a benchmark-sized snapshot (20,000 users
 * × 102,000 data sources, about 10⁶ reachable pairs) stays usable.
 *
 * INVARIANT (inert data): every string from a snapshot (names, and the trace texts that quote
 * them) reaches the page only inside the JSON data block, with `<`, `>`, `&`, U+2028 and U+2029
 * written as `\uXXXX` escapes, so no name can close the block or open a tag; names are passed
 * through `escapeText` first (no bidi override, line break or invisible character survives),
 * and the page's script places them with `textContent`, never as markup. A Content-Security-
 * Policy allows only the page's own script and style (by hash) and no network at all.
 */
import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { show } from '../catalog/permissionSet.js';
import { escapeText as esc } from '../codec/escape.js';
import type { DataSource, DataSourceId, Snapshot, TenantId, User, UserId } from '../model/snapshot.js';
import { stateFactsOnce, type RouteName } from '../model/trace.js';
import type { EffectiveAccess } from '../rules/access.js';
import { effectiveAccess, reaches } from '../rules/dataSourcePermissions.js';
import { explainAccess, routeName } from '../rules/explainAccess.js';
import { traceToText } from './render.js';
import { reportScript, reportStyle } from './reportPage.js';

/** What the report shows and how much it embeds. */
export interface ReportOptions {
  /** Only this tenant's users (all tenants when absent). */
  readonly tenant?: TenantId;
  /** The snapshot to compare against (the "before"); diff mode when present. */
  readonly against?: Snapshot;
  /** Shown in the page header: where the snapshot came from. */
  readonly source: string;
  /** Shown in the page header in diff mode: where the `against` snapshot came from. */
  readonly againstSource?: string;
  /** Traces are embedded when the report holds at most this many cells (default `defaultTraceBudget`). */
  readonly traceBudget?: number;
}

/** Cells up to which every cell's trace is embedded in the page (beyond it, the page says how to get one). */
export const defaultTraceBudget = 20_000;

/** Why a report could not be made. */
export type ReportError = { readonly _tag: 'UnknownTenant'; readonly tenantId: TenantId };

/** Counts of what a report holds. */
export interface ReportStats {
  readonly tenants: number;
  readonly users: number;
  readonly dataSources: number;
  readonly cells: number;
  readonly changed: number;
  readonly tracesEmbedded: boolean;
}

/** The data block of the page: tables of users, data sources, permission lists and traces, and per tenant its cells. */
export interface ReportData {
  readonly version: 1;
  readonly source: string;
  readonly against: string | null;
  readonly tenantFilter: TenantId | null;
  readonly diff: boolean;
  readonly withTraces: boolean;
  readonly traceBudget: number;
  readonly cellCount: number;
  readonly changed: number;
  /** The meaning of each number of a cell, in order (`u` user row, `d` data-source row, `r` route code, `p` permission list, `t` trace, `br`/`bp`/`bt` the same before, `c` changed). */
  readonly fields: ReadonlyArray<string>;
  /** `[id, name (escaped), status: a active, i inactive, l locked]`. */
  readonly users: ReadonlyArray<readonly [UserId, string, string]>;
  /** `[id, name (escaped), owner, 1 for a group]`, only the data sources some cell reaches. */
  readonly dataSources: ReadonlyArray<readonly [DataSourceId, string, UserId, number]>;
  /** Permission lists as `1,2,7` (empty for none). */
  readonly permissions: ReadonlyArray<string>;
  /** Trace texts (`traceToText`), shared by the cells that have the same one. */
  readonly traces: ReadonlyArray<string>;
  /** Per tenant: its user rows and its cells, `fields.length` numbers a cell. */
  readonly tenants: ReadonlyArray<{ readonly id: TenantId; readonly name: string; readonly users: ReadonlyArray<number>; readonly cells: ReadonlyArray<number> }>;
}

/** Route codes of the page's data (`r`, `br`), in the order of the page's legend. */
export const routeCodes: Readonly<Record<RouteName, number>> = { none: 0, owner: 1, override: 2, userShare: 3, tenantShare: 4, group: 5, inactive: 6, administrator: 7 };

/** A report: the page's HTML and its counts. */
export interface Report {
  readonly html: string;
  readonly stats: ReportStats;
}


/** The access in one snapshot, or null when the user or the data source does not exist there. */
interface Side {
  readonly user: User;
  readonly dataSource: DataSource;
  readonly access: EffectiveAccess;
}

interface Cell {
  readonly userIndex: number;
  readonly dataSourceId: DataSourceId;
  readonly after: Side | null;
  readonly before: Side | null;
  readonly changed: boolean;
}

const sideIn = (snapshot: Snapshot, userId: UserId, dataSourceId: DataSourceId): Side | null => {
  const user = snapshot.users.get(userId);
  const dataSource = snapshot.dataSources.get(dataSourceId);
  return user === undefined || dataSource === undefined ? null : { user, dataSource, access: effectiveAccess(user, dataSource) };
};

const reached = (side: Side | null): boolean => side !== null && reaches(side.access);

/** What a cell shows: the route and the set when reached, nothing otherwise (a diff compares these). */
const shown = (side: Side | null): string => (side !== null && reaches(side.access) ? `${routeName(side.access)} ${show(side.access.permissions)}` : 'none');

/** The data sources `userId` may reach in `snapshot`: its own, its user shares, its tenant's shares (candidates only). */
const candidates = (snapshot: Snapshot, userId: UserId, into: Set<DataSourceId>): void => {
  const user = snapshot.users.get(userId);
  if (user === undefined) return;
  for (const id of snapshot.dataSourcesByOwner.get(userId) ?? []) into.add(id);
  for (const id of snapshot.userSharesByRecipient.get(userId) ?? []) into.add(id);
  for (const id of snapshot.tenantSharesByTenant.get(user.tenantId) ?? []) into.add(id);
};

const statusCode = (user: User): string => (user.accountLocked ? 'l' : user.status === 1 ? 'a' : 'i');

/** JSON placed in an HTML `<script type="application/json">`: no `<`, `>`, `&`, U+2028 or U+2029 left raw. */
export const jsonForScript = (value: unknown): string =>
  (JSON.stringify(value) ?? 'null').replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Text for HTML element content or a quoted attribute value. */
export const htmlText = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64');

const traceOf = (snapshot: Snapshot, side: Side | null, userId: UserId, dataSourceId: DataSourceId, label: string): string => {
  if (side === null) {
    const missing = snapshot.users.get(userId) === undefined ? `user ${userId}` : `data source ${dataSourceId}`;
    return `${label}: ${missing} does not exist in this snapshot: no permissions`;
  }
  const explained = explainAccess(snapshot, side.user, side.dataSource);
  return `${label}:\n${traceToText(stateFactsOnce([explained.step]))}`;
};

/** Builds the report page for `snapshot` (and the diff against `options.against`). */
export const buildReport = (snapshot: Snapshot, options: ReportOptions): E.Either<ReportError, Report> => {
  const data = buildReportData(snapshot, options);
  if (E.isLeft(data)) return data;
  const d = data.right;
  const stats: ReportStats = { tenants: d.tenants.length, users: d.users.length, dataSources: d.dataSources.length, cells: d.cellCount, changed: d.changed, tracesEmbedded: d.withTraces };
  return E.right({ html: page(jsonForScript(d), options), stats });
};

/** The page's data for `snapshot` (and the diff against `options.against`): only the pairs reached in either. */
export const buildReportData = (snapshot: Snapshot, options: ReportOptions): E.Either<ReportError, ReportData> => {
  const before = options.against;
  const diff = before !== undefined;
  if (options.tenant !== undefined && !snapshot.tenants.has(options.tenant) && !(before?.tenants.has(options.tenant) ?? false)) {
    return E.left({ _tag: 'UnknownTenant', tenantId: options.tenant });
  }
  // users by the tenant they are in now (or were in, when the diff's "after" has lost them)
  const userIds = new Set<UserId>(snapshot.users.keys());
  if (before !== undefined) for (const id of before.users.keys()) userIds.add(id);
  const tenantOf = (id: UserId): TenantId => snapshot.users.get(id)?.tenantId ?? before?.users.get(id)?.tenantId ?? 0;
  const userOf = (id: UserId): User | undefined => snapshot.users.get(id) ?? before?.users.get(id);
  const sortedUsers = [...userIds].sort((a, b) => a - b).filter((id) => options.tenant === undefined || tenantOf(id) === options.tenant);

  const userRows: Array<readonly [UserId, string, string]> = [];
  const cells: Cell[] = [];
  const byTenant = new Map<TenantId, { users: number[]; firstCell: number; cells: number[] }>();
  for (const userId of sortedUsers) {
    const user = userOf(userId);
    if (user === undefined) continue;
    const userIndex = userRows.length;
    userRows.push([userId, esc(user.userName), statusCode(user)]);
    const tenantId = tenantOf(userId);
    const entry = byTenant.get(tenantId) ?? { users: [], firstCell: 0, cells: [] };
    byTenant.set(tenantId, entry);
    entry.users.push(userIndex);
    const ids = new Set<DataSourceId>();
    candidates(snapshot, userId, ids);
    if (before !== undefined) candidates(before, userId, ids);
    for (const dataSourceId of [...ids].sort((a, b) => a - b)) {
      const after = sideIn(snapshot, userId, dataSourceId);
      const was = before === undefined ? null : sideIn(before, userId, dataSourceId);
      if (!reached(after) && !reached(was)) continue;
      entry.cells.push(cells.length);
      cells.push({ userIndex, dataSourceId, after, before: was, changed: diff && shown(was) !== shown(after) });
    }
  }

  const budget = options.traceBudget ?? defaultTraceBudget;
  const withTraces = cells.length <= budget;
  const dataSourceIndex = new Map<DataSourceId, number>();
  const dataSourceRows: Array<readonly [DataSourceId, string, UserId, number]> = [];
  const permissionTexts: string[] = [];
  const permissionIndex = new Map<string, number>();
  const traces: string[] = [];
  const traceIndex = new Map<string, number>();
  const intern = (table: string[], index: Map<string, number>, text: string): number => {
    const known = index.get(text);
    if (known !== undefined) return known;
    index.set(text, table.length);
    table.push(text);
    return table.length - 1;
  };
  const permissionsOf = (side: Side | null): number => intern(permissionTexts, permissionIndex, side === null || !reaches(side.access) ? '' : side.access.permissions.ids.join(','));
  const routeOf = (side: Side | null): number => (side === null ? 0 : routeCodes[routeName(side.access)]);
  const dataSourceOf = (id: DataSourceId): number => {
    const known = dataSourceIndex.get(id);
    if (known !== undefined) return known;
    const d = snapshot.dataSources.get(id) ?? before?.dataSources.get(id);
    dataSourceIndex.set(id, dataSourceRows.length);
    dataSourceRows.push([id, esc(d?.name ?? ''), d?.owner ?? 0, d?.isGroup === true ? 1 : 0]);
    return dataSourceRows.length - 1;
  };

  // one flat array of numbers per tenant, `stride` numbers a cell (see `fields`)
  const fields = ['u', 'd', 'r', 'p', ...(withTraces ? ['t'] : []), ...(diff ? ['br', 'bp', 'c'] : []), ...(diff && withTraces ? ['bt'] : [])];
  const encodeCell = (cell: Cell): number[] => {
    const userId = userRows[cell.userIndex]?.[0] ?? 0;
    const row = [cell.userIndex, dataSourceOf(cell.dataSourceId), routeOf(cell.after), permissionsOf(cell.after)];
    if (withTraces) row.push(intern(traces, traceIndex, traceOf(snapshot, cell.after, userId, cell.dataSourceId, diff ? 'after' : 'trace')));
    if (diff) row.push(routeOf(cell.before), permissionsOf(cell.before), cell.changed ? 1 : 0);
    if (diff && withTraces && before !== undefined) {
      row.push(cell.changed ? intern(traces, traceIndex, traceOf(before, cell.before, userId, cell.dataSourceId, 'before')) : -1);
    }
    return row;
  };
  const tenants = [...byTenant.entries()]
    .sort(([a], [b]) => a - b)
    .map(([tenantId, entry]) => {
      const tenant = snapshot.tenants.get(tenantId) ?? before?.tenants.get(tenantId);
      return { id: tenantId, name: esc(tenant?.name ?? ''), users: entry.users, cells: entry.cells.flatMap((i) => { const c = cells[i]; return c === undefined ? [] : encodeCell(c); }) };
    });
  const changed = cells.filter((c) => c.changed).length;
  return E.right({
    version: 1,
    source: esc(options.source),
    against: before === undefined ? null : esc(options.againstSource ?? ''),
    tenantFilter: options.tenant ?? null,
    diff,
    withTraces,
    traceBudget: budget,
    cellCount: cells.length,
    changed,
    fields,
    users: userRows,
    dataSources: dataSourceRows,
    permissions: permissionTexts,
    traces,
    tenants,
  });
};

const page = (json: string, options: ReportOptions): string => {
  const title = `access report — ${esc(options.source)}${options.against === undefined ? '' : ` against ${esc(options.againstSource ?? '')}`}`;
  const csp = `default-src 'none'; script-src 'sha256-${sha256(reportScript)}'; style-src 'sha256-${sha256(reportStyle)}'; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlText(title)}</title>
<style>${reportStyle}</style>
</head>
<body>
<header>
<h1>Access report</h1>
<p id="subtitle"></p>
</header>
<div id="controls">
<label>Tenant <select id="tenant"></select></label>
<label>User <input id="user-filter" type="search" placeholder="name or id" autocomplete="off"></label>
<label>Data source <input id="ds-filter" type="search" placeholder="name or id" autocomplete="off"></label>
<label id="changed-only-label" hidden><input id="changed-only" type="checkbox"> changed cells only</label>
</div>
<div id="legend" aria-label="legend"></div>
<p id="summary" role="status"></p>
<div id="pager"></div>
<div id="main">
<div id="matrix-wrap"><table id="matrix"></table></div>
<aside id="detail" aria-live="polite"><h2>Trace</h2><p id="detail-hint">Click a cell (or focus it and press Enter) to see how its permissions come about.</p><pre id="trace"></pre></aside>
</div>
<noscript>This report needs JavaScript to show its matrix.</noscript>
<script type="application/json" id="report-data">${json}</script>
<script>${reportScript}</script>
</body>
</html>
`;
};
