/**
 * L-HOSTILE-NAMES (R-TRC-1, R-REQ-5): names cannot forge lines. Over snapshots whose names are
 * hostile and requests whose actor, `?user=`, path and body are hostile, every text rendering
 * (`decisionToText` with and without facts, `decisionSummary`, `traceToText`, the CLI's explain
 * text) satisfies:
 * (a) no line holds a character that can break or disguise a line (the set below, stated here
 *     independently of `src/render/escape.ts`, so a bug there cannot hide itself);
 * (b) the number of lines is the number the decision's structure gives (one header line, the
 *     error or response line, one line per step, one per fact when facts are shown), lines
 *     being split at every Unicode line break, not only `\n`;
 * (c) the lines that start (after indentation) with a mark `✓ ✗ –` are exactly the steps, in
 *     order, each with its mark, depth and rule id.
 */
import * as E from 'fp-ts/lib/Either.js';
import { runCli } from '../../src/cli/commands.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { decide } from '../../src/decide/decide.js';
import type { Decision } from '../../src/decide/decision.js';
import { explainAccess } from '../../src/rules/explainAccess.js';
import { stateFactsOnce } from '../../src/model/trace.js';
import { userPermissionGrants } from '../../src/rules/userPermissions.js';
import { decisionSummary, decisionToText, traceToText } from '../../src/render/render.js';
import type { Step } from '../../src/model/trace.js';
import type { ExplainChoice, HostileCase } from '../arbitraries/hostileNames.js';
import { load } from './support.js';

/** R-TRC-1: the code points no rendered line may hold (C0, DEL, C1, separators, bidi, invisible, surrogates). */
const UNSAFE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x001f],
  [0x007f, 0x009f],
  [0x00ad, 0x00ad],
  [0x061c, 0x061c],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x2028, 0x2029],
  [0x202a, 0x202e],
  [0x2060, 0x2064],
  [0x2066, 0x2069],
  [0xfeff, 0xfeff],
  [0xd800, 0xdfff], // iterating by code point, a surrogate shows up only when it is alone
];

const unsafeIn = (line: string): number | undefined => {
  for (const ch of line) {
    const cp = ch.codePointAt(0) ?? 0;
    if (UNSAFE_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi)) return cp;
  }
  return undefined;
};

/** Whether `s` holds a character of the R-TRC-1 set above (for the coverage of the arbitraries). */
export const hasUnsafeCharacter = (s: string): boolean => unsafeIn(s) !== undefined;

/** Lines as a terminal or editor may break them: at every Unicode line break. */
const linesOf = (text: string): ReadonlyArray<string> => text.split(/\r\n|[\n\r\v\f\u0085\u2028\u2029]/);

/** The lines a trace takes: one per step, one per fact of a step that ran when facts are shown. */
export const traceLineCount = (steps: ReadonlyArray<Step>, withFacts: boolean): number =>
  steps.reduce((n, s) => n + 1 + (withFacts && s.outcome !== 'skip' ? s.facts.filter((f) => f._tag !== 'Ref').length : 0) + traceLineCount(s.children, withFacts), 0);

/** The lines of `decisionToText`: header, error, the audit reason when it differs, response, `trace:`, the trace (an empty trace is one empty line). */
export const decisionLineCount = (d: Decision, withFacts: boolean): number =>
  1 + (d.error === undefined ? 0 : 1) + (d.decision === 'deny' && d.reason !== d.error.error.message.value ? 1 : 0) + (d.response === undefined ? 0 : 1) + 1 + Math.max(1, traceLineCount(d.trace, withFacts));

const MARK: Readonly<Record<Step['outcome'], string>> = { pass: '✓', fail: '✗', skip: '–' };

/** `indent mark rule` of every step in rendering order (depth 1 is two spaces). */
const stepMarks = (steps: ReadonlyArray<Step>, depth: number): ReadonlyArray<string> =>
  steps.flatMap((s) => [`${'  '.repeat(depth)}${MARK[s.outcome]} ${s.rule}`, ...stepMarks(s.children, depth + 1)]);

/** `indent mark word` of every line that starts, after indentation, with a mark. */
const lineMarks = (lines: ReadonlyArray<string>): ReadonlyArray<string> =>
  lines.flatMap((l) => {
    const m = /^([ \t]*)([✓✗–])(\s*)(\S*)/u.exec(l);
    return m === null ? [] : [`${m[1] ?? ''}${m[2] ?? ''}${m[3] ?? ''}${m[4] ?? ''}`];
  });

