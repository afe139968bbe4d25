/**
 * R-TRC-2 for HTTP decisions: an independent checker that recomputes a decision and its status
 * from the facts of its trace alone (test code, not part of the engine).
 *
 * INVARIANT (independent): nothing here calls the engine's rules. The checker reads the facts
 * (who the actor is, its user permissions, the subject's route to the data source, the tenant
 * accesses, the route the request took, the ids that were absent) and the operation table of
 * SPEC §5 as data (each row's requirement, on-behalf-of mode and success status), and evaluates
 * the procedure of SPEC §4 itself. A trace that lacks a fact the checker needs is reported as
 * insufficient. Where SPEC gives no way to judge from facts (a body's structural problems), the
 * checker reads the problems the R-REQ-5 step lists as facts.
 */
import type { Decision } from '../../src/decide/decision.js';
import { resolvedFacts, statedFacts, type Fact, type Step } from '../../src/model/trace.js';
import { operations, type OperationSpec } from '../../src/operations/operations.js';
import type { Requirement, TenantRef } from '../../src/operations/requirement.js';

const ADMINISTRATOR = 12;
const SYSTEM_TENANT = 1;

/** What the facts give: a decision and its status, or why the trace is not enough to tell. */
export type Recomputed = { readonly _tag: 'Decided'; readonly decision: 'allow' | 'deny'; readonly status: number } | { readonly _tag: 'Insufficient'; readonly why: string };

type FactOf<K extends Fact['_tag']> = Extract<Fact, { readonly _tag: K }>;

const decided = (decision: 'allow' | 'deny', status: number): Recomputed => ({ _tag: 'Decided', decision, status });
const insufficient = (why: string): Recomputed => ({ _tag: 'Insufficient', why });


const pick = <K extends Fact['_tag']>(facts: ReadonlyArray<Fact>, tag: K, where: (f: FactOf<K>) => boolean = () => true): FactOf<K> | undefined =>
  facts.find((f): f is FactOf<K> => f._tag === tag && where(f as FactOf<K>));

const isActive = (u: FactOf<'User'>): boolean => u.status !== 0 && !u.accountLocked;

interface Ctx {
  readonly facts: ReadonlyArray<Fact>;
  readonly route: FactOf<'Route'>;
  readonly row: OperationSpec;
  readonly actor: FactOf<'User'>;
  readonly subject: FactOf<'User'>;
  readonly onBehalf: boolean;
}

const actorPermissions = (c: Ctx): ReadonlyArray<number> | undefined => pick(c.facts, 'UserPermissions', (f) => f.userId === c.actor.userId)?.permissions;

const tenantOf = (c: Ctx, ref: TenantRef): number | undefined => {
  switch (ref._tag) {
    case 'TargetTenant':
      return c.route.targetId ?? undefined;
    case 'TargetUserTenant':
      return pick(c.facts, 'User', (f) => f.userId === c.route.targetId)?.tenantId;
    case 'TargetRoleTenant':
      return pick(c.facts, 'Role', (f) => f.roleId === c.route.targetId)?.tenantId;
    case 'SystemTenant':
      return SYSTEM_TENANT;
    case 'SubjectTenant':
      return c.subject.tenantId;
  }
};

/** A requirement of SPEC §5 judged from facts: true, false, or the name of the missing fact. */
const holds = (c: Ctx, req: Requirement): boolean | string => {
  const perms = actorPermissions(c);
  const a12 = perms?.includes(ADMINISTRATOR) === true;
  switch (req._tag) {
    case 'All': {
      for (const r of req.of) {
        const v = holds(c, r);
        if (v !== true) return v;
      }
      return true;
    }
    case 'Any': {
      let missing: string | undefined;
      for (const r of req.of) {
        const v = holds(c, r);
        if (v === true) return true;
        if (typeof v === 'string') missing = v;
      }
      return missing ?? false;
    }
    case 'UserPermission':
      return perms === undefined ? `UserPermissions of the actor ${c.actor.userId}` : perms.includes(req.permission) || a12;
    case 'DataSourcePermission': {
      if (perms === undefined) return `UserPermissions of the actor ${c.actor.userId}`;
      if (a12) return true;
      if (c.onBehalf) return perms.includes(req.permission); // R-OBO-3: the actor's user permissions stand for the set
      const effective = pick(c.facts, 'EffectivePermissions', (f) => f.userId === c.subject.userId && f.dataSourceId === c.route.targetId && f.groupId === null);
      return effective === undefined ? `EffectivePermissions of ${c.subject.userId} on ${c.route.targetId ?? '?'}` : effective.permissions.includes(req.permission);
    }
    case 'TenantAccess': {
      if (perms === undefined) return `UserPermissions of the actor ${c.actor.userId}`;
      if (a12) return true;
      const t = tenantOf(c, req.tenant);
      if (t === undefined) return `the tenant of ${req.tenant._tag}`;
      const access = pick(c.facts, 'TenantAccess', (f) => f.userId === c.actor.userId && f.tenantId === t);
      return access === undefined ? `TenantAccess of ${c.actor.userId} on ${t}` : access.held;
    }
    case 'Owner': {
      const ds = pick(c.facts, 'DataSource', (f) => f.dataSourceId === c.route.targetId);
      if (ds === undefined) return `DataSource ${c.route.targetId ?? '?'}`;
      if (ds.owner === c.subject.userId) return true;
      if (perms === undefined) return `UserPermissions of the actor ${c.actor.userId}`;
      return !c.onBehalf && a12;
    }
    case 'AdministratorOnly':
      return perms === undefined ? `UserPermissions of the actor ${c.actor.userId}` : a12;
  }
};

