/**
 * The variables learner code gets to reach a target (a check's graders, a deploy's setup calls):
 * the target's endpoint, region and credentials, and nothing of the host's AWS settings.
 */
import { randomBytes } from 'node:crypto';
import { devNull } from 'node:os';
import type { Target } from './target.ts';

/**
 * The variables that point learner code at `target`: its endpoint and region, and on a local
 * target the credentials of `account` (12 digits; ignored for aws) and the null device for AWS's files.
 */
export function targetEnvironment(target: Target, account: string): Record<string, string> {
  const env: Record<string, string> = { WORKSHOP_TARGET: target.name, AWS_REGION: target.region };
  if (target.endpoint) env.AWS_ENDPOINT_URL = target.endpoint;
  if (target.name !== 'aws') {
    // Learner code that builds its own SDK clients lands in this account, as code in Lambda does.
    env.WORKSHOP_ACCOUNT = account;
    env.AWS_ACCESS_KEY_ID = account;
    // 'test' everywhere but an emulator that verifies signatures, which gives each account its own.
    env.AWS_SECRET_ACCESS_KEY = target.credentials?.secretAccessKey ?? 'test';
    env.AWS_CONFIG_FILE = devNull;
    env.AWS_SHARED_CREDENTIALS_FILE = devNull;
  }
  return env;
}

/** A random 12-digit account id for a run (never the default account, so runs stay apart). */
export function freshAccountId(): string {
  return `9${String(randomBytes(6).readUIntBE(0, 6) % 1e11).padStart(11, '0')}`;
}

/**
 * The variables a run's graders read (settingsFromEnv in grader/context.ts): each lab's folder,
 * the seed, the resource-name prefix, and the target's; a fresh account and prefix unless given.
 */
export function graderEnvironment(labDirs: Record<string, string>, seed: number, target: Target, options: { prefix?: string; accountId?: string } = {}): Record<string, string> {
  return {
    WORKSHOP_LAB_DIRS: JSON.stringify(labDirs),
    WORKSHOP_SEED: String(seed),
    WORKSHOP_PREFIX: options.prefix ?? `ws${randomBytes(3).toString('hex')}`,
    ...targetEnvironment(target, options.accountId ?? freshAccountId()),
  };
}
