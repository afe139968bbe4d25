/**
 * The reference server's state on SQLite (issue 9, item 1): the snapshot's entities in one table
 * per kind (each row the entity's JSON of `encodeSnapshot`), the catalog entries, `nextIds` and
 * the seed snapshot in `meta`, and an append-only change log (`seq`, the request's id, the
 * decision record, the request) written in the SAME transaction as the rows a change touched.
 *
 * INVARIANT (commit = log): a row of the change log exists exactly when the change it records is
 * in the entity tables; `readState` therefore finds the state of the last committed change after
 * a restart or a `kill -9` (SQLite's WAL journal makes the transaction atomic).
 * INVARIANT (one writer): a commit checks, inside its write transaction, that the log ends at the
 * sequence number the writer last saw; another writer on the same file makes it fail, never fork.
 * The only code that throws is better-sqlite3's; every call here catches and returns an Either.
 */
import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import type { IdKind } from '../codec/snapshot.js';
import { renderProblems } from '../codec/problem.js';
import type { Snapshot } from '../model/snapshot.js';
import { dataSourceJson, encodeSnapshot, oauthAppJson, oauthProfileJson, roleJson, tenantJson, userJson } from '../snapshot/encode.js';
import { loadSnapshot } from '../snapshot/load.js';

/** Why the store refused: a database error, or stored state the engine does not accept. */
export type StoreError =
  | { readonly _tag: 'DatabaseError'; readonly message: string }
  | { readonly _tag: 'StateInvalid'; readonly message: string }
  | { readonly _tag: 'NotSeeded'; readonly message: string }
  | { readonly _tag: 'OtherWriter'; readonly message: string };

/** One row of the change log. */
export interface LoggedChange {
  readonly seq: number;
  readonly requestId: string | null;
  readonly record: string;
  readonly request: string;
}

/** The state read from the database: the snapshot and the sequence number of the last change in it. */
export interface StoredState {
  readonly snapshot: Snapshot;
  readonly seq: number;
}

/** What a commit writes besides the entity rows. */
export interface CommitEntry {
  readonly requestId: string | null;
  /** The decision record (JSON text). */
  readonly record: string;
  /** The request as the engine decided it (JSON text); replaying it reproduces the change. */
  readonly request: string;
}

/** The SQLite store of one database file. */
export interface Store {
  readonly path: string;
  /** Reads the entity tables and the last sequence number in one read transaction. */
  readonly readState: () => E.Either<StoreError, StoredState>;
  /** Writes the rows that differ from `before` to `after` and appends the log entry, in one transaction; the new sequence number. */
  readonly commit: (expectedSeq: number, before: Snapshot, after: Snapshot, entry: CommitEntry) => E.Either<StoreError, number>;
  /** The last sequence number of the log (0 when empty). */
  readonly lastSeq: () => E.Either<StoreError, number>;
  /** The log entries after `seq`, in order. */
  readonly changesAfter: (seq: number) => E.Either<StoreError, ReadonlyArray<LoggedChange>>;
  /** The seed snapshot JSON the database was created from. */
  readonly seed: () => E.Either<StoreError, unknown>;
  readonly close: () => void;
}

/** How to open a store. */
export interface StoreOptions {
  /** Open for reading only (a follower never writes). */
  readonly readonly?: boolean;
  /** `FULL` (default: a commit survives power loss) or `NORMAL` (survives a process kill only). */
  readonly synchronous?: 'FULL' | 'NORMAL';
}

/** The entity tables, by id kind. */
export const entityTables: Readonly<Record<IdKind, string>> = {
  tenant: 'tenants',
  role: 'roles',
  user: 'users',
  dataSource: 'data_sources',
  oauthApp: 'oauth_apps',
  oauthProfile: 'oauth_profiles',
};

const kinds: ReadonlyArray<IdKind> = ['tenant', 'role', 'user', 'dataSource', 'oauthApp', 'oauthProfile'];

const schema = [
  ...kinds.map((k) => `CREATE TABLE IF NOT EXISTS ${entityTables[k]} (id INTEGER PRIMARY KEY, json TEXT NOT NULL)`),
  'CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS change_log (seq INTEGER PRIMARY KEY, request_id TEXT, record TEXT NOT NULL, request TEXT NOT NULL, at TEXT NOT NULL)',
];

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const dbError = (e: unknown): StoreError => ({ _tag: 'DatabaseError', message: message(e) });

/** Runs `f`, turning a thrown database error into a Left. */
const guard = <A>(f: () => A): E.Either<StoreError, A> => {
  try {
    return E.right(f());
  } catch (e) {
    return E.left(dbError(e));
  }
};

