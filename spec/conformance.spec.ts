/**
 * The conformance corpus (Cedar-style): every `spec/fixtures/*.json` file holds a snapshot
 * (SPEC §2) and requests (SPEC §4) with the decision SPEC.md says they get. Each case checks
 * the decision, the status and, when the fixture gives them, the operation, the subject, the
 * on-behalf-of flag, the error code and message (R-ERR-1), the response (R-RES-1) and the
 * permissions or tenant accesses the trace must name as unmet (R-REQ-4, R-TRC-4).
 *
 * Each case is also decided without a trace: the fast path must give the same decision, field for
 * field, with an empty trace.
 *
 * Two corpus-wide tests close the file: every operation of SPEC §5 appears in some case, and
 * every operation family has at least one allowed and one denied case.
 *
 * A fixture file is a description, a snapshot and `requests: [{description, request, expect}]`;
 * `expect` holds `decision` and `status`, and optionally `operation`, `subject` (a user name),
 * `onBehalfOf`, `errorCode`, `errorMessage`, `response`, `missingPermissions` (ids the trace
 * must show as required and not held) and `missingTenantAccess` (tenant ids the trace must show
 * as administrative access not held).
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { problemsFromErrors, renderProblems } from '../src/codec/problem.js';
import { decodeRequest } from '../src/codec/request.js';
import { decide } from '../src/decide/decide.js';
import { decideHttp } from '../src/decide/http.js';
import { decideUse } from '../src/decide/use.js';
import type { Decision } from '../src/decide/decision.js';
import type { Snapshot } from '../src/model/snapshot.js';
import { operationNames, type OperationName } from '../src/operations/operations.js';
import { loadSnapshot } from '../src/snapshot/load.js';
import type { Fact, Step } from '../src/model/trace.js';

const FIXTURES = 'spec/fixtures';

const ExpectationCodec = t.intersection([
  t.type({ decision: t.keyof({ allow: null, deny: null }), status: t.number }),
  t.partial({
    operation: t.string,
    subject: t.string,
    onBehalfOf: t.boolean,
    errorCode: t.number,
    errorMessage: t.string,
    response: t.unknown,
    missingPermissions: t.array(t.number),
    missingTenantAccess: t.array(t.number),
  }),
]);

const FixtureCaseCodec = t.type({ description: t.string, request: t.unknown, expect: ExpectationCodec });

const FixtureFileCodec = t.type({ description: t.string, snapshot: t.unknown, requests: t.array(FixtureCaseCodec) });

type Expectation = t.TypeOf<typeof ExpectationCodec>;
type FixtureFile = t.TypeOf<typeof FixtureFileCodec>;

/** A fixture file as read: its name and either its content or why it could not be read. */
interface LoadedFile {
  readonly file: string;
  readonly fixture: E.Either<string, FixtureFile>;
}

const readFixture = (file: string): LoadedFile => {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'));
  } catch (e) {
    return { file, fixture: E.left(`invalid JSON: ${e instanceof Error ? e.message : String(e)}`) };
  }
  const decoded = FixtureFileCodec.decode(json);
  return { file, fixture: E.isLeft(decoded) ? E.left(renderProblems(problemsFromErrors(decoded.left))) : E.right(decoded.right) };
};

const files: ReadonlyArray<LoadedFile> = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map(readFixture);

/** Every fact of every step of a trace, depth first. */
const allSteps = (steps: ReadonlyArray<Step>): ReadonlyArray<Step> => steps.flatMap((s) => [s, ...allSteps(s.children)]);

const unmetPermissions = (d: Decision): ReadonlySet<number> =>
  new Set(
    allSteps(d.trace)
      .filter((s) => s.outcome === 'fail')
      .flatMap((s) => s.facts)
      .flatMap((f: Fact) => (f._tag === 'Requires' && !f.held ? [f.permission] : [])),
  );

const unmetTenantAccess = (d: Decision): ReadonlySet<number> =>
  new Set(
    allSteps(d.trace)
      .filter((s) => s.outcome === 'fail')
      .flatMap((s) => s.facts)
      .flatMap((f: Fact) => (f._tag === 'TenantAccess' && !f.held ? [f.tenantId] : [])),
  );

