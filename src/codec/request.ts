/**
 * Codecs for requests (SPEC §4): HTTP requests to the management API and query-channel
 * requests (R-USE-1). A request is recognised by its `use` field.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { problem, problemsFromErrors, type Problem } from './problem.js';
import { Id } from './primitives.js';

/** Who sends a request: a user name, or `{"id": n}`. */
export type ActorRef = string | { readonly id: number };

/** The actor of a request: a user name or `{id}`. */
export const ActorCodec = new t.Type<ActorRef, ActorRef, unknown>(
  'Actor',
  (u): u is ActorRef => typeof u === 'string' || (typeof u === 'object' && u !== null && 'id' in u && Id.is((u as { readonly id: unknown }).id)),
  (u, c) => {
    if (typeof u === 'string') return t.success(u);
    if (typeof u === 'object' && u !== null && !Array.isArray(u) && 'id' in u) {
      const id: unknown = (u as { readonly id: unknown }).id;
      if (Id.is(id)) return t.success({ id });
    }
    return t.failure(u, c, 'expected a user name or `{"id": n}`');
  },
  (a) => a,
);

/** The channel of a query (R-USE-1). */
export const ChannelCodec = t.keyof({ JDBC: null, ODBC: null, OData: null, SQLEditor: null }, 'Channel');

/** A query-channel request `{actor, use: {dataSource, via, group?}}`. */
export const UseRequestCodec = t.exact(
  t.type({
    actor: ActorCodec,
    use: t.exact(t.intersection([t.type({ dataSource: Id, via: ChannelCodec }), t.partial({ group: Id })])),
  }),
  'UseRequest',
);

/** A query string: names to single values. */
export const QueryCodec = t.record(t.string, t.string, 'Query');

/** An HTTP request `{actor, method, path, query?, body?}` or `{actor, method, url, body?}`. */
export const HttpRequestCodec = t.exact(
  t.intersection([
    t.type({ actor: ActorCodec, method: t.string }),
    t.partial({ path: t.string, url: t.string, query: QueryCodec, body: t.unknown }),
  ]),
  'HttpRequest',
);

/** A query-channel request. */
export type UseRequest = t.TypeOf<typeof UseRequestCodec>;
/** A query channel. */
export type Channel = t.TypeOf<typeof ChannelCodec>;
/** An HTTP request as decoded. */
export type HttpRequestJson = t.TypeOf<typeof HttpRequestCodec>;

/** A request: an HTTP call or a query-channel use. */
export type Request = { readonly _tag: 'Use'; readonly request: UseRequest } | { readonly _tag: 'Http'; readonly request: HttpRequestJson };

/** Decodes one request; never throws; problems carry paths under `root`. */
export const decodeRequest = (u: unknown, root = '$'): E.Either<ReadonlyArray<Problem>, Request> => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return E.left([problem(root, 'expected a request object')]);
  if ('use' in u) {
    const r = UseRequestCodec.decode(u);
    return E.isRight(r) ? E.right({ _tag: 'Use', request: r.right }) : E.left(problemsFromErrors(r.left, root));
  }
  const r = HttpRequestCodec.decode(u);
  if (E.isLeft(r)) return E.left(problemsFromErrors(r.left, root));
  if (r.right.path === undefined && r.right.url === undefined) return E.left([problem(root, 'expected `path` or `url`')]);
  return E.right({ _tag: 'Http', request: r.right });
};

/** Decodes a single request or an array of them; problems of every element are reported. */
export const decodeRequests = (u: unknown): E.Either<ReadonlyArray<Problem>, { readonly many: boolean; readonly requests: ReadonlyArray<Request> }> => {
  if (!Array.isArray(u)) return E.map((r: Request) => ({ many: false, requests: [r] }))(decodeRequest(u));
  const problems: Problem[] = [];
  const requests: Request[] = [];
  u.forEach((item: unknown, i) => {
    const r = decodeRequest(item, `$[${i}]`);
    if (E.isLeft(r)) problems.push(...r.left);
    else requests.push(r.right);
  });
  return problems.length > 0 ? E.left(problems) : E.right({ many: true, requests });
};