/** The JSON of one entity of `s`, or `undefined` when it is not there. */
export const entityJson = (s: Snapshot, kind: IdKind, id: number): unknown => {
  switch (kind) {
    case 'tenant': {
      const v = s.tenants.get(id);
      return v === undefined ? undefined : tenantJson(v);
    }
    case 'role': {
      const v = s.roles.get(id);
      return v === undefined ? undefined : roleJson(v);
    }
    case 'user': {
      const v = s.users.get(id);
      return v === undefined ? undefined : userJson(v);
    }
    case 'dataSource': {
      const v = s.dataSources.get(id);
      return v === undefined ? undefined : dataSourceJson(v);
    }
    case 'oauthApp': {
      const v = s.oauthApps.get(id);
      return v === undefined ? undefined : oauthAppJson(v);
    }
    case 'oauthProfile': {
      const v = s.oauthProfiles.get(id);
      return v === undefined ? undefined : oauthProfileJson(v);
    }
  }
};

/** An entity table of a snapshot, by kind. */
const tableOf = (s: Snapshot, kind: IdKind): ReadonlyMap<number, unknown> => {
  switch (kind) {
    case 'tenant':
      return s.tenants;
    case 'role':
      return s.roles;
    case 'user':
      return s.users;
    case 'dataSource':
      return s.dataSources;
    case 'oauthApp':
      return s.oauthApps;
    case 'oauthProfile':
      return s.oauthProfiles;
  }
};

/**
 * The rows (kind, id) that differ between two versions of the state: entities whose object is
 * not the same one (the compiled model shares every entity a change did not touch, so identity
 * is exact for "untouched"), and entities that are gone. A reference comparison per entity, no
 * encoding: the `changes` a decision reports name what the request did, not every row it
 * rewrote (creating a tenant also gives its creator administrative access), so they are not used.
 */
export const changedRows = (before: Snapshot, after: Snapshot): ReadonlyArray<readonly [IdKind, number]> => {
  const out: Array<readonly [IdKind, number]> = [];
  for (const kind of kinds) {
    const a = tableOf(before, kind);
    const b = tableOf(after, kind);
    if (a === b) continue;
    for (const [id, value] of b) if (a.get(id) !== value) out.push([kind, id]);
    for (const id of a.keys()) if (!b.has(id)) out.push([kind, id]);
  }
  return out;
};

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === 'object' && u !== null && !Array.isArray(u);

/**
 * Opens (creating when needed) the database at `path` in WAL mode. A database without state is
 * seeded from `seed` (every entity row, the catalog, `nextIds`, the seed itself) in one
 * transaction; a database that has state keeps it (the seed is then not used).
 */
