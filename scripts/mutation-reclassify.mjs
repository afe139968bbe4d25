// Re-sorts the survivors of the complete run (the rows of docs/mutation-survivors.md) after a
// scoped run over their lines (scripts/mutation-scope.mjs): each row is matched to the scoped
// run's mutants by file, mutator, replacement and the text of the mutated line (line numbers
// moved), so a row the scoped run killed is `killed`; a row that still survives is `equivalent`
// when a note (scripts/mutation-notes/*.mjs, or the note and kind the list already gave it) says
// why, and `not killed` otherwise. Writes the new list as Markdown to stdout and a summary to
// stderr. Usage:
//   node scripts/mutation-reclassify.mjs SCOPED.json [COMMIT] > NEW.md   (COMMIT: the complete run's, default ef40d68)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import text from './mutation-notes/text.mjs';
import guards from './mutation-notes/guards.mjs';
import after from './mutation-notes/after.mjs';

const scoped = JSON.parse(readFileSync(process.argv[2] ?? 'reports/mutation/mutation.json', 'utf8'));
const commit = process.argv[3] ?? 'ef40d68';
const norm = (r) => (r ?? '').replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(0, 80);

// The rows of the complete run, with the kind and note the list gave them.
const rows = [];
let section = '';
for (const l of readFileSync('docs/mutation-survivors.md', 'utf8').split('\n')) {
  const h = /^## (\w+)/.exec(l);
  if (h !== null) section = h[1];
  const m = /^\| `([^`]+):(\d+)` \| (\w+) \| (\w+) \| `(.*)`(?: — (.*))? \|$/.exec(l);
  if (m !== null) rows.push({ file: m[1], line: Number(m[2]), status: m[3], mutator: m[4], replacement: m[5], oldKind: section, oldNote: m[6] });
}

const sourceAt = new Map();
const oldLine = (file, line) => {
  if (!sourceAt.has(file)) sourceAt.set(file, execFileSync('git', ['show', `${commit}:${file}`], { encoding: 'utf8' }).split('\n'));
  return (sourceAt.get(file)[line - 1] ?? '').trim();
};
const key = (file, mutator, replacement, lineText) => `${file}|${mutator}|${replacement}|${lineText}`;

// Notes by key (several rows may share a key: the notes are kept in order).
const notes = new Map();
for (const n of [...text, ...guards]) {
  const k = key(n.file, n.mutator, norm(n.replacement).replace(/\\\|/g, '|').replace(/\|/g, '\\|'), n.line);
  if (!notes.has(k)) notes.set(k, []);
  notes.get(k).push(n);
}

// The scoped run's mutants by key: how many survived (Survived or NoCoverage) and how many were detected.
const scopedTally = new Map();
const scopedLines = new Set();
for (const [file, f] of Object.entries(scoped.files)) {
  const lines = f.source.split('\n');
  for (const m of f.mutants) {
    const lineText = (lines[m.location.start.line - 1] ?? '').trim();
    scopedLines.add(`${file}|${lineText}`);
    const k = key(file, m.mutatorName, norm(m.replacement), lineText);
    if (!scopedTally.has(k)) scopedTally.set(k, { survived: 0, detected: 0, timeout: 0, other: 0 });
    const t = scopedTally.get(k);
    if (m.status === 'Survived' || m.status === 'NoCoverage') t.survived += 1;
    else if (m.status === 'Killed') t.detected += 1;
    else if (m.status === 'Timeout') t.timeout += 1;
    else t.other += 1;
  }
}

// Notes written after the scoped run, by key: they apply to every surviving mutant of the key.
const afterNotes = new Map(after.map((n) => {
  const [file, line] = n.at.split(':');
  return [key(file, n.mutator, n.replacement, oldLine(file, Number(line))), n];
}));

const equivalentKinds = { shortcut: 'a shortcut (the untraced reading, a filter, a hand split) whose alternative gives the same answer' };

// Rows, with their key and note. Several mutants of one line may share a key (the same mutator and
// replacement at different columns, which the list does not record): the scoped run's survivors of
// a key go first to the rows whose note says equivalent, then to rows without a verdict, and last to
// rows whose note names the spec that kills them.
const keyed = rows.map((r) => {
  const lineText = oldLine(r.file, r.line);
  return { r, lineText, k: key(r.file, r.mutator, r.replacement, lineText) };
});
const noteCursor = new Map();
for (const x of keyed) {
  const nth = noteCursor.get(x.k) ?? 0;
  noteCursor.set(x.k, nth + 1);
  x.note = notes.get(x.k)?.[nth] ?? notes.get(x.k)?.[0];
  const equivalent = x.note?.verdict === 'equivalent' || x.r.oldNote?.startsWith('equivalent') || equivalentKinds[x.r.oldKind] !== undefined;
  const killedNote = x.note?.verdict === 'killed' || x.r.oldKind === 'killed';
  x.rank = equivalent ? 0 : killedNote ? 2 : 1;
}
const survivorSlots = new Map();
for (const x of [...keyed].sort((a, b) => a.rank - b.rank)) {
  const t = scopedTally.get(x.k);
  const taken = survivorSlots.get(x.k) ?? 0;
  // a timeout counts as detected, as Stryker counts it, unless a note written after the run says the mutant is equivalent
  const survived = t === undefined ? 0 : t.survived + (afterNotes.get(x.k)?.verdict === 'equivalent' ? t.timeout : 0);
  x.survives = taken < survived;
  if (x.survives) survivorSlots.set(x.k, taken + 1);
}

const out = [];
for (const { r, lineText, k, note, survives } of keyed) {
  let kind;
  let why;
  if (!scopedLines.has(`${r.file}|${lineText}`)) {
    kind = 'fixed';
    why = r.oldKind === 'fixed' ? 'the code is gone' : 'the line is gone';
  } else if (!survives) {
    kind = 'killed';
    why = note?.verdict === 'killed' ? note.note : r.oldNote ?? 'killed by the scoped run';
  } else if (afterNotes.get(k)?.verdict === 'killedAfter') {
    kind = 'killed';
    why = `after the scoped run: ${afterNotes.get(k).note} (checked by planting the mutant by hand)`;
  } else if (afterNotes.get(k)?.verdict === 'equivalent') {
    kind = 'equivalent';
    why = afterNotes.get(k).note;
  } else if (note?.verdict === 'equivalent') {
    kind = 'equivalent';
    why = note.note;
  } else if (r.oldNote?.startsWith('equivalent')) {
    kind = 'equivalent';
    why = r.oldNote.replace(/^equivalent: /, '');
  } else if (equivalentKinds[r.oldKind] !== undefined) {
    kind = 'equivalent';
    why = equivalentKinds[r.oldKind];
  } else {
    kind = 'not killed';
    why = note?.note ?? r.oldNote ?? '';
  }
  out.push({ ...r, kind, why });
}

const order = ['fixed', 'killed', 'equivalent', 'not killed'];
const count = (k) => out.filter((r) => r.kind === k).length;
console.error(order.map((k) => `${k} ${count(k)}`).join(', '));
console.log('# Surviving mutants of the complete run, and what became of each\n');
console.log(
  `Generated by \`node scripts/mutation-reclassify.mjs\` from the ${rows.length} survivors of the complete run (commit ${commit}) and the scoped run over their lines that docs/mutation.md describes. ` +
    'A row is matched to the scoped run by file, mutator, replacement and the text of its line. `killed`: the scoped run killed it; `equivalent`: it still survives and the note says why no test can tell it apart; `not killed`: it survives with no such reason; `fixed`: its line is gone.\n',
);
console.log('| what became of it | mutants |\n|---|---|');
for (const k of order) console.log(`| ${k} | ${count(k)} |`);
for (const k of order) {
  const these = out.filter((r) => r.kind === k).sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  if (these.length === 0) continue;
  console.log(`\n## ${k} (${these.length})\n`);
  console.log('| where (line at the complete run) | status then | mutator | replacement | why |\n|---|---|---|---|---|');
  for (const r of these) console.log(`| \`${r.file}:${r.line}\` | ${r.status} | ${r.mutator} | \`${r.replacement}\` | ${(r.why ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`);
}
