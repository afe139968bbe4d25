/**
 * Request-level laws (SPEC §9) over generated snapshots and generated HTTP requests:
 * L-OBO-GATE (R-OBO-2), L-ADMIN-BYPASS (R-ADM-1), L-INACTIVE (R-EFF-3) for both channels,
 * L-TRACE (R-TRC-1..3) for HTTP decisions, no existence leak (R-REQ-3, R-DSP-3) and deny by
 * default for a standard user (R-DSP-3, R-REQ-4).
 *
 * Each law is a function returning its violations (empty when it holds), so a failing run
 * prints what went wrong; the properties assert that the list is empty.
 */
import type { HttpRequestJson, UseRequest } from '../../src/codec/request.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { decide } from '../../src/decide/decide.js';
import type { Decision } from '../../src/decide/decision.js';
import { engineCode, notFoundCode } from '../../src/decide/errors.js';
import { decideHttp } from '../../src/decide/http.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { operations, type OperationSpec } from '../../src/operations/operations.js';
import type { Requirement } from '../../src/operations/requirement.js';
import { route } from '../../src/operations/router.js';
import { verifyTrace } from '../reference/verify.js';
import type { Fact, Step } from '../../src/model/trace.js';
import { withUserStatus, type InactiveStatus } from '../arbitraries/edits.js';
import {
  ABSENT_ID,
  buildRequest,
  isActiveUser,
  paramKind,
  reverseEveryList,
  roleIdsOf,
  tenantIdsOf,
  userById,
  userPermissionsOf,
  withExplicitPermissions,
  withFreshAdministrator,
  withFreshStandardUser,
  withOnBehalfOf,
  withoutAdministeredTenant,
  withoutUserPermission,
  withUserMovedTo,
  type GeneratedRequest,
  type OboScenario,
  type PathIds,
  type RequestBlueprint,
} from '../arbitraries/requests.js';
import { ADMINISTRATOR, SYSTEM_TENANT } from '../arbitraries/snapshot.js';
import { naiveReaches } from '../reference/naive.js';
import { load } from './support.js';

// ---- helpers ----------------------------------------------------------------------------------

const http = (s: Snapshot, request: HttpRequestJson): Decision => decide(s, { _tag: 'Http', request });

const use = (s: Snapshot, request: UseRequest): Decision => decide(s, { _tag: 'Use', request });

/** A short description of a decision for violation messages. */
export const showDecision = (d: Decision): string =>
  `${d.decision} ${d.status} ${d.operation}${d.error === undefined ? '' : ` (${d.error.error.code}: ${d.error.error.message.value})`}`;

/** A short description of a request for violation messages. */
export const showRequest = (r: HttpRequestJson): string =>
  `${JSON.stringify(r.actor)} ${r.method} ${r.url ?? r.path ?? '?'}${r.query?.['user'] === undefined ? '' : `?user=${r.query['user']}`}${r.body === undefined ? '' : ` ${JSON.stringify(r.body)}`}`;

/** The last top-level step of a decision's trace. */
const lastStep = (d: Decision): Step | undefined => d.trace[d.trace.length - 1];

/** Whether the decision is a denial whose last top-level step is a failed step of `rule`. */
const deniedAt = (d: Decision, rule: Step['rule']): boolean => d.decision === 'deny' && lastStep(d)?.rule === rule && lastStep(d)?.outcome === 'fail';

/** The rows whose target is a data source (R-REQ-3, R-DSP-3). */
export const dataSourceRows: ReadonlyArray<OperationSpec> = operations.filter((r) => r.target._tag === 'DataSource');

/** The path parameter naming a row's target. */
const targetParam = (row: OperationSpec): string | undefined => (row.target._tag === 'None' ? undefined : row.target.param);

// ---- L-OBO-GATE (R-OBO-2) ----------------------------------------------------------------------

/** The four parts of the gate of R-OBO-2, computed on the JSON (independently of the engine). */
export interface GateParts {
  readonly sameTenant: boolean;
  readonly access: boolean;
  readonly onBehalfOf: boolean;
  readonly mgmtApi: boolean;
}

