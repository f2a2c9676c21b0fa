/**
 * BatchGetItem (up to 100 keys) and BatchWriteItem (up to 25 puts and deletes). The emulator has
 * no throughput limits, so UnprocessedKeys and UnprocessedItems always come back empty; a batch
 * is validated whole before any write is applied.
 */
import { constraintError, DynamoValidationException } from './errors.ts';
import { commitWrite, evaluateWrite, prepareRead, prepareWrite, readItem, rejectDuplicateKeys, type PreparedWrite } from './items.ts';
import { booleanOf, type Input } from './request.ts';
import { keyOf, type DynamodbState } from './state.ts';

function requestItems(input: Input): Array<[string, any]> {
  const items = input.RequestItems;
  if (typeof items !== 'object' || items === null || Array.isArray(items)) throw constraintError(items, 'requestItems', 'Member must not be null');
  const entries = Object.entries(items);
  if (entries.length === 0) throw constraintError('{}', 'requestItems', 'Member must have length greater than or equal to 1');
  return entries;
}

/** BatchGetItem. */
export function batchGetItem(state: DynamodbState, input: Input): Record<string, unknown> {
  const entries = requestItems(input);
  const total = entries.reduce((sum, [, request]) => sum + (Array.isArray(request?.Keys) ? request.Keys.length : 0), 0);
  if (total > 100) throw new DynamoValidationException('Too many items requested for the BatchGetItem call');
  const plans = entries.map(([tableName, request]) => {
    if (!Array.isArray(request?.Keys) || request.Keys.length === 0) throw constraintError(request?.Keys, `requestItems.${tableName}.member.keys`, 'Member must have length greater than or equal to 1');
    const { table, keys, projection } = prepareRead(state, request, { tableName, keys: request.Keys });
    booleanOf(request, 'ConsistentRead');
    return { tableName, table, keys, projection };
  });
  const responses: Record<string, unknown[]> = {};
  for (const { tableName, table, keys, projection } of plans) {
    responses[tableName] = keys.map((key) => readItem(table, key, projection)).filter((item) => item !== undefined);
  }
  return { Responses: responses, UnprocessedKeys: {} };
}

/** BatchWriteItem. */
export function batchWriteItem(state: DynamodbState, input: Input): Record<string, unknown> {
  const entries = requestItems(input);
  for (const [tableName, requests] of entries) {
    if (!Array.isArray(requests) || requests.length < 1 || requests.length > 25) {
      throw constraintError(requests, `requestItems.${tableName}.member`, 'Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]');
    }
  }
  const total = entries.reduce((sum, [, requests]) => sum + requests.length, 0);
  if (total > 25) throw new DynamoValidationException('Too many items requested for the BatchWriteItem call');
  const writes: PreparedWrite[] = [];
  for (const [tableName, requests] of entries) {
    const keys: string[] = [];
    for (const request of requests as any[]) {
      const put = request?.PutRequest;
      const remove = request?.DeleteRequest;
      if (Boolean(put) === Boolean(remove)) throw new DynamoValidationException('A WriteRequest must contain exactly one of PutRequest or DeleteRequest');
      const write = put ? prepareWrite(state, 'Put', { TableName: tableName, Item: put.Item }) : prepareWrite(state, 'Delete', { TableName: tableName, Key: remove.Key });
      keys.push(JSON.stringify(keyOf(write.table, write.key)));
      writes.push(write);
    }
    rejectDuplicateKeys(keys);
  }
  for (const write of writes) commitWrite(write, evaluateWrite(write));
  return { UnprocessedItems: {} };
}
