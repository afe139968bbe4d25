/**
 * L-AUDIT (R-AUD-3, R-AUD-4), diff is exact: for two snapshots, the diff lists exactly the
 * (user, data source) questions — direct, and through every data source taken as a group
 * (R-GRP-1) — whose single answers (`effectiveAccessById`) differ, each with both sets, and
 * exactly the users whose user permissions, administrative access, status or on-behalf-of reach
 * differ. The reference is an all-pairs brute force over the union of both snapshots' ids;
 * the on-behalf-of reach is recomputed from `gateHolds` over every pair of users (R-OBO-2).
 */
import { diffSnapshots, type SnapshotDiff } from '../../src/audit/diff.js';
import type { Snapshot, User } from '../../src/model/snapshot.js';
import { gateHolds } from '../../src/rules/onBehalfOf.js';
import { engineEffective } from './support.js';

const union = (a: Iterable<number>, b: Iterable<number>): ReadonlyArray<number> => [...new Set([...a, ...b])].sort((x, y) => x - y);
const same = (a: ReadonlyArray<number>, b: ReadonlyArray<number>): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** R-OBO-2 by brute force: every other user the active user passes the gate for; `all` for an active 12. */
const bruteActsFor = (s: Snapshot, u: User): string => {
  if (!u.active) return '[]';
  if (u.isAdministrator) return 'all';
  return JSON.stringify([...s.users.values()].filter((v) => v.id !== u.id && gateHolds(u, v)).map((v) => v.id));
};

const bruteUser = (s: Snapshot, id: number): string => {
  const u = s.users.get(id);
  return u === undefined ? 'absent' : JSON.stringify([u.active, u.permissions.ids, u.tenantsAdministered, bruteActsFor(s, u)]);
};

/** The diff by brute force over every question. */
export const bruteDiff = (a: Snapshot, b: Snapshot): { readonly changes: ReadonlyArray<string>; readonly users: ReadonlyArray<number> } => {
  const users = union(a.users.keys(), b.users.keys());
  const dataSources = union(a.dataSources.keys(), b.dataSources.keys());
  const changes: string[] = [];
  for (const u of users) {
    for (const d of dataSources) {
      for (const g of [undefined, ...dataSources]) {
        const before = engineEffective(a, u, d, g) ?? [];
        const after = engineEffective(b, u, d, g) ?? [];
        if (!same(before, after)) changes.push(`${u}/${d}/${g ?? '-'}: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
      }
    }
  }
  return { changes, users: users.filter((u) => bruteUser(a, u) !== bruteUser(b, u)) };
};

const listed = (d: SnapshotDiff): { readonly changes: ReadonlyArray<string>; readonly users: ReadonlyArray<number> } => ({
  changes: d.changes.map((c) => `${c.userId}/${c.dataSourceId}/${c.groupId ?? '-'}: ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}`),
  users: d.users.map((u) => u.userId),
});

/** The violations of L-AUDIT's exact diff between `a` and `b` (`what` names the pair). */
export const exactDiffViolations = (a: Snapshot, b: Snapshot, what: string): ReadonlyArray<string> => {
  const expected = bruteDiff(a, b);
  const got = listed(diffSnapshots(a, b));
  const out: string[] = [];
  const missing = expected.changes.filter((c) => !got.changes.includes(c));
  const extra = got.changes.filter((c) => !expected.changes.includes(c));
  if (missing.length > 0) out.push(`${what}: diff misses ${missing.slice(0, 5).join('; ')}`);
  if (extra.length > 0) out.push(`${what}: diff lists what did not change: ${extra.slice(0, 5).join('; ')}`);
  if (!same(expected.users, got.users)) out.push(`${what}: users ${JSON.stringify(got.users)}, expected ${JSON.stringify(expected.users)}`);
  return out;
};
