/**
 * Two more floors for the benchmark: the effective-permission decision of SPEC §3 (R-DSP-1,
 * R-DSP-2, R-SHR-1, R-SHR-2, R-SHR-6, R-DSP-3, R-EFF-3) and the group route R-GRP-1 as the Map
 * floor of bench.ts takes it, hand-written over the fastest layout we could think of. They
 * answer what the Map floor answers: the effective permission bits (ids 0..30), -1 for an
 * unknown id.
 *
 * Layout (built from the snapshot's normalized JSON, never from the engine's index):
 * - Users and data sources are renumbered to dense indexes 0..n-1 in snapshot order; tenants too.
 * - Per user, in typed arrays indexed by the user's index: `userTenant` (tenant index),
 *   `userActive` (1 unless inactive or locked, R-EFF-3) and `userMask` (the user permissions
 *   as bits, R-EFF-1).
 * - Per data source, indexed by its index: `dsOwner` (user index, -1 if the owner is unknown),
 *   `dsOverride` (the data-source permissions as bits, `NO_OVERRIDE` = -1 when none are set)
 *   and `dsIsGroup`.
 * - User shares in CSR form: the shares of data source `d` sit at positions
 *   `userShareStart[d] .. userShareStart[d + 1] - 1` of `userShareUser` (recipient indexes,
 *   ascending) and of the parallel `userShareMask`. Whether a share is in force (R-SHR-6) is
 *   computed once, at build time, and kept in the mask's sign bit: a share not in force holds
 *   `NOT_IN_FORCE` (-1), any other mask is >= 0. Tenant shares (`tenantShare*`, keyed by tenant
 *   index) and group members (`member*`, data-source indexes) use the same CSR form.
 *   Lookups in a list scan it while it is short and bisect it when it is long.
 * - Two id tables map the snapshot's own ids to the dense indexes: open addressing over an
 *   `Int32Array` of (id, index) pairs, linear probing, power-of-two capacity at most half full,
 *   Fibonacci hashing. Ids above 2^31 - 1 (valid in a snapshot, never generated) go to a side Map.
 *
 * Floor (a), `decideDense`, takes requests already translated to dense indexes (`toDense`,
 * outside the timed loop). Floor (b), `decideByIds`, takes the snapshot's ids, as the engine's
 * API does, and translates them through the id tables inside the timed loop.
 */
import type { SnapshotJson } from '../src/codec/snapshot.js';
import type { BenchRequest } from './generate.js';

// ---------------------------------------------------------------------------------------------
// Integer hash table: snapshot id -> dense index

/** What an id lookup returns for an id that is not in the table. */
export const ABSENT = -1;
/** Marks a free slot; ids are never negative (the codec's `Id`). */
const EMPTY = -1;
/** The largest id kept in the `Int32Array` itself. */
const MAX_KEY = 0x7fff_ffff;
/** 2^32 / golden ratio, odd: the multiplier of Fibonacci hashing. */
const GOLDEN = 0x9e37_79b9;

/** An open-addressing table from ids to dense indexes (see the module comment). */
export interface IdTable {
  /** Key at slot `2h`, its dense index at `2h + 1`; a free slot holds `EMPTY` as its key. */
  readonly slots: Int32Array;
  /** Capacity - 1 (the capacity is a power of two). */
  readonly mask: number;
  /** 32 - log2(capacity): the hash keeps the top bits of the product. */
  readonly shift: number;
  /** Ids too large for an `Int32Array` (none in generated snapshots). */
  readonly wide: ReadonlyMap<number, number>;
}

