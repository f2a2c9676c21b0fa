/**
 * How strictly IAM policies are applied: `enforce` refuses what no policy allows, as AWS does;
 * `report` lets the call through and records the refusal it would have been (trace and log);
 * `off` checks nothing. Unless told otherwise, calls made with role credentials (functions,
 * assumed roles) are enforced and calls with the account's own keys (the learner's) reported.
 */
import type { Principal } from './principal.ts';

/** One of the IAM modes. */
export type IamMode = 'enforce' | 'report' | 'off';

/** The modes `--iam` accepts. */
export const IAM_MODES: readonly IamMode[] = ['enforce', 'report', 'off'];

/** The mode of role sessions when none is set. */
export const DEFAULT_ROLE_MODE: IamMode = 'enforce';

/** The mode of the account's own keys when none is set. */
export const DEFAULT_ACCOUNT_MODE: IamMode = 'report';

/** True for a value `--iam` accepts. */
export function isIamMode(value: unknown): value is IamMode {
  return typeof value === 'string' && (IAM_MODES as readonly string[]).includes(value);
}

/** The mode that applies to a call by `principal` under the emulator's setting (undefined: the defaults). */
export function modeFor(setting: IamMode | undefined, principal: Principal): IamMode {
  return setting ?? (principal.session ? DEFAULT_ROLE_MODE : DEFAULT_ACCOUNT_MODE);
}
