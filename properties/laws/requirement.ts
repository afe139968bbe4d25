/** Laws of requirement evaluation: the untraced fast path judges exactly like the traced evaluator. */
import { evaluate, requirementHolds, type RequirementContext } from '../../src/decide/requirement.js';
import type { Requirement } from '../../src/operations/requirement.js';

/** The fast path (`requirementHolds`) agrees with `evaluate` traced and untraced (R-REQ-4, R-ADM-1, R-OBO-3). */
export const fastPathAgrees = (ctx: RequirementContext, req: Requirement): boolean => {
  const fast = requirementHolds(ctx, req);
  const untraced = evaluate(ctx, req, false);
  const traced = evaluate(ctx, req, true);
  return fast === untraced.holds && fast === traced.holds && (fast || untraced.missing.length > 0) && traced.step !== null;
};
