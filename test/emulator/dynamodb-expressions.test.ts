/**
 * DynamoDB expressions through the real SDK: conditional writes (the idempotency pattern of the
 * order pipeline), UpdateItem actions and ReturnValues, reserved words and placeholders, and the
 * ValidationException messages AWS gives for mistakes.
 */
import { DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { createTableAndWait } from '../support/dynamodb.ts';

const TABLE = 'expr-orders';
const key = (orderId: string) => ({ orderId: { S: orderId } });

describe('DynamoDB expressions through the real SDK', () => {
  const emulator = useEmulator();
  const ddb = () => emulator.clients.dynamodb;

  beforeAll(async () => {
    await createTableAndWait(ddb(), {
      TableName: TABLE, BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
    });
  });

  it('makes a put idempotent with attribute_not_exists and returns the old item on failure when asked', async () => {
    const put = (amount: string, returnOld = false) => ddb().send(new PutItemCommand({
      TableName: TABLE, Item: { ...key('o-1'), amount: { N: amount } }, ConditionExpression: 'attribute_not_exists(orderId)',
      ...(returnOld ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {}),
    }));
    await put('10');
    await expect(put('99')).rejects.toMatchObject({ name: 'ConditionalCheckFailedException', message: 'The conditional request failed', $metadata: { httpStatusCode: 400 } });
    const failure = await put('99', true).then(() => { throw new Error('the put was expected to fail'); }, (error: unknown) => error as { Item?: unknown });
    expect(failure.Item).toEqual({ ...key('o-1'), amount: { N: '10' } });
    const stored = await ddb().send(new GetItemCommand({ TableName: TABLE, Key: key('o-1') }));
    expect(stored.Item?.amount).toEqual({ N: '10' });
  });

  it('uses placeholders for reserved words and rejects them written plainly', async () => {
    await ddb().send(new PutItemCommand({ TableName: TABLE, Item: { ...key('o-2'), status: { S: 'PLACED' } } }));
    await expect(ddb().send(new UpdateItemCommand({
      TableName: TABLE, Key: key('o-2'), UpdateExpression: 'SET status = :s', ExpressionAttributeValues: { ':s': { S: 'PAID' } },
    }))).rejects.toMatchObject({ name: 'ValidationException', message: 'Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status' });
    const paid = await ddb().send(new UpdateItemCommand({
      TableName: TABLE, Key: key('o-2'), UpdateExpression: 'SET #s = :paid', ConditionExpression: '#s = :placed',
      ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':paid': { S: 'PAID' }, ':placed': { S: 'PLACED' } }, ReturnValues: 'UPDATED_OLD',
    }));
    expect(paid.Attributes).toEqual({ status: { S: 'PLACED' } });
    await expect(ddb().send(new UpdateItemCommand({
      TableName: TABLE, Key: key('o-2'), UpdateExpression: 'SET #s = :paid', ConditionExpression: '#s = :placed',
      ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':paid': { S: 'PAID' }, ':placed': { S: 'PLACED' } },
    }))).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
  });

  it('applies SET, REMOVE, ADD and DELETE with if_not_exists, list_append and every ReturnValues', async () => {
    const update = (expression: string, values: Record<string, any> | undefined, returnValues: 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW' | 'NONE') =>
      ddb().send(new UpdateItemCommand({ TableName: TABLE, Key: key('o-3'), UpdateExpression: expression, ExpressionAttributeValues: values, ReturnValues: returnValues }));
    const created = await update('SET visits = if_not_exists(visits, :zero) + :one, history = list_append(if_not_exists(history, :empty), :step), labels = :labels', {
      ':zero': { N: '0' }, ':one': { N: '1' }, ':empty': { L: [] }, ':step': { L: [{ S: 'placed' }] }, ':labels': { SS: ['new', 'gift'] },
    }, 'ALL_NEW');
    expect(created.Attributes).toEqual({ ...key('o-3'), visits: { N: '1' }, history: { L: [{ S: 'placed' }] }, labels: { SS: ['new', 'gift'] } });
    const second = await update('SET history = list_append(history, :step) ADD visits :one, labels :express', {
      ':step': { L: [{ S: 'paid' }] }, ':one': { N: '1' }, ':express': { SS: ['express'] },
    }, 'UPDATED_NEW');
    expect(second.Attributes).toEqual({ history: { L: [{ S: 'placed' }, { S: 'paid' }] }, visits: { N: '2' }, labels: { SS: ['new', 'gift', 'express'] } });
    const all = await update('REMOVE history[0] DELETE labels :new', { ':new': { SS: ['new'] } }, 'ALL_OLD');
    expect(all.Attributes?.visits).toEqual({ N: '2' });
    expect(all.Attributes?.labels).toEqual({ SS: ['new', 'gift', 'express'] });
    const after = await ddb().send(new GetItemCommand({ TableName: TABLE, Key: key('o-3') }));
    expect(after.Item?.history).toEqual({ L: [{ S: 'paid' }] });
    expect(new Set((after.Item?.labels as { SS: string[] }).SS)).toEqual(new Set(['gift', 'express']));
    const none = await update('SET visits = visits - :one', { ':one': { N: '1' } }, 'NONE');
    expect(none.Attributes).toBeUndefined();
  });

  it('deletes conditionally', async () => {
    await ddb().send(new PutItemCommand({ TableName: TABLE, Item: { ...key('o-4'), amount: { N: '5' } } }));
    await expect(ddb().send(new DeleteItemCommand({
      TableName: TABLE, Key: key('o-4'), ConditionExpression: 'amount > :min', ExpressionAttributeValues: { ':min': { N: '10' } },
    }))).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    const deleted = await ddb().send(new DeleteItemCommand({
      TableName: TABLE, Key: key('o-4'), ConditionExpression: 'amount BETWEEN :a AND :b', ExpressionAttributeValues: { ':a': { N: '1' }, ':b': { N: '5' } }, ReturnValues: 'ALL_OLD',
    }));
    expect(deleted.Attributes?.amount).toEqual({ N: '5' });
  });

  it('answers ValidationException with AWS messages for expression mistakes', async () => {
    const update = (input: Record<string, any>) => ddb().send(new UpdateItemCommand({ TableName: TABLE, Key: key('o-5'), ...input }));
    const cases: Array<[Record<string, any>, string]> = [
      [{ UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': { S: 'x' }, ':x': { S: 'y' } } }, 'Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}'],
      [{ UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { a: { S: 'x' } } }, 'ExpressionAttributeValues contains invalid key: Syntax error; key: "a"'],
      [{ UpdateExpression: 'SET a = :a' }, 'Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :a'],
      [{ UpdateExpression: 'SET #a = :a', ExpressionAttributeValues: { ':a': { S: 'x' } } }, 'Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #a'],
      [{ UpdateExpression: 'ADD hits : incr', ExpressionAttributeValues: { ':incr': { N: '1' } } }, 'Invalid UpdateExpression: Syntax error; token: ":", near: "hits : incr"'],
      [{ UpdateExpression: 'SET orderId = :a', ExpressionAttributeValues: { ':a': { S: 'x' } } }, 'One or more parameter values were invalid: Cannot update attribute orderId. This attribute is part of the key'],
      [{ UpdateExpression: 'SET a = b + :one', ExpressionAttributeValues: { ':one': { N: '1' } } }, 'The provided expression refers to an attribute that does not exist in the item'],
      [{ UpdateExpression: 'SET a = :a', ConditionExpression: 'size(a)', ExpressionAttributeValues: { ':a': { S: 'x' } } }, 'Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size'],
      [{ UpdateExpression: 'SET a = :a', ExpressionAttributeValues: {} }, 'ExpressionAttributeValues must not be empty'],
    ];
    for (const [input, message] of cases) {
      await expect(update(input), message).rejects.toMatchObject({ name: 'ValidationException', message, $metadata: { httpStatusCode: 400 } });
    }
    await expect(ddb().send(new GetItemCommand({ TableName: TABLE, Key: key('o-5'), ExpressionAttributeNames: { '#a': 'a' } })))
      .rejects.toMatchObject({ message: 'ExpressionAttributeNames can only be specified when using expressions' });
    expect((await ddb().send(new GetItemCommand({ TableName: TABLE, Key: key('o-5') }))).Item).toBeUndefined();
  });
});
