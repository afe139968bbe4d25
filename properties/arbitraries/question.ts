/**
 * Access questions over generated snapshots: a snapshot with a (user, data source, group?)
 * triple chosen to cover every route of SPEC §3 (owners, user-share and tenant-share
 * recipients, strangers, group routes, members reached through a group that does not contain
 * them), and query-channel requests (R-USE-1) built on them.
 */
import fc from 'fast-check';
import type { Channel, UseRequest } from '../../src/codec/request.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { snapshotJsonArb } from './snapshot.js';

/** A snapshot and one question: user `userId` on `dataSourceId`, through `groupId` when given. */
export interface AccessQuestion {
  readonly json: SnapshotJson;
  readonly userId: number;
  readonly dataSourceId: number;
  readonly groupId: number | undefined;
}

/** Which kind of question was picked (for coverage statistics). */
export type QuestionKind = 'owner' | 'userShare' | 'tenantShare' | 'groupRoute' | 'notMember' | 'stranger' | 'unknownDataSource' | 'unknownGroup';

/** The four query channels (R-USE-1). */
export const CHANNELS: ReadonlyArray<Channel> = ['JDBC', 'ODBC', 'OData', 'SQLEditor'];

/** An id no generated data source has (generated ids are 1..12). */
export const ABSENT_DATA_SOURCE_ID = 99;

interface Candidate {
  readonly kind: QuestionKind;
  readonly userId: number;
  readonly dataSourceId: number;
  readonly groupId: number | undefined;
}

/** Every question of interest in a snapshot, by kind. */
export const candidateQuestions = (json: SnapshotJson): ReadonlyArray<ReadonlyArray<Candidate>> => {
  const users = json.users ?? [];
  const dataSources = json.dataSources ?? [];
  const q = (kind: QuestionKind, userId: number, dataSourceId: number, groupId?: number): Candidate => ({ kind, userId, dataSourceId, groupId });
  const owners = dataSources.map((d) => q('owner', d.owner, d.id));
  const userShares = dataSources.flatMap((d) => (d.sharedUsers ?? []).map((s) => q('userShare', s.userId, d.id)));
  const tenantShares = dataSources.flatMap((d) =>
    (d.sharedTenants ?? []).flatMap((s) => users.filter((u) => u.tenantId === s.tenantId).map((u) => q('tenantShare', u.id, d.id))),
  );
  const reachers = (gid: number): ReadonlyArray<number> => {
    const g = dataSources.find((d) => d.id === gid);
    if (g === undefined) return [];
    const tenants = (g.sharedTenants ?? []).map((s) => s.tenantId);
    return [g.owner, ...(g.sharedUsers ?? []).map((s) => s.userId), ...users.filter((u) => tenants.includes(u.tenantId)).map((u) => u.id)];
  };
  const groups = dataSources.filter((d) => d.isGroup === true);
  const groupRoutes = groups.flatMap((g) => (g.members ?? []).flatMap((m) => reachers(g.id).map((uid) => q('groupRoute', uid, m.id, g.id))));
  const notMembers = dataSources.flatMap((g) =>
    dataSources.filter((d) => !(g.members ?? []).some((m) => m.id === d.id)).flatMap((d) => reachers(g.id).map((uid) => q('notMember', uid, d.id, g.id))),
  );
  const strangers = users.flatMap((u) => dataSources.map((d) => q('stranger', u.id, d.id)));
  const unknown = users.map((u) => q('unknownDataSource', u.id, ABSENT_DATA_SOURCE_ID));
  const unknownGroup = dataSources.map((d) => q('unknownGroup', d.owner, d.id, ABSENT_DATA_SOURCE_ID));
  return [owners, userShares, tenantShares, groupRoutes, notMembers, strangers, unknown, unknownGroup].filter((c) => c.length > 0);
};

/** Picks one question of a snapshot, each kind that exists about equally likely (unknown ids less often). */
export const questionOf = (json: SnapshotJson): fc.Arbitrary<AccessQuestion & { readonly kind: QuestionKind }> =>
  fc
    .oneof(
      ...candidateQuestions(json).map((list) => ({
        arbitrary: fc.constantFrom(...list),
        weight: list[0]?.kind === 'unknownDataSource' || list[0]?.kind === 'unknownGroup' ? 1 : 4,
      })),
    )
    .map((c) => ({ json, userId: c.userId, dataSourceId: c.dataSourceId, groupId: c.groupId, kind: c.kind }));

/** A generated snapshot with one question about it. */
export const accessQuestionArb: fc.Arbitrary<AccessQuestion & { readonly kind: QuestionKind }> = snapshotJsonArb.chain(questionOf);

/** How a request names its actor: by id, by name, or a user that does not exist. */
export type ActorStyle = 'id' | 'name' | 'unknownName' | 'unknownId';

/** A query-channel request for a question, with the actor named in the given style. */
export const useRequestOf = (q: AccessQuestion, via: Channel, style: ActorStyle): UseRequest => {
  const actor = style === 'id' ? { id: q.userId } : style === 'name' ? `u${q.userId}` : style === 'unknownName' ? 'nobody' : { id: 999 };
  const use = q.groupId === undefined ? { dataSource: q.dataSourceId, via } : { dataSource: q.dataSourceId, via, group: q.groupId };
  return { actor, use };
};

/** A channel. */
export const channelArb: fc.Arbitrary<Channel> = fc.constantFrom(...CHANNELS);

/** An actor style, mostly real actors. */
export const actorStyleArb: fc.Arbitrary<ActorStyle> = fc.oneof(
  { arbitrary: fc.constant<ActorStyle>('id'), weight: 4 },
  { arbitrary: fc.constant<ActorStyle>('name'), weight: 4 },
  { arbitrary: fc.constant<ActorStyle>('unknownName'), weight: 1 },
  { arbitrary: fc.constant<ActorStyle>('unknownId'), weight: 1 },
);
