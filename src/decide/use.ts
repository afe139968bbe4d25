/**
 * Query-channel decisions (R-USE-1): may the actor query a data source through JDBC, ODBC,
 * OData or the SQL editor, directly or through a group. Operation `UseDataSource`. The stages
 * are those of an HTTP request — actor, existence and visibility, requirement — and the
 * requirement is the channel's row (`channelRequirement`), evaluated by the same rules with
 * `authority: false`: Administrator (12) opens no query channel (R-ADM-1).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { UseRequest } from '../codec/request.js';
import type { Snapshot, User } from '../model/snapshot.js';
import { stateFactsOnce, step, type Step } from '../model/trace.js';
import { channelRequirement } from '../operations/channels.js';
import { direct } from '../rules/caller.js';
import { effectiveAccess, effectiveAccessThroughGroup, reaches } from '../rules/dataSourcePermissions.js';
import { explainAccess } from '../rules/explainAccess.js';
import { describeAllMissing } from '../rules/missing.js';
import { evaluateRequirement, partsOf, requirementHolds, type RequirementContext } from '../rules/requirements.js';
import { resolveActor } from './actor.js';
import type { Decision, DenyStatus, ErrorEnvelope } from './decision.js';
import type { DecideOptions } from './http.js';
import { dataSourceNotFound, engineError } from './errors.js';

export { channelPermission } from '../operations/channels.js';

const OPERATION = 'UseDataSource';

const ref = (u: User): { readonly id: number; readonly userName: string } => ({ id: u.id, userName: u.userName });

const deny = (status: DenyStatus, error: ErrorEnvelope, user: User | null, trace: Step[] | null, reason = error.error.message.value): Decision => ({
  decision: 'deny',
  status,
  operation: OPERATION,
  subject: user === null ? null : ref(user),
  onBehalfOf: false,
  actor: user === null ? null : ref(user),
  error,
  reason,
  trace: trace === null ? [] : stateFactsOnce(trace),
});

/** Decides a query-channel request (R-REQ-2, R-EFF-3, R-REQ-3, R-USE-1, R-GRP-1, R-DSP-4). */
export const decideUse = (snapshot: Snapshot, request: UseRequest, options: DecideOptions = {}): Decision => {
  const trace: Step[] | null = options.trace === false ? null : [];
  // R-REQ-2, R-EFF-3: the actor
  // Stryker disable next-line ConditionalExpression: equivalent, asks for steps that the untraced path then drops
  const resolved = resolveActor(snapshot, request.actor, trace !== null);
  if (E.isLeft(resolved)) {
    trace?.push(resolved.left.step);
    return deny(401, engineError(401, resolved.left.message), resolved.left.user, trace);
  }
  const user = resolved.right.user;
  trace?.push(...resolved.right.steps);
  const { dataSource: dsId, via, group: groupId } = request.use;

  // R-REQ-3: ids that do not exist are 404 with the gateway's not-found error
  const unknown = (id: number): Decision => {
    trace?.push(step('R-REQ-3', 'data source exists', 'fail', `there is no data source ${id}`, [{ _tag: 'UnknownDataSource', dataSourceId: id }]));
    return deny(404, dataSourceNotFound(id), user, trace);
  };
  const dataSource = snapshot.dataSources.get(dsId);
  if (dataSource === undefined) return unknown(dsId);
  const group = groupId === undefined ? undefined : snapshot.dataSources.get(groupId);
  if (groupId !== undefined && group === undefined) return unknown(groupId);

  // R-REQ-3, R-USE-1: a channel reaches only what the user's own account reaches by SPEC §3 (owned or
  // shared with it, possibly through a group); anything else is answered as not found
  const explained = trace === null ? undefined : explainAccess(snapshot, user, dataSource, group);
  const reached = explained?.access ?? (group === undefined ? effectiveAccess(user, dataSource) : effectiveAccessThroughGroup(user, group, dataSource));
  const visible = reaches(reached);
  // Stryker disable next-line ConditionalExpression: equivalent, `explained` is undefined exactly when the trace is null
  if (explained !== undefined) {
    trace?.push(step('R-REQ-3', 'data source is visible to the subject', visible ? 'pass' : 'fail', visible ? `\`${user.userName}\` reaches data source ${dsId}` : `\`${user.userName}\` has no route to data source ${dsId}: answered as not found, never revealing that it exists`, [], [explained.step]));
  }
  if (!visible) return deny(404, dataSourceNotFound(dsId), user, trace);

  // R-REQ-4: the channel's requirement, read in the SPEC §3 set; 12 adds nothing (R-ADM-1)
  const ctx: RequirementContext = { snapshot, caller: direct(user), dataSource, dataSourcePermissions: reached.permissions, targetId: undefined, authority: false };
  const requirement = channelRequirement[via];
  // Stryker disable next-line ConditionalExpression: equivalent, the fast path's shortcut; without it the traced evaluation gives the same verdict (L-ONE-DEFINITION)
  if (trace !== null || !requirementHolds(ctx, requirement)) {
    // Stryker disable next-line ConditionalExpression: equivalent, asks for steps that the untraced path then drops
    const verdict = evaluateRequirement(ctx, requirement, trace !== null);
    const lacks = `user \`${user.userName}\` needs ${describeAllMissing(snapshot, verdict.missing, 'auditor')}`;
    trace?.push(step('R-USE-1', `requirement of UseDataSource via ${via}`, verdict.holds ? 'pass' : 'fail', verdict.holds ? 'every part holds' : lacks, [], partsOf(requirement, verdict.step)));
    if (!verdict.holds) return deny(403, engineError(403, lacks), user, trace);
  }
  return { decision: 'allow', status: 200, operation: OPERATION, subject: ref(user), onBehalfOf: false, actor: ref(user), trace: trace === null ? [] : stateFactsOnce(trace) };
};
