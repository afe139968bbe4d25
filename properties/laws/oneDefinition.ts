/**
 * L-ONE-DEFINITION (R-TRC-1, R-TRC-2, R-REQ-4): the traced reading of a rule states what the
 * fast reading decided.
 * - Routes (SPEC §3): for a user and a data source (or a member through a group), the traced
 *   access equals the untraced one (and the typed rows, whenever they answer, give the untraced
 *   answer whole: `rowAnswerDifferences` in `rows.ts`, D-INC-12); among the route steps, those
 *   before the applying route failed, the applying one passed, and every later one was skipped
 *   (deny by default passes exactly when no route applied).
 * - Requirements (SPEC §5): every leaf's traced outcome equals its fast outcome, and a
 *   combination holds traced exactly when it holds fast.
 */
import type { DataSource, Snapshot, User } from '../../src/model/snapshot.js';
import type { Step } from '../../src/model/trace.js';
import type { Requirement } from '../../src/operations/requirement.js';
import type { EffectiveAccess } from '../../src/rules/access.js';
import { effectiveAccess, effectiveAccessThroughGroup, type RouteTrace } from '../../src/rules/dataSourcePermissions.js';
import { evaluateRequirement, leafGround, leavesOf, requirementHolds, type RequirementContext } from '../../src/rules/requirements.js';
import { ruleOf } from '../../src/rules/routeSteps.js';

/** The route rules in the order SPEC §3 tries them, deny by default last. */
const ROUTE_RULES: ReadonlyArray<string> = ['R-DSP-1', 'R-DSP-2', 'R-SHR-1', 'R-SHR-2', 'R-DSP-3'];

const sameAccess = (a: EffectiveAccess, b: EffectiveAccess): boolean => a._tag === b._tag && a.permissions.text === b.permissions.text;

/** Every violation of the route law for one list of route steps and the access the fast path gave. */
const routeStepViolations = (steps: ReadonlyArray<Step>, fast: EffectiveAccess, where: string): ReadonlyArray<string> => {
  const routes = steps.filter((s) => ROUTE_RULES.includes(s.rule));
  if (routes.length === 0) return [];
  if (routes.map((s) => s.rule).join() !== ROUTE_RULES.join()) return [`${where}: route steps ${routes.map((s) => s.rule).join()} are not the routes of SPEC §3 in order`];
  const decidingRule = fast._tag === 'Override' || fast._tag === 'Owner' || fast._tag === 'UserShare' || fast._tag === 'TenantShare' ? ruleOf(fast) : 'R-DSP-3';
  const k = ROUTE_RULES.indexOf(decidingRule);
  return routes.flatMap((s, i) => {
    const expected = i < k ? 'fail' : i === k ? 'pass' : 'skip';
    return s.outcome === expected ? [] : [`${where}: step ${s.rule} is ${s.outcome}, but the fast path decided by ${decidingRule} (expected ${expected})`];
  });
};

/** The route steps nested under a group step (the route to the group, or the member's own route). */
const nested = (steps: ReadonlyArray<Step>, check: string): ReadonlyArray<Step> => steps.find((s) => s.check.startsWith(check))?.children ?? [];

/** Every violation of the route law for one question (empty when it holds). */
export const routeReadingViolations = (snapshot: Snapshot, user: User, d: DataSource, group: DataSource | undefined): ReadonlyArray<string> => {
  const trace: RouteTrace = { snapshot, steps: [] };
  const fast = group === undefined ? effectiveAccess(user, d) : effectiveAccessThroughGroup(user, group, d);
  const traced = group === undefined ? effectiveAccess(user, d, trace) : effectiveAccessThroughGroup(user, group, d, trace);
  const where = `user ${user.id} on ${d.id}${group === undefined ? '' : ` through ${group.id}`}`;
  const problems: string[] = [];
  if (!sameAccess(fast, traced)) problems.push(`${where}: traced ${traced._tag} ${traced.permissions.text} differs from fast ${fast._tag} ${fast.permissions.text}`);
  if (group === undefined) {
    problems.push(...routeStepViolations(trace.steps, fast, where));
  } else if (fast._tag === 'Group') {
    problems.push(...routeStepViolations(nested(trace.steps, `route to group ${group.id}`), fast.viaGroup, `${where} (route to the group)`));
    if (fast.member !== null) problems.push(...routeStepViolations(nested(trace.steps, `own route to member ${d.id}`), fast.member, `${where} (own route to the member)`));
  }
  return problems;
};

/** The route law over every user, data source and group of a snapshot. */
export const routeReadingsAgree = (snapshot: Snapshot): ReadonlyArray<string> => {
  const sources = [...snapshot.dataSources.values()];
  return [...snapshot.users.values()].flatMap((u) =>
    sources.flatMap((d) => [...routeReadingViolations(snapshot, u, d, undefined), ...sources.flatMap((g) => (g.isGroup ? routeReadingViolations(snapshot, u, d, g) : []))]),
  );
};

/** Every violation of the requirement law for one context and requirement. */
export const requirementReadingViolations = (ctx: RequirementContext, req: Requirement): ReadonlyArray<string> => {
  const problems: string[] = [];
  for (const leaf of leavesOf(req)) {
    const fast = leafGround(ctx, leaf) !== 'missing';
    const traced = evaluateRequirement(ctx, leaf);
    if (traced.holds !== fast || (traced.step?.outcome === 'pass') !== fast) problems.push(`leaf ${JSON.stringify(leaf)}: fast ${fast}, traced ${traced.holds} (${traced.step?.outcome ?? 'no step'})`);
    if (!fast && traced.missing.length === 0) problems.push(`leaf ${JSON.stringify(leaf)} fails but names nothing missing (R-TRC-4)`);
  }
  const whole = evaluateRequirement(ctx, req);
  const untraced = evaluateRequirement(ctx, req, false);
  if (whole.holds !== requirementHolds(ctx, req)) problems.push(`requirement ${JSON.stringify(req)}: fast ${requirementHolds(ctx, req)}, traced ${whole.holds}`);
  if (untraced.holds !== whole.holds || JSON.stringify(untraced.missing) !== JSON.stringify(whole.missing) || untraced.step !== null) problems.push(`requirement ${JSON.stringify(req)}: the untraced evaluation names other missing parts, or built a step`);
  return problems;
};
