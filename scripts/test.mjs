// The project's one test command (`npm test`): make sure Debian's chromium is there for the
// browser test (installing it with apt-get when missing, and saying so), type-check, run every
// spec and property with vitest — the browser spec (spec/browser/) included — and end with the
// plain line `N passed, N failed` that CI reads. Exit code 1 on any failure.
//
// A browser test never counts as a pass unless it ran: a skipped or missing browser test is
// counted as failed, and a browser that cannot be installed makes the browser spec fail.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium.mjs';

const report = 'reports/vitest.json';
mkdirSync('reports', { recursive: true });
rmSync(report, { force: true });

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1;

const browser = ensureChromium();
if (!browser) console.log('chromium: not available; the browser test will fail (it never skips)');

const typecheck = run('npx', ['tsc', '--noEmit']);
const vitest = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);

let passed = 0;
let failed = 0;
let browserPassed = 0;
let browserFailed = 0;
let browserNotRun = 0;
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests ?? 0;
  failed = r.numFailedTests ?? 0;
  if (r.numTotalTests === 0 || r.success === false) failed = Math.max(failed, 1);
  for (const file of r.testResults ?? []) {
    if (!String(file.name ?? '').includes('/spec/browser/')) continue;
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'passed') browserPassed += 1;
      else if (t.status === 'failed') browserFailed += 1;
      else if (t.status !== 'failed') browserNotRun += 1; // skipped, pending or todo
    }
  }
} catch {
  failed = Math.max(failed, 1);
}
if (browserNotRun > 0) {
  console.log(`browser test: ${browserNotRun} test(s) did not run: counted as failed`);
  failed += browserNotRun;
}
if (browserPassed + browserFailed + browserNotRun === 0) {
  console.log('browser test: no result from spec/browser/: counted as one failed test');
  failed += 1;
}
if (typecheck !== 0) {
  console.log('typecheck failed: counted as one failed test');
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || vitest !== 0 ? 1 : 0;
