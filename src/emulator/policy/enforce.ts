/**
 * The one place IAM is applied to the calls clients make (the emulator's request path calls it
 * after decoding and validating a request, before the operation runs): who the caller is, what the
 * operation needs (actions.ts), what the caller's identity policies and the resource's policy say
 * (evaluate.ts), and, for a refusal, AWS's answer or, in report mode, a note in the trace.
 * The account's root (the long-term keys) needs no policy, as on AWS.
 */
import type { Emulator } from '../emulator.ts';
import type { AwsError } from '../errors.ts';
import { neededFor, type Needed } from './actions.ts';
import { evaluate, type Evaluation } from './evaluate.ts';
import { leadingKeys } from './leading-keys.ts';
import { modeFor, type IamMode } from './mode.ts';
import { identityPolicies, principalKeys, principalOf, type Principal } from './principal.ts';
import { refusalError, refusalMessage, type RefusedCall } from './refusals.ts';
import { resourcePolicyOf } from './resource-policies.ts';
import { withSecretArn } from './secret-arn.ts';
import { accountOfArn } from './sessions.ts';
import type { KeyLookup } from './matching.ts';

/** One call as the request path knows it. */
export interface CheckedCall {
  service: string;
  operation: string;
  input: Record<string, any>;
  account: string;
  region: string;
  accessKeyId: string | undefined;
  sourceIp?: string | undefined;
  /** aws:SecureTransport as the request arrived (transport.ts); TLS when not given. */
  secureTransport?: 'true' | 'false';
}

/** The error to answer a call with, or undefined when it may run (allowed, reported, unchecked or off). */
export async function authorizeCall(emulator: Emulator, call: CheckedCall): Promise<AwsError | undefined> {
  const setting = emulator.settings.iam;
  if (setting === 'off') return undefined;
  const principal = principalOf(call.accessKeyId, call.account);
  const session = principal.session;
  if (!session) return undefined;
  const mode = modeFor(setting, principal);
  if (mode === 'off') return undefined;
  const needed = neededFor(call.service, call.operation, { account: call.account, region: call.region, input: call.input });
  if (!needed || needed.length === 0) return undefined;
  return authorizeNeeds(emulator, call, needed);
}

/**
 * The error to answer with when the caller may not do all of `needed` (the first refused), or
 * undefined: for calls whose permissions are not one operation's, like what Lambda checks in a
 * function's role before it accepts an event source mapping.
 */
export async function authorizeNeeds(emulator: Emulator, call: CheckedCall, needed: Needed[]): Promise<AwsError | undefined> {
  const setting = emulator.settings.iam;
  if (setting === 'off') return undefined;
  const principal = principalOf(call.accessKeyId, call.account);
  const session = principal.session;
  if (!session) return undefined;
  const mode = modeFor(setting, principal);
  if (mode === 'off') return undefined;
  const policies = identityPolicies(emulator, session.account, session.roleName);
  const fixed = { ...principalKeys(principal), 'aws:securetransport': call.secureTransport ?? 'true', 'aws:requestedregion': call.region, 'aws:sourceip': call.sourceIp, ...session.keys };
  for (const named of needed) {
    const need = call.service === 'secretsmanager' ? await withSecretArn(emulator, call, named) : named;
    const keys = await keysFor(emulator, call, need, fixed, policies);
    const refused = await decide(emulator, call, principal, need, keys, policies);
    if (!refused) continue;
    record(emulator, call, refused, mode);
    if (mode === 'enforce') return refusalError(call.service, refused);
  }
  return undefined;
}

async function keysFor(emulator: Emulator, call: CheckedCall, need: Needed, fixed: Record<string, string | undefined>, policies: string[]): Promise<KeyLookup> {
  const now = new Date();
  const values: Record<string, string | string[] | undefined> = { ...fixed, 'aws:currenttime': now.toISOString(), 'aws:epochtime': String(Math.floor(now.getTime() / 1000)) };
  // S3 ARNs carry no account: their buckets are taken to be the calling account's, as they are here but for cross-account reads.
  values['aws:resourceaccount'] = accountOfArn(need.resource) ?? call.account;
  // Reading a table's key schema costs a call: only when a policy asks for the partition keys.
  if (need.table && need.items && policies.some((text) => /dynamodb:LeadingKeys/i.test(text))) {
    values['dynamodb:leadingkeys'] = await leadingKeys(emulator, { account: call.account, region: call.region }, need.table, need.items);
  }
  return (key) => values[key];
}

async function decide(emulator: Emulator, call: CheckedCall, principal: Principal, need: Needed, keys: KeyLookup, policies: string[]): Promise<RefusedCall | undefined> {
  const request = { principal: principal.arn, action: need.action, resource: need.resource, keys };
  const owner = accountOfArn(need.resource);
  const crossAccount = owner !== undefined && owner !== principal.account;
  let evaluation: Evaluation = evaluate({ request, identityPolicies: policies, crossAccount: false });
  if (evaluation.decision === 'Allow' && !crossAccount) return undefined;
  if (evaluation.decision !== 'ExplicitDeny') {
    // The resource's own policy is read only when the identity policies alone do not decide.
    const resourcePolicy = await resourcePolicyOf(emulator, call.service, need.resource, call.region);
    evaluation = evaluate({ request, identityPolicies: policies, resourcePolicy, crossAccount });
    if (evaluation.decision === 'Allow') return undefined;
  }
  return { principal: principal.arn, action: need.action, resource: need.resource, evaluation, crossAccount };
}

function record(emulator: Emulator, call: CheckedCall, refused: RefusedCall, mode: IamMode): void {
  const message = refusalMessage(refused);
  const enforced = mode === 'enforce';
  emulator.trace.record({
    account: call.account,
    region: call.region,
    kind: 'access-denied',
    target: refused.resource,
    outcome: enforced ? 'refused' : 'delivered',
    reason: refused.evaluation.decision,
    detail: enforced ? message : `${message} (reported only: the emulator runs with --iam report, so the call went through)`,
    iam: { action: refused.action, resource: refused.resource, principal: refused.principal, mode: enforced ? 'enforce' : 'report' },
  });
  if (!enforced) emulator.log(`iam (report): ${message}`);
}
