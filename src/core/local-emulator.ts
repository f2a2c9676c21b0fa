/** Makes sure an emulator answers for the emulator target, starting one in this process if none does. */
import { probeEndpoint } from './probe.ts';
import type { Target } from './target.ts';
import { EXIT, WorkshopError } from './errors.ts';

/** A handle to stop what {@link ensureEmulator} started (nothing when one was already running). */
export interface EmulatorLease {
  startedHere: boolean;
  stop(): Promise<void>;
}

/** The state folder `npm start` uses, so what a command deploys is still there when the learner starts the kit. */
export const PROJECT_STATE_DIR = '.workshop/emulator-state';

/**
 * When the target is the emulator and nothing answers at its endpoint, starts one in-process for
 * this run, keeping state in `stateDir` when given (memory only otherwise).
 */
export async function ensureEmulator(target: Target, stateDir?: string): Promise<EmulatorLease> {
  const none: EmulatorLease = { startedHere: false, stop: async () => {} };
  if (target.name !== 'emulator' || !target.endpoint) return none;
  const found = await probeEndpoint(target.endpoint, 1000);
  if (found.kind === 'emulator') return none;
  if (found.kind !== 'free') {
    throw new WorkshopError('ENDPOINT_BUSY', `${target.endpoint} answers, but not as the workshop emulator (${found.kind === 'localstack' ? 'it is LocalStack' : found.detail})`, {
      hint: found.kind === 'localstack' ? 'use --target localstack, or stop LocalStack' : 'run `npx workshop doctor` to see what holds the port',
      exitCode: EXIT.failed,
    });
  }
  const url = new URL(target.endpoint);
  const { startEmulator } = await import('../emulator/server.ts');
  const running = await startEmulator({ port: Number(url.port || 80), host: url.hostname, log: () => {}, ...(stateDir ? { stateDir } : {}) });
  return { startedHere: true, stop: () => running.stop() };
}
