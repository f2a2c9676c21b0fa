/**
 * Tasks run as the state machine's role, as on AWS: each call a task makes is checked against
 * the role's policies first, and a refusal fails the task with the error name Step Functions
 * gives it (its SDK's exception for the service, `Lambda.AWSLambdaException` for a function the
 * role may not invoke) and the SDK's words as its cause, which Retry and Catch see.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Emulator } from '../../emulator.ts';
import type { AwsError } from '../../errors.ts';
import { actingSession, refusalFor } from '../../policy/acting-as.ts';
import { TaskError, sdkCause } from './task-error.ts';

/** The task error for an access the role is refused, per optimised integration. */
const DENIED: Record<string, string> = {
  lambda: 'Lambda.AWSLambdaException',
  dynamodb: 'DynamoDB.AmazonDynamoDBException',
  sqs: 'SQS.AmazonSQSException',
  sns: 'SNS.AuthorizationErrorException',
  events: 'EventBridge.AmazonEventBridgeException',
};

/**
 * The access key of the session an execution's tasks run as (undefined for a role IAM does not
 * have). Step Functions names its sessions with 32 random letters; here they come from the
 * execution's ARN, so one execution keeps one session.
 */
export function executionAccessKey(emulator: Emulator, roleArn: string, executionArn: string, account: string): string | undefined {
  const digest = createHash('sha256').update(executionArn).digest();
  const sessionName = [...digest].map((byte) => String.fromCharCode((byte % 26) + (byte & 0x20 ? 97 : 65))).join('');
  return actingSession(emulator, roleArn, sessionName, account)?.accessKeyId;
}

/** The task error for `refused`, a call of `service` (integration name or `aws-sdk:` prefix) the role may not make. */
function deniedError(refused: AwsError, integration: string, prefix: string, sdkName: string): TaskError {
  const name = DENIED[integration] ?? `${prefix}.${prefix}Exception`;
  return new TaskError(name, sdkCause(refused.message, sdkName, refused.status, refused.code, randomUUID()));
}

/** Throws the task error when the execution's role may not call `operation`; reported-only refusals let it run. */
export async function checkTaskAccess(
  task: { emulator: Emulator; scope: { account: string; region: string }; accessKeyId?: string | undefined },
  names: { integration: string; prefix: string; sdkName: string },
  service: string,
  operation: string,
  input: Record<string, unknown>,
): Promise<void> {
  const refused = await refusalFor(task.emulator, task.accessKeyId, service, operation, input, task.scope);
  if (refused) throw deniedError(refused, names.integration, names.prefix, names.sdkName);
}
