/**
 * One AuthZEN evaluation over the engine (issue 9): who may ask, and the answer.
 *
 * - A catalog permission name asks whether the subject holds that permission on the data source
 *   by SPEC §3 (`effectiveAccess` / `effectiveAccessThroughGroup`); an active Administrator (12)
 *   also holds view, modify and delete (2, 3, 4) on every existing data source by authority, and
 *   no query channel (R-ADM-1, R-USE-1).
 * - An operation name of SPEC §5 with the request in `context` asks for the full request
 *   decision (`decideHttp`, the subject as actor).
 *
 * INVARIANT (no leak, R-REQ-3): a data source the caller may not see (a non-Administrator
 * caller, and the subject does not reach it) is answered exactly like one that does not exist.
 * INVARIANT (one definition): every verdict is the one the engine's own functions return; this
 * module only maps names and words.
 */
import * as E from 'fp-ts/lib/Either.js';
import { dataSourceSettable } from '../../catalog/catalog.js';
import { has } from '../../catalog/permissionSet.js';
import { byAuthority } from '../../audit/whoCan.js';
import { clientAnswer } from '../../decide/clientAnswer.js';
import type { Json } from '../../decide/decision.js';
import { decideHttp } from '../../decide/http.js';
import { userByName, type DataSource, type DataSourceId, type Snapshot, type User } from '../../model/snapshot.js';
import { operationNames, type OperationName } from '../../operations/operations.js';
import { route } from '../../operations/router.js';
import { effectiveAccess, effectiveAccessThroughGroup, reaches, type EffectiveAccess } from '../../rules/dataSourcePermissions.js';
import { explainAccess, routeName } from '../../rules/explainAccess.js';
import { traceToText } from '../../render/render.js';
import type { Problem } from '../../codec/problem.js';
import { decodeAt, OperationContextCodec, type Evaluation, type OperationContext, type Resource } from './codec.js';

/** An AuthZEN decision: the verdict and its `context` (a reason code and what the caller may see). */
export interface AuthzenDecision {
  readonly decision: boolean;
  readonly context: { readonly [key: string]: Json };
}

/** Why a question is not answered: 403 (the caller may not ask it). */
export interface Refused {
  readonly status: 403;
  readonly message: string;
}

/** R-ADM-1: whether the caller audits (an active Administrator (12), asking directly): it may ask about anyone and sees traces. */
export const isAuditor = (caller: User): boolean => caller.active && caller.isAdministrator;

/** Who may ask about `subjectName`: the subject itself, or an auditor; anyone else is refused (403). */
export const mayAsk = (caller: User, subjectName: string): E.Either<Refused, true> =>
  caller.userName === subjectName || isAuditor(caller)
    ? E.right(true)
    : E.left({ status: 403, message: 'only an Administrator (12) may ask about another subject' });

/** The id a resource names (decimal digits), or undefined: an id that names nothing is a data source that does not exist. */
export const dataSourceIdOf = (id: string): DataSourceId | undefined => (/^(0|[1-9]\d{0,15})$/.test(id) && Number.isSafeInteger(Number(id)) ? Number(id) : undefined);

/** The permission a catalog name names, or undefined. */
export const permissionByName = (snapshot: Snapshot, name: string): number | undefined => {
  for (const info of snapshot.catalog.byId.values()) if (info.name === name) return info.id;
  return undefined;
};

const operationSet: ReadonlySet<string> = new Set(operationNames);

/** Whether a name is an operation of SPEC §5. */
export const isOperationName = (name: string): name is OperationName => operationSet.has(name);

/**
 * What an action name asks (D-ZEN-3): an operation when it names one and is not a permission,
 * or when it names both (`CreateDataSource`, `DeleteDataSource`, `Limits`) and `context`
 * carries `method` or `path`; a permission when it names one; else nothing known.
 */
export type ActionKind = { readonly _tag: 'Permission'; readonly permission: number } | { readonly _tag: 'Operation'; readonly operation: OperationName } | { readonly _tag: 'Unknown' };

/** Classifies an evaluation's action (D-ZEN-3). */
export const actionKind = (snapshot: Snapshot, e: Evaluation): ActionKind => {
  const permission = permissionByName(snapshot, e.action.name);
  const asksRequest = e.context !== undefined && (e.context['method'] !== undefined || e.context['path'] !== undefined);
  if (isOperationName(e.action.name) && (permission === undefined || asksRequest)) return { _tag: 'Operation', operation: e.action.name };
  return permission === undefined ? { _tag: 'Unknown' } : { _tag: 'Permission', permission };
};

/** The problems of an evaluation that only the snapshot reveals: an operation action needs `method` and `path` in `context`. */
export const evaluationProblems = (snapshot: Snapshot, e: Evaluation): ReadonlyArray<Problem> => {
  const kind = actionKind(snapshot, e);
  if (kind._tag !== 'Operation') return [];
  const decoded = decodeAt(OperationContextCodec, e.context, e.contextPath);
  return E.isLeft(decoded) ? decoded.left : [];
};

const traceLines = (text: string): ReadonlyArray<Json> => text.split('\n');

/** The data source and group a resource names, when both exist. */
type Located = { readonly _tag: 'Found'; readonly dataSource: DataSource; readonly group: DataSource | undefined } | { readonly _tag: 'Absent' };

