/**
 * Codecs for the AuthZEN Authorization API 1.0 payloads (issue 9): subjects, resources, actions,
 * the evaluation, evaluations and search requests. The only AuthZEN code that sees `unknown`.
 * Unknown fields are ignored (the specification's forward compatibility), so no codec is exact;
 * every problem keeps the JSON path of the offending value.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { at, preview, problem, problemsFromErrors, type Problem } from '../../codec/problem.js';
import { QueryCodec } from '../../codec/request.js';

/** A JSON object (properties, contexts): any object, not an array. */
const JsonObject = new t.Type<{ readonly [key: string]: unknown }, { readonly [key: string]: unknown }, unknown>(
  'object',
  (u): u is { readonly [key: string]: unknown } => typeof u === 'object' && u !== null && !Array.isArray(u),
  (u, c) => (typeof u === 'object' && u !== null && !Array.isArray(u) ? t.success(u as { readonly [key: string]: unknown }) : t.failure(u, c, `expected an object, got \`${preview(u)}\``)),
  (a) => a,
);

/** A group id in `resource.properties.group`: a string of digits or an integer. */
const GroupRef = new t.Type<string, string, unknown>(
  'GroupRef',
  (u): u is string => typeof u === 'string',
  (u, c) =>
    typeof u === 'string' ? t.success(u) : typeof u === 'number' && Number.isSafeInteger(u) && u >= 0 ? t.success(String(u)) : t.failure(u, c, 'expected a data source id (a string or an integer)'),
  (a) => a,
);

/** A subject: only users (`{"type": "user", "id": "<userName>"}`). */
export const SubjectCodec = t.intersection([t.type({ type: t.literal('user'), id: t.string }), t.partial({ properties: JsonObject })], 'Subject');

/** A subject of a subject search: the `id` is ignored. */
export const SubjectTypeCodec = t.type({ type: t.literal('user') }, 'SubjectType');

/** A resource: a data source (`{"type": "datasource", "id": "<id>"}`), optionally through a group (`properties.group`). */
export const ResourceCodec = t.intersection(
  [t.type({ type: t.literal('datasource'), id: t.string }), t.partial({ properties: t.intersection([JsonObject, t.partial({ group: GroupRef })]) })],
  'Resource',
);

/** A resource of a resource search: the `id` is ignored. */
export const ResourceTypeCodec = t.type({ type: t.literal('datasource') }, 'ResourceType');

/** An action: a permission name of the catalog or an operation name of SPEC §5. */
export const ActionCodec = t.intersection([t.type({ name: t.string }), t.partial({ properties: JsonObject })], 'Action');

/** The context of an operation action: the HTTP request the subject would make. */
export const OperationContextCodec = t.intersection([t.type({ method: t.string, path: t.string }), t.partial({ query: QueryCodec, body: t.unknown })], 'OperationContext');

/** A page request of a search. */
export const PageCodec = t.partial({ token: t.string, limit: t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, 'a non-negative integer') }, 'Page');

/** The evaluation semantics of `options.evaluations_semantic`. */
export const SemanticCodec = t.keyof({ execute_all: null, deny_on_first_deny: null, permit_on_first_permit: null }, 'EvaluationsSemantic');

/** A subject as decoded. */
export type Subject = t.TypeOf<typeof SubjectCodec>;
/** A resource as decoded. */
export type Resource = t.TypeOf<typeof ResourceCodec>;
/** An action as decoded. */
export type Action = t.TypeOf<typeof ActionCodec>;
/** A context: any object. */
export type Context = { readonly [key: string]: unknown };
/** The request of an operation action, from `context`. */
export type OperationContext = t.TypeOf<typeof OperationContextCodec>;
/** A page request. */
export type PageJson = t.TypeOf<typeof PageCodec>;
/** An evaluation semantic. */
export type Semantic = t.TypeOf<typeof SemanticCodec>;

/** One evaluation, decoded: the four parts and where the context came from (for the paths of its problems). */
export interface Evaluation {
  readonly subject: Subject;
  readonly action: Action;
  readonly resource: Resource;
  readonly context: Context | undefined;
  /** The JSON path of the context used (`$.context` or `$.evaluations[2].context`). */
  readonly contextPath: string;
}

/** An evaluations request, decoded: the items (defaults applied) and the semantic. */
export interface Evaluations {
  /** `false` when `evaluations` is absent or empty: the request is a single evaluation. */
  readonly batch: boolean;
  readonly items: ReadonlyArray<Evaluation>;
  readonly semantic: Semantic;
}

type Decoded<A> = E.Either<ReadonlyArray<Problem>, A>;

const isObject = (u: unknown): u is { readonly [key: string]: unknown } => typeof u === 'object' && u !== null && !Array.isArray(u);

/** Decodes `value` at `path` with `codec`; problems carry the path. */
export const decodeAt = <A>(codec: t.Decoder<unknown, A>, value: unknown, path: string): Decoded<A> => {
  if (value === undefined) return E.left([problem(path, `missing required field (expected ${codec.name})`)]);
  const r = codec.decode(value);
  return E.isRight(r) ? E.right(r.right) : E.left(problemsFromErrors(r.left, path));
};

/** The body as an object, or the problem at `$`. */
export const bodyObject = (body: unknown): Decoded<{ readonly [key: string]: unknown }> =>
  isObject(body) ? E.right(body) : E.left([problem('$', 'expected a JSON object')]);

/** Collects the problems of several decodings (all of them, never the first only). */
export const problemsOf = (...results: ReadonlyArray<Decoded<unknown>>): ReadonlyArray<Problem> => results.flatMap((r) => (E.isLeft(r) ? r.left : []));

