// Sorts the survivors of a Stryker JSON report into the kinds docs/mutation.md explains, and writes
// the whole list (file, line, mutator, replacement, kind) as Markdown. A second, later report (a
// scoped run) marks as killed every survivor it killed, matched by file, mutator, replacement and
// the text of the mutated line (line numbers may have moved). Usage:
//   node scripts/mutation-classify.mjs FULL.json [LATER.json] > docs/mutation-survivors.md
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2] ?? 'reports/mutation/mutation.json', 'utf8'));
const later = process.argv[3] === undefined ? undefined : JSON.parse(readFileSync(process.argv[3], 'utf8'));

const keyOf = (file, lines, m) => `${file}|${m.mutatorName}|${m.replacement ?? ''}|${(lines[m.location.start.line - 1] ?? '').trim()}`;
/** Mutants the later run killed. */
const killedLater = new Set();
if (later !== undefined) {
  for (const [file, f] of Object.entries(later.files)) {
    const lines = f.source.split('\n');
    for (const m of f.mutants) if (m.status === 'Killed' || m.status === 'Timeout') killedLater.add(keyOf(file, lines, m));
  }
}

/** The kinds, in the order the list shows them, with the reason each stands for. */
const kinds = {
  fixed: 'fixed after the run: the code the mutant changed is gone (the group route keeps one nullable record of its traces)',
  killed: 'killed after the run by a new spec, confirmed by the later scoped run where one is given (`spec/rules/describeRoute.spec.ts` pins the phrase of every route; `spec/decide/recordFields.spec.ts` the top-level fields of early denials)',
  shortcut: 'equivalent: a shortcut (the untraced reading, a filter, a hand split) whose alternative gives the same answer',
  guard: 'equivalent (assigned by pattern, a sample read): a guard against an id or entity that an earlier stage already resolved (the snapshot checks of SPEC §2 and the existence stage make the other branch unreachable)',
  caseLabel: 'equivalent (assigned by pattern, a sample read): a `case` label whose removal falls through to code that gives the same answer',
  read: 'read one by one (the note after each line says what it is)',
  text: 'not equivalent, not killed: wording of a message or a trace step that no golden pins down (the verdict, status and facts are unchanged)',
  other: 'not yet read',
};

/** Survivors read one by one: what each is. */
const readNotes = {
  'src/decide/http.ts:325': 'equivalent: a row whose body is `none` names no body codec, so the body is ignored either way',
  'src/decide/responses.ts:97': 'equivalent: only the ListCatalog rows have a `Permission` target',
  'src/decide/responses.ts:201': 'equivalent: only CreateTenant reaches this line of the untargeted answers',
  'src/rules/dataSourcePermissions.ts:54': 'equivalent: R-DSP-2 is tried only after R-DSP-1 missed, so its owner is never asked why it missed',
  'src/rules/onBehalfOf.ts:39': 'equivalent: every caller passes `traced`; the default is never used',
  'src/rules/params.ts:6': 'equivalent: only integer parameters are asked for as ids',
  'src/rules/userPermissions.ts:35': 'equivalent: a user\'s roles are ascending after the snapshot checks',
  'src/operations/router.ts:260': 'killed since: a schema name with a malformed escape (router.spec.ts)',
  'src/rules/payloadStructure.ts:129': 'killed since: a body whose getter throws (payload/rules.spec.ts)',
  'src/rules/payloadStructure.ts:130': 'killed since: a body whose getter throws (payload/rules.spec.ts)',
  'src/rules/explainAccess.ts:70': 'not killed: `managesByAuthority` of a non-administrator in explain output',
  'src/rules/bodyAuthorization.ts:142': 'not killed: the wording of the Administrator\'s pass step',
  'src/rules/missing.ts:49': 'not killed: which audience sees a tenant id in a message',
  'src/rules/routeSteps.ts:189': 'not killed: the outcome mark of a group route step with no route',
  'src/rules/routeSteps.ts:204': 'not killed: the outcome mark of a member route step with no route',
  'src/decide/http.ts:376': 'not killed: the step that explains an empty permissions answer, asked on other rows',
  'src/decide/http.ts:111': 'equivalent: `refuse` gives a null actor and subject for a caller whose actor is null, as for no caller',
  'src/decide/http.ts:186': 'equivalent: a target that is not a data source has no `dataSource` field',
  'src/decide/responses.ts:36': 'killed since: a dormant share and an inactive subject are not listed (decide/recordFields.spec.ts; checked by planting the mutant by hand)',
  'src/rules/bodyAuthorization.ts:246': 'not killed: which tenant administrators count as changed',
  'src/rules/payloadStructure.ts:250': 'equivalent: a create has no target data source, so `target` is undefined either way',
  'src/rules/payloadStructure.ts:310': 'equivalent: a data source that is not a group has no members to check',
  'src/rules/payloadStructure.ts:491': 'not killed: a snapshot without any active Administrator (12)',
  'src/rules/payloadStructure.ts:534': 'not killed: the stranded-profile check for a tenant that does not exist (already a 400)',
  'src/rules/payloadStructure.ts:550': 'not killed: the roles check for a tenant that does not exist (already a 400)',
  'src/rules/requirements.ts:221': 'not killed: `leavesOf` of a single leaf',
};

