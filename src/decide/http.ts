/**
 * HTTP request decisions (SPEC §4–5): the procedure as a pipeline of named stages in the order
 * of SPEC §4. Each stage takes the context so far and returns `Either<Refusal, NextContext>`;
 * the first refusal ends the request. With `trace: false` no step is built (the fast path):
 * stages record steps with `trace?.push(…)`, whose arguments are not even evaluated then.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describePermission } from '../catalog/catalog.js';
import type { HttpRequestJson } from '../codec/request.js';
import { renderProblems } from '../codec/problem.js';
import { stateFactsOnce, step, type Fact, type Step } from '../model/trace.js';
import { userByName, type Snapshot, type User } from '../model/snapshot.js';
import type { EffectiveAccess } from '../rules/access.js';
import { parseUrl, route } from '../operations/router.js';
import { idParam } from '../operations/router.js';
import { direct, isOnBehalfOf, onBehalfOf, subjectOf, type Caller } from '../rules/caller.js';
import { explainAccess, explainReach } from '../rules/explainAccess.js';
import { absentFact, membershipFact, noteFact, roleFact, routeFact, tenantShareFact, userFact, userPermissionsFact, userShareFact } from '../rules/facts.js';
import { describeAllMissing } from '../rules/missing.js';
import { explainGate, gateHolds, onBehalfOfRequirement } from '../rules/onBehalfOf.js';
import { appInScope } from '../rules/oauth.js';
import { authorizeBody } from '../rules/bodyAuthorization.js';
import { checkPayload, type PayloadContext } from '../rules/payloadStructure.js';
import type { RuleId } from '../catalog/ruleIds.js';
import { evaluateRequirement, partsOf, requirementHolds, type RequirementContext } from '../rules/requirements.js';
import { dataSourceVisibility, memberVisible, profileVisible } from '../rules/visibility.js';
import { resolveActor } from './actor.js';
import type { Called, Decoded, Located, Params, Refusal, Routed, Target } from './context.js';
import type { Decision, DecisionOperation, DenyStatus, ErrorEnvelope, Json } from './decision.js';
import { dataSourceNotFound, engineError, roleNotFound, tenantNotFound, userNotFound } from './errors.js';
import { responseFor } from './responses.js';

/** Options of a decision: `trace: false` skips building the trace (the decision's `trace` is then empty). */
export interface DecideOptions {
  readonly trace?: boolean;
}

const ref = (u: User | null): { readonly id: number; readonly userName: string } | null => (u === null ? null : { id: u.id, userName: u.userName });

/** A refusal about what is known so far. */
const refuse = (operation: DecisionOperation, caller: Caller | null, status: DenyStatus, error: ErrorEnvelope, reason = error.error.message.value): Refusal => ({
  status,
  error,
  reason,
  operation,
  actor: caller?.actor ?? null,
  subject: caller === null ? null : subjectOf(caller),
  onBehalfOf: caller !== null && isOnBehalfOf(caller),
});


/** The facts naming the entity a path targets (R-REQ-3): what the requirement's tenant references read. */
const targetFacts = (target: Target): ReadonlyArray<Fact> => {
  if (target._tag === 'User') return [userFact(target.user)];
  if (target._tag === 'Role') return [roleFact(target.role)];
  return [];
};

/** The facts about a share or member the path addresses (R-RES-1: a 404 when it does not exist). */
const addressedFacts = (ctx: Decoded): ReadonlyArray<Fact> => {
  const ds = ctx.dataSource;
  if (ds === undefined) return [];
  const uid = idParam(ctx.params, 'uid');
  const tid = idParam(ctx.params, 'tid');
  const mid = idParam(ctx.params, 'mid');
  return [...(uid === undefined ? [] : [userShareFact(ds, uid)]), ...(tid === undefined ? [] : [tenantShareFact(ds, tid)]), ...(mid === undefined ? [] : [membershipFact(ds, mid)])];
};

// ---------------------------------------------------------------------------------------------
// The stages, in the order of SPEC §4