/** The first top-level step of a rule (facts are stated once, so the stage's own facts are read globally). */
const topStep = (d: Decision, rule: string): Step | undefined => d.trace.find((s) => s.rule === rule);

/** A user's scope for OAuth applications (R-OAA-1): a system-tenant user the system tenant and the tenants it administers, a child-tenant user its own. */
const oauthScope = (u: FactOf<'User'>, administers: boolean, tenantId: number): boolean =>
  u.tenantId === SYSTEM_TENANT ? tenantId === SYSTEM_TENANT || administers : tenantId === u.tenantId;

/**
 * R-REQ-6: whether one body-authorization step holds, judged from its own facts (references
 * resolved). Each check of SPEC §4 that depends on the body is known here by its rule and check;
 * an unknown one makes the trace insufficient for this checker.
 */
const bodyCheckHolds = (c: Ctx, s: Step, facts: ReadonlyArray<Fact>): boolean | string => {
  const perms = actorPermissions(c);
  const a12 = perms?.includes(ADMINISTRATOR) === true;
  const requires = facts.filter((f): f is FactOf<'Requires'> => f._tag === 'Requires');
  const accesses = facts.filter((f): f is FactOf<'TenantAccess'> => f._tag === 'TenantAccess');
  switch (s.check) {
    case 'grant ceiling': // R-SHR-7, R-SHR-8: the caller cannot grant what it does not hold there; 12 lifts it
    case 'privilege ceiling': // R-ADM-6: nor give what it does not hold
      return a12 || requires.every((f) => f.held);
    case 'share in force when written (R-SHR-6)': {
      // R-SHR-7: the owner administers every recipient's tenant, or holds 12
      const ownerPermissions = facts.find((f): f is FactOf<'UserPermissions'> => f._tag === 'UserPermissions');
      return ownerPermissions?.permissions.includes(ADMINISTRATOR) === true || (accesses.length > 0 && accesses.every((f) => f.held));
    }
    case 'oauth application tenant': {
      // R-OAA-1: the actor's scope, intersected with the subject's under on-behalf-of; a direct 12 sees every tenant
      if (!c.onBehalf && a12) return true;
      const own = accesses.find((f) => f.userId === c.actor.userId);
      if (own === undefined) return `TenantAccess of the actor in ${s.check}`;
      const actorOk = a12 || oauthScope(c.actor, own.held, own.tenantId);
      if (!c.onBehalf) return actorOk;
      const theirs = accesses.find((f) => f.userId === c.subject.userId);
      if (theirs === undefined) return `TenantAccess of the subject in ${s.check}`;
      return actorOk && oauthScope(c.subject, theirs.held, theirs.tenantId);
    }
    case 'creator may administer the new tenant': // R-ADM-5, R-ADM-4
      return c.actor.tenantId === SYSTEM_TENANT;
    default:
      if (s.check.startsWith('administrative access on')) return a12 || accesses.every((f) => f.held); // R-ADM-2, R-SHR-7, R-SHR-8
      return `a way to judge the body check \`${s.check}\``;
  }
};

