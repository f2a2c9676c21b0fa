/** Runs the emulator in the foreground for the `emulator` and `start` commands, stopping cleanly on Ctrl-C. */
import { EXIT, WorkshopError } from '../core/errors.ts';
import { accessFromEnv } from '../emulator/access.ts';
import { runReadyHooks } from '../emulator/init-hooks.ts';
import { startEmulator, type RunningEmulator } from '../emulator/server.ts';
import type { IamMode } from '../emulator/policy/mode.ts';
import { commandMessage, commandText } from './command-messages.ts';

/** Options for {@link runEmulatorUntilStopped}. */
export interface ForegroundOptions {
  port: number;
  host: string;
  stateDir?: string | undefined;
  /** LocalStack's behaviour: EventBridge invokes Lambda targets without checking their resource policy. */
  relaxedPermissions?: boolean | undefined;
  /** `--iam`: how IAM policies apply; undefined keeps the defaults (enforce for role credentials, report for the account's keys). */
  iam?: IamMode | undefined;
  /** `--allow-origin` values: pages besides the lesson site that may call the emulator. */
  allowOrigins?: string[] | undefined;
  /** `--allow-host` values: host names besides this machine's own. */
  allowHosts?: string[] | undefined;
  /** Lines printed once it listens; `{url}` stands for its address. */
  nextSteps?: string[];
  /** Something that runs beside the emulator (the lesson site): started after it, stopped before it. */
  companion?: (emulatorUrl: string) => Promise<Companion>;
}

/** What runs beside the emulator; its `origin`, when it serves pages, joins the emulator's allow-list. */
export interface Companion {
  describe: string;
  origin?: string | undefined;
  stop(): Promise<void>;
}

/** Starts the emulator, prints where it listens, and resolves when SIGINT or SIGTERM stops it. */
export async function runEmulatorUntilStopped(options: ForegroundOptions): Promise<void> {
  let running: RunningEmulator;
  const fromEnv = accessFromEnv(process.env);
  try {
    running = await startEmulator({
      port: options.port,
      host: options.host,
      stateDir: options.stateDir,
      access: {
        allowOrigins: [...(fromEnv.allowOrigins ?? []), ...(options.allowOrigins ?? [])],
        allowHosts: [...(fromEnv.allowHosts ?? []), ...(options.allowHosts ?? [])],
      },
      settings: { skipLambdaPermissionCheck: options.relaxedPermissions === true, iam: options.iam },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new WorkshopError('PORT_IN_USE', commandMessage('portInUse', { port: options.port, host: options.host }), {
        hint: commandMessage('portInUseHint'),
        exitCode: EXIT.failed,
      });
    }
    throw error;
  }
  const services = [...running.emulator.services.keys()].join(', ');
  console.log(commandText('listening', { url: running.url, services }));
  if (running.emulator.store.stateDir) console.log(commandText('stateKept', { dir: running.emulator.store.stateDir }));
  if (options.relaxedPermissions) console.log(commandText('relaxed'));
  // LocalStack's READY hooks: the learner's scripts in .workshop/init/ready.d run now, beside the requests they make.
  runReadyHooks(running.emulator).catch((error: unknown) => running.emulator.log(`init scripts could not run: ${(error as Error).message}`));
  // Listening for Ctrl-C from here on, so one pressed while the site is still building stops the emulator cleanly too.
  let interrupted = false;
  const stopAsked = untilInterrupted().then(() => {
    interrupted = true;
  });
  let companion: Companion | undefined;
  if (options.companion) {
    const starting = options.companion(running.url).then((started) => {
      if (interrupted) void started.stop().catch(() => {});
      return started;
    });
    starting.catch(() => {});
    try {
      companion = await Promise.race([starting, stopAsked.then(() => undefined)]);
      if (companion?.origin) running.emulator.access.allowOrigin(companion.origin);
      if (companion) console.log(companion.describe);
    } catch (error) {
      console.error(commandText('siteFailed', { reason: (error as Error).message }));
    }
  }
  if (!interrupted) {
    for (const line of options.nextSteps ?? []) console.log(line.replaceAll('{url}', running.url));
    console.log(commandText('pressCtrlC'));
    await stopAsked;
  }
  console.log(`\n${commandText('stopping')}`);
  await (companion?.stop() ?? Promise.resolve()).catch(() => {});
  await running.stop();
}

/** Resolves at the first Ctrl-C (SIGINT) or SIGTERM, and stops listening for them. */
export function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