/** R-REQ-1: method and path must match an operation; path ids must be integers. */
const routeStage = (snapshot: Snapshot, request: HttpRequestJson, trace: Step[] | null): E.Either<Refusal, Routed> => {
  const parsed = request.url === undefined ? undefined : parseUrl(request.url);
  const path = parsed === undefined ? (request.path ?? '') : parsed.path;
  const query = parsed === undefined ? (request.query ?? {}) : { ...parsed.query, ...(request.query ?? {}) };
  const repeated = parsed?.repeated ?? [];
  const routed = route({ method: request.method, path, query, repeated });
  if (E.isLeft(routed)) {
    const err = routed.left;
    const [status, operation, rule, message]: readonly [DenyStatus, DecisionOperation, RuleId, string] =
      err._tag === 'UnknownRoute'
        ? [404, 'Unknown', 'R-REQ-1', `unknown route \`${err.method} ${err.path}\``]
        : err._tag === 'BadPathId'
          ? [400, err.operation, 'R-REQ-1', `path parameter \`${err.param}\` must be an integer id, got \`${err.value}\``]
          : [400, err.operation, 'R-OBO-1', `query parameter \`${err.param}\` is given more than once`]; // R-OBO-1: a repeated ?user= is refused
    const fact = routeFact(request.method, path, err._tag === 'UnknownRoute' ? null : err.operation, null, null, query['user'] ?? null, err._tag === 'BadPathId' ? err.param : null, {}, repeated);
    trace?.push(step(rule, rule === 'R-OBO-1' ? 'one user to act for' : 'route', 'fail', message, [fact]));
    return E.left(refuse(operation, null, status, engineError(status, message)));
  }
  const { spec, params } = routed.right;
  trace?.push(
    step('R-REQ-1', 'route', 'pass', `\`${spec.method} ${path}\` is ${spec.name} (${spec.method} /api${spec.path})`, [
      routeFact(spec.method, path, spec.name, spec.path, spec.target._tag === 'None' ? null : (idParam(params, spec.target.param) ?? null), routed.right.onBehalfOf ?? null, null, params, repeated),
    ]),
  );
  return E.right({ snapshot, spec, params, named: routed.right.onBehalfOf, body: request.body, trace });
};

/** The routed request with its caller. */
const called = (ctx: Routed, caller: Caller): Called => ({ snapshot: ctx.snapshot, spec: ctx.spec, params: ctx.params, named: ctx.named, body: ctx.body, trace: ctx.trace, caller });

