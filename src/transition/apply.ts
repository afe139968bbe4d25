/**
 * `apply` (SPEC §6): decide a request and, when it is allowed and changes the authorization
 * state, return the new snapshot with the decision. Pure and total (R-TRN-1): the old snapshot
 * is never modified; a denied or refused request returns it as it was.
 *
 * The stages: decide (SPEC §4) → plan the edits (`planners.ts`) → update the compiled model
 * incrementally (`snapshot/update.ts`) → remove the user shares the change took out of force
 * (R-TRN-5, R-TRN-8) → check SPEC §2 on what changed (`invariants.ts`) → report every change in
 * the decision and its trace.
 */
import * as E from 'fp-ts/lib/Either.js';
import { renderProblems } from '../codec/problem.js';
import type { HttpRequestJson, Request } from '../codec/request.js';
import type { RuleId } from '../catalog/ruleIds.js';
import { describeChange, userShareRemoved, type Change } from '../model/change.js';
import { putDataSource, type Edit } from '../model/edit.js';
import type { Snapshot } from '../model/snapshot.js';
import { stateFactsOnce, step, type Step } from '../model/trace.js';
import { noteFact } from '../rules/facts.js';
import { updateSnapshot, type ShareOutOfForce } from '../snapshot/update.js';
import type { Allow, Decision } from '../decide/decision.js';
import { decide } from '../decide/decide.js';
import { engineError } from '../decide/errors.js';
import { decideHttpInContext, type DecideOptions } from '../decide/http.js';
import { withoutShares } from './dataSources.js';
import { plannerFor } from './planners.js';
import { checkApplied } from './invariants.js';

/** The decision of an applied request and the snapshot after it (the same snapshot unless it was allowed and changed state). */
export interface ApplyResult {
  readonly decision: Decision;
  readonly snapshot: Snapshot;
}

/** R-TRN-5, R-TRN-8: the edits that remove user shares the change took out of force, and their report. */
const removeOutOfForce = (s: Snapshot, gone: ReadonlyArray<ShareOutOfForce>, rule: RuleId): { readonly edits: ReadonlyArray<Edit>; readonly changes: ReadonlyArray<Change> } => {
  const byDataSource = new Map<number, Set<number>>();
  for (const g of gone) {
    const set = byDataSource.get(g.dataSourceId) ?? new Set<number>();
    set.add(g.userId);
    byDataSource.set(g.dataSourceId, set);
  }
  const edits: Edit[] = [];
  const changes: Change[] = [];
  for (const [id, users] of byDataSource) {
    const ds = s.dataSources.get(id);
    if (ds === undefined) continue;
    edits.push(putDataSource(withoutShares(ds, users)));
    for (const uid of users) changes.push(userShareRemoved(id, uid, rule));
  }
  return { edits, changes };
};

/** A 400 refusal of an allowed request whose change would break a rule (R-TRN-1): nothing changes. */
const refusedChange = (allow: Allow, rule: RuleId, message: string, trace: ReadonlyArray<Step>): Decision => ({
  decision: 'deny',
  status: 400,
  operation: allow.operation,
  subject: allow.subject,
  onBehalfOf: allow.onBehalfOf,
  actor: allow.actor,
  error: engineError(400, message),
  reason: message,
  trace: stateFactsOnce([...trace, step(rule, 'state change keeps every rule', 'fail', message)]),
});

/** Applies an HTTP request (SPEC §6). */
export const applyHttp = (snapshot: Snapshot, request: HttpRequestJson, options: DecideOptions = {}): ApplyResult => {
  const { decision, context } = decideHttpInContext(snapshot, request, options);
  if (decision.decision === 'deny' || context === undefined) return { decision, snapshot };
  const planner = plannerFor(context.spec.name);
  if (planner === undefined) return { decision, snapshot }; // a read, or a change outside the authorization state
  const traced = options.trace !== false;
  const plan = planner(context);
  if (E.isLeft(plan)) return { decision: refusedChange(decision, plan.left.rule, plan.left.message, decision.trace), snapshot };
  const first = updateSnapshot(snapshot, plan.right.edits);
  let after = first.snapshot;
  let edits = plan.right.edits;
  let changes = plan.right.changes;
  if (first.outOfForce.length > 0) {
    // R-TRN-5 (a move) or R-TRN-8 (any other loss of standing): shares that fall out of force are removed
    const removal = removeOutOfForce(after, first.outOfForce, plan.right.outOfForceRule);
    after = updateSnapshot(after, removal.edits).snapshot;
    edits = [...edits, ...removal.edits];
    changes = [...changes, ...removal.changes];
  }
  const problems = checkApplied(snapshot, after, edits);
  if (problems.length > 0) {
    const rule = problems[0]?.rule ?? 'R-TRN-1';
    const message = `the change would break ${[...new Set(problems.map((p) => p.rule ?? 'R-TRN-1'))].join(', ')}: ${renderProblems(problems).replace(/\n/g, '; ')}`;
    return { decision: refusedChange(decision, rule, message, decision.trace), snapshot };
  }
  const trace = traced ? stateFactsOnce([...decision.trace, ...changeSteps(changes)]) : decision.trace;
  return { decision: { ...decision, changes, trace }, snapshot: after };
};

/** The trace steps that report what an apply changed (R-TRN-1 for the change itself, the rule of each consequence). */
const changeSteps = (changes: ReadonlyArray<Change>): ReadonlyArray<Step> =>
  changes.map((c) => {
    const rule: RuleId = 'rule' in c && c.rule !== null ? c.rule : c._tag === 'Created' ? 'R-TRN-2' : 'R-TRN-1';
    return step(rule, 'state change', 'pass', describeChange(c), [noteFact(describeChange(c))]);
  });

/** Applies a request (SPEC §6): query channels never change state. */
export const apply = (snapshot: Snapshot, request: Request, options: DecideOptions = {}): ApplyResult =>
  request._tag === 'Http' ? applyHttp(snapshot, request.request, options) : { decision: decide(snapshot, request), snapshot };
