// The project's test command: type-check, run every spec and property with vitest, and end
// with the plain line `N passed, N failed` that CI reads. Exit code 1 on any failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const report = 'reports/vitest.json';
mkdirSync('reports', { recursive: true });
rmSync(report, { force: true });

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1;

const typecheck = run('npx', ['tsc', '--noEmit']);
const vitest = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);

let passed = 0;
let failed = 0;
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests ?? 0;
  failed = r.numFailedTests ?? 0;
  if (r.numTotalTests === 0 || r.success === false) failed = Math.max(failed, 1);
} catch {
  failed = Math.max(failed, 1);
}
if (typecheck !== 0) {
  console.log('typecheck failed: counted as one failed test');
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || vitest !== 0 ? 1 : 0;