/** R-REQ-2, R-EFF-3, R-OBO-1, R-OBO-2: the actor, the subject it acts for, and the gate. */
const callerStage = (ctx: Routed, actorRef: HttpRequestJson['actor']): E.Either<Refusal, Called> => {
  const { snapshot, spec, named, trace } = ctx;
  const op = spec.name;
  // Stryker disable next-line ConditionalExpression: equivalent, asks for steps that the untraced path then drops
  const resolved = resolveActor(snapshot, actorRef, trace !== null);
  if (E.isLeft(resolved)) {
    trace?.push(resolved.left.step);
    return E.left(refuse(op, resolved.left.user === null ? null : direct(resolved.left.user), 401, engineError(401, resolved.left.message)));
  }
  const actor = resolved.right.user;
  trace?.push(...resolved.right.steps);
  const plain = direct(actor);
  if (named === undefined || named === actor.userName) {
    if (spec.obo === 'only') {
      const message =
        named === undefined
          ? `${op} is on-behalf-of only: name the data source's owner with \`?user=\` (R-PAY-1)`
          : `${op} is on-behalf-of only, and \`?user=\` names the caller itself, which makes it a plain request: act for the data source's owner instead (R-OBO-1, R-PAY-1)`;
      trace?.push(step('R-OBO-1', 'on-behalf-of required', 'fail', message));
      return E.left(refuse(op, plain, 400, engineError(400, message)));
    }
    if (named !== undefined) trace?.push(step('R-OBO-1', 'on-behalf-of', 'skip', '`?user=` names the actor itself: a plain request'));
    return E.right(called(ctx, plain));
  }
  if (spec.obo === 'no') {
    const message = `${op} does not accept on-behalf-of (\`?user=${named}\`)`;
    trace?.push(step('R-OBO-1', 'on-behalf-of accepted', 'fail', message));
    return E.left(refuse(op, plain, 400, engineError(400, message)));
  }
  const subject = userByName(snapshot, named);
  if (subject === undefined) {
    trace?.push(step('R-OBO-1', 'on-behalf-of target exists', 'fail', `there is no user \`${named}\``, [{ _tag: 'UnknownUser', user: named }]));
    return E.left({ ...refuse(op, plain, 404, userNotFound(named)), subject: null, onBehalfOf: true });
  }
  const caller = onBehalfOf(actor, subject);
  trace?.push(step('R-OBO-1', 'on-behalf-of', 'pass', `\`${actor.userName}\` acts for \`${subject.userName}\`; the subject's status does not block the actor`, [userFact(subject)]));
  // Stryker disable next-line ConditionalExpression: equivalent, the fast path's shortcut; without it the traced evaluation gives the same verdict (L-ONE-DEFINITION)
  if (trace === null && gateHolds(actor, subject)) return E.right(called(ctx, caller));
  // Stryker disable next-line ConditionalExpression: equivalent, asks for steps that the untraced path then drops
  const gate = explainGate(snapshot, actor, subject, trace !== null); // R-OBO-2
  // Stryker disable next-line ConditionalExpression,OptionalChaining: equivalent, a traced gate always has its step and the untraced one never reaches here with a trace
  if (gate.step !== null) trace?.push(gate.step);
  if (gate.holds) return E.right(called(ctx, caller));
  const lacks = (audience: 'client' | 'auditor'): string => `user \`${actor.userName}\` may not act for \`${subject.userName}\`: it needs ${describeAllMissing(snapshot, gate.missing, audience)}`;
  return E.left(refuse(op, caller, 403, engineError(403, lacks('client')), lacks('auditor')));
};

const notFound = <A>(ctx: Called, error: ErrorEnvelope, why: string, facts: ReadonlyArray<Fact>, children: ReadonlyArray<Step> = []): E.Either<Refusal, A> => {
  ctx.trace?.push(step('R-REQ-3', 'exists and is visible', 'fail', why, facts, children));
  return E.left(refuse(ctx.spec.name, ctx.caller, 404, error));
};

/**
 * The id a path names for its target. The router only routes a path that carries it, so the
 * fallback never runs; -1 names no entity (ids are never negative).
 */
const targetIdOf = (params: Params, name: string): number =>
  // Stryker disable next-line UnaryOperator: unreachable, the router always supplies the id (any negative value names no entity)
  idParam(params, name) ?? -1;

/** R-REQ-3: every id in the path exists, and a data source is visible to the subject (else 404, never revealing it). */
const existenceStage = (ctx: Called): E.Either<Refusal, Located> => {
  const found = findTarget(ctx);
  if (E.isLeft(found)) return found;
  const { snapshot, spec, params, caller, trace } = ctx;
  const subject = subjectOf(caller);
  // other ids in the path: `{uid}` users, `{tid}` tenants, `{mid}` members
  const uid = idParam(params, 'uid');
  if (uid !== undefined && !snapshot.users.has(uid)) return notFound(ctx, userNotFound(uid), `there is no user ${uid}`, [absentFact('user', uid)]);
  const tid = idParam(params, 'tid');
  if (tid !== undefined && !snapshot.tenants.has(tid)) return notFound(ctx, tenantNotFound(tid), `there is no tenant ${tid}`, [absentFact('tenant', tid)]);
  const mid = idParam(params, 'mid');
  if (mid !== undefined) {
    const member = snapshot.dataSources.get(mid);
    // a member the subject cannot reach is answered exactly like one that does not exist (no existence leak)
    if (member === undefined || !memberVisible(caller, member)) return notFound(ctx, dataSourceNotFound(mid), `there is no data source ${mid} visible to \`${subject.userName}\``, [absentFact(member === undefined ? 'dataSource' : 'hiddenMember', mid)]);
  }
  const { target, access } = found.right;
  if (target._tag === 'Permission' && target.id !== undefined && !snapshot.catalog.byId.has(target.id)) {
    return notFound(ctx, engineError(404, `There is no permission with that id: ${target.id}.`), `there is no permission ${target.id} in the catalog (${describePermission(snapshot.catalog, target.id)})`, [absentFact('permission', target.id)]);
  }
  if (target._tag !== 'DataSource' && target._tag !== 'None') trace?.push(step('R-REQ-3', 'exists', 'pass', 'every id in the path exists', targetFacts(target)));
  const dataSource = target._tag === 'DataSource' ? target.dataSource : undefined;
  const targetId = targetIdNumber(target);
  // one object of a fixed shape per stage (no spread): the fast path allocates little
  return E.right({ snapshot, spec, params, named: ctx.named, body: ctx.body, trace, caller, target, targetId, dataSource, access });
};

