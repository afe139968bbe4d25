/**
 * Requirements of SPEC §5 (R-REQ-4): one definition of every leaf (`leafGround`), two readings.
 * `requirementHolds` is the fast path (no text, no allocation); `evaluateRequirement` is the
 * traced path (a step per part, and every unmet part as a typed `Missing`, R-TRC-4). Both call
 * `leafGround`, so they cannot disagree on a leaf.
 *
 * Under on-behalf-of, permissions are the actor's and ownership the subject's (R-OBO-3).
 * Administrator (12) satisfies every permission and access requirement of the management API
 * (R-ADM-1), and ownership for a direct request; it adds nothing to query channels (R-USE-1),
 * which evaluate with `authority: false`.
 */
import { describePermission, SYSTEM_TENANT } from '../catalog/catalog.js';
import { has, show, type PermissionSet } from '../catalog/permissionSet.js';
import type { RuleId } from '../catalog/ruleIds.js';
import type { DataSource, Snapshot } from '../model/snapshot.js';
import { step, type Fact, type Step } from '../model/trace.js';
import type { Requirement, TenantRef } from '../operations/requirement.js';
import { isDirectAdministrator, subjectOf, type Caller } from './caller.js';
import { dataSourceFact, requiresFact, tenantAccessFact, userPermissionsFact } from './facts.js';
import type { Missing, TenantSource } from './missing.js';

/** What a requirement is evaluated against. */
export interface RequirementContext {
  readonly snapshot: Snapshot;
  readonly caller: Caller;
  /** The target data source and the subject's effective permissions on it by SPEC §3 (R-REQ-3). */
  readonly dataSource: DataSource | undefined;
  readonly dataSourcePermissions: PermissionSet | undefined;
  /** The integer id in the path that names the target (user, role or tenant), if any. */
  readonly targetId: number | undefined;
  /** Whether Administrator (12) counts (R-ADM-1): true for the management API, false for query channels (R-USE-1). */
  readonly authority: boolean;
}

/** A requirement that is not a combination. */
export type Leaf = Exclude<Requirement, { readonly _tag: 'All' | 'Any' }>;

/** On what ground a leaf holds: the permission or access is held, Administrator (12) satisfies it, or it is missing. */
export type Ground = 'held' | 'administrator' | 'missing';

/** The tenant an administrative-access requirement points at. */
export const tenantOf = (ctx: RequirementContext, ref: TenantRef): number | undefined => {
  switch (ref._tag) {
    case 'TargetUserTenant':
      return ctx.snapshot.users.get(ctx.targetId ?? -1)?.tenantId;
    case 'TargetRoleTenant':
      return ctx.snapshot.roles.get(ctx.targetId ?? -1)?.tenantId;
    case 'TargetTenant':
      return ctx.targetId;
    case 'SystemTenant':
      return SYSTEM_TENANT;
    case 'SubjectTenant':
      return subjectOf(ctx.caller).tenantId;
  }
};

/** The set a data-source permission requirement is read in: the subject's set, or the actor's user permissions under on-behalf-of (R-OBO-3). */
const dataSourceSet = (ctx: RequirementContext): PermissionSet | undefined =>
  ctx.caller._tag === 'OnBehalfOf' ? ctx.caller.actor.permissions : ctx.dataSourcePermissions;

/** The one definition of every requirement leaf (R-REQ-4, R-OBO-3, R-ADM-1). */
export const leafGround = (ctx: RequirementContext, leaf: Leaf): Ground => {
  const actor = ctx.caller.actor;
  const a12 = ctx.authority && actor.isAdministrator;
  switch (leaf._tag) {
    case 'UserPermission':
      return has(actor.permissions, leaf.permission) ? 'held' : a12 ? 'administrator' : 'missing';
    case 'DataSourcePermission': {
      const set = dataSourceSet(ctx);
      return set !== undefined && has(set, leaf.permission) ? 'held' : a12 ? 'administrator' : 'missing';
    }
    case 'TenantAccess': {
      const tenant = tenantOf(ctx, leaf.tenant);
      return tenant !== undefined && actor.administers.has(tenant) ? 'held' : a12 ? 'administrator' : 'missing';
    }
    case 'Owner':
      // A12 manages any data source directly (R-ADM-1, R-SHR-10); on behalf, the subject must own it (R-OBO-3)
      return ctx.dataSource !== undefined && ctx.dataSource.owner === subjectOf(ctx.caller).id ? 'held' : ctx.authority && isDirectAdministrator(ctx.caller) ? 'administrator' : 'missing';
    case 'AdministratorOnly':
      return a12 ? 'held' : 'missing';
  }
};

