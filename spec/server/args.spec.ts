/** The server's command line (issue 9, item 1): parsed as an Either with clear errors. */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { parseServerArgs } from '../../src/server/args.js';

const error = (argv: ReadonlyArray<string>): string => {
  const r = parseServerArgs(argv);
  return E.isLeft(r) ? r.left.message : 'parsed';
};

describe('parseServerArgs', () => {
  it('reads the documented flags with their defaults', () => {
    const r = parseServerArgs(['--snapshot', 'examples/gateway.json', '--port', '8080', '--passwords', 'examples/passwords.json']);
    expect(r).toEqual(
      E.right({ snapshot: 'examples/gateway.json', port: 8080, host: '127.0.0.1', db: undefined, passwords: { _tag: 'File', path: 'examples/passwords.json' }, auditLog: undefined, follow: false, pollMs: 100, maxBody: 1048576, headersTimeoutMs: 10000, requestTimeoutMs: 30000, synchronous: 'FULL' }),
    );
  });

  it('accepts --flag=value and the development switch', () => {
    const r = parseServerArgs(['--snapshot=s.json', '--port=0', '--insecure-any-password', '--sync', 'normal']);
    expect(E.isRight(r) && r.right.passwords._tag === 'AnyPassword' && r.right.port === 0 && r.right.synchronous === 'NORMAL').toBe(true);
  });

  it('refuses what it cannot run, saying why', () => {
    expect(error(['--snapshot', 's.json', '--insecure-any-password'])).toContain('--port is required');
    expect(error(['--snapshot', 's.json', '--port', '1'])).toContain('--passwords FILE');
    expect(error(['--snapshot', 's.json', '--port', '1', '--passwords', 'p', '--insecure-any-password'])).toContain('exclude each other');
    expect(error(['--port', '1', '--insecure-any-password'])).toContain('--snapshot is required');
    expect(error(['--port', '1', '--insecure-any-password', '--follow'])).toContain('--follow needs --db');
    expect(error(['--snapshot', 's', '--port', '70000', '--insecure-any-password'])).toContain('--port expects an integer from 0 to 65535, got `70000`');
    expect(error(['--snapshot', 's', '--port', 'x1', '--insecure-any-password'])).toContain('got `x1`');
    expect(error(['--snapshot', 's', '--port', '1', '--insecure-any-password', '--bogus'])).toContain('unknown argument `--bogus`');
    expect(error(['--snapshot', '--port', '1'])).toContain('--snapshot expects a value');
    expect(error(['--snapshot', 's', '--snapshot', 't', '--port', '1', '--insecure-any-password'])).toContain('more than once');
    expect(error(['--snapshot', 's', '--port', '1', '--insecure-any-password', '--headers-timeout', '5000', '--request-timeout', '1000'])).toContain('must not exceed');
    expect(error(['--snapshot', 's', '--port', '1', '--insecure-any-password', '--sync', 'off'])).toContain('--sync expects');
  });

  it('a follower needs no snapshot: it reads the database it follows', () => {
    const r = parseServerArgs(['--db', 'state.db', '--follow', '--port', '0', '--insecure-any-password']);
    expect(E.isRight(r) && r.right.follow && r.right.snapshot === undefined).toBe(true);
  });
});