/** The violations of (a), (b), (c) by one rendered text. */
const textViolations = (label: string, text: string, expectedLines: number, steps: ReadonlyArray<Step>): ReadonlyArray<string> => {
  const lines = linesOf(text);
  const out: string[] = [];
  lines.forEach((line, i) => {
    const cp = unsafeIn(line);
    if (cp !== undefined) out.push(`${label}: line ${i} holds U+${cp.toString(16).padStart(4, '0')} (R-TRC-1): ${JSON.stringify(line)}`);
  });
  if (lines.length !== expectedLines) out.push(`${label}: ${lines.length} lines, the structure gives ${expectedLines} (R-TRC-1): ${JSON.stringify(text)}`);
  const marked = lineMarks(lines);
  const expected = stepMarks(steps, 1);
  if (JSON.stringify(marked) !== JSON.stringify(expected)) out.push(`${label}: marked lines ${JSON.stringify(marked)} are not the steps ${JSON.stringify(expected)} (R-TRC-1)`);
  return out;
};

/** Every violation of L-HOSTILE-NAMES by the text renderings of one decision (empty when the law holds). */
export const decisionTextViolations = (d: Decision): ReadonlyArray<string> => [
  ...textViolations('decisionToText', decisionToText(d), decisionLineCount(d, true), d.trace),
  ...textViolations('decisionToText without facts', decisionToText(d, false), decisionLineCount(d, false), d.trace),
  ...textViolations('decisionSummary', decisionSummary(d), 1, []),
  ...textViolations('traceToText', traceToText(d.trace), Math.max(1, traceLineCount(d.trace, true)), d.trace),
  ...textViolations('traceToText without facts', traceToText(d.trace, false), Math.max(1, traceLineCount(d.trace, false)), d.trace),
];

/** Every violation of L-HOSTILE-NAMES for one hostile snapshot and request. */
export const hostileNamesViolations = (c: HostileCase): ReadonlyArray<string> => {
  const s = load(c.json);
  if (s === undefined) return ['the hostile snapshot does not load'];
  return decisionTextViolations(decide(s, c.request));
};

/** L-HOSTILE-NAMES for decisions: no name can add, break or forge a line. */
export const namesCannotForgeLines = (c: HostileCase): boolean => hostileNamesViolations(c).length === 0;

const pick = <T>(items: ReadonlyArray<T>, index: number): T | undefined => (items.length === 0 ? undefined : items[index % items.length]);

/** Every violation of L-HOSTILE-NAMES by the CLI's explain text for one user and data source of a hostile snapshot. */
export const explainTextViolations = (json: SnapshotJson, choice: ExplainChoice): ReadonlyArray<string> => {
  const s = load(json);
  if (s === undefined) return ['the hostile snapshot does not load'];
  const userJson = pick(json.users ?? [], choice.user);
  const dsJson = pick(json.dataSources ?? [], choice.dataSource);
  const groupJson = choice.group === undefined ? undefined : pick(json.dataSources ?? [], choice.group);
  const user = userJson === undefined ? undefined : s.users.get(userJson.id);
  const ds = dsJson === undefined ? undefined : s.dataSources.get(dsJson.id);
  const group = groupJson === undefined ? undefined : s.dataSources.get(groupJson.id);
  if (user === undefined || ds === undefined) return ['the generated snapshot has no user or no data source'];
  const args = ['explain', '--snapshot', 's.json', `--user=${user.userName}`, `--datasource=${ds.id}`, ...(group === undefined ? [] : [`--group=${group.id}`])];
  const r = runCli(args, (path) => (path === 's.json' ? E.right(JSON.stringify(json)) : E.left('ENOENT')));
  if (r.exitCode !== 0) return [`explain exits ${r.exitCode}: ${r.stderr}`];
  const explained = explainAccess(s, user, ds, group);
  const steps = stateFactsOnce([explained.step]);
  const expected = 3 + (explained.managesByAuthority ? 1 : 0) + userPermissionGrants(s, user).length + traceLineCount(steps, true);
  return textViolations('explain', r.stdout, expected, steps);
};

/** L-HOSTILE-NAMES for the CLI's explain text. */
export const explainCannotBeForged = (json: SnapshotJson, choice: ExplainChoice): boolean => explainTextViolations(json, choice).length === 0;