/** Recomputes an HTTP decision (SPEC §4) from its trace's facts and the operation table. */
export const recomputeHttp = (d: Decision): Recomputed => {
  const facts = statedFacts(d.trace);
  // R-REQ-1: the route
  const route = pick(facts, 'Route');
  if (route === undefined) return insufficient('no Route fact');
  if (route.operation === null) return decided('deny', 404);
  if (route.badParam !== null) return decided('deny', 400);
  if (route.repeated.includes('user')) return decided('deny', 400); // R-OBO-1
  const row = operations.find((r) => r.name === route.operation && r.method === route.method && r.path === route.pattern);
  if (row === undefined) return insufficient(`no operation row ${route.operation} ${route.method} ${route.pattern ?? ''}`);
  // R-REQ-2, R-EFF-3: the actor
  const known = topStep(d, 'R-REQ-2') ?? topStep(d, 'R-EFF-3');
  if (known === undefined) return insufficient('no R-REQ-2 or R-EFF-3 step');
  if (known.facts.some((f) => f._tag === 'UnknownUser')) return decided('deny', 401);
  const actor = pick(known.facts, 'User');
  if (actor === undefined) return insufficient('no User fact for the actor');
  if (!isActive(actor)) return decided('deny', 401);
  // R-OBO-1: the subject
  const onBehalf = route.user !== null && route.user !== actor.userName;
  if (!onBehalf && row.obo === 'only') return decided('deny', 400);
  if (onBehalf && row.obo === 'no') return decided('deny', 400);
  let subject = actor;
  if (onBehalf) {
    if (pick(facts, 'UnknownUser', (f) => f.user === route.user) !== undefined) return decided('deny', 404);
    const target = pick(facts, 'User', (f) => f.userName === route.user);
    if (target === undefined) return insufficient(`no User fact for the subject \`${route.user ?? ''}\``);
    subject = target;
  }
  const c: Ctx = { facts, route, row, actor, subject, onBehalf };
  const perms = actorPermissions(c);
  // R-OBO-2: the gate
  if (onBehalf) {
    if (perms === undefined) return insufficient('no UserPermissions fact for the actor at the gate');
    if (!perms.includes(ADMINISTRATOR)) {
      const access = pick(facts, 'TenantAccess', (f) => f.userId === actor.userId && f.tenantId === subject.tenantId);
      if (access === undefined) return insufficient(`no TenantAccess fact of ${actor.userId} on ${subject.tenantId}`);
      const sameTenant = actor.tenantId === SYSTEM_TENANT || subject.tenantId === actor.tenantId;
      if (!sameTenant || !access.held || !perms.includes(21) || !perms.includes(11)) return decided('deny', 403);
    }
  }
  // R-REQ-3: ids that do not exist, or that the caller may not see
  if (facts.some((f) => f._tag === 'Absent')) return decided('deny', 404);
  if (row.target._tag === 'DataSource') {
    if (onBehalf) {
      const reach = pick(facts, 'Reach', (f) => f.userId === subject.userId && f.dataSourceId === route.targetId);
      if (reach === undefined) return insufficient(`no Reach fact of ${subject.userId} on ${route.targetId ?? '?'}`);
      if (reach.route === 'none') return decided('deny', 404);
    } else {
      const effective = pick(facts, 'EffectivePermissions', (f) => f.userId === actor.userId && f.dataSourceId === route.targetId && f.groupId === null);
      if (effective === undefined) return insufficient(`no EffectivePermissions fact of ${actor.userId} on ${route.targetId ?? '?'}`);
      if (effective.route === 'none' || effective.route === 'inactive') {
        if (perms === undefined) return insufficient('no UserPermissions fact to tell whether authority applies');
        if (!perms.includes(ADMINISTRATOR)) return decided('deny', 404);
      }
    }
  }
  // R-REQ-4: the operation's requirement, read per R-OBO-3 under on-behalf-of
  const requirement: Requirement = onBehalf && row.ownerUnderOnBehalfOf ? { _tag: 'All', of: [{ _tag: 'Owner' }, row.requirement] } : row.requirement;
  const verdict = holds(c, requirement);
  if (typeof verdict === 'string') return insufficient(`no ${verdict} fact for the requirement`);
  if (!verdict) return decided('deny', 403);
  // R-REQ-5: the body's structural problems, listed as facts of the payload step
  const payload = topStep(d, 'R-REQ-5');
  if (payload !== undefined && payload.facts.some((f) => f._tag === 'Note')) return decided('deny', 400);
  // R-REQ-6: what the body names; a check fails with a fact that is not held
  const body = topStep(d, 'R-REQ-6');
  for (const check of body?.children ?? []) {
    const ok = bodyCheckHolds(c, check, resolvedFacts(facts, check));
    if (typeof ok === 'string') return insufficient(`no ${ok}`);
    if (!ok) return decided('deny', 403);
  }
  // R-RES-1: a share or member that the path addresses must exist
  const ds = route.targetId;
  const uid = route.params['uid'];
  const tid = route.params['tid'];
  const mid = route.params['mid'];
  if (typeof uid === 'number' && pick(facts, 'NoUserShare', (f) => f.dataSourceId === ds && f.userId === uid) !== undefined) return decided('deny', 404);
  if (typeof tid === 'number' && pick(facts, 'NoTenantShare', (f) => f.dataSourceId === ds && f.tenantId === tid) !== undefined) return decided('deny', 404);
  if (typeof mid === 'number' && pick(facts, 'Membership', (f) => f.groupId === ds && f.memberId === mid && !f.member) !== undefined) return decided('deny', 404);
  // R-REQ-7
  return decided('allow', row.success);
};
