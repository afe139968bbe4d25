/**
 * L-AUTHZEN (issue 9; R-EFF-3, SPEC §3, R-GRP-1, R-ADM-1, R-REQ-3): an AuthZEN evaluation of a
 * catalog-permission action is the engine's single decision, read through the mapping:
 * - asked by the subject itself or by an Administrator, it is true iff the subject's effective
 *   set on the data source (through the group) contains the permission, or the subject is an
 *   active Administrator and the permission is one of 2, 3, 4 on existing ids (R-ADM-1);
 * - asked by the subject itself (not an Administrator), a data source it cannot see answers
 *   exactly like an absent one (R-REQ-3);
 * - `GetDataSource` asked as an operation is `decideHttp`'s allow.
 */
import { authzen } from '../../src/embed/authzen.js';
import type { Json } from '../../src/decide/decision.js';
import { decideHttp } from '../../src/decide/http.js';
import type { Snapshot, User } from '../../src/model/snapshot.js';
import { permissionName } from '../../src/catalog/catalog.js';
import { reaches } from '../../src/rules/dataSourcePermissions.js';
import { ABSENT_DATA_SOURCE_ID } from '../arbitraries/question.js';
import { engineAccess } from './support.js';

const resource = (d: number, g: number | undefined): Json => (g === undefined ? { type: 'datasource', id: String(d) } : { type: 'datasource', id: String(d), properties: { group: String(g) } });

const ask = (s: Snapshot, caller: User, subject: User, d: number, g: number | undefined, action: string, context?: Json): Json =>
  authzen(s, {
    caller,
    baseUrl: 'http://127.0.0.1',
    method: 'POST',
    path: '/access/v1/evaluation',
    body: { subject: { type: 'user', id: subject.userName }, resource: resource(d, g), action: { name: action }, ...(context === undefined ? {} : { context }) },
  }).body;

const isRecord = (j: Json): j is { readonly [key: string]: Json } => typeof j === 'object' && j !== null && !Array.isArray(j);
const decisionOf = (j: Json): Json => (isRecord(j) ? (j['decision'] ?? null) : null);

/** Every violation of L-AUTHZEN for one question (empty when the law holds). */
export const authzenDisagreements = (s: Snapshot, userId: number, dataSourceId: number, groupId: number | undefined, permission: number): ReadonlyArray<string> => {
  const subject = s.users.get(userId);
  if (subject === undefined) return [];
  const out: string[] = [];
  const name = permissionName(s.catalog, permission);
  const access = engineAccess(s, userId, dataSourceId, groupId);
  const exists = access !== undefined;
  const authority = exists && subject.active && subject.isAdministrator && [2, 3, 4].includes(permission); // R-ADM-1
  const expected = (access !== undefined && access.permissions.ids.includes(permission)) || authority;
  const where = `user ${userId} ${name} on ${dataSourceId}${groupId === undefined ? '' : ` via ${groupId}`}`;
  const askers = [subject, ...[...s.activeAdministrators.values()].slice(0, 1)];
  for (const caller of askers) {
    const got = decisionOf(ask(s, caller, subject, dataSourceId, groupId, name));
    if (got !== expected) out.push(`${where} asked by ${caller.userName}: authzen says ${String(got)}, the engine ${String(expected)}`);
  }
  // R-REQ-3: what a subject that is not an auditor cannot see answers like what does not exist
  const auditor = subject.active && subject.isAdministrator;
  if (!auditor && (access === undefined || !reaches(access))) {
    const hidden = ask(s, subject, subject, dataSourceId, groupId, name);
    const absent = ask(s, subject, subject, ABSENT_DATA_SOURCE_ID, undefined, name);
    if (JSON.stringify(hidden) !== JSON.stringify(absent)) out.push(`${where}: a hidden data source answers ${JSON.stringify(hidden)}, an absent one ${JSON.stringify(absent)}`);
  }
  // the operation reading: GetDataSource is decideHttp's allow
  const request = { method: 'GET', path: `/api/mgmt/datasources/${dataSourceId}` };
  const single = decideHttp(s, { actor: { id: userId }, ...request }, { trace: false }).decision === 'allow';
  const viaOperation = decisionOf(ask(s, subject, subject, dataSourceId, undefined, 'GetDataSource', request));
  if (viaOperation !== single) out.push(`user ${userId} GetDataSource ${dataSourceId}: authzen says ${String(viaOperation)}, decideHttp ${String(single)}`);
  return out;
};
