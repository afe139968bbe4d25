/**
 * Evaluating a requirement expression (SPEC §5) into a verdict and its trace steps (R-REQ-4).
 * Every unmet part is named (R-TRC-4). Under on-behalf-of, permissions are the actor's and
 * ownership the subject's (R-OBO-3); Administrator (12) satisfies every permission and access
 * requirement (R-ADM-1), and ownership for a direct request.
 */
import { describePermission, permissionName, SYSTEM_TENANT } from '../catalog/catalog.js';
import { has, show, type PermissionSet } from '../catalog/permissionSet.js';
import type { DataSource, Snapshot, User } from '../model/snapshot.js';
import type { Requirement, TenantRef } from '../operations/requirement.js';
import { step, type Step } from '../model/trace.js';

/** What a requirement is evaluated against. */
export interface RequirementContext {
  readonly snapshot: Snapshot;
  readonly actor: User;
  readonly subject: User;
  readonly onBehalfOf: boolean;
  /** The target data source and the subject's effective permissions on it (R-REQ-3). */
  readonly dataSource: DataSource | undefined;
  readonly dataSourcePermissions: PermissionSet | undefined;
  /** The tenant each tenant reference of the operation points at, resolved from the path. */
  readonly tenantOf: (ref: TenantRef) => number | undefined;
}

/** A requirement's verdict: whether it holds, the unmet parts in words, and its step (when traced). */
export interface Verdict {
  readonly holds: boolean;
  readonly missing: ReadonlyArray<string>;
  readonly step: Step | null;
}

const none: ReadonlyArray<string> = [];

// Strings and steps are built only when needed: `missing` for a failure, `build` when traced.
const leaf = (holds: boolean, missing: () => string, build: () => Step, traced: boolean): Verdict => ({
  holds,
  missing: holds ? none : [missing()],
  step: traced ? build() : null,
});

const byAdministrator = 'Administrator (12) satisfies it (R-ADM-1)';

const combine = (ctx: RequirementContext, req: Extract<Requirement, { readonly _tag: 'All' | 'Any' }>, traced: boolean): Verdict => {
  const all = req._tag === 'All';
  let holds = all;
  const parts: Verdict[] = [];
  for (const r of req.of) {
    const v = evaluate(ctx, r, traced);
    parts.push(v);
    holds = all ? holds && v.holds : holds || v.holds;
  }
  const missing = holds ? none : all ? parts.flatMap((p) => p.missing) : [`one of ${parts.map((p) => p.missing.join(' and ')).join(' or ')}`];
  return {
    holds,
    missing,
    step: traced
      ? step('R-REQ-4', all ? 'all of' : 'any of', holds ? 'pass' : 'fail', holds ? 'holds' : `missing: ${missing.join('; ')}`, [], parts.flatMap((p) => (p.step === null ? [] : [p.step])))
      : null,
  };
};

