/**
 * How an allowed request becomes a state change (SPEC §6): a planner reads the decided request
 * (its context from the decision procedure) and returns the edits to make and the changes to
 * report, or a refusal (400, naming the rule) when the change cannot be made.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { IdKind, NextIdsJson } from '../codec/snapshot.js';
import type { RuleId } from '../catalog/ruleIds.js';
import type { Change } from '../model/change.js';
import { setNextIds, type Edit } from '../model/edit.js';
import type { Snapshot } from '../model/snapshot.js';
import type { Decoded } from '../decide/context.js';

/** Why a change cannot be made (answered 400, R-TRN-1). */
export interface PlanRefusal {
  readonly rule: RuleId;
  readonly message: string;
}

/** The edits of a change and what to report about it. */
export interface Planned {
  readonly edits: ReadonlyArray<Edit>;
  readonly changes: ReadonlyArray<Change>;
  /** The rule under which user shares the change takes out of force are removed: R-TRN-5 for a move, else R-TRN-8. */
  readonly outOfForceRule: 'R-TRN-5' | 'R-TRN-8';
}

/** A planned change or its refusal. */
export type Plan = E.Either<PlanRefusal, Planned>;

/** Plans the change of one allowed operation. */
export type Planner = (ctx: Decoded) => Plan;

/** A plan. */
export const planned = (edits: ReadonlyArray<Edit>, changes: ReadonlyArray<Change>, outOfForceRule: 'R-TRN-5' | 'R-TRN-8' = 'R-TRN-8'): Plan =>
  E.right({ edits, changes, outOfForceRule });

/** A refusal (400) naming the rule. */
export const refusePlan = (rule: RuleId, message: string): Plan => E.left({ rule, message });

/** R-TRN-2: high-water marks for the given kinds (the updater merges them into the snapshot's). */
const marksWith = (kinds: ReadonlyArray<readonly [IdKind, number]>): NextIdsJson => {
  const out: { -readonly [K in keyof NextIdsJson]: NextIdsJson[K] } = {};
  for (const [kind, mark] of kinds) out[kind] = mark;
  return out;
};

/** R-TRN-2: the ids `count` new entities of `kind` get, and the edit that writes the new high-water mark. */
export const allocateIds = (s: Snapshot, kind: IdKind, count = 1): { readonly ids: ReadonlyArray<number>; readonly edit: Edit } => {
  const first = s.idMarks[kind];
  const ids = Array.from({ length: count }, (_, i) => first + i);
  return { ids, edit: setNextIds(marksWith([[kind, first + count]])) };
};

/** R-TRN-2: the edit a deletion of `kinds` makes: each kind's high-water mark written as it stands. */
export const markDeletions = (s: Snapshot, kinds: Iterable<IdKind>): Edit => setNextIds(marksWith([...new Set(kinds)].map((k) => [k, s.idMarks[k]] as const)));
