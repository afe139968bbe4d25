/**
 * The world of the guard specs: one active Administrator (Root, through predefined role 1), two
 * system-tenant operators without Administrator (Ops administers tenants 1 and 56, Ops2 only 56),
 * an administrator of child tenant 56 (OrgBoss), and Ann, who owns a data source and a group.
 */
import type { Decision } from '../../src/decide/decision.js';
import type { Step } from '../../src/model/trace.js';
import { load } from '../helpers.js';

const upTo = (from: number, to: number): ReadonlyArray<number> => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export const worldJson = {
  tenants: [
    { id: 1, name: 'System' },
    { id: 56, name: 'OrgA', parentTenant: 1 },
    { id: 57, name: 'OrgB', parentTenant: 1 },
  ],
  roles: [
    { id: 30, name: 'Plain', tenantId: 1, permissions: [2] },
    { id: 31, name: 'SysOps', tenantId: 1, permissions: [...upTo(1, 11), ...upTo(13, 21), 23, 25, 27] },
    { id: 60, name: 'OrgOps', tenantId: 56, permissions: [...upTo(1, 11), ...upTo(13, 21), 23] },
    { id: 61, name: 'OrgUser', tenantId: 56, permissions: upTo(1, 11) },
  ],
  users: [
    { id: 7, userName: 'Root', tenantId: 1, permissions: { roles: [1, 30] }, tenantsAdministered: [56, 57] },
    { id: 8, userName: 'Ops', tenantId: 1, permissions: { roles: [31] }, tenantsAdministered: [1, 56] },
    { id: 9, userName: 'Plainer', tenantId: 1, permissions: { roles: [30] } },
    { id: 10, userName: 'Ops2', tenantId: 1, permissions: { roles: [31] }, tenantsAdministered: [56] },
    { id: 20, userName: 'OrgBoss', tenantId: 56, permissions: { roles: [60] }, tenantsAdministered: [56] },
    { id: 21, userName: 'Ann', tenantId: 56, permissions: { roles: [61] } },
  ],
  dataSources: [
    { id: 100, name: 'plain', owner: 21, isGroup: false, sharedTenants: [{ tenantId: 57, permissions: [2] }] },
    { id: 101, name: 'grp', owner: 21, isGroup: true, members: [{ id: 100 }] },
  ],
};

export const world = load(worldJson);

/** Every step of a trace, depth first. */
export const allSteps = (steps: ReadonlyArray<Step>): ReadonlyArray<Step> => steps.flatMap((s) => [s, ...allSteps(s.children)]);

/** The R-REQ-6 step of a decision, if any. */
export const bodyStep = (d: Decision): Step | undefined => d.trace.find((s) => s.rule === 'R-REQ-6');
