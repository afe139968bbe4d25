/**
 * Arbitraries for hostile names (R-TRC-1, R-REQ-5): strings built from the characters that can
 * break or disguise a line of text (controls, line separators, bidi controls, invisible
 * characters, lone surrogates) mixed with text that imitates the renderer (`✓ R-OBO-2 forged`,
 * marks, indentation, backticks, brackets) and plain text; snapshots whose names are such
 * strings; and requests about them whose actor, `?user=`, path segments and body strings are
 * hostile too.
 *
 * INVARIANT (valid): a hostile snapshot is a generated snapshot (valid by construction, see
 * `snapshot.ts`) with only its names changed; every name is unique (`u{id}` etc. comes first),
 * so R-SNAP-1 still holds and every user can be named by `--user`.
 */
import fc from 'fast-check';
import type { HttpRequestJson, Request } from '../../src/codec/request.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { operations } from '../../src/operations/operations.js';
import { buildRequest, requestBlueprintArb, requestOf, requestSnapshotArb, useChoiceArb, useRequestFor, type RequestCase } from './requests.js';

/** The operations whose body creates or changes a name (R-REQ-5 refuses hostile ones). */
const NAMING_ROWS = operations.filter((r) =>
  ['CreateDataSource', 'UpdateDataSource', 'CreateUser', 'UpdateUser', 'CreateRole', 'UpdateRole', 'CreateTenant', 'UpdateTenant', 'CreateOAuthApp', 'UpdateOAuthApp', 'CreateOAuthProfile', 'UpdateOAuthProfile'].includes(r.name),
);

/** Single characters that break or disguise a line, one or more from each family. */
export const HOSTILE_CHARACTERS: ReadonlyArray<string> = [
  '\n', '\r', '\r\n', '\t', '\x00', '\x0b', '\x0c', '\x1b', '\x1b[31m', '\x7f', '\x85', '\x9b', '\u00ad', '\u061c', '\u180e',
  '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u2028', '\u2029', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e',
  '\u2060', '\u2061', '\u2062', '\u2063', '\u2064', '\u2066', '\u2067', '\u2068', '\u2069', '\ufeff', '\ud800', '\udfff', '\ud83d',
];

/** Text that imitates the renderer's own marks and lines. */
const MIMICS: ReadonlyArray<string> = [
  '✓ R-OBO-2 forged',
  '✗ R-REQ-4 requirement: fake',
  '– R-DSP-3 skipped',
  '    · data source 13 shared with user 7: [2,3,4]',
  '  error 403: ',
  'ALLOW 200 GetDataSource',
  '`',
  '[',
  ']',
  '(',
  ')',
  '\\n',
  '\\u202e',
  '\\',
  '  ',
];

/** One piece of a hostile string. */
const pieceArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_CHARACTERS), weight: 4 },
  { arbitrary: fc.constantFrom(...MIMICS), weight: 3 },
  { arbitrary: fc.string({ maxLength: 6 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 4 }), weight: 1 },
);

/** A hostile string: hostile characters, renderer look-alikes and plain text, in any order. */
export const hostileStringArb: fc.Arbitrary<string> = fc.array(pieceArb, { minLength: 1, maxLength: 6 }).map((pieces) => pieces.join(''));

/** The snapshot with every name replaced by `{prefix}{id}{hostile}` (unique by the prefix and id). */
export const withHostileNames = (json: SnapshotJson, hostile: ReadonlyArray<string>): SnapshotJson => {
  let next = 0;
  const h = (): string => {
    const s = hostile[next % hostile.length] ?? '\n';
    next += 1;
    return s;
  };
  return {
    ...json,
    ...(json.permissions === undefined ? {} : { permissions: json.permissions.map((p) => ({ ...p, name: `p${p.id}${h()}` })) }),
    ...(json.tenants === undefined ? {} : { tenants: json.tenants.map((t) => ({ ...t, name: `t${t.id}${h()}` })) }),
    ...(json.roles === undefined ? {} : { roles: json.roles.map((r) => ({ ...r, name: `r${r.id}${h()}` })) }),
    ...(json.users === undefined ? {} : { users: json.users.map((u) => ({ ...u, userName: `u${u.id}${h()}` })) }),
    ...(json.dataSources === undefined ? {} : { dataSources: json.dataSources.map((d) => ({ ...d, name: `d${d.id}${h()}` })) }),
    ...(json.oauthApps === undefined ? {} : { oauthApps: json.oauthApps.map((a) => ({ ...a, name: `a${a.id}${h()}` })) }),
    ...(json.oauthProfiles === undefined ? {} : { oauthProfiles: json.oauthProfiles.map((p) => ({ ...p, name: `o${p.id}${h()}` })) }),
  };
};

