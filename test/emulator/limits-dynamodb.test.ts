/**
 * DynamoDB's documented limits on values and expressions (Developer Guide, "Constraints":
 * nested attribute depth 32 levels; an expression string at most 4 KB; at most 300 operators),
 * answered with AWS's ValidationException, and never a 500 from the emulator's own recursion.
 */
import { GetItemCommand, PutItemCommand, ScanCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { createTableAndWait } from '../support/dynamodb.ts';
import { send, signedAs } from './limits-http.ts';

const TABLE = 'limits-orders';
const NESTING = 'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit';

function wrapped(levels: number, kind: 'L' | 'M' = 'L'): AttributeValue {
  let value: AttributeValue = { S: 'leaf' };
  for (let i = 0; i < levels; i++) value = kind === 'L' ? { L: [value] } : { M: { next: value } };
  return value;
}

async function failure(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await promise;
  } catch (error) {
    const failed = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: failed.name, status: failed.$metadata?.httpStatusCode, message: failed.message };
  }
  throw new Error('the request was expected to fail');
}

describe('DynamoDB limits on values and expressions', () => {
  const emulator = useEmulator();
  const ddb = () => emulator.clients.dynamodb;

  it('creates the table', async () => {
    await createTableAndWait(ddb(), {
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    });
  });

  // AWS: nested attribute depth is 32 levels, the top-level attribute being the first; 31 maps or
  // lists around a scalar are stored, a 32nd is a ValidationException.
  it('stores 31 levels of nesting and refuses 32, with the table still readable afterwards', async () => {
    await ddb().send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'deep-31' }, doc: wrapped(31, 'M') } }));
    const refused = await failure(ddb().send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'deep-32' }, doc: wrapped(32) } })));
    expect(refused).toEqual({ name: 'ValidationException', status: 400, message: NESTING });
    const thousand = await failure(ddb().send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'deep-1000' }, doc: wrapped(1000) } })));
    expect(thousand).toEqual({ name: 'ValidationException', status: 400, message: NESTING });
    const stored = await ddb().send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'deep-31' } } }));
    expect(stored.Item?.doc).toEqual(wrapped(31, 'M'));
    const scanned = await ddb().send(new ScanCommand({ TableName: TABLE }));
    expect(scanned.Items?.map((item) => item.pk?.S)).toEqual(['deep-31']);
  });

  it('refuses a too-deep value in ExpressionAttributeValues and an update that would nest too deep', async () => {
    const viaValue = await failure(ddb().send(new UpdateItemCommand({
      TableName: TABLE, Key: { pk: { S: 'deep-31' } }, UpdateExpression: 'SET other = :v', ExpressionAttributeValues: { ':v': wrapped(40) },
    })));
    expect(viaValue).toEqual({ name: 'ValidationException', status: 400, message: NESTING });
    // Each value is legal alone; placed under the existing map it would sit at level 33.
    const viaPath = await failure(ddb().send(new UpdateItemCommand({
      TableName: TABLE, Key: { pk: { S: 'deep-31' } }, UpdateExpression: 'SET doc.extra = :v', ExpressionAttributeValues: { ':v': wrapped(31) },
    })));
    expect(viaPath).toEqual({ name: 'ValidationException', status: 400, message: NESTING });
  });

  it('answers a value nested 100,000 deep on the wire with a 400, not a crash', async () => {
    const body = `{"TableName":"${TABLE}","Item":{"pk":{"S":"wire"},"doc":${'{"L":['.repeat(100_000)}{"S":"x"}${']}'.repeat(100_000)}}}`;
    const answer = await send(emulator.running.port, {
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.PutItem', authorization: signedAs('dynamodb') },
      body,
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).__type).toMatch(/ValidationException$/);
  });

  // AWS: "The maximum length of any expression string is 4 KB"; the size is checked before the syntax.
  it('refuses an expression over 4 KB, even 5,000 nested parentheses or 20,000 ANDs', async () => {
    const values = { ':v': { S: 'a' } };
    const parens = `${'('.repeat(5000)}pk = :v${')'.repeat(5000)}`;
    expect(await failure(ddb().send(new ScanCommand({ TableName: TABLE, FilterExpression: parens, ExpressionAttributeValues: values })))).toEqual({
      name: 'ValidationException', status: 400, message: 'Invalid FilterExpression: Expression size has exceeded the maximum allowed size; expression size: 10007',
    });
    const ands = Array.from({ length: 20_000 }, () => 'pk = :v').join(' AND ');
    const tooLong = await failure(ddb().send(new ScanCommand({ TableName: TABLE, FilterExpression: ands, ExpressionAttributeValues: values })));
    expect(tooLong.message).toBe(`Invalid FilterExpression: Expression size has exceeded the maximum allowed size; expression size: ${ands.length}`);
    const syntaxError = await failure(ddb().send(new ScanCommand({ TableName: TABLE, FilterExpression: '('.repeat(15_000) })));
    expect(syntaxError.message).toBe('Invalid FilterExpression: Expression size has exceeded the maximum allowed size; expression size: 15000');
  });

  // AWS counts comparators and AND/OR/NOT toward its limit of 300 operators and refuses the 301st.
  it('refuses the 301st operator and the redundant parentheses that fit in 4 KB', async () => {
    const values = { ':v': { S: 'a' } };
    const fits = `pk = :v${' OR (pk = :v'.repeat(149)}${')'.repeat(149)}`;
    const within = await ddb().send(new ScanCommand({ TableName: TABLE, FilterExpression: fits, ExpressionAttributeValues: values }));
    expect(within.Items).toEqual([]);
    const many = `pk = :v${' OR (pk = :v'.repeat(300)}${')'.repeat(300)}`;
    expect(many.length).toBeLessThan(4096);
    expect(await failure(ddb().send(new ScanCommand({ TableName: TABLE, FilterExpression: many, ExpressionAttributeValues: values })))).toEqual({
      name: 'ValidationException', status: 400, message: 'Invalid FilterExpression: The expression contains too many operators; operator count: 301',
    });
    const nots = `${'NOT '.repeat(1000)}pk = :v`;
    expect((await failure(ddb().send(new ScanCommand({ TableName: TABLE, FilterExpression: nots, ExpressionAttributeValues: values })))).message)
      .toBe('Invalid FilterExpression: The expression contains too many operators; operator count: 301');
    const adds = `SET n = :one${' + :one'.repeat(301)}`;
    expect((await failure(ddb().send(new UpdateItemCommand({ TableName: TABLE, Key: { pk: { S: 'x' } }, UpdateExpression: adds, ExpressionAttributeValues: { ':one': { N: '1' } } })))).name)
      .toBe('ValidationException');
    const deepGroups = `${'('.repeat(2000)}pk = :v${')'.repeat(2000)}`;
    expect(await failure(ddb().send(new ScanCommand({ TableName: TABLE, FilterExpression: deepGroups, ExpressionAttributeValues: values })))).toEqual({
      name: 'ValidationException', status: 400, message: 'Invalid FilterExpression: The expression has redundant parentheses;',
    });
    expect((await failure(ddb().send(new ScanCommand({ TableName: TABLE, FilterExpression: '((pk = :v))', ExpressionAttributeValues: values })))).message)
      .toBe('Invalid FilterExpression: The expression has redundant parentheses;');
    const single = await ddb().send(new ScanCommand({ TableName: TABLE, FilterExpression: '(pk = :v) OR ((pk = :v) AND pk = :v)', ExpressionAttributeValues: values }));
    expect(single.Items).toEqual([]);
  });

  it('refuses a document path deeper than an item can nest', async () => {
    const path = Array.from({ length: 33 }, (_, i) => `p${i}`).join('.');
    const refused = await failure(ddb().send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'deep-31' } }, ProjectionExpression: path })));
    expect(refused).toEqual({ name: 'ValidationException', status: 400, message: 'Invalid ProjectionExpression: The document path has too many nesting levels; nesting levels: 33' });
  });
});
