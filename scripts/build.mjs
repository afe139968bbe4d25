// `npm run build` (and `prepare`, so installing from git builds the package): a clean dist/ with
// ESM and type declarations from src/ only (tsconfig.build.json), the CLI made executable.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/lib/tsc.js');
rmSync('dist', { recursive: true, force: true });
const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
const bin = 'dist/cli/main.js';
if (!existsSync(bin)) {
  console.error(`build: ${bin} is missing`);
  process.exit(1);
}
chmodSync(bin, 0o755);
