import * as E from 'fp-ts/lib/Either.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, type ReadFile } from '../src/cli/commands.js';

const readme = readFileSync('README.md', 'utf8');
const read: ReadFile = (path) => {
  try {
    return E.right(readFileSync(path, 'utf8'));
  } catch (e) {
    return E.left(String(e));
  }
};

/** The fenced block that follows the first line containing `marker`. */
const blockAfter = (marker: string): string => {
  const at = readme.indexOf(marker);
  const open = readme.indexOf('```', at);
  const start = readme.indexOf('\n', open) + 1;
  return readme.slice(start, readme.indexOf('```', start)).trimEnd();
};

/** The text of the fenced block that contains `marker`. */
const blockContaining = (marker: string): string => {
  const at = readme.indexOf(marker);
  const start = readme.indexOf('\n', readme.lastIndexOf('```', at)) + 1;
  return readme.slice(start, readme.indexOf('```', at)).trimEnd();
};

describe('the README shows real output', () => {
  it('R-TRC-1 the quickstart lines are what the engine answers', () => {
    const requests = 'examples/requests/quickstart.json';
    const r = runCli(['decide', '--snapshot', 'examples/gateway.json', '--request', requests, '--summary'], read);
    expect(r.stdout).toBe(blockAfter('prints (`npx tsx examples/quickstart.ts`)'));
  });

  it('R-TRC-1 the trace shown for the JDBC denial is the CLI text without facts', () => {
    const r = runCli(['decide', '--snapshot', 'examples/gateway.json', '--request', 'examples/requests/sqluser-jdbc.json'], read);
    const withoutFacts = r.stdout.split('\n').filter((line) => !line.trimStart().startsWith('· ')).join('\n');
    expect(withoutFacts).toBe(blockAfter('The second request above, as text'));
  });

  it('R-ERR-1 the CLI summary block is what the CLI prints', () => {
    const block = blockContaining('$ npm run -s cli -- validate --snapshot examples/gateway.json\nsnapshot ok').split('\n');
    const validate = runCli(['validate', '--snapshot', 'examples/gateway.json'], read);
    const decide = runCli(['decide', '--snapshot', 'examples/gateway.json', '--request', 'examples/requests/management.json', '--summary'], read);
    expect(block).toEqual([
      '$ npm run -s cli -- validate --snapshot examples/gateway.json',
      validate.stdout,
      '$ npm run -s cli -- decide --snapshot examples/gateway.json --request examples/requests/management.json --summary',
      ...decide.stdout.split('\n'),
    ]);
  });
});
