/**
 * What the request-level laws share: deciding an HTTP request or a query on a compiled snapshot,
 * describing decisions and requests in violation messages, reading a decision's last step, the
 * rows whose target is a data source, the gateway's data-source not-found answer (R-REQ-3), and
 * decoding a response or body without trusting it.
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import type { HttpRequestJson, UseRequest } from '../../src/codec/request.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { decide } from '../../src/decide/decide.js';
import type { Decision } from '../../src/decide/decision.js';
import { notFoundCode } from '../../src/decide/errors.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import type { Step } from '../../src/model/trace.js';
import { operations, type OperationSpec } from '../../src/operations/operations.js';
import { isActiveUser, userById, userPermissionsOf, withFreshAdministrator, type FreshUser } from '../arbitraries/requests.js';
import { ADMINISTRATOR } from '../arbitraries/snapshot.js';
import { load } from './support.js';

/** The engine's decision on an HTTP request (traced). */
export const http = (s: Snapshot, request: HttpRequestJson): Decision => decide(s, { _tag: 'Http', request });

/** The engine's decision on a query (R-USE-1). */
export const use = (s: Snapshot, request: UseRequest): Decision => decide(s, { _tag: 'Use', request });

/** A short description of a decision for violation messages. */
export const showDecision = (d: Decision): string =>
  `${d.decision} ${d.status} ${d.operation}${d.error === undefined ? '' : ` (${d.error.error.code}: ${d.error.error.message.value})`}`;

/** A short description of a request for violation messages. */
export const showRequest = (r: HttpRequestJson): string =>
  `${JSON.stringify(r.actor)} ${r.method} ${r.url ?? r.path ?? '?'}${r.query?.['user'] === undefined ? '' : `?user=${r.query['user']}`}${r.body === undefined ? '' : ` ${JSON.stringify(r.body)}`}`;

/** The last top-level step of a decision's trace. */
export const lastStep = (d: Decision): Step | undefined => d.trace[d.trace.length - 1];

/** Whether the decision is a denial whose last top-level step is a failed step of `rule`. */
export const deniedAt = (d: Decision, rule: Step['rule']): boolean => d.decision === 'deny' && lastStep(d)?.rule === rule && lastStep(d)?.outcome === 'fail';

/** The rows whose target is a data source (R-REQ-3, R-DSP-3). */
export const dataSourceRows: ReadonlyArray<OperationSpec> = operations.filter((r) => r.target._tag === 'DataSource');

/** The path parameter naming a row's target. */
export const targetParam = (row: OperationSpec): string | undefined => (row.target._tag === 'None' ? undefined : row.target.param);

/** A user and a data source it has no route to (ownership, share in force, or a group it reaches). */
export interface UnreachablePair {
  readonly userId: number;
  readonly dataSourceId: number;
}

/** Who asks about an unreachable pair: the user itself (directly, when active and without 12) and a fresh administrator on its behalf. */
export interface UnreachableAskers {
  /** The compiled snapshot. */
  readonly s: Snapshot;
  /** Whether the user may ask directly: active and without Administrator (12). */
  readonly direct: boolean;
  /** The user's index in the snapshot's users (for a request blueprint). */
  readonly actorIndex: number;
  /** The snapshot with a fresh administrator added. */
  readonly admin: FreshUser;
  /** That snapshot, compiled. */
  readonly adminSnapshot: Snapshot;
  /** The administrator's index in that snapshot's users. */
  readonly adminIndex: number;
}

/** The askers of an unreachable pair, or the violation when a snapshot does not load. */
export const unreachableAskers = (json: SnapshotJson, pair: UnreachablePair): UnreachableAskers | string => {
  const s = load(json);
  const user = userById(json, pair.userId);
  if (s === undefined || user === undefined) return 'the snapshot does not load';
  const direct = isActiveUser(user) && !userPermissionsOf(json, user).includes(ADMINISTRATOR);
  const actorIndex = (json.users ?? []).findIndex((u) => u.id === pair.userId);
  const admin = withFreshAdministrator(json);
  const adminSnapshot = load(admin.json);
  const adminIndex = (admin.json.users ?? []).findIndex((u) => u.id === admin.userId);
  if (adminSnapshot === undefined) return 'the snapshot with an administrator added does not load';
  return { s, direct, actorIndex, admin, adminSnapshot, adminIndex };
};

/** Whether a decision is the gateway's 404 for data source `id` (R-REQ-3: code 222207004 and its fixed text). */
export const expectNotFound = (d: Decision, id: number): boolean =>
  d.decision === 'deny' && d.status === 404 && d.error?.error.code === notFoundCode.dataSource && d.error.error.message.value === `There is no DataSource with that id: ${id}.`;

/** The value `codec` decodes from `value`, undefined when it does not decode. */
export const decoded = <A>(codec: t.Decoder<unknown, A>, value: unknown): A | undefined => {
  const r = codec.decode(value);
  return E.isRight(r) ? r.right : undefined;
};
