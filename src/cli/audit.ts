/**
 * The CLI's audit commands who-can (R-AUD-1) and what-can (R-AUD-2), as pure functions:
 * the arguments after the command's name and a file reader in, text or JSON and an exit code out
 * (0 answered, 2 bad input). Text output is aligned tables for people, every name escaped with
 * `escapeText`; `--json` is one JSON document (lists ascending by id, a `next` cursor per page).
 */
import * as E from 'fp-ts/lib/Either.js';
import { parseArgs } from 'node:util';
import { describePermission } from '../catalog/catalog.js';
import { escapeText as esc, jsonText } from '../codec/escape.js';
import { renderProblems } from '../codec/problem.js';
import type { Snapshot } from '../model/snapshot.js';
import type { Grant } from '../rules/userPermissions.js';
import { parseSnapshot } from '../snapshot/load.js';
import { traceToText } from '../render/render.js';
import type { PageRequest } from '../audit/page.js';
import { whatCan, type WhatCanAnswer } from '../audit/whatCan.js';
import { whoCanAny, type WhoCanAnswer } from '../audit/whoCan.js';
import type { CliResult, ReadFile } from './io.js';

/** The usage of the audit commands. */
export const auditUsage = `  who-can --snapshot FILE --datasource ID --permission N[,N…] [--group ID] [--json] [--trace] [--after CURSOR] [--limit N]
      every active user holding the permission(s) on the data source by SPEC §3 (through the group),
      with its route; apart, the Administrators (12) who manage it by authority (2, 3, 4 only)
  what-can --snapshot FILE --user NAME [--json] [--after CURSOR] [--limit N] [--acts-for-after CURSOR]
      every data source the user reaches with its permissions and route, its user permissions
      and their grants, the tenants it administers and the users it may act for`;

const ok = (stdout: string): CliResult => ({ stdout, stderr: '', exitCode: 0 });
const bad = (stderr: string): CliResult => ({ stdout: '', stderr, exitCode: 2 });

const options = {
  snapshot: { type: 'string' },
  datasource: { type: 'string' },
  permission: { type: 'string' },
  group: { type: 'string' },
  user: { type: 'string' },
  json: { type: 'boolean' },
  trace: { type: 'boolean' },
  after: { type: 'string' },
  limit: { type: 'string' },
  'acts-for-after': { type: 'string' },
} as const;

type Values = { readonly [K in keyof typeof options]?: (typeof options)[K]['type'] extends 'boolean' ? boolean : string };

const parse = (command: string, args: ReadonlyArray<string>): E.Either<CliResult, Values> => {
  try {
    const parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    const extra = parsed.positionals[0];
    return extra === undefined ? E.right(parsed.values) : E.left(bad(`${command}: unexpected argument \`${esc(extra)}\`\nusage:\n${auditUsage}`));
  } catch (e) {
    return E.left(bad(`${command}: ${esc(e instanceof Error ? e.message : String(e))}\nusage:\n${auditUsage}`));
  }
};

const load = (command: string, read: ReadFile, path: string | undefined): E.Either<CliResult, Snapshot> => {
  if (path === undefined) return E.left(bad(`${command}: --snapshot FILE is required\nusage:\n${auditUsage}`));
  const text = read(path);
  if (E.isLeft(text)) return E.left(bad(`cannot read snapshot \`${esc(path)}\`: ${esc(text.left)}`));
  const snapshot = parseSnapshot(text.right);
  if (E.isRight(snapshot)) return snapshot;
  const problems = snapshot.left.problems;
  return E.left(
    bad(
      `invalid snapshot \`${esc(path)}\`: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${renderProblems(problems.map((p) => ({ ...p, path: esc(p.path), message: esc(p.message) })))}`,
    ),
  );
};

const integer = (command: string, name: string, value: string): E.Either<CliResult, number> =>
  /^\d{1,15}$/.test(value) ? E.right(Number(value)) : E.left(bad(`${command}: --${name} expects an integer, got \`${esc(value)}\``));

const pageOf = (command: string, after: string | undefined, limit: string | undefined): E.Either<CliResult, PageRequest> => {
  if (limit === undefined) return E.right({ after });
  const n = integer(command, 'limit', limit);
  if (E.isLeft(n)) return n;
  return n.right < 1 ? E.left(bad(`${command}: --limit expects a positive integer, got \`${esc(limit)}\``)) : E.right({ after, limit: n.right });
};

/** Aligned columns: each cell padded to its column's widest, two spaces between, trailing blanks trimmed. */
export const alignedTable = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>, indent = '  '): string => {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: ReadonlyArray<string>): string => `${indent}${r.map((c, i) => c + ' '.repeat(Math.max(0, (widths[i] ?? 0) - [...c].length))).join('  ')}`.trimEnd();
  return all.map(line).join('\n');
};

const ids = (xs: ReadonlyArray<number>): string => `[${xs.join(',')}]`;

