import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/commands.js';
import { SafeName } from '../../src/codec/payloads.js';
import { decideHttp } from '../../src/decide/http.js';
import { codePointName, escapeText, firstUnsafeCharacter, isUnsafeCodePoint, jsonText } from '../../src/codec/escape.js';
import { decisionSummary, decisionToText, traceToText } from '../../src/render/render.js';
import { example, exampleJson, load } from '../helpers.js';

const FORGED = 'evil\n✓ R-OBO-2 forged line';

/** The example snapshot with SQLUser (1297) renamed to `name`. */
const withSqlUserNamed = (name: string) => {
  const json = exampleJson();
  if (typeof json !== 'object' || json === null || !('users' in json) || !Array.isArray(json.users)) throw new Error('unexpected example');
  const users: ReadonlyArray<unknown> = json.users;
  return { ...json, users: users.map((u) => (typeof u === 'object' && u !== null && 'id' in u && u.id === 1297 ? { ...u, userName: name } : u)) };
};

/** Every code point of the unsafe set (R-TRC-1), one representative or more of each range. */
const UNSAFE: ReadonlyArray<number> = [
  0x00, 0x07, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9f, 0xad, 0x061c, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2028, 0x2029,
  0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff, 0xd800, 0xdfff, 0xe0041,
];

describe('escapeText (R-TRC-1)', () => {
  it('R-TRC-1 renders the forged name of the issue on one line with `\\n` visible', () => {
    expect(escapeText(FORGED)).toBe('evil\\n✓ R-OBO-2 forged line');
    expect(escapeText(FORGED).split('\n')).toHaveLength(1);
  });

  it('R-TRC-1 shows a bidi override as `\\u202e` and a line separator as `\\u2028`', () => {
    expect(escapeText('abc\u202edef')).toBe('abc\\u202edef');
    expect(escapeText('a\u2028b\u2029c')).toBe('a\\u2028b\\u2029c');
  });

  it('R-TRC-1 returns plain names unchanged, the same string', () => {
    for (const plain of ['SQLUser', 'OData_Sales', 'my table', 'Zoë 😀 [x] `y`', '']) expect(escapeText(plain)).toBe(plain);
  });

  it('R-TRC-1 doubles backslashes so a name cannot fake an escape', () => {
    expect(escapeText('a\\nb')).toBe('a\\\\nb');
    expect(escapeText('a\\nb')).not.toBe(escapeText('a\nb'));
  });

  it('R-TRC-1 escapes every character of the unsafe set and leaves a paired surrogate alone', () => {
    for (const cp of UNSAFE) {
      const s = `x${String.fromCodePoint(cp)}y`;
      expect(isUnsafeCodePoint(cp)).toBe(true);
      const escaped = escapeText(s);
      expect(escaped).not.toBe(s);
      expect(firstUnsafeCharacter(escaped)).toBeUndefined();
    }
    expect(escapeText('\ud83d\ude00')).toBe('😀');
    expect(escapeText('x\ud83dy')).toBe('x\\ud83dy');
    expect(escapeText('tag\u{e0041}')).toBe('tag\\u{e0041}');
    expect(escapeText('\t\r\x1b\x7f\x85')).toBe('\\t\\r\\u001b\\u007f\\u0085');
  });

  it('names the first unsafe code point', () => {
    expect(firstUnsafeCharacter(FORGED)).toBe('U+000A (line feed)');
    expect(firstUnsafeCharacter('a\u202eb\n')).toBe('U+202E (right-to-left override)');
    expect(firstUnsafeCharacter('plain')).toBeUndefined();
    expect(codePointName(0xd800)).toBe('lone surrogate');
  });

  it('jsonText is valid JSON for the same value, with no unsafe character', () => {
    const value = { name: `a\u2028b\u202e${FORGED}\u{e0041}\x7f`, n: [1, 'x\ud800'] };
    const text = jsonText(value);
    expect(JSON.parse(text)).toEqual(value);
    expect(firstUnsafeCharacter(text)).toBeUndefined();
    expect(jsonText({ plain: 'ok' })).toBe(JSON.stringify({ plain: 'ok' }));
  });
});

