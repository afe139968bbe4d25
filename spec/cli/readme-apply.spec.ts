import * as E from 'fp-ts/lib/Either.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, type ReadFile } from '../../src/cli/commands.js';

const readme = readFileSync('README.md', 'utf8');
const read: ReadFile = (path) => {
  try {
    return E.right(readFileSync(path, 'utf8'));
  } catch (e) {
    return E.left(String(e));
  }
};

/** The lines of the fenced block that starts with the line `$ npm run -s cli -- <command>`, without that line. */
const blockAfterCommand = (command: string): ReadonlyArray<string> => {
  const marker = `\n$ npm run -s cli -- ${command}\n`;
  const at = readme.indexOf(marker);
  if (at < 0) return [`no block for \`${command}\``];
  const start = at + marker.length;
  return readme.slice(start, readme.indexOf('```', start)).trimEnd().split('\n');
};

describe('the README section on apply shows real output', () => {
  it('R-TRN-1 R-TRN-3 the provisioning story is what `apply --summary` prints', () => {
    const command = 'apply --snapshot examples/gateway.json --request examples/requests/provisioning.json --summary --out provisioned.json';
    const r = runCli(command.split(' '), read);
    expect(r.exitCode).toBe(0);
    expect(blockAfterCommand(command)).toEqual(r.stdout.split('\n'));
  });

  it('R-TRN-4 the tenant share example is the head of what `apply` prints', () => {
    const command = 'apply --snapshot examples/gateway.json --request examples/requests/tenant-share.json';
    const r = runCli(command.split(' '), read);
    const block = blockAfterCommand(command);
    expect(block.length).toBeGreaterThan(3);
    expect(r.stdout.split('\n').slice(0, block.length)).toEqual(block);
  });
});