// ---------------------------------------------------------------------------------------------
// who-can

const whoCanJson = (a: WhoCanAnswer): string =>
  jsonText({
    dataSource: a.dataSource,
    ...(a.permissions.length === 1 ? { permission: a.permissions[0] } : {}),
    permissions: a.permissions,
    group: a.group,
    holders: a.holders,
    next: a.next,
    holderCount: a.holderCount,
    administrators: a.administrators,
    inactive: a.inactive,
    groupContainsDataSource: a.groupContainsDataSource,
    groups: a.groups,
  });

const routeText = (route: string, groupRoute?: string, memberRoute?: string): string =>
  groupRoute === undefined ? route : `${route} (group: ${groupRoute}${memberRoute === undefined ? '' : `, member: ${memberRoute}`})`;

const whoCanText = (s: Snapshot, a: WhoCanAnswer): string => {
  const d = s.dataSources.get(a.dataSource);
  const asked = a.permissions.map((p) => esc(describePermission(s.catalog, p))).join(', ');
  const through = a.group === null ? '' : ` through group ${a.group}`;
  const lines = [`who-can ${asked} on data source ${a.dataSource}${d === undefined ? '' : ` \`${esc(d.name)}\``}${through} (R-AUD-1)`];
  if (a.groupContainsDataSource === false) lines.push(`  group ${a.group ?? ''} does not list data source ${a.dataSource} as a member: nothing reaches it through the group (R-GRP-1)`);
  const shown = a.holders.length === a.holderCount ? `${a.holderCount}` : `${a.holders.length} of ${a.holderCount} on this page`;
  lines.push(`holders (${shown}):`);
  if (a.holders.length === 0) lines.push('  (none)');
  else {
    const channels = a.holders.some((h) => h.queryChannels.length > 0) || a.permissions.some((p) => [5, 6, 7, 10].includes(p));
    lines.push(
      alignedTable(
        ['user', 'name', 'route', 'permissions', 'holds', ...(channels ? ['channels open'] : [])],
        a.holders.map((h) => [String(h.userId), `\`${esc(h.userName)}\``, routeText(h.route, h.groupRoute, h.memberRoute), ids(h.permissions), ids(h.holds), ...(channels ? [h.queryChannels.join(',') || '-'] : [])]),
      ),
    );
  }
  if (a.next !== null) lines.push(`  more holders: --after ${a.next}`);
  lines.push(
    a.administrators.length === 0
      ? `administrators: none by authority for ${asked} (R-ADM-1: Administrator (12) manages view, modify and delete only, and opens no query channel, R-USE-1)`
      : `administrators (${a.administrators.length}, active Administrator (12): manage the data source by authority for ${ids(a.administrators[0]?.byAuthority ?? [])}, R-ADM-1; their data access is their route above, if any):`,
  );
  if (a.administrators.length > 0) lines.push(alignedTable(['user', 'name'], a.administrators.map((x) => [String(x.userId), `\`${esc(x.userName)}\``])));
  if (a.inactive.length > 0) {
    lines.push(`inactive or locked (${a.inactive.length}, hold nothing while inactive, R-EFF-3):`);
    lines.push(alignedTable(['user', 'name', 'status', 'route', 'would hold'], a.inactive.map((x) => [String(x.userId), `\`${esc(x.userName)}\``, x.status, x.route, ids(x.wouldHold)])));
  }
  if (a.group === null && a.groups.length > 0) lines.push(`also reachable through group${a.groups.length === 1 ? '' : 's'} ${a.groups.join(', ')} (ask with --group ID)`);
  for (const h of a.holders) {
    if (h.trace === undefined) continue;
    lines.push(`trace of \`${esc(h.userName)}\` (${h.userId}):`, traceToText(h.trace));
  }
  return lines.join('\n');
};

/** `who-can --snapshot FILE --datasource ID --permission N[,N…] [--group ID] [--json] [--trace] [--after CURSOR] [--limit N]` (arguments after the command's name). */
export const whoCanCommand = (args: ReadonlyArray<string>, read: ReadFile): CliResult => {
  const command = 'who-can';
  const parsed = parse(command, args);
  if (E.isLeft(parsed)) return parsed.left;
  const v = parsed.right;
  if (v.datasource === undefined || v.permission === undefined) return bad(`${command}: --datasource ID and --permission N are required\nusage:\n${auditUsage}`);
  const ds = integer(command, 'datasource', v.datasource);
  if (E.isLeft(ds)) return ds.left;
  const perms = v.permission.split(',').map((p) => integer(command, 'permission', p.trim()));
  const badPerm = perms.find(E.isLeft);
  if (badPerm !== undefined) return badPerm.left;
  const permissions = perms.flatMap((p) => (E.isRight(p) ? [p.right] : []));
  const group = v.group === undefined ? E.right(undefined) : integer(command, 'group', v.group);
  if (E.isLeft(group)) return group.left;
  const page = pageOf(command, v.after, v.limit);
  if (E.isLeft(page)) return page.left;
  const loaded = load(command, read, v.snapshot);
  if (E.isLeft(loaded)) return loaded.left;
  const answer = whoCanAny(loaded.right, { dataSource: ds.right, permissions, group: group.right, trace: v.trace === true, page: page.right });
  if (E.isLeft(answer)) return bad(`${command}: ${esc(answer.left.message)}`);
  return ok(v.json === true ? whoCanJson(answer.right) : whoCanText(loaded.right, answer.right));
};

