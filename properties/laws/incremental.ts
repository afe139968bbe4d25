/**
 * L-INCREMENTAL, "incremental = recompiled" (R-TRN-1, D-INC-2): after every apply of a history,
 * the incrementally maintained snapshot and the snapshot compiled from scratch from its encoding
 * (`loadSnapshot(encodeSnapshot(s))`, after a JSON round trip) agree on
 * - every effective access of every (user, data source) and (user, data source, group) question
 *   (route and permissions, SPEC §3);
 * - every derived index: users of tenants and roles, administrators of tenants, users by name,
 *   user permissions and standing, groups of data sources, owner access, shares in force
 *   (R-SHR-6), data sources by owner, by user recipient and by tenant recipient, OAuth profiles
 *   by owner and by application, and the id marks (R-TRN-2) — a cheap and sharp check;
 * - their encoding (the same JSON text);
 * - every probe request (the history's blueprints built against the new snapshot): the same
 *   decision (allow/deny, status, operation, error, response, trace), and, applied, the same
 *   decision and the same next snapshot.
 */
import type { HttpRequestJson } from '../../src/codec/request.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import type { Decision } from '../../src/decide/decision.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import type { Table } from '../../src/model/table.js';
import { encodeSnapshot } from '../../src/snapshot/encode.js';
import { apply } from '../../src/transition/apply.js';
import { stepRequest, type ApplyStep } from '../arbitraries/applies.js';
import type { StepVerdict } from './history.js';
import { http, showRequest } from './requestSupport.js';
import { rowAnswerDifferences, rowViolations } from './rows.js';
import { engineAccess, everyQuestion, load } from './support.js';

const entries = <K, V, W>(t: Table<K, V>, f: (v: V) => W): ReadonlyArray<readonly [K, W]> => [...t.entries()].map(([k, v]) => [k, f(v)] as const);
const ids = (xs: Iterable<number>): ReadonlyArray<number> => [...xs].sort((a, b) => a - b);
const list = (xs: ReadonlyArray<number>): ReadonlyArray<number> => xs;

/** Every derived index of a compiled snapshot, as plain data (empty lists count as absent keys). */
export const derivedIndexes = (s: Snapshot): Readonly<Record<string, unknown>> => {
  const nonEmpty = (t: Table<number, ReadonlyArray<number>>): ReadonlyArray<readonly [number, ReadonlyArray<number>]> => entries(t, list).filter(([, v]) => v.length > 0);
  return {
    sizes: [s.tenants.size, s.roles.size, s.users.size, s.userIdsByName.size, s.dataSources.size, s.oauthApps.size, s.oauthProfiles.size],
    tenants: entries(s.tenants, (t) => ({ users: t.users, admins: t.admins, parent: t.parentTenant, name: t.name })),
    roles: entries(s.roles, (r) => ({ users: r.users, permissions: r.permissions.ids, tenant: r.tenantId })),
    users: entries(s.users, (u) => ({
      tenant: u.tenantId,
      roles: u.roles,
      explicit: u.explicitPermissions.ids,
      permissions: u.permissions.ids,
      administrator: u.isAdministrator,
      active: u.active,
      administered: u.tenantsAdministered,
      administers: ids(u.administers),
    })),
    userIdsByName: entries(s.userIdsByName, (id) => id),
    dataSources: entries(s.dataSources, (d) => ({
      owner: d.owner,
      groups: d.groups,
      members: d.members.map((m) => m.id),
      memberIds: ids(d.memberIds),
      ownerAccess: [d.ownerAccess._tag, d.ownerAccess.permissions.ids],
      sharedUsers: [...d.sharedUsers.values()].map((sh) => [sh.userId, sh.inForce, sh.permissions.ids]),
      sharedTenants: [...d.sharedTenants.values()].map((sh) => [sh.tenantId, sh.permissions.ids]),
    })),
    dataSourcesByOwner: nonEmpty(s.dataSourcesByOwner),
    userSharesByRecipient: nonEmpty(s.userSharesByRecipient),
    tenantSharesByTenant: nonEmpty(s.tenantSharesByTenant),
    profilesByOwner: nonEmpty(s.profilesByOwner),
    profilesByApp: nonEmpty(s.profilesByApp),
    activeAdministrators: entries(s.activeAdministrators, (u) => u.id),
    idMarks: s.idMarks,
  };
};

