/**
 * Amazon DynamoDB over the JSON 1.0 protocol: tables with local and global secondary indexes,
 * item reads and writes with condition, update, key-condition, filter and projection
 * expressions, Query and Scan with paging, batches, transactions and Time to Live. State is kept
 * per account and region in the emulator's store, so it persists with a state folder.
 * A StreamSpecification records each item change on the table's stream (streams/), read through
 * the dynamodbstreams service.
 * LIMITATIONS: one shard per stream (no shard splits), and a stream is ENABLED or DISABLED at once;
 * no backups, exports/imports, global tables, resource policies or
 * Kinesis destinations; the pre-2014 parameters (Expected, AttributeUpdates, KeyConditions,
 * QueryFilter, ScanFilter, ConditionalOperator) are refused with a message naming the expression
 * to use (AttributesToGet works); no throughput limits (nothing is ever throttled, Unprocessed*
 * are always empty); a new table, or an index added by UpdateTable, is CREATING for a fixed
 * `dynamodbStateDelayMs` (not for a time that grows with its items, and without AWS's limit on
 * tables with indexes created at once), and a deleted table is gone at once; the TTL sweep
 * removes expired items within a minute (scaled by the time factor) where AWS takes up to a few
 * days, and until then they are returned like any other item, as on AWS. PartiQL
 * (ExecuteStatement, BatchExecuteStatement, ExecuteTransaction) runs SELECT, INSERT, UPDATE and
 * DELETE, but not EXISTS(...) condition checks in transactions, the FROM-first UPDATE form, IN on
 * the partition key as several queries (it scans instead, with the same items), or the
 * projection checks on indexes; a batch mixing reads and writes is run, not refused.
 */
import type { Emulator } from '../../emulator.ts';
import type { OperationContext, ServiceDefinition } from '../../types.ts';
import { batchGetItem, batchWriteItem } from './batch.ts';
import { deleteItem, getItem, putItem, updateItem } from './items.ts';
import { query, scan } from './query-scan.ts';
import type { Input } from './request.ts';
import { dynamodbPersistence } from './persistence.ts';
import { completeState, createDynamodbState, type DynamodbState } from './state.ts';
import { createTable, deleteTable, describeTable, listTables, updateTable } from './tables.ts';
import { listTagsOfResource, tagResource, untagResource } from './tags.ts';
import { transactGetItems, transactWriteItems } from './transactions.ts';
import { batchExecuteStatement } from './partiql/batch.ts';
import { executeStatement } from './partiql/executor.ts';
import { executeTransaction } from './partiql/transaction.ts';
import { describeTimeToLive, startTtlSweeper, updateTimeToLive } from './ttl.ts';

type Context = OperationContext<DynamodbState>;

/** Adapts a model function that needs only the state. */
function onState(run: (state: DynamodbState, input: Input) => unknown): (input: Input, context: Context) => unknown {
  return (input, { state }) => run(completeState(state), input);
}

/** Adapts a table operation, which also needs the caller's account and region. */
function onContext(run: (input: Input, context: Context) => unknown): (input: Input, context: Context) => unknown {
  return (input, context) => run(input, { ...context, state: completeState(context.state) });
}

/** A DynamoDB service definition; each emulator gets its own, because the TTL sweep is per emulator. */
export function createDynamodbService(): ServiceDefinition<DynamodbState> {
  let stopSweeper: (() => void) | undefined;
  const service: ServiceDefinition<DynamodbState> = {
    name: 'dynamodb',
    signingNames: ['dynamodb'],
    protocol: 'json',
    jsonVersion: '1.0',
    targetPrefix: 'DynamoDB_20120810',
    createState: createDynamodbState,
    persistence: dynamodbPersistence,
    operations: {
      CreateTable: onContext(createTable),
      DescribeTable: onContext(describeTable),
      ListTables: onContext(listTables),
      UpdateTable: onContext(updateTable),
      DeleteTable: onContext(deleteTable),
      PutItem: onState(putItem),
      GetItem: onState(getItem),
      UpdateItem: onState(updateItem),
      DeleteItem: onState(deleteItem),
      Query: onState(query),
      Scan: onState(scan),
      BatchGetItem: onState(batchGetItem),
      BatchWriteItem: onState(batchWriteItem),
      TransactWriteItems: onState(transactWriteItems),
      TransactGetItems: onState(transactGetItems),
      ExecuteStatement: onState(executeStatement),
      BatchExecuteStatement: onState(batchExecuteStatement),
      ExecuteTransaction: onState(executeTransaction),
      UpdateTimeToLive: onState(updateTimeToLive),
      DescribeTimeToLive: onState(describeTimeToLive),
      TagResource: onState(tagResource),
      UntagResource: onState(untagResource),
      ListTagsOfResource: onState(listTagsOfResource),
      DescribeEndpoints: (_input, { region, request }) => ({
        Endpoints: [{ Address: request.headers.host ?? `dynamodb.${region}.amazonaws.com`, CachePeriodInMinutes: 1440 }],
      }),
      DescribeLimits: () => ({
        AccountMaxReadCapacityUnits: 80_000,
        AccountMaxWriteCapacityUnits: 80_000,
        TableMaxReadCapacityUnits: 40_000,
        TableMaxWriteCapacityUnits: 40_000,
      }),
    },
    start(emulator: Emulator) {
      stopSweeper = startTtlSweeper(emulator, service.name);
    },
    stop() {
      stopSweeper?.();
      stopSweeper = undefined;
    },
  };
  return service;
}
