/** The emulator as a separate process (`workshop emulator`), for what only a real process shows: kill -9. */
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI_ENTRY } from './cli.ts';

/** An emulator running in a child process. */
export interface EmulatorProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

/** Starts `workshop emulator --port 0` with `args` and waits for its URL. */
export async function spawnEmulator(args: string[], env: NodeJS.ProcessEnv = {}): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [CLI_ENTRY, 'emulator', '--port', '0', ...args], {
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator printed no URL in 20 s:\n${printed}`)), 20_000);
    const look = () => {
      const found = /listening on (http:\/\/\S+)/.exec(printed);
      if (!found) return;
      clearTimeout(timer);
      child.stdout!.off('data', look);
      resolve(found[1]!);
    };
    child.stdout!.on('data', look);
    child.once('exit', () => reject(new Error(`the emulator exited before listening:\n${printed}`)));
  });
  return { url, child, output: () => printed, exited };
}

/** Kills the process at once (SIGKILL: no exit handler runs) and waits until it is gone. */
export async function killHard(running: EmulatorProcess): Promise<void> {
  running.child.kill('SIGKILL');
  await running.exited;
}
