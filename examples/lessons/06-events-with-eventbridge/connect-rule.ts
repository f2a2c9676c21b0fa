/** Routes matching events from a bus to a Lambda function: a rule, a permission, a target. */
import {
  CreateEventBusCommand, PutRuleCommand, PutTargetsCommand, ResourceAlreadyExistsException,
  type EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import { AddPermissionCommand, ResourceConflictException, type LambdaClient } from '@aws-sdk/client-lambda';

/** Creates a custom event bus unless it exists. */
export async function ensureBus(eventbridge: EventBridgeClient, busName: string): Promise<void> {
  try {
    await eventbridge.send(new CreateEventBusCommand({ Name: busName }));
  } catch (error) {
    if (!(error instanceof ResourceAlreadyExistsException)) throw error;
  }
}

/** Which events go to which function. */
export interface Subscription {
  busName: string;
  ruleName: string;
  pattern: object;
  functionName: string;
  functionArn: string;
}

/** Connects a rule on `busName` to a function; returns the rule's ARN. */
export async function connectRuleToFunction(
  eventbridge: EventBridgeClient,
  lambda: LambdaClient,
  s: Subscription,
): Promise<string> {
  // 1. The rule. PutRule is the call that returns the rule's ARN.
  const { RuleArn: ruleArn } = await eventbridge.send(new PutRuleCommand({
    Name: s.ruleName,
    EventBusName: s.busName,
    EventPattern: JSON.stringify(s.pattern),
  }));
  // 2. The function's resource policy: EventBridge may invoke it, but only for this rule.
  try {
    await lambda.send(new AddPermissionCommand({
      FunctionName: s.functionName,
      StatementId: `${s.busName}-${s.ruleName}`,
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      SourceArn: ruleArn,
    }));
  } catch (error) {
    if (!(error instanceof ResourceConflictException)) throw error; // the statement is already there
  }
  // 3. The target. PutTargets reports failures per target instead of throwing.
  const answer = await eventbridge.send(new PutTargetsCommand({
    Rule: s.ruleName,
    EventBusName: s.busName,
    Targets: [{ Id: s.functionName, Arn: s.functionArn }],
  }));
  if (answer.FailedEntryCount) throw new Error(`PutTargets failed: ${JSON.stringify(answer.FailedEntries)}`);
  return ruleArn!;
}
