// Prints the `--mutate` list of a scoped Stryker run over the lines of the survivors that
// docs/mutation-survivors.md lists: each row's line at the run's commit is found again in the
// working tree by its text (the nearest occurrence), so the scoped run tests the same mutants
// after the code around them moved. Usage:
//   node scripts/mutation-scope.mjs [COMMIT] > scope.txt   (COMMIT: the complete run's, default ef40d68)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const commit = process.argv[2] ?? 'ef40d68';
const rows = readFileSync('docs/mutation-survivors.md', 'utf8')
  .split('\n')
  .map((l) => /^\| `([^`]+):(\d+)` \|/.exec(l))
  .filter((m) => m !== null)
  .map((m) => ({ file: m[1], line: Number(m[2]) }));

const oldText = new Map();
const newText = new Map();
const linesAt = (cache, file, read) => {
  if (!cache.has(file)) cache.set(file, read().split('\n'));
  return cache.get(file);
};
const lines = new Map();
let lost = 0;
for (const { file, line } of rows) {
  const before = linesAt(oldText, file, () => execFileSync('git', ['show', `${commit}:${file}`], { encoding: 'utf8' }));
  let now;
  try {
    now = linesAt(newText, file, () => readFileSync(file, 'utf8'));
  } catch {
    lost += 1; // the file is gone
    continue;
  }
  const text = (before[line - 1] ?? '').trim();
  let best = -1;
  now.forEach((l, i) => {
    if (l.trim() === text && (best < 0 || Math.abs(i + 1 - line) < Math.abs(best - line))) best = i + 1;
  });
  if (best < 0) {
    lost += 1; // the line is gone (fixed since)
    continue;
  }
  if (!lines.has(file)) lines.set(file, new Set());
  lines.get(file).add(best);
}
const scope = [...lines].flatMap(([file, set]) => [...set].sort((a, b) => a - b).map((l) => `${file}:${l}-${l}`));
console.error(`${rows.length} survivors, ${scope.length} lines, ${lost} rows whose line is gone`);
console.log(scope.join(','));
