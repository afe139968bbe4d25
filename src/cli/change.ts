/**
 * The CLI's change commands (issue 8): `diff`, `what-if` and `why-not`, as pure functions of
 * their arguments and a file reader (exit 0 answered, 2 bad input). Text output is aligned
 * tables for people, every name escaped (`escapeText`); `--json` prints the JSON answer. Long
 * answers are paginated: `--limit N` items a page (default 1000) and `--after-cursor C` with the
 * `next` cursor of the page before. The cursor is the composite key of the last item given
 * (`src/audit/cursor.ts`): `0.<userId>.<dataSourceId>` for a change, `0.<userId>.<dataSourceId>.<groupId>`
 * for a change through a group, `1.<userId>` for a user; changes come before users.
 * Progress goes to the optional `progress` callback, only once the work has taken over a second.
 */
import * as E from 'fp-ts/lib/Either.js';
import { parseArgs } from 'node:util';
import { compareKeys, paginateComposite, type CompositeKey } from '../audit/cursor.js';
import { diffSnapshots, type AccessChange, type SnapshotDiff, type UserAccessState, type UserChange } from '../audit/diff.js';
import { whatIf, type RequestOutcome } from '../audit/whatIf.js';
import { describeFix, whyNot, type WhyNot } from '../audit/whyNot.js';
import { escapeText as esc } from '../codec/escape.js';
import { renderProblems, type Problem } from '../codec/problem.js';
import { decodeRequests, type Request } from '../codec/request.js';
import type { Snapshot } from '../model/snapshot.js';
import { parseSnapshot } from '../snapshot/load.js';
import { parseInputJson } from './input.js';
import type { CliResult, Progress, ReadFile } from './io.js';

export type { Progress } from './io.js';

/** Usage of the change commands. */
export const changeUsage = `  diff --before FILE --after FILE [--json] [--limit N] [--after-cursor C]
      every (user, data source) whose effective permissions differ, and every user whose
      permissions, administrative access, status or on-behalf-of reach differ (R-AUD-3)
  what-if --snapshot FILE --request FILE [--json] [--limit N] [--after-cursor C]
      the same diff for the snapshot after applying the requests in order; nothing is written
  why-not --snapshot FILE --request FILE [--json]
      for a denied request, the smallest verified changes that would allow it`;

const ok = (stdout: string): CliResult => ({ stdout, stderr: '', exitCode: 0 });
const bad = (stderr: string): CliResult => ({ stdout: '', stderr, exitCode: 2 });
const badProblems = (what: string, problems: ReadonlyArray<Problem>): CliResult =>
  bad(`${what}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${renderProblems(problems.map((p) => ({ ...p, path: esc(p.path), message: esc(p.message) })))}`);

/** Forwards progress only once `start` is over a second ago (work under a second stays quiet). */
const throttled = (progress: Progress | undefined): Progress | undefined => {
  if (progress === undefined) return undefined;
  const start = performance.now();
  return (line) => {
    if (performance.now() - start > 1000) progress(line);
  };
};

const options = {
  before: { type: 'string' },
  after: { type: 'string' },
  snapshot: { type: 'string' },
  request: { type: 'string' },
  json: { type: 'boolean' },
  limit: { type: 'string' },
  'after-cursor': { type: 'string' },
} as const;

const parse = (command: string, args: ReadonlyArray<string>) => {
  try {
    const parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    const extra = parsed.positionals.find((p) => p !== command);
    return extra === undefined ? E.right(parsed.values) : E.left(bad(`${command}: unexpected argument \`${esc(extra)}\`\n${changeUsage}`));
  } catch (e) {
    return E.left(bad(`${command}: ${esc(e instanceof Error ? e.message : String(e))}\n${changeUsage}`));
  }
};

