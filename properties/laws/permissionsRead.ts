/**
 * A permissions read answers SPEC §3 (R-RES-1, R-ADM-1, R-REQ-3, R-EFF-3; SPEC Changes
 * 2026-12-01): an allowed GetDataSourcePermissions answers the subject's effective set of the
 * naive reference, whoever asks, Administrators included.
 */
import * as t from 'io-ts';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import type { GeneratedRequest } from '../arbitraries/requests.js';
import { naiveAccess } from '../reference/naive.js';
import { decoded, http, showRequest } from './requestSupport.js';
import { load } from './support.js';

const PermissionsCodec = t.type({ permissions: t.array(t.number) });

/** An allowed GetDataSourcePermissions answers the subject's effective set of the reference (R-EFF-3 included), whoever asks. */
export const permissionsReadViolations = (json: SnapshotJson, g: GeneratedRequest): ReadonlyArray<string> => {
  if (g.row.name !== 'GetDataSourcePermissions') return [];
  const s = load(json);
  if (s === undefined) return ['the snapshot does not load'];
  const d = http(s, g.request);
  if (d.decision !== 'allow') return [];
  const answered = decoded(PermissionsCodec, d.response)?.permissions;
  const expected = naiveAccess(json, d.subject?.id ?? -1, g.pathIds['id'] ?? -1).permissions;
  return answered !== undefined && answered.length === expected.length && answered.every((p, i) => p === expected[i])
    ? []
    : [`${showRequest(g.request)}: answered ${JSON.stringify(d.response)}, SPEC §3 gives [${expected.join(',')}]`];
};
