/**
 * L-AUDIT, who-can holders (R-AUD-1, R-AUD-4): for every data source d, every group route g
 * (none, or any data source taken as a group: R-GRP-1 includes non-groups and non-members) and
 * every data-source-settable permission p (R-CAT-1), the holders of who-can(d, p[, g]) are
 * exactly the users whose single effective-permission decision on d (through g) contains p, each
 * with that decision's set and route; and for a query channel, the channels who-can says are open
 * to a holder are exactly the users `decideUse` allows (R-USE-1, R-DSP-4).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { decideUse } from '../../src/decide/use.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { routeName } from '../../src/rules/explainAccess.js';
import { SETTABLE_IDS } from '../arbitraries/snapshot.js';
import { allHolders, channelOf, showIds } from './auditSupport.js';
import { engineAccess, load, sameIds } from './support.js';

/** Every disagreement between who-can and the single decisions of `s` (empty when the law holds). */
export const whoCanDisagreements = (s: Snapshot): ReadonlyArray<string> => {
  const out: string[] = [];
  const users = [...s.users.values()];
  const groups: ReadonlyArray<number | undefined> = [undefined, ...s.dataSources.keys()];
  for (const d of s.dataSources.keys()) {
    for (const g of groups) {
      for (const p of SETTABLE_IDS) {
        const walked = allHolders(s, d, p, g);
        if (E.isLeft(walked)) {
          out.push(walked.left);
          continue;
        }
        const listed = new Map(walked.right.holders.map((h) => [h.userId, h]));
        const via = channelOf(p);
        for (const u of users) {
          const access = engineAccess(s, u.id, d, g);
          const grants = access !== undefined && access.permissions.ids.includes(p);
          const h = listed.get(u.id);
          const where = `who-can(${d}, ${p}, ${g ?? '-'}) user ${u.id}`;
          if (grants !== (h !== undefined)) out.push(`${where}: engine ${grants ? 'grants' : 'does not grant'} it, who-can ${h === undefined ? 'omits' : 'lists'} it`);
          if (h !== undefined && access !== undefined) {
            if (!sameIds(h.permissions, access.permissions.ids)) out.push(`${where}: set ${showIds(h.permissions)} vs engine ${showIds(access.permissions.ids)}`);
            if (h.route !== routeName(access)) out.push(`${where}: route ${h.route} vs engine ${routeName(access)}`);
          }
          if (via !== undefined) {
            // R-USE-1: the single query-channel decision
            const allowed = decideUse(s, { actor: { id: u.id }, use: g === undefined ? { dataSource: d, via } : { dataSource: d, via, group: g } }, { trace: false }).decision === 'allow';
            const open = h !== undefined && h.queryChannels.includes(via);
            if (allowed !== open) out.push(`${where}: decideUse via ${via} ${allowed ? 'allows' : 'denies'}, who-can says the channel is ${open ? 'open' : 'closed'}`);
          }
        }
      }
    }
  }
  return out;
};

/** L-AUDIT (who-can holders) on generated JSON: the snapshot loads and who-can agrees with every single decision. */
export const whoCanAgreesWithDecisions = (json: SnapshotJson): ReadonlyArray<string> => {
  const s = load(json);
  return s === undefined ? ['the generated snapshot does not load'] : whoCanDisagreements(s);
};
