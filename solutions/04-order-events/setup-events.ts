/** Lab 04 solution: route the shop's order events to a function. */
import { CreateEventBusCommand, PutRuleCommand, PutTargetsCommand, ResourceAlreadyExistsException, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { AddPermissionCommand, RemovePermissionCommand, ResourceNotFoundException, type LambdaClient } from '@aws-sdk/client-lambda';

/** The SDK clients the setup uses. */
export interface OrderEventsClients {
  eventbridge: EventBridgeClient;
  lambda: LambdaClient;
}

/** What to create, and the function to route to. */
export interface OrderEventsSetup {
  busName: string;
  ruleName: string;
  /** The ARN of the function that stores orders (store-order.ts, deployed). */
  functionArn: string;
}

/** Only accepted orders from the checkout: both fields must match, values exactly. */
const ORDER_CREATED = { source: ['shop.orders'], 'detail-type': ['Order Placed'] };

/** Creates the bus, the rule, its Lambda target and the permission; resolves with the rule's ARN. */
export async function setupOrderEvents(clients: OrderEventsClients, setup: OrderEventsSetup): Promise<string> {
  const { eventbridge, lambda } = clients;
  const { busName, ruleName, functionArn } = setup;
  try {
    // A bus of its own keeps the shop's events apart from AWS's own on the default bus.
    await eventbridge.send(new CreateEventBusCommand({ Name: busName }));
  } catch (error) {
    // Running the setup again must not fail on what the first run made.
    if (!(error instanceof ResourceAlreadyExistsException)) throw error;
  }
  // PutRule creates or updates, so a second run simply rewrites the same rule.
  const { RuleArn } = await eventbridge.send(new PutRuleCommand({
    Name: ruleName,
    EventBusName: busName,
    EventPattern: JSON.stringify(ORDER_CREATED),
    State: 'ENABLED',
  }));
  // PutRule is the only call that answers with the rule's ARN; PutTargets answers only failures.
  const ruleArn = RuleArn!;

  const targets = await eventbridge.send(new PutTargetsCommand({
    Rule: ruleName,
    EventBusName: busName,
    Targets: [{ Id: 'store-order', Arn: functionArn }],
  }));
  // PutTargets does not throw for a rejected target: it counts it in its answer.
  if (targets.FailedEntryCount) {
    const failed = targets.FailedEntries?.[0];
    throw new Error(`PutTargets refused the target ${functionArn}: ${failed?.ErrorCode}: ${failed?.ErrorMessage}`);
  }

  const statementId = `events-${ruleName}`;
  // Replace rather than skip a statement an earlier run left: it is then always this rule's.
  await lambda.send(new RemovePermissionCommand({ FunctionName: functionArn, StatementId: statementId })).catch((error: unknown) => {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  });
  await lambda.send(new AddPermissionCommand({
    FunctionName: functionArn,
    StatementId: statementId,
    Action: 'lambda:InvokeFunction',
    // A Lambda target is invoked by the EventBridge service, not by the rule's owner: without
    // this statement in the function's resource policy every delivery is dropped silently.
    Principal: 'events.amazonaws.com',
    // Only this rule: without SourceArn, any rule that names the function could invoke it.
    SourceArn: ruleArn,
  }));
  return ruleArn;
}
