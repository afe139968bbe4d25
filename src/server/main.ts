/**
 * `npm run serve -- --snapshot FILE --port N [--db FILE] [--passwords FILE | --insecure-any-password] …`:
 * the reference server's shell. Prints `listening on http://…` on stdout once it listens;
 * everything else goes to stderr. SIGTERM and SIGINT shut it down gracefully (exit 0).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { renderProblems } from '../codec/problem.js';
import { parseSnapshot } from '../snapshot/load.js';
import type { Snapshot } from '../model/snapshot.js';
import { parseServerArgs } from './args.js';
import { anyPassword, parsePasswordFile, passwordChecker, type PasswordCheck } from './passwords.js';
import { startServer } from './server.js';
import { openStore } from './store.js';

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
const die = (message: string, code = 2): never => {
  log(message);
  process.exit(code);
};

const args = parseServerArgs(process.argv.slice(2));
if (E.isLeft(args)) die(args.left.message);
if (E.isRight(args)) {
  const a = args.right;
  let seed: Snapshot | undefined;
  if (a.snapshot !== undefined && !a.follow) {
    const parsed = parseSnapshot(readFileSync(a.snapshot, 'utf8'));
    if (E.isLeft(parsed)) die(`the snapshot \`${a.snapshot}\` is not valid:\n${renderProblems(parsed.left.problems)}`);
    if (E.isRight(parsed)) seed = parsed.right;
  }
  let passwords: PasswordCheck = anyPassword;
  if (a.passwords._tag === 'File') {
    const table = parsePasswordFile(readFileSync(a.passwords.path, 'utf8'));
    if (E.isLeft(table)) die(table.left);
    if (E.isRight(table)) passwords = passwordChecker(table.right);
  } else {
    log('****************************************************************************');
    log('* WARNING: --insecure-any-password: ANY password is accepted for ANY user.  *');
    log('* Development only. Never expose this server to anyone else.               *');
    log('****************************************************************************');
  }
  const dbPath = a.db ?? join(mkdtempSync(join(tmpdir(), 'datasource-authz-')), 'state.db');
  // a follower keeps its own audit log: two processes never append to one file
  const auditLog = a.auditLog ?? (a.follow ? `${dbPath}.follower-${process.pid}.audit.jsonl` : `${dbPath}.audit.jsonl`);
  const store = openStore(dbPath, seed, { synchronous: a.synchronous });
  if (E.isLeft(store)) die(`cannot open the database \`${dbPath}\`: ${store.left.message}`);
  if (E.isRight(store)) {
    const started = await startServer({
      store: store.right,
      follow: a.follow,
      pollMs: a.pollMs,
      passwords,
      auditLogPath: auditLog,
      host: a.host,
      port: a.port,
      maxBody: a.maxBody,
      headersTimeoutMs: a.headersTimeoutMs,
      requestTimeoutMs: a.requestTimeoutMs,
      log,
    });
    if (E.isLeft(started)) die(started.left.message, 1);
    if (E.isRight(started)) {
      const s = started.right;
      log(`${a.follow ? 'follower' : 'writer'}: database ${dbPath} at change ${s.seq()}; audit log ${auditLog}`);
      process.stdout.write(`listening on ${s.url}\n`);
      const stop = (signal: string): void => {
        log(`${signal}: finishing in-flight requests, then closing the database`);
        s.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    }
  }
}
