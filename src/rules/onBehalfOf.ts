/**
 * On-behalf-of (R-OBO-1, R-OBO-2, R-OBO-3): who the subject is, the gate the actor must pass
 * to act for it, and how an operation's requirement reads under it. The gate's parts are
 * named functions; the fast path (`gateHolds`) and the traced path (`explainGate`) call them.
 */
import { Permission, SYSTEM_TENANT } from '../catalog/catalog.js';
import { has } from '../catalog/permissionSet.js';
import type { Snapshot, User } from '../model/snapshot.js';
import { step, type Step } from '../model/trace.js';
import { all, owner, type Requirement } from '../operations/requirement.js';
import type { OperationSpec } from '../operations/operations.js';
import { requiresFact, tenantAccessFact, userFact, userPermissionsFact } from './facts.js';
import type { Missing } from './missing.js';

/** R-OBO-2 (a): a child-tenant actor may act only for users of its own tenant. */
export const subjectInActorsTenant = (actor: User, subject: User): boolean => actor.tenantId === SYSTEM_TENANT || subject.tenantId === actor.tenantId;

/** R-OBO-2 (b): the actor administers the subject's tenant. */
export const administersSubjectsTenant = (actor: User, subject: User): boolean => actor.administers.has(subject.tenantId);

/** R-OBO-2 (c): the actor holds OnBehalfOf (21). */
export const holdsOnBehalfOf = (actor: User): boolean => has(actor.permissions, Permission.OnBehalfOf);

/** R-OBO-2 (d): the actor holds MgmtAPI (11). */
export const holdsMgmtApi = (actor: User): boolean => has(actor.permissions, Permission.MgmtAPI);

/** R-OBO-2, fast: Administrator (12) passes alone; otherwise every part. */
export const gateHolds = (actor: User, subject: User): boolean =>
  actor.isAdministrator || (subjectInActorsTenant(actor, subject) && administersSubjectsTenant(actor, subject) && holdsOnBehalfOf(actor) && holdsMgmtApi(actor));

/** The gate's verdict with every failing part (R-TRC-4) and its step. */
export interface GateVerdict {
  readonly holds: boolean;
  readonly missing: ReadonlyArray<Missing>;
  readonly step: Step | null;
}

/** R-OBO-2: the same parts, every failing one as a typed missing item, and (when traced, the default) each as a step. */
export const explainGate = (snapshot: Snapshot, actor: User, subject: User, traced = true): GateVerdict => {
  const a = `\`${actor.userName}\``;
  const s = `\`${subject.userName}\``;
  if (actor.isAdministrator) {
    return { holds: true, missing: [], step: traced ? step('R-OBO-2', 'on-behalf-of gate', 'pass', `${a} holds Administrator (12), which passes the gate alone`, [userPermissionsFact(actor)]) : null };
  }
  const sameTenant = subjectInActorsTenant(actor, subject);
  const acc = administersSubjectsTenant(actor, subject);
  const p21 = holdsOnBehalfOf(actor);
  const p11 = holdsMgmtApi(actor);
  const missing: ReadonlyArray<Missing> = [
    ...(sameTenant ? [] : [{ _tag: 'SameTenant', actorId: actor.id, subjectId: subject.id } as const]),
    ...(acc ? [] : [{ _tag: 'TenantAccess', userId: actor.id, tenantId: subject.tenantId, source: 'subject', about: subject.id } as const]),
    ...(p21 ? [] : [{ _tag: 'UserPermission', userId: actor.id, permission: Permission.OnBehalfOf, forDataSource: null } as const]),
    ...(p11 ? [] : [{ _tag: 'UserPermission', userId: actor.id, permission: Permission.MgmtAPI, forDataSource: null } as const]),
  ];
  const holds = missing.length === 0;
  if (!traced) return { holds, missing, step: null };
  const part = (ok: boolean, check: string, why: string, facts: Step['facts']): Step => step('R-OBO-2', check, ok ? 'pass' : 'fail', why, facts);
  return {
    holds,
    missing,
    step: step('R-OBO-2', 'on-behalf-of gate', holds ? 'pass' : 'fail', holds ? `${a} may act for ${s}` : `${a} may not act for ${s}: ${missing.length} part${missing.length === 1 ? '' : 's'} of the gate fail`, [userFact(actor), userFact(subject)], [
      part(sameTenant, "(a) subject in the actor's tenant", actor.tenantId === SYSTEM_TENANT ? `${a} is in the system tenant, which may act across tenants` : sameTenant ? `both are in tenant ${actor.tenantId}` : `${s} is in tenant ${subject.tenantId}, ${a} in tenant ${actor.tenantId}`, []),
      part(acc, `(b) ACC(${subject.tenantId}): administrative access on the subject's tenant`, acc ? `${a} administers tenant ${subject.tenantId}` : `${a} does not administer tenant ${subject.tenantId}`, [tenantAccessFact(actor, subject.tenantId)]),
      part(p21, '(c) P(21): OnBehalfOf', p21 ? `${a}'s user permissions hold OnBehalfOf (21)` : `${a}'s user permissions lack OnBehalfOf (21)`, [requiresFact(snapshot.catalog, Permission.OnBehalfOf, 'user', p21), userPermissionsFact(actor)]),
      part(p11, '(d) P(11): MgmtAPI', p11 ? `${a}'s user permissions hold MgmtAPI (11)` : `${a}'s user permissions lack MgmtAPI (11)`, [requiresFact(snapshot.catalog, Permission.MgmtAPI, 'user', p11)]),
    ]),
  };
};

/**
 * R-OBO-3: an operation's requirement under on-behalf-of. The actor's permissions stand for the
 * subject's, so they must not reach data sources the subject only holds a share of: writes
 * need the subject to own the data source (the table's `ownerUnderOnBehalfOf` column).
 */
export const onBehalfOfRequirement = (spec: OperationSpec): Requirement => (spec.ownerUnderOnBehalfOf ? all(owner, spec.requirement) : spec.requirement);