/** R-OBO-2 (a)–(d) for actor and subject, on the snapshot JSON. */
export const gateParts = (json: SnapshotJson, actorId: number, subjectId: number): GateParts | undefined => {
  const actor = userById(json, actorId);
  const subject = userById(json, subjectId);
  if (actor === undefined || subject === undefined) return undefined;
  const permissions = userPermissionsOf(json, actor);
  return {
    sameTenant: actor.tenantId === SYSTEM_TENANT || subject.tenantId === actor.tenantId,
    access: (actor.tenantsAdministered ?? []).includes(subject.tenantId),
    onBehalfOf: permissions.includes(21),
    mgmtApi: permissions.includes(11),
  };
};

/** One gate part removed from a snapshot: which one, and the edited snapshot. */
export interface GateRemoval {
  /** The letter of the part in R-OBO-2: a, b, c or d. */
  readonly letter: 'a' | 'b' | 'c' | 'd';
  readonly part: string;
  readonly json: SnapshotJson;
}

/**
 * The removals of L-OBO-GATE: (a) the subject moved to another tenant when the actor is of a
 * child tenant, (b) the actor's administrative access on the subject's tenant dropped, (c) 21
 * and (d) 11 dropped from the actor's user permissions (explicit, and private copies of its roles).
 */
export const gateRemovals = (json: SnapshotJson, actorId: number, subjectId: number, otherTenant: number): ReadonlyArray<GateRemoval> => {
  const actor = userById(json, actorId);
  const subject = userById(json, subjectId);
  if (actor === undefined || subject === undefined) return [];
  const others = tenantIdsOf(json).filter((t) => t !== actor.tenantId);
  const moveTo = others[otherTenant % Math.max(1, others.length)];
  const moved: ReadonlyArray<GateRemoval> =
    actor.tenantId !== SYSTEM_TENANT && moveTo !== undefined ? [{ letter: 'a', part: `(a) subject moved to tenant ${moveTo}`, json: withUserMovedTo(json, subjectId, moveTo) }] : [];
  return [
    ...moved,
    { letter: 'b', part: `(b) ACC(${subject.tenantId}) dropped`, json: withoutAdministeredTenant(json, actorId, subject.tenantId) },
    { letter: 'c', part: '(c) OnBehalfOf (21) dropped', json: withoutUserPermission(json, actorId, 21) },
    { letter: 'd', part: '(d) MgmtAPI (11) dropped', json: withoutUserPermission(json, actorId, 11) },
  ];
};

/** Whether a scenario's request is an allowed on-behalf-of request by an actor without 12 (the law's premise). */
export const oboAllowedWithoutAdministrator = (sc: OboScenario): boolean => {
  const s = load(sc.json);
  const actor = userById(sc.json, sc.actorId);
  if (s === undefined || actor === undefined || userPermissionsOf(sc.json, actor).includes(ADMINISTRATOR)) return false;
  const d = http(s, sc.generated.request);
  return d.decision === 'allow' && d.onBehalfOf;
};

