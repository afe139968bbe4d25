/** The `report` command (issue 8, item 9): options, errors, and the page it hands back to write. */
import * as E from 'fp-ts/lib/Either.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ReadFile } from '../../src/cli/commands.js';
import { reportCommand } from '../../src/cli/report.js';

const example = readFileSync('examples/gateway.json', 'utf8');
const files: Readonly<Record<string, string>> = { 'gateway.json': example, 'broken.json': '{"tenants": 3}', 'nojson.json': '{' };
const read: ReadFile = (path) => {
  const text = files[path];
  return text === undefined ? E.left(`ENOENT: no such file \`${path}\``) : E.right(text);
};

describe('report command', () => {
  it('hands back the page to write to --out, and says what it holds', () => {
    const r = reportCommand(['--snapshot', 'gateway.json', '--out', 'out/report.html'], read);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.files?.[0]?.path).toBe('out/report.html');
    expect(r.files?.[0]?.text.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(r.stdout).toMatch(/^report `out\/report\.html`: 3 tenants, 7 users, 8 data sources reached, 13 cells, traces embedded, \d+ bytes$/);
  });

  it('accepts a leading `report`, --tenant, --against and --trace-budget', () => {
    const r = reportCommand(['report', '--snapshot', 'gateway.json', '--against', 'gateway.json', '--tenant', '56', '--trace-budget', '0', '--out', 'r.html'], read);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/: 1 tenant, 3 users, \d+ data sources reached, 7 cells, 0 changed, traces not embedded \(over the budget\), \d+ bytes$/);
  });

  it.each([
    [['--snapshot', 'gateway.json'], 'report: --snapshot FILE and --out FILE are required'],
    [['--out', 'r.html'], 'report: --snapshot FILE and --out FILE are required'],
    [['--snapshot', 'gateway.json', '--out', 'r.html', '--tenant', 'x1'], 'report: --tenant expects an integer, got `x1`'],
    [['--snapshot', 'gateway.json', '--out', 'r.html', '--tenant', '99'], 'report: there is no tenant 99'],
    [['--snapshot', 'gateway.json', '--out', 'r.html', '--trace-budget=-1'], 'report: --trace-budget expects an integer, got `-1`'],
    [['--snapshot', 'missing.json', '--out', 'r.html'], 'cannot read snapshot `missing.json`: ENOENT: no such file `missing.json`'],
    [['--snapshot', 'gateway.json', '--against', 'broken.json', '--out', 'r.html'], 'invalid snapshot `broken.json`: '],
    [['--snapshot', 'nojson.json', '--out', 'r.html'], 'invalid snapshot `nojson.json`: 1 problem'],
    [['--snapshot', 'gateway.json', '--out', 'r.html', 'extra'], 'unexpected argument `extra`'],
    [['--snapshot', 'gateway.json', '--out', 'r.html', '--bogus'], "Unknown option '--bogus'"],
  ])('bad input exits 2 and writes nothing: %j', (args, message) => {
    const r = reportCommand(args, read);
    expect(r.exitCode).toBe(2);
    expect(r.files).toEqual([]);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(message)).toBe(true);
  });

  it('--help prints the usage', () => {
    const r = reportCommand(['--help'], read);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('usage: datasource-authz report --snapshot FILE --out FILE');
    expect(r.files).toEqual([]);
  });
});
