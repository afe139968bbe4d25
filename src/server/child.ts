/**
 * The reference server as a child process (`node --import tsx src/server/main.ts …`), for the
 * load test and the process specs: started, and resolved once it prints its `listening on` line.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** A server child process and the URL it listens on. */
export interface ServerChild {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything it wrote to stderr so far. */
  readonly stderr: () => string;
  /** Resolves with the exit code (or signal) once it ends. */
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
}

/** Starts the server program with `args` and waits for its `listening on` line; rejects with its stderr if it exits first. */
export const startServerChild = (args: ReadonlyArray<string>): Promise<ServerChild> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const exited = new Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1] !== undefined) resolve({ child, url: m[1], stderr: () => err, exited });
    });
    void exited.then(({ code }) => reject(new Error(`the server exited (${String(code)}) before listening:\n${err}`)));
  });