/** L-OBO-GATE: an allowed on-behalf-of request by an actor without 12 passes all four parts, and removing any one of them gives 403 at R-OBO-2. */
export const oboGateViolations = (sc: OboScenario): ReadonlyArray<string> => {
  const s = load(sc.json);
  const actor = userById(sc.json, sc.actorId);
  if (s === undefined || actor === undefined) return ['the scenario snapshot does not load'];
  if (userPermissionsOf(sc.json, actor).includes(ADMINISTRATOR)) return ['the scenario actor holds Administrator (12)'];
  const d = http(s, sc.generated.request);
  if (d.decision !== 'allow' || !d.onBehalfOf) return [];
  const parts = gateParts(sc.json, sc.actorId, sc.subjectId);
  const problems: string[] = [];
  if (parts === undefined || !parts.sameTenant || !parts.access || !parts.onBehalfOf || !parts.mgmtApi) {
    problems.push(`allowed although a gate part fails: ${JSON.stringify(parts)}`);
  }
  for (const removal of gateRemovals(sc.json, sc.actorId, sc.subjectId, sc.otherTenant)) {
    const edited = load(removal.json);
    if (edited === undefined) {
      problems.push(`${removal.part}: the edited snapshot does not load`);
      continue;
    }
    const after = http(edited, sc.generated.request);
    if (!deniedAt(after, 'R-OBO-2') || after.status !== 403 || after.error?.error.code !== engineCode(403)) {
      problems.push(`${removal.part}: expected 403 at R-OBO-2, got ${showDecision(after)} for ${showRequest(sc.generated.request)}`);
    } else if (!(lastStep(after)?.children ?? []).some((c) => c.outcome === 'fail' && c.check.startsWith(`(${removal.letter})`))) {
      // R-TRC-4: the denial names the unmet part (the gate step has one child per part, labelled as in R-OBO-2)
      problems.push(`${removal.part}: the failed gate step does not name part (${removal.letter}) as unmet`);
    }
  }
  return problems;
};

/** L-OBO-GATE, the "only if" half, for any request: an allowed on-behalf-of request by an actor without 12 passes (a)–(d) of R-OBO-2 as computed on the JSON. */
export const oboAllowedOnlyIfGateViolations = (json: SnapshotJson, g: GeneratedRequest): ReadonlyArray<string> => {
  const s = load(json);
  const actor = userById(json, g.actorId);
  if (s === undefined || actor === undefined) return ['the snapshot does not load'];
  const d = http(s, g.request);
  if (d.decision !== 'allow' || !d.onBehalfOf || userPermissionsOf(json, actor).includes(ADMINISTRATOR) || d.subject === null) return [];
  const parts = gateParts(json, g.actorId, d.subject.id);
  return parts !== undefined && parts.sameTenant && parts.access && parts.onBehalfOf && parts.mgmtApi
    ? []
    : [`${showRequest(g.request)}: ${showDecision(d)} although a gate part fails: ${JSON.stringify(parts)}`];
};

/**
 * R-OBO-1 and R-EFF-3 ("the target's status does not block the admin"): making the subject of an
 * on-behalf-of request inactive or locked changes neither its allow/deny nor its status.
 */
export const subjectStatusIgnoredViolations = (sc: OboScenario, status: InactiveStatus): ReadonlyArray<string> => {
  const s = load(sc.json);
  const refused = load(withUserStatus(sc.json, sc.subjectId, status));
  if (s === undefined || refused === undefined) return ['the snapshot does not load'];
  const before = http(s, sc.generated.request);
  if (!before.onBehalfOf || before.subject?.id !== sc.subjectId) return [];
  const after = http(refused, sc.generated.request);
  return after.decision === before.decision && after.status === before.status
    ? []
    : [`${showRequest(sc.generated.request)}: ${showDecision(before)} with the subject active, ${showDecision(after)} with it ${JSON.stringify(status)}`];
};

// ---- L-ADMIN-BYPASS (R-ADM-1) --------------------------------------------------------------------

/** L-ADMIN-BYPASS: giving an active actor Administrator (12) explicitly never turns an allowed request into a denial (nor changes its status). */
export const adminBypassViolations = (json: SnapshotJson, g: GeneratedRequest): ReadonlyArray<string> => {
  const actor = userById(json, g.actorId);
  const s = load(json);
  if (s === undefined || actor === undefined) return ['the snapshot does not load'];
  if (!isActiveUser(actor)) return []; // the law is about active actors (R-EFF-3 refuses the others)
  const before = http(s, g.request);
  if (before.decision !== 'allow') return [];
  const elevated = load(withExplicitPermissions(json, g.actorId, [ADMINISTRATOR]));
  if (elevated === undefined) return ['the snapshot with 12 added does not load'];
  const after = http(elevated, g.request);
  return after.decision === 'allow' && after.status === before.status
    ? []
    : [`${showRequest(g.request)}: ${showDecision(before)} without 12, ${showDecision(after)} with 12`];
};

