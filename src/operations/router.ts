/**
 * Routing (R-REQ-1): method + path + query to a row of the operation table, with its path
 * parameters parsed, or the reason there is none (404 unknown route, 400 non-integer id).
 *
 * The table is compiled once, at module load, into one segment trie per method. A request
 * walks the trie once: at each segment a literal child is tried first, then the parameter
 * child, then a `**` tail, backtracking only when a branch dead-ends. Precedence is thus by
 * shape (literal over parameter over tail), never by row order. Parameters are checked for
 * type only after the shape matched, so `/api/mgmt/datasources/abc` is a bad id (400), not an
 * unknown route (404).
 *
 * The router does not judge `?user=` (R-OBO-1 is the decider's, using `spec.obo`); it exposes
 * it as `onBehalfOf`, and refuses only a `user` given more than once, which names no single
 * subject (`RepeatedParameter`, R-OBO-1).
 */
import * as E from 'fp-ts/lib/Either.js';
import { httpMethods, operations, stringPathParams, type HttpMethod, type OperationName, type OperationSpec } from './operations.js';

/** The integer id path parameter of a routed request (defined in `rules/params.ts`, with the rules that read it). */
export { idParam } from '../rules/params.js';

/** What the router needs from a request. */
export interface RouteRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Query parameter names the caller's own URL parsing found more than once (`parseUrl(…).repeated`). */
  readonly repeated?: ReadonlyArray<string> | undefined;
}

/** A request matched to an operation: the row, its path parameters and the `?user=` value. */
export interface RoutedOperation {
  readonly spec: OperationSpec;
  /** Integer ids as numbers; `{schema}` and `{table}` as (percent-decoded) strings. */
  readonly params: Readonly<Record<string, number | string>>;
  /** The `user` query parameter, if present (R-OBO-1). */
  readonly onBehalfOf: string | undefined;
}

/** Why a request has no operation: no route (404) or a path id that is not an integer (400) (R-REQ-1). */
export type RouteError =
  | { readonly _tag: 'UnknownRoute'; readonly method: string; readonly path: string }
  | { readonly _tag: 'BadPathId'; readonly param: string; readonly value: string; readonly operation: OperationName }
  /** R-OBO-1: `?user=` given more than once (400); reported once the route is known. */
  | { readonly _tag: 'RepeatedParameter'; readonly param: 'user'; readonly operation: OperationName };

/** A URL split into its path and its decoded query parameters. */
export interface ParsedUrl {
  readonly path: string;
  /** For a repeated key, the first value. */
  readonly query: Readonly<Record<string, string>>;
  /** The keys given more than once, in order of first repetition; absent when there is none (R-OBO-1). */
  readonly repeated?: ReadonlyArray<string>;
}

// ---------------------------------------------------------------------------------------------
// URL parsing

const schemeAndAuthority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/;

/** Decoded query parameters (for a repeated key the first value wins) and the keys given more than once. */
const parseQuery = (search: string): { readonly query: Readonly<Record<string, string>>; readonly repeated: ReadonlyArray<string> } => {
  const entries: Array<readonly [string, string]> = [];
  const seen = new Set<string>();
  const repeated: string[] = [];
  // nothing to decode (no `%`, no `+`): split by hand, the same pairs URLSearchParams gives, faster
  const pairs: Iterable<readonly [string, string]> =
    // Stryker disable next-line ConditionalExpression: always taking URLSearchParams is equivalent (the spec "query parsing agrees with URLSearchParams" checks it)
    search.includes('%') || search.includes('+')
      ? new URLSearchParams(search)
      : search
          .split('&')
          .filter((part) => part !== '')
          .map((part) => {
            const eq = part.indexOf('=');
            return eq === -1 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
          });
  for (const [key, value] of pairs) {
    if (seen.has(key)) {
      if (!repeated.includes(key)) repeated.push(key);
      continue;
    }
    seen.add(key);
    entries.push([key, value]);
  }
  // Object.fromEntries defines own properties, so a `__proto__` key never reaches the prototype
  return { query: Object.fromEntries(entries), repeated };
};

