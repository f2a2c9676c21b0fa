/** Runs the real `workshop` entry point in a child process, as a user would. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The CLI's entry file, as package.json's bin names it. */
export const CLI_ENTRY = fileURLToPath(new URL('../../bin/workshop.mjs', import.meta.url));

/** What a CLI run printed and how it exited. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `workshop ...args` with Node's own binary; `env` replaces the environment when given. */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI_ENTRY, ...args],
      { env: { ...(options.env ?? process.env), NO_COLOR: '1', FORCE_COLOR: '0' }, cwd: options.cwd, timeout: options.timeoutMs ?? 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