/**
 * L-ADMIN-BYPASS for query channels, strengthened by SPEC Changes 2026-12-01 (R-USE-1, R-ADM-1:
 * 12 opens no query channel): giving an active actor 12 changes no query decision at all —
 * neither an allowed one (the law of SPEC §9) nor a denied one (the new half), and not its status.
 */
export const adminBypassUseViolations = (json: SnapshotJson, actorId: number, query: UseRequest): ReadonlyArray<string> => {
  const actor = userById(json, actorId);
  const s = load(json);
  if (s === undefined || actor === undefined) return ['the snapshot does not load'];
  if (!isActiveUser(actor)) return [];
  const before = use(s, query);
  const elevated = load(withExplicitPermissions(json, actorId, [ADMINISTRATOR]));
  if (elevated === undefined) return ['the snapshot with 12 added does not load'];
  const after = use(elevated, query);
  return after.decision === before.decision && after.status === before.status
    ? []
    : [`query ${JSON.stringify(query)}: ${showDecision(before)} without 12, ${showDecision(after)} with 12`];
};

// ---- L-INACTIVE (R-EFF-3) ------------------------------------------------------------------------

/** L-INACTIVE: with the actor inactive or locked, the HTTP request and a query by it are denied with 401. */
export const inactiveViolations = (json: SnapshotJson, g: GeneratedRequest, status: InactiveStatus, query: UseRequest): ReadonlyArray<string> => {
  const s = load(withUserStatus(json, g.actorId, status));
  if (s === undefined) return ['the snapshot with the actor refused does not load'];
  const problems: string[] = [];
  const routed = route({ method: g.request.method, path: g.request.path ?? g.request.url ?? '', query: g.request.query ?? {} });
  if (routed._tag === 'Left') problems.push(`the generated request does not route: ${showRequest(g.request)}`);
  const d = http(s, g.request);
  if (d.decision !== 'deny' || d.status !== 401 || d.error?.error.code !== engineCode(401)) problems.push(`HTTP ${showRequest(g.request)}: ${showDecision(d)}`);
  const q = use(s, query);
  if (q.decision !== 'deny' || q.status !== 401) problems.push(`query ${JSON.stringify(query)}: ${showDecision(q)}`);
  return problems;
};

// ---- L-TRACE (R-TRC-1..3) for HTTP decisions -------------------------------------------------------

/** The statuses a denial may carry when the given rule's top-level step failed (SPEC §4). */
const STATUSES_OF_FAILED_STEP: ReadonlyMap<string, ReadonlyArray<number>> = new Map([
  ['R-REQ-1', [400, 404]],
  ['R-REQ-2', [401]],
  ['R-EFF-3', [401]],
  ['R-OBO-1', [400, 404]],
  ['R-OBO-2', [403]],
  ['R-REQ-3', [404]],
  ['R-REQ-4', [403]],
  ['R-REQ-5', [400]],
  ['R-REQ-6', [403]],
]);

/** Every fact of a trace, with its path. */
const factsOf = (steps: ReadonlyArray<Step>, prefix = 'trace'): ReadonlyArray<{ readonly fact: Fact; readonly path: string }> =>
  steps.flatMap((st, i) => [...st.facts.map((fact, j) => ({ fact, path: `${prefix}[${i}].facts[${j}]` })), ...factsOf(st.children, `${prefix}[${i}].children`)]);

/** The number lists of a fact (every set-valued field), found generically. */
const numberListsOf = (fact: Fact): ReadonlyArray<ReadonlyArray<number>> =>
  Object.values(fact).flatMap((v: unknown) => (Array.isArray(v) && v.every((x: unknown) => typeof x === 'number') ? [v.filter((x: unknown): x is number => typeof x === 'number')] : []));

const strictlyAscending = (ids: ReadonlyArray<number>): boolean => ids.every((x, i) => i === 0 || (ids[i - 1] ?? x) < x);

/** Everything of a decision but its trace, as JSON. */
const withoutTrace = (d: Decision): string => JSON.stringify({ ...d, trace: [] });