/** The id of the targeted entity, if any (what the requirement's tenant references read). */
const targetIdNumber = (target: Target): number | undefined => {
  switch (target._tag) {
    case 'DataSource':
      return target.dataSource.id;
    case 'User':
      return target.user.id;
    case 'Role':
      return target.role.id;
    case 'Tenant':
      return target.tenant.id;
    case 'OAuthApp':
      return target.app.id;
    case 'OAuthProfile':
      return target.profile.id;
    case 'Permission':
      return target.id;
    case 'None':
      return undefined;
  }
};

/** R-REQ-3 for the path's target: it exists and, for a data source, OAuth application or profile, the caller may see it. */
const findTarget = (ctx: Called): E.Either<Refusal, { readonly target: Target; readonly access: EffectiveAccess | undefined }> => {
  const { snapshot, spec, params, caller, trace } = ctx;
  const subject = subjectOf(caller);
  const kind = spec.target;
  switch (kind._tag) {
    case 'DataSource': {
      const id = targetIdOf(params, kind.param);
      const dataSource = snapshot.dataSources.get(id);
      if (dataSource === undefined) return notFound(ctx, dataSourceNotFound(id), `there is no data source ${id}`, [absentFact('dataSource', id)]);
      const visibility = dataSourceVisibility(caller, dataSource);
      if (visibility._tag === 'Hidden') {
        // Stryker disable next-line ConditionalExpression,ArrayDeclaration: equivalent, the children only go into the trace, which is null on the fast path
        const explained = trace === null ? [] : [(isOnBehalfOf(caller) ? explainReach(snapshot, subject, dataSource) : explainAccess(snapshot, subject, dataSource)).step];
        // the actor's user permissions show that no authority applies either (R-ADM-1: a direct Administrator would see it)
        return notFound(ctx, dataSourceNotFound(id), `\`${subject.userName}\` has no route to data source ${id}: answered as not found, never revealing that it exists`, isOnBehalfOf(caller) ? [] : [userPermissionsFact(caller.actor)], explained);
      }
      if (trace !== null) {
        const explained = isOnBehalfOf(caller) ? explainReach(snapshot, subject, dataSource) : explainAccess(snapshot, subject, dataSource);
        trace.push(
          visibility._tag === 'ByAuthority'
            ? step('R-REQ-3', 'data source is visible to the caller', 'pass', `direct request by \`${caller.actor.userName}\`, who holds Administrator (12) and so manages every data source by authority (R-ADM-1); its permissions there stay its own set ${visibility.access.permissions.text}`, [userPermissionsFact(caller.actor)], [explained.step])
            : step('R-REQ-3', 'data source is visible to the subject', 'pass', `\`${subject.userName}\` reaches data source ${id}`, [], [explained.step]),
        );
      }
      return E.right({ target: { _tag: 'DataSource', dataSource }, access: visibility.access });
    }
    case 'User': {
      const id = targetIdOf(params, kind.param);
      const user = snapshot.users.get(id);
      return user === undefined ? notFound(ctx, userNotFound(id), `there is no user ${id}`, [absentFact('user', id)]) : E.right({ target: { _tag: 'User', user }, access: undefined });
    }
    case 'Role': {
      const id = targetIdOf(params, kind.param);
      const role = snapshot.roles.get(id);
      return role === undefined ? notFound(ctx, roleNotFound(id), `there is no role ${id}`, [absentFact('role', id)]) : E.right({ target: { _tag: 'Role', role }, access: undefined });
    }
    case 'Tenant': {
      const id = targetIdOf(params, kind.param);
      const tenant = snapshot.tenants.get(id);
      return tenant === undefined ? notFound(ctx, tenantNotFound(id), `there is no tenant ${id}`, [absentFact('tenant', id)]) : E.right({ target: { _tag: 'Tenant', tenant }, access: undefined });
    }
    case 'OAuthApp': {
      const id = targetIdOf(params, kind.param);
      const app = snapshot.oauthApps.get(id);
      if (app === undefined || !appInScope(caller.actor, subject, isOnBehalfOf(caller), app.tenantId)) {
        const why = app === undefined ? `there is no OAuth application ${id}` : `OAuth application ${app.id} of tenant ${app.tenantId} is outside the caller's scope (R-OAA-1): answered as not found`;
        return notFound(ctx, engineError(404, `There is no OAuth application with that id: ${id}.`), why, [absentFact(app === undefined ? 'oauthApp' : 'hiddenOAuthApp', id)]);
      }
      return E.right({ target: { _tag: 'OAuthApp', app }, access: undefined });
    }
    case 'OAuthProfile': {
      const id = targetIdOf(params, kind.param);
      const profile = snapshot.oauthProfiles.get(id);
      if (profile === undefined || !profileVisible(caller, profile)) {
        const why = profile === undefined ? `there is no OAuth profile ${id}` : `OAuth profile ${profile.id} is not owned by \`${subject.userName}\` (R-OAP-1): answered as not found`;
        return notFound(ctx, engineError(404, `There is no OAuth profile with that id: ${id}.`), why, [absentFact(profile === undefined ? 'oauthProfile' : 'hiddenOAuthProfile', id)]);
      }
      return E.right({ target: { _tag: 'OAuthProfile', profile }, access: undefined });
    }
    case 'Permission':
      return E.right({ target: { _tag: 'Permission', id: idParam(params, kind.param) }, access: undefined });
    case 'None':
      return E.right({ target: NO_TARGET, access: undefined });
  }
};