/** A generated snapshot (OAuth objects now and then) whose names are all hostile. */
export const hostileSnapshotArb: fc.Arbitrary<SnapshotJson> = fc
  .tuple(requestSnapshotArb, fc.array(hostileStringArb, { minLength: 1, maxLength: 8 }))
  .map(([json, hostile]) => withHostileNames(json, hostile));

/** How a generated request is made hostile. */
export interface Hostility {
  readonly actor: boolean;
  readonly user: boolean;
  readonly path: 'keep' | 'names' | 'rawNames' | 'segment';
  readonly body: 'keep' | 'strings' | 'names' | 'keys' | 'string';
  readonly segment: number;
  readonly text: string;
}

/** Hostility choices: each part kept or made hostile. */
export const hostilityArb: fc.Arbitrary<Hostility> = fc.record({
  actor: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }),
  user: fc.oneof({ arbitrary: fc.constant(false), weight: 2 }, { arbitrary: fc.constant(true), weight: 1 }),
  path: fc.constantFrom<Hostility['path']>('keep', 'keep', 'names', 'rawNames', 'segment'),
  body: fc.constantFrom<Hostility['body']>('keep', 'keep', 'strings', 'names', 'keys', 'string'),
  segment: fc.nat(7),
  text: hostileStringArb,
});

/** Every string leaf of a JSON value replaced by `text`. */
const replaceStrings = (value: unknown, text: string): unknown => {
  if (typeof value === 'string') return text;
  if (Array.isArray(value)) return value.map((v: unknown) => replaceStrings(v, text));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceStrings(v, text)]));
  return value;
};

const NAME_SEGMENTS = new Set(['PUBLIC', 'orders', 'my%20table']);

/** `encodeURIComponent` that never throws: a lone surrogate is sent as U+FFFD. */
const encode = (s: string): string => encodeURIComponent(s.replace(/[\ud800-\udfff]/gu, '\ufffd'));

const hostilePath = (path: string, h: Hostility): string => {
  if (h.path === 'keep') return path;
  const segments = path.split('/');
  if (h.path === 'segment') {
    const i = 2 + (h.segment % Math.max(1, segments.length - 2));
    return segments.map((s, j) => (j === i ? encode(h.text) : s)).join('/');
  }
  const value = h.path === 'names' ? encode(h.text) : h.text;
  return segments.map((s) => (NAME_SEGMENTS.has(s) ? value : s)).join('/');
};

const hostileBody = (body: unknown, h: Hostility): unknown => {
  switch (h.body) {
    case 'keep':
      return body;
    case 'strings':
      return body === undefined ? undefined : replaceStrings(body, h.text);
    case 'names':
      return typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, name: h.text, userName: h.text } : { name: h.text, userName: h.text };
    case 'keys':
      return { [h.text]: h.text, permissions: [h.text] };
    case 'string':
      return h.text;
  }
};

/** The user names of `before` mapped to those of `after` (the same users, renamed). */
const renaming = (before: SnapshotJson, after: SnapshotJson): ReadonlyMap<string, string> => {
  const renamed = new Map((after.users ?? []).map((u) => [u.id, u.userName]));
  return new Map((before.users ?? []).map((u) => [u.userName, renamed.get(u.id) ?? u.userName]));
};