/**
 * L-TRACE for one HTTP request: the same bytes twice and on the snapshot with every list
 * reversed (R-TRC-3); every fact holds (`verifyTrace`) and every set-valued fact ascends (R-TRC-2,
 * R-TRC-3); `deny` iff a top-level step failed, and then exactly one did, it is the last, and its
 * rule gives the decision's status (R-TRC-1); the fast path gives the same decision, status,
 * error and response with an empty trace.
 */
export const httpTraceViolations = (json: SnapshotJson, request: HttpRequestJson): ReadonlyArray<string> => {
  const s = load(json);
  const reversed = load(reverseEveryList(json));
  if (s === undefined || reversed === undefined) return ['the snapshot does not load'];
  const d = http(s, request);
  const text = JSON.stringify(d);
  const problems: string[] = [];
  if (d.trace.length === 0) problems.push('empty trace (R-TRC-1)');
  if (JSON.stringify(http(s, request)) !== text) problems.push('recomputing gives other bytes (R-TRC-3)');
  if (JSON.stringify(http(reversed, request)) !== text) problems.push('the snapshot with every list reversed gives other bytes (R-TRC-3)');
  // verifyTrace checks that every fact holds and that its known set fields ascend; this generic
  // pass also catches a number list in a fact field that verifyTrace does not know yet
  problems.push(...verifyTrace(s, d));
  for (const { fact, path } of factsOf(d.trace)) {
    for (const ids of numberListsOf(fact)) if (!strictlyAscending(ids)) problems.push(`${path}: ${JSON.stringify(fact)} lists [${ids.join(',')}] not ascending (R-TRC-3)`);
  }
  const failed = d.trace.filter((st) => st.outcome === 'fail');
  if ((d.decision === 'deny') !== failed.length > 0) problems.push(`decision ${d.decision} with ${failed.length} failed top-level steps`);
  if (d.decision === 'deny') {
    const last = lastStep(d);
    if (failed.length !== 1 || failed[0] !== last) problems.push('a denial must end at its only failed top-level step (the first step that settles a request ends it)');
    const statuses = last === undefined ? undefined : STATUSES_OF_FAILED_STEP.get(last.rule);
    if (last === undefined || statuses === undefined || !statuses.includes(d.status)) problems.push(`status ${d.status} does not match the failed step ${last?.rule ?? '?'} (${last?.check ?? ''})`);
    if (d.error === undefined || d.response !== undefined) problems.push('a denial carries an error and no response (R-ERR-1)');
  } else if (![200, 201, 204].includes(d.status) || d.error !== undefined) problems.push(`an allowed request with status ${d.status} or an error (R-REQ-7)`);
  const fast = decideHttp(s, request, { trace: false });
  if (fast.trace.length !== 0) problems.push('the fast path built a trace');
  if (withoutTrace(fast) !== withoutTrace(d)) problems.push(`the fast path differs: ${withoutTrace(fast)} vs ${withoutTrace(d)}`);
  return problems.map((p) => `${showRequest(request)} -> ${showDecision(d)}: ${p}`);
};

// ---- no existence leak (R-REQ-3, R-DSP-3) -------------------------------------------------------

/** A user and a data source it has no route to (ownership, share in force, or a group it reaches). */
export interface UnreachablePair {
  readonly userId: number;
  readonly dataSourceId: number;
}

const expectNotFound = (d: Decision, id: number): boolean =>
  d.decision === 'deny' && d.status === 404 && d.error?.error.code === notFoundCode.dataSource && d.error.error.message.value === `There is no DataSource with that id: ${id}.`;

/**
 * No existence leak: for every operation whose target is a data source, on a data source the
 * subject cannot reach, (1) a direct request by an active actor without 12 is 404 with code
 * 222207004 — never 403 — and answered exactly as for an id that does not exist; for the
 * on-behalf-of-only operation R-OBO-1 answers 400 first, the same as for an absent id; and
 * (2) on behalf of that user, by an administrator who passes the gate, it is 404 too, whatever
 * the subject's status or permissions (R-REQ-3: reachability is the subject's).
 */