const NO_TARGET: Target = { _tag: 'None' };

const requirementContext = (ctx: Located): RequirementContext => ({
  snapshot: ctx.snapshot,
  caller: ctx.caller,
  dataSource: ctx.dataSource,
  dataSourcePermissions: ctx.access?.permissions,
  targetId: ctx.targetId,
  authority: true,
});

/** R-REQ-4: the operation's requirement (read per R-OBO-3 under on-behalf-of); a denial names every missing part. */
const requirementStage = (ctx: Located): E.Either<Refusal, Located> => {
  const { spec, caller, trace, snapshot } = ctx;
  const requirement = isOnBehalfOf(caller) ? onBehalfOfRequirement(spec) : spec.requirement;
  const rctx = requirementContext(ctx);
  // Stryker disable next-line ConditionalExpression: equivalent, the fast path's shortcut; without it the traced evaluation gives the same verdict (L-ONE-DEFINITION)
  if (trace === null && requirementHolds(rctx, requirement)) return E.right(ctx);
  // Stryker disable next-line ConditionalExpression: equivalent, asks for steps that the untraced path then drops
  const verdict = evaluateRequirement(rctx, requirement, trace !== null);
  const lacks = (audience: 'client' | 'auditor'): string => `user \`${caller.actor.userName}\` needs ${describeAllMissing(snapshot, verdict.missing, audience)}`;
  trace?.push(step('R-REQ-4', `requirement of ${spec.name}`, verdict.holds ? 'pass' : 'fail', verdict.holds ? 'every part holds' : lacks('auditor'), [], partsOf(requirement, verdict.step)));
  return verdict.holds ? E.right(ctx) : E.left(refuse(spec.name, caller, 403, engineError(403, lacks('client')), lacks('auditor')));
};