const loadSnapshotFile = (read: ReadFile, path: string, progress: Progress | undefined): E.Either<CliResult, Snapshot> => {
  const text = read(path);
  if (E.isLeft(text)) return E.left(bad(`cannot read snapshot \`${esc(path)}\`: ${esc(text.left)}`));
  const snapshot = parseSnapshot(text.right);
  if (E.isLeft(snapshot)) return E.left(badProblems(`invalid snapshot \`${esc(path)}\``, snapshot.left.problems));
  progress?.(`loaded \`${esc(path)}\`: ${snapshot.right.users.size} users, ${snapshot.right.dataSources.size} data sources`);
  return E.right(snapshot.right);
};

const loadRequests = (read: ReadFile, path: string): E.Either<CliResult, { readonly many: boolean; readonly requests: ReadonlyArray<Request> }> => {
  const text = read(path);
  if (E.isLeft(text)) return E.left(bad(`cannot read request \`${esc(path)}\`: ${esc(text.left)}`));
  const value = parseInputJson(text.right);
  if (E.isLeft(value)) return E.left(badProblems(`invalid request \`${esc(path)}\``, value.left));
  const decoded = decodeRequests(value.right);
  return E.isLeft(decoded) ? E.left(badProblems(`invalid request \`${esc(path)}\``, decoded.left)) : E.right(decoded.right);
};

const limitOf = (value: string | undefined): E.Either<CliResult, number | undefined> =>
  value === undefined ? E.right(undefined) : /^[1-9]\d{0,6}$/.test(value) ? E.right(Number(value)) : E.left(bad(`--limit expects a positive integer, got \`${esc(value)}\``));

// --- pages of a diff --------------------------------------------------------------------------------

/** One item of a diff page. */
type DiffItem = { readonly _tag: 'Change'; readonly change: AccessChange } | { readonly _tag: 'User'; readonly user: UserChange };

const itemKey = (item: DiffItem): CompositeKey =>
  item._tag === 'User' ? [1, item.user.userId] : item.change.groupId === null ? [0, item.change.userId, item.change.dataSourceId] : [0, item.change.userId, item.change.dataSourceId, item.change.groupId];

/** A page of a diff: its changes, its users, and the cursor of the next page. */
export interface DiffPage {
  readonly changes: ReadonlyArray<AccessChange>;
  readonly users: ReadonlyArray<UserChange>;
  readonly next: string | null;
}

/** The page of a diff after `after` (changes first, then users; composite cursors, see the module header). */
export const diffPage = (diff: SnapshotDiff, request: { readonly after?: string | undefined; readonly limit?: number | undefined }): E.Either<string, DiffPage> => {
  const items: ReadonlyArray<DiffItem> = [...diff.changes.map((change): DiffItem => ({ _tag: 'Change', change })), ...diff.users.map((user): DiffItem => ({ _tag: 'User', user }))];
  const page = paginateComposite(items, itemKey, request);
  if (E.isLeft(page)) return E.left(page.left.message);
  const changes: AccessChange[] = [];
  const users: UserChange[] = [];
  for (const item of page.right.items) {
    if (item._tag === 'Change') changes.push(item.change);
    else users.push(item.user);
  }
  return E.right({ changes, users, next: page.right.next });
};

/** Keys ascend (checked by tests: a page's cursor order is the answer's order). */
export const diffKeysAscend = (diff: SnapshotDiff): boolean => {
  const keys = [...diff.changes.map((change) => itemKey({ _tag: 'Change', change })), ...diff.users.map((user) => itemKey({ _tag: 'User', user }))];
  return keys.every((k, i) => i === 0 || compareKeys(keys[i - 1] ?? [], k) < 0);
};

// --- rendering --------------------------------------------------------------------------------------

/** An aligned table: a header row and rows, columns padded to their widest cell. */
export const table = (headers: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: ReadonlyArray<string>): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
};

const ids = (xs: ReadonlyArray<number>): string => `[${xs.join(',')}]`;
const actsForText = (a: UserAccessState['actsFor']): string => (a === 'all' ? 'all (12)' : ids(a));

