/**
 * The CLI's commands as pure functions: arguments and a file reader in, output text, the files
 * to write and an exit code out (0 a decision was made or the input is valid, 2 bad input or
 * usage). Commands never write: `apply --out` returns the snapshot text for the shell to write.
 * Every piece of outside content in a text output (names, paths, arguments, problem messages)
 * is escaped with `escapeText`, so it stays on its own line (R-TRC-1); `--json` output is JSON.
 */
import * as E from 'fp-ts/lib/Either.js';
import { parseArgs } from 'node:util';
import { renderProblems, type Problem } from '../codec/problem.js';
import { decodeRequests } from '../codec/request.js';
import { decide } from '../decide/decide.js';
import type { Decision } from '../decide/decision.js';
import { describeChange } from '../model/change.js';
import { apply } from '../transition/apply.js';
import { encodeSnapshot } from '../snapshot/encode.js';
import type { Request } from '../codec/request.js';
import { userByName, type Snapshot } from '../model/snapshot.js';
import { explainAccess, routeName } from '../rules/explainAccess.js';
import { stateFactsOnce } from '../model/trace.js';
import { userPermissionGrants } from '../rules/userPermissions.js';
import { parseSnapshot } from '../snapshot/load.js';
import { decisionSummary, decisionToJson, decisionToText, traceToText } from '../render/render.js';
import { show } from '../catalog/permissionSet.js';
import { escapeText as esc } from '../codec/escape.js';
import { parseInputJson } from './input.js';
import type { CliResult, Progress, ReadFile } from './io.js';
import { DEFAULT_MAX_INPUT_BYTES } from './limits.js';
import { auditUsage, whatCanCommand, whoCanCommand } from './audit.js';
import { changeUsage, diffCommand, whatIfCommand, whyNotCommand } from './change.js';
import { reportCommand, reportUsage } from './report.js';

export type { CliResult, OutputFile, Progress, ReadFile } from './io.js';

/** The usage text. */
export const usage = `usage: datasource-authz <command> [options]

commands:
  help
      this text (also --help or -h with any command)
  validate --snapshot FILE
      check a snapshot; exit 0 when valid, 2 with every problem listed
  decide --snapshot FILE --request FILE [--json | --summary] [--fail-on-deny]
      decide one request or an array of requests (HTTP or query channel);
      text with traces by default, decision JSON with --json, one line each with --summary;
      with --fail-on-deny exit 1 when any decision is a deny (for policy tests in CI)
  apply --snapshot FILE --request FILE [--out FILE] [--json | --summary]
      apply one request or an array in order, each to the snapshot the previous one left
      (SPEC §6); prints each decision with what it changed (a JSON array with --json) and
      writes the final snapshot JSON to --out (nothing is written without --out)
  explain --snapshot FILE --user NAME --datasource ID [--group ID] [--json]
      effective permissions of a user on a data source, with the trace
${auditUsage}
${changeUsage}
  ${reportUsage.replace(/^usage: datasource-authz /, '')}

input:
  FILE - reads standard input (one input per command at most)
  every input is read up to --max-input-bytes N bytes (default ${DEFAULT_MAX_INPUT_BYTES}, 256 MiB);
  JSON may start with a UTF-8 byte order mark; a key named twice in one object is a problem

exit codes:
  0 done (a decision was made, even a deny), 1 decide --fail-on-deny saw a deny, 2 bad input or usage`;

const ok = (stdout: string): CliResult => ({ stdout, stderr: '', exitCode: 0 });
const bad = (stderr: string): CliResult => ({ stdout: '', stderr, exitCode: 2 });
// Problem paths and messages quote the input (names, JSON snippets): escaped, one problem a line.
const badProblems = (what: string, problems: ReadonlyArray<Problem>): CliResult =>
  bad(
    `${what}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${renderProblems(problems.map((p) => ({ ...p, path: esc(p.path), message: esc(p.message) })))}`,
  );

const loadFrom = (read: ReadFile, path: string): E.Either<CliResult, Snapshot> => {
  const text = read(path);
  if (E.isLeft(text)) return E.left(bad(`cannot read snapshot \`${esc(path)}\`: ${esc(text.left)}`));
  const snapshot = parseSnapshot(text.right);
  return E.isLeft(snapshot) ? E.left(badProblems(`invalid snapshot \`${esc(path)}\``, snapshot.left.problems)) : E.right(snapshot.right);
};


