/**
 * The process side of one execution environment: its own temporary folder (Lambda's /tmp), the
 * launch of its runtime, and, inside the OS sandbox, the view through bwrap of the runtime's pid
 * (for the memory watch) and exit status.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sandboxedExit, sandboxedPid } from '../../../../sandbox/index.ts';
import { launchFor, type LaunchTarget } from './launch.ts';
import { RuntimeProcess, type ExitStatus } from './runtime-process.ts';
import type { FunctionRuntimeConfig } from './types.ts';

/** What the environment hears from its process. */
export interface ProcessHandlers {
  line(text: string, fromStdout: boolean): void;
  /** Once, with the runtime's own status (not bwrap's), or the reason spawn refused. */
  exit(status: ExitStatus): void;
}

/** The runtime process of one environment, started at most once. */
export class EnvironmentProcess {
  /** True when the program writes the output sync markers (the kit's own bootstraps do). */
  marksOutput = true;
  private child: RuntimeProcess | undefined;
  /** True when the child is bwrap around the runtime (the OS sandbox). */
  private sandboxed = false;
  private runtimePid: number | undefined;
  private tmpDir: string | undefined;

  /** True once the process was spawned. */
  get spawned(): boolean {
    return this.child !== undefined;
  }

  /** The runtime's process id (inside the OS sandbox, bwrap's grandchild). */
  get pid(): number | undefined {
    const pid = this.child?.pid;
    if (!this.sandboxed || pid === undefined) return pid;
    this.runtimePid ??= sandboxedPid(pid);
    return this.runtimePid;
  }

  /** Starts the runtime of `config`; throws LaunchError when the function's environment cannot start. */
  start(config: FunctionRuntimeConfig, target: Omit<LaunchTarget, 'tmpDir'>, handlers: ProcessHandlers): void {
    const launch = launchFor(config, { ...target, tmpDir: this.ownTmpDir() });
    this.marksOutput = launch.marksOutput;
    this.sandboxed = launch.sandboxed;
    try {
      this.child = new RuntimeProcess(launch, config.codeDir, {
        line: (text, fromStdout) => handlers.line(text, fromStdout),
        exit: (status) => handlers.exit(this.sandboxed ? { ...status, ...sandboxedExit(status.code, status.signal) } : status),
      });
    } catch (error) {
      // spawn() refuses some inputs outright, like a variable value with a NUL byte.
      handlers.exit({ code: null, signal: null, failure: (error as Error)?.message ?? String(error) });
    }
  }

  /** Ends the process, if it was spawned. */
  kill(): void {
    this.child?.kill();
  }

  /** Removes the environment's writable folder. */
  removeTmpDir(): void {
    if (this.tmpDir) rmSync(this.tmpDir, { recursive: true, force: true, maxRetries: 2 });
  }

  /** The environment's writable folder, made on first use. */
  private ownTmpDir(): string {
    this.tmpDir ??= mkdtempSync(join(tmpdir(), 'lambda-tmp-'));
    return this.tmpDir;
  }
}
