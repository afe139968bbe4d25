/**
 * The trace of a decision (R-TRC-1): the ordered steps that ran, each citing the rule it
 * applies, what it checked, its outcome, the facts it used and nested steps.
 * Facts are plain data that name snapshot entities by id; set-valued facts are ascending
 * (R-TRC-3), so a trace serializes to the same bytes for the same snapshot and request.
 */
import type { RuleId } from '../catalog/ruleIds.js';

/** The outcome of one step. */
export type Outcome = 'pass' | 'fail' | 'skip';

/** Where a subject's permissions on a data source come from (SPEC §3). */
export type RouteName =
  | 'override' // R-DSP-1
  | 'owner' // R-DSP-2
  | 'userShare' // R-SHR-1
  | 'tenantShare' // R-SHR-2
  | 'group' // R-GRP-1
  | 'administrator' // R-REQ-3: a direct request by an A12 actor on a data source it does not own
  | 'inactive' // R-EFF-3
  | 'none'; // R-DSP-3

/** A fact a step used; each names snapshot entities by id and can be checked against the snapshot. */
export type Fact =
  | { readonly _tag: 'User'; readonly userId: number; readonly userName: string; readonly tenantId: number; readonly status: number; readonly accountLocked: boolean }
  | { readonly _tag: 'UnknownUser'; readonly user: string }
  | { readonly _tag: 'Role'; readonly roleId: number; readonly roleName: string; readonly tenantId: number; readonly permissions: ReadonlyArray<number> }
  | { readonly _tag: 'UserRoles'; readonly userId: number; readonly roles: ReadonlyArray<number> }
  | { readonly _tag: 'ExplicitPermissions'; readonly userId: number; readonly permissions: ReadonlyArray<number> }
  | { readonly _tag: 'UserPermissions'; readonly userId: number; readonly permissions: ReadonlyArray<number> }
  | { readonly _tag: 'DataSource'; readonly dataSourceId: number; readonly name: string; readonly owner: number; readonly isGroup: boolean }
  | { readonly _tag: 'UnknownDataSource'; readonly dataSourceId: number }
  | { readonly _tag: 'Override'; readonly dataSourceId: number; readonly permissions: ReadonlyArray<number> | null }
  | { readonly _tag: 'UserShare'; readonly dataSourceId: number; readonly userId: number; readonly permissions: ReadonlyArray<number>; readonly inForce: boolean }
  | { readonly _tag: 'NoUserShare'; readonly dataSourceId: number; readonly userId: number }
  | { readonly _tag: 'TenantShare'; readonly dataSourceId: number; readonly tenantId: number; readonly permissions: ReadonlyArray<number> }
  | { readonly _tag: 'NoTenantShare'; readonly dataSourceId: number; readonly tenantId: number }
  | { readonly _tag: 'TenantAccess'; readonly userId: number; readonly tenantId: number; readonly held: boolean }
  | { readonly _tag: 'Membership'; readonly groupId: number; readonly memberId: number; readonly member: boolean }
  | {
      readonly _tag: 'EffectivePermissions';
      readonly userId: number;
      readonly dataSourceId: number;
      readonly groupId: number | null;
      readonly route: RouteName;
      readonly permissions: ReadonlyArray<number>;
    }
  | { readonly _tag: 'Requires'; readonly permission: number; readonly name: string; readonly scope: 'user' | 'dataSource'; readonly held: boolean }
  | { readonly _tag: 'Note'; readonly text: string }
  // a fact stated earlier in the same trace, by its number (R-TRC-1: each fact is stated once)
  | { readonly _tag: 'Ref'; readonly fact: number }
  // the request as routed (R-REQ-1): the operation and path pattern matched (null: no route), the target id, `?user=`, a bad path id
  | {
      readonly _tag: 'Route';
      readonly method: string;
      readonly path: string;
      readonly operation: string | null;
      readonly pattern: string | null;
      readonly targetId: number | null;
      readonly user: string | null;
      readonly badParam: string | null;
      readonly params: Readonly<Record<string, number | string>>;
      /** Query parameters given more than once (a repeated `user` is refused, R-OBO-1). */
      readonly repeated: ReadonlyArray<string>;
    }
  // an id the request names that does not exist, or that the caller may not see (R-REQ-3)
  | { readonly _tag: 'Absent'; readonly kind: AbsentKind; readonly id: number }
  // how a user reaches a data source by SPEC §3 whatever its status (R-OBO-1, R-OBO-3)
  | { readonly _tag: 'Reach'; readonly userId: number; readonly dataSourceId: number; readonly route: RouteName };