/** A one-line summary of a decision for failure messages. */
const summary = (d: Decision): string =>
  `${d.decision} ${d.status} ${d.operation}${d.error === undefined ? '' : ` [${d.error.error.code}] ${d.error.error.message.value}`}`;

const check = (d: Decision, want: Expectation): void => {
  const why = summary(d);
  expect(d.decision, why).toBe(want.decision);
  expect(d.status, why).toBe(want.status);
  if (want.operation !== undefined) expect(d.operation, why).toBe(want.operation);
  if (want.subject !== undefined) expect(d.subject?.userName, why).toBe(want.subject);
  if (want.onBehalfOf !== undefined) expect(d.onBehalfOf, why).toBe(want.onBehalfOf);
  if (want.errorCode !== undefined) expect(d.error?.error.code, why).toBe(want.errorCode);
  if (want.errorMessage !== undefined) expect(d.error?.error.message.value, why).toBe(want.errorMessage);
  if (want.response !== undefined) expect(d.response, why).toEqual(want.response);
  if (want.missingPermissions !== undefined) {
    const unmet = unmetPermissions(d);
    for (const p of want.missingPermissions) expect(unmet.has(p), `${why}: the trace does not name permission ${p} as unmet`).toBe(true);
  }
  if (want.missingTenantAccess !== undefined) {
    const unmet = unmetTenantAccess(d);
    for (const tenant of want.missingTenantAccess) expect(unmet.has(tenant), `${why}: the trace does not name ACC(${tenant}) as unmet`).toBe(true);
  }
};

