/**
 * The reference server's command line: `--snapshot FILE --port N [--host H] [--db FILE]
 * [--passwords FILE | --insecure-any-password] [--audit-log FILE] [--follow] [--poll-ms N]
 * [--max-body BYTES] [--headers-timeout MS] [--request-timeout MS] [--sync full|normal]`.
 * Parsing is total: a Left names the offending flag or value.
 */
import * as E from 'fp-ts/lib/Either.js';

/** How the server authenticates passwords. */
export type PasswordSource = { readonly _tag: 'File'; readonly path: string } | { readonly _tag: 'AnyPassword' };

/** The parsed command line. */
export interface ServerArgs {
  readonly snapshot: string | undefined;
  readonly port: number;
  readonly host: string;
  readonly db: string | undefined;
  readonly passwords: PasswordSource;
  readonly auditLog: string | undefined;
  readonly follow: boolean;
  readonly pollMs: number;
  readonly maxBody: number;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly synchronous: 'FULL' | 'NORMAL';
}

/** Why the command line was refused. */
export interface ArgsError {
  readonly _tag: 'ArgsError';
  readonly message: string;
}

/** The usage text. */
export const usage = `usage: npm run serve -- --snapshot FILE --port N [--db FILE] [--passwords FILE | --insecure-any-password]
  --snapshot FILE          seed snapshot (required unless --db names a database that has state)
  --port N                 port to listen on (0: any free port)
  --host H                 address to listen on (default 127.0.0.1)
  --db FILE                SQLite database (default: a fresh one in a temporary folder)
  --passwords FILE         JSON {"<userName>": "scrypt$<salt>$<hash>"} (npm run hash-password)
  --insecure-any-password  accept any password (development only; announced on stderr)
  --audit-log FILE         JSON-lines log of read decisions (default: <db>.audit.jsonl)
  --follow                 follow the change log of --db written by another server (read-only)
  --poll-ms N              how often a follower polls the change log (default 100)
  --max-body BYTES         largest request body (default 1048576)
  --headers-timeout MS     time allowed for a request's headers (default 10000)
  --request-timeout MS     time allowed for a whole request (default 30000)
  --sync full|normal       SQLite synchronous mode (default full)`;

const fail = (message: string): E.Either<ArgsError, never> => E.left({ _tag: 'ArgsError', message });

const flagsWithValue = new Set(['--snapshot', '--port', '--host', '--db', '--passwords', '--audit-log', '--poll-ms', '--max-body', '--headers-timeout', '--request-timeout', '--sync']);
const switches = new Set(['--insecure-any-password', '--follow']);

/** An integer in [min, max] from a flag's value. */
const integer = (flag: string, value: string, min: number, max: number): E.Either<ArgsError, number> => {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(n) && n >= min && n <= max ? E.right(n) : fail(`${flag} expects an integer from ${min} to ${max}, got \`${value}\``);
};

/** Parses the server's arguments (without `node` and the script). */
export const parseServerArgs = (argv: ReadonlyArray<string>): E.Either<ArgsError, ServerArgs> => {
  const values = new Map<string, string>();
  const on = new Set<string>();
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i] ?? '';
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    if (switches.has(flag)) {
      if (inline !== undefined) return fail(`${flag} takes no value`);
      on.add(flag);
    } else if (flagsWithValue.has(flag)) {
      const value = inline ?? argv[i + 1];
      if (inline === undefined) i += 1;
      if (value === undefined || (inline === undefined && value.startsWith('--'))) return fail(`${flag} expects a value`);
      if (values.has(flag)) return fail(`${flag} given more than once`);
      values.set(flag, value);
    } else if (flag === '--help' || flag === '-h') {
      return fail(usage);
    } else {
      return fail(`unknown argument \`${a}\`\n${usage}`);
    }
  }
  const portText = values.get('--port');
  if (portText === undefined) return fail(`--port is required\n${usage}`);
  const passwordsFile = values.get('--passwords');
  const anyPassword = on.has('--insecure-any-password');
  if (passwordsFile !== undefined && anyPassword) return fail('--passwords and --insecure-any-password exclude each other');
  if (passwordsFile === undefined && !anyPassword) return fail('give --passwords FILE (npm run hash-password makes entries) or, for development only, --insecure-any-password');
  const follow = on.has('--follow');
  const db = values.get('--db');
  if (follow && db === undefined) return fail('--follow needs --db: the database of the server to follow');
  if (!follow && db === undefined && values.get('--snapshot') === undefined) return fail(`--snapshot is required for a fresh database\n${usage}`);
  const syncText = (values.get('--sync') ?? 'full').toUpperCase();
  if (syncText !== 'FULL' && syncText !== 'NORMAL') return fail(`--sync expects \`full\` or \`normal\`, got \`${values.get('--sync') ?? ''}\``);
  const port = integer('--port', portText, 0, 65535);
  const pollMs = integer('--poll-ms', values.get('--poll-ms') ?? '100', 5, 60_000);
  const maxBody = integer('--max-body', values.get('--max-body') ?? '1048576', 1, 1 << 30);
  const headersTimeoutMs = integer('--headers-timeout', values.get('--headers-timeout') ?? '10000', 10, 600_000);
  const requestTimeoutMs = integer('--request-timeout', values.get('--request-timeout') ?? '30000', 10, 600_000);
  for (const n of [port, pollMs, maxBody, headersTimeoutMs, requestTimeoutMs]) if (E.isLeft(n)) return n;
  if (E.isLeft(port) || E.isLeft(pollMs) || E.isLeft(maxBody) || E.isLeft(headersTimeoutMs) || E.isLeft(requestTimeoutMs)) return fail('unreachable');
  if (headersTimeoutMs.right > requestTimeoutMs.right) return fail(`--headers-timeout (${headersTimeoutMs.right}) must not exceed --request-timeout (${requestTimeoutMs.right})`);
  return E.right({
    snapshot: values.get('--snapshot'),
    port: port.right,
    host: values.get('--host') ?? '127.0.0.1',
    db,
    passwords: passwordsFile === undefined ? { _tag: 'AnyPassword' } : { _tag: 'File', path: passwordsFile },
    auditLog: values.get('--audit-log'),
    follow,
    pollMs: pollMs.right,
    maxBody: maxBody.right,
    headersTimeoutMs: headersTimeoutMs.right,
    requestTimeoutMs: requestTimeoutMs.right,
    synchronous: syncText,
  });
};
