/**
 * L-AUDIT, what-can (R-AUD-2, R-AUD-4): for every user u, what-can(u) lists exactly the data
 * sources u reaches by its single effective-permission decision (every one with a non-empty set
 * among them), each with that decision's set and route; under each group it lists exactly the
 * members u reaches through the group (R-GRP-1), with their sets; its user permissions are the
 * union of its roles' and explicit permissions (R-EFF-1, read off the JSON); and it manages every
 * data source by authority exactly when it is an active holder of 12 (R-ADM-1).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { reaches } from '../../src/rules/dataSourcePermissions.js';
import { routeName } from '../../src/rules/explainAccess.js';
import { naiveActive, naiveUser, naiveUserPermissions } from '../reference/naive.js';
import { allReached, showIds } from './auditSupport.js';
import { engineAccess, load, sameIds } from './support.js';

/** Every disagreement between what-can and the single decisions of `s` (empty when the law holds). */
export const whatCanDisagreements = (json: SnapshotJson, s: Snapshot): ReadonlyArray<string> => {
  const out: string[] = [];
  for (const u of s.users.values()) {
    const walked = allReached(s, u);
    if (E.isLeft(walked)) {
      out.push(walked.left);
      continue;
    }
    const { first, dataSources } = walked.right;
    const listed = new Map(dataSources.map((d) => [d.id, d]));
    const ids = dataSources.map((d) => d.id);
    if (ids.some((id, i) => i > 0 && id <= (ids[i - 1] ?? 0))) out.push(`what-can(${u.id}) data sources not ascending: ${showIds(ids)}`);
    for (const d of s.dataSources.values()) {
      const access = engineAccess(s, u.id, d.id);
      const reached = access !== undefined && reaches(access);
      const entry = listed.get(d.id);
      const where = `what-can(${u.id}) data source ${d.id}`;
      if (access !== undefined && access.permissions.ids.length > 0 && entry === undefined) out.push(`${where}: engine gives ${showIds(access.permissions.ids)}, what-can omits it`);
      if (reached !== (entry !== undefined)) out.push(`${where}: engine ${reached ? 'reaches' : 'does not reach'} it, what-can ${entry === undefined ? 'omits' : 'lists'} it`);
      if (entry === undefined || access === undefined) continue;
      if (!sameIds(entry.permissions, access.permissions.ids)) out.push(`${where}: set ${showIds(entry.permissions)} vs engine ${showIds(access.permissions.ids)}`);
      if (entry.route !== routeName(access)) out.push(`${where}: route ${entry.route} vs engine ${routeName(access)}`);
      // R-GRP-1: the members reached through a group it reaches
      if (d.isGroup !== (entry.members !== undefined)) out.push(`${where}: ${d.isGroup ? 'a group listed without' : 'not a group but listed with'} members`);
      const members = new Map((entry.members ?? []).map((m) => [m.id, m]));
      for (const m of s.dataSources.values()) {
        const through = engineAccess(s, u.id, m.id, d.id);
        const viaGroup = through !== undefined && reaches(through);
        const listedMember = members.get(m.id);
        if (viaGroup !== (listedMember !== undefined)) out.push(`${where}: member ${m.id} ${viaGroup ? 'reached' : 'not reached'} through the group by the engine, what-can ${listedMember === undefined ? 'omits' : 'lists'} it`);
        if (listedMember !== undefined && through !== undefined && !sameIds(listedMember.permissions, through.permissions.ids)) {
          out.push(`${where}: member ${m.id} set ${showIds(listedMember.permissions)} vs engine ${showIds(through.permissions.ids)}`);
        }
      }
    }
    const raw = naiveUser(json, u.id);
    if (raw === undefined) {
      out.push(`user ${u.id} is not in the JSON`);
      continue;
    }
    const expected = naiveUserPermissions(json, raw);
    const got = first.userPermissions.map((p) => p.permission);
    if (!sameIds(got, expected)) out.push(`what-can(${u.id}) user permissions ${showIds(got)}, expected ${showIds(expected)}`);
    if (first.userPermissions.some((p) => p.grants.length === 0)) out.push(`what-can(${u.id}) lists a user permission with no grant behind it`);
    const authority = naiveActive(raw) && expected.includes(12);
    if (first.managesEveryDataSource !== authority) out.push(`what-can(${u.id}) managesEveryDataSource ${String(first.managesEveryDataSource)}, expected ${String(authority)}`);
  }
  return out;
};

/** L-AUDIT (what-can) on generated JSON. */
export const whatCanAgreesWithDecisions = (json: SnapshotJson): ReadonlyArray<string> => {
  const s = load(json);
  return s === undefined ? ['the generated snapshot does not load'] : whatCanDisagreements(json, s);
};