/** The fast reading: whether a requirement holds, without text or steps. */
export const requirementHolds = (ctx: RequirementContext, req: Requirement): boolean => {
  switch (req._tag) {
    case 'All':
      for (const r of req.of) if (!requirementHolds(ctx, r)) return false;
      return true;
    case 'Any':
      for (const r of req.of) if (requirementHolds(ctx, r)) return true;
      return false;
    default:
      return leafGround(ctx, req) !== 'missing';
  }
};

/** A requirement's verdict: whether it holds, every unmet part, and its step (null when not traced). */
export interface Verdict {
  readonly holds: boolean;
  readonly missing: ReadonlyArray<Missing>;
  readonly step: Step | null;
}

const tenantSource = (ref: TenantRef): TenantSource => {
  switch (ref._tag) {
    case 'TargetUserTenant':
      return 'targetUser';
    case 'TargetRoleTenant':
      return 'targetRole';
    case 'TargetTenant':
      return 'path';
    case 'SystemTenant':
      return 'system';
    case 'SubjectTenant':
      return 'subject';
  }
};

/** The missing item of a leaf that does not hold. */
const missingOf = (ctx: RequirementContext, leaf: Leaf): Missing => {
  const actor = ctx.caller.actor;
  const subject = subjectOf(ctx.caller);
  const dsId = ctx.dataSource?.id ?? -1;
  switch (leaf._tag) {
    case 'UserPermission':
      return { _tag: 'UserPermission', userId: actor.id, permission: leaf.permission, forDataSource: null };
    case 'DataSourcePermission':
      return ctx.caller._tag === 'OnBehalfOf'
        ? { _tag: 'UserPermission', userId: actor.id, permission: leaf.permission, forDataSource: dsId }
        : { _tag: 'DataSourcePermission', userId: subject.id, permission: leaf.permission, dataSourceId: dsId };
    case 'TenantAccess': {
      const source = tenantSource(leaf.tenant);
      const about = source === 'targetUser' || source === 'targetRole' ? (ctx.targetId ?? null) : source === 'subject' ? subject.id : null;
      return { _tag: 'TenantAccess', userId: actor.id, tenantId: tenantOf(ctx, leaf.tenant) ?? SYSTEM_TENANT, source, about };
    }
    case 'Owner':
      return { _tag: 'Ownership', actorId: actor.id, subjectId: subject.id, dataSourceId: dsId };
    case 'AdministratorOnly':
      return { _tag: 'Administrator', userId: actor.id };
  }
};

const byAdministrator = 'Administrator (12) satisfies it (R-ADM-1)';

