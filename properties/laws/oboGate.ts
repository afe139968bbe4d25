/**
 * L-OBO-GATE (R-OBO-2, R-TRC-4), over generated on-behalf-of scenarios and generated HTTP
 * requests: an allowed on-behalf-of request by an actor without Administrator (12) passes the four
 * parts of the gate — (a) same tenant unless the actor is of the system tenant, (b) administrative
 * access on the subject's tenant, (c) OnBehalfOf (21), (d) MgmtAPI (11) — judged on the JSON, and
 * removing any one part gives 403 at R-OBO-2 with the unmet part named.
 */
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { engineCode } from '../../src/decide/errors.js';
import {
  tenantIdsOf,
  userById,
  userPermissionsOf,
  withoutAdministeredTenant,
  withoutUserPermission,
  withUserMovedTo,
  type GeneratedRequest,
  type OboScenario,
} from '../arbitraries/requests.js';
import { ADMINISTRATOR, SYSTEM_TENANT } from '../arbitraries/snapshot.js';
import { deniedAt, http, lastStep, showDecision, showRequest } from './requestSupport.js';
import { load } from './support.js';

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