/** Splits a relative (`/api/…?user=x`) or absolute (`https://host/api/…`) URL into path and decoded query. */
export const parseUrl = (url: string): ParsedUrl => {
  const hash = url.indexOf('#');
  const withoutFragment = hash === -1 ? url : url.slice(0, hash);
  const withoutOrigin = withoutFragment.replace(schemeAndAuthority, '');
  const question = withoutOrigin.indexOf('?');
  const rawPath = question === -1 ? withoutOrigin : withoutOrigin.slice(0, question);
  const search = question === -1 ? '' : withoutOrigin.slice(question + 1);
  const { query, repeated } = parseQuery(search);
  const path = rawPath === '' ? '/' : rawPath;
  return repeated.length === 0 ? { path, query } : { path, query, repeated };
};

// ---------------------------------------------------------------------------------------------
// The compiled trie

interface Capture {
  readonly index: number;
  readonly name: string;
  readonly kind: 'integer' | 'string';
}

interface CompiledRoute {
  readonly spec: OperationSpec;
  readonly captures: ReadonlyArray<Capture>;
}

interface TrieNode {
  readonly literals: ReadonlyMap<string, TrieNode>;
  /** The same literals as a list, for matching in place against a path without cutting it. */
  readonly literalList: ReadonlyArray<readonly [string, TrieNode]>;
  readonly param: TrieNode | undefined;
  /** The route whose pattern ends exactly here. */
  readonly route: CompiledRoute | undefined;
  /** The route whose pattern ends here with `**` (this node and anything below it). */
  readonly tail: CompiledRoute | undefined;
}

const parameterName = (segment: string): string | undefined =>
  segment.length > 2 && segment.startsWith('{') && segment.endsWith('}') ? segment.slice(1, -1) : undefined;

const compile = (spec: OperationSpec): CompiledRoute => ({
  spec,
  captures: spec.path
    .split('/')
    .slice(1)
    .flatMap((segment, index) => {
      const name = parameterName(segment);
      return name === undefined ? [] : [{ index, name, kind: stringPathParams.has(name) ? 'string' : 'integer' }];
    }),
});

/** A route still to place, with the pattern segments below the node being built. */
interface Pending {
  readonly route: CompiledRoute;
  readonly rest: ReadonlyArray<string>;
}

// When two rows have the same shape the first in table order is kept (`find`);
// spec/operations checks that there are none.
const buildNode = (pending: ReadonlyArray<Pending>): TrieNode => {
  const byLiteral = new Map<string, Array<Pending>>();
  const underParam: Array<Pending> = [];
  for (const { route, rest } of pending) {
    const [head, ...below] = rest;
    if (head === undefined || head === '**') continue;
    if (parameterName(head) !== undefined) {
      underParam.push({ route, rest: below });
    } else {
      byLiteral.set(head, [...(byLiteral.get(head) ?? []), { route, rest: below }]);
    }
  }
  const literals = new Map([...byLiteral].map(([literal, routes]) => [literal, buildNode(routes)]));
  return {
    literals,
    literalList: [...literals],
    param: underParam.length === 0 ? undefined : buildNode(underParam),
    route: pending.find((p) => p.rest.length === 0)?.route,
    tail: pending.find((p) => p.rest[0] === '**')?.route,
  };
};

// INVARIANT (built once): one trie per method, built at module load from the table and never changed.
const tries: ReadonlyMap<string, TrieNode> = new Map(
  httpMethods.map((method) => [
    method,
    buildNode(operations.filter((spec) => spec.method === method).map((spec) => ({ route: compile(spec), rest: spec.path.split('/').slice(1) }))),
  ]),
);

/**
 * The segments of a path as character ranges: segment `k` is `path.slice(starts[k], ends[k])`.
 * Matching compares literals in place (`startsWith` at an offset), so no segment string is cut.
 */
interface Segments {
  readonly starts: ReadonlyArray<number>;
  readonly ends: ReadonlyArray<number>;
  /** The first segment under `/api`, and one past the last (without one trailing slash). */
  readonly first: number;
  readonly end: number;
}

const SLASH = 47;

const segmentsOf = (path: string): Segments => {
  const starts: number[] = [];
  const ends: number[] = [];
  // a path without its leading slash is read as if it had one
  const firstStart = path.charCodeAt(0) === SLASH ? 1 : 0;
  let start = firstStart;
  for (let i = start; i <= path.length; i += 1) {
    if (i === path.length || path.charCodeAt(i) === SLASH) {
      starts.push(start);
      ends.push(i);
      start = i + 1;
    }
  }
  // the loop always records a first segment, starting at `firstStart`
  const first = ends[0] === firstStart + 3 && path.startsWith('api', firstStart) ? 1 : 0;
  const last = starts.length - 1;
  const end = starts.length > first && (starts[last] ?? 0) === (ends[last] ?? 0) ? last : starts.length;
  return { starts, ends, first, end };
};

