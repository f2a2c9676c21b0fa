/**
 * Makes sure the chosen target is the one that answers, once, before any check runs: the emulator
 * (started in this process when none answers), LocalStack (refused when the kit's own emulator
 * answers in its place), or AWS (refused when no credentials can be found).
 */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createClients } from './clients.ts';
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

function requireLocalStack(target: Target, found: Awaited<ReturnType<typeof probeEndpoint>>): EmulatorLease {
  if (found.kind === 'localstack') return NONE;
  const why = found.kind === 'emulator'
    ? `the kit's own emulator answers at ${target.endpoint}, not LocalStack, so a run would report "target localstack" for the emulator's behaviour`
    : found.kind === 'free'
      ? `nothing answers at ${target.endpoint}`
      : `${target.endpoint} answers, but not as LocalStack (${found.detail})`;
  throw new WorkshopError('NOT_LOCALSTACK', `the localstack target was chosen (${target.source}) but ${why}`, {
    hint: found.kind === 'emulator'
      ? 'stop the kit\'s emulator (Ctrl-C where `npm start` runs) and start LocalStack with `docker compose up -d`, or use --target emulator'
      : 'start LocalStack with `docker compose up -d` and wait for `curl http://127.0.0.1:4566/_localstack/health`, or use --target emulator',
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
      ? `the aws target was chosen (${target.source}) but no AWS credentials were found`
      : `the aws target was chosen (${target.source}) but AWS refused the credentials or could not be reached: ${name}: ${(error as Error).message}`, {
      hint: noCredentials
        ? 'configure a sandbox account with `aws configure` (or set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), then run the command again; or use --target emulator'
        : 'check the credentials with `aws sts get-caller-identity`, and that this machine reaches AWS; or use --target emulator',
      exitCode: EXIT.failed,
    });
  } finally {
    clients.destroy();
  }
}