/** The data source (and group) a resource names, or `Absent` when either does not exist. */
export const locate = (snapshot: Snapshot, resource: Resource): Located => {
  const id = dataSourceIdOf(resource.id);
  const d = id === undefined ? undefined : snapshot.dataSources.get(id);
  const groupText = resource.properties?.group;
  const gid = groupText === undefined ? undefined : dataSourceIdOf(groupText);
  const g = gid === undefined ? undefined : snapshot.dataSources.get(gid);
  if (d === undefined || (groupText !== undefined && g === undefined)) return { _tag: 'Absent' };
  return { _tag: 'Found', dataSource: d, group: g };
};

/** The subject's SPEC §3 access to the located data source (through the group when given). */
export const accessOf = (user: User, found: { readonly dataSource: DataSource; readonly group: DataSource | undefined }): EffectiveAccess =>
  found.group === undefined ? effectiveAccess(user, found.dataSource) : effectiveAccessThroughGroup(user, found.group, found.dataSource);

const deny = (reason: string, extra: { readonly [key: string]: Json } = {}): AuthzenDecision => ({ decision: false, context: { reason, ...extra } });

/**
 * A permission question (R-EFF-3, SPEC §3, R-GRP-1, R-ADM-1): holds when the subject's effective
 * set there contains it, or when the subject is an active Administrator and it is one of 2, 3, 4.
 */
const permissionDecision = (snapshot: Snapshot, caller: User, subject: User, permission: number, resource: Resource): AuthzenDecision => {
  const auditor = isAuditor(caller);
  if (!has(dataSourceSettable, permission)) return deny('not_a_data_source_permission', { rule: 'R-CAT-1' });
  if (!subject.active && !auditor) return deny('inactive', { rule: 'R-EFF-3' }); // says nothing about the data source
  const found = locate(snapshot, resource);
  if (found._tag === 'Absent') return deny('not_found', { rule: 'R-REQ-3' });
  const access = accessOf(subject, found);
  const authority = subject.active && subject.isAdministrator; // R-ADM-1
  const visible = auditor || reaches(access);
  // R-REQ-3: a data source the caller may not see is answered exactly like one that does not exist
  if (!visible && !authority) return deny('not_found', { rule: 'R-REQ-3' });
  const trace = auditor ? { trace: traceLines(traceToText([explainAccess(snapshot, subject, found.dataSource, found.group).step])) } : {};
  if (has(access.permissions, permission)) return { decision: true, context: { reason: 'holds', route: routeName(access), ...trace } };
  if (authority && has(byAuthority, permission)) return { decision: true, context: { reason: 'by_authority', rule: 'R-ADM-1', ...trace } };
  if (!subject.active) return deny('inactive', { rule: 'R-EFF-3', ...trace });
  // an Administrator's authority opens no query channel (R-ADM-1, R-USE-1): only its SPEC §3 set could
  if (authority) return deny('no_query_channel_by_authority', { rule: 'R-ADM-1', route: routeName(access), ...trace });
  if (!reaches(access)) return deny('no_route', { rule: 'R-DSP-3', ...trace });
  return deny('not_held', { route: routeName(access), ...trace });
};

/** The data source a routed request names in its path, when its operation targets one. */
const pathDataSource = (request: OperationContext): number | undefined => {
  const routed = route({ method: request.method, path: request.path, query: request.query ?? {} });
  if (E.isLeft(routed) || routed.right.spec.target._tag !== 'DataSource') return undefined;
  const id = routed.right.params[routed.right.spec.target.param];
  return typeof id === 'number' ? id : undefined;
};

/** An operation question: the full request decision with the subject as actor (SPEC §4); the client view, the trace only for auditors. */
const operationDecision = (snapshot: Snapshot, caller: User, subject: User, operation: OperationName, e: Evaluation): AuthzenDecision => {
  const decoded = decodeAt(OperationContextCodec, e.context, e.contextPath);
  if (E.isLeft(decoded)) return deny('bad_request'); // refused before evaluation (evaluationProblems); kept total
  const request = decoded.right;
  const inPath = pathDataSource(request);
  if (inPath !== undefined && String(inPath) !== e.resource.id) return deny('resource_mismatch', { path_data_source: String(inPath) });
  const auditor = isAuditor(caller);
  const d = decideHttp(
    snapshot,
    { actor: { id: subject.id }, method: request.method, path: request.path, ...(request.query === undefined ? {} : { query: request.query }), ...(request.body === undefined ? {} : { body: request.body }) },
    { trace: auditor },
  );
  if (d.operation !== operation) return deny('action_mismatch', { operation: d.operation });
  const answer = clientAnswer(d);
  const trace = auditor ? { trace: traceLines(traceToText(d.trace)) } : {};
  return d.decision === 'allow'
    ? { decision: true, context: { reason: 'allowed', status: answer.status, ...trace } }
    : { decision: false, context: { reason: 'denied', status: d.status, error: d.error.error.message.value, ...trace } };
};

/**
 * Evaluates one decoded evaluation for `caller`: 403 when the caller may not ask about the
 * subject; otherwise a decision whose context says why in words the caller may see.
 */
export const evaluate = (snapshot: Snapshot, caller: User, e: Evaluation): E.Either<Refused, AuthzenDecision> => {
  const allowed = mayAsk(caller, e.subject.id);
  if (E.isLeft(allowed)) return allowed;
  const subject = userByName(snapshot, e.subject.id);
  if (subject === undefined) return E.right(deny('unknown_subject')); // only an auditor gets here: it sees every user
  const kind = actionKind(snapshot, e);
  if (kind._tag === 'Unknown') return E.right(deny('unknown_action'));
  return E.right(kind._tag === 'Permission' ? permissionDecision(snapshot, caller, subject, kind.permission, e.resource) : operationDecision(snapshot, caller, subject, kind.operation, e));
};