/** The parts of a decision a client or an auditor sees (everything but object identity). */
const decisionText = (d: Decision): string => JSON.stringify(d);

/** The index names on which two snapshots differ, with both values. */
export const indexDifferences = (incremental: Snapshot, recompiled: Snapshot): ReadonlyArray<string> => {
  const a = derivedIndexes(incremental);
  const b = derivedIndexes(recompiled);
  return Object.keys(a).flatMap((key) => {
    const x = JSON.stringify(a[key]);
    const y = JSON.stringify(b[key]);
    return x === y ? [] : [`index ${key} differs:\n      incremental ${x}\n      recompiled  ${y}`];
  });
};

/** Every effective-access question on which two snapshots differ (route or permissions). */
export const accessDifferences = (json: SnapshotJson, incremental: Snapshot, recompiled: Snapshot): ReadonlyArray<string> =>
  everyQuestion(json).flatMap((q) => {
    const a = engineAccess(incremental, q.userId, q.dataSourceId, q.groupId);
    const b = engineAccess(recompiled, q.userId, q.dataSourceId, q.groupId);
    const x = a === undefined ? '?' : `${a._tag} [${a.permissions.ids.join(',')}]`;
    const y = b === undefined ? '?' : `${b._tag} [${b.permissions.ids.join(',')}]`;
    return x === y ? [] : [`user ${q.userId} on ${q.dataSourceId}${q.groupId === undefined ? '' : ` via ${q.groupId}`}: incremental ${x}, recompiled ${y}`];
  });

/** Every probe request on which two snapshots decide or apply differently. */
export const requestDifferences = (incremental: Snapshot, recompiled: Snapshot, probes: ReadonlyArray<HttpRequestJson>): ReadonlyArray<string> =>
  probes.flatMap((request) => {
    const x = decisionText(http(incremental, request));
    const y = decisionText(http(recompiled, request));
    if (x !== y) return [`${showRequest(request)} is decided differently:\n      incremental ${x}\n      recompiled  ${y}`];
    const ai = apply(incremental, { _tag: 'Http', request });
    const ar = apply(recompiled, { _tag: 'Http', request });
    const di = decisionText(ai.decision);
    const dr = decisionText(ar.decision);
    if (di !== dr) return [`${showRequest(request)} is applied with different decisions:\n      incremental ${di}\n      recompiled  ${dr}`];
    const si = JSON.stringify(encodeSnapshot(ai.snapshot));
    const sr = JSON.stringify(encodeSnapshot(ar.snapshot));
    return si === sr ? [] : [`${showRequest(request)} applied gives different snapshots:\n      incremental ${si}\n      recompiled  ${sr}`];
  });

/** What L-INCREMENTAL needs along a history: the blueprints it builds its probe requests from. */
export interface IncrementalLawState {
  readonly administratorId: number;
  readonly probes: ReadonlyArray<ApplyStep>;
}

/** L-INCREMENTAL on one step: apply, then compare the result with its recompilation. */
export const incrementalLawStep = (s: Snapshot, _json: SnapshotJson, request: HttpRequestJson, state: IncrementalLawState): StepVerdict<IncrementalLawState> => {
  const result = apply(s, { _tag: 'Http', request }, { trace: false });
  if (result.snapshot === s) return { violations: [], next: s, state };
  const next = result.snapshot;
  const encoded = encodeSnapshot(next);
  const text = JSON.stringify(encoded);
  const recompiled = load(JSON.parse(text));
  if (recompiled === undefined) return { violations: ['the new snapshot does not load (L-APPLY)'], next, state };
  const reencoded = JSON.stringify(encodeSnapshot(recompiled));
  const probes = state.probes.flatMap((p) => {
    const r = stepRequest(encoded, state.administratorId, p);
    return r === undefined ? [] : [r];
  });
  const violations = [
    ...(reencoded === text ? [] : [`the encodings differ:\n      incremental ${text}\n      recompiled  ${reencoded}`]),
    ...indexDifferences(next, recompiled),
    ...rowViolations(next).map((v) => `L-ROWS: ${v}`),
    ...rowAnswerDifferences(next).map((v) => `L-ONE-DEFINITION (rows): ${v}`),
    ...accessDifferences(encoded, next, recompiled),
    ...requestDifferences(next, recompiled, probes),
  ];
  return { violations: violations.slice(0, 8), next, state };
};
