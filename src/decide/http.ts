/**
 * HTTP request decisions (SPEC §4–5): may this management-API request proceed, and what does
 * the gateway answer. The procedure runs in the order of SPEC §4 — route, actor, on-behalf-of,
 * gate, existence and visibility, requirement, payload, body-dependent authorization, answer —
 * and records every step it ran. With `trace: false` it builds no steps (the fast path).
 */
import * as E from 'fp-ts/lib/Either.js';
import { describePermission, Permission, SYSTEM_TENANT } from '../catalog/catalog.js';
import { has, type PermissionSet } from '../catalog/permissionSet.js';
import { renderProblems } from '../codec/problem.js';
import type { HttpRequestJson } from '../codec/request.js';
import type { DataSource, Snapshot, User } from '../model/snapshot.js';
import type { OperationSpec } from '../operations/operations.js';
import { all, owner, type Requirement, type TenantRef } from '../operations/requirement.js';
import { idParam, parseUrl, route } from '../operations/router.js';
import { administratorAccess, reaches, routeAccess, effectiveAccess, type EffectiveAccess } from '../rules/dataSourcePermissions.js';
import { explainAccess, explainReach } from '../rules/explainAccess.js';
import type { Payload } from '../codec/payloads.js';
import { authorizeBody } from '../rules/bodyAuthorization.js'; // wt-sem: payload.ts split
import { checkPayload, type PayloadContext } from '../rules/payloadStructure.js';
import { appInScope } from '../rules/oauth.js';
import { userFact } from '../rules/userPermissions.js';
import { step, type Step } from '../trace/trace.js';
import { resolveActor } from './actor.js';
import type { Decision, ErrorEnvelope, Json } from './decision.js';
import { dataSourceNotFound, engineError, roleNotFound, tenantNotFound, userNotFound } from './errors.js';
import { evaluate, holdsUntraced, requirementHolds } from './requirement.js';
import { nextId, responseFor } from './responses.js';

/** Options of a decision: `trace: false` skips building the trace (the decision's `trace` is then empty). */
export interface DecideOptions {
  readonly trace?: boolean;
}

/** The resolved entities a request is about (R-REQ-3). */
export interface Resolved {
  readonly snapshot: Snapshot;
  readonly spec: OperationSpec;
  readonly params: Readonly<Record<string, number | string>>;
  readonly actor: User;
  readonly subject: User;
  readonly onBehalfOf: boolean;
  readonly dataSource: DataSource | undefined;
  /** The subject's access to the target data source (R-REQ-3; `administrator` for a direct A12 request). */
  readonly access: EffectiveAccess | undefined;
  readonly dataSourcePermissions: PermissionSet | undefined;
  /** The decoded body (R-REQ-5). */
  readonly payload: Payload;
}

/** A denial before the answer: status, envelope, and message. */
export interface Denial {
  readonly status: number;
  readonly error: ErrorEnvelope;
}

const deny = (status: number, error: ErrorEnvelope, operation: string, subject: User | null, onBehalfOf: boolean, trace: ReadonlyArray<Step>): Decision => ({
  decision: 'deny',
  status,
  operation,
  subject: subject === null ? null : { id: subject.id, userName: subject.userName },
  onBehalfOf,
  error,
  trace,
});

/** R-REQ-7: 201 for creates, 204 for deletes, 200 otherwise. */
export const successStatus = (spec: OperationSpec): number => {
  if (spec.method === 'DELETE') return 204;
  if (spec.method === 'POST' && (spec.name.startsWith('Create') || spec.name.startsWith('ShareWith') || spec.name === 'AddMembers')) return 201;
  return 200;
};

const routeOf = (request: HttpRequestJson): { readonly path: string; readonly query: Readonly<Record<string, string>>; readonly repeated?: ReadonlyArray<string> | undefined } => {
  if (request.url !== undefined) {
    const parsed = parseUrl(request.url);
    // wt-sem: pass on the keys the url repeats, so route() can refuse a repeated `?user=` (R-OBO-1)
    return { path: parsed.path, query: { ...parsed.query, ...(request.query ?? {}) }, repeated: parsed.repeated };
  }
  return { path: request.path ?? '', query: request.query ?? {} };
};