/** Builds the table for `ids`, whose dense index is their position in the list. */
export const buildIdTable = (ids: ReadonlyArray<number>): IdTable => {
  let bits = 1;
  while (1 << bits < 2 * ids.length && bits < 30) bits += 1; // load <= 0.5
  const capacity = 1 << bits;
  const mask = capacity - 1;
  const shift = 32 - bits;
  const slots = new Int32Array(2 * capacity).fill(EMPTY);
  const wide = new Map<number, number>();
  ids.forEach((id, index) => {
    if (!(id >= 0 && id <= MAX_KEY)) {
      wide.set(id, index);
      return;
    }
    let h = Math.imul(id, GOLDEN) >>> shift;
    for (let key = slots[h << 1]; key !== EMPTY && key !== id; key = slots[h << 1]) h = (h + 1) & mask;
    slots[h << 1] = id; // a repeated id keeps its last index, as Map.set would
    slots[(h << 1) + 1] = index;
  });
  return { slots, mask, shift, wide };
};

/** The dense index of `id`, `ABSENT` when it is not in the table. */
export const lookupId = (table: IdTable, id: number): number => {
  if (!(id >= 0 && id <= MAX_KEY)) return table.wide.get(id) ?? ABSENT;
  const slots = table.slots;
  let h = Math.imul(id, GOLDEN) >>> table.shift;
  for (;;) {
    const key = slots[h << 1] ?? EMPTY;
    if (key === id) return slots[(h << 1) + 1] ?? ABSENT;
    if (key === EMPTY) return ABSENT;
    h = (h + 1) & table.mask;
  }
};

// ---------------------------------------------------------------------------------------------
// The dense floor

/** `dsOverride` of a data source that carries no data-source permissions (R-DSP-2). */
export const NO_OVERRIDE = -1;
/** `userShareMask` of a user share that is not in force (R-SHR-6). */
export const NOT_IN_FORCE = -1;
/** The group index of a request without a group. */
export const NO_GROUP = -2;

/** Users, data sources and shares over dense indexes and typed arrays (see the module comment). */
export interface DenseFloor {
  readonly userIds: IdTable;
  readonly dsIds: IdTable;
  readonly userTenant: Int32Array;
  readonly userActive: Uint8Array;
  readonly userMask: Int32Array;
  readonly dsOwner: Int32Array;
  readonly dsOverride: Int32Array;
  readonly dsIsGroup: Uint8Array;
  readonly userShareStart: Int32Array;
  readonly userShareUser: Int32Array;
  readonly userShareMask: Int32Array;
  readonly tenantShareStart: Int32Array;
  readonly tenantShareTenant: Int32Array;
  readonly tenantShareMask: Int32Array;
  readonly memberStart: Int32Array;
  readonly memberDs: Int32Array;
}

/** Permission ids as bits; ids above 30 do not fit and are left out, as in the Map floor. */
const maskOf = (ids: ReadonlyArray<number>): number => ids.reduce((acc, id) => (id < 31 ? acc | (1 << id) : acc), 0);

/** One CSR list: per owner index, the (key, value) entries sorted by key. */
interface Csr {
  readonly start: Int32Array;
  readonly keys: Int32Array;
  readonly values: Int32Array;
}

/** Packs per-row entry lists into CSR form, each row sorted by key. */
const toCsr = (rows: ReadonlyArray<ReadonlyArray<readonly [number, number]>>): Csr => {
  const total = rows.reduce((n, r) => n + r.length, 0);
  const start = new Int32Array(rows.length + 1);
  const keys = new Int32Array(total);
  const values = new Int32Array(total);
  let at = 0;
  rows.forEach((row, i) => {
    start[i] = at;
    for (const [k, v] of [...row].sort((a, b) => a[0] - b[0])) {
      keys[at] = k;
      values[at] = v;
      at += 1;
    }
  });
  start[rows.length] = at;
  return { start, keys, values };
};