/** A user as people read it: its name (escaped) and id. */
const userLabel = (before: Snapshot | undefined, after: Snapshot, id: number): string => {
  const name = after.users.get(id)?.userName ?? before?.users.get(id)?.userName;
  return name === undefined ? String(id) : `${esc(name)} (${id})`;
};

const diffJson = (page: DiffPage, extra: Readonly<Record<string, unknown>> = {}): string => JSON.stringify({ ...extra, changes: page.changes, users: page.users, next: page.next });

const diffText = (page: DiffPage, before: Snapshot | undefined, after: Snapshot, total: SnapshotDiff): string => {
  const out: string[] = [`${total.changes.length} change${total.changes.length === 1 ? '' : 's'} of effective permissions, ${total.users.length} user${total.users.length === 1 ? '' : 's'} changed (R-AUD-3)`];
  if (page.changes.length > 0) {
    out.push(
      '',
      table(
        ['USER', 'DATA SOURCE', 'GROUP', 'BEFORE', 'ROUTE BEFORE', 'AFTER', 'ROUTE AFTER'],
        page.changes.map((c) => [userLabel(before, after, c.userId), String(c.dataSourceId), c.groupId === null ? '-' : String(c.groupId), ids(c.before), c.routeBefore, ids(c.after), c.routeAfter]),
      ),
    );
  }
  if (page.users.length > 0) {
    const state = (s: UserAccessState): ReadonlyArray<string> => (s.exists ? [`${s.active ? 'active' : 'inactive'}`, ids(s.permissions), ids(s.tenantsAdministered), actsForText(s.actsFor)] : ['absent', '-', '-', '-']);
    out.push(
      '',
      table(
        ['USER', 'WHEN', 'STATUS', 'USER PERMISSIONS', 'ADMINISTERS', 'ACTS FOR'],
        page.users.flatMap((u) => [
          [userLabel(before, after, u.userId), 'before', ...state(u.before)],
          ['', 'after', ...state(u.after)],
        ]),
      ),
    );
  }
  if (page.next !== null) out.push('', `more: --after-cursor ${page.next}`);
  return out.join('\n');
};

// --- commands ---------------------------------------------------------------------------------------

/** `diff --before FILE --after FILE [--json] [--limit N] [--after-cursor C]` (R-AUD-3). */
export const diffCommand = (args: ReadonlyArray<string>, read: ReadFile, progress?: Progress): CliResult => {
  const parsed = parse('diff', args);
  if (E.isLeft(parsed)) return parsed.left;
  const v = parsed.right;
  if (v.before === undefined || v.after === undefined) return bad(`diff: --before FILE and --after FILE are required\n${changeUsage}`);
  const limit = limitOf(v.limit);
  if (E.isLeft(limit)) return limit.left;
  const report = throttled(progress);
  const before = loadSnapshotFile(read, v.before, report);
  if (E.isLeft(before)) return before.left;
  const after = loadSnapshotFile(read, v.after, report);
  if (E.isLeft(after)) return after.left;
  const diff = diffSnapshots(before.right, after.right, { onProgress: report });
  const page = diffPage(diff, { after: v['after-cursor'], limit: limit.right });
  if (E.isLeft(page)) return bad(`diff: ${esc(page.left)}`);
  return ok(v.json === true ? diffJson(page.right) : diffText(page.right, before.right, after.right, diff));
};

const outcomeJson = (o: RequestOutcome): Readonly<Record<string, unknown>> => ({ index: o.index, decision: o.decision, status: o.status, operation: o.operation, reason: o.reason, changes: o.changes });

