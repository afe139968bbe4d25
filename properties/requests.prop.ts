/**
 * Request-level laws (SPEC §9) over generated snapshots and generated HTTP requests:
 * L-OBO-GATE (R-OBO-2), L-ADMIN-BYPASS (R-ADM-1), L-INACTIVE (R-EFF-3), L-TRACE (R-TRC-1..3)
 * for HTTP decisions, no existence leak (R-REQ-3, R-DSP-3) and deny by default (R-DSP-3,
 * R-REQ-4); then the coverage of the request arbitraries (non-vacuity of the laws).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide } from '../src/decide/decide.js';
import { inactiveStatusArb } from './arbitraries/edits.js';
import {
  oauthOboCaseArb,
  oauthSnapshotArb,
  oboScenarioArb,
  requestBlueprintArb,
  requestCaseOfArb,
  requestCaseArb,
  requestSnapshotArb,
  unreachableCaseArb,
  useChoiceArb,
  useRequestFor,
} from './arbitraries/requests.js';
import {
  adminBypassUseViolations,
  adminBypassViolations,
  adminRowsOpenToStandardUser,
  denyByDefaultViolations,
  gateParts,
  httpTraceViolations,
  inactiveViolations,
  noExistenceLeakViolations,
  oboAllowedOnlyIfGateViolations,
  oboAllowedWithoutAdministrator,
  oboGateViolations,
  subjectStatusIgnoredViolations,
} from './laws/requests.js';
import {
  crossTenantShareAllowed,
  dormantShareViolations,
  oauthOnBehalfAllowed,
  oauthScopeViolations,
  permissionsReadViolations,
  selfAdministrationViolations,
  selfChangesJudged,
} from './laws/changes.js';
import { load } from './laws/support.js';

describe('request laws', () => {
  it('L-OBO-GATE (R-OBO-2): an allowed on-behalf-of request by an actor without 12 passes (a)–(d), and removing any one part — subject moved out of a child-tenant actor\'s tenant, ACC(subject\'s tenant), 21, 11 — gives 403 at R-OBO-2', () => {
    fc.assert(
      fc.property(oboScenarioArb, (sc) => {
        const violations = oboGateViolations(sc);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });

  it('L-OBO-GATE (R-OBO-2): any generated request allowed on behalf of someone by an actor without 12 passes every part of the gate', () => {
    fc.assert(
      fc.property(requestCaseArb, ({ json, generated }) => {
        const violations = oboAllowedOnlyIfGateViolations(json, generated);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });

  it('R-OBO-1, R-EFF-3: the subject\'s status does not block an on-behalf-of request (same decision and status with the subject inactive or locked)', () => {
    fc.assert(
      fc.property(oboScenarioArb, inactiveStatusArb, (sc, status) => {
        const violations = subjectStatusIgnoredViolations(sc, status);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });

  it('L-ADMIN-BYPASS (R-ADM-1): adding Administrator (12) to an active actor\'s explicit permissions never turns an allowed HTTP request into a denial, nor changes its status', () => {
    fc.assert(
      fc.property(requestCaseArb, ({ json, generated }) => {
        const violations = adminBypassViolations(json, generated);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });

  it('L-ADMIN-BYPASS (R-ADM-1, R-USE-1): adding Administrator (12) to an active actor changes no query decision nor its status (12 opens no query channel)', () => {
    fc.assert(
      fc.property(requestCaseArb, useChoiceArb, ({ json, generated }, choice) => {
        const violations = adminBypassUseViolations(json, generated.actorId, useRequestFor(json, generated.actorId, choice.dataSource, choice.group, choice.via));
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });

  it('L-INACTIVE (R-EFF-3): an inactive or locked actor is denied every HTTP request and every query with 401', () => {
    fc.assert(
      fc.property(requestCaseArb, inactiveStatusArb, useChoiceArb, ({ json, generated }, status, choice) => {
        const violations = inactiveViolations(json, generated, status, useRequestFor(json, generated.actorId, choice.dataSource, choice.group, choice.via));
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });

  it('L-TRACE (R-TRC-1/2/3): an HTTP decision is byte-identical when recomputed and with every list reversed, its facts hold and ascend, it denies iff a top-level step failed (the last, with a matching status), and the fast path agrees', () => {
    fc.assert(
      fc.property(requestCaseArb, ({ json, generated }) => {
        const violations = httpTraceViolations(json, generated.request);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });

  it('no existence leak (R-REQ-3, R-DSP-3): every data-source operation on a data source the subject cannot reach is 404 222207004 like an absent id, never 403 — directly for an actor without 12, and on behalf of that subject', () => {
    fc.assert(
      fc.property(unreachableCaseArb, ({ json, pair, bp }) => {
        const violations = noExistenceLeakViolations(json, pair, bp);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });

  // Excluded from deny by default, exactly: the administration rows whose requirement role 2's
  // permissions 1–11 satisfy on their own — ListCatalog (P(11), both paths) and ChangeOwnPassword (P(9)).
  it('deny by default: the administration operations a standard user may call are exactly ListCatalog (P(11)) and ChangeOwnPassword (P(9))', () => {
    expect([...new Set(adminRowsOpenToStandardUser.map((r) => r.name))].sort()).toEqual(['ChangeOwnPassword', 'ListCatalog']);
  });

  it('deny by default (R-DSP-3, R-REQ-3, R-REQ-4): a user whose only role is User (2), with nothing shared and no administrative access, is denied every other administration operation and every operation on data sources it does not own, and lists none', () => {
    fc.assert(
      fc.property(requestSnapshotArb, requestBlueprintArb, fc.nat(63), (json, bp, dataSourceIndex) => {
        const violations = denyByDefaultViolations(json, bp, dataSourceIndex);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });
});

const shareWriteCaseArb = requestCaseOfArb(['ShareWithUsers', 'UpdateSharedUser']);
const oauthCaseArb = fc.oneof(oauthOboCaseArb, requestCaseOfArb(['ListOAuthApps', 'CreateOAuthApp', 'GetOAuthApp', 'UpdateOAuthApp', 'DeleteOAuthApp'], oauthSnapshotArb));
const permissionsReadCaseArb = requestCaseOfArb(['GetDataSourcePermissions']);

describe('laws of the SPEC changes of 2026-12-01', () => {
  it('no dormant shares (R-SHR-7, R-SHR-6): an allowed user-share write names only recipients whose share is in force (reference R-SHR-6)', () => {
    fc.assert(
      fc.property(shareWriteCaseArb, ({ json, generated }) => {
        const violations = dormantShareViolations(json, generated);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
      { numRuns: 300 },
    );
  });

  it('OAuth scope never borrowed (R-OAA-1, R-ADM-3): an allowed on-behalf-of request touches only apps in the actor\'s own scope and the subject\'s reach', () => {
    fc.assert(
      fc.property(oauthCaseArb, ({ json, generated }) => {
        const violations = oauthScopeViolations(json, generated);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
      { numRuns: 300 },
    );
  });

  it('permission reads answer SPEC section 3 (R-RES-1, R-ADM-1, R-REQ-3, R-EFF-3): an allowed GetDataSourcePermissions is the subject\'s reference set, whoever asks', () => {
    fc.assert(
      fc.property(permissionsReadCaseArb, ({ json, generated }) => {
        const violations = permissionsReadViolations(json, generated);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
      { numRuns: 300 },
    );
  });

  it('R-ADM-7 by effect: restating one\'s own account is never refused by R-ADM-7 on any route; changing it or deleting it always is, once past the requirement', () => {
    fc.assert(
      fc.property(requestSnapshotArb, fc.nat(63), (json, index) => {
        const users = json.users ?? [];
        const actor = users[index % Math.max(1, users.length)];
        const violations = actor === undefined ? ['no user'] : selfAdministrationViolations(json, actor.id);
        expect(violations).toEqual([]);
        return violations.length === 0;
      }),
    );
  });

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
