/**
 * Calls the emulator makes in-process for a service that acts with a role on AWS: a state
 * machine's tasks (its roleArn), a function's event source mappings, destinations, dead-letter
 * queue and logs (its execution role). Each is checked against the role's policies as the same
 * call from a client signed with the role's session would be, with the same modes: `enforce`
 * refuses, `report` records the refusal and lets the call through, `off` checks nothing.
 * A role IAM does not have (a made-up ARN, which the emulator accepts as LocalStack does) is not
 * checked, as functions with such a role get no role credentials either.
 */
import type { Emulator } from '../emulator.ts';
import type { AwsError } from '../errors.ts';
import type { Needed } from './actions.ts';
import { authorizeCall, authorizeNeeds } from './enforce.ts';
import { trustPolicy } from './principal.ts';
import { accountOfArn, issueSession, roleNameOf, type RoleSession } from './sessions.ts';

/** Where an in-process call goes. */
export interface CallScope {
  account: string;
  region: string;
}

/**
 * The session a service acts as for `roleArn`, stable for the same role and session name; undefined
 * when the role is not one IAM has. `keys` are condition keys its calls carry.
 */
export function actingSession(emulator: Emulator, roleArn: string | undefined, sessionName: string, fallbackAccount: string, keys?: Record<string, string>): RoleSession | undefined {
  if (!roleArn) return undefined;
  const account = accountOfArn(roleArn) ?? fallbackAccount;
  const trusted = trustPolicy(emulator, account, roleNameOf(roleArn));
  if (!trusted) return undefined;
  return issueSession(account, trusted.arn, sessionName, { stable: true, roleId: trusted.roleId, ...(keys ? { keys } : {}) });
}

/** The session of a function's execution role, the same one its own code signs with. */
export function functionSession(emulator: Emulator, scope: CallScope, functionName: string, roleArn: string | undefined): RoleSession | undefined {
  const arn = `arn:aws:lambda:${scope.region}:${scope.account}:function:${functionName}`;
  return actingSession(emulator, roleArn, functionName, scope.account, { 'lambda:sourcefunctionarn': arn });
}

/** AWS's refusal of `operation` for the session with `accessKeyId`, or undefined when it may run (or is only reported). */
export function refusalFor(emulator: Emulator, accessKeyId: string | undefined, service: string, operation: string, input: Record<string, any>, scope: CallScope): Promise<AwsError | undefined> {
  if (!accessKeyId) return Promise.resolve(undefined);
  return authorizeCall(emulator, { service, operation, input, account: scope.account, region: scope.region, accessKeyId });
}

/** AWS's refusal of the first of `needed` the session may not do, or undefined. */
export function refusalOfNeeds(emulator: Emulator, accessKeyId: string | undefined, service: string, needed: Needed[], scope: CallScope): Promise<AwsError | undefined> {
  if (!accessKeyId) return Promise.resolve(undefined);
  return authorizeNeeds(emulator, { service, operation: '', input: {}, account: scope.account, region: scope.region, accessKeyId }, needed);
}

/** Calls `operation` of `service` in-process as the session with `accessKeyId` (none: unchecked); throws AWS's refusal. */
export async function callAs(emulator: Emulator, accessKeyId: string | undefined, service: string, operation: string, input: Record<string, any>, scope: CallScope): Promise<any> {
  const refused = await refusalFor(emulator, accessKeyId, service, operation, input, scope);
  if (refused) throw refused;
  return emulator.call(service, operation, input, scope);
}