/** Builds the dense floor from the snapshot's (normalized) JSON. */
export const buildDenseFloor = (json: SnapshotJson): DenseFloor => {
  const users = json.users ?? [];
  const dataSources = json.dataSources ?? [];
  const userIds = buildIdTable(users.map((u) => u.id));
  const dsIds = buildIdTable(dataSources.map((d) => d.id));
  const tenantIndex = new Map<number, number>();
  const tenantOf = (tenantId: number): number => {
    const known = tenantIndex.get(tenantId);
    if (known !== undefined) return known;
    tenantIndex.set(tenantId, tenantIndex.size);
    return tenantIndex.size - 1;
  };
  for (const t of json.tenants ?? []) tenantOf(t.id);

  // Users (R-EFF-1, R-EFF-3), and what R-SHR-6 needs to know about an owner.
  const roleMask = new Map<number, number>((json.roles ?? []).map((r) => [r.id, maskOf(r.permissions)]));
  const userTenant = new Int32Array(users.length);
  const userActive = new Uint8Array(users.length);
  const userMask = new Int32Array(users.length);
  const tenantIdOf = new Map<number, number>();
  const ownerReach = new Map<number, { readonly tenantId: number; readonly administers: ReadonlySet<number>; readonly a12: boolean }>();
  users.forEach((u, i) => {
    const mask = u.permissions.roles.reduce((acc, r) => acc | (roleMask.get(r) ?? 0), maskOf(u.permissions.permissions ?? []));
    userTenant[i] = tenantOf(u.tenantId);
    userActive[i] = (u.statusInfo?.status ?? 1) !== 0 && u.statusInfo?.accountLocked !== true ? 1 : 0;
    userMask[i] = mask;
    tenantIdOf.set(u.id, u.tenantId);
    ownerReach.set(u.id, { tenantId: u.tenantId, administers: new Set(u.tenantsAdministered ?? []), a12: (mask & (1 << 12)) !== 0 });
  });

  // Data sources, their shares (in force computed here, R-SHR-6) and group members.
  const dsOwner = new Int32Array(dataSources.length);
  const dsOverride = new Int32Array(dataSources.length);
  const dsIsGroup = new Uint8Array(dataSources.length);
  const userShareRows: Array<ReadonlyArray<readonly [number, number]>> = [];
  const tenantShareRows: Array<ReadonlyArray<readonly [number, number]>> = [];
  const memberRows: Array<ReadonlyArray<readonly [number, number]>> = [];
  dataSources.forEach((d, i) => {
    const owner = ownerReach.get(d.owner);
    dsOwner[i] = lookupId(userIds, d.owner);
    dsOverride[i] = d.permissions === undefined ? NO_OVERRIDE : maskOf(d.permissions);
    dsIsGroup[i] = d.isGroup === true ? 1 : 0;
    const shares: Array<readonly [number, number]> = [];
    for (const s of d.sharedUsers ?? []) {
      const recipient = lookupId(userIds, s.userId);
      if (recipient === ABSENT) continue; // no request can name this user
      const t = tenantIdOf.get(s.userId) ?? -1;
      const inForce = owner !== undefined && (owner.tenantId === t || owner.administers.has(t) || owner.a12);
      shares.push([recipient, inForce ? maskOf(s.permissions) : NOT_IN_FORCE]);
    }
    userShareRows.push(shares);
    tenantShareRows.push((d.sharedTenants ?? []).map((s): readonly [number, number] => [tenantOf(s.tenantId), maskOf(s.permissions)]));
    const memberIndexes = (d.members ?? []).map((m) => lookupId(dsIds, m.id)).filter((m) => m !== ABSENT);
    memberRows.push(memberIndexes.map((m): readonly [number, number] => [m, 0])); // members carry no value
  });
  const userShares = toCsr(userShareRows);
  const tenantShares = toCsr(tenantShareRows);
  const members = toCsr(memberRows);
  return {
    userIds,
    dsIds,
    userTenant,
    userActive,
    userMask,
    dsOwner,
    dsOverride,
    dsIsGroup,
    userShareStart: userShares.start,
    userShareUser: userShares.keys,
    userShareMask: userShares.values,
    tenantShareStart: tenantShares.start,
    tenantShareTenant: tenantShares.keys,
    tenantShareMask: tenantShares.values,
    memberStart: members.start,
    memberDs: members.keys,
  };
};

/** Lists at most this long are scanned; longer ones are bisected down to this length first. */
const SCAN_MAX = 8;