const payloadContext = (ctx: Located): PayloadContext => {
  const actor = ctx.caller.actor;
  return {
    snapshot: ctx.snapshot,
    operation: ctx.spec.name,
    body: ctx.spec.payload,
    actor,
    subject: subjectOf(ctx.caller),
    onBehalfOf: isOnBehalfOf(ctx.caller),
    params: ctx.params,
    dataSource: ctx.dataSource,
    // R-SHR-7: a sharer grants at most its own set on the data source; under on-behalf-of, the actor's user permissions
    grantable: isOnBehalfOf(ctx.caller) ? actor.permissions : (ctx.access?.permissions ?? actor.permissions),
  };
};

/** R-REQ-5: the body decodes for the operation and obeys its structural rules (400, every problem with its path). */
const payloadStage = (ctx: Located): E.Either<Refusal, Decoded> => {
  const { spec, trace } = ctx;
  const pctx = payloadContext(ctx);
  const payload = checkPayload(pctx, spec.body === 'none' ? undefined : ctx.body);
  if (E.isLeft(payload)) {
    const problems = payload.left;
    const text = renderProblems(problems).replace(/\n/g, '; ');
    trace?.push(step('R-REQ-5', 'payload', 'fail', `${problems.length} problem${problems.length === 1 ? '' : 's'}: ${text}`, problems.map((p) => noteFact(`${p.path}: ${p.message}${p.rule === undefined ? '' : ` (${p.rule})`}`))));
    return E.left(refuse(spec.name, ctx.caller, 400, engineError(400, text)));
  }
  if (spec.body !== 'none' || ctx.body !== undefined) trace?.push(step('R-REQ-5', 'payload', 'pass', 'the body decodes and obeys the structural rules'));
  const { snapshot, params, named, body, caller, target, targetId, dataSource, access } = ctx;
  return E.right({ snapshot, spec, params, named, body, trace, caller, target, targetId, dataSource, access, payload: payload.right, payloadContext: pctx });
};

/** The body checks whose sentences name the home tenants of other users (not said to the client). */
const revealsOthersTenants: ReadonlySet<string> = new Set([
  "administrative access on recipients' tenants",
  'share in force when written (R-SHR-6)',
  'administrative access on the tenants of added or removed admins',
  'administrative access on the tenants of added admins',
]);

/** R-REQ-6: authorization that depends on the body (grant ceilings, tenants the body names, R-ADM-6), 403. */
const bodyAuthorizationStage = (ctx: Decoded): E.Either<Refusal, Decoded> => {
  const steps = authorizeBody(ctx.payloadContext, ctx.payload);
  if (steps.length === 0) return E.right(ctx);
  const failed = steps.filter((s) => s.outcome === 'fail');
  const why = failed.map((s) => s.why).join('; ');
  ctx.trace?.push(step('R-REQ-6', 'body-dependent authorization', failed.length === 0 ? 'pass' : 'fail', failed.length === 0 ? 'every check on what the body names holds' : why, [], steps));
  // a check about tenants the caller did not name (a recipient's or a listed user's home tenant) tells the client
  // only that it failed; the tenant ids stay in the audit reason (R-REQ-3)
  const client = failed.map((s) => (revealsOthersTenants.has(s.check) ? `${s.check}: refused (the tenants involved are in the audit record)` : s.why)).join('; ');
  return failed.length === 0 ? E.right(ctx) : E.left(refuse(ctx.spec.name, ctx.caller, 403, engineError(403, client), why));
};