describe('text renderings of hostile names (R-TRC-1)', () => {
  const s = load(withSqlUserNamed(FORGED));
  const d = decideHttp(s, { actor: FORGED, method: 'GET', path: '/api/mgmt/datasources/13' });

  it('R-TRC-1 a user named with a forged step line stays inside its own line in decisionToText, decisionSummary and traceToText', () => {
    const lines = decisionToText(d).split('\n');
    expect(lines[0]).toContain('`evil\\n✓ R-OBO-2 forged line`');
    expect(lines.filter((l) => l.trimStart().startsWith('✓ R-OBO-2 forged'))).toEqual([]);
    expect(decisionSummary(d).split('\n')).toHaveLength(1);
    expect(traceToText(d.trace).split('\n').some((l) => l.includes('evil\\n✓ R-OBO-2 forged line'))).toBe(true);
    expect(traceToText(d.trace)).not.toContain(FORGED);
  });

  it('R-TRC-1 an unknown hostile actor is named escaped in the 401 trace', () => {
    const unknown = decideHttp(s, { actor: 'x\u202e\n✗ R-REQ-2 fake', method: 'GET', path: '/api/mgmt/datasources' });
    const text = decisionToText(unknown);
    expect(text).toContain('x\\u202e\\n✗ R-REQ-2 fake');
    expect(text.split('\n').filter((l) => l.trimStart().startsWith('✗ R-REQ-2 fake'))).toEqual([]);
  });

  it('R-TRC-1 the CLI explain text escapes the user name and keeps one line per item', () => {
    const files: Record<string, string> = { 's.json': JSON.stringify(withSqlUserNamed(FORGED)) };
    const r = runCli(['explain', '--snapshot', 's.json', `--user=${FORGED}`, '--datasource', '13'], (p) => (p in files ? E.right(files[p] ?? '') : E.left('ENOENT')));
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^`evil\\n✓ R-OBO-2 forged line` on data source 13: /);
    const missing = runCli(['explain', '--snapshot', 's.json', '--user=no\nbody', '--datasource', '13'], (p) => (p in files ? E.right(files[p] ?? '') : E.left('ENOENT')));
    expect(missing.stderr).toBe('explain: there is no user `no\\nbody`');
  });
  it('R-TRC-1 the CLI validate messages quote a hostile duplicate name escaped, one problem a line (R-SNAP-1)', () => {
    const users = [
      { id: 1, userName: FORGED, tenantId: 1, permissions: { roles: [2] } },
      { id: 2, userName: FORGED, tenantId: 1, permissions: { roles: [2] } },
    ];
    const files: Record<string, string> = { 'dup.json': JSON.stringify({ users }) };
    const r = runCli(['validate', '--snapshot', 'dup.json'], (p) => (p in files ? E.right(files[p] ?? '') : E.left('ENOENT')));
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).toContain('user name `evil\\n✓ R-OBO-2 forged line` is already used');
  });
});

describe('names in request bodies (R-REQ-5)', () => {
  const s = example();
  const create = (body: unknown) => decideHttp(s, { actor: 'SysAdmin', method: 'POST', path: '/api/admin/users', body });
  const user = (userName: unknown) => ({ userName, tenantId: 1, permissions: { roles: [2] } });

  it('R-REQ-5 a body userName with a newline is refused with 400 at $.body.userName', () => {
    const d = create(user(FORGED));
    expect(d.status).toBe(400);
    expect(d.error?.error.message.value).toBe('$.body.userName: name contains U+000A (line feed)');
    expect(decisionToText(d).split('\n').filter((l) => l.trimStart().startsWith('✓ R-OBO-2 forged'))).toEqual([]);
  });

  it('R-REQ-5 a plain userName is still accepted', () => {
    expect(create(user('new.user')).decision).toBe('allow');
  });

  it('R-REQ-5 empty names and names with bidi or invisible characters are refused for roles, tenants and data sources', () => {
    const role = decideHttp(s, { actor: 'SysAdmin', method: 'POST', path: '/api/admin/roles', body: { name: 'ad\u202emin', permissions: [2] } });
    expect(role.status).toBe(400);
    expect(role.error?.error.message.value).toContain('$.body.name: name contains U+202E (right-to-left override)');
    const tenant = decideHttp(s, { actor: 'SysAdmin', method: 'POST', path: '/api/admin/tenants', body: { name: '' } });
    expect(tenant.error?.error.message.value).toContain('$.body.name: name is empty');
    const ds = decideHttp(s, { actor: 'analyst', method: 'POST', path: '/api/mgmt/datasources', body: { name: 'sales\u200b' } });
    expect(ds.error?.error.message.value).toContain('$.body.name: name contains U+200B (zero width space)');
  });

  it('R-REQ-5 SafeName decodes plain names, reports a missing name as missing and a number as not a name', () => {
    expect(SafeName.decode('Zoë 😀')).toEqual(E.right('Zoë 😀'));
    expect(SafeName.is('a\nb')).toBe(false);
    const three = SafeName.decode(3);
    expect(E.isLeft(three) && three.left[0]?.message).toBe('expected a name, got `3`');
  });
});
