/**
 * `npm run hash-password -- <userName> [password]`: prints one entry of a password file,
 * `{"<userName>": "scrypt$<salt>$<hash>"}`; the password is read from standard input when not given.
 */
import { readFileSync } from 'node:fs';
import { hashPassword } from './passwords.js';

const [userName, given] = process.argv.slice(2);
if (userName === undefined || userName === '') {
  process.stderr.write('usage: npm run -s hash-password -- <userName> [password]   (the password is read from standard input when not given)\n');
  process.exit(2);
}
const password = given ?? readFileSync(0, 'utf8').replace(/\r?\n$/, '');
process.stdout.write(`${JSON.stringify({ [userName]: await hashPassword(password) })}\n`);