export const noExistenceLeakViolations = (json: SnapshotJson, pair: UnreachablePair | undefined, bp: RequestBlueprint): ReadonlyArray<string> => {
  if (pair === undefined) return [];
  const s = load(json);
  const user = userById(json, pair.userId);
  if (s === undefined || user === undefined) return ['the snapshot does not load'];
  if (naiveReaches(json, pair.userId, pair.dataSourceId)) return [`user ${pair.userId} reaches data source ${pair.dataSourceId}: not a case of the law`];
  const problems: string[] = [];
  const direct = isActiveUser(user) && !userPermissionsOf(json, user).includes(ADMINISTRATOR);
  const actorIndex = (json.users ?? []).findIndex((u) => u.id === pair.userId);
  const admin = withFreshAdministrator(json);
  const adminSnapshot = load(admin.json);
  const adminIndex = (admin.json.users ?? []).findIndex((u) => u.id === admin.userId);
  if (adminSnapshot === undefined) return ['the snapshot with an administrator added does not load'];
  for (const row of dataSourceRows) {
    const param = targetParam(row) ?? 'id';
    if (direct) {
      const existing = buildRequest(json, row, { ...bp, actor: actorIndex }, { _tag: 'none' }, { [param]: pair.dataSourceId });
      const absent = buildRequest(json, row, { ...bp, actor: actorIndex }, { _tag: 'none' }, { [param]: ABSENT_ID });
      if (existing === undefined || absent === undefined) return ['impossible: no request'];
      const d = http(s, existing.request);
      const a = http(s, absent.request);
      const sameAsAbsent = d.decision === a.decision && d.status === a.status && d.error?.error.code === a.error?.error.code;
      const expected = row.obo === 'only' ? d.status === 400 && deniedAt(d, 'R-OBO-1') : expectNotFound(d, pair.dataSourceId);
      if (!expected || !sameAsAbsent) problems.push(`direct ${showRequest(existing.request)}: ${showDecision(d)}; for an absent id: ${showDecision(a)}`);
    }
    const onBehalf = buildRequest(admin.json, row, { ...bp, actor: adminIndex, actorByName: true }, withOnBehalfOf(admin.json, pair.userId), { [param]: pair.dataSourceId });
    if (onBehalf === undefined) return ['impossible: no request'];
    const o = http(adminSnapshot, onBehalf.request);
    if (!expectNotFound(o, pair.dataSourceId)) problems.push(`on behalf of ${pair.userId}: ${showRequest(onBehalf.request)}: ${showDecision(o)}`);
  }
  return problems;
};

// ---- deny by default for a standard user (R-DSP-3, R-REQ-3, R-REQ-4, R-OBO-2) ----------------------

/** The permissions of the predefined User role (2): 1–11 (R-CAT-2). */
export const STANDARD_PERMISSIONS: ReadonlyArray<number> = Array.from({ length: 11 }, (_, i) => i + 1);

/**
 * Whether a requirement holds for a direct request by a user whose user permissions are exactly
 * 1–11, with no administrative access, no Administrator (12), and no data source in question:
 * P(n) iff n ≤ 11; D(n), ACC, ownership and Administrator-only never.
 */
export const satisfiedByStandardUser = (req: Requirement): boolean => {
  switch (req._tag) {
    case 'All':
      return req.of.every(satisfiedByStandardUser);
    case 'Any':
      return req.of.some(satisfiedByStandardUser);
    case 'UserPermission':
      return STANDARD_PERMISSIONS.includes(req.permission);
    case 'DataSourcePermission':
    case 'TenantAccess':
    case 'Owner':
    case 'AdministratorOnly':
      return false;
  }
};

/** The administration rows excluded from deny by default: their requirement is met by role 2's permissions 1–11 alone. */
export const adminRowsOpenToStandardUser: ReadonlyArray<OperationSpec> = operations.filter((r) => r.family === 'admin' && satisfiedByStandardUser(r.requirement));

