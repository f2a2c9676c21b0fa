/** DynamoDB test helpers: create a table the way code that writes to it next must, waiting for ACTIVE. */
import { CreateTableCommand, waitUntilTableExists, type CreateTableCommandInput, type CreateTableCommandOutput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** The SDK waiter's settings for tests: polls often, so a table's short CREATING costs little. */
export const FAST_WAITER = { minDelay: 0.05, maxDelay: 1, maxWaitTime: 60 } as const;

/** Sends CreateTable, then waits with the SDK's waitUntilTableExists until the table is ACTIVE. */
export async function createTableAndWait(client: DynamoDBClient, input: CreateTableCommandInput): Promise<CreateTableCommandOutput> {
  const answer = await client.send(new CreateTableCommand(input));
  await waitUntilTableExists({ client, ...FAST_WAITER }, { TableName: input.TableName! });
  return answer;
}
