/**
 * Typed decision rows (D-INC-12): the few numbers the untraced decision of SPEC §3 reads about a
 * user or a data source, kept by their tables beside each entity (`RowCodec`). A decision by ids
 * then reads two compact rows of `Int32Array`s, as the benchmark's floor does, instead of two
 * objects, their maps and their lists.
 *
 * A row holds only what it can hold exactly: ids up to 2^31 - 1, permission sets of ids below 32
 * (one word, the `lo` of the set), the first `USER_SHARE_SLOTS` user shares in force that fit, the first
 * tenant share and the first `GROUP_SLOTS` groups. What it leaves out is flagged (`FALLBACK`,
 * `OWNER_WIDE`, `MORE_…`), and a reader that needs it asks the objects. A row names a permission
 * set by its word; the snapshot's `setPool` gives the set object back.
 *
 * INVARIANT (rows follow values): a table writes a row whenever it writes the value (compile,
 * update, fold), so a row always equals `write(value)`; L-ROWS checks it after every apply.
 */
import type { PermissionSet } from '../catalog/permissionSet.js';
import type { DataSource, SetPool, User } from './snapshot.js';
import type { RowCodec } from './table.js';

/** Flag of every row that holds an entity (a row of zeros holds none). */
export const PRESENT = 1;
/** User rows: the user is active and unlocked (R-EFF-3). */
export const ACTIVE = 2;
/** Data source rows: a group data source. */
export const GROUP = 2;
/** Data source rows: the owner's route is the data-source set (R-DSP-1), else the owner's permissions (R-DSP-2). */
export const OVERRIDE = 4;
/** The row cannot answer at all (an owner or tenant id above 2^31 - 1): read the objects. */
export const FALLBACK = 8;
/** Data source rows: the owner's route has a permission id above 31, so the row cannot answer the owner. */
export const OWNER_WIDE = 16;
/**
 * Data source rows: there are user shares in force beyond those listed; a user not listed whose
 * bit is set in the row's `userFilter` (bit `userId & 31` of each share left out) needs the objects.
 */
export const MORE_USER_SHARES = 32;
/**
 * Data source rows: there are tenant shares beyond the one listed; a tenant whose bit is set in the
 * flags' top half (bit `16 + (tenantId & 15)` of each share left out) needs the objects.
 */
export const MORE_TENANT_SHARES = 64;
/** Data source rows: there are groups listing it beyond those listed. */
export const MORE_GROUPS = 128;

/** User rows: flags and tenant id. */
export const USER_ROW = { width: 2, flags: 0, tenant: 1 } as const;

/** How many user shares in force a data source row lists. */
const USER_SHARE_SLOTS = 4;
/** How many groups (listing the data source as a member) a data source row lists. */
const GROUP_SLOTS = 2;

/**
 * Data source rows: flags (with the counts of the lists: user shares at bits 8–10, tenant shares
 * at bit 11, groups at bits 12–13), owner, the owner route's word, then (recipient, word) pairs of
 * the user shares in force ascending, the (tenant, word) pair of the first tenant share, the group
 * ids, and the filter of the user shares left out. A list that does not fit lists its first entries
 * and sets its `MORE_…` flag; the shares it leaves out set their bits in a 32-bit filter (tenants:
 * the flags' top 16 bits), so that a reader knows most users and tenants without a share for sure.
 */
export const DS_ROW = { width: 16, flags: 0, owner: 1, ownerWord: 2, userShares: 3, tenantShare: 11, groups: 13, userFilter: 15 } as const;

/** The bit of user `userId` in a row's `userFilter`. */
export const userBit = (userId: number): number => 1 << (userId & 31);
/** The bit of tenant `tenantId` in a row's flags (its top half). */
export const tenantBit = (tenantId: number): number => 1 << (16 + (tenantId & 15));

/** The number of user shares in force a data source row lists. */
export const userShareCount = (flags: number): number => (flags >>> 8) & 7;
/** The number of tenant shares (0 or 1) a data source row lists. */
export const tenantShareCount = (flags: number): number => (flags >>> 11) & 1;
/** The number of groups a data source row lists. */
export const groupCount = (flags: number): number => (flags >>> 12) & 3;