const match = (node: TrieNode, path: string, seg: Segments, i: number): CompiledRoute | undefined => {
  if (i >= seg.end) return node.route ?? node.tail;
  const start = seg.starts[i] ?? 0;
  const length = (seg.ends[i] ?? 0) - start;
  for (const [literal, child] of node.literalList) {
    if (literal.length === length && path.startsWith(literal, start)) {
      const found = match(child, path, seg, i + 1);
      if (found !== undefined) return found;
      break; // literals are distinct: no other can match this segment
    }
  }
  if (node.param !== undefined && length > 0) {
    const found = match(node.param, path, seg, i + 1);
    if (found !== undefined) return found;
  }
  return node.tail;
};

// ---------------------------------------------------------------------------------------------
// Routing

const methodOf = (method: string): HttpMethod | undefined => {
  const upper = method.toUpperCase();
  return httpMethods.find((m) => m === upper);
};

/** The integer that `path[start, end)` spells (optional `-`, at most 16 decimal digits), or undefined. */
const integerOf = (path: string, start: number, end: number): number | undefined => {
  const sign = path.charCodeAt(start) === 45 ? 1 : 0; // '-'
  const digits = end - start - sign;
  if (digits <= 0 || digits > 16) return undefined;
  let value = 0;
  for (let i = start + sign; i < end; i += 1) {
    const digit = path.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  if (!Number.isSafeInteger(value)) return undefined;
  return sign === 1 ? -value : value;
};

const decodeSegment = (segment: string): string => {
  // Stryker disable next-line ConditionalExpression: a shortcut; decodeURIComponent leaves a segment without `%` unchanged
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // malformed escapes are kept as written
  }
};

/**
 * Routes a request to its operation (R-REQ-1): 404 `UnknownRoute` when nothing matches, 400
 * `BadPathId` for a non-integer id, 400 `RepeatedParameter` when `user` is given more than once
 * in the query written into the path or in `request.repeated` (R-OBO-1).
 */
export const route = (request: RouteRequest): E.Either<RouteError, RoutedOperation> => {
  // a query written into the path is honoured, so that `?user=` is never silently dropped;
  // the explicit `query` wins over it
  const question = request.path.indexOf('?');
  // Stryker disable next-line ConditionalExpression,UnaryOperator: a shortcut; parseUrl of a path without `?` gives the path and no parameters
  const fromPath = question === -1 ? undefined : parseUrl(request.path);
  const path = fromPath === undefined ? request.path : fromPath.path;
  const query = fromPath === undefined ? request.query : { ...fromPath.query, ...request.query };

  const trie = tries.get(request.method) ?? tries.get(methodOf(request.method) ?? '');
  const seg = segmentsOf(path);
  const found = trie === undefined ? undefined : match(trie, path, seg, seg.first);
  if (found === undefined) return E.left({ _tag: 'UnknownRoute', method: request.method.toUpperCase(), path: request.path });

  const params: Record<string, number | string> = {};
  for (const capture of found.captures) {
    const start = seg.starts[seg.first + capture.index] ?? 0;
    const end = seg.ends[seg.first + capture.index] ?? 0;
    if (capture.kind === 'string') {
      params[capture.name] = decodeSegment(path.slice(start, end));
      continue;
    }
    const id = integerOf(path, start, end);
    if (id === undefined) return E.left({ _tag: 'BadPathId', param: capture.name, value: path.slice(start, end), operation: found.spec.name });
    params[capture.name] = id;
  }
  // R-OBO-1: a `user` parameter given more than once names no single subject
  if (fromPath?.repeated?.includes('user') === true || request.repeated?.includes('user') === true) {
    return E.left({ _tag: 'RepeatedParameter', param: 'user', operation: found.spec.name });
  }
  const onBehalfOf = Object.hasOwn(query, 'user') ? query['user'] : undefined;
  return E.right({ spec: found.spec, params, onBehalfOf });
};
