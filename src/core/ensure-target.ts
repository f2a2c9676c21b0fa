/**
 * Makes sure the chosen target is the one that answers, once, before any check runs: the emulator
 * (started in this process when none answers), LocalStack (refused when the kit's own emulator
 * answers in its place), or AWS (refused when no credentials can be found).
 */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createClients } from './clients.ts';
import { coreMessage } from './core-messages.ts';
import { EXIT, WorkshopError } from './errors.ts';
import { probeEndpoint } from './probe.ts';
import type { Target } from './target.ts';

/** A handle to stop what {@link ensureTarget} started (nothing when one was already running). */
export interface EmulatorLease {
  startedHere: boolean;
  stop(): Promise<void>;
}

/** The state folder `npm start` uses, so what a command deploys is still there when the learner starts the kit. */
export const PROJECT_STATE_DIR = '.workshop/emulator-state';

const NONE: EmulatorLease = { startedHere: false, stop: async () => {} };

/**
 * Checks that the target answers as itself. For the emulator target, when nothing answers at its
 * endpoint, starts one in-process for this run, keeping state in `stateDir` when given.
 */
export async function ensureTarget(target: Target, stateDir?: string): Promise<EmulatorLease> {
  if (target.name === 'aws') return requireAwsCredentials(target);
  if (!target.endpoint) return NONE;
  const found = await probeEndpoint(target.endpoint, 1000);
  if (target.name === 'localstack') return requireLocalStack(target, found);
  if (found.kind === 'emulator') return NONE;
  if (found.kind !== 'free') {
    throw new WorkshopError('ENDPOINT_BUSY', coreMessage('endpointBusy', { endpoint: target.endpoint, what: found.kind === 'localstack' ? coreMessage('itIsLocalStack') : found.detail }), {
      hint: found.kind === 'localstack' ? coreMessage('useLocalStackOrStop') : coreMessage('doctorForPort'),
      exitCode: EXIT.failed,
    });
  }
  const url = new URL(target.endpoint);
  const { startEmulator } = await import('../emulator/server.ts');
  const running = await startEmulator({ port: Number(url.port || 80), host: url.hostname, log: () => {}, ...(stateDir ? { stateDir } : {}) });
  return { startedHere: true, stop: () => running.stop() };
}

function requireLocalStack(target: Target, found: Awaited<ReturnType<typeof probeEndpoint>>): EmulatorLease {
  if (found.kind === 'localstack') return NONE;
  const where = { source: target.source, endpoint: target.endpoint ?? '' };
  const message = found.kind === 'emulator'
    ? coreMessage('notLocalStackEmulator', where)
    : found.kind === 'free'
      ? coreMessage('notLocalStackFree', where)
      : coreMessage('notLocalStackOther', { ...where, detail: found.detail });
  throw new WorkshopError('NOT_LOCALSTACK', message, {
    hint: found.kind === 'emulator' ? coreMessage('stopEmulatorForLocalStack') : coreMessage('startLocalStack'),
    exitCode: EXIT.failed,
  });
}

async function requireAwsCredentials(target: Target): Promise<EmulatorLease> {
  const clients = createClients(target);
  try {
    await clients.sts.send(new GetCallerIdentityCommand({}));
    return NONE;
  } catch (error) {
    const name = (error as Error).name;
    const noCredentials = name === 'CredentialsProviderError' || (/credential/i.test((error as Error).message) && !/InvalidClientTokenId|SignatureDoesNotMatch/.test(name));
    throw new WorkshopError(noCredentials ? 'NO_AWS_CREDENTIALS' : 'AWS_UNREACHABLE', noCredentials
      ? coreMessage('noAwsCredentials', { source: target.source })
      : coreMessage('awsUnreachable', { source: target.source, name, message: (error as Error).message }), {
      hint: noCredentials ? coreMessage('configureAws') : coreMessage('checkAwsCredentials'),
      exitCode: EXIT.failed,
    });
  } finally {
    clients.destroy();
  }
}
