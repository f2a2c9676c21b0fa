/**
 * PartiQL writes persist like PutItem's: with a state folder, items written by ExecuteStatement,
 * BatchExecuteStatement and ExecuteTransaction, and an ExecuteTransaction's ClientRequestToken,
 * are there after a restart.
 */
import { BatchExecuteStatementCommand, ExecuteStatementCommand, ExecuteTransactionCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.ts';
import { createTableAndWait } from '../support/dynamodb.ts';
import { clientsAt } from '../support/emulator.ts';

const folder = mkdtempSync(join(tmpdir(), 'partiql-state-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('DynamoDB PartiQL writes across a restart', () => {
  it('keeps the items and the transaction token', async () => {
    let running = await startEmulator({ port: 0, stateDir: folder, log: () => {} });
    let clients = clientsAt(running.url);
    const take = new ExecuteTransactionCommand({ ClientRequestToken: 'restart-token', TransactStatements: [{ Statement: `UPDATE "pq-kept" SET n = n + 1 WHERE id = 'a'` }] });
    try {
      await createTableAndWait(clients.dynamodb, {
        TableName: 'pq-kept', BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      });
      await clients.dynamodb.send(new ExecuteStatementCommand({ Statement: `INSERT INTO "pq-kept" VALUE {'id': 'a', 'n': 1}` }));
      await clients.dynamodb.send(new BatchExecuteStatementCommand({ Statements: [{ Statement: `INSERT INTO "pq-kept" VALUE {'id': 'b', 'n': 1}` }, { Statement: `INSERT INTO "pq-kept" VALUE {'id': 'c', 'n': 1}` }] }));
      await clients.dynamodb.send(new ExecuteStatementCommand({ Statement: `DELETE FROM "pq-kept" WHERE id = 'c'` }));
      await clients.dynamodb.send(take);
    } finally {
      clients.destroy();
      await running.stop();
    }
    running = await startEmulator({ port: 0, stateDir: folder, log: () => {} });
    clients = clientsAt(running.url);
    try {
      // The token was saved with the state, so the same transaction is not run a second time.
      await clients.dynamodb.send(take);
      const items = await clients.dynamodb.send(new ExecuteStatementCommand({ Statement: `SELECT id, n FROM "pq-kept"` }));
      expect(items.Items?.map((item) => [item.id?.S, item.n?.N]).sort()).toEqual([['a', '2'], ['b', '1']]);
    } finally {
      clients.destroy();
      await running.stop();
    }
  }, 30_000);
});