/** The traced step of one leaf: its ground, in words, with the facts it read. */
const leafStep = (ctx: RequirementContext, leaf: Leaf, ground: Ground): Step => {
  const { snapshot } = ctx;
  const actor = ctx.caller.actor;
  const subject = subjectOf(ctx.caller);
  const outcome = ground === 'missing' ? 'fail' : 'pass';
  const rule = (held: RuleId, otherwise: RuleId): RuleId => (ground === 'held' ? held : ground === 'administrator' ? 'R-ADM-1' : otherwise);
  switch (leaf._tag) {
    case 'UserPermission': {
      const name = describePermission(snapshot.catalog, leaf.permission);
      const facts: ReadonlyArray<Fact> = [requiresFact(snapshot.catalog, leaf.permission, 'user', ground !== 'missing'), userPermissionsFact(actor)];
      const why = ground === 'held' ? `\`${actor.userName}\`'s user permissions hold ${name}` : ground === 'administrator' ? byAdministrator : `\`${actor.userName}\`'s user permissions ${show(actor.permissions)} lack ${name}`;
      return step(rule('R-EFF-1', 'R-REQ-4'), `P(${leaf.permission}): user permission ${name}`, outcome, why, facts);
    }
    case 'DataSourcePermission': {
      const name = describePermission(snapshot.catalog, leaf.permission);
      const obo = ctx.caller._tag === 'OnBehalfOf';
      const set = dataSourceSet(ctx);
      const dsId = ctx.dataSource?.id ?? '?';
      const whose = obo ? `\`${actor.userName}\`'s user permissions (R-OBO-3: under on-behalf-of they stand for the data-source permissions)` : `\`${subject.userName}\`'s effective permissions on data source ${dsId}`;
      const why = ground === 'held' ? `${whose} hold ${name}` : ground === 'administrator' ? byAdministrator : `${whose} ${show(set ?? actor.permissions)} lack ${name}`;
      return step(rule(obo ? 'R-OBO-3' : 'R-REQ-4', obo ? 'R-OBO-3' : 'R-REQ-4'), `D(${leaf.permission}): ${name}`, outcome, why, [requiresFact(snapshot.catalog, leaf.permission, obo ? 'user' : 'dataSource', ground !== 'missing')]);
    }
    case 'TenantAccess': {
      const t = tenantOf(ctx, leaf.tenant) ?? SYSTEM_TENANT;
      const why = ground === 'held' ? `\`${actor.userName}\` administers tenant ${t}` : ground === 'administrator' ? byAdministrator : `\`${actor.userName}\` does not administer tenant ${t}; the permission alone is not enough (R-ADM-3)`;
      return step(rule('R-ADM-2', 'R-ADM-2'), `ACC(${t}): administrative access on tenant ${t}`, outcome, why, [tenantAccessFact(actor, t)]);
    }
    case 'Owner': {
      const ds = ctx.dataSource;
      const dsId = ds?.id ?? '?';
      const why = ground === 'held' ? `\`${subject.userName}\` owns data source ${dsId}` : ground === 'administrator' ? byAdministrator : `\`${subject.userName}\` does not own data source ${dsId}: only its owner manages it`;
      return step(rule('R-SHR-10', 'R-SHR-10'), `\`${subject.userName}\` owns data source ${dsId}`, outcome, why, ds === undefined ? [] : [dataSourceFact(ds)]);
    }
    case 'AdministratorOnly':
      return step('R-ADM-1', 'Administrator (12) only', outcome, ground === 'held' ? `\`${actor.userName}\` holds Administrator (12)` : `only Administrator (12) may do this, and \`${actor.userName}\` does not hold it`, [
        requiresFact(snapshot.catalog, 12, 'user', ground === 'held'),
        userPermissionsFact(actor),
      ]);
  }
};

const noMissing: ReadonlyArray<Missing> = [];

/**
 * The reading that names every unmet part (R-TRC-4), each leaf through `leafGround`; with
 * `traced` (the default) it also builds a step per part, without it only the missing items.
 */
export const evaluateRequirement = (ctx: RequirementContext, req: Requirement, traced = true): Verdict => {
  if (req._tag !== 'All' && req._tag !== 'Any') {
    const ground = leafGround(ctx, req);
    return { holds: ground !== 'missing', missing: ground === 'missing' ? [missingOf(ctx, req)] : noMissing, step: traced ? leafStep(ctx, req, ground) : null };
  }
  // plain loops: this runs on the untraced path for every denial, to name what is missing
  const all = req._tag === 'All';
  let holds = all;
  const unmet: Missing[] = [];
  const options: Array<ReadonlyArray<Missing>> = [];
  const steps: Step[] = [];
  for (const r of req.of) {
    const part = evaluateRequirement(ctx, r, traced);
    holds = all ? holds && part.holds : holds || part.holds;
    if (all) unmet.push(...part.missing);
    else options.push(part.missing);
    if (part.step !== null) steps.push(part.step);
  }
  const missing: ReadonlyArray<Missing> = holds ? noMissing : all ? unmet : [{ _tag: 'OneOf', options }];
  return {
    holds,
    missing,
    step: traced ? step('R-REQ-4', all ? 'all of' : 'any of', holds ? 'pass' : 'fail', holds ? 'holds' : `${missing.length} part${missing.length === 1 ? '' : 's'} missing`, [], steps) : null,
  };
};

/** The leaves of a requirement, depth first (for laws that compare the two readings leaf by leaf). */
export const leavesOf = (req: Requirement): ReadonlyArray<Leaf> => (req._tag === 'All' || req._tag === 'Any' ? req.of.flatMap(leavesOf) : [req]);

/** The steps to show under a requirement's own step: the parts of a top-level "all of" (a wrapper that adds nothing is dropped), else the step itself. */
export const partsOf = (req: Requirement, verdictStep: Step | null): ReadonlyArray<Step> => (verdictStep === null ? [] : req._tag === 'All' ? verdictStep.children : [verdictStep]);
