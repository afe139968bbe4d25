/**
 * Snapshots that reach every corner of the typed rows (D-INC-12): ids dense from 0 (the span
 * layout), sparse (the hash layout) or mixed with ids above 2^31 - 1 (the side map, and rows that
 * cannot hold them); data sources shared with up to every user (past the four row slots) and with
 * several tenants; members in several groups; owners holding permissions above 31. Built from a
 * seed by a plain PRNG, so a failing case is reproduced by its seed and mode.
 */
import fc from 'fast-check';
import type { DataSourceJson, SnapshotJson, TenantJson, UserJson } from '../../src/codec/snapshot.js';
import { mulberry32, type Random } from './prng.js';

/** How ids are drawn: dense from 0, sparse below 10^6, or mixed with ids that do not fit 31 bits. */
export type IdMode = 'dense' | 'sparse' | 'wide';

const WIDE_IDS: ReadonlyArray<number> = [2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER];

/** `n` distinct ids drawn by `mode`. */
const idsOf = (rnd: Random, mode: IdMode, n: number): number[] => {
  const out = new Set<number>();
  const below = (k: number): number => Math.floor(rnd() * k);
  while (out.size < n) {
    if (mode === 'dense') out.add(below(n + 3));
    else if (mode === 'sparse') out.add(below(1_000_000));
    else out.add(rnd() < 0.3 ? (WIDE_IDS[below(WIDE_IDS.length)] ?? 0) : rnd() < 0.3 ? below(4) : below(100_000));
  }
  return [...out].sort((a, b) => a - b);
};

/** The members of `xs` kept with probability `p`. */
const some = <T>(rnd: Random, xs: ReadonlyArray<T>, p: number): T[] => xs.filter(() => rnd() < p);

/** A valid snapshot from a seed: users in tenants, data sources with user and tenant shares, groups of their owner's data sources. */
export const rowSnapshot = (seed: number, mode: IdMode): SnapshotJson => {
  const rnd = mulberry32(seed);
  const tenantIds = [1, ...idsOf(rnd, mode, 3).filter((t) => t !== 1)];
  const tenants: TenantJson[] = tenantIds.map((id) => (id === 1 ? { id, name: 'System' } : { id, name: `t${id}`, parentTenant: 1 }));
  const roleOf = (i: number): number => 100_000_000 + i; // role ids apart from every other id kind
  const roles = tenantIds.map((tenantId, i) => ({ id: roleOf(i), name: `r${i}`, tenantId, permissions: some(rnd, [2, 3, 4, 5, 6, 7, 8, 9, 12, 40, 70], 0.5) }));
  const users: UserJson[] = idsOf(rnd, mode, 4 + Math.floor(rnd() * 8)).map((id) => {
    const t = Math.floor(rnd() * tenantIds.length);
    const tenantId = tenantIds[t] ?? 1;
    const explicit = rnd() < 0.3 ? some(rnd, [2, 3, 40, 70], 0.5) : [];
    return {
      id,
      userName: `u${id}`,
      tenantId,
      permissions: { roles: [roleOf(t)], permissions: explicit },
      ...(rnd() < 0.15 ? { statusInfo: { status: rnd() < 0.5 ? 0 : 1 } } : {}),
      ...(rnd() < 0.25 ? { tenantsAdministered: tenantId === 1 ? some(rnd, tenantIds, 0.5) : [tenantId] } : {}),
    };
  });
  const tenantOf = new Map(users.map((u) => [u.id, u.tenantId]));
  const dataSources: DataSourceJson[] = idsOf(rnd, mode, 3 + Math.floor(rnd() * 9)).map((id) => {
    const owner = users[Math.floor(rnd() * users.length)]?.id ?? 0;
    const sharedTenants = some(rnd, tenantIds, 0.35).map((tenantId) => ({ tenantId, permissions: some(rnd, [2, 3, 4, 5, 6, 7], 0.5) }));
    const shared = new Set(sharedTenants.map((s) => s.tenantId));
    // R-SHR-7: no user share to the owner or into a tenant the data source is shared with
    const recipients = some(rnd, users, rnd() < 0.4 ? 0.95 : 0.3).filter((u) => u.id !== owner && !shared.has(tenantOf.get(u.id) ?? -1));
    return {
      id,
      name: `d${id}`,
      owner,
      isGroup: rnd() < 0.3,
      ...(rnd() < 0.4 ? { permissions: some(rnd, [2, 3, 4, 5, 6, 7, 10], 0.5) } : {}),
      ...(recipients.length > 0 ? { sharedUsers: recipients.map((u) => ({ userId: u.id, permissions: some(rnd, [2, 3, 4, 5, 6, 7], 0.5) })) } : {}),
      ...(sharedTenants.length > 0 ? { sharedTenants } : {}),
    };
  });
  // R-SNAP-7: a group's members are plain data sources of its owner
  const withMembers = dataSources.map((d): DataSourceJson => {
    if (d.isGroup !== true) return d;
    const members = some(rnd, dataSources.filter((m) => m.isGroup !== true && m.owner === d.owner), 0.8);
    return members.length === 0 ? d : { ...d, members: members.map((m) => ({ id: m.id })) };
  });
  return { tenants, roles, users, dataSources: withMembers, permissions: [{ id: 40, name: 'C40' }, { id: 70, name: 'C70' }] };
};

/** A seed and an id mode. */
export const rowSnapshotArb: fc.Arbitrary<{ readonly seed: number; readonly mode: IdMode }> = fc.record({
  seed: fc.integer(),
  mode: fc.constantFrom<IdMode>('dense', 'sparse', 'wide'),
});
