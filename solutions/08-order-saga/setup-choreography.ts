/** Lab 08 solution: the choreographed saga's rules on the shop's bus, each sending its events to the step function. */
import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreateEventBusCommand, PutRuleCommand, PutTargetsCommand, ResourceAlreadyExistsException, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { AddPermissionCommand, RemovePermissionCommand, ResourceNotFoundException, type LambdaClient } from '@aws-sdk/client-lambda';

/** The SDK clients the setup uses. */
export interface ChoreographyClients {
  eventbridge: EventBridgeClient;
  lambda: LambdaClient;
  s3: S3Client;
}

/** What to create, and the function every rule sends its events to. */
export interface ChoreographySetup {
  busName: string;
  /** The ARN of the function that reacts to the saga's events (choreography-step.ts, deployed). */
  stepFunctionArn: string;
  receiptsBucket: string;
}

/** The saga as subscriptions: each rule is one step waiting for the event of the step before it. */
export const CHOREOGRAPHY = [
  { name: 'reserve-placed-orders', pattern: { source: ['shop.orders'], 'detail-type': ['Order Placed'] } },
  { name: 'charge-reserved-orders', pattern: { source: ['shop.inventory'], 'detail-type': ['Stock Reserved'] } },
  { name: 'receipt-paid-orders', pattern: { source: ['shop.payments'], 'detail-type': ['Payment Succeeded'] } },
  // The compensations are subscriptions too: a refused receipt refunds; a failed payment or a refund releases the stock.
  { name: 'refund-refused-receipts', pattern: { source: ['shop.receipts'], 'detail-type': ['Receipt Refused'] } },
  { name: 'release-unpaid-stock', pattern: { source: ['shop.payments'], 'detail-type': ['Payment Failed', 'Payment Refunded'] } },
];

/** Lets the rule invoke the function: EventBridge, not the rule's owner, makes the call. */
async function allowRule(lambda: LambdaClient, functionArn: string, ruleName: string, ruleArn: string): Promise<void> {
  const statementId = `events-${ruleName}`;
  // Replaced, not skipped: the statement is then always this rule's.
  await lambda.send(new RemovePermissionCommand({ FunctionName: functionArn, StatementId: statementId })).catch((error: unknown) => {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  });
  await lambda.send(new AddPermissionCommand({ FunctionName: functionArn, StatementId: statementId, Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: ruleArn }));
}

/** Creates the bus and the bucket (or finds them) and puts every rule of the choreography; a second run changes nothing. */
export async function setupChoreography(clients: ChoreographyClients, setup: ChoreographySetup): Promise<void> {
  const { eventbridge, lambda, s3 } = clients;
  try {
    await eventbridge.send(new CreateEventBusCommand({ Name: setup.busName }));
  } catch (error) {
    if (!(error instanceof ResourceAlreadyExistsException)) throw error;
  }
  try {
    await s3.send(new CreateBucketCommand({ Bucket: setup.receiptsBucket }));
  } catch (error) {
    if ((error as Error).name !== 'BucketAlreadyOwnedByYou') throw error;
  }
  for (const rule of CHOREOGRAPHY) {
    // PutRule and PutTargets replace what a name already has: running the setup again updates the rules in place.
    const { RuleArn } = await eventbridge.send(new PutRuleCommand({ Name: rule.name, EventBusName: setup.busName, EventPattern: JSON.stringify(rule.pattern) }));
    const targets = await eventbridge.send(new PutTargetsCommand({ Rule: rule.name, EventBusName: setup.busName, Targets: [{ Id: 'step', Arn: setup.stepFunctionArn }] }));
    if (targets.FailedEntryCount) throw new Error(`PutTargets refused the target of ${rule.name}: ${targets.FailedEntries?.[0]?.ErrorCode}: ${targets.FailedEntries?.[0]?.ErrorMessage}`);
    await allowRule(lambda, setup.stepFunctionArn, rule.name, RuleArn!);
  }
}
