/** Lab 08: the outbox table with its stream, the shop's bus, and the relay reading the stream. Complete every TODO, then run `npx workshop check 08`. */
import { CreateTableCommand, ResourceInUseException, waitUntilTableExists, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateEventBusCommand, ResourceAlreadyExistsException, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { LambdaClient } from '@aws-sdk/client-lambda';

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

/** Creates the outbox table (or finds it). */
async function outboxTable(dynamodb: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await dynamodb.send(new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'outboxId', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'outboxId', KeyType: 'HASH' }],
      // TODO: a stream of new images: StreamSpecification { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' }.
    }));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitUntilTableExists({ client: dynamodb, minDelay: 0.1, maxDelay: 2, maxWaitTime: 60 }, { TableName: tableName });
  // TODO: answer the table's LatestStreamArn (DescribeTableCommand).
}

/** Sets up the outbox: a second run finds what the first created and duplicates nothing. */
export async function setupOutbox(clients: OutboxClients, setup: OutboxSetup): Promise<void> {
  const { dynamodb, eventbridge } = clients;
  await outboxTable(dynamodb, setup.outboxTable);
  try {
    await eventbridge.send(new CreateEventBusCommand({ Name: setup.busName }));
  } catch (error) {
    if (!(error instanceof ResourceAlreadyExistsException)) throw error;
  }
  // TODO: map the stream to the relay: CreateEventSourceMappingCommand({ FunctionName: setup.relayFunctionArn,
  //       EventSourceArn: <the stream's ARN>, StartingPosition: 'TRIM_HORIZON', BatchSize: 10 }), unless
  //       ListEventSourceMappingsCommand({ FunctionName, EventSourceArn }) finds one already.
}
