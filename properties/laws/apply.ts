/**
 * L-APPLY (R-TRN-1, R-TRN-2, R-TRN-8), checked on every step of a history of applies:
 * - the whole new snapshot passes every check of SPEC §2 (`normalizeAndCheck` of its encoding,
 *   and `loadSnapshot` of that encoding after a JSON round trip);
 * - the old snapshot is unchanged (its encoding before and after the apply is the same text),
 *   and a denied decision returns the very same snapshot object;
 * - R-TRN-2: ids are never reused along the history: no entity appears with an id its kind has
 *   held before (a `Created` change never names one), and the high-water marks, in the model and
 *   in the encoded `nextIds`, stay above every id the kind has held;
 * - R-TRN-8 (R-TRN-5): no user share that was in force before the apply and is out of force after
 *   it remains (shares already out of force may remain);
 * - the decision lists what it changed: every `Created` entity exists, every `Deleted` one is
 *   gone, and every entity, share, member or administered tenant that disappeared is listed,
 *   unless the request itself named it for removal (SPEC §6, "the decision lists every removal").
 */
import * as E from 'fp-ts/lib/Either.js';
import type { HttpRequestJson } from '../../src/codec/request.js';
import { idKinds, type IdKind, type SnapshotJson } from '../../src/codec/snapshot.js';
import type { Change } from '../../src/model/change.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { normalizeAndCheck } from '../../src/snapshot/check.js';
import { encodeSnapshot } from '../../src/snapshot/encode.js';
import { loadSnapshot } from '../../src/snapshot/load.js';
import { apply } from '../../src/transition/apply.js';
import { renderProblems } from '../../src/codec/problem.js';
import { inForce, naiveUser } from '../reference/naive.js';
import { showDecision } from './requestSupport.js';
import type { StepVerdict } from './history.js';

/** Every id each kind has held along the history (R-TRN-2). */
export type IdsSeen = Readonly<Record<IdKind, ReadonlySet<number>>>;

/** The ids of each kind in a snapshot. */
export const idsOf = (s: Snapshot): IdsSeen => ({
  tenant: new Set(s.tenants.keys()),
  role: new Set(s.roles.keys()),
  user: new Set(s.users.keys()),
  dataSource: new Set(s.dataSources.keys()),
  oauthApp: new Set(s.oauthApps.keys()),
  oauthProfile: new Set(s.oauthProfiles.keys()),
});

const union = (a: IdsSeen, b: IdsSeen): IdsSeen => {
  const out: Record<IdKind, ReadonlySet<number>> = { ...a };
  for (const kind of idKinds) out[kind] = new Set([...a[kind], ...b[kind]]);
  return out;
};

/** R-TRN-2: ids of `now` that `seen` held before but `before` did not (reused ids), and Created changes naming an id held before. */
const reusedIds = (seen: IdsSeen, before: IdsSeen, now: IdsSeen, changes: ReadonlyArray<Change>): ReadonlyArray<string> => [
  ...idKinds.flatMap((kind) => [...now[kind]].filter((id) => !before[kind].has(id) && seen[kind].has(id)).map((id) => `R-TRN-2: ${kind} id ${id} is reused`)),
  ...changes.flatMap((c) => (c._tag === 'Created' && seen[c.kind].has(c.id) ? [`R-TRN-2: created ${c.kind} ${c.id} names an id held before`] : [])),
];

/** R-TRN-2: high-water marks (of the model, and of the snapshot loaded from the encoding) at or below an id held along the history. */
const lowMarks = (seen: IdsSeen, s: Snapshot, reloaded: Snapshot): ReadonlyArray<string> =>
  idKinds.flatMap((kind) => {
    const highest = Math.max(0, ...seen[kind]);
    return [
      ...(s.idMarks[kind] > highest ? [] : [`R-TRN-2: the ${kind} mark ${s.idMarks[kind]} is not above id ${highest}, held before`]),
      ...(reloaded.idMarks[kind] > highest ? [] : [`R-TRN-2: after a reload the ${kind} mark is ${reloaded.idMarks[kind]}, not above id ${highest} held before (nextIds not written)`]),
    ];
  });

