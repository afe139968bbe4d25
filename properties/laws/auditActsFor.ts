/**
 * L-AUDIT, what-can's on-behalf-of reach (R-AUD-2, R-OBO-1, R-OBO-2, R-EFF-3): for every user u
 * and every other user s, what-can(u) lists s in `actsFor` exactly when the single decision of
 * `GET /api/mgmt/permissions?user=<s>` by u is allowed (its requirement is P(11), which the gate
 * needs anyway; an inactive actor is refused everything, the subject's status blocks nothing);
 * and `actsForEveryone` is set exactly for active holders of 12.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { decideHttp } from '../../src/decide/http.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { allReached } from './auditSupport.js';
import { load } from './support.js';

/** Every disagreement between what-can's `actsFor` and single on-behalf-of decisions of `s` (empty when the law holds). */
export const actsForDisagreements = (s: Snapshot): ReadonlyArray<string> => {
  const out: string[] = [];
  for (const u of s.users.values()) {
    const walked = allReached(s, u);
    if (E.isLeft(walked)) {
      out.push(walked.left);
      continue;
    }
    const listed = new Set(walked.right.actsFor);
    let allowedCount = 0;
    for (const subject of s.users.values()) {
      if (subject.id === u.id) {
        if (listed.has(u.id)) out.push(`what-can(${u.id}) lists itself in actsFor`);
        continue;
      }
      const d = decideHttp(s, { actor: { id: u.id }, method: 'GET', path: '/api/mgmt/permissions', query: { user: subject.userName } }, { trace: false });
      const allowed = d.decision === 'allow';
      if (allowed) allowedCount += 1;
      if (allowed !== listed.has(subject.id)) out.push(`what-can(${u.id}) ${listed.has(subject.id) ? 'lists' : 'omits'} ${subject.id} in actsFor, the on-behalf-of decision is ${d.decision} ${d.status}`);
    }
    const everyone = u.active && u.isAdministrator;
    if (walked.right.first.actsForEveryone !== everyone) out.push(`what-can(${u.id}) actsForEveryone ${String(walked.right.first.actsForEveryone)}, expected ${String(everyone)}`);
    if (walked.right.first.actsForEveryone && allowedCount !== s.users.size - 1) out.push(`what-can(${u.id}) says it acts for everyone, decisions allow ${allowedCount} of ${s.users.size - 1}`);
  }
  return out;
};

/** L-AUDIT (acts-for) on generated JSON. */
export const actsForAgreesWithDecisions = (json: SnapshotJson): ReadonlyArray<string> => {
  const s = load(json);
  return s === undefined ? ['the generated snapshot does not load'] : actsForDisagreements(s);
};
