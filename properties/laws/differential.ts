/**
 * Differential laws: the engine agrees with the naive reference of SPEC §3 on every effective
 * set (R-EFF-1, R-EFF-3, R-DSP-1..3, R-SHR-1, R-SHR-2, R-SHR-4, R-SHR-6, R-GRP-1), and every
 * query-channel decision agrees with R-USE-1 computed on the reference — an Administrator's
 * included, since 12 opens no query channel (R-ADM-1, SPEC Changes 2026-12-01).
 */
import type { Channel, UseRequest } from '../../src/codec/request.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import type { Decision } from '../../src/decide/decision.js';
import { decideUse } from '../../src/decide/use.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { naiveAccess, naiveActive, naiveDataSource, naiveUser, naiveUserPermissions } from '../reference/naive.js';
import { answer, everyQuestion, load, sameIds, type Question } from './support.js';

/** The questions on which the engine and the reference disagree (empty when the law holds). */
export const referenceDisagreements = (json: SnapshotJson, s: Snapshot): ReadonlyArray<string> =>
  everyQuestion(json).flatMap((q: Question) => {
    const engine = answer(s, q);
    const reference = naiveAccess(json, q.userId, q.dataSourceId, q.groupId).permissions;
    return sameIds(engine, reference)
      ? []
      : [`user ${q.userId} on ${q.dataSourceId}${q.groupId === undefined ? '' : ` via ${q.groupId}`}: engine [${engine?.join(',') ?? '?'}], reference [${reference.join(',')}]`];
  });

/** Differential law: every effective set of every (user, data source[, group]) equals the naive reference's. */
export const engineAgreesWithReference = (json: SnapshotJson): boolean => {
  const s = load(json);
  return s !== undefined && referenceDisagreements(json, s).length === 0;
};

/** The permission each channel needs on the data source (R-USE-1). */
const CHANNEL_PERMISSION: Readonly<Record<Channel, number>> = { JDBC: 5, ODBC: 6, OData: 7, SQLEditor: 10 };

/** The status R-REQ-2, R-EFF-3, R-REQ-3, R-DSP-4 and R-USE-1 give a query, on the reference; Administrator (12) changes nothing (R-ADM-1). */
export const expectedUseStatus = (json: SnapshotJson, request: UseRequest): number => {
  const ref = request.actor;
  const actor = typeof ref === 'string' ? (json.users ?? []).find((u) => u.userName === ref) : naiveUser(json, ref.id);
  if (actor === undefined) return 401; // R-REQ-2
  if (!naiveActive(actor)) return 401; // R-EFF-3
  const userPermissions = naiveUserPermissions(json, actor);
  const { dataSource, via, group } = request.use;
  if (naiveDataSource(json, dataSource) === undefined || (group !== undefined && naiveDataSource(json, group) === undefined)) return 404; // R-REQ-3
  const access = naiveAccess(json, actor.id, dataSource, group);
  if (access.route === 'none' || access.route === 'inactive') return 404; // R-REQ-3: never reveal
  const webUi = via !== 'SQLEditor' || userPermissions.includes(8); // R-DSP-4
  return webUi && access.permissions.includes(CHANNEL_PERMISSION[via]) ? 200 : 403; // R-USE-1
};

/** Whether a decision has the expected status and the matching allow/deny. */
export const decisionHasStatus = (decision: Decision, status: number): boolean =>
  decision.status === status && decision.decision === (status === 200 ? 'allow' : 'deny');

/** Differential law for decisions: every query, by any actor (12 or not), is decided as the reference says. */
export const useDecisionAgreesWithReference = (json: SnapshotJson, request: UseRequest): boolean => {
  const s = load(json);
  return s !== undefined && decisionHasStatus(decideUse(s, request), expectedUseStatus(json, request));
};
