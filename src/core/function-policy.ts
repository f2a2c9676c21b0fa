/**
 * The permissions the kit gives a lab's functions: an inline policy `workshop-lab-NN` on the
 * execution role they run as, with the statements of lab.json's "functionPolicy" (least
 * privilege, `{prefix}` standing for the run's name prefix) and the right to write their own logs,
 * as AWSLambdaBasicExecutionRole gives it but only for the lab's log groups.
 */
import { PutRolePolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { LabDefinition } from './lab-schema.ts';

/** The name prefix of resources `workshop deploy` creates (lab.json names them `shop-...`). */
export const DEPLOY_PREFIX = 'shop';

/** The name of the inline policy a lab puts on its execution role. */
export function labPolicyName(labId: string): string {
  return `workshop-lab-${labId.slice(0, 2)}`;
}

function filled(value: string | string[], prefix: string): string | string[] {
  return Array.isArray(value) ? value.map((item) => item.replaceAll('{prefix}', prefix)) : value.replaceAll('{prefix}', prefix);
}

/** The policy document of a lab's functions, for names that start with `prefix`. */
export function functionPolicyDocument(definition: LabDefinition, prefix: string): string {
  const logs = {
    Sid: 'WriteOwnLogs',
    Effect: 'Allow',
    Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: [`arn:aws:logs:*:*:log-group:/aws/lambda/${prefix}-*`, `arn:aws:logs:*:*:log-group:/aws/lambda/${prefix}-*:*`],
  };
  const own = definition.functionPolicy.map((statement) => ({ ...statement, Resource: filled(statement.Resource, prefix) }));
  return JSON.stringify({ Version: '2012-10-17', Statement: [logs, ...own] });
}

/** Puts the lab's policy on `roleName` (replacing an earlier version of it). */
export async function grantLabPolicy(iam: IAMClient, roleName: string, definition: LabDefinition, prefix: string): Promise<void> {
  await iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: labPolicyName(definition.id), PolicyDocument: functionPolicyDocument(definition, prefix) }));
}
