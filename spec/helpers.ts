/** Test helpers: load snapshots or fail loudly, look entities up by name. */
import * as E from 'fp-ts/lib/Either.js';
import { readFileSync } from 'node:fs';
import { renderProblems } from '../src/codec/problem.js';
import { userByName, type DataSource, type Snapshot, type User } from '../src/model/snapshot.js';
import { loadSnapshot } from '../src/snapshot/load.js';

/** Loads a snapshot JSON value, throwing (in tests only) with every problem when it is invalid. */
export const load = (json: unknown): Snapshot => {
  const r = loadSnapshot(json);
  if (E.isLeft(r)) throw new Error(`invalid test snapshot:\n${renderProblems(r.left.problems)}`);
  return r.right;
};

/** The bundled example snapshot (SPEC §10). */
export const exampleJson = (): unknown => JSON.parse(readFileSync('examples/gateway.json', 'utf8'));

/** The bundled example snapshot, loaded. */
export const example = (): Snapshot => load(exampleJson());

/** A user by name (throws in tests when absent). */
export const userNamed = (s: Snapshot, name: string): User => {
  const u = userByName(s, name);
  if (u === undefined) throw new Error(`no user ${name}`);
  return u;
};

/** A data source by id (throws in tests when absent). */
export const dataSource = (s: Snapshot, id: number): DataSource => {
  const d = s.dataSources.get(id);
  if (d === undefined) throw new Error(`no data source ${id}`);
  return d;
};