export const openStore = (path: string, seed: Snapshot | undefined, options: StoreOptions = {}): E.Either<StoreError, Store> => {
  const opened = guard(() => new Database(path, options.readonly === true ? { readonly: true, fileMustExist: true } : {}));
  if (E.isLeft(opened)) return opened;
  const db = opened.right;
  const prepared = guard(() => {
    db.pragma('busy_timeout = 5000');
    if (options.readonly !== true) {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
      for (const sql of schema) db.exec(sql);
    }
    const seeded = db.prepare("SELECT value FROM meta WHERE key = 'seed'").get();
    if (seeded === undefined) {
      if (seed === undefined || options.readonly === true) return false;
      const json = encodeSnapshot(seed);
      db.transaction(() => {
        const putMeta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
        putMeta.run('seed', JSON.stringify(json));
        putMeta.run('permissions', JSON.stringify(json.permissions ?? []));
        putMeta.run('nextIds', JSON.stringify(seed.nextIds ?? null));
        const lists: Readonly<Record<IdKind, ReadonlyArray<{ readonly id: number }>>> = {
          tenant: json.tenants ?? [],
          role: json.roles ?? [],
          user: json.users ?? [],
          dataSource: json.dataSources ?? [],
          oauthApp: json.oauthApps ?? [],
          oauthProfile: json.oauthProfiles ?? [],
        };
        for (const k of kinds) {
          const put = db.prepare(`INSERT OR REPLACE INTO ${entityTables[k]} (id, json) VALUES (?, ?)`);
          for (const row of lists[k]) put.run(row.id, JSON.stringify(row));
        }
      })();
    }
    return true;
  });
  if (E.isLeft(prepared)) {
    db.close();
    return prepared;
  }
  if (!prepared.right) {
    db.close();
    return E.left({ _tag: 'NotSeeded', message: `the database \`${path}\` holds no state and no snapshot was given to seed it` });
  }

  const selectLast = db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM change_log');
  const selectMeta = db.prepare('SELECT value FROM meta WHERE key = ?');
  const selectAll = Object.fromEntries(kinds.map((k) => [k, db.prepare(`SELECT json FROM ${entityTables[k]} ORDER BY id`)]));
  const selectAfter = db.prepare('SELECT seq, request_id AS requestId, record, request FROM change_log WHERE seq > ? ORDER BY seq');
  const writable = options.readonly !== true;
  const insertLog = writable ? db.prepare("INSERT INTO change_log (seq, request_id, record, request, at) VALUES (?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))") : undefined;
  const putNextIds = writable ? db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('nextIds', ?)") : undefined;
  const putRow = writable ? Object.fromEntries(kinds.map((k) => [k, db.prepare(`INSERT OR REPLACE INTO ${entityTables[k]} (id, json) VALUES (?, ?)`)])) : {};
  const deleteRow = writable ? Object.fromEntries(kinds.map((k) => [k, db.prepare(`DELETE FROM ${entityTables[k]} WHERE id = ?`)])) : {};

  const lastSeqNow = (): number => {
    const row: unknown = selectLast.get();
    return isRecord(row) && typeof row['seq'] === 'number' ? row['seq'] : 0;
  };
  const metaJson = (key: string): unknown => {
    const row: unknown = selectMeta.get(key);
    return isRecord(row) && typeof row['value'] === 'string' ? JSON.parse(row['value']) : undefined;
  };
  const rows = (k: IdKind): ReadonlyArray<unknown> => {
    const stmt = selectAll[k];
    return stmt === undefined ? [] : stmt.all().map((r: unknown) => (isRecord(r) && typeof r['json'] === 'string' ? JSON.parse(r['json']) : null));
  };

  const readState = (): E.Either<StoreError, StoredState> => {
    // one read transaction: the rows and the sequence number come from the same committed state (WAL snapshot isolation)
    const raw = guard(() =>
      db.transaction(() => {
        const nextIds = metaJson('nextIds');
        const json: Record<string, unknown> = {
          permissions: metaJson('permissions') ?? [],
          tenants: rows('tenant'),
          roles: rows('role'),
          users: rows('user'),
          dataSources: rows('dataSource'),
          oauthApps: rows('oauthApp'),
          oauthProfiles: rows('oauthProfile'),
        };
        if (nextIds !== null && nextIds !== undefined) json['nextIds'] = nextIds;
        return { json, seq: lastSeqNow() };
      })(),
    );
    if (E.isLeft(raw)) return raw;
    const loaded = loadSnapshot(raw.right.json);
    if (E.isLeft(loaded)) return E.left({ _tag: 'StateInvalid', message: `the stored state is not a valid snapshot: ${renderProblems(loaded.left.problems)}` });
    return E.right({ snapshot: loaded.right, seq: raw.right.seq });
  };

  const commit = (expectedSeq: number, before: Snapshot, after: Snapshot, entry: CommitEntry): E.Either<StoreError, number> => {
    if (insertLog === undefined || putNextIds === undefined) return E.left({ _tag: 'DatabaseError', message: 'the store is open for reading only' });
    const rows = changedRows(before, after);
    const result = guard(() =>
      db.transaction((): number | null => {
        if (lastSeqNow() !== expectedSeq) return null; // INVARIANT (one writer)
        for (const [kind, id] of rows) {
          const json = entityJson(after, kind, id);
          if (json === undefined) deleteRow[kind]?.run(id);
          else putRow[kind]?.run(id, JSON.stringify(json));
        }
        putNextIds.run(JSON.stringify(after.nextIds ?? null));
        const seq = expectedSeq + 1;
        insertLog.run(seq, entry.requestId, entry.record, entry.request);
        return seq;
      }).immediate(),
    );
    if (E.isLeft(result)) return result;
    return result.right === null
      ? E.left({ _tag: 'OtherWriter', message: `another process wrote to \`${path}\` (the change log no longer ends at ${expectedSeq})` })
      : E.right(result.right);
  };

  return E.right({
    path,
    readState,
    commit,
    lastSeq: () => guard(lastSeqNow),
    changesAfter: (seq) =>
      guard(() =>
        selectAfter.all(seq).flatMap((r: unknown): ReadonlyArray<LoggedChange> =>
          isRecord(r) && typeof r['seq'] === 'number' && typeof r['record'] === 'string' && typeof r['request'] === 'string'
            ? [{ seq: r['seq'], requestId: typeof r['requestId'] === 'string' ? r['requestId'] : null, record: r['record'], request: r['request'] }]
            : [],
        ),
      ),
    seed: () => guard(() => metaJson('seed')),
    close: () => {
      if (db.open) db.close();
    },
  });
};

/** The encoded snapshot as canonical JSON text (for comparing states). */
export const canonicalState = (s: Snapshot): string => JSON.stringify(encodeSnapshot(s));
