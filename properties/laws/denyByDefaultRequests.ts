/**
 * Deny by default for requests (R-DSP-3, R-REQ-3, R-REQ-4, R-OBO-2): a fresh standard user (role
 * User (2) only, nothing shared, no administrative access) is denied every administration operation
 * role 2's permissions 1–11 do not satisfy and every operation on a data source it does not own,
 * and lists no data source. (The effective-permission side, L-DEFAULT-DENY, is `laws/defaultDeny.ts`.)
 */
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { operations, type OperationSpec } from '../../src/operations/operations.js';
import type { Requirement } from '../../src/operations/requirement.js';
import {
  buildRequest,
  paramKind,
  roleIdsOf,
  tenantIdsOf,
  withFreshStandardUser,
  withOnBehalfOf,
  type PathIds,
  type RequestBlueprint,
} from '../arbitraries/requests.js';
import { dataSourceRows, deniedAt, expectNotFound, http, showDecision, showRequest, targetParam } from './requestSupport.js';
import { load } from './support.js';

/** The permissions of the predefined User role (2): 1–11 (R-CAT-2). */
export const STANDARD_PERMISSIONS: ReadonlyArray<number> = Array.from({ length: 11 }, (_, i) => i + 1);

/**
 * Whether a requirement holds for a direct request by a user whose user permissions are exactly
 * 1–11, with no administrative access, no Administrator (12), and no data source in question:
 * P(n) iff n ≤ 11; D(n), ACC, ownership and Administrator-only never.
 */
export const satisfiedByStandardUser = (req: Requirement): boolean => {
  switch (req._tag) {
    case 'All':
      return req.of.every(satisfiedByStandardUser);
    case 'Any':
      return req.of.some(satisfiedByStandardUser);
    case 'UserPermission':
      return STANDARD_PERMISSIONS.includes(req.permission);
    case 'DataSourcePermission':
    case 'TenantAccess':
    case 'Owner':
    case 'AdministratorOnly':
      return false;
  }
};

/** The administration rows excluded from deny by default: their requirement is met by role 2's permissions 1–11 alone. */
export const adminRowsOpenToStandardUser: ReadonlyArray<OperationSpec> = operations.filter((r) => r.family === 'admin' && satisfiedByStandardUser(r.requirement));

/** Whether every path id of a request exists in the snapshot (by the kind of entity it names). */
const pathIdsExist = (json: SnapshotJson, row: OperationSpec, ids: PathIds): boolean =>
  Object.entries(ids).every(([param, id]) => {
    switch (paramKind(row, param)) {
      case 'dataSource':
        return (json.dataSources ?? []).some((d) => d.id === id);
      case 'user':
        return (json.users ?? []).some((u) => u.id === id);
      case 'role':
        return roleIdsOf(json).includes(id);
      case 'tenant':
        return tenantIdsOf(json).includes(id);
      case 'oauthApp':
        return (json.oauthApps ?? []).some((a) => a.id === id);
      case 'oauthProfile':
        return (json.oauthProfiles ?? []).some((p) => p.id === id);
      case 'permission':
      case 'name':
        return true;
    }
  });

/**
 * Deny by default: a fresh active user of the system tenant whose only role is User (2), with no
 * explicit permissions, nothing shared with it and no administrative access, is denied
 * - every administration operation except those role 2's permissions 1–11 satisfy: 403 at
 *   R-REQ-4, or 404 at R-REQ-3 when a path id does not exist (existence is checked first);
 * - every operation on a data source it does not own (here: `dataSourceIndex`-th one): directly
 *   404 (R-DSP-3, R-REQ-3; 400 at R-OBO-1 for the on-behalf-of-only operation), and on behalf of
 *   the owner 403 at R-OBO-2 (it lacks 21 and administrative access);
 * and its data-source list is empty.
 */
export const denyByDefaultViolations = (json: SnapshotJson, bp: RequestBlueprint, dataSourceIndex: number): ReadonlyArray<string> => {
  const fresh = withFreshStandardUser(json);
  const s = load(fresh.json);
  if (s === undefined) return ['the snapshot with a fresh standard user does not load'];
  const actor = (fresh.json.users ?? []).findIndex((u) => u.id === fresh.userId);
  const asFresh: RequestBlueprint = { ...bp, actor };
  const problems: string[] = [];
  for (const row of operations.filter((r) => r.family === 'admin' && !adminRowsOpenToStandardUser.includes(r))) {
    const g = buildRequest(fresh.json, row, asFresh, { _tag: 'none' });
    if (g === undefined) return ['impossible: no request'];
    const d = http(s, g.request);
    const ok = pathIdsExist(fresh.json, row, g.pathIds) ? d.status === 403 && deniedAt(d, 'R-REQ-4') : d.status === 404 && deniedAt(d, 'R-REQ-3');
    if (!ok) problems.push(`${showRequest(g.request)}: ${showDecision(d)}`);
  }
  const dataSources = fresh.json.dataSources ?? [];
  const target = dataSources[dataSourceIndex % Math.max(1, dataSources.length)];
  if (target !== undefined) {
    for (const row of dataSourceRows) {
      const param = targetParam(row) ?? 'id';
      const g = buildRequest(fresh.json, row, asFresh, { _tag: 'none' }, { [param]: target.id });
      const o = buildRequest(fresh.json, row, asFresh, withOnBehalfOf(fresh.json, target.owner), { [param]: target.id });
      if (g === undefined || o === undefined) return ['impossible: no request'];
      const d = http(s, g.request);
      const ok = row.obo === 'only' ? d.status === 400 && deniedAt(d, 'R-OBO-1') : expectNotFound(d, target.id);
      if (!ok) problems.push(`${showRequest(g.request)}: ${showDecision(d)}`);
      const od = http(s, o.request);
      if (od.status !== 403 || !deniedAt(od, 'R-OBO-2')) problems.push(`${showRequest(o.request)}: ${showDecision(od)}`);
    }
  }
  const list = http(s, { actor: fresh.userName, method: 'GET', path: '/api/mgmt/datasources' });
  if (list.decision !== 'allow' || JSON.stringify(list.response) !== JSON.stringify({ dataSources: [] })) problems.push(`ListDataSources: ${showDecision(list)} ${JSON.stringify(list.response)}`);
  return problems;
};

