/** Lab 08 solution: the outbox table with its stream, the shop's bus, and the relay reading the stream. */
import { CreateTableCommand, DescribeTableCommand, ResourceInUseException, waitUntilTableExists, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateEventBusCommand, ResourceAlreadyExistsException, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { CreateEventSourceMappingCommand, ListEventSourceMappingsCommand, type LambdaClient } from '@aws-sdk/client-lambda';

/** The SDK clients the setup uses. */
export interface OutboxClients {
  dynamodb: DynamoDBClient;
  eventbridge: EventBridgeClient;
  lambda: LambdaClient;
}

/** What to create, and the relay function it is for. */
export interface OutboxSetup {
  outboxTable: string;
  busName: string;
  /** The ARN of the relay function (relay-outbox.ts, deployed). */
  relayFunctionArn: string;
}

/** Creates the outbox table with a stream of new images (or finds it) and answers the stream's ARN. */
async function outboxTable(dynamodb: DynamoDBClient, tableName: string): Promise<string> {
  try {
    await dynamodb.send(new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'outboxId', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'outboxId', KeyType: 'HASH' }],
      // The stream is what makes the outbox work: every item written is a record the relay reads, in order, at least once.
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    }));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitUntilTableExists({ client: dynamodb, minDelay: 0.1, maxDelay: 2, maxWaitTime: 60 }, { TableName: tableName });
  const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
  if (!Table?.LatestStreamArn) throw new Error(`The table ${tableName} has no stream: delete it, and run the setup again to create it with its stream.`);
  return Table.LatestStreamArn;
}

/** Sets up the outbox: a second run finds what the first created and duplicates nothing. */
export async function setupOutbox(clients: OutboxClients, setup: OutboxSetup): Promise<void> {
  const { dynamodb, eventbridge, lambda } = clients;
  const streamArn = await outboxTable(dynamodb, setup.outboxTable);
  try {
    await eventbridge.send(new CreateEventBusCommand({ Name: setup.busName }));
  } catch (error) {
    if (!(error instanceof ResourceAlreadyExistsException)) throw error;
  }
  const { EventSourceMappings = [] } = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: setup.relayFunctionArn, EventSourceArn: streamArn }));
  if (EventSourceMappings.length > 0) return;
  await lambda.send(new CreateEventSourceMappingCommand({
    FunctionName: setup.relayFunctionArn,
    EventSourceArn: streamArn,
    // From the oldest record: an item written before the mapping existed is still published.
    StartingPosition: 'TRIM_HORIZON',
    BatchSize: 10,
  }));
}
