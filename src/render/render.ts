/**
 * Renderers for decisions and traces: deterministic JSON (R-TRC-3) and readable text.
 * Rendering is pure: a value in, a string out.
 *
 * INVARIANT (one line per item): in the text renderings every piece of content (names, checks,
 * `why` texts, notes, error messages, response JSON) passes through `escapeText` or `jsonText`
 * before it is placed on a line, so no string from a snapshot or a request can start a line,
 * and the marks `✓ ✗ –` at the start of a line come only from `stepLines` (R-TRC-1).
 */
import type { Decision } from '../decide/decision.js';
import { escapeText as esc, jsonText } from '../codec/escape.js';
import type { AbsentKind, Fact, Step } from '../model/trace.js';
import { describeChange } from '../model/change.js';

/** The decision as JSON text; the same decision always gives the same bytes (R-TRC-3). */
export const decisionToJson = (decision: Decision, indent?: number): string => JSON.stringify(decision, null, indent);

const list = (ids: ReadonlyArray<number>): string => `[${ids.join(',')}]`;

/** One fact as a short line of text; names and notes are escaped (see the module INVARIANT). */
export const showFact = (fact: Fact): string => {
  switch (fact._tag) {
    case 'User':
      return `user ${fact.userId} \`${esc(fact.userName)}\` in tenant ${fact.tenantId}, status ${fact.status}${fact.accountLocked ? ', locked' : ''}`;
    case 'UnknownUser':
      return `no user \`${esc(fact.user)}\``;
    case 'Role':
      return `role ${fact.roleId} \`${esc(fact.roleName)}\` of tenant ${fact.tenantId} holds ${list(fact.permissions)}`;
    case 'UserRoles':
      return `user ${fact.userId} has roles ${list(fact.roles)}`;
    case 'ExplicitPermissions':
      return `user ${fact.userId} has explicit permissions ${list(fact.permissions)}`;
    case 'UserPermissions':
      return `user ${fact.userId}'s user permissions are ${list(fact.permissions)}`;
    case 'DataSource':
      return `data source ${fact.dataSourceId} \`${esc(fact.name)}\` owned by user ${fact.owner}${fact.isGroup ? ' (group)' : ''}`;
    case 'UnknownDataSource':
      return `no data source ${fact.dataSourceId}`;
    case 'Override':
      return fact.permissions === null
        ? `data source ${fact.dataSourceId} carries no data-source permissions`
        : `override on data source ${fact.dataSourceId} is ${list(fact.permissions)}`;
    case 'UserShare':
      return `data source ${fact.dataSourceId} shared with user ${fact.userId}: ${list(fact.permissions)}${fact.inForce ? '' : ' (not in force)'}`;
    case 'NoUserShare':
      return `data source ${fact.dataSourceId} not shared with user ${fact.userId}`;
    case 'TenantShare':
      return `data source ${fact.dataSourceId} shared with tenant ${fact.tenantId}: ${list(fact.permissions)}`;
    case 'NoTenantShare':
      return `data source ${fact.dataSourceId} not shared with tenant ${fact.tenantId}`;
    case 'TenantAccess':
      return `user ${fact.userId} ${fact.held ? 'administers' : 'does not administer'} tenant ${fact.tenantId}`;
    case 'Membership':
      return `data source ${fact.memberId} ${fact.member ? 'is' : 'is not'} a member of ${fact.groupId}`;
    case 'EffectivePermissions':
      return `user ${fact.userId} has ${list(fact.permissions)} on data source ${fact.dataSourceId}${fact.groupId === null ? '' : ` through group ${fact.groupId}`} (route: ${esc(fact.route)})`;
    case 'Requires':
      return `requires ${fact.scope === 'user' ? 'user permission' : 'data-source permission'} ${esc(fact.name)} (${fact.permission}): ${fact.held ? 'held' : 'missing'}`;
    case 'Note':
      return esc(fact.text);
    case 'Route':
      return fact.operation === null
        ? `no operation matches \`${esc(fact.method)} ${esc(fact.path)}\``
        : `\`${esc(fact.method)} ${esc(fact.path)}\` is ${esc(fact.operation)} (${esc(fact.pattern ?? '')})${fact.targetId === null ? '' : `, target ${fact.targetId}`}${fact.user === null ? '' : `, ?user=\`${esc(fact.user)}\``}${fact.badParam === null ? '' : `, path parameter \`${esc(fact.badParam)}\` is not an integer`}`;
    case 'Absent':
      return fact.kind.startsWith('hidden') ? `${absentNames[fact.kind]} ${fact.id} is not visible to the caller` : `no ${absentNames[fact.kind]} ${fact.id}`;
    case 'Reach':
      return `user ${fact.userId} reaches data source ${fact.dataSourceId} by route ${fact.route} (whatever its status)`;
    case 'Ref':
      return `fact #${fact.fact}, stated above`;
  }
};