/** The kinds of ids a request may name that do not exist, or that are hidden from the caller (R-REQ-3). */
export type AbsentKind = 'dataSource' | 'user' | 'role' | 'tenant' | 'permission' | 'oauthApp' | 'oauthProfile' | 'hiddenOAuthApp' | 'hiddenOAuthProfile' | 'hiddenMember';

/** One step of a trace. `why` says in words why the outcome follows. */
export interface Step {
  readonly rule: RuleId;
  readonly check: string;
  readonly outcome: Outcome;
  readonly why: string;
  readonly facts: ReadonlyArray<Fact>;
  readonly children: ReadonlyArray<Step>;
}

/** Builds a step; children default to none. */
export const step = (
  rule: RuleId,
  check: string,
  outcome: Outcome,
  why: string,
  facts: ReadonlyArray<Fact> = [],
  children: ReadonlyArray<Step> = [],
): Step => ({ rule, check, outcome, why, facts, children });

/** A trace: the steps of one decision, in the order they ran. */
export type Trace = ReadonlyArray<Step>;

/**
 * The identity of a fact within one decision. Every fact is read from one snapshot, so a fact is
 * fixed by its kind and the ids it is about; only `Requires` (held or not) and `Note` need more.
 */
const factKey = (f: Fact): string => {
  switch (f._tag) {
    case 'User':
      return `U${f.userId}`;
    case 'UnknownUser':
      return `u${f.user}`;
    case 'Role':
      return `R${f.roleId}`;
    case 'UserRoles':
      return `r${f.userId}`;
    case 'ExplicitPermissions':
      return `X${f.userId}`;
    case 'UserPermissions':
      return `P${f.userId}`;
    case 'DataSource':
      return `D${f.dataSourceId}`;
    case 'UnknownDataSource':
      return `d${f.dataSourceId}`;
    case 'Override':
      return `O${f.dataSourceId}`;
    case 'UserShare':
    case 'NoUserShare':
      return `S${f.dataSourceId},${f.userId}`;
    case 'TenantShare':
    case 'NoTenantShare':
      return `T${f.dataSourceId},${f.tenantId}`;
    case 'TenantAccess':
      return `A${f.userId},${f.tenantId}`;
    case 'Membership':
      return `M${f.groupId},${f.memberId}`;
    case 'EffectivePermissions':
      return `E${f.userId},${f.dataSourceId},${f.groupId ?? ''}`;
    case 'Requires':
      return `Q${f.permission},${f.scope},${f.held ? 1 : 0}`;
    case 'Note':
      return `N${f.text}`;
    case 'Route':
      return 'W';
    case 'Absent':
      return `B${f.kind},${f.id}`;
    case 'Reach':
      return `H${f.userId},${f.dataSourceId}`;
    case 'Ref':
      return `#${f.fact}`;
  }
};

/**
 * States each fact once per trace (R-TRC-1). Facts are numbered in the order they are first
 * stated (depth first, a step's own facts before its children's); a later step that uses the same
 * fact refers to it as `{_tag: 'Ref', fact: n}` instead of stating it again.
 */
export const stateFactsOnce = (trace: Trace): Trace => {
  const numbers = new Map<string, number>();
  // copy on write: a step is rebuilt only when one of its facts, or a descendant, became a reference
  const visit = (s: Step): Step => {
    let facts: Fact[] | undefined;
    s.facts.forEach((f, i) => {
      const key = factKey(f);
      const n = numbers.get(key);
      if (n === undefined) {
        numbers.set(key, numbers.size);
        return;
      }
      facts ??= [...s.facts];
      facts[i] = { _tag: 'Ref', fact: n };
    });
    let children: Step[] | undefined;
    s.children.forEach((c, i) => {
      const v = visit(c);
      if (v === c) return;
      children ??= [...s.children];
      children[i] = v;
    });
    return facts === undefined && children === undefined ? s : { rule: s.rule, check: s.check, outcome: s.outcome, why: s.why, facts: facts ?? s.facts, children: children ?? s.children };
  };
  return trace.map(visit);
};

/** The facts a trace states, in the order of their numbers (what a `Ref` points at). */
export const statedFacts = (trace: Trace): ReadonlyArray<Fact> => {
  const out: Fact[] = [];
  const visit = (s: Step): void => {
    for (const f of s.facts) if (f._tag !== 'Ref') out.push(f);
    s.children.forEach(visit);
  };
  trace.forEach(visit);
  return out;
};

/** A step's facts with every `Ref` replaced by the fact it refers to. */
export const resolvedFacts = (stated: ReadonlyArray<Fact>, s: Step): ReadonlyArray<Fact> => s.facts.map((f) => (f._tag === 'Ref' ? (stated[f.fact] ?? f) : f));
