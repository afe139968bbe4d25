/**
 * The demo (`npm start`): runs the CLI over the bundled example snapshot (built from SPEC §10)
 * and prints what it answers: a valid snapshot, query-channel decisions allowed and denied with
 * their traces, an explanation of effective permissions, a provisioning story applied request
 * by request (`apply`, SPEC §6), and management requests. Files the CLI writes (`apply --out`)
 * are kept in memory here and read back by the scenes after it: the demo writes nothing to disk.
 */
import * as E from 'fp-ts/lib/Either.js';
import { readFileSync } from 'node:fs';
import { runCli, type ReadFile } from '../src/cli/commands.js';

/** What `apply --out` wrote during the demo, by path. */
const written = new Map<string, string>();

const read: ReadFile = (path) => {
  const kept = written.get(path);
  if (kept !== undefined) return E.right(kept);
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
      'Provisioning story, applied (SPEC §6, §10.1–10.2, §10.5): SQLUser has no data source 5443; AdminUser creates it on behalf of ODataUser (R-TRN-3), reads its permissions, sets an override and reads it back; SQLUser still gets 404 (not shared); the share with SQLUser [2,6]; now SQLUser queries through ODBC, not JDBC, and reads [2,6]. Each request is applied to the snapshot the previous one left; the final snapshot is written with --out',
    args: ['apply', '--snapshot', 'examples/gateway.json', '--request', 'examples/requests/provisioning.json', '--summary', '--out', 'provisioned.json'],
  },
  {
    title: "SQLUser's access to the new data source, explained from the snapshot the story wrote",
    args: ['explain', '--snapshot', 'provisioned.json', '--user', 'SQLUser', '--datasource', '5443'],
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
  for (const file of result.files ?? []) written.set(file.path, file.text);
  process.stdout.write(`\n## ${scene.title}\n$ datasource-authz ${scene.args.join(' ')}\n`);
  if (result.stdout !== '') process.stdout.write(`${result.stdout}\n`);
  if (result.stderr !== '') process.stdout.write(`${result.stderr}\n`);
  process.stdout.write(`(exit ${result.exitCode})\n`);
  if (result.exitCode !== 0) process.exitCode = 1;
}