/** R-RES-1, R-REQ-7, R-ADM-4: the answer of an allowed request. */
const answerStage = (ctx: Decoded): E.Either<Refusal, Decision> => {
  const { snapshot, spec, caller, trace } = ctx;
  const subject = subjectOf(caller);
  const answer = responseFor({
    snapshot,
    spec,
    params: ctx.params,
    actor: caller.actor,
    subject,
    onBehalfOf: isOnBehalfOf(caller),
    target: ctx.target,
    payload: ctx.payload,
  });
  if (E.isLeft(answer)) {
    trace?.push(step('R-REQ-3', 'the addressed item exists', 'fail', answer.left.error.error.message.value, addressedFacts(ctx)));
    return E.left(refuse(spec.name, caller, answer.left.status, answer.left.error));
  }
  if (trace !== null && spec.family === 'permissions' && spec.target._tag === 'DataSource' && spec.method === 'GET' && !subject.active) {
    // D-EFF-4: a permissions read for an inactive or locked subject answers its (empty) effective set
    trace.push(step('R-EFF-3', 'subject is active', 'fail', `\`${subject.userName}\` is ${subject.accountLocked ? 'locked' : 'inactive'}: its effective permissions are empty, so the answer is []`, [userFact(subject)]));
  }
  if (trace !== null && spec.rules.includes('R-ADM-4')) {
    const created = snapshot.idMarks.tenant; // R-ADM-4, R-TRN-2
    trace.push(step('R-ADM-4', 'creator administers the new tenant', 'pass', `\`${caller.actor.userName}\` gains administrative access on the new tenant ${created}`, [noteFact(`new tenant ${created} (R-TRN-2: above every tenant id)`)]));
  }
  trace?.push(step('R-REQ-7', 'answer', 'pass', `allowed: ${spec.success}`, addressedFacts(ctx)));
  const response: Json | undefined = answer.right;
  const who = { id: subject.id, userName: subject.userName };
  const actor = { id: caller.actor.id, userName: caller.actor.userName };
  const steps = trace === null ? [] : stateFactsOnce(trace);
  const onBehalf = isOnBehalfOf(caller);
  // two literals rather than a conditional spread: the fast path builds one object of a fixed shape
  return E.right(
    response === undefined
      ? { decision: 'allow', status: spec.success, operation: spec.name, subject: who, onBehalfOf: onBehalf, actor, trace: steps }
      : { decision: 'allow', status: spec.success, operation: spec.name, subject: who, onBehalfOf: onBehalf, actor, response, trace: steps },
  );
};

const refused = (r: Refusal, trace: Step[] | null): Decision => ({
  decision: 'deny',
  status: r.status,
  operation: r.operation,
  subject: ref(r.subject),
  onBehalfOf: r.onBehalfOf,
  actor: ref(r.actor),
  error: r.error,
  reason: r.reason,
  trace: trace === null ? [] : stateFactsOnce(trace),
});

/** A decision and, when it allows, the request context it was decided on (what `apply` plans a change from). */
export interface DecidedHttp {
  readonly decision: Decision;
  readonly context: Decoded | undefined;
}

const denied = (r: Refusal, trace: Step[] | null): DecidedHttp => ({ decision: refused(r, trace), context: undefined });

/** Decides an HTTP request (SPEC §4) and keeps the context of an allowed one: the stages in order; the first refusal ends it. */
export const decideHttpInContext = (snapshot: Snapshot, request: HttpRequestJson, options: DecideOptions = {}): DecidedHttp => {
  const trace: Step[] | null = options.trace === false ? null : [];
  const routed = routeStage(snapshot, request, trace); // R-REQ-1
  if (E.isLeft(routed)) return denied(routed.left, trace);
  const called = callerStage(routed.right, request.actor); // R-REQ-2, R-EFF-3, R-OBO-1, R-OBO-2
  if (E.isLeft(called)) return denied(called.left, trace);
  const located = existenceStage(called.right); // R-REQ-3
  if (E.isLeft(located)) return denied(located.left, trace);
  const required = requirementStage(located.right); // R-REQ-4
  if (E.isLeft(required)) return denied(required.left, trace);
  const decoded = payloadStage(required.right); // R-REQ-5
  if (E.isLeft(decoded)) return denied(decoded.left, trace);
  const authorized = bodyAuthorizationStage(decoded.right); // R-REQ-6
  if (E.isLeft(authorized)) return denied(authorized.left, trace);
  const answered = answerStage(authorized.right); // R-RES-1, R-REQ-7
  return E.isLeft(answered) ? denied(answered.left, trace) : { decision: answered.right, context: authorized.right };
};

/** Decides an HTTP request to the management API (SPEC §4). */
export const decideHttp = (snapshot: Snapshot, request: HttpRequestJson, options: DecideOptions = {}): Decision =>
  decideHttpInContext(snapshot, request, options).decision;
