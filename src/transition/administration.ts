/**
 * State changes of users, roles, tenants and OAuth applications and profiles (SPEC §5
 * `/admin` and `/mgmt/oauth…`, SPEC §6).
 */
import type { OperationName } from '../operations/operations.js';
import type { Planner } from './plan.js';

/** The planners of the administration and OAuth operations, by operation name. */
export const administrationPlanners: Readonly<Partial<Record<OperationName, Planner>>> = {};