const classify = (file, line, m, original) => {
  if (readNotes[`${file}:${line}`] !== undefined) return 'read';
  if (file.endsWith('rules/dataSourcePermissions.ts') && line >= 130 && line <= 155) return 'fixed';
  if (file.endsWith('rules/explainAccess.ts') && line >= 85 && line <= 102) return 'killed';
  if ((file.endsWith('decide/http.ts') && line === 136) || (file.endsWith('decide/use.ts') && line === 35)) return 'killed';
  // the fast requirement reading only short-cuts an allow: a wrong "does not hold" falls back to the full evaluator
  if (file.endsWith('rules/requirements.ts') && line === 88) return 'shortcut';
  if (file.endsWith('operations/router.ts') && (line === 69 || line === 257)) return 'shortcut';
  if (/traced \?|!traced|trace === null \?|trace\?\.push|part\.step !== null|verdictStep === null/.test(original) && m.mutatorName !== 'StringLiteral') return 'shortcut';
  if (/^case '/.test(original) || /^default:/.test(original)) return 'caseLabel';
  if (m.mutatorName === 'StringLiteral' || (m.mutatorName === 'ArrayDeclaration' && /step\(|report\(|facts/.test(original) && !/\?\? \[\]|\? \[\] :/.test(original))) return 'text';
  if (/=== undefined|!== undefined|\?\.|\?\? /.test(original)) return 'guard';
  return 'other';
};

const rows = [];
for (const [file, f] of Object.entries(report.files)) {
  const lines = f.source.split('\n');
  for (const m of f.mutants) {
    if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
    const line = m.location.start.line;
    const original = (lines[line - 1] ?? '').trim();
    const kind = killedLater.has(keyOf(file, lines, m)) ? 'killed' : classify(file, line, m, original);
    rows.push({ file, line, status: m.status, mutator: m.mutatorName, replacement: (m.replacement ?? '').replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(0, 80), kind });
  }
}
const count = (k) => rows.filter((r) => r.kind === k).length;
console.log('# Surviving mutants, by kind\n');
console.log(`Generated by \`node scripts/mutation-classify.mjs\` from the report of the run that docs/mutation.md describes: ${rows.length} mutants survived or had no coverage.\n`);
console.log('| kind | mutants | reason |\n|---|---|---|');
for (const [k, why] of Object.entries(kinds)) console.log(`| ${k} | ${count(k)} | ${why} |`);
for (const k of Object.keys(kinds)) {
  const these = rows.filter((r) => r.kind === k).sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  if (these.length === 0) continue;
  console.log(`\n## ${k} (${these.length})\n`);
  console.log('| where | status | mutator | replacement |\n|---|---|---|---|');
  for (const r of these) console.log(`| \`${r.file}:${r.line}\` | ${r.status} | ${r.mutator} | \`${r.replacement}\`${k === 'read' ? ` — ${readNotes[`${r.file}:${r.line}`]}` : ''} |`);
}
