/**
 * The operating-system side of an execution environment: spawns the runtime in its own process
 * group (so ending it also ends whatever it started), reads its stdout and stderr line by line,
 * and reports its exit once its output is read. Processes still alive when the emulator's own
 * process exits are ended with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { Launch } from './launch.ts';
import { LineSplitter } from './output-lines.ts';

/** How the process ended; `failure` when it could not start at all. */
export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
  failure?: string;
}

/** What the process tells its environment. */
export interface ProcessListener {
  line(text: string, fromStdout: boolean): void;
  exit(status: ExitStatus): void;
}

/** After exit, how long output may still arrive (a leftover grandchild can hold the pipes open). */
const DRAIN_MS = 200;

const live = new Set<ChildProcess>();
let exitHook = false;

function killGroup(child: ChildProcess): void {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    try {
      child.kill('SIGKILL');
    } catch {
      // Gone already.
    }
  }
}

/** One runtime process. */
export class RuntimeProcess {
  private readonly child: ChildProcess;
  private readonly listener: ProcessListener;
  private status: ExitStatus = { code: null, signal: null };
  private reported = false;

  constructor(launch: Launch, cwd: string, listener: ProcessListener) {
    this.listener = listener;
    const child = spawn(launch.command, launch.args, { cwd, env: launch.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.child = child;
    live.add(child);
    if (!exitHook) {
      exitHook = true;
      process.once('exit', () => live.forEach(killGroup));
    }
    this.read(child.stdout!, true);
    this.read(child.stderr!, false);
    child.on('error', (error) => {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) return;
      this.status = { code: null, signal: null, failure: error.message };
      this.report();
    });
    child.on('exit', (code, signal) => {
      this.status = { code, signal };
      setTimeout(() => this.report(), DRAIN_MS).unref();
    });
    child.on('close', () => this.report());
    // Warm environments must not keep the emulator's process alive on their own.
    child.unref();
  }

  /** The process id, while it runs. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Ends the process and its process group at once. */
  kill(): void {
    killGroup(this.child);
  }

  private read(stream: Readable, fromStdout: boolean): void {
    const lines = new LineSplitter((line) => this.listener.line(line, fromStdout));
    stream.on('data', (chunk: Buffer) => lines.push(chunk));
    stream.on('end', () => lines.end());
    stream.on('error', () => {});
    (stream as Readable & { unref?: () => void }).unref?.();
  }

  private report(): void {
    if (this.reported) return;
    this.reported = true;
    live.delete(this.child);
    // Whatever the runtime started goes with it.
    killGroup(this.child);
    this.listener.exit(this.status);
  }
}
