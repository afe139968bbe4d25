/**
 * The `report` command (issue 8, item 9): `report --snapshot FILE [--tenant ID] --out FILE
 * [--against FILE] [--trace-budget N]` builds the self-contained HTML access report. Pure like
 * the other commands: it returns the page as the content of the file to write, and the shell
 * (`main.ts`) writes it to `--out`.
 */
import * as E from 'fp-ts/lib/Either.js';
import { parseArgs } from 'node:util';
import { renderProblems } from '../codec/problem.js';
import { escapeText as esc } from '../codec/escape.js';
import type { Snapshot } from '../model/snapshot.js';
import { buildReport, defaultTraceBudget } from '../render/report.js';
import { parseSnapshot } from '../snapshot/load.js';
import type { CliResult, ReadFile } from './io.js';

/** What `report` prints, how it exits, and the page to write (in `files`; none on failure). */
export type ReportCliResult = CliResult;

/** The usage of `report`. */
export const reportUsage = `usage: datasource-authz report --snapshot FILE --out FILE [--tenant ID] [--against FILE] [--trace-budget N]
    a self-contained HTML page: per tenant, users × data sources with their effective permissions
    (route by colour and letter), each cell's trace on click, filters, and with --against FILE the
    cells that changed from that (earlier) snapshot; traces are embedded up to N cells (default ${defaultTraceBudget})`;

const bad = (stderr: string): ReportCliResult => ({ stdout: '', stderr, exitCode: 2, files: [] });

const options = {
  snapshot: { type: 'string' },
  out: { type: 'string' },
  tenant: { type: 'string' },
  against: { type: 'string' },
  'trace-budget': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const load = (read: ReadFile, path: string, what: string): E.Either<ReportCliResult, Snapshot> => {
  const text = read(path);
  if (E.isLeft(text)) return E.left(bad(`cannot read ${what} \`${esc(path)}\`: ${esc(text.left)}`));
  const snapshot = parseSnapshot(text.right);
  if (E.isRight(snapshot)) return E.right(snapshot.right);
  const problems = snapshot.left.problems;
  return E.left(bad(`invalid ${what} \`${esc(path)}\`: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${renderProblems(problems.map((p) => ({ ...p, path: esc(p.path), message: esc(p.message) })))}`));
};

const integer = (name: string, value: string | undefined): E.Either<ReportCliResult, number | undefined> =>
  value === undefined ? E.right(undefined) : /^\d+$/.test(value) ? E.right(Number(value)) : E.left(bad(`report: --${name} expects an integer, got \`${esc(value)}\``));

/** Runs `report` over its arguments (a leading `report` is accepted); the page comes back in `file`. */
export const reportCommand = (args: ReadonlyArray<string>, read: ReadFile): ReportCliResult => {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (e) {
    return bad(`${esc(e instanceof Error ? e.message : String(e))}\n${reportUsage}`);
  }
  const { values, positionals } = parsed;
  const extra = positionals[0] === 'report' ? positionals.slice(1) : positionals;
  if (values.help === true) return { stdout: reportUsage, stderr: '', exitCode: 0, files: [] };
  if (extra.length > 0) return bad(`unexpected argument \`${esc(extra[0] ?? '')}\`\n${reportUsage}`);
  if (values.snapshot === undefined || values.out === undefined) return bad(`report: --snapshot FILE and --out FILE are required\n${reportUsage}`);
  const tenant = integer('tenant', values.tenant);
  if (E.isLeft(tenant)) return tenant.left;
  const budget = integer('trace-budget', values['trace-budget']);
  if (E.isLeft(budget)) return budget.left;
  const snapshot = load(read, values.snapshot, 'snapshot');
  if (E.isLeft(snapshot)) return snapshot.left;
  const against = values.against === undefined ? E.right(undefined) : load(read, values.against, 'snapshot');
  if (E.isLeft(against)) return against.left;
  const report = buildReport(snapshot.right, {
    source: values.snapshot,
    ...(tenant.right === undefined ? {} : { tenant: tenant.right }),
    ...(against.right === undefined ? {} : { against: against.right, againstSource: values.against ?? '' }),
    ...(budget.right === undefined ? {} : { traceBudget: budget.right }),
  });
  if (E.isLeft(report)) return bad(`report: there is no tenant ${report.left.tenantId}`);
  const s = report.right.stats;
  const bytes = Buffer.byteLength(report.right.html, 'utf8');
  const stdout =
    `report \`${esc(values.out)}\`: ${s.tenants} tenant${s.tenants === 1 ? '' : 's'}, ${s.users} users, ${s.dataSources} data sources reached, ${s.cells} cells` +
    `${against.right === undefined ? '' : `, ${s.changed} changed`}, traces ${s.tracesEmbedded ? 'embedded' : 'not embedded (over the budget)'}, ${bytes} bytes`;
  return { stdout, stderr: '', exitCode: 0, files: [{ path: values.out, text: report.right.html }] };
};