const optionalContext = (value: unknown, path: string): Decoded<Context | undefined> => (value === undefined ? E.right(undefined) : decodeAt(JsonObject, value, path));

/** Where each part of an evaluation comes from: the item's own field replaces the default whole. */
const pick = (item: { readonly [key: string]: unknown } | undefined, itemPath: string, defaults: { readonly [key: string]: unknown }, key: string): { readonly value: unknown; readonly path: string } =>
  item !== undefined && item[key] !== undefined ? { value: item[key], path: at(itemPath, key) } : { value: defaults[key], path: at('$', key) };

const evaluationOf = (defaults: { readonly [key: string]: unknown }, item: { readonly [key: string]: unknown } | undefined, itemPath: string): Decoded<Evaluation> => {
  const s = pick(item, itemPath, defaults, 'subject');
  const a = pick(item, itemPath, defaults, 'action');
  const r = pick(item, itemPath, defaults, 'resource');
  const c = pick(item, itemPath, defaults, 'context');
  const subject = decodeAt(SubjectCodec, s.value, s.path);
  const action = decodeAt(ActionCodec, a.value, a.path);
  const resource = decodeAt(ResourceCodec, r.value, r.path);
  const context = optionalContext(c.value, c.path);
  if (E.isRight(subject) && E.isRight(action) && E.isRight(resource) && E.isRight(context)) {
    return E.right({ subject: subject.right, action: action.right, resource: resource.right, context: context.right, contextPath: c.path });
  }
  return E.left(problemsOf(subject, action, resource, context));
};

/** Decodes an Access Evaluation request `{subject, action, resource, context?}`. */
export const decodeEvaluation = (body: unknown): Decoded<Evaluation> => E.chain((o: { readonly [key: string]: unknown }) => evaluationOf(o, undefined, '$'))(bodyObject(body));

/** Decodes an Access Evaluations request: top-level parts are defaults, each item's parts replace them whole. */
export const decodeEvaluations = (body: unknown): Decoded<Evaluations> => {
  const obj = bodyObject(body);
  if (E.isLeft(obj)) return obj;
  const o = obj.right;
  const options = o['options'] === undefined ? E.right(undefined) : decodeAt(JsonObject, o['options'], '$.options');
  const semantic: Decoded<Semantic> =
    E.isRight(options) && options.right !== undefined && options.right['evaluations_semantic'] !== undefined
      ? decodeAt(SemanticCodec, options.right['evaluations_semantic'], '$.options.evaluations_semantic')
      : E.right('execute_all');
  const list = o['evaluations'];
  if (list !== undefined && !Array.isArray(list)) return E.left([...problemsOf(options, semantic), problem('$.evaluations', 'expected an array of evaluations')]);
  const items: ReadonlyArray<unknown> = list ?? [];
  if (items.length === 0) {
    const single = evaluationOf(o, undefined, '$');
    const problems = problemsOf(options, semantic, single);
    return problems.length > 0 || E.isLeft(single) || E.isLeft(semantic) ? E.left(problems) : E.right({ batch: false, items: [single.right], semantic: semantic.right });
  }
  const decoded = items.map((item, i) => {
    const path = `$.evaluations[${i}]`;
    return isObject(item) ? evaluationOf(o, item, path) : E.left([problem(path, 'expected an evaluation object')]);
  });
  const problems = problemsOf(options, semantic, ...decoded);
  if (problems.length > 0 || E.isLeft(semantic)) return E.left(problems);
  return E.right({ batch: true, items: decoded.flatMap((d) => (E.isRight(d) ? [d.right] : [])), semantic: semantic.right });
};

/** A search request, decoded: what the endpoint reads (ids a search ignores are not decoded). */
export interface SearchRequest {
  readonly subject: Subject | undefined;
  readonly action: Action | undefined;
  readonly resource: Resource | undefined;
  readonly page: PageJson;
}

/** Which search: subject (who-can), resource (what-can) or action (effective permissions). */
export type SearchKind = 'subject' | 'resource' | 'action';

/** Decodes a search request of `kind`: search/subject ignores `subject.id`, search/resource `resource.id`; search/action has no action. */
export const decodeSearch = (kind: SearchKind, body: unknown): Decoded<SearchRequest> => {
  const obj = bodyObject(body);
  if (E.isLeft(obj)) return obj;
  const o = obj.right;
  const subject = kind === 'subject' ? E.map(() => undefined)(decodeAt(SubjectTypeCodec, o['subject'], '$.subject')) : decodeAt(SubjectCodec, o['subject'], '$.subject');
  const action = kind === 'action' ? E.right(undefined) : decodeAt(ActionCodec, o['action'], '$.action');
  const resource = kind === 'resource' ? E.map(() => undefined)(decodeAt(ResourceTypeCodec, o['resource'], '$.resource')) : decodeAt(ResourceCodec, o['resource'], '$.resource');
  const context = optionalContext(o['context'], '$.context');
  const page = o['page'] === undefined ? E.right({}) : decodeAt(PageCodec, o['page'], '$.page');
  const problems = problemsOf(subject, action, resource, context, page);
  if (problems.length > 0 || E.isLeft(subject) || E.isLeft(action) || E.isLeft(resource) || E.isLeft(page)) return E.left(problems);
  return E.right({ subject: subject.right, action: action.right, resource: resource.right, page: page.right });
};

/** The JSON inside a page token (D-ZEN-5): a digest of the query and the last key given. */
export const TokenCodec = t.type({ q: t.string, after: t.string }, 'PageToken');