/** R-TRN-8: user shares in force before (in `before`) and out of force after (in `after`) that remain. */
export const sharesLeftOutOfForce = (before: SnapshotJson, after: SnapshotJson): ReadonlyArray<string> =>
  (after.dataSources ?? []).flatMap((d) =>
    (d.sharedUsers ?? []).flatMap((sh) => {
      const recipientAfter = naiveUser(after, sh.userId);
      if (recipientAfter === undefined || inForce(after, d, recipientAfter)) return [];
      const old = (before.dataSources ?? []).find((o) => o.id === d.id);
      const recipientBefore = naiveUser(before, sh.userId);
      const wasInForce = old !== undefined && recipientBefore !== undefined && (old.sharedUsers ?? []).some((o) => o.userId === sh.userId) && inForce(before, old, recipientBefore);
      return wasInForce ? [`R-TRN-8: the share of data source ${d.id} with user ${sh.userId} fell out of force and remains`] : [];
    }),
  );

const has = (changes: ReadonlyArray<Change>, p: (c: Change) => boolean): boolean => changes.some(p);

/** The operations whose request itself names what they remove (their removals need not be listed one by one). */
const REMOVING: Readonly<Record<string, ReadonlyArray<'userShare' | 'tenantShare' | 'member' | 'administered'>>> = {
  UnshareUser: ['userShare'],
  UnshareAllUsers: ['userShare'],
  UnshareTenant: ['tenantShare'],
  UnshareAllTenants: ['tenantShare'],
  RemoveMember: ['member'],
  ReplaceMembers: ['member'],
  UpdateDataSource: ['member'],
  UpdateTenantsAdministered: ['administered'],
  UpdateTenantAdmins: ['administered'],
};

/** Whether the request's body itself writes `field` (an explicit replacement, e.g. `tenantsAdministered` in a user update). */
const bodyWrites = (request: HttpRequestJson, field: string): boolean => typeof request.body === 'object' && request.body !== null && !Array.isArray(request.body) && field in request.body;

