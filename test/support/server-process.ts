import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** A server started by `startProcess`: its process, everything it printed, and helpers to wait on it. */
export interface ServerProcess {
  child: ChildProcess;
  output(): string;
  waitFor(re: RegExp, ms?: number): Promise<void>;
  exited: Promise<number | null>;
}

/** Every process started, for the test file to kill in afterAll. */
export const startedProcesses: ChildProcess[] = [];

/** Runs `src/main.ts` (what `npm start` runs) as a real process and collects its output. */
export function startProcess(env: Record<string, string>): ServerProcess {
  // Without vitest's NODE_ENV=test, as users run it (libraries behave differently under "test":
  // Apollo's own signal handlers, for one, once held every shutdown until its timeout).
  const { NODE_ENV: _testEnv, ...inherited } = process.env;
  // Node with tsx's loader, not the tsx CLI, which runs the server in a child process and relays
  // signals to it: under heavy load this test once saw that pair exit 143 (killed by the signal)
  // after "ready"; with no wrapper in between, the signal reaches the server's own handler.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env: { ...inherited, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  startedProcesses.push(child);
  let out = '';
  child.stdout!.on('data', (d) => { out += String(d); });
  child.stderr!.on('data', (d) => { out += String(d); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (re: RegExp, ms = 90_000) => {
    const until = Date.now() + ms;
    while (!re.test(out)) {
      if (Date.now() > until || child.exitCode !== null) throw new Error(`did not see ${re} in:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { child, output: () => out, waitFor, exited };
}
