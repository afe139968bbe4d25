/**
 * The demo (`npm start`): runs the CLI over the bundled example snapshot (built from SPEC §10)
 * and prints what it answers: a valid snapshot, query-channel decisions allowed and denied with
 * their traces, an explanation of effective permissions, and management requests.
 */
import * as E from 'fp-ts/lib/Either.js';
import { readFileSync } from 'node:fs';
import { runCli, type ReadFile } from '../src/cli/commands.js';

const read: ReadFile = (path) => {
  try {
    return E.right(readFileSync(path, 'utf8'));
  } catch (e) {
    return E.left(e instanceof Error ? e.message : String(e));
  }
};

const scenes: ReadonlyArray<{ readonly title: string; readonly args: ReadonlyArray<string> }> = [
  { title: 'The example snapshot is valid', args: ['validate', '--snapshot', 'examples/gateway.json'] },
  {
    title: 'Share exactness (SPEC §10.5): SQLUser holds exactly [6] on data source 13 — ODBC allowed, JDBC denied although its role holds 5',
    args: ['decide', '--snapshot', 'examples/gateway.json', '--request', 'examples/requests/sqluser-odbc-jdbc.json'],
  },
  {
    title: 'Group over member: through group 20 the group share [2,5] replaces the member share [6]',
    args: ['decide', '--snapshot', 'examples/gateway.json', '--request', 'examples/requests/sqluser-group.json'],
  },
  {
    title: 'No existence leak: data source 14 was never shared with SQLUser, so it is 404, not 403',
    args: ['decide', '--snapshot', 'examples/gateway.json', '--request', 'examples/requests/sqluser-unshared.json'],
  },
  {
    title: 'Override (R-DSP-1): analyst owns data source 800 whose data-source permissions [7] replace its role permissions 1–11',
    args: ['explain', '--snapshot', 'examples/gateway.json', '--user', 'analyst', '--datasource', '800'],
  },
  {
    title:
      'Provisioning story (SPEC §10.1–10.4): create a query-based role and a user, create a data source on behalf of ODataUser, read its permissions, set an override, read it back (data source 18 holds the overridden state), share with a user',
    args: ['decide', '--snapshot', 'examples/gateway.json', '--request', 'examples/requests/provisioning.json'],
  },
  {
    title: 'Denials (SPEC §10.3–10.6): direct override write 400, admin2 fails the on-behalf-of gate 403, no CreateDataSource 403, share without ViewDataSource 403, unshared 404, shared with nobody 404 — then one allow and one deny with their full traces',
    args: ['decide', '--snapshot', 'examples/gateway.json', '--request', 'examples/requests/management.json', '--summary'],
  },
  {
    title: 'An allowed on-behalf-of read, with its trace',
    args: ['decide', '--snapshot', 'examples/gateway.json', '--request', 'examples/requests/obo-read.json'],
  },
  {
    title: 'A denied on-behalf-of read (admin2 lacks OnBehalfOf), with its trace as JSON',
    args: ['decide', '--snapshot', 'examples/gateway.json', '--request', 'examples/requests/obo-denied.json', '--json'],
  },
];

for (const scene of scenes) {
  const result = runCli(scene.args, read);
  process.stdout.write(`\n## ${scene.title}\n$ datasource-authz ${scene.args.join(' ')}\n`);
  if (result.stdout !== '') process.stdout.write(`${result.stdout}\n`);
  if (result.stderr !== '') process.stdout.write(`${result.stderr}\n`);
  process.stdout.write(`(exit ${result.exitCode})\n`);
  if (result.exitCode !== 0) process.exitCode = 1;
}
