/**
 * Which AWS the kit talks to. Every lab runs against three targets with the same code; only the
 * endpoint, region and credentials change, and this module decides them.
 */
import { DEFAULT_ACCOUNT_ID as EMULATOR_ACCOUNT_ID } from '../emulator/identity.ts';
import { coreMessage } from './core-messages.ts';
import { WorkshopError, EXIT } from './errors.ts';

/** The targets a lab can run against. */
export const TARGET_NAMES = ['emulator', 'localstack', 'aws'] as const;

/** One of {@link TARGET_NAMES}. */
export type TargetName = (typeof TARGET_NAMES)[number];

/** Where the kit's own emulator listens unless told otherwise. */
export const EMULATOR_PORT = 4566;

/** The emulator's default endpoint: loopback only, the port LocalStack uses. */
export const DEFAULT_EMULATOR_ENDPOINT = `http://127.0.0.1:${EMULATOR_PORT}`;

/** LocalStack's endpoint as docker-compose.yml publishes it. */
export const DEFAULT_LOCALSTACK_ENDPOINT = `http://127.0.0.1:${EMULATOR_PORT}`;

/** The account the local targets use for an access key that is not a 12-digit account id. */
export const DEFAULT_ACCOUNT_ID = EMULATOR_ACCOUNT_ID;

/** How the target was chosen, so messages can say where a value came from. */
export type TargetSource = '--target' | 'WORKSHOP_TARGET' | 'AWS_ENDPOINT_URL' | 'default';

/** A resolved target: everything an SDK client needs. */
export interface Target {
  name: TargetName;
  source: TargetSource;
  region: string;
  /** Absent for `aws`: the SDK then uses AWS's own endpoints. */
  endpoint: string | undefined;
  /** Fixed test credentials for local targets; absent for `aws` (the SDK's default chain). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
}

/** Inputs to {@link resolveTarget}; `env` defaults to `process.env`. */
export interface ResolveTargetOptions {
  /** The value of `--target`, if given. */
  flag?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** A 12-digit account id for local targets (cohort grading gives each learner one). */
  accountId?: string | undefined;
}

/** True when `name` is one of {@link TARGET_NAMES}. */
export function isTargetName(name: string): name is TargetName {
  return (TARGET_NAMES as readonly string[]).includes(name);
}

/**
 * Picks the target: `--target` first, then `WORKSHOP_TARGET`, then an `AWS_ENDPOINT_URL` already
 * set (which means a LocalStack-style endpoint), else the emulator.
 */
export function resolveTarget(options: ResolveTargetOptions = {}): Target {
  const env = options.env ?? process.env;
  const endpointFromEnv = nonEmpty(env.AWS_ENDPOINT_URL);
  const [name, source] = chooseName(options.flag, nonEmpty(env.WORKSHOP_TARGET), endpointFromEnv);
  const region = nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION) ?? 'us-east-1';

  if (name === 'aws') {
    if (endpointFromEnv) {
      throw new WorkshopError('TARGET_CONFLICT', coreMessage('targetConflict', { source, endpoint: endpointFromEnv }), { hint: coreMessage('targetConflictHint'), exitCode: EXIT.usage });
    }
    return { name, source, region, endpoint: undefined, credentials: undefined };
  }

  const fallback = name === 'emulator' ? DEFAULT_EMULATOR_ENDPOINT : localstackEndpoint(env);
  const endpoint = checkEndpoint(endpointFromEnv ?? fallback);
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  if (!/^\d{12}$/.test(accountId)) {
    throw new WorkshopError('BAD_ACCOUNT_ID', coreMessage('badAccountId', { id: accountId }), { exitCode: EXIT.usage });
  }
  // Local targets read the account from the access key id: a 12-digit key is that account.
  const accessKeyId = options.accountId ?? 'test';
  return { name, source, region, endpoint, credentials: { accessKeyId, secretAccessKey: 'test' } };
}

/** The local target with `secret` for its key: where the emulator verifies signatures (grading), each run holds its account's own. */
export function withSecret(target: Target, secret: string | undefined): Target {
  return target.credentials && secret ? { ...target, credentials: { ...target.credentials, secretAccessKey: secret } } : target;
}

/** LocalStack's own setting `LOCALSTACK_HOST` (`host[:port]`, port 4566 by default) names its endpoint when AWS_ENDPOINT_URL does not. */
function localstackEndpoint(env: NodeJS.ProcessEnv): string {
  const host = nonEmpty(env.LOCALSTACK_HOST);
  if (!host) return DEFAULT_LOCALSTACK_ENDPOINT;
  const withScheme = /^https?:\/\//.test(host) ? host : `http://${host}`;
  return /:\d+$/.test(withScheme.replace(/\/+$/, '')) ? withScheme : `${withScheme.replace(/\/+$/, '')}:${EMULATOR_PORT}`;
}

function chooseName(flag: string | undefined, fromEnv: string | undefined, endpoint: string | undefined): [TargetName, TargetSource] {
  if (flag !== undefined) return [validName(flag, '--target'), '--target'];
  if (fromEnv !== undefined) return [validName(fromEnv, 'WORKSHOP_TARGET'), 'WORKSHOP_TARGET'];
  if (endpoint !== undefined) return ['localstack', 'AWS_ENDPOINT_URL'];
  return ['emulator', 'default'];
}

function validName(value: string, source: string): TargetName {
  const name = value.trim().toLowerCase();
  if (isTargetName(name)) return name;
  throw new WorkshopError('UNKNOWN_TARGET', coreMessage('unknownTarget', { value, source }), {
    hint: coreMessage('chooseTarget', { names: TARGET_NAMES.join(', ') }),
    exitCode: EXIT.usage,
  });
}

function checkEndpoint(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new WorkshopError('BAD_ENDPOINT', coreMessage('endpointNotUrl', { value }), {
      hint: coreMessage('endpointExample'),
      exitCode: EXIT.usage,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new WorkshopError('BAD_ENDPOINT', coreMessage('endpointScheme', { value }), {
      exitCode: EXIT.usage,
    });
  }
  return url.origin;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
