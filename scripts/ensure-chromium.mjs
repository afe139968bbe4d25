// Makes sure Debian's chromium is installed at /usr/bin/chromium for the browser test (issue 8,
// item 9). When it is missing, installs it with apt-get (directly as root, through `sudo -n`
// otherwise) and says so on stdout. Never downloads a browser of its own. Exit 0 when the
// browser is there afterwards, 1 when it is not (the browser test then fails, never skips).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Where the browser test expects Debian's chromium. */
export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const run = (cmd, args, env) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

/** Installs chromium with apt-get when it is missing; returns whether it is there afterwards. */
export const ensureChromium = () => {
  if (existsSync(chromiumPath)) {
    console.log(`chromium: found ${chromiumPath}`);
    return true;
  }
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasSudo = !root && spawnSync('sh', ['-c', 'command -v sudo'], { stdio: 'ignore' }).status === 0;
  if (!root && !hasSudo) {
    console.log(`chromium: ${chromiumPath} is missing, and apt-get needs root or sudo: install it with \`apt-get update && apt-get install -y chromium\``);
    return false;
  }
  console.log(`chromium: ${chromiumPath} is missing; installing Debian's chromium with ${root ? '' : 'sudo '}apt-get update && apt-get install -y chromium`);
  const apt = (args) => (root ? run('apt-get', args, { DEBIAN_FRONTEND: 'noninteractive' }) : run('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args], {}));
  const updated = apt(['update']);
  if (updated !== 0) console.log(`chromium: apt-get update exited ${updated}; trying the install anyway`);
  const installed = apt(['install', '-y', 'chromium']);
  const ok = installed === 0 && existsSync(chromiumPath);
  console.log(ok ? `chromium: installed ${chromiumPath}` : `chromium: apt-get install exited ${installed}; ${chromiumPath} ${existsSync(chromiumPath) ? 'exists' : 'is still missing'}`);
  return ok;
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = ensureChromium() ? 0 : 1;