/** SPEC §6: every change listed is real, and every removal the apply made is listed (unless the request named it). */
export const unlistedChanges = (before: SnapshotJson, after: SnapshotJson, operation: string, request: HttpRequestJson, changes: ReadonlyArray<Change>): ReadonlyArray<string> => {
  const out: string[] = [];
  const named = REMOVING[operation] ?? [];
  const kinds: ReadonlyArray<readonly [IdKind, (j: SnapshotJson) => ReadonlyArray<{ readonly id: number }>]> = [
    ['tenant', (j) => j.tenants ?? []],
    ['role', (j) => j.roles ?? []],
    ['user', (j) => j.users ?? []],
    ['dataSource', (j) => j.dataSources ?? []],
    ['oauthApp', (j) => j.oauthApps ?? []],
    ['oauthProfile', (j) => j.oauthProfiles ?? []],
  ];
  for (const [kind, list] of kinds) {
    const now = new Set(list(after).map((e) => e.id));
    const then = new Set(list(before).map((e) => e.id));
    for (const c of changes) {
      if (c._tag === 'Created' && c.kind === kind && !now.has(c.id)) out.push(`listed as created, ${kind} ${c.id} does not exist`);
      if (c._tag === 'Deleted' && c.kind === kind && now.has(c.id)) out.push(`listed as deleted, ${kind} ${c.id} still exists`);
    }
    for (const id of then) if (!now.has(id) && !has(changes, (c) => c._tag === 'Deleted' && c.kind === kind && c.id === id)) out.push(`${kind} ${id} was deleted and is not listed`);
  }
  const afterDs = new Map((after.dataSources ?? []).map((d) => [d.id, d]));
  for (const d of before.dataSources ?? []) {
    const now = afterDs.get(d.id);
    for (const sh of d.sharedUsers ?? []) {
      const gone = now === undefined || !(now.sharedUsers ?? []).some((x) => x.userId === sh.userId);
      if (gone && !named.includes('userShare') && !has(changes, (c) => c._tag === 'UserShareRemoved' && c.dataSourceId === d.id && c.userId === sh.userId)) {
        out.push(`the share of data source ${d.id} with user ${sh.userId} was removed and is not listed`);
      }
    }
    for (const sh of d.sharedTenants ?? []) {
      const gone = now === undefined || !(now.sharedTenants ?? []).some((x) => x.tenantId === sh.tenantId);
      if (gone && !named.includes('tenantShare') && !has(changes, (c) => c._tag === 'TenantShareRemoved' && c.dataSourceId === d.id && c.tenantId === sh.tenantId)) {
        out.push(`the share of data source ${d.id} with tenant ${sh.tenantId} was removed and is not listed`);
      }
    }
    for (const m of d.members ?? []) {
      const gone = now !== undefined && !(now.members ?? []).some((x) => x.id === m.id);
      if (gone && !named.includes('member') && !has(changes, (c) => c._tag === 'MemberRemoved' && c.groupId === d.id && c.memberId === m.id)) {
        out.push(`member ${m.id} left group ${d.id} and is not listed`);
      }
    }
  }
  const afterUsers = new Map((after.users ?? []).map((u) => [u.id, u]));
  for (const u of before.users ?? []) {
    const now = afterUsers.get(u.id);
    if (now === undefined || named.includes('administered') || bodyWrites(request, 'tenantsAdministered')) continue;
    for (const t of u.tenantsAdministered ?? []) {
      if (!(now.tenantsAdministered ?? []).includes(t) && !has(changes, (c) => c._tag === 'AdministeredTenantRemoved' && c.userId === u.id && c.tenantId === t)) {
        out.push(`user ${u.id} lost administrative access on tenant ${t} and it is not listed`);
      }
    }
  }
  return out;
};

/** The state L-APPLY keeps along a history: every id held so far, by kind. */
export type ApplyLawState = IdsSeen;

/** L-APPLY on one step (see the module comment); continues from the new snapshot. */
export const applyLawStep = (s: Snapshot, json: SnapshotJson, request: HttpRequestJson, seen: ApplyLawState): StepVerdict<ApplyLawState> => {
  const beforeText = JSON.stringify(json);
  const result = apply(s, { _tag: 'Http', request });
  const d = result.decision;
  const out: string[] = [];
  if (JSON.stringify(encodeSnapshot(s)) !== beforeText) out.push('R-TRN-1: the old snapshot changed');
  if (d.decision === 'deny') {
    if (result.snapshot !== s) out.push(`R-TRN-1: a denied apply (${showDecision(d)}) returned another snapshot`);
    return { violations: out, next: s, state: seen };
  }
  if (result.snapshot === s) return { violations: out, next: s, state: seen };
  const after = encodeSnapshot(result.snapshot);
  const checked = normalizeAndCheck(after);
  if (E.isLeft(checked)) out.push(`R-TRN-1: the new snapshot breaks SPEC §2: ${renderProblems(checked.left)}`);
  const reloaded = loadSnapshot(JSON.parse(JSON.stringify(after)));
  if (E.isLeft(reloaded)) out.push(`R-TRN-1: the new snapshot does not load: ${renderProblems(reloaded.left.problems)}`);
  const now = idsOf(result.snapshot);
  const changes = d.changes ?? [];
  out.push(...reusedIds(seen, idsOf(s), now, changes));
  const everSeen = union(seen, now);
  if (E.isRight(reloaded)) out.push(...lowMarks(everSeen, result.snapshot, reloaded.right));
  out.push(...sharesLeftOutOfForce(json, after));
  out.push(...unlistedChanges(json, after, d.operation, request, changes));
  return { violations: out.map((v) => `${v} (${showDecision(d)})`), next: result.snapshot, state: everSeen };
};
