/**
 * Arbitraries for histories of applies (SPEC §6): a generated snapshot with a fresh system
 * Administrator added (so that many requests are allowed), and a sequence of request blueprints,
 * each turned into an HTTP request against the *current* snapshot when it is applied (the ids it
 * names exist then, most of the time).
 *
 * The blueprints reuse the request arbitraries (`requests.ts`), biased toward the operations that
 * change the authorization state, toward the Administrator as actor, and toward user moves
 * (`PUT /admin/users/{id}` with a new `tenantId` and a role of that tenant, R-TRN-5) and
 * administrative-access changes (R-TRN-8), which the plausible bodies of `requests.ts` never write.
 */
import fc from 'fast-check';
import type { HttpRequestJson } from '../../src/codec/request.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import type { Json } from '../../src/decide/decision.js';
import { operations, type OperationName, type OperationSpec } from '../../src/operations/operations.js';
import {
  buildRequest,
  oboChoiceArb,
  requestBlueprintArb,
  requestSnapshotArb,
  roleIdsOf,
  tenantIdsOf,
  userById,
  userPermissionsOf,
  usersOf,
  withFreshAdministrator,
  withOnBehalfOf,
  type OboChoice,
  type RequestBlueprint,
} from './requests.js';
import { SYSTEM_TENANT } from './snapshot.js';

/** The operations that change the authorization state (SPEC §6), picked four times as often as the other writes. */
export const STATE_CHANGES: ReadonlyArray<OperationName> = [
  'CreateDataSource', 'UpdateDataSource', 'DeleteDataSource', 'UpdateDataSourcePermissions',
  'AddMembers', 'ReplaceMembers', 'RemoveMember',
  'ShareWithUsers', 'UnshareAllUsers', 'UpdateSharedUser', 'UnshareUser',
  'ShareWithTenants', 'UnshareAllTenants', 'UpdateSharedTenant', 'UnshareTenant',
  'CreateOAuthApp', 'UpdateOAuthApp', 'DeleteOAuthApp', 'CreateOAuthProfile', 'UpdateOAuthProfile', 'DeleteOAuthProfile',
  'CreateUser', 'UpdateUser', 'UpdateUserAdminPermissions', 'UpdateUserStatusInfo', 'UpdateTenantsAdministered', 'DeleteUser',
  'CreateRole', 'UpdateRole', 'DeleteRole',
  'CreateTenant', 'UpdateTenant', 'DeleteTenant', 'UpdateTenantAdmins',
];

/** Every row that writes (`POST`, `PUT`, `DELETE`). */
export const writeRows: ReadonlyArray<OperationSpec> = operations.filter((r) => r.method !== 'GET');

/** The changes of standing that take shares out of force (R-TRN-5, R-TRN-8), picked more often still. */
const STANDING_CHANGES: ReadonlyArray<OperationName> = ['UpdateUser', 'UpdateUserAdminPermissions', 'UpdateRole', 'UpdateTenantsAdministered', 'UpdateTenantAdmins', 'ShareWithUsers'];

const rowArb: fc.Arbitrary<OperationSpec> = fc.oneof(
  { arbitrary: fc.constantFrom(...writeRows.filter((r) => STATE_CHANGES.includes(r.name))), weight: 8 },
  { arbitrary: fc.constantFrom(...writeRows.filter((r) => STANDING_CHANGES.includes(r.name))), weight: 4 },
  { arbitrary: fc.constantFrom(...writeRows), weight: 1 },
  { arbitrary: fc.constantFrom(...operations), weight: 1 },
);

/** One step of a history: the row, the request choices, and the body variations of this module. */
export interface ApplyStep {
  readonly row: OperationSpec;
  readonly bp: RequestBlueprint;
  readonly obo: OboChoice;
  /** The fresh Administrator acts (else the blueprint's actor). */
  readonly byAdministrator: boolean;
  /** On a data source: act on behalf of its owner (R-OBO-3, R-PAY-1), when the row accepts `?user=`. */
  readonly forOwner: boolean;
  /** For `UpdateUser`: move the user to the tenant at this index (with a role of it), when set. */
  readonly moveTo: number | null;
  /** For `UpdateTenantsAdministered`: the tenants (indices) listed instead of the plausible body, when set. */
  readonly administered: ReadonlyArray<number> | null;
  /**
   * For `UpdateUser`: move the recipient of a user share (index among the shares whose owner lacks
   * 12) to a tenant its owner neither belongs to nor administers, so the share falls out of force
   * (R-SHR-6, R-TRN-5), when set.
   */
  readonly moveRecipient: number | null;
}

/** A step. */
export const applyStepArb: fc.Arbitrary<ApplyStep> = fc.record({
  row: rowArb,
  bp: requestBlueprintArb,
  obo: fc.oneof(oboChoiceArb, fc.nat(63).map((index): OboChoice => ({ _tag: 'user', index }))),
  byAdministrator: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 2 }),
  forOwner: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
  moveTo: fc.option(fc.nat(63), { nil: null, freq: 2 }),
  administered: fc.option(fc.array(fc.nat(63), { maxLength: 3 }), { nil: null, freq: 2 }),
  moveRecipient: fc.option(fc.nat(63), { nil: null, freq: 2 }),
});

/** A history: the initial snapshot JSON, the Administrator added to it, and the steps. */
export interface ApplyHistory {
  readonly json: SnapshotJson;
  readonly administratorId: number;
  readonly steps: ReadonlyArray<ApplyStep>;
}

