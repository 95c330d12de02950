import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { DatabaseTarget } from '../../src/config/database-url';
import { databaseUrlOf } from './database-url';

const root = path.resolve(__dirname, '../..');

/** Runs `src/cli/<script>` as an operator runs it (`npm run ...`), on the given database; never throws on a non-zero exit. */
export async function runCli(script: string, args: string[], database: DatabaseTarget): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(path.join(root, 'node_modules/.bin/tsx'), [`src/cli/${script}`, ...args], {
      cwd: root, env: { ...process.env, DATABASE_URL: databaseUrlOf(database), LOG_LEVEL: 'silent' },
    });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}