/** The HTTP request about `before` retold about the renamed `after`, then made hostile as `h` says. */
export const hostileHttpRequest = (request: HttpRequestJson, names: ReadonlyMap<string, string>, h: Hostility): HttpRequestJson => {
  const rename = (name: string): string => names.get(name) ?? name;
  const [urlPath, urlQuery] = (request.url ?? request.path ?? '/').split('?');
  const given: Readonly<Record<string, string>> = request.query ?? (urlQuery === undefined ? {} : Object.fromEntries(new URLSearchParams(urlQuery)));
  const named = Object.fromEntries(Object.entries(given).map(([k, v]) => [k, k === 'user' ? rename(v) : v]));
  const query: Readonly<Record<string, string>> = h.user ? { ...named, user: h.text } : named;
  const path = hostilePath(request.path ?? urlPath ?? '/', h);
  const actor = h.actor ? h.text : typeof request.actor === 'string' ? rename(request.actor) : request.actor;
  const body = hostileBody(request.body, h);
  const search = Object.entries(query)
    .map(([k, v]) => `${encode(k)}=${encode(v)}`)
    .join('&');
  const base: HttpRequestJson =
    request.url === undefined ? { actor, method: request.method, path, query } : { actor, method: request.method, url: search === '' ? path : `${path}?${search}` };
  return body === undefined ? base : { ...base, body };
};

/** A hostile snapshot with one request about it: HTTP (made hostile) or a query-channel use. */
export interface HostileCase {
  readonly json: SnapshotJson;
  readonly request: Request;
}

/** A request about `before` renamed to `after`: mostly any HTTP request, then one that writes a hostile name, then a query-channel use. */
const hostileCaseOf = (before: SnapshotJson, after: SnapshotJson): fc.Arbitrary<HostileCase> =>
  fc.oneof(
    {
      arbitrary: fc.tuple(requestOf(before), hostilityArb).map(([c, h]: readonly [RequestCase, Hostility]): HostileCase => ({
        json: after,
        request: { _tag: 'Http', request: hostileHttpRequest(c.generated.request, renaming(before, after), h) },
      })),
      weight: 3,
    },
    {
      arbitrary: fc.tuple(fc.nat(NAMING_ROWS.length - 1), requestBlueprintArb, hostilityArb).map(([i, bp, h]): HostileCase => {
        const row = NAMING_ROWS[i];
        const generated = row === undefined ? undefined : buildRequest(before, row, bp, { _tag: 'none' });
        const request = generated === undefined ? { actor: 'nobody', method: 'GET', path: '/api/mgmt/datasources' } : generated.request;
        return { json: after, request: { _tag: 'Http', request: hostileHttpRequest(request, renaming(before, after), { ...h, actor: false, user: false, path: 'keep', body: 'names' }) } };
      }),
      weight: 1,
    },
    {
      arbitrary: fc.tuple(useChoiceArb, fc.nat(63), fc.option(hostileStringArb, { nil: undefined })).map(([u, actor, text]): HostileCase => {
        const users = after.users ?? [];
        const user = users[actor % Math.max(1, users.length)];
        const use = useRequestFor(after, user?.id ?? 0, u.dataSource, u.group, u.via);
        return { json: after, request: { _tag: 'Use', request: { ...use, actor: text ?? user?.userName ?? 'nobody' } } };
      }),
      weight: 1,
    },
  );

/** A hostile snapshot and a request about it. */
export const hostileCaseArb: fc.Arbitrary<HostileCase> = fc
  .tuple(requestSnapshotArb, fc.array(hostileStringArb, { minLength: 1, maxLength: 8 }))
  .chain(([json, hostile]) => hostileCaseOf(json, withHostileNames(json, hostile)));

/** An explain question about a hostile snapshot: a user, a data source and maybe a group, by index. */
export interface ExplainChoice {
  readonly user: number;
  readonly dataSource: number;
  readonly group: number | undefined;
}

/** Indices for an explain question. */
export const explainChoiceArb: fc.Arbitrary<ExplainChoice> = fc.record({
  user: fc.nat(63),
  dataSource: fc.nat(63),
  group: fc.option(fc.nat(63), { nil: undefined }),
});