/** `what-if --snapshot FILE --request FILE [--json] [--limit N] [--after-cursor C]`: applies the requests to a copy and diffs. */
export const whatIfCommand = (args: ReadonlyArray<string>, read: ReadFile, progress?: Progress): CliResult => {
  const parsed = parse('what-if', args);
  if (E.isLeft(parsed)) return parsed.left;
  const v = parsed.right;
  if (v.snapshot === undefined || v.request === undefined) return bad(`what-if: --snapshot FILE and --request FILE are required\n${changeUsage}`);
  const limit = limitOf(v.limit);
  if (E.isLeft(limit)) return limit.left;
  const report = throttled(progress);
  const snapshot = loadSnapshotFile(read, v.snapshot, report);
  if (E.isLeft(snapshot)) return snapshot.left;
  const requests = loadRequests(read, v.request);
  if (E.isLeft(requests)) return requests.left;
  const result = whatIf(snapshot.right, requests.right.requests, { onProgress: report });
  const page = diffPage(result.diff, { after: v['after-cursor'], limit: limit.right });
  if (E.isLeft(page)) return bad(`what-if: ${esc(page.left)}`);
  if (v.json === true) return ok(diffJson(page.right, { requests: result.outcomes.map(outcomeJson) }));
  const requestsTable = table(
    ['#', 'DECISION', 'STATUS', 'OPERATION', 'CHANGES', 'REASON'],
    result.outcomes.map((o) => [String(o.index + 1), o.decision, String(o.status), o.operation, String(o.changes), o.reason === null ? '' : esc(o.reason)]),
  );
  return ok(`${requestsTable}\n\n${diffText(page.right, snapshot.right, result.after, result.diff)}`);
};

const whyNotJson = (s: Snapshot, w: WhyNot): Readonly<Record<string, unknown>> => ({
  decision: w.decision,
  suggestions: w.suggestions.map((x) => ({ cost: x.cost, status: x.status, changes: x.fixes.map((f) => ({ ...f, description: describeFix(s, f) })) })),
});

const whyNotText = (s: Snapshot, w: WhyNot): string => {
  const head = `${w.decision.decision} ${w.decision.status} ${w.decision.operation}${w.decision.reason === null ? '' : `: ${esc(w.decision.reason)}`}`;
  if (w.decision.decision === 'allow') return `${head}\nalready allowed: nothing to change`;
  if (w.suggestions.length === 0) return `${head}\nno change of permissions, shares, tenant access or ownership allows it (a request refused for its payload or for an id that does not exist stays refused)`;
  return `${head}\n\n${table(
    ['#', 'PRIVILEGE', 'THEN', 'CHANGES'],
    w.suggestions.map((x, i) => [String(i + 1), String(x.cost), String(x.status), esc(x.fixes.map((f) => describeFix(s, f)).join('; '))]),
  )}`;
};

/** `why-not --snapshot FILE --request FILE [--json]`: the smallest verified changes that would allow a denied request (one or an array). */
export const whyNotCommand = (args: ReadonlyArray<string>, read: ReadFile, progress?: Progress): CliResult => {
  const parsed = parse('why-not', args);
  if (E.isLeft(parsed)) return parsed.left;
  const v = parsed.right;
  if (v.snapshot === undefined || v.request === undefined) return bad(`why-not: --snapshot FILE and --request FILE are required\n${changeUsage}`);
  if (v.limit !== undefined || v['after-cursor'] !== undefined || v.before !== undefined || v.after !== undefined) return bad(`why-not: takes only --snapshot, --request and --json\n${changeUsage}`);
  const report = throttled(progress);
  const snapshot = loadSnapshotFile(read, v.snapshot, report);
  if (E.isLeft(snapshot)) return snapshot.left;
  const requests = loadRequests(read, v.request);
  if (E.isLeft(requests)) return requests.left;
  const answers = requests.right.requests.map((r) => whyNot(snapshot.right, r));
  if (v.json === true) {
    const rendered = answers.map((w) => whyNotJson(snapshot.right, w));
    return ok(JSON.stringify(requests.right.many ? rendered : rendered[0]));
  }
  return ok(answers.map((w) => whyNotText(snapshot.right, w)).join('\n\n'));
};