const absentNames: Readonly<Record<AbsentKind, string>> = {
  dataSource: 'data source',
  user: 'user',
  role: 'role',
  tenant: 'tenant',
  permission: 'permission',
  oauthApp: 'OAuth application',
  oauthProfile: 'OAuth profile',
  hiddenOAuthApp: 'OAuth application',
  hiddenOAuthProfile: 'OAuth profile',
  hiddenMember: 'data source',
};

const mark: Readonly<Record<Step['outcome'], string>> = { pass: '✓', fail: '✗', skip: '–' };

const stepLines = (s: Step, depth: number, withFacts: boolean): ReadonlyArray<string> => {
  const pad = '  '.repeat(depth);
  const head = `${pad}${mark[s.outcome]} ${esc(s.rule)} ${esc(s.check)}: ${esc(s.why)}`;
  // a fact stated by an earlier step is not printed again (D-TRC-1)
  const facts = withFacts && s.outcome !== 'skip' ? s.facts.filter((f) => f._tag !== 'Ref').map((f) => `${pad}    · ${showFact(f)}`) : [];
  return [head, ...facts, ...s.children.flatMap((c) => stepLines(c, depth + 1, withFacts))];
};

/** The trace as indented text, one step a line, facts below each step when asked. */
export const traceToText = (trace: ReadonlyArray<Step>, withFacts = true): string =>
  trace.flatMap((s) => stepLines(s, 1, withFacts)).join('\n');

/** A decision on one line: verdict, status, operation, subject, and the error or response. */
export const decisionSummary = (d: Decision): string => {
  const who = d.subject === null ? '' : ` for \`${esc(d.subject.userName)}\`${d.onBehalfOf ? ' on behalf' : ''}`;
  const tail = d.error !== undefined ? ` — ${d.error.error.code}: ${esc(d.error.error.message.value)}` : d.response !== undefined ? ` — ${jsonText(d.response)}` : '';
  return `${d.decision.toUpperCase()} ${d.status} ${esc(d.operation)}${who}${tail}`;
};

/** A decision as readable text: the verdict line, the error or response, what an applied request changed (SPEC §6), then the trace. */
export const decisionToText = (d: Decision, withFacts = true): string => {
  const who = d.subject === null ? '' : ` for \`${esc(d.subject.userName)}\` (${d.subject.id})${d.onBehalfOf ? ' on behalf' : ''}`;
  const lines = [`${d.decision.toUpperCase()} ${d.status} ${esc(d.operation)}${who}`];
  if (d.error !== undefined) lines.push(`  error ${d.error.error.code}: ${esc(d.error.error.message.value)}`);
  // the auditor's reason, when it says more than the client's message (R-REQ-3: the client never sees it)
  if (d.decision === 'deny' && d.reason !== d.error.error.message.value) lines.push(`  reason: ${esc(d.reason)}`);
  if (d.response !== undefined) lines.push(`  response: ${jsonText(d.response)}`);
  if (d.decision === 'allow' && d.changes !== undefined && d.changes.length > 0) lines.push('  changes:', ...d.changes.map((c) => `    ${esc(describeChange(c))}`));
  lines.push('  trace:');
  lines.push(traceToText(d.trace, withFacts));
  return lines.join('\n');
};
