/**
 * L-CLIENT-ANSWER (R-REQ-3, R-ERR-1): the client's answer never reveals that a data source
 * exists. For every operation on a data source, the answer a server sends (status, envelope,
 * body: `clientAnswer`) for an existing data source the subject cannot reach is the answer for
 * an id that does not exist, with only the id differing — directly (an active actor without 12)
 * and on behalf of that subject (an administrator that passes the gate).
 */
import type { HttpRequestJson } from '../../src/codec/request.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { clientAnswer } from '../../src/decide/clientAnswer.js';
import { decideHttp } from '../../src/decide/http.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { ABSENT_ID, buildRequest, withOnBehalfOf, type RequestBlueprint } from '../arbitraries/requests.js';
import { dataSourceRows, showRequest, unreachableAskers, type UnreachablePair } from './requestSupport.js';

/** The client's answer as text, with every whole-number occurrence of `id` written as `as`. */
const answerText = (s: Snapshot, request: HttpRequestJson, id: number, as: number): string =>
  JSON.stringify(clientAnswer(decideHttp(s, request))).replace(new RegExp(`\\b${id}\\b`, 'g'), String(as));

/** Every violation of L-CLIENT-ANSWER for one unreachable pair (empty when the law holds). */
export const clientAnswerViolations = (json: SnapshotJson, pair: UnreachablePair | undefined, bp: RequestBlueprint): ReadonlyArray<string> => {
  if (pair === undefined) return [];
  const askers = unreachableAskers(json, pair);
  if (typeof askers === 'string') return [askers];
  const { s, direct, actorIndex, admin, adminSnapshot, adminIndex } = askers;
  const problems: string[] = [];
  for (const row of dataSourceRows) {
    const param = row.target._tag === 'None' ? 'id' : row.target.param;
    const cases: ReadonlyArray<readonly [Snapshot, SnapshotJson, number, boolean]> = [
      ...(direct ? [[s, json, actorIndex, false] as const] : []),
      [adminSnapshot, admin.json, adminIndex, true] as const,
    ];
    for (const [snapshot, source, actor, onBehalf] of cases) {
      const obo = onBehalf ? withOnBehalfOf(source, pair.userId) : ({ _tag: 'none' } as const);
      const existing = buildRequest(source, row, { ...bp, actor, actorByName: true }, obo, { [param]: pair.dataSourceId });
      const absent = buildRequest(source, row, { ...bp, actor, actorByName: true }, obo, { [param]: ABSENT_ID });
      if (existing === undefined || absent === undefined) return ['impossible: no request'];
      const seen = answerText(snapshot, existing.request, pair.dataSourceId, ABSENT_ID);
      const expected = answerText(snapshot, absent.request, pair.dataSourceId, ABSENT_ID);
      if (seen !== expected) problems.push(`${onBehalf ? 'on behalf' : 'direct'} ${showRequest(existing.request)}: client sees ${seen}, for an absent id ${expected}`);
    }
  }
  return problems;
};