/** Evaluates a requirement; `traced` false skips building steps (the fast path). */
export const evaluate = (ctx: RequirementContext, req: Requirement, traced: boolean): Verdict => {
  const { actor, subject, snapshot } = ctx;
  const a12 = actor.isAdministrator;
  switch (req._tag) {
    case 'All':
    case 'Any':
      return combine(ctx, req, traced);
    case 'UserPermission': {
      const n = req.permission;
      const held = has(actor.permissions, n);
      const holds = held || a12;
      const name = (): string => describePermission(snapshot.catalog, n);
      return leaf(holds, () => `user permission ${name()}`, () =>
        step(held ? 'R-EFF-1' : a12 ? 'R-ADM-1' : 'R-REQ-4', `P(${n}): user permission ${name()}`, holds ? 'pass' : 'fail',
          held ? `\`${actor.userName}\`'s user permissions hold ${name()}` : a12 ? byAdministrator : `\`${actor.userName}\`'s user permissions ${show(actor.permissions)} lack ${name()}`,
          [{ _tag: 'Requires', permission: n, name: permissionName(snapshot.catalog, n), scope: 'user', held: holds }, { _tag: 'UserPermissions', userId: actor.id, permissions: actor.permissions.ids }]), traced);
    }
    case 'DataSourcePermission': {
      const n = req.permission;
      const name = (): string => describePermission(snapshot.catalog, n);
      // R-OBO-3: under on-behalf-of D(n) reads as the actor's P(n)
      const set = ctx.onBehalfOf ? actor.permissions : ctx.dataSourcePermissions;
      const held = set !== undefined && has(set, n);
      const holds = held || a12;
      const dsId = ctx.dataSource?.id ?? '?';
      const whose = (): string => (ctx.onBehalfOf ? `\`${actor.userName}\`'s user permissions (R-OBO-3)` : `\`${subject.userName}\`'s effective permissions on data source ${dsId}`);
      return leaf(holds, () => (ctx.onBehalfOf ? `user permission ${name()} (R-OBO-3)` : `${name()} on data source ${dsId}`), () =>
        step(held ? (ctx.onBehalfOf ? 'R-OBO-3' : 'R-REQ-4') : a12 ? 'R-ADM-1' : ctx.onBehalfOf ? 'R-OBO-3' : 'R-REQ-4', `D(${n}): ${name()}`, holds ? 'pass' : 'fail',
          held ? `${whose()} hold ${name()}` : a12 ? byAdministrator : `${whose()} ${show(set ?? actor.permissions)} lack ${name()}`,
          [{ _tag: 'Requires', permission: n, name: permissionName(snapshot.catalog, n), scope: ctx.onBehalfOf ? 'user' : 'dataSource', held: holds }]), traced);
    }
    case 'TenantAccess': {
      const tenant = ctx.tenantOf(req.tenant);
      const held = tenant !== undefined && actor.administers.has(tenant);
      const holds = held || a12;
      const t = tenant ?? SYSTEM_TENANT;
      return leaf(holds, () => `administrative access on tenant ${t}`, () =>
        step(held ? 'R-ADM-2' : a12 ? 'R-ADM-1' : 'R-ADM-2', `ACC(${t}): administrative access on tenant ${t}`, holds ? 'pass' : 'fail',
          held ? `\`${actor.userName}\` administers tenant ${t}` : a12 ? byAdministrator : `\`${actor.userName}\` does not administer tenant ${t} (R-ADM-3: access is needed besides the permission)`,
          [{ _tag: 'TenantAccess', userId: actor.id, tenantId: t, held }]), traced);
    }
    case 'Owner': {
      const ds = ctx.dataSource;
      const owns = ds !== undefined && ds.owner === subject.id;
      // A12 manages any data source directly (R-ADM-1, R-SHR-10); on behalf, the subject must own it (R-OBO-3)
      const holds = owns || (a12 && !ctx.onBehalfOf);
      const dsId = ds?.id ?? '?';
      return leaf(holds, () => `ownership of data source ${dsId} by \`${subject.userName}\``, () =>
        step(owns ? 'R-SHR-10' : a12 && !ctx.onBehalfOf ? 'R-ADM-1' : 'R-SHR-10', `\`${subject.userName}\` owns data source ${dsId}`, holds ? 'pass' : 'fail',
          owns ? `\`${subject.userName}\` owns data source ${dsId}` : holds ? byAdministrator : `data source ${dsId} is owned by user ${ds?.owner ?? '?'}, not \`${subject.userName}\`: only the owner manages it`,
          ds === undefined ? [] : [{ _tag: 'DataSource', dataSourceId: ds.id, name: ds.name, owner: ds.owner, isGroup: ds.isGroup }]), traced);
    }
    case 'AdministratorOnly':
      return leaf(a12, () => 'Administrator (12)', () =>
        step('R-ADM-1', 'Administrator (12) only', a12 ? 'pass' : 'fail', a12 ? `\`${actor.userName}\` holds Administrator (12)` : `only Administrator (12) may do this; \`${actor.userName}\` does not hold it`,
          [{ _tag: 'Requires', permission: 12, name: 'Administrator', scope: 'user', held: a12 }, { _tag: 'UserPermissions', userId: actor.id, permissions: actor.permissions.ids }]), traced);
  }
};

/** The verdict of a requirement that holds, with nothing missing and no step (the untraced fast path). */
export const holdsUntraced: Verdict = { holds: true, missing: none, step: null };

/**
 * Whether a requirement holds, without building texts or steps: the same judgement as
 * `evaluate(ctx, req, false).holds` (a property checks they agree), for the fast path; a
 * failure is evaluated again with `evaluate` to name every missing part (R-TRC-4).
 */
export const requirementHolds = (ctx: RequirementContext, req: Requirement): boolean => {
  const { actor } = ctx;
  const a12 = actor.isAdministrator; // R-ADM-1: satisfies every permission and access requirement
  switch (req._tag) {
    case 'All':
      return req.of.every((r) => requirementHolds(ctx, r));
    case 'Any':
      return req.of.some((r) => requirementHolds(ctx, r));
    case 'UserPermission':
      return a12 || has(actor.permissions, req.permission);
    case 'DataSourcePermission': {
      const set = ctx.onBehalfOf ? actor.permissions : ctx.dataSourcePermissions; // R-OBO-3
      return a12 || (set !== undefined && has(set, req.permission));
    }
    case 'TenantAccess': {
      const tenant = ctx.tenantOf(req.tenant);
      return a12 || (tenant !== undefined && actor.administers.has(tenant));
    }
    case 'Owner':
      return (ctx.dataSource !== undefined && ctx.dataSource.owner === ctx.subject.id) || (a12 && !ctx.onBehalfOf);
    case 'AdministratorOnly':
      return a12;
  }
};
