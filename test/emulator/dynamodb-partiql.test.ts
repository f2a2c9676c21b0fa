/**
 * DynamoDB PartiQL through the real SDK: ExecuteStatement's SELECT (a query when the partition key
 * is pinned, a scan otherwise, projections, nested paths, indexes, Limit and NextToken), INSERT,
 * UPDATE and DELETE with their errors, `?` parameters, lib-dynamodb's ExecuteStatementCommand and
 * the AWS CLI's execute-statement.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ExecuteStatementCommand, GetItemCommand, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { ExecuteStatementCommand as DocumentExecuteStatement, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { createTableAndWait } from '../support/dynamodb.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';

const run = promisify(execFile);
const { hasAws } = await realClients('dynamodb-partiql');
const ORDERS = 'pq-orders';
const S = (value: string): AttributeValue => ({ S: value });
const N = (value: number): AttributeValue => ({ N: String(value) });

describe('DynamoDB ExecuteStatement through the real SDK', () => {
  const emulator = useEmulator();
  const ddb = () => emulator.clients.dynamodb;
  const execute = (Statement: string, Parameters?: AttributeValue[], extra: Record<string, unknown> = {}) =>
    ddb().send(new ExecuteStatementCommand({ Statement, ...(Parameters ? { Parameters } : {}), ...extra }));
  const get = async (customer: string, order: number) =>
    (await ddb().send(new GetItemCommand({ TableName: ORDERS, Key: { customer: S(customer), order: N(order) }, ConsistentRead: true }))).Item;

  beforeAll(async () => {
    await createTableAndWait(ddb(), {
      TableName: ORDERS,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'customer', KeyType: 'HASH' }, { AttributeName: 'order', KeyType: 'RANGE' }],
      AttributeDefinitions: [{ AttributeName: 'customer', AttributeType: 'S' }, { AttributeName: 'order', AttributeType: 'N' }, { AttributeName: 'status', AttributeType: 'S' }],
      GlobalSecondaryIndexes: [{ IndexName: 'by-status', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
    });
    for (let order = 1; order <= 5; order++) {
      await ddb().send(new PutItemCommand({ TableName: ORDERS, Item: {
        customer: S('ana'), order: N(order), status: S(order % 2 ? 'open' : 'paid'), total: N(order * 10),
        lines: { L: [{ M: { sku: S(`sku-${order}`), qty: N(order) } }] },
      } }));
    }
    await ddb().send(new PutItemCommand({ TableName: ORDERS, Item: { customer: S('bo'), order: N(1), status: S('open'), total: N(7) } }));
  });

  it('reads one partition in sort-key order, with filters, projections and nested paths', async () => {
    const all = await execute(`SELECT * FROM "${ORDERS}" WHERE customer = ?`, [S('ana')]);
    expect(all.Items?.map((item) => item.order?.N)).toEqual(['1', '2', '3', '4', '5']);
    const picked = await execute(`SELECT "order", lines[0].sku FROM "${ORDERS}" WHERE customer = 'ana' AND "order" BETWEEN 2 AND 4 AND total >= ? ORDER BY "order" DESC`, [N(30)]);
    expect(picked.Items).toEqual([
      { order: N(4), lines: { L: [{ M: { sku: S('sku-4') } }] } },
      { order: N(3), lines: { L: [{ M: { sku: S('sku-3') } }] } },
    ]);
    const functions = await execute(`SELECT "order" FROM "${ORDERS}" WHERE customer = 'ana' AND begins_with(status, 'pa') AND NOT contains(lines[0].sku, '4') AND bonus IS MISSING`);
    expect(functions.Items).toEqual([{ order: N(2) }]);
    const listed = await execute(`SELECT "order" FROM "${ORDERS}" WHERE customer = 'ana' AND "order" IN [1, 5] OR customer = 'bo' AND total <> 8`);
    expect(listed.Items?.map((item) => item.order?.N).sort()).toEqual(['1', '1', '5']);
  });

  it('scans without a key condition, reads an index, and pages with Limit and NextToken', async () => {
    const scanned = await execute(`SELECT customer, "order" FROM "${ORDERS}" WHERE status = 'open'`);
    expect(scanned.Items).toHaveLength(4);
    const index = await execute(`SELECT * FROM "${ORDERS}"."by-status" WHERE status = 'paid'`);
    // A KEYS_ONLY index holds the table's and the index's keys, nothing else.
    expect(index.Items?.map((item) => Object.keys(item).sort())).toEqual([['customer', 'order', 'status'], ['customer', 'order', 'status']]);
    const seen: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await execute(`SELECT "order" FROM "${ORDERS}" WHERE customer = 'ana'`, undefined, { Limit: 2, ...(NextToken ? { NextToken } : {}) });
      seen.push(...(page.Items ?? []).map((item) => item.order!.N!));
      NextToken = page.NextToken;
      pages++;
    } while (NextToken && pages < 10);
    expect(seen).toEqual(['1', '2', '3', '4', '5']);
    expect(pages).toBe(3);
    await expect(execute(`SELECT * FROM "${ORDERS}" WHERE customer = 'bo'`, undefined, { NextToken: Buffer.from('{"f":"x","k":{}}').toString('base64url') }))
      .rejects.toMatchObject({ name: 'ValidationException', message: 'NextToken does not match request' });
    await expect(execute(`SELECT * FROM "${ORDERS}"."by-status" WHERE status = 'open'`, undefined, { ConsistentRead: true }))
      .rejects.toMatchObject({ name: 'ValidationException', message: 'Strongly consistent read is not supported on Global Secondary Indexes' });
    const counted = await execute(`SELECT * FROM "${ORDERS}" WHERE customer = 'bo'`, undefined, { ReturnConsumedCapacity: 'TOTAL' });
    expect(counted.ConsumedCapacity).toEqual({ TableName: ORDERS, CapacityUnits: 0.5 });
  });

  it('inserts an item once, then refuses the same key with DuplicateItemException', async () => {
    await execute(`INSERT INTO "${ORDERS}" VALUE {'customer': ?, 'order': 10, 'tags': <<'gift', 'rush'>>, 'note': {'to': 'Li', 'lines': [1, 2.50]}, 'paid': false, 'gone': null}`, [S('cy')]);
    expect(await get('cy', 10)).toEqual({
      customer: S('cy'), order: N(10), tags: { SS: ['gift', 'rush'] }, note: { M: { to: S('Li'), lines: { L: [N(1), N(2.5)] } } }, paid: { BOOL: false }, gone: { NULL: true },
    });
    await expect(execute(`INSERT INTO "${ORDERS}" VALUE {'customer': 'cy', 'order': 10}`))
      .rejects.toMatchObject({ name: 'DuplicateItemException', message: 'Duplicate primary key exists in table', $metadata: { httpStatusCode: 400 } });
    await expect(execute(`INSERT INTO "${ORDERS}" VALUE {'customer': 'cy'}`))
      .rejects.toMatchObject({ name: 'ValidationException', message: 'Key attribute should be present in the item: Key order' });
    await expect(execute(`INSERT INTO "${ORDERS}" VALUE {'customer': 'cy', 'order': '11'}`))
      .rejects.toMatchObject({ name: 'ValidationException', message: "Key attribute's data type should match its data type in table's schema: Key order" });
  });

  it('updates an existing item with SET, arithmetic and REMOVE, and refuses a missing one', async () => {
    await execute(`INSERT INTO "${ORDERS}" VALUE {'customer': 'di', 'order': 1, 'count': 1, 'old': 'x'}`);
    const answer = await execute(`UPDATE "${ORDERS}" SET count = count + 1 SET status = ? REMOVE old WHERE customer = 'di' AND "order" = 1 AND count = 1 RETURNING ALL NEW *`, [S('paid')]);
    expect(answer.Items).toEqual([{ customer: S('di'), order: N(1), count: N(2), status: S('paid') }]);
    expect(await get('di', 1)).toEqual({ customer: S('di'), order: N(1), count: N(2), status: S('paid') });
    // The item must exist: UPDATE never creates one, unlike UpdateItem.
    await expect(execute(`UPDATE "${ORDERS}" SET count = 1 WHERE customer = 'di' AND "order" = 2`)).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect(await get('di', 2)).toBeUndefined();
    const failed = await execute(`UPDATE "${ORDERS}" SET count = 9 WHERE customer = 'di' AND "order" = 1 AND count = 5`, undefined, { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' })
      .then(() => undefined, (error: unknown) => error as { name: string; Item?: Record<string, AttributeValue> });
    expect(failed?.name).toBe('ConditionalCheckFailedException');
    expect(failed?.Item?.count).toEqual(N(2));
    await expect(execute(`UPDATE "${ORDERS}" SET count = 1 WHERE customer = 'di'`))
      .rejects.toMatchObject({ name: 'ValidationException', message: 'Where clause does not contain a mandatory equality on all key attributes' });
  });

  it('deletes by the whole key, with an optional condition and RETURNING ALL OLD *', async () => {
    await execute(`INSERT INTO "${ORDERS}" VALUE {'customer': 'ed', 'order': 1, 'status': 'open'}`);
    await expect(execute(`DELETE FROM "${ORDERS}" WHERE customer = 'ed' AND "order" = 1 AND status = 'paid'`)).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    const deleted = await execute(`DELETE FROM "${ORDERS}" WHERE customer = ? AND "order" = ? RETURNING ALL OLD *`, [S('ed'), N(1)]);
    expect(deleted.Items).toEqual([{ customer: S('ed'), order: N(1), status: S('open') }]);
    expect(await get('ed', 1)).toBeUndefined();
    // Deleting an item that is not there succeeds and returns nothing, as DeleteItem does.
    expect((await execute(`DELETE FROM "${ORDERS}" WHERE customer = 'ed' AND "order" = 1`)).Items).toEqual([]);
    await expect(execute(`DELETE FROM "${ORDERS}" WHERE customer = 'ed'`))
      .rejects.toMatchObject({ name: 'ValidationException', message: 'Where clause does not contain a mandatory equality on all key attributes' });
  });

  it('binds parameters in order and refuses a count that does not match', async () => {
    await expect(execute(`SELECT * FROM "${ORDERS}" WHERE customer = ? AND "order" = ?`, [S('ana')]))
      .rejects.toMatchObject({ name: 'ValidationException', message: "Number of parameters in request and statement don't match." });
    await expect(execute(`SELECT * FROM "${ORDERS}" WHERE customer = ?`, [S('ana'), S('extra')]))
      .rejects.toMatchObject({ name: 'ValidationException', message: "Number of parameters in request and statement don't match." });
    await expect(execute(`SELECT * FROM "pq-missing" WHERE customer = 'ana'`)).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Requested resource not found' });
  });

  it('works through lib-dynamodb, which marshalls the parameters and unmarshalls the items', async () => {
    const documents = DynamoDBDocumentClient.from(ddb());
    await documents.send(new DocumentExecuteStatement({ Statement: `INSERT INTO "${ORDERS}" VALUE {'customer': ?, 'order': ?, 'lines': ?}`, Parameters: ['fa', 1, [{ sku: 'mug', qty: 2 }]] }));
    const read = await documents.send(new DocumentExecuteStatement({ Statement: `SELECT lines FROM "${ORDERS}" WHERE customer = ? AND "order" = ?`, Parameters: ['fa', 1] }));
    expect(read.Items).toEqual([{ lines: [{ sku: 'mug', qty: 2 }] }]);
  });

  it.skipIf(!hasAws)('runs through the AWS CLI execute-statement', async () => {
    const { stdout } = await run('aws', [
      '--endpoint-url', emulator.running.url, 'dynamodb', 'execute-statement', '--output', 'json',
      '--statement', `SELECT total FROM "${ORDERS}" WHERE customer = ?`, '--parameters', JSON.stringify([{ S: 'bo' }]),
    ], { timeout: 30_000, env: clientEnv() });
    expect(JSON.parse(stdout).Items).toEqual([{ total: N(7) }]);
    const failed = await run('aws', ['--endpoint-url', emulator.running.url, 'dynamodb', 'execute-statement', '--statement', `SLECT * FROM "${ORDERS}"`], { timeout: 30_000, env: clientEnv() })
      .then(() => undefined, (error: { stderr?: string }) => error.stderr ?? '');
    expect(failed).toContain("(ValidationException) when calling the ExecuteStatement operation: Statement wasn't well formed, can't be processed: Expected data manipulation");
  }, 60_000);
});
