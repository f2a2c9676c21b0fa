/** SAM templates deployed through the SDK v3 client, then used: the orders API over HTTP, a queue consumer, an EventBridge rule and GetTemplate's stages. */
import {
  CreateChangeSetCommand, CreateStackCommand, DescribeStackResourcesCommand, ExecuteChangeSetCommand, GetTemplateCommand, GetTemplateSummaryCommand, ValidateTemplateCommand,
  waitUntilChangeSetCreateComplete, waitUntilStackCreateComplete, waitUntilStackUpdateComplete,
} from '@aws-sdk/client-cloudformation';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetQueueUrlCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';
import { cfnClientOf, deleteAndWait, describe as describeStack, eventLines } from './cloudformation-support.ts';

const waiting = { maxWaitTime: 60, minDelay: 0.2, maxDelay: 0.5 };

// One handler for every source: API requests, SQS batches and EventBridge events each write to or read the orders table.
const CODE = `
const { DynamoDBClient, PutItemCommand, GetItemCommand } = require('@aws-sdk/client-dynamodb');
const db = new DynamoDBClient({});
const put = (id, from) => db.send(new PutItemCommand({ TableName: process.env.TABLE, Item: { id: { S: id }, from: { S: from } } }));
exports.handler = async (event) => {
  if (event.Records) { for (const record of event.Records) await put(record.body, 'queue'); return {}; }
  if (event['detail-type']) { await put(event.detail.id, 'bus'); return {}; }
  if (event.requestContext.http.method === 'POST') { const { id } = JSON.parse(event.body); await put(id, 'api'); return { statusCode: 201, body: JSON.stringify({ id }) }; }
  const found = await db.send(new GetItemCommand({ TableName: process.env.TABLE, Key: { id: { S: event.pathParameters.id } } }));
  return found.Item ? { statusCode: 200, body: JSON.stringify({ id: found.Item.id.S, from: found.Item.from.S }) } : { statusCode: 404, body: 'no such order' };
};`;

const template = (extraRoute = '') => `
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs22.x
    Handler: index.handler
    Timeout: 10
    Environment: { Variables: { TABLE: !Ref Orders } }
Resources:
  Orders:
    Type: AWS::Serverless::SimpleTable
  Inbox:
    Type: AWS::SQS::Queue
    Properties: { QueueName: sam-inbox }
  OrdersApi:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: ${JSON.stringify(CODE)}
      Policies: [{ DynamoDBCrudPolicy: { TableName: !Ref Orders } }]
      Events:
        Create: { Type: HttpApi, Properties: { Path: /orders, Method: post } }
        Read: { Type: HttpApi, Properties: { Path: '/orders/{id}', Method: get } }
${extraRoute}
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: ${JSON.stringify(CODE)}
      Policies: [{ DynamoDBWritePolicy: { TableName: !Ref Orders } }]
      Events:
        Inbox: { Type: SQS, Properties: { Queue: !GetAtt Inbox.Arn, BatchSize: 1 } }
        Placed: { Type: EventBridgeRule, Properties: { Pattern: { source: [shop.orders] } } }
Outputs:
  Url: { Value: !GetAtt ServerlessHttpApi.ApiEndpoint }
  Table: { Value: !Ref Orders }
`;

