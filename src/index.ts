/**
 * datasource-authz: a pure, explainable authorization engine for a data-access gateway's
 * management API. Load a snapshot once, then decide requests; every decision carries its trace.
 */

// snapshot: decode, check, compile (SPEC §2)
export { loadSnapshot, parseSnapshot, encodeSnapshot, type SnapshotError } from './snapshot/load.js';
export type { Snapshot, User, Role, Tenant, DataSource, UserShare, TenantShare, Member, OAuthApp, OAuthProfile } from './model/snapshot.js';
export type { SnapshotJson } from './codec/snapshot.js';
export { renderProblems, type Problem } from './codec/problem.js';

// catalog and permission sets (SPEC §1)
export { builtInCatalog, Permission, dataSourceSettable, predefinedRoles, type Catalog, type PermissionInfo, type PermissionCategory } from './catalog/catalog.js';
export * as PermissionSet from './catalog/permissionSet.js';

// effective permissions (SPEC §3)
export { userPermissionGrants, type GrantedPermission, type Grant } from './rules/userPermissions.js';
export { effectiveAccess, effectiveAccessThroughGroup, effectiveAccessById, type EffectiveAccess, type LookupError } from './rules/dataSourcePermissions.js';
export { explainAccess, describeRoute, type ExplainedAccess } from './rules/explainAccess.js';

// requests and decisions (SPEC §4, §5, §7)
export { decodeRequest, decodeRequests, type Request, type UseRequest, type HttpRequestJson, type ActorRef, type Channel } from './codec/request.js';
export { decide } from './decide/decide.js';
export { decideHttp, type DecideOptions } from './decide/http.js';
export { decideUse, channelPermission } from './decide/use.js';
export { isAllowed, type Decision, type ErrorEnvelope, type Json, type SubjectRef } from './decide/decision.js';
export { operations, operationNames, type OperationName, type OperationSpec } from './operations/operations.js';
export { route, parseUrl } from './operations/router.js';

// traces (SPEC §7)
export type { Trace, Step, Fact, Outcome, RouteName } from './model/trace.js';
export { decisionToJson, decisionToText, decisionSummary, traceToText } from './render/render.js';
export type { RuleId } from './catalog/ruleIds.js';