/** R-OBO-2: the on-behalf-of gate, checked on the actor; every failing part is named (R-TRC-4). */
const oboGate = (actor: User, subject: User, traced: boolean): { readonly holds: boolean; readonly missing: ReadonlyArray<string>; readonly step: Step | null } => {
  if (actor.isAdministrator) {
    return { holds: true, missing: [], step: traced ? step('R-OBO-2', 'on-behalf-of gate', 'pass', `\`${actor.userName}\` holds Administrator (12), which passes the gate alone`, [userFact(actor), { _tag: 'UserPermissions', userId: actor.id, permissions: actor.permissions.ids }]) : null };
  }
  const sameTenant = actor.tenantId === SYSTEM_TENANT || subject.tenantId === actor.tenantId;
  const acc = actor.administers.has(subject.tenantId);
  const p21 = has(actor.permissions, Permission.OnBehalfOf);
  const p11 = has(actor.permissions, Permission.MgmtAPI);
  const missing = [
    ...(sameTenant ? [] : [`\`${subject.userName}\` is outside the actor's tenant ${actor.tenantId}`]),
    ...(acc ? [] : [`no administrative access on tenant ${subject.tenantId}`]),
    ...(p21 ? [] : ['OnBehalfOf (21)']),
    ...(p11 ? [] : ['MgmtAPI (11)']),
  ];
  const holds = missing.length === 0;
  if (!traced) return { holds, missing, step: null };
  const part = (ok: boolean, check: string, why: string, facts: Step['facts']): Step => step('R-OBO-2', check, ok ? 'pass' : 'fail', why, facts);
  return {
    holds,
    missing,
    step: step('R-OBO-2', 'on-behalf-of gate', holds ? 'pass' : 'fail', holds ? `\`${actor.userName}\` may act for \`${subject.userName}\`` : `\`${actor.userName}\` lacks ${missing.join('; ')}`, [userFact(actor), userFact(subject)], [
      part(sameTenant, '(a) subject in the actor\'s tenant', actor.tenantId === SYSTEM_TENANT ? 'the actor is in the system tenant' : sameTenant ? `both are in tenant ${actor.tenantId}` : `\`${subject.userName}\` is in tenant ${subject.tenantId}, the actor in ${actor.tenantId}`, [userFact(actor), userFact(subject)]),
      part(acc, `(b) ACC(${subject.tenantId})`, acc ? `\`${actor.userName}\` administers tenant ${subject.tenantId}` : `\`${actor.userName}\` does not administer tenant ${subject.tenantId}`, [{ _tag: 'TenantAccess', userId: actor.id, tenantId: subject.tenantId, held: acc }]),
      part(p21, '(c) P(21) OnBehalfOf', p21 ? 'held' : `\`${actor.userName}\` lacks OnBehalfOf (21)`, [{ _tag: 'Requires', permission: 21, name: 'OnBehalfOf', scope: 'user', held: p21 }, { _tag: 'UserPermissions', userId: actor.id, permissions: actor.permissions.ids }]),
      part(p11, '(d) P(11) MgmtAPI', p11 ? 'held' : `\`${actor.userName}\` lacks MgmtAPI (11)`, [{ _tag: 'Requires', permission: 11, name: 'MgmtAPI', scope: 'user', held: p11 }]),
    ]),
  };
};

/** R-REQ-3 for the target data source: exists, and reachable by the subject (A12 direct: every one). */
const dataSourceAccess = (actor: User, subject: User, onBehalfOf: boolean, ds: DataSource): EffectiveAccess | undefined => {
  // R-REQ-3: a direct A12 request reaches every data source: its override if set, else the actor's user permissions
  if (!onBehalfOf && actor.isAdministrator && ds.owner !== actor.id) return administratorAccess(actor, ds);
  // under on-behalf-of, reachability is the subject's whatever its status (R-OBO-1, R-OBO-3)
  const access = onBehalfOf ? routeAccess(subject, ds) : effectiveAccess(subject, ds);
  return reaches(access) ? access : undefined;
};

