/**
 * The arbitraries cover what the laws are about (non-vacuity): every route of SPEC §3, shares
 * not in force (R-SHR-6), inactive and locked users (R-EFF-3), empty overrides (R-DSP-1), groups
 * carrying a set (R-GRP-1), pairs with no route (R-DSP-3), and snapshots that omit the system
 * tenant or the predefined roles (R-SNAP-3, R-CAT-2).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accessQuestionArb, type QuestionKind } from './arbitraries/question.js';
import { snapshotJsonArb } from './arbitraries/snapshot.js';
import { unroutedPairs } from './laws/defaultDeny.js';
import { groupSetRoutes } from './laws/groupOverMember.js';
import { naiveAccess, naiveActive, naiveUserPermissions, type NaiveRoute } from './reference/naive.js';

const SAMPLES = 1000;

describe('arbitraries: coverage of the laws', () => {
  it('snapshots exercise every rule the laws check (R-SHR-6 not in force, R-EFF-3, R-DSP-1 empty override, R-GRP-1 sets, R-DSP-3)', () => {
    const snapshots = fc.sample(snapshotJsonArb, { seed: 42, numRuns: SAMPLES });
    const count = (p: (json: (typeof snapshots)[number]) => boolean): number => snapshots.filter(p).length;
    const routes = new Map<NaiveRoute, number>();
    let shareNotInForce = 0;
    for (const json of snapshots) {
      for (const u of json.users ?? []) {
        for (const d of json.dataSources ?? []) {
          const r = naiveAccess(json, u.id, d.id).route;
          routes.set(r, (routes.get(r) ?? 0) + 1);
          if (naiveActive(u) && (d.sharedUsers ?? []).some((s) => s.userId === u.id) && r !== 'userShare') shareNotInForce += 1;
        }
      }
    }
    const coverage = {
      override: routes.get('override') ?? 0,
      owner: routes.get('owner') ?? 0,
      userShare: routes.get('userShare') ?? 0,
      tenantShare: routes.get('tenantShare') ?? 0,
      inactive: routes.get('inactive') ?? 0,
      none: routes.get('none') ?? 0,
      shareNotInForce,
      emptyOverride: count((j) => (j.dataSources ?? []).some((d) => d.permissions !== undefined && d.permissions.length === 0)),
      groupSet: count((j) => groupSetRoutes(j).length > 0),
      unrouted: count((j) => unroutedPairs(j).length > 0),
      administrator: count((j) => (j.users ?? []).some((u) => naiveUserPermissions(j, u).includes(12))),
      childTenantUsers: count((j) => (j.users ?? []).some((u) => u.tenantId !== 1)),
      crossTenantShares: count((j) => (j.dataSources ?? []).some((d) => (d.sharedUsers ?? []).some((s) => (j.users ?? []).find((u) => u.id === s.userId)?.tenantId !== (j.users ?? []).find((u) => u.id === d.owner)?.tenantId))),
      systemTenantOmitted: count((j) => !(j.tenants ?? []).some((t) => t.id === 1)),
      predefinedOmitted: count((j) => !(j.roles ?? []).some((r) => r.id === 1)),
      customCatalog: count((j) => (j.permissions ?? []).length > 0),
    };
    for (const [name, n] of Object.entries(coverage)) expect({ name, enough: n >= 20 }).toEqual({ name, enough: true });
  });

  it('questions pick every kind: owners, recipients, strangers, group routes, non-members, unknown ids', () => {
    const kinds = new Set<QuestionKind>(fc.sample(accessQuestionArb, { seed: 42, numRuns: SAMPLES }).map((q) => q.kind));
    expect([...kinds].sort()).toEqual(['groupRoute', 'notMember', 'owner', 'stranger', 'tenantShare', 'unknownDataSource', 'unknownGroup', 'userShare']);
  });
});
