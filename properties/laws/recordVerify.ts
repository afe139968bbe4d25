/**
 * L-AUDIT-RECORD (issue 8, item 5; R-TRC-3, R-TRN-1): a decision record survives the log. For
 * any request on any snapshot, the record of its decision (and of its apply, for a change),
 * written as JSON and read back with the record codec, verifies against the snapshot it names;
 * the same snapshot with its lists reordered has the same hash, so it verifies too.
 */
import * as E from 'fp-ts/lib/Either.js';
import { decisionRecord, decodeRecord, snapshotHash, verifyRecord } from '../../src/audit/record.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import type { HttpRequestJson } from '../../src/codec/request.js';
import { decide } from '../../src/decide/decide.js';
import { apply } from '../../src/transition/apply.js';
import { reverseEveryList } from '../arbitraries/requests.js';
import { load } from './support.js';
import { showRequest } from './requestSupport.js';

/** Every violation of L-AUDIT-RECORD for one request (empty when the law holds). */
export const recordViolations = (json: SnapshotJson, request: HttpRequestJson): ReadonlyArray<string> => {
  const s = load(json);
  const reordered = load(reverseEveryList(json));
  if (s === undefined || reordered === undefined) return ['impossible: a generated snapshot does not load'];
  const hash = snapshotHash(s);
  if (snapshotHash(reordered) !== hash) return ['reordering the lists changed the snapshot hash'];
  const problems: string[] = [];
  const asJson: unknown = JSON.parse(JSON.stringify(request));
  const raw = typeof asJson === 'object' && asJson !== null && !Array.isArray(asJson) ? Object.fromEntries(Object.entries(asJson)) : {};
  const records = [
    ['decided', decisionRecord(decide(s, { _tag: 'Http', request }), raw, { snapshotHash: hash })],
    ['applied', decisionRecord(apply(s, { _tag: 'Http', request }).decision, raw, { snapshotHash: hash })],
  ] as const;
  for (const [how, record] of records) {
    const read = decodeRecord(JSON.parse(JSON.stringify(record)));
    if (E.isLeft(read)) {
      problems.push(`${how} ${showRequest(request)}: the record does not decode: ${read.left.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
      continue;
    }
    for (const [which, snapshot] of [['same', s], ['reordered', reordered]] as const) {
      const verified = verifyRecord(read.right, snapshot);
      if (E.isLeft(verified)) problems.push(`${how} ${showRequest(request)} on the ${which} snapshot: ${JSON.stringify(verified.left)}`);
    }
  }
  return problems;
};
