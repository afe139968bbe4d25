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
export { explainAccess, explainReach, describeRoute, routeName, type ExplainedAccess } from './rules/explainAccess.js';
export { directRoutes, routeAccess, type Route, type RouteTrace, type DirectAccess, type GroupAccess } from './rules/dataSourcePermissions.js';
export { type Caller, direct, onBehalfOf, subjectOf, isDirectAdministrator } from './rules/caller.js';
export { describeMissing, describeAllMissing, type Missing, type Audience } from './rules/missing.js';

// requests and decisions (SPEC §4, §5, §7)
export { decodeRequest, decodeRequests, type Request, type UseRequest, type HttpRequestJson, type ActorRef, type Channel } from './codec/request.js';
export { decide } from './decide/decide.js';
export { decideHttp, type DecideOptions } from './decide/http.js';
export { decideUse, channelPermission } from './decide/use.js';
export { isAllowed, type Decision, type Allow, type Deny, type DecisionOperation, type DenyStatus, type ErrorEnvelope, type Json, type SubjectRef } from './decide/decision.js';
export { clientAnswer, type ClientAnswer } from './decide/clientAnswer.js';
export { operations, operationNames, type OperationName, type OperationSpec, type SuccessStatus } from './operations/operations.js';
export { channelRequirement } from './operations/channels.js';
export { route, parseUrl } from './operations/router.js';

// traces (SPEC §7)
export { stateFactsOnce, type Trace, type Step, type Fact, type Outcome, type RouteName, type AbsentKind } from './model/trace.js';
export { decisionToJson, decisionToText, decisionSummary, traceToText } from './render/render.js';
export { escapeText, jsonText } from './codec/escape.js';
export { ruleIds, type RuleId } from './catalog/ruleIds.js';

// State changes (SPEC §6)
export { apply, applyHttp, type ApplyResult } from './transition/apply.js';
export { describeChange, type Change, type EntityKind } from './model/change.js';
export type { Table } from './model/table.js';

// Audit (SPEC §8)
export { whoCan, whoCanAny, type WhoCanQuery, type WhoCanAnswer, type WhoCanError, type Holder } from './audit/whoCan.js';
export { whatCan, whatCanUser, type WhatCanAnswer, type WhatCanError, type WhatCanPages } from './audit/whatCan.js';
export { diffSnapshots, type SnapshotDiff, type AccessChange, type UserChange, type DiffOptions } from './audit/diff.js';
export { whatIf, type WhatIf, type RequestOutcome } from './audit/whatIf.js';
export { whyNot, type WhyNot, type Suggestion, type Fix } from './audit/whyNot.js';
export { decisionRecord, decodeRecord, verifyRecord, snapshotHash, redactRequest, type RecordOptions, type RecordMismatch } from './audit/record.js';
export type { DecisionRecordJson } from './codec/record.js';
export { type Page, type PageRequest } from './audit/page.js';

// Embedding in Node servers (issue 9): request conversion and a connect-style middleware
export {
  toEngineRequest,
  unreadableAnswer,
  authorizationMiddleware,
  decisionKey,
  decisionOf,
  type NodeRequestLike,
  type NodeResponseLike,
  type ActorOf,
  type ToEngineError,
  type ToEngineOptions,
  type MiddlewareOptions,
  type Middleware,
} from './embed/middleware.js';

// Types the public signatures above refer to (issue 9: the API docs name every type they use)
export type { OwnerAccess, IdMarks, TenantId, RoleId, UserId, DataSourceId } from './model/snapshot.js';
export type { IdKind, NextIdsJson } from './codec/snapshot.js';
export type { PredefinedRole } from './catalog/catalog.js';
export type { Requirement, TenantRef } from './operations/requirement.js';
export type { BodyMode, OperationFamily, HttpMethod, OnBehalfOfMode, TargetKind } from './operations/operations.js';
export type { ParsedUrl, RouteError, RoutedOperation, RouteRequest } from './operations/router.js';
export type { MissReason } from './rules/access.js';
export type { TenantSource } from './rules/missing.js';
export type { BadCursor } from './audit/page.js';
export type { DiffRoute, UserAccessState } from './audit/diff.js';
export type { DataSourceReach, MemberReach } from './audit/whatCan.js';
export type { InactiveStatus, AdministratorEntry, InactiveEntry } from './audit/whoCan.js';
export type { Verified } from './audit/record.js';
export type { WhyNotOptions } from './audit/whyNot.js';

// AuthZEN Authorization API 1.0 (issue 9; docs/authzen.md)
export { authzen, isAuthzenPath, authzenMetadata, authzenEndpoints, AUTHZEN_CONFIGURATION_PATH, type AuthzenRequest, type AuthzenResponse } from './embed/authzen.js';