/** The position of `key` in `sorted[lo .. hi - 1]` (ascending), -1 when absent. */
const positionOf = (sorted: Int32Array, lo: number, hi: number, key: number): number => {
  let from = lo;
  let to = hi;
  while (to - from > SCAN_MAX) {
    const mid = (from + to) >>> 1;
    const k = sorted[mid] ?? key;
    if (k === key) return mid;
    if (k < key) from = mid + 1;
    else to = mid;
  }
  for (let i = from; i < to; i += 1) {
    const k = sorted[i] ?? key;
    if (k === key) return i;
    if (k > key) return -1;
  }
  return -1;
};

/** A share of `d` to user `u` in force, else a share of `d` to `u`'s tenant, else nothing. */
const sharedWith = (f: DenseFloor, u: number, d: number): number => {
  const us = positionOf(f.userShareUser, f.userShareStart[d] ?? 0, f.userShareStart[d + 1] ?? 0, u);
  if (us >= 0) {
    const mask = f.userShareMask[us] ?? NOT_IN_FORCE;
    if (mask !== NOT_IN_FORCE) return mask; // R-SHR-1, in force (R-SHR-6)
  }
  const ts = positionOf(f.tenantShareTenant, f.tenantShareStart[d] ?? 0, f.tenantShareStart[d + 1] ?? 0, f.userTenant[u] ?? -1);
  return ts >= 0 ? (f.tenantShareMask[ts] ?? 0) : 0; // R-SHR-2, else deny by default (R-DSP-3)
};

/** User `u`'s effective permission bits on data source `d`, reached directly. */
const directly = (f: DenseFloor, u: number, d: number): number => {
  if (f.dsOwner[d] === u) {
    const override = f.dsOverride[d] ?? NO_OVERRIDE;
    return override !== NO_OVERRIDE ? override : (f.userMask[u] ?? 0); // R-DSP-1, R-DSP-2
  }
  return sharedWith(f, u, d);
};

/**
 * Floor (a): the effective permission bits of user `u` on data source `d`, through group `g`
 * unless it is `NO_GROUP`; all three are dense indexes, `ABSENT` for an unknown id (answer -1).
 */
export const decideDense = (f: DenseFloor, u: number, d: number, g: number): number => {
  if (u < 0 || d < 0) return -1;
  if (f.userActive[u] === 0) return 0; // R-EFF-3
  if (g === NO_GROUP) return directly(f, u, d);
  if (g < 0) return -1;
  // R-GRP-1: a group that contains the member, reached by its owner or by a share of it
  if (f.dsIsGroup[g] === 0 || positionOf(f.memberDs, f.memberStart[g] ?? 0, f.memberStart[g + 1] ?? 0, d) < 0) return 0;
  if (f.dsOwner[g] === u) {
    const override = f.dsOverride[g] ?? NO_OVERRIDE;
    return override !== NO_OVERRIDE ? override : directly(f, u, d);
  }
  return sharedWith(f, u, g);
};

/** Floor (b): the same decision on the snapshot's ids, translated through the id tables. */
export const decideByIds = (f: DenseFloor, userId: number, dsId: number, groupId: number | undefined): number =>
  decideDense(f, lookupId(f.userIds, userId), lookupId(f.dsIds, dsId), groupId === undefined ? NO_GROUP : lookupId(f.dsIds, groupId));

/** A request with its ids translated to dense indexes (`ABSENT` for an unknown id). */
export interface DenseRequest {
  readonly user: number;
  readonly ds: number;
  /** `NO_GROUP` when the request names no group. */
  readonly group: number;
}

/** Translates a request's ids to dense indexes, for floor (a). */
export const toDense = (f: DenseFloor, r: BenchRequest): DenseRequest => ({
  user: lookupId(f.userIds, r.userId),
  ds: lookupId(f.dsIds, r.dsId),
  group: r.groupId === undefined ? NO_GROUP : lookupId(f.dsIds, r.groupId),
});