/** Whether every path id of a request exists in the snapshot (by the kind of entity it names). */
const pathIdsExist = (json: SnapshotJson, row: OperationSpec, ids: PathIds): boolean =>
  Object.entries(ids).every(([param, id]) => {
    switch (paramKind(row, param)) {
      case 'dataSource':
        return (json.dataSources ?? []).some((d) => d.id === id);
      case 'user':
        return (json.users ?? []).some((u) => u.id === id);
      case 'role':
        return roleIdsOf(json).includes(id);
      case 'tenant':
        return tenantIdsOf(json).includes(id);
      case 'oauthApp':
        return (json.oauthApps ?? []).some((a) => a.id === id);
      case 'oauthProfile':
        return (json.oauthProfiles ?? []).some((p) => p.id === id);
      case 'permission':
      case 'name':
        return true;
    }
  });

/**
 * Deny by default: a fresh active user of the system tenant whose only role is User (2), with no
 * explicit permissions, nothing shared with it and no administrative access, is denied
 * - every administration operation except those role 2's permissions 1–11 satisfy: 403 at
 *   R-REQ-4, or 404 at R-REQ-3 when a path id does not exist (existence is checked first);
 * - every operation on a data source it does not own (here: `dataSourceIndex`-th one): directly
 *   404 (R-DSP-3, R-REQ-3; 400 at R-OBO-1 for the on-behalf-of-only operation), and on behalf of
 *   the owner 403 at R-OBO-2 (it lacks 21 and administrative access);
 * and its data-source list is empty.
 */
export const denyByDefaultViolations = (json: SnapshotJson, bp: RequestBlueprint, dataSourceIndex: number): ReadonlyArray<string> => {
  const fresh = withFreshStandardUser(json);
  const s = load(fresh.json);
  if (s === undefined) return ['the snapshot with a fresh standard user does not load'];
  const actor = (fresh.json.users ?? []).findIndex((u) => u.id === fresh.userId);
  const asFresh: RequestBlueprint = { ...bp, actor };
  const problems: string[] = [];
  for (const row of operations.filter((r) => r.family === 'admin' && !adminRowsOpenToStandardUser.includes(r))) {
    const g = buildRequest(fresh.json, row, asFresh, { _tag: 'none' });
    if (g === undefined) return ['impossible: no request'];
    const d = http(s, g.request);
    const ok = pathIdsExist(fresh.json, row, g.pathIds) ? d.status === 403 && deniedAt(d, 'R-REQ-4') : d.status === 404 && deniedAt(d, 'R-REQ-3');
    if (!ok) problems.push(`${showRequest(g.request)}: ${showDecision(d)}`);
  }
  const dataSources = fresh.json.dataSources ?? [];
  const target = dataSources[dataSourceIndex % Math.max(1, dataSources.length)];
  if (target !== undefined) {
    for (const row of dataSourceRows) {
      const param = targetParam(row) ?? 'id';
      const g = buildRequest(fresh.json, row, asFresh, { _tag: 'none' }, { [param]: target.id });
      const o = buildRequest(fresh.json, row, asFresh, withOnBehalfOf(fresh.json, target.owner), { [param]: target.id });
      if (g === undefined || o === undefined) return ['impossible: no request'];
      const d = http(s, g.request);
      const ok = row.obo === 'only' ? d.status === 400 && deniedAt(d, 'R-OBO-1') : expectNotFound(d, target.id);
      if (!ok) problems.push(`${showRequest(g.request)}: ${showDecision(d)}`);
      const od = http(s, o.request);
      if (od.status !== 403 || !deniedAt(od, 'R-OBO-2')) problems.push(`${showRequest(o.request)}: ${showDecision(od)}`);
    }
  }
  const list = http(s, { actor: fresh.userName, method: 'GET', path: '/api/mgmt/datasources' });
  if (list.decision !== 'allow' || JSON.stringify(list.response) !== JSON.stringify({ dataSources: [] })) problems.push(`ListDataSources: ${showDecision(list)} ${JSON.stringify(list.response)}`);
  return problems;
};