/** Whether an id fits a row exactly. */
const fits = (id: number): boolean => id >= 0 && id <= 0x7fff_ffff;
/** Whether a set is named exactly by its first word (all its ids are below 32). */
const oneWord = (set: PermissionSet): boolean => set.words.length <= 1;
/** The word that names a one-word set in a row and in the pool. */
const wordOf = (set: PermissionSet): number => set.lo | 0;

/** The row of a user. */
export const userRows: RowCodec<User> = {
  width: USER_ROW.width,
  write: (u, row, at) => {
    row[at + USER_ROW.flags] = PRESENT | (u.active ? ACTIVE : 0) | (fits(u.tenantId) ? 0 : FALLBACK);
    row[at + USER_ROW.tenant] = u.tenantId;
  },
};

/** The user shares in force a row lists (the first four that fit, ascending), and the filter of those left out (0: none). */
const writeUserShares = (d: DataSource, row: Int32Array, at: number): { readonly listed: number; readonly filter: number } => {
  let listed = 0;
  let filter = 0;
  for (const share of d.sharedUsers.values()) {
    if (!share.inForce) continue; // R-SHR-6: a share out of force gives nothing, so the row leaves it out
    if (listed === USER_SHARE_SLOTS || !fits(share.userId) || !oneWord(share.permissions)) {
      filter |= userBit(share.userId);
      continue;
    }
    row[at + DS_ROW.userShares + 2 * listed] = share.userId;
    row[at + DS_ROW.userShares + 2 * listed + 1] = wordOf(share.permissions);
    listed += 1;
  }
  return { listed, filter };
};

/** The row of a data source. */
export const dataSourceRows: RowCodec<DataSource> = {
  width: DS_ROW.width,
  write: (d, row, at) => {
    let flags = PRESENT | (d.isGroup ? GROUP : 0) | (d.ownerAccess._tag === 'Override' ? OVERRIDE : 0);
    if (!fits(d.owner)) flags |= FALLBACK;
    if (!oneWord(d.ownerAccess.permissions)) flags |= OWNER_WIDE;
    row[at + DS_ROW.owner] = d.owner;
    row[at + DS_ROW.ownerWord] = wordOf(d.ownerAccess.permissions);
    const users = writeUserShares(d, row, at);
    if (users.filter !== 0) flags |= MORE_USER_SHARES;
    row[at + DS_ROW.userFilter] = users.filter;
    const tenant = d.tenantShareList[0];
    let tenants = 0;
    if (tenant !== undefined && fits(tenant.tenantId) && oneWord(tenant.permissions)) {
      row[at + DS_ROW.tenantShare] = tenant.tenantId;
      row[at + DS_ROW.tenantShare + 1] = wordOf(tenant.permissions);
      tenants = 1;
    }
    for (const other of d.tenantShareList.slice(tenants)) flags |= MORE_TENANT_SHARES | tenantBit(other.tenantId);
    let groups = 0;
    for (const g of d.groups) {
      if (groups === GROUP_SLOTS || !fits(g)) break;
      row[at + DS_ROW.groups + groups] = g;
      groups += 1;
    }
    if (d.groups.length > groups) flags |= MORE_GROUPS;
    row[at + DS_ROW.flags] = flags | (users.listed << 8) | (tenants << 11) | (groups << 12);
  },
};

/** An empty pool. */
export const emptyPool: SetPool = new Map<number, PermissionSet>();

/** `pool` with the one-word sets the rows of `dataSources` name added (`pool` itself when none is new). */
export const poolWith = (pool: SetPool, dataSources: Iterable<DataSource | undefined>): SetPool => {
  let grown: Map<number, PermissionSet> | undefined;
  const add = (set: PermissionSet): void => {
    if (!oneWord(set) || (grown ?? pool).has(wordOf(set))) return;
    grown ??= new Map(pool);
    grown.set(wordOf(set), set);
  };
  for (const d of dataSources) {
    if (d === undefined) continue;
    add(d.ownerAccess.permissions);
    for (const share of d.sharedUsers.values()) if (share.inForce) add(share.permissions);
    for (const share of d.tenantShareList) add(share.permissions);
  }
  return grown ?? pool;
};
