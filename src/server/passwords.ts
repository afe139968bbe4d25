/**
 * Passwords of the reference server (issue 9, item 1): a JSON file `{ "<userName>": "scrypt$<salt>$<hash>" }`
 * of salted scrypt hashes (salt and hash in base64, scrypt N=16384 r=8 p=1, 32-byte key), and a
 * constant-time check. A user without an entry never authenticates; an unknown user costs the same
 * scrypt as a known one (no timing oracle on user names).
 *
 * scrypt is slow on purpose (tens of milliseconds): a successful check is remembered for the life of
 * the process under an HMAC of (user, password) with a per-process random key (D-SRV-3), so the
 * hash is computed once per credential, not once per request.
 */
import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { parseJsonText } from '../codec/json.js';
import { renderProblems } from '../codec/problem.js';

/** The scrypt key length in bytes. */
const KEY_LENGTH = 32;

/** A parsed password file: user name to `{salt, hash}`. */
export type PasswordTable = ReadonlyMap<string, { readonly salt: Buffer; readonly hash: Buffer }>;

/** How a password check ends. */
export type PasswordCheck = (userName: string, password: string) => Promise<boolean>;

const scryptAsync = (password: string, salt: Buffer): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, (err, key) => (err === null ? resolve(key) : reject(err)));
  });

/** One entry `scrypt$salt$hash` for a password (a fresh 16-byte salt). */
export const hashPassword = async (password: string): Promise<string> => {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
};

/** Parses the text of a password file; every bad entry is named. */
export const parsePasswordFile = (text: string): E.Either<string, PasswordTable> => {
  const json = parseJsonText(text);
  if (E.isLeft(json)) return E.left(`the password file is not valid JSON: ${renderProblems(json.left.problems)}`);
  const value = json.right;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return E.left('the password file must be a JSON object `{"<userName>": "scrypt$<salt>$<hash>"}`');
  const out = new Map<string, { readonly salt: Buffer; readonly hash: Buffer }>();
  const bad: string[] = [];
  for (const [user, entry] of Object.entries(value)) {
    const parts = typeof entry === 'string' ? entry.split('$') : [];
    const [scheme, salt, hash] = parts;
    if (parts.length !== 3 || scheme !== 'scrypt' || salt === undefined || hash === undefined || salt === '' || Buffer.from(hash, 'base64').length !== KEY_LENGTH) {
      bad.push(JSON.stringify(user));
      continue;
    }
    out.set(user, { salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') });
  }
  return bad.length > 0 ? E.left(`the password file has malformed entries (expected \`scrypt$<salt>$<hash>\`): ${bad.join(', ')}`) : E.right(out);
};

const DUMMY = { salt: Buffer.alloc(16), hash: Buffer.alloc(KEY_LENGTH) };

/** A checker over a password table, remembering successful checks (D-SRV-3). */
export const passwordChecker = (table: PasswordTable): PasswordCheck => {
  const key = randomBytes(32);
  const verified = new Set<string>();
  const tag = (userName: string, password: string): string => createHmac('sha256', key).update(userName).update('\0').update(password).digest('base64');
  return async (userName, password) => {
    const t = tag(userName, password);
    if (verified.has(t)) return true;
    const entry = table.get(userName);
    const expected = entry ?? DUMMY;
    const actual = await scryptAsync(password, expected.salt);
    const ok = entry !== undefined && timingSafeEqual(actual, expected.hash);
    if (ok) verified.add(t);
    return ok;
  };
};

/** The development checker of `--insecure-any-password`: every password passes. */
export const anyPassword: PasswordCheck = () => Promise.resolve(true);
