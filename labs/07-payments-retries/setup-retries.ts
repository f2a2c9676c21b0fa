/** Lab 07: bounded retries, a place for what still fails, and a table of idempotency keys. Complete every TODO, then run `npx workshop check 07`. */
import { CreateTableCommand, ResourceInUseException, waitUntilTableExists, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateEventBusCommand, PutRuleCommand, PutTargetsCommand, ResourceAlreadyExistsException, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { AddPermissionCommand, RemovePermissionCommand, ResourceNotFoundException, type LambdaClient } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand, SetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** The SDK clients the setup uses. */
export interface RetryClients {
  lambda: LambdaClient;
  eventbridge: EventBridgeClient;
  sqs: SQSClient;
  dynamodb: DynamoDBClient;
}

/** What to create, and the payment function it is for. */
export interface RetrySetup {
  /** The ARN of the payment function (take-payment.ts, deployed). */
  functionArn: string;
  busName: string;
  ruleName: string;
  /** Where Lambda sends the record of an event that failed every attempt. */
  failedQueueName: string;
  /** Where EventBridge sends an event it could not hand to Lambda at all. */
  deadLetterQueueName: string;
  idempotencyTable: string;
}

/** A payment is decided within ten minutes, or it goes where a person can look at it. */
const MAX_EVENT_AGE_SECONDS = 600;

/** Creates the queue (or finds it: CreateQueue with the same attributes answers the same URL) and answers its URL and ARN. */
async function queue(sqs: SQSClient, name: string): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl!, arn: Attributes!.QueueArn! };
}

/** Creates the idempotency table and turns on its time to live. */
async function idempotencyTable(dynamodb: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await dynamodb.send(new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'idempotencyKey', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'idempotencyKey', KeyType: 'HASH' }],
    }));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitUntilTableExists({ client: dynamodb, minDelay: 0.1, maxDelay: 2, maxWaitTime: 60 }, { TableName: tableName });
  // TODO: turn on the table's time to live on the attribute expiresAt (UpdateTimeToLiveCommand), once:
  //       a second run must not fail, so ask DescribeTimeToLiveCommand first.
}

/** Configures the payment step's retries, failure destination, rule target and idempotency table. */
export async function setupPaymentRetries(clients: RetryClients, setup: RetrySetup): Promise<void> {
  const { lambda, eventbridge, sqs, dynamodb } = clients;
  const failed = await queue(sqs, setup.failedQueueName);
  const deadLetters = await queue(sqs, setup.deadLetterQueueName);
  await idempotencyTable(dynamodb, setup.idempotencyTable);

  // TODO: the payment step's event invoke config (PutFunctionEventInvokeConfigCommand): one retry, events
  //       at most MAX_EVENT_AGE_SECONDS old, and failed.arn as the OnFailure destination.
  void failed;

  try {
    await eventbridge.send(new CreateEventBusCommand({ Name: setup.busName }));
  } catch (error) {
    if (!(error instanceof ResourceAlreadyExistsException)) throw error;
  }
  const { RuleArn } = await eventbridge.send(new PutRuleCommand({
    Name: setup.ruleName,
    EventBusName: setup.busName,
    EventPattern: JSON.stringify({ source: ['shop.orders'], 'detail-type': ['Order Placed'] }),
    State: 'ENABLED',
  }));
  // EventBridge may send to the dead-letter queue only when the queue's policy lets this rule do so.
  await sqs.send(new SetQueueAttributesCommand({
    QueueUrl: deadLetters.url,
    Attributes: {
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: deadLetters.arn, Condition: { ArnEquals: { 'aws:SourceArn': RuleArn } } }],
      }),
    },
  }));
  const targets = await eventbridge.send(new PutTargetsCommand({
    Rule: setup.ruleName,
    EventBusName: setup.busName,
    Targets: [{
      Id: 'take-payment',
      Arn: setup.functionArn,
      // TODO: a RetryPolicy of at most 4 retries within MAX_EVENT_AGE_SECONDS, and deadLetters.arn as the DeadLetterConfig.
    }],
  }));
  if (targets.FailedEntryCount) {
    const entry = targets.FailedEntries?.[0];
    throw new Error(`PutTargets refused the target ${setup.functionArn}: ${entry?.ErrorCode}: ${entry?.ErrorMessage}`);
  }

  const statementId = `events-${setup.ruleName}`;
  await lambda.send(new RemovePermissionCommand({ FunctionName: setup.functionArn, StatementId: statementId })).catch((error: unknown) => {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  });
  await lambda.send(new AddPermissionCommand({
    FunctionName: setup.functionArn,
    StatementId: statementId,
    Action: 'lambda:InvokeFunction',
    Principal: 'events.amazonaws.com',
    SourceArn: RuleArn,
  }));
}