const summary = (s: Snapshot): string => {
  const groups = [...s.dataSources.values()].filter((d) => d.isGroup).length;
  let userShares = 0;
  let tenantShares = 0;
  for (const d of s.dataSources.values()) {
    userShares += d.sharedUsers.size;
    tenantShares += d.sharedTenants.size;
  }
  return `snapshot ok: ${s.tenants.size} tenants, ${s.roles.size} roles, ${s.users.size} users, ${s.dataSources.size} data sources (${groups} groups), ${userShares} user shares, ${tenantShares} tenant shares`;
};

const options = {
  snapshot: { type: 'string' },
  request: { type: 'string' },
  user: { type: 'string' },
  datasource: { type: 'string' },
  group: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  summary: { type: 'boolean' },
  'fail-on-deny': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = keyof typeof options;

/** The options each command of this file takes (besides --help); any other is a usage error. */
const commandOptions: ReadonlyMap<string, ReadonlySet<OptionName>> = new Map<string, ReadonlySet<OptionName>>([
  ['validate', new Set<OptionName>(['snapshot'])],
  ['decide', new Set<OptionName>(['snapshot', 'request', 'json', 'summary', 'fail-on-deny'])],
  ['apply', new Set<OptionName>(['snapshot', 'request', 'out', 'json', 'summary'])],
  ['explain', new Set<OptionName>(['snapshot', 'user', 'datasource', 'group', 'json'])],
]);

/** Every command name, for the message about an unknown one. */
const commandNames: ReadonlyArray<string> = ['help', 'validate', 'decide', 'apply', 'explain', 'who-can', 'what-can', 'diff', 'what-if', 'why-not', 'report'];

/** Options that cannot be given together. */
const conflicts: ReadonlyArray<readonly [OptionName, OptionName]> = [['json', 'summary']];

const parse = (args: ReadonlyArray<string>) => {
  try {
    return E.right(parseArgs({ args: [...args], options, allowPositionals: true, strict: true }));
  } catch (e) {
    return E.left(bad(`${esc(e instanceof Error ? e.message : String(e))}\n${usage}`));
  }
};

const integerArg = (name: string, value: string): E.Either<CliResult, number> =>
  /^\d+$/.test(value) ? E.right(Number(value)) : E.left(bad(`--${name} expects an integer id, got \`${esc(value)}\``));

/** Commands that parse their own options: the arguments after the command name and the file reader. */
const ownCommands: ReadonlyMap<string, (args: ReadonlyArray<string>, read: ReadFile, progress?: Progress) => CliResult> = new Map([
  ['who-can', whoCanCommand],
  ['what-can', whatCanCommand],
  ['diff', diffCommand],
  ['what-if', whatIfCommand],
  ['why-not', whyNotCommand],
  ['report', reportCommand],
]);

/** Runs the CLI over its arguments (without `node` and the script). */
export const runCli = (args: ReadonlyArray<string>, read: ReadFile, progress?: Progress): CliResult => {
  // commands with options of their own parse them themselves (issue 8)
  const own = ownCommands.get(args[0] ?? '');
  // help needs no snapshot, for these commands too (their option parsers do not all know --help)
  if (own !== undefined && args.slice(1).some((a) => a === '--help' || a === '-h')) return ok(usage);
  if (own !== undefined) return own(args.slice(1), read, progress);
  const parsed = parse(args);
  if (E.isLeft(parsed)) return parsed.left;
  const { values, positionals } = parsed.right;
  const [command, ...rest] = positionals;
  // help needs no snapshot; no command at all is a usage error (exit 2) that shows the usage
  if (values.help === true || command === 'help') return ok(usage);
  if (command === undefined) return bad(`a command is required\n${usage}`);
  const allowed = commandOptions.get(command);
  if (allowed === undefined) return bad(`unknown command \`${esc(command)}\` (the commands: ${commandNames.join(', ')}; see \`datasource-authz --help\`)`);
  if (rest.length > 0) return bad(`unexpected argument \`${esc(rest[0] ?? '')}\`\n${usage}`);
  const given = Object.keys(values).filter((k): k is OptionName => k in options);
  const foreign = given.find((k) => !allowed.has(k));
  if (foreign !== undefined) return bad(`${command}: --${foreign} does not apply to ${command}\n${usage}`);
  const conflict = conflicts.find(([a, b]) => values[a] !== undefined && values[b] !== undefined);
  if (conflict !== undefined) return bad(`${command}: --${conflict[0]} and --${conflict[1]} cannot be given together`);
  if (values.snapshot === '-' && values.request === '-') return bad(`${command}: --snapshot and --request cannot both read standard input (\`-\`)`);
  if (values.snapshot === undefined) return bad(`${esc(command)}: --snapshot FILE is required\n${usage}`);
  const loaded = loadFrom(read, values.snapshot);
  if (E.isLeft(loaded)) return loaded.left;
  const snapshot = loaded.right;
  switch (command) {
    case 'validate':
      return ok(summary(snapshot));
    case 'decide':
      return decideCommand(snapshot, values.request, values.json === true ? 'json' : values.summary === true ? 'summary' : 'text', values['fail-on-deny'] === true, read);
    case 'apply':
      return applyCommand(snapshot, values.request, values.out, values.json === true ? 'json' : values.summary === true ? 'summary' : 'text', read);
    case 'explain':
      return explainCommand(snapshot, values.user, values.datasource, values.group, values.json === true);
    default:
      return bad(`unknown command \`${esc(command)}\`\n${usage}`);
  }
};

/** The requests of `--request FILE`: one request or an array (`many`), or the CLI's answer for bad input. */
const readRequests = (command: string, requestPath: string | undefined, read: ReadFile): E.Either<CliResult, { readonly many: boolean; readonly requests: ReadonlyArray<Request> }> => {
  if (requestPath === undefined) return E.left(bad(`${command}: --request FILE is required\n${usage}`));
  const text = read(requestPath);
  if (E.isLeft(text)) return E.left(bad(`cannot read request \`${esc(requestPath)}\`: ${esc(text.left)}`));
  const value = parseInputJson(text.right);
  if (E.isLeft(value)) return E.left(badProblems(`invalid request \`${esc(requestPath)}\``, value.left));
  const requests = decodeRequests(value.right);
  if (E.isLeft(requests)) return E.left(badProblems(`invalid request \`${esc(requestPath)}\``, requests.left));
  // an empty list decides nothing: say so rather than print nothing and exit 0 (a CI check would pass vacuously)
  if (requests.right.requests.length === 0) return E.left(bad(`${command}: the request list \`${esc(requestPath)}\` is empty: there is nothing to decide`));
  return E.right(requests.right);
};

const decideCommand = (snapshot: Snapshot, requestPath: string | undefined, format: 'json' | 'summary' | 'text', failOnDeny: boolean, read: ReadFile): CliResult => {
  const requests = readRequests('decide', requestPath, read);
  if (E.isLeft(requests)) return requests.left;
  const decisions = requests.right.requests.map((r) => decide(snapshot, r));
  const stdout =
    format === 'summary'
      ? decisions.map((d) => decisionSummary(d)).join('\n')
      : format === 'json'
        ? requests.right.many
          ? `[${decisions.map((d) => decisionToJson(d)).join(',\n')}]`
          : decisions.map((d) => decisionToJson(d)).join('')
        : decisions.map((d) => decisionToText(d)).join('\n\n');
  const denied = decisions.filter((d) => d.decision === 'deny').length;
  // --fail-on-deny: the decisions are still printed; the exit code and one line on stderr say a deny was seen
  if (failOnDeny && denied > 0) return { stdout, stderr: `decide --fail-on-deny: ${denied} of ${decisions.length} request${decisions.length === 1 ? '' : 's'} denied`, exitCode: 1 };
  return ok(stdout);
};

/** The decisions of requests applied in order, each to the snapshot the previous one left (R-TRN-1), and the last snapshot. */
const applyAll = (snapshot: Snapshot, requests: ReadonlyArray<Request>): { readonly decisions: ReadonlyArray<Decision>; readonly snapshot: Snapshot } =>
  requests.reduce<{ readonly decisions: ReadonlyArray<Decision>; readonly snapshot: Snapshot }>(
    (acc, r) => {
      const applied = apply(acc.snapshot, r);
      return { decisions: [...acc.decisions, applied.decision], snapshot: applied.snapshot };
    },
    { decisions: [], snapshot },
  );

/** The snapshot JSON of SPEC §2 as `apply --out` writes it: pretty-printed, with a final newline. */
export const snapshotFileText = (s: Snapshot): string => `${JSON.stringify(encodeSnapshot(s), null, 2)}\n`;

/** A decision on one line, then each change it made on its own line (escaped, R-TRC-1). */
const summaryWithChanges = (d: Decision): string => [decisionSummary(d), ...(d.decision === 'allow' ? (d.changes ?? []) : []).map((c) => `  + ${esc(describeChange(c))}`)].join('\n');

const applyCommand = (snapshot: Snapshot, requestPath: string | undefined, outPath: string | undefined, format: 'json' | 'summary' | 'text', read: ReadFile): CliResult => {
  const requests = readRequests('apply', requestPath, read);
  if (E.isLeft(requests)) return requests.left;
  const applied = applyAll(snapshot, requests.right.requests);
  const files = outPath === undefined ? [] : [{ path: outPath, text: snapshotFileText(applied.snapshot) }];
  // with --json: always an array, one decision per request in request order (SPEC §7, with `changes` when it changed state)
  const stdout =
    format === 'json'
      ? `[${applied.decisions.map((d) => decisionToJson(d)).join(',\n')}]`
      : applied.decisions.map((d) => (format === 'summary' ? summaryWithChanges(d) : decisionToText(d))).join(format === 'summary' ? '\n' : '\n\n');
  return { stdout, stderr: '', exitCode: 0, files };
};

const explainCommand = (snapshot: Snapshot, userName: string | undefined, dsArg: string | undefined, groupArg: string | undefined, json: boolean): CliResult => {
  if (userName === undefined || dsArg === undefined) return bad(`explain: --user NAME and --datasource ID are required\n${usage}`);
  const dsId = integerArg('datasource', dsArg);
  if (E.isLeft(dsId)) return dsId.left;
  const groupId = groupArg === undefined ? E.right(undefined) : integerArg('group', groupArg);
  if (E.isLeft(groupId)) return groupId.left;
  const user = userByName(snapshot, userName);
  if (user === undefined) return bad(`explain: there is no user \`${esc(userName)}\``);
  const ds = snapshot.dataSources.get(dsId.right);
  if (ds === undefined) return bad(`explain: there is no data source ${dsId.right}`);
  const group = groupId.right === undefined ? undefined : snapshot.dataSources.get(groupId.right);
  if (groupId.right !== undefined && group === undefined) return bad(`explain: there is no data source ${groupId.right}`);
  const explained = explainAccess(snapshot, user, ds, group);
  const grants = userPermissionGrants(snapshot, user);
  if (json) {
    return ok(
      JSON.stringify({
        user: { id: user.id, userName: user.userName },
        dataSource: ds.id,
        group: group?.id ?? null,
        permissions: explained.access.permissions.ids,
        route: routeName(explained.access),
        // R-ADM-1, R-REQ-3: an active Administrator (12) manages the data source by authority besides its SPEC §3 set
        managesByAuthority: explained.managesByAuthority,
        userPermissions: grants,
        trace: stateFactsOnce([explained.step]),
      }),
    );
  }
  const grantLines = grants.map((g) => `    ${esc(g.name)} (${g.permission}) from ${g.grants.map((x) => (x._tag === 'Role' ? `role ${x.roleId} \`${esc(x.roleName)}\`` : 'explicit')).join(', ')}`);
  return ok(
    [
      `\`${esc(user.userName)}\` on data source ${ds.id}${group === undefined ? '' : ` through group ${group.id}`}: ${esc(show(explained.access.permissions))} (route: ${routeName(explained.access)})`,
      ...(explained.managesByAuthority ? ['  by authority (R-ADM-1, R-REQ-3): Administrator (12) may view, modify and delete it through the management API; it queries only through the set above'] : []),
      `  user permissions ${esc(show(user.permissions))}:`,
      ...grantLines,
      '  trace:',
      traceToText(stateFactsOnce([explained.step])),
    ].join('\n'),
  );
};