/** A generated snapshot with a fresh Administrator and up to `maxLength` steps. */
export const applyHistoryArb = (maxLength: number): fc.Arbitrary<ApplyHistory> =>
  fc.tuple(requestSnapshotArb, fc.array(applyStepArb, { minLength: 1, maxLength })).map(([json, steps]) => {
    const admin = withFreshAdministrator(json);
    return { json: admin.json, administratorId: admin.userId, steps };
  });

const pick = <T>(items: ReadonlyArray<T>, index: number): T | undefined => (items.length === 0 ? undefined : items[index % items.length]);

/** The roles of tenant `tenantId` in the JSON (the predefined ones live in the system tenant). */
const rolesOfTenant = (json: SnapshotJson, tenantId: number): ReadonlyArray<number> =>
  roleIdsOf(json).filter((r) => (r <= 3 ? SYSTEM_TENANT : (json.roles ?? []).find((x) => x.id === r)?.tenantId) === tenantId);

/** The body of a move (R-TRN-5): the new tenant, one of its roles, the explicit permissions kept. */
const moveBody = (json: SnapshotJson, userId: number, tenantIndex: number, roleIndex: number): Json | undefined => {
  const tenantId = pick(tenantIdsOf(json), tenantIndex);
  const user = userById(json, userId);
  if (tenantId === undefined || user === undefined) return undefined;
  const role = pick(rolesOfTenant(json, tenantId), roleIndex);
  if (role === undefined) return undefined;
  const explicit = user.permissions.permissions;
  return { tenantId, permissions: explicit === undefined ? { roles: [role] } : { roles: [role], permissions: [...explicit] } };
};

/** R-SHR-6, R-TRN-5: a move of a share's recipient out of its owner's reach, if the snapshot has such a share. */
const recipientMove = (json: SnapshotJson, administratorId: number, index: number, roleIndex: number): HttpRequestJson | undefined => {
  const shares = (json.dataSources ?? []).flatMap((d) => {
    const owner = userById(json, d.owner);
    if (owner === undefined || userPermissionsOf(json, owner).includes(12)) return [];
    const away = tenantIdsOf(json).filter((t) => t !== owner.tenantId && !(owner.tenantsAdministered ?? []).includes(t));
    return (d.sharedUsers ?? []).map((sh) => ({ recipient: sh.userId, away }));
  });
  const share = pick(shares, index);
  const admin = userById(json, administratorId);
  if (share === undefined || admin === undefined || share.recipient === administratorId) return undefined;
  const tenantId = pick(share.away, index >> 2);
  const role = tenantId === undefined ? undefined : pick(rolesOfTenant(json, tenantId), roleIndex);
  if (tenantId === undefined || role === undefined) return undefined;
  return { actor: admin.userName, method: 'PUT', path: `/api/admin/users/${share.recipient}`, body: { tenantId, permissions: { roles: [role] } } };
};

/** The HTTP request of a step against the current snapshot JSON (undefined when the snapshot has no user left). */
export const stepRequest = (json: SnapshotJson, administratorId: number, step: ApplyStep): HttpRequestJson | undefined => {
  const adminIndex = usersOf(json).findIndex((u) => u.id === administratorId);
  const bp = step.byAdministrator && adminIndex >= 0 ? { ...step.bp, actor: adminIndex } : step.bp;
  // R-OBO-1: `?user=` only where the row accepts it, most of the time
  const obo: OboChoice = step.row.obo === 'no' && step.forOwner ? { _tag: 'none' } : step.obo;
  const first = buildRequest(json, step.row, bp, obo);
  if (first === undefined) return undefined;
  const param = step.row.target._tag === 'DataSource' ? step.row.target.param : undefined;
  const dsId = param === undefined ? undefined : first.pathIds[param];
  const owner = (json.dataSources ?? []).find((d) => d.id === dsId)?.owner;
  const generated =
    step.forOwner && step.row.obo !== 'no' && param !== undefined && dsId !== undefined && owner !== undefined
      ? buildRequest(json, step.row, bp, withOnBehalfOf(json, owner), { [param]: dsId }) ?? first
      : first;
  const request = generated.request;
  if (step.row.name === 'RemoveMember' && param !== undefined && dsId !== undefined && step.bp.body.kind === 'plausible') {
    // R-TRN-7: mostly a member the group has (an arbitrary data source id rarely is one)
    const member = pick((json.dataSources ?? []).find((d) => d.id === dsId)?.members ?? [], step.bp.body.picks[0] ?? 0);
    const removal = member === undefined ? undefined : buildRequest(json, step.row, bp, generated === first ? obo : withOnBehalfOf(json, owner ?? -1), { [param]: dsId, mid: member.id });
    if (removal !== undefined) return removal.request;
  }
  if (step.row.name === 'UpdateUser' && step.moveRecipient !== null && step.bp.body.kind === 'plausible') {
    const moved = recipientMove(json, administratorId, step.moveRecipient, step.bp.body.picks[0] ?? 0);
    if (moved !== undefined) return moved;
  }
  const target = generated.pathIds['id'];
  if (step.row.name === 'UpdateUser' && step.moveTo !== null && target !== undefined && step.bp.body.kind === 'plausible') {
    const body = moveBody(json, target, step.moveTo, step.bp.body.picks[0] ?? 0);
    return body === undefined ? request : { ...request, body };
  }
  if (step.row.name === 'UpdateTenantsAdministered' && step.administered !== null && step.bp.body.kind === 'plausible') {
    const tenants = tenantIdsOf(json);
    return { ...request, body: { tenantsAdministered: [...new Set(step.administered.map((i) => pick(tenants, i) ?? SYSTEM_TENANT))] } };
  }
  return request;
};
