/**
 * Which planner changes the state for each operation (SPEC §6), as a table. An operation with no
 * planner changes nothing the engine holds: reads, and writes outside the authorization state
 * (connection tests, passwords, limits, whitelists, system settings).
 */
import type { OperationName } from '../operations/operations.js';
import { administrationPlanners } from './administration.js';
import { dataSourcePlanners } from './dataSources.js';
import type { Planner } from './plan.js';

/** The planner of every operation that changes the authorization state. */
export const planners: Readonly<Partial<Record<OperationName, Planner>>> = { ...dataSourcePlanners, ...administrationPlanners };

/** The planner of an operation, `undefined` when it changes no authorization state. */
export const plannerFor = (name: OperationName): Planner | undefined => planners[name];
