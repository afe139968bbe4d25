// Lists the mutants that survived (or had no coverage) in a Stryker JSON report, by file and
// line, with the mutator and the replacement, and a score summary per file. Usage:
//   node scripts/mutation-survivors.mjs [reports/mutation/mutation.json] [--markdown]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const markdown = args.includes('--markdown');
const file = args.find((a) => !a.startsWith('--')) ?? 'reports/mutation/mutation.json';
const report = JSON.parse(readFileSync(file, 'utf8'));

const counted = ['Killed', 'Timeout', 'Survived', 'NoCoverage'];
let total = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0 };
const perFile = [];
const open = [];
for (const [name, f] of Object.entries(report.files)) {
  const c = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0 };
  const lines = f.source.split('\n');
  for (const m of f.mutants) {
    c[m.status] = (c[m.status] ?? 0) + 1;
    if (m.status === 'Survived' || m.status === 'NoCoverage') {
      const line = m.location.start.line;
      const original = (lines[line - 1] ?? '').trim();
      open.push({ file: name, line, status: m.status, mutator: m.mutatorName, replacement: (m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 90), original: original.slice(0, 110) });
    }
  }
  for (const k of Object.keys(total)) total[k] += c[k] ?? 0;
  perFile.push([name, c]);
}
const score = (c) => {
  const detected = c.Killed + c.Timeout;
  const valid = counted.reduce((n, k) => n + c[k], 0);
  return valid === 0 ? 100 : (100 * detected) / valid;
};
const pct = (x) => `${x.toFixed(2)} %`;
console.log(`${file}: ${counted.map((k) => `${k} ${total[k]}`).join(', ')}, Ignored ${total.Ignored}; score ${pct(score(total))}`);
console.log('');
if (markdown) console.log('| file | killed | timeout | survived | no coverage | score |\n|---|---|---|---|---|---|');
for (const [name, c] of perFile.sort((a, b) => a[0].localeCompare(b[0]))) {
  if (markdown) console.log(`| ${name} | ${c.Killed} | ${c.Timeout} | ${c.Survived} | ${c.NoCoverage} | ${pct(score(c))} |`);
  else console.log(`${pct(score(c)).padStart(9)}  ${name}  (survived ${c.Survived}, no coverage ${c.NoCoverage})`);
}
console.log('');
for (const m of open.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)) {
  console.log(markdown ? `- \`${m.file}:${m.line}\` ${m.status} ${m.mutator}: \`${m.replacement}\` in \`${m.original}\`` : `${m.file}:${m.line} ${m.status} ${m.mutator}: ${m.replacement}    | ${m.original}`);
}