describe('CloudFormation with the SAM transform', () => {
  const emulator = useEmulator();
  const cfn = cfnClientOf(emulator);
  const output = (stack: { Outputs?: Array<{ OutputKey?: string; OutputValue?: string }> }, key: string) => stack.Outputs!.find((item) => item.OutputKey === key)!.OutputValue!;

  it('CreateStack asks for CAPABILITY_AUTO_EXPAND, then deploys a SAM shop whose API, queue and rule work', async () => {
    const client = cfn();
    const body = template();
    await expect(client.send(new CreateStackCommand({ StackName: 'sam-shop', TemplateBody: body, Capabilities: ['CAPABILITY_IAM'] }))).rejects.toMatchObject({ name: 'InsufficientCapabilitiesException', message: 'Requires capabilities : [CAPABILITY_AUTO_EXPAND]' });
    await expect(client.send(new CreateStackCommand({ StackName: 'sam-shop', TemplateBody: body, Capabilities: ['CAPABILITY_AUTO_EXPAND'] }))).rejects.toMatchObject({ name: 'InsufficientCapabilitiesException', message: 'Requires capabilities : [CAPABILITY_IAM]' });
    await client.send(new CreateStackCommand({ StackName: 'sam-shop', TemplateBody: body, Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'] }));
    await waitUntilStackCreateComplete({ client, ...waiting }, { StackName: 'sam-shop' }).catch(() => undefined);
    const stack = await describeStack(client, 'sam-shop');
    expect(stack.StackStatus, (await eventLines(client, 'sam-shop')).filter((line) => line.includes('FAILED')).join('\n')).toBe('CREATE_COMPLETE');

    const { StackResources } = await client.send(new DescribeStackResourcesCommand({ StackName: 'sam-shop' }));
    expect(Object.fromEntries(StackResources!.map((resource) => [resource.LogicalResourceId, resource.ResourceType]))).toEqual({
      Orders: 'AWS::DynamoDB::Table', Inbox: 'AWS::SQS::Queue',
      OrdersApi: 'AWS::Lambda::Function', OrdersApiRole: 'AWS::IAM::Role', OrdersApiCreatePermission: 'AWS::Lambda::Permission', OrdersApiReadPermission: 'AWS::Lambda::Permission',
      ServerlessHttpApi: 'AWS::ApiGatewayV2::Api', ServerlessHttpApiApiGatewayDefaultStage: 'AWS::ApiGatewayV2::Stage',
      Worker: 'AWS::Lambda::Function', WorkerRole: 'AWS::IAM::Role', WorkerInbox: 'AWS::Lambda::EventSourceMapping', WorkerPlaced: 'AWS::Events::Rule', WorkerPlacedPermission: 'AWS::Lambda::Permission',
    });

    const url = output(stack, 'Url');
    const created = await fetch(`${url}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'o-1' }) });
    expect(created.status, await created.clone().text()).toBe(201);
    const read = await fetch(`${url}/orders/o-1`);
    expect(await read.json()).toEqual({ id: 'o-1', from: 'api' });
    expect((await fetch(`${url}/orders/o-404`)).status).toBe(404);

    const { QueueUrl } = await emulator.clients.sqs.send(new GetQueueUrlCommand({ QueueName: 'sam-inbox' }));
    await emulator.clients.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'o-2' }));
    await emulator.clients.eventbridge.send(new PutEventsCommand({ Entries: [{ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ id: 'o-3' }) }] }));
    const table = output(stack, 'Table');
    const from = async (id: string) => (await emulator.clients.dynamodb.send(new GetItemCommand({ TableName: table, Key: { id: { S: id } } }))).Item?.from?.S;
    expect(await eventually(() => from('o-2'), 20_000)).toBe('queue');
    expect(await eventually(() => from('o-3'), 20_000)).toBe('bus');

    const original = await client.send(new GetTemplateCommand({ StackName: 'sam-shop' }));
    expect(original.TemplateBody).toBe(body);
    const processed = JSON.parse((await client.send(new GetTemplateCommand({ StackName: 'sam-shop', TemplateStage: 'Processed' }))).TemplateBody!);
    expect(processed.Transform).toBeUndefined();
    expect(processed.Globals).toBeUndefined();
    expect(processed.Resources.ServerlessHttpApi.Type).toBe('AWS::ApiGatewayV2::Api');
    expect(processed.Resources.OrdersApi.Properties.Code.ZipFile).toBe(CODE);

    expect(await deleteAndWait(client, 'sam-shop')).toBe('DELETE_COMPLETE');
    expect((await fetch(`${url}/orders/o-1`)).status).not.toBe(200);
  }, 120_000);

  it('creates and updates through change sets (no CAPABILITY_AUTO_EXPAND needed), keeping the API and adding its new route', async () => {
    const client = cfn();
    const plan = await client.send(new CreateChangeSetCommand({ StackName: 'sam-planned', ChangeSetName: 'first', ChangeSetType: 'CREATE', TemplateBody: template(), Capabilities: ['CAPABILITY_IAM'] }));
    await waitUntilChangeSetCreateComplete({ client, ...waiting }, { ChangeSetName: plan.Id! });
    await client.send(new ExecuteChangeSetCommand({ ChangeSetName: plan.Id! }));
    await waitUntilStackCreateComplete({ client, ...waiting }, { StackName: 'sam-planned' }).catch(() => undefined);
    const first = await describeStack(client, 'sam-planned');
    expect(first.StackStatus, (await eventLines(client, 'sam-planned')).filter((line) => line.includes('FAILED')).join('\n')).toBe('CREATE_COMPLETE');
    const url = output(first, 'Url');
    expect((await fetch(`${url}/orders`, { method: 'POST', body: JSON.stringify({ id: 'o-9' }) })).status).toBe(201);
    expect((await fetch(`${url}/health`)).status).toBe(404);

    const second = template('        Health: { Type: HttpApi, Properties: { Path: /health, Method: get } }');
    const update = await client.send(new CreateChangeSetCommand({ StackName: 'sam-planned', ChangeSetName: 'second', TemplateBody: second, Capabilities: ['CAPABILITY_IAM'] }));
    await waitUntilChangeSetCreateComplete({ client, ...waiting }, { ChangeSetName: update.Id! });
    await client.send(new ExecuteChangeSetCommand({ ChangeSetName: update.Id! }));
    await waitUntilStackUpdateComplete({ client, ...waiting }, { StackName: 'sam-planned' }).catch(() => undefined);
    const updated = await describeStack(client, 'sam-planned');
    expect(updated.StackStatus, (await eventLines(client, 'sam-planned')).filter((line) => line.includes('FAILED')).join('\n')).toBe('UPDATE_COMPLETE');
    expect(output(updated, 'Url')).toBe(url);
    // The handler answers GET routes by reading the table: /health has no {id}, so it throws, which API Gateway turns into a 500, proving the route now reaches the function.
    expect((await fetch(`${url}/health`)).status).toBe(500);
    expect(await (await fetch(`${url}/orders/o-9`)).json()).toEqual({ id: 'o-9', from: 'api' });
    expect(await deleteAndWait(client, 'sam-planned')).toBe('DELETE_COMPLETE');
  }, 120_000);

  it('declares the transform in ValidateTemplate and GetTemplateSummary, with the capability its roles need', async () => {
    const validated = await cfn().send(new ValidateTemplateCommand({ TemplateBody: template() }));
    expect(validated).toMatchObject({ DeclaredTransforms: ['AWS::Serverless-2016-10-31'], Capabilities: ['CAPABILITY_IAM'] });
    expect((await cfn().send(new GetTemplateSummaryCommand({ TemplateBody: template() }))).DeclaredTransforms).toEqual(['AWS::Serverless-2016-10-31']);
    expect((await cfn().send(new ValidateTemplateCommand({ TemplateBody: 'Resources:\n  Q: { Type: AWS::SQS::Queue }\n' }))).DeclaredTransforms).toEqual([]);
  });

  it('refuses a SAM template with a local CodeUri at once, saying to package it first', async () => {
    const body = 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn: { Type: AWS::Serverless::Function, Properties: { Runtime: nodejs22.x, Handler: index.handler, CodeUri: src/ } }\n';
    await expect(cfn().send(new CreateStackCommand({ StackName: 'sam-local', TemplateBody: body, Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'] }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringMatching(/^Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application Specification document\. Number of errors found: 1\. Resource with id \[Fn\] is invalid\. 'CodeUri' is the local path 'src\/'.*aws cloudformation package/),
    });
  });
});