// ---------------------------------------------------------------------------------------------
// what-can

const whatCanJson = (a: WhatCanAnswer): string => jsonText(a);

const grantText = (g: Grant): string => (g._tag === 'Role' ? `role ${g.roleId} \`${esc(g.roleName)}\`` : 'explicit');

const whatCanText = (a: WhatCanAnswer): string => {
  const lines = [`what-can \`${esc(a.userName)}\` (user ${a.userId}, tenant ${a.tenantId}) (R-AUD-2)`];
  if (a.inactive !== null) lines.push(`  ${a.inactive === 'locked' ? 'locked' : a.inactive === 'inactive' ? 'inactive' : 'inactive and locked'}: refused everything, no permission on any data source (R-EFF-3)`);
  if (a.managesEveryDataSource) {
    lines.push('  Administrator (12): manages every data source by authority (view, modify, delete) and has authority in every tenant (R-ADM-1);');
    lines.push('  its data access is the list below, like anyone\'s: 12 opens no query channel (R-USE-1)');
  }
  lines.push(`user permissions (${a.userPermissions.length}, R-EFF-1):`);
  lines.push(
    a.userPermissions.length === 0
      ? '  (none)'
      : alignedTable(['id', 'permission', 'granted by'], a.userPermissions.map((p) => [String(p.permission), esc(p.name), p.grants.map(grantText).join(', ')])),
  );
  const shown = a.dataSources.length === a.dataSourceCount ? `${a.dataSourceCount}` : `${a.dataSources.length} of ${a.dataSourceCount} on this page`;
  lines.push(`data sources reached (${shown}):`);
  const rows = a.dataSources.flatMap((d) => [
    [String(d.id), `\`${esc(d.name)}\``, d.isGroup ? 'group' : '', d.route, ids(d.permissions)],
    ...(d.members ?? []).map((m) => [`  ${m.id}`, `member via ${d.id}`, '', routeText(m.route, m.groupRoute, m.memberRoute), ids(m.permissions)]),
  ]);
  lines.push(rows.length === 0 ? '  (none)' : alignedTable(['id', 'name', 'kind', 'route', 'permissions'], rows));
  if (a.dataSourcesNext !== null) lines.push(`  more data sources: --after ${a.dataSourcesNext}`);
  lines.push(`tenants administered: ${a.tenantsAdministered.length === 0 ? '(none)' : a.tenantsAdministered.join(', ')}${a.administersEveryTenant ? ' (and every tenant by authority, R-ADM-1)' : ''}`);
  const acts = a.actsForEveryone ? `every other user (${a.actsForCount}; Administrator (12) passes the gate alone, R-OBO-2)` : `${a.actsForCount} user${a.actsForCount === 1 ? '' : 's'} (R-OBO-2)`;
  lines.push(`acts for: ${acts}${a.actsFor.length === 0 ? '' : `: ${a.actsFor.join(', ')}`}`);
  if (a.actsForNext !== null) lines.push(`  more: --acts-for-after ${a.actsForNext}`);
  return lines.join('\n');
};

/** `what-can --snapshot FILE --user NAME [--json] [--after CURSOR] [--limit N] [--acts-for-after CURSOR]` (arguments after the command's name). */
export const whatCanCommand = (args: ReadonlyArray<string>, read: ReadFile): CliResult => {
  const command = 'what-can';
  const parsed = parse(command, args);
  if (E.isLeft(parsed)) return parsed.left;
  const v = parsed.right;
  if (v.user === undefined) return bad(`${command}: --user NAME is required\nusage:\n${auditUsage}`);
  const page = pageOf(command, v.after, v.limit);
  if (E.isLeft(page)) return page.left;
  const actsPage = pageOf(command, v['acts-for-after'], v.limit);
  if (E.isLeft(actsPage)) return actsPage.left;
  const loaded = load(command, read, v.snapshot);
  if (E.isLeft(loaded)) return loaded.left;
  const answer = whatCan(loaded.right, v.user, { dataSources: page.right, actsFor: actsPage.right });
  if (E.isLeft(answer)) return bad(`${command}: ${esc(answer.left.message)}`);
  return ok(v.json === true ? whatCanJson(answer.right) : whatCanText(answer.right));
};
