/**
 * Evaluating a function's resource policy, for services that invoke Lambda on a client's behalf
 * (EventBridge asks: does the policy let events.amazonaws.com invoke this function for rule X?).
 * Callers read the policy through GetPolicy, as a client would, and evaluate it here.
 */
import type { Emulator } from '../../emulator.ts';
import { isAwsError } from '../../errors.ts';
import { policyAllows, type PolicyRequest } from '../../policy/resource-policy.ts';

/**
 * Reads a function's resource policy through GetPolicy and evaluates it. `functionName` may be a
 * name or an ARN, qualified or not (an alias has its own policy). No function or no policy: false.
 */
export async function functionPolicyAllows(
  emulator: Emulator,
  scope: { account: string; region: string },
  functionName: string,
  request: PolicyRequest,
): Promise<boolean> {
  try {
    const answer = (await emulator.call('lambda', 'GetPolicy', { FunctionName: functionName }, scope)) as { Policy?: string };
    return policyAllows(answer.Policy, request);
  } catch (error) {
    if (isAwsError(error) && error.status < 500) return false;
    throw error;
  }
}