/** Decides an HTTP request to the management API (SPEC §4). */
export const decideHttp = (snapshot: Snapshot, request: HttpRequestJson, options: DecideOptions = {}): Decision => {
  const traced = options.trace !== false;
  const trace: Step[] = [];

  // R-REQ-1: route
  const { path, query, repeated } = routeOf(request);
  const routed = route({ method: request.method, path, query, repeated }); // wt-sem: `repeated` added
  if (E.isLeft(routed)) {
    const err = routed.left;
    if (err._tag === 'UnknownRoute') {
      const message = `unknown route \`${err.method} ${err.path}\``;
      if (traced) trace.push(step('R-REQ-1', 'route', 'fail', message));
      return deny(404, engineError(404, message), 'Unknown', null, false, trace);
    }
    if (err._tag === 'RepeatedParameter') {
      // wt-sem: R-OBO-1, a repeated `?user=` is 400 (decided with routing, before the actor, like D-REQ-9)
      const message = `query parameter \`${err.param}\` is given more than once`;
      if (traced) trace.push(step('R-OBO-1', 'on-behalf-of target is one user', 'fail', message));
      return deny(400, engineError(400, message), err.operation, null, false, trace);
    }
    const message = `path parameter \`${err.param}\` must be an integer id, got \`${err.value}\``;
    if (traced) trace.push(step('R-REQ-1', 'route', 'fail', message));
    return deny(400, engineError(400, message), err.operation, null, false, trace);
  }
  const { spec, params } = routed.right;
  const op = spec.name;
  if (traced) trace.push(step('R-REQ-1', 'route', 'pass', `\`${spec.method} ${path}\` is ${op} (${spec.method} /api${spec.path})`));

  // R-REQ-2, R-EFF-3: actor
  const resolved = resolveActor(snapshot, request.actor, traced);
  if (E.isLeft(resolved)) {
    if (traced) trace.push(resolved.left.step);
    return deny(401, engineError(401, resolved.left.message), op, resolved.left.user, false, trace);
  }
  const actor = resolved.right.user;
  if (traced) trace.push(...resolved.right.steps);

  // R-OBO-1: on-behalf-of
  const named = routed.right.onBehalfOf;
  const onBehalfOf = named !== undefined && named !== actor.userName;
  if (onBehalfOf && spec.obo === 'no') {
    const message = `${op} does not accept on-behalf-of (\`?user=${named}\`)`;
    if (traced) trace.push(step('R-OBO-1', 'on-behalf-of accepted', 'fail', message));
    return deny(400, engineError(400, message), op, actor, false, trace);
  }
  if (!onBehalfOf && spec.obo === 'only') {
    const message = `${op} is on-behalf-of only: \`?user=\` naming the owner is required (R-PAY-1)`;
    if (traced) trace.push(step('R-OBO-1', 'on-behalf-of required', 'fail', message));
    return deny(400, engineError(400, message), op, actor, false, trace);
  }
  let subject = actor;
  if (onBehalfOf) {
    const target = snapshot.usersByName.get(named);
    if (target === undefined) {
      if (traced) trace.push(step('R-OBO-1', 'on-behalf-of target exists', 'fail', `there is no user \`${named}\``, [{ _tag: 'UnknownUser', user: named }]));
      return deny(404, userNotFound(named), op, null, true, trace);
    }
    subject = target;
    if (traced) trace.push(step('R-OBO-1', 'on-behalf-of', 'pass', `\`${actor.userName}\` acts for \`${target.userName}\`; its status does not block the actor`, [userFact(target)]));
    // R-OBO-2: the gate
    const gate = oboGate(actor, target, traced);
    if (gate.step !== null) trace.push(gate.step);
    if (!gate.holds) return deny(403, engineError(403, `user \`${actor.userName}\` may not act for \`${target.userName}\`: lacks ${gate.missing.join('; ')}`), op, target, true, trace);
  } else if (named !== undefined) {
    if (traced) trace.push(step('R-OBO-1', 'on-behalf-of', 'skip', '`?user=` names the actor itself: a plain request'));
  }

  // R-REQ-3: existence and visibility of every id in the path
  const notFound = (status: number, error: ErrorEnvelope, why: string): Decision => {
    if (traced) trace.push(step('R-REQ-3', 'exists and is visible', 'fail', why));
    return deny(status, error, op, subject, onBehalfOf, trace);
  };
  let dataSource: DataSource | undefined;
  let access: EffectiveAccess | undefined;
  const target = spec.target;
  const targetId = target._tag === 'None' ? undefined : idParam(params, target.param);
  switch (target._tag) {
    case 'DataSource': {
      const id = targetId ?? -1;
      dataSource = snapshot.dataSources.get(id);
      if (dataSource === undefined) return notFound(404, dataSourceNotFound(id), `there is no data source ${id}`);
      access = dataSourceAccess(actor, subject, onBehalfOf, dataSource);
      if (access === undefined) {
        if (traced) {
          const explained = onBehalfOf ? explainReach(snapshot, subject, dataSource) : explainAccess(snapshot, subject, dataSource);
          trace.push(step('R-REQ-3', 'data source is visible to the subject', 'fail', `\`${subject.userName}\` has no route to data source ${id}: answered as not found, never revealing that it exists`, [], [explained.step]));
        }
        return deny(404, dataSourceNotFound(id), op, subject, onBehalfOf, trace);
      }
      const reached = access;
      const ds = dataSource;
      if (traced) trace.push(step('R-REQ-3', 'data source is visible to the subject', 'pass', `\`${subject.userName}\` reaches data source ${id}`, [], [
          !onBehalfOf && actor.isAdministrator && ds.owner !== actor.id
            ? step('R-REQ-3', 'Administrator reaches every data source', 'pass', `direct request by \`${actor.userName}\`, who holds Administrator (12): its permissions there are ${ds.permissions === undefined ? 'its user permissions' : 'the data-source permissions'}`, [{ _tag: 'EffectivePermissions', userId: actor.id, dataSourceId: ds.id, groupId: null, route: 'administrator', permissions: reached.permissions.ids }])
            : onBehalfOf
              ? explainReach(snapshot, subject, ds).step
              : explainAccess(snapshot, subject, ds).step,
        ]),);
      break;
    }
    case 'User':
      if (snapshot.users.get(targetId ?? -1) === undefined) return notFound(404, userNotFound(targetId ?? -1), `there is no user ${targetId ?? '?'}`);
      break;
    case 'Role':
      if (snapshot.roles.get(targetId ?? -1) === undefined) return notFound(404, roleNotFound(targetId ?? -1), `there is no role ${targetId ?? '?'}`);
      break;
    case 'Tenant':
      if (snapshot.tenants.get(targetId ?? -1) === undefined) return notFound(404, tenantNotFound(targetId ?? -1), `there is no tenant ${targetId ?? '?'}`);
      break;
    case 'OAuthApp': {
      const app = snapshot.oauthApps.get(targetId ?? -1);
      if (app === undefined || !appInScope(actor, subject, onBehalfOf, app.tenantId)) {
        return notFound(404, engineError(404, `There is no OAuth application with that id: ${targetId ?? '?'}.`), app === undefined ? `there is no OAuth application ${targetId ?? '?'}` : `OAuth application ${app.id} of tenant ${app.tenantId} is outside \`${subject.userName}\`'s scope (R-OAA-1): answered as not found`);
      }
      break;
    }
    case 'OAuthProfile': {
      const profile = snapshot.oauthProfiles.get(targetId ?? -1);
      const visible = profile !== undefined && (profile.owner === subject.id || (actor.isAdministrator && !onBehalfOf));
      if (!visible) return notFound(404, engineError(404, `There is no OAuth profile with that id: ${targetId ?? '?'}.`), profile === undefined ? `there is no OAuth profile ${targetId ?? '?'}` : `OAuth profile ${profile.id} is not owned by \`${subject.userName}\` (R-OAP-1): answered as not found`);
      break;
    }
    case 'None':
      break;
  }
  const extra = checkOtherPathIds(snapshot, spec, params, actor, subject, onBehalfOf);
  if (extra !== undefined) return notFound(404, extra.error, extra.why);
  if (target._tag !== 'DataSource' && target._tag !== 'None') if (traced) trace.push(step('R-REQ-3', 'exists', 'pass', `every id in the path exists`));

  // R-REQ-4: the operation's requirement
  const tenantOf = (ref: TenantRef): number | undefined => {
    switch (ref._tag) {
      case 'TargetUserTenant':
        return snapshot.users.get(targetId ?? -1)?.tenantId;
      case 'TargetRoleTenant':
        return snapshot.roles.get(targetId ?? -1)?.tenantId;
      case 'TargetTenant':
        return targetId;
      case 'SystemTenant':
        return SYSTEM_TENANT;
      case 'SubjectTenant':
        return subject.tenantId;
    }
  };
  const dataSourcePermissions = access?.permissions;
  const requirementContext = { snapshot, actor, subject, onBehalfOf, dataSource, dataSourcePermissions, tenantOf };
  const requirement = onBehalfOf ? onBehalfOfRequirement(spec) : spec.requirement;
  const verdict = traced || !requirementHolds(requirementContext, requirement) ? evaluate(requirementContext, requirement, traced) : holdsUntraced;
  if (verdict.step !== null) trace.push(step('R-REQ-4', `requirement of ${op}`, verdict.holds ? 'pass' : 'fail', verdict.holds ? 'every requirement holds' : `missing: ${verdict.missing.join('; ')}`, [], [verdict.step]));
  if (!verdict.holds) return deny(403, engineError(403, `user \`${actor.userName}\` lacks ${verdict.missing.join(', ')}`), op, subject, onBehalfOf, trace);

  // R-REQ-5: payload (structural rules, 400)
  const grantable = !onBehalfOf ? (dataSourcePermissions ?? actor.permissions) : actor.permissions; // R-SHR-7
  const payloadContext: PayloadContext = { snapshot, operation: op, actor, subject, onBehalfOf, params, dataSource, grantable };
  const payload = checkPayload(payloadContext, spec.body === 'none' ? undefined : request.body);
  if (E.isLeft(payload)) {
    const problems = payload.left;
    if (traced) trace.push(step('R-REQ-5', 'payload', 'fail', `${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${renderProblems(problems)}`, problems.map((p) => ({ _tag: 'Note', text: `${p.path}: ${p.message}${p.rule === undefined ? '' : ` (${p.rule})`}` }))));
    return deny(400, engineError(400, renderProblems(problems).replace(/\n/g, '; ')), op, subject, onBehalfOf, trace);
  }
  if (spec.body !== 'none' || request.body !== undefined) if (traced) trace.push(step('R-REQ-5', 'payload', 'pass', 'the body decodes and obeys the structural rules'));

  // R-REQ-6: body-dependent authorization (403)
  const bodySteps = authorizeBody(payloadContext, payload.right);
  const failed = bodySteps.filter((s) => s.outcome === 'fail');
  if (bodySteps.length > 0) if (traced) trace.push(step('R-REQ-6', 'body-dependent authorization', failed.length === 0 ? 'pass' : 'fail', failed.length === 0 ? 'holds' : failed.map((s) => s.why).join('; '), [], bodySteps));
  if (failed.length > 0) return deny(403, engineError(403, failed.map((s) => s.why).join('; ')), op, subject, onBehalfOf, trace);

  // R-RES-1, R-REQ-7: the answer
  const resolvedRequest: Resolved = { snapshot, spec, params, actor, subject, onBehalfOf, dataSource, access, dataSourcePermissions, payload: payload.right };
  const answer = responseFor(resolvedRequest);
  if (E.isLeft(answer)) {
    if (traced) trace.push(step('R-REQ-3', 'the addressed item exists', 'fail', answer.left.error.error.message.value));
    return deny(answer.left.status, answer.left.error, op, subject, onBehalfOf, trace);
  }
  const status = successStatus(spec);
  if (op === 'CreateTenant') {
    // R-ADM-4: the creator gains administrative access on the tenant it creates
    const created = nextId(snapshot.tenants.keys());
    if (traced) trace.push(step('R-ADM-4', 'creator administers the new tenant', 'pass', `\`${actor.userName}\` gains administrative access on the new tenant ${created}`, [{ _tag: 'Note', text: `new tenant ${created} (R-TRN-2: the smallest id above every tenant id)` }]));
  }
  if (traced) trace.push(step('R-REQ-7', 'answer', 'pass', `allowed: ${status}`));
  const response: Json | undefined = answer.right;
  return {
    decision: 'allow',
    status,
    operation: op,
    subject: { id: subject.id, userName: subject.userName },
    onBehalfOf,
    ...(response === undefined ? {} : { response }),
    trace,
  };
};