for (const { file, fixture } of files) {
  describe(file, () => {
    if (E.isLeft(fixture)) {
      it(`${file}: is a well-formed fixture file`, () => {
        expect.fail(`${file}: ${fixture.left}`);
      });
      return;
    }
    const loaded = loadSnapshot(fixture.right.snapshot);
    const snapshot: Snapshot | undefined = E.isRight(loaded) ? loaded.right : undefined;
    it(`${file}: the snapshot is valid`, () => {
      if (E.isLeft(loaded)) expect.fail(`${file}: invalid snapshot:\n${renderProblems(loaded.left.problems)}`);
    });
    for (const c of fixture.right.requests) {
      it(`${file}: ${c.description}`, () => {
        if (snapshot === undefined) return expect.fail(`${file}: the snapshot is invalid`);
        const request = decodeRequest(c.request);
        if (E.isLeft(request)) return expect.fail(`invalid request:\n${renderProblems(request.left)}`);
        const traced = decide(snapshot, request.right);
        check(traced, c.expect);
        // the fast path (no trace) decides the same, word for word, and builds no step (R-TRC-2: the trace only explains)
        const untraced = request.right._tag === 'Use' ? decideUse(snapshot, request.right.request, { trace: false }) : decideHttp(snapshot, request.right.request, { trace: false });
        expect(untraced.trace).toEqual([]);
        expect({ ...untraced, trace: [] }).toEqual({ ...traced, trace: [] });
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Corpus coverage

/** The operation families the corpus must cover with at least one allow and one deny. */
type Family =
  | 'data sources'
  | 'schemas/tables'
  | 'OData model'
  | 'groups/members'
  | 'data-source permissions'
  | 'user shares'
  | 'tenant shares'
  | 'user permissions/details'
  | 'OAuth apps'
  | 'OAuth profiles'
  | 'admin users'
  | 'roles'
  | 'tenants'
  | 'limits'
  | 'whitelists'
  | 'system'
  | 'query channels';

const familyOf: Readonly<Record<OperationName | 'UseDataSource', Family>> = {
  ListDataSources: 'data sources',
  CreateDataSource: 'data sources',
  GetDataSource: 'data sources',
  UpdateDataSource: 'data sources',
  DeleteDataSource: 'data sources',
  GetDataSourceLogs: 'data sources',
  TestConnection: 'data sources',
  RefreshMapping: 'data sources',
  RefreshODataModel: 'OData model',
  GetODataModelStatus: 'OData model',
  ListSchemas: 'schemas/tables',
  ListTables: 'schemas/tables',
  GetTable: 'schemas/tables',
  ListColumns: 'schemas/tables',
  ListPrimaryKeys: 'schemas/tables',
  GetDataSourcePermissions: 'data-source permissions',
  UpdateDataSourcePermissions: 'data-source permissions',
  ListMembers: 'groups/members',
  AddMembers: 'groups/members',
  ReplaceMembers: 'groups/members',
  RemoveMember: 'groups/members',
  ListSharedUsers: 'user shares',
  ShareWithUsers: 'user shares',
  UnshareAllUsers: 'user shares',
  GetSharedUser: 'user shares',
  UpdateSharedUser: 'user shares',
  UnshareUser: 'user shares',
  ListSharedTenants: 'tenant shares',
  ShareWithTenants: 'tenant shares',
  UnshareAllTenants: 'tenant shares',
  GetSharedTenant: 'tenant shares',
  UpdateSharedTenant: 'tenant shares',
  UnshareTenant: 'tenant shares',
  GetUserPermissions: 'user permissions/details',
  GetUserDetails: 'user permissions/details',
  ListCatalog: 'user permissions/details',
  ListOAuthApps: 'OAuth apps',
  CreateOAuthApp: 'OAuth apps',
  GetOAuthApp: 'OAuth apps',
  UpdateOAuthApp: 'OAuth apps',
  DeleteOAuthApp: 'OAuth apps',
  ListOAuthProfiles: 'OAuth profiles',
  CreateOAuthProfile: 'OAuth profiles',
  GetOAuthProfile: 'OAuth profiles',
  UpdateOAuthProfile: 'OAuth profiles',
  DeleteOAuthProfile: 'OAuth profiles',
  GetOAuthProfileStats: 'OAuth profiles',
  ListUsers: 'admin users',
  CreateUser: 'admin users',
  GetUser: 'admin users',
  GetUserAdminPermissions: 'admin users',
  GetUserStatusInfo: 'admin users',
  GetUserPasswordInfo: 'admin users',
  GetUserAuthInfo: 'admin users',
  GetTenantsAdministered: 'admin users',
  GetUserDataSources: 'admin users',
  UpdateUser: 'admin users',
  UpdateUserAdminPermissions: 'admin users',
  UpdateUserStatusInfo: 'admin users',
  UpdateUserPasswordInfo: 'admin users',
  UpdateUserAuthInfo: 'admin users',
  UpdateTenantsAdministered: 'admin users',
  DeleteUser: 'admin users',
  ChangeOwnPassword: 'admin users',
  ListRoles: 'roles',
  GetRole: 'roles',
  CreateRole: 'roles',
  UpdateRole: 'roles',
  DeleteRole: 'roles',
  ListTenants: 'tenants',
  CreateTenant: 'tenants',
  GetTenant: 'tenants',
  UpdateTenant: 'tenants',
  DeleteTenant: 'tenants',
  GetTenantAdmins: 'tenants',
  UpdateTenantAdmins: 'tenants',
  Limits: 'limits',
  CorsWhitelist: 'whitelists',
  TenantIpWhitelist: 'whitelists',
  UserIpWhitelist: 'whitelists',
  SystemAdministration: 'system',
  UseDataSource: 'query channels',
};

const familyNames = new Set<Family>(Object.values(familyOf));

const isFamilyOperation = (name: string): name is OperationName | 'UseDataSource' => Object.prototype.hasOwnProperty.call(familyOf, name);

const expectations: ReadonlyArray<Expectation> = files.flatMap(({ fixture }) => (E.isRight(fixture) ? fixture.right.requests.map((c) => c.expect) : []));

describe('conformance corpus coverage', () => {
  it('has fixture files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it('covers every operation of SPEC §5 (operationNames) in at least one case', () => {
    const covered = new Set(expectations.flatMap((e) => (e.operation === undefined ? [] : [e.operation])));
    expect(operationNames.filter((name) => !covered.has(name))).toEqual([]);
  });

  it('has at least one allow and one deny in every operation family', () => {
    const seen = new Map<Family, Set<'allow' | 'deny'>>();
    for (const e of expectations) {
      if (e.operation === undefined || !isFamilyOperation(e.operation)) continue;
      const family = familyOf[e.operation];
      seen.set(family, (seen.get(family) ?? new Set()).add(e.decision));
    }
    const decisions: ReadonlyArray<'allow' | 'deny'> = ['allow', 'deny'];
    const lacking = [...familyNames].flatMap((family) =>
      decisions.filter((d) => !(seen.get(family)?.has(d) ?? false)).map((d) => `${family}: no ${d}`),
    );
    expect(lacking).toEqual([]);
  });
});
