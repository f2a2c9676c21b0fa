/**
 * BatchExecuteStatement and ExecuteTransaction through the real SDK: per-statement errors that do
 * not fail a batch, transactions that are all or nothing with one cancellation reason per
 * statement, the refusals of reads that do not name one item, and ClientRequestToken idempotency.
 */
import {
  BatchExecuteStatementCommand, ExecuteTransactionCommand, GetItemCommand, PutItemCommand, type AttributeValue, type TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { createTableAndWait } from '../support/dynamodb.ts';

const STOCK = 'pq-stock';
const S = (value: string): AttributeValue => ({ S: value });
const N = (value: number): AttributeValue => ({ N: String(value) });

/** The error a call must fail with (the test fails if it succeeds). */
function failure<T>(promise: Promise<unknown>): Promise<T> {
  return promise.then(() => { throw new Error('the call was expected to fail'); }, (error: unknown) => error as T);
}

describe('DynamoDB BatchExecuteStatement and ExecuteTransaction through the real SDK', () => {
  const emulator = useEmulator();
  const ddb = () => emulator.clients.dynamodb;
  const count = async (sku: string) => (await ddb().send(new GetItemCommand({ TableName: STOCK, Key: { sku: S(sku) }, ConsistentRead: true }))).Item?.count;
  const transact = (TransactStatements: Array<{ Statement: string; Parameters?: AttributeValue[]; ReturnValuesOnConditionCheckFailure?: 'ALL_OLD' }>, extra: Record<string, unknown> = {}) =>
    ddb().send(new ExecuteTransactionCommand({ TransactStatements, ...extra }));

  beforeAll(async () => {
    await createTableAndWait(ddb(), {
      TableName: STOCK, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'sku', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'sku', AttributeType: 'S' }],
    });
    for (const [sku, units] of [['mug', 3], ['cap', 1], ['pen', 9]] as const) {
      await ddb().send(new PutItemCommand({ TableName: STOCK, Item: { sku: S(sku), count: N(units) } }));
    }
  });

  it('runs each statement of a batch on its own and reports errors statement by statement', async () => {
    // DynamoDB wants a batch of reads or a batch of writes, so the two kinds go in two batches.
    const reads = await ddb().send(new BatchExecuteStatementCommand({ Statements: [
      { Statement: `SELECT * FROM "${STOCK}" WHERE sku = ?`, Parameters: [S('mug')] },
      { Statement: `SELECT * FROM "${STOCK}" WHERE sku = 'none'` },
      { Statement: `SLECT * FROM "${STOCK}"` },
      { Statement: `SELECT * FROM "${STOCK}" WHERE count > 1` },
      { Statement: `SELECT * FROM "pq-nowhere" WHERE sku = 'x'` },
    ], ReturnConsumedCapacity: 'TOTAL' }));
    expect(reads.Responses).toEqual([
      { TableName: STOCK, Item: { sku: S('mug'), count: N(3) } },
      { TableName: STOCK },
      { Error: { Code: 'ValidationError', Message: "Statement wasn't well formed, can't be processed: Expected data manipulation" } },
      { Error: { Code: 'ValidationError', Message: 'Select statements within BatchExecuteStatement must specify the primary key in the where clause.' } },
      { Error: { Code: 'ResourceNotFound', Message: 'Requested resource not found' } },
    ]);
    expect(reads.ConsumedCapacity?.map((entry) => entry.TableName)).toEqual([STOCK]);
    const writes = await ddb().send(new BatchExecuteStatementCommand({ Statements: [
      { Statement: `INSERT INTO "${STOCK}" VALUE {'sku': 'cup', 'count': 4}` },
      { Statement: `INSERT INTO "${STOCK}" VALUE {'sku': 'mug', 'count': 4}` },
      { Statement: `UPDATE "${STOCK}" SET count = count - 1 WHERE sku = 'cap' AND count > 5`, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' },
      { Statement: `DELETE FROM "${STOCK}" WHERE sku = 'pen' RETURNING ALL OLD *` },
    ] }));
    expect(writes.Responses).toEqual([
      { TableName: STOCK },
      { TableName: STOCK, Error: { Code: 'DuplicateItem', Message: 'Duplicate primary key exists in table' } },
      { TableName: STOCK, Error: { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { sku: S('cap'), count: N(1) } } },
      { TableName: STOCK, Item: { sku: S('pen'), count: N(9) } },
    ]);
    expect(writes.ConsumedCapacity).toBeUndefined();
    expect(await count('cup')).toEqual(N(4));
    expect(await count('pen')).toBeUndefined();
    expect(await count('cap')).toEqual(N(1));
    await expect(ddb().send(new BatchExecuteStatementCommand({ Statements: Array.from({ length: 26 }, () => ({ Statement: `SELECT * FROM "${STOCK}" WHERE sku = 'mug'` })) })))
      .rejects.toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
  });

  it('commits every write of a transaction together', async () => {
    await transact([
      { Statement: `UPDATE "${STOCK}" SET count = count - 1 WHERE sku = 'mug' AND count >= 1` },
      { Statement: `INSERT INTO "${STOCK}" VALUE {'sku': ?, 'count': 1}`, Parameters: [S('hat')] },
      { Statement: `DELETE FROM "${STOCK}" WHERE sku = 'cup'` },
    ]);
    expect([await count('mug'), await count('hat'), await count('cup')]).toEqual([N(2), N(1), undefined]);
    const read = await transact([{ Statement: `SELECT count FROM "${STOCK}" WHERE sku = 'mug'` }, { Statement: `SELECT * FROM "${STOCK}" WHERE sku = 'none'` }]);
    expect(read.Responses).toEqual([{ Item: { count: N(2) } }, {}]);
  });

  it('cancels the whole transaction when one statement fails, with a reason for each', async () => {
    const error = await failure<TransactionCanceledException>(transact([
      { Statement: `UPDATE "${STOCK}" SET count = count - 1 WHERE sku = 'mug'` },
      { Statement: `UPDATE "${STOCK}" SET count = count - 1 WHERE sku = 'cap' AND count > 5`, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' },
      { Statement: `INSERT INTO "${STOCK}" VALUE {'sku': 'hat'}` },
    ]));
    expect(error.name).toBe('TransactionCanceledException');
    expect(error.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, DuplicateItem]');
    expect(error.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { sku: S('cap'), count: N(1) } },
      { Code: 'DuplicateItem', Message: 'Duplicate primary key exists in table' },
    ]);
    expect(await count('mug')).toEqual(N(2));
    const unkeyed = await failure<TransactionCanceledException>(transact([{ Statement: `DELETE FROM "${STOCK}" WHERE sku = 'mug'` }, { Statement: `DELETE FROM "${STOCK}" WHERE count = 1` }]));
    expect(unkeyed.CancellationReasons).toEqual([{ Code: 'None' }, { Code: 'ValidationError', Message: 'Where clause does not contain a mandatory equality on all key attributes' }]);
    expect(await count('mug')).toEqual(N(2));
  });

  it('refuses statements a transaction cannot run, naming their position', async () => {
    const refusals: Array<[string, string]> = [
      [`SELECT * FROM "${STOCK}" WHERE`, "Validation failed in TransactStatements[1]: Statement wasn't well formed, can't be processed: Unexpected term"],
      [`UPDATE "${STOCK}" SET count = 1 WHERE sku = 'mug' RETURNING ALL NEW *`, 'Validation failed in TransactStatements[1]: RETURNING clause is not supported in ExecuteTransaction.'],
      [`SELECT * FROM "${STOCK}" WHERE count = 1`, 'Validation failed in TransactStatements[1]: Select statements within ExecuteTransaction must specify the primary key in the where clause.'],
    ];
    for (const [Statement, message] of refusals) {
      await expect(transact([{ Statement: `DELETE FROM "${STOCK}" WHERE sku = 'mug'` }, { Statement }])).rejects.toMatchObject({ name: 'ValidationException', message });
    }
    await expect(transact([{ Statement: `UPDATE "${STOCK}" SET count = 1 WHERE sku = 'mug'` }, { Statement: `DELETE FROM "${STOCK}" WHERE sku = 'mug'` }]))
      .rejects.toMatchObject({ name: 'ValidationException', message: 'Transaction request cannot include multiple operations on one item' });
    await expect(transact([{ Statement: `SELECT * FROM "${STOCK}" WHERE sku = 'mug'` }, { Statement: `DELETE FROM "${STOCK}" WHERE sku = 'cap'` }]))
      .rejects.toMatchObject({ name: 'ValidationException' });
    await expect(transact([{ Statement: `DELETE FROM "pq-nowhere" WHERE sku = 'x'` }])).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await count('mug')).toEqual(N(2));
  });

  it('runs a transaction once per ClientRequestToken and refuses the token with other statements', async () => {
    const take = [{ Statement: `UPDATE "${STOCK}" SET count = count - 1 WHERE sku = 'mug'` }];
    await transact(take, { ClientRequestToken: 'take-one-mug' });
    await transact(take, { ClientRequestToken: 'take-one-mug' });
    expect(await count('mug')).toEqual(N(1));
    await expect(transact([{ Statement: `UPDATE "${STOCK}" SET count = 0 WHERE sku = 'mug'` }], { ClientRequestToken: 'take-one-mug' }))
      .rejects.toMatchObject({ name: 'IdempotentParameterMismatchException' });
    expect(await count('mug')).toEqual(N(1));
  });
});