const containsOwner = (req: Requirement): boolean =>
  req._tag === 'Owner' || ((req._tag === 'All' || req._tag === 'Any') && req.of.some(containsOwner));

/**
 * R-OBO-3: under on-behalf-of the data source must be the subject's for anything but reads
 * (GET, and testing a connection); the actor's permissions stand for the subject's, so they
 * must not reach data sources the subject only holds a share of. UpdateDataSourcePermissions
 * checks ownership as a payload rule instead (R-PAY-1, 400).
 */
export const onBehalfOfRequirement = (spec: OperationSpec): Requirement =>
  spec.target._tag !== 'DataSource' || spec.method === 'GET' || spec.name === 'TestConnection' || spec.name === 'UpdateDataSourcePermissions' || containsOwner(spec.requirement)
    ? spec.requirement
    : all(owner, spec.requirement);

/** R-REQ-3 for path ids other than the target: `{uid}` users, `{tid}` tenants, `{mid}` data sources, catalog ids. */
const checkOtherPathIds = (
  snapshot: Snapshot,
  spec: OperationSpec,
  params: Readonly<Record<string, number | string>>,
  actor: User,
  subject: User,
  onBehalfOf: boolean,
): { readonly error: ErrorEnvelope; readonly why: string } | undefined => {
  const uid = idParam(params, 'uid');
  if (uid !== undefined && !snapshot.users.has(uid)) return { error: userNotFound(uid), why: `there is no user ${uid}` };
  const tid = idParam(params, 'tid');
  if (tid !== undefined && !snapshot.tenants.has(tid)) return { error: tenantNotFound(tid), why: `there is no tenant ${tid}` };
  const mid = idParam(params, 'mid');
  const member = mid === undefined ? undefined : snapshot.dataSources.get(mid);
  // a member the subject cannot reach is answered exactly like one that does not exist (no existence leak)
  if (mid !== undefined && (member === undefined || (!(actor.isAdministrator && !onBehalfOf) && !reaches(routeAccess(subject, member))))) {
    return { error: dataSourceNotFound(mid), why: `there is no data source ${mid} visible to \`${subject.userName}\`` };
  }
  if (spec.name === 'ListCatalog') {
    const id = idParam(params, 'id');
    if (id !== undefined && !snapshot.catalog.byId.has(id)) return { error: engineError(404, `There is no permission with that id: ${id}.`), why: `there is no permission ${id} in the catalog (${describePermission(snapshot.catalog, id)})` };
  }
  return undefined;
};
