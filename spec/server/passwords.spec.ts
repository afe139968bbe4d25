/** The password file of the server (issue 9, item 1): salted scrypt hashes, checked in constant time. */
import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { hashPassword, parsePasswordFile, passwordChecker } from '../../src/server/passwords.js';
import { gatewaySnapshot } from './helpers.js';

describe('passwords', () => {
  it('a hashed password checks, a wrong one and an unknown user do not; two hashes of one password differ (salt)', async () => {
    const a = await hashPassword('s3cret');
    const b = await hashPassword('s3cret');
    expect(a).toMatch(/^scrypt\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    const table = parsePasswordFile(JSON.stringify({ alice: a }));
    if (E.isLeft(table)) throw new Error(table.left);
    const check = passwordChecker(table.right);
    expect(await check('alice', 's3cret')).toBe(true);
    expect(await check('alice', 's3cret')).toBe(true); // remembered (D-SRV-3)
    expect(await check('alice', 's3cret!')).toBe(false);
    expect(await check('bob', 's3cret')).toBe(false);
  });

  it('the example file holds `<userName>-demo` for every user of examples/gateway.json', async () => {
    const table = parsePasswordFile(readFileSync('examples/passwords.json', 'utf8'));
    if (E.isLeft(table)) throw new Error(table.left);
    expect([...table.right.keys()].sort()).toEqual([...gatewaySnapshot().users.values()].map((u) => u.userName).sort());
    const check = passwordChecker(table.right);
    expect(await check('AdminUser', 'AdminUser-demo')).toBe(true);
    expect(await check('AdminUser', 'SQLUser-demo')).toBe(false);
  });

  it('malformed files and entries are refused with their names', () => {
    expect(parsePasswordFile('[]')).toEqual(E.left(expect.stringContaining('JSON object')));
    expect(parsePasswordFile('{"a":"x","a":"y"}')).toEqual(E.left(expect.stringContaining('duplicate key')));
    expect(parsePasswordFile('{"alice":"md5$x$y","bob":7}')).toEqual(E.left(expect.stringContaining('"alice", "bob"')));
  });
});
