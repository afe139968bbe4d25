/**
 * Non-vacuity of the request-level laws: the request arbitraries reach every step of SPEC §4, and
 * each law's premise occurs often enough (L-OBO-GATE, no existence leak, and the laws of the SPEC
 * changes of 2026-12-01: no dormant shares, OAuth scope, permission reads, R-ADM-7 by effect).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide } from '../src/decide/decide.js';
import { oauthCaseArb, oboScenarioArb, permissionsReadCaseArb, requestCaseArb, requestSnapshotArb, shareWriteCaseArb, unreachableCaseArb } from './arbitraries/requests.js';
import { crossTenantShareAllowed } from './laws/dormantShares.js';
import { oauthOnBehalfAllowed } from './laws/oauthScope.js';
import { gateParts, oboAllowedWithoutAdministrator } from './laws/oboGate.js';
import { selfChangesJudged } from './laws/selfAdministration.js';
import { load } from './laws/support.js';

describe('laws of the SPEC changes of 2026-12-01', () => {
  it('the laws above are not vacuous: allowed cross-tenant share writes, allowed on-behalf-of OAuth-app requests, allowed reads and judged self-changes occur', () => {
    const SAMPLES = 600;
    const shares = fc.sample(shareWriteCaseArb, { seed: 42, numRuns: SAMPLES }).filter(({ json, generated }) => crossTenantShareAllowed(json, generated));
    const oauth = fc.sample(oauthCaseArb, { seed: 42, numRuns: SAMPLES }).filter(({ json, generated }) => oauthOnBehalfAllowed(json, generated));
    const reads = fc.sample(permissionsReadCaseArb, { seed: 42, numRuns: SAMPLES }).filter(({ json, generated }) => {
      const s = load(json);
      return s !== undefined && decide(s, { _tag: 'Http', request: generated.request }).decision === 'allow';
    });
    const judged = fc
      .sample(fc.tuple(requestSnapshotArb, fc.nat(63)), { seed: 42, numRuns: 200 })
      .reduce((n, [json, index]) => {
        const users = json.users ?? [];
        const actor = users[index % Math.max(1, users.length)];
        return n + (actor === undefined ? 0 : selfChangesJudged(json, actor.id));
      }, 0);
    expect({ shares: shares.length >= 5, oauth: oauth.length >= 10, reads: reads.length >= 50, judged: judged >= 20 }).toEqual({ shares: true, oauth: true, reads: true, judged: true });
  });
});

describe('request arbitraries: coverage of the laws', () => {
  const SAMPLES = 1000;

  it('generated requests reach every step of SPEC §4: allowed (200, 201, 204, on behalf of), and denied at R-EFF-3, R-OBO-1, R-OBO-2, R-REQ-3, R-REQ-4, R-REQ-5 and R-REQ-6', () => {
    const seen = new Map<string, number>();
    const count = (key: string): void => {
      seen.set(key, (seen.get(key) ?? 0) + 1);
    };
    const operations = new Set<string>();
    for (const { json, generated } of fc.sample(requestCaseArb, { seed: 42, numRuns: SAMPLES })) {
      const s = load(json);
      if (s === undefined) continue;
      const d = decide(s, { _tag: 'Http', request: generated.request });
      if (d.decision === 'allow') {
        operations.add(d.operation);
        count(`allow ${d.status}`);
        if (d.onBehalfOf) count('allow on behalf');
      } else count(`deny ${d.trace[d.trace.length - 1]?.rule ?? '?'}`);
    }
    const minimum = { 'allow 200': 100, 'allow 201': 10, 'allow 204': 20, 'allow on behalf': 10, 'deny R-EFF-3': 50, 'deny R-OBO-1': 50, 'deny R-OBO-2': 20, 'deny R-REQ-3': 50, 'deny R-REQ-4': 100, 'deny R-REQ-5': 10, 'deny R-REQ-6': 1 };
    for (const [key, n] of Object.entries(minimum)) expect({ key, enough: (seen.get(key) ?? 0) >= n }).toEqual({ key, enough: true });
    expect(operations.size).toBeGreaterThanOrEqual(45);
  });

  it('L-OBO-GATE is not vacuous: many scenarios are allowed on behalf of, with actors of child tenants among them (gate part (a))', () => {
    const scenarios = fc.sample(oboScenarioArb, { seed: 42, numRuns: SAMPLES }).filter(oboAllowedWithoutAdministrator);
    const childActors = scenarios.filter((sc) => (sc.json.users ?? []).find((u) => u.id === sc.actorId)?.tenantId !== 1);
    expect(scenarios.length).toBeGreaterThanOrEqual(200);
    expect(childActors.length).toBeGreaterThanOrEqual(20);
    expect(scenarios.every((sc) => gateParts(sc.json, sc.actorId, sc.subjectId) !== undefined)).toBe(true);
  });

  it('no existence leak is not vacuous: most snapshots have a pair with no route, mostly with an active actor without 12', () => {
    const cases = fc.sample(unreachableCaseArb, { seed: 42, numRuns: SAMPLES });
    expect(cases.filter((c) => c.pair !== undefined).length).toBeGreaterThanOrEqual(600);
  });
});
