/**
 * Whether a Lambda function's resource policy lets EventBridge invoke it for a rule. The policy is
 * read through Lambda's own GetPolicy, as any client would, and evaluated by Lambda's policy
 * evaluator; this module adds only what EventBridge reports: a missing function, or the missing
 * permission spelled out with the command that grants it.
 */
import { isAwsError } from '../../errors.ts';
import type { Emulator } from '../../emulator.ts';
import { policyAllows } from '../../policy/resource-policy.ts';

/** The answer of {@link checkLambdaPermission}. */
export type PermissionVerdict = { allowed: true } | { allowed: false; missingFunction: boolean; detail: string };

/** The add-permission command a learner would run to allow the rule. */
export function addPermissionHint(functionArn: string, ruleArn: string): string {
  const name = functionArn.split(':')[6] ?? functionArn;
  return `aws lambda add-permission --function-name ${name} --statement-id allow-eventbridge --action lambda:InvokeFunction --principal events.amazonaws.com --source-arn ${ruleArn}`;
}

/** Checks the function's resource policy for an Allow to `principal` (events.amazonaws.com unless given, as SNS gives its own) from `ruleArn`. */
export async function checkLambdaPermission(emulator: Emulator, functionArn: string, ruleArn: string, principal = 'events.amazonaws.com'): Promise<PermissionVerdict> {
  const [, , , region, account] = functionArn.split(':');
  const scope = { account: account ?? '', region: region ?? '' };
  try {
    await emulator.call('lambda', 'GetFunctionConfiguration', { FunctionName: functionArn }, scope);
  } catch (error) {
    if (isAwsError(error) && error.code === 'ResourceNotFoundException') {
      return { allowed: false, missingFunction: true, detail: `function ${functionArn} does not exist` };
    }
    throw error;
  }
  let policy: string | undefined;
  try {
    policy = ((await emulator.call('lambda', 'GetPolicy', { FunctionName: functionArn }, scope)) as { Policy?: string }).Policy;
  } catch (error) {
    // No policy at all answers ResourceNotFoundException: nothing allows the rule.
    if (!(isAwsError(error) && error.code === 'ResourceNotFoundException')) throw error;
  }
  if (policyAllows(policy, { principal, sourceArn: ruleArn })) return { allowed: true };
  return {
    allowed: false,
    missingFunction: false,
    detail:
      `the resource policy of ${functionArn} does not allow events.amazonaws.com to call lambda:InvokeFunction for ${ruleArn}, ` +
      `so EventBridge did not invoke it (AWS drops such deliveries silently). Fix: ${addPermissionHint(functionArn, ruleArn)}`,
  };
}
