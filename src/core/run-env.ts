/**
 * The variables learner code gets to reach a target (a check's graders, a deploy's setup calls):
 * the target's endpoint, region and credentials, and nothing of the host's AWS settings.
 */
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
