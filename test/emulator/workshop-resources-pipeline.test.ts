import { CreateApiCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateStateMachineCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, describe, expect, it } from 'vitest';
import type { ResourceSnapshot } from '../../src/emulator/workshop-resources.ts';
import { createTableAndWait } from '../support/dynamodb.ts';
import { useEmulator } from '../support/emulator.ts';
import { createFunction } from '../support/lambda.ts';
import { createQueue, snsClientOf } from './sns-support.ts';
import { finished, SFN_ROLE, sfnClient } from './stepfunctions-support.ts';

describe('the resource explorer route for APIs, topics, state machines and streams', () => {
  const emulator = useEmulator({ timeFactor: 0.001, settings: { lambdaStateDelayMs: 10, dynamodbStateDelayMs: 10 } });
  const sns = snsClientOf(emulator);
  const sfn = () => (client ??= sfnClient(emulator.running.url));
  let client: ReturnType<typeof sfnClient> | undefined;
  afterAll(() => client?.destroy());
  const snapshot = async () => (await (await fetch(`${emulator.running.url}/_workshop/resources`)).json()) as ResourceSnapshot;

  it('lists none of them in an empty account', async () => {
    expect(await snapshot()).toMatchObject({ apis: [], topics: [], stateMachines: [] });
  });

  it('lists an HTTP API with its routes and the functions they call, and its stages', async () => {
    const { apigateway, lambda } = emulator.clients;
    await createFunction(lambda, 'shop-orders-api', { files: { 'index.js': 'exports.handler = async () => ({ statusCode: 200 });' } });
    const fn = { FunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:shop-orders-api' };
    const { ApiId } = await apigateway.send(new CreateApiCommand({ Name: 'orders', ProtocolType: 'HTTP' }));
    const { IntegrationId } = await apigateway.send(new CreateIntegrationCommand({ ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: fn.FunctionArn, PayloadFormatVersion: '2.0' }));
    await apigateway.send(new CreateRouteCommand({ ApiId, RouteKey: 'POST /orders', Target: `integrations/${IntegrationId}` }));
    await apigateway.send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /orders/{id}', Target: `integrations/${IntegrationId}` }));
    await apigateway.send(new CreateStageCommand({ ApiId, StageName: '$default', AutoDeploy: true }));
    expect((await snapshot()).apis).toEqual([{
      name: 'orders',
      region: 'us-east-1',
      apiId: ApiId,
      path: `/_aws/execute-api/${ApiId}`,
      routes: [{ routeKey: 'GET /orders/{id}', target: fn.FunctionArn }, { routeKey: 'POST /orders', target: fn.FunctionArn }],
      stages: ['$default'],
    }]);
  });

  it('lists a topic with its subscriptions, a pending one marked as such', async () => {
    const { TopicArn } = await sns().send(new CreateTopicCommand({ Name: 'order-placed' }));
    const queue = await createQueue(emulator, 'order-placed-audit', TopicArn);
    await sns().send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queue.arn }));
    await sns().send(new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: 'orders@example.com' }));
    const [topic] = (await snapshot()).topics;
    expect(topic).toMatchObject({ name: 'order-placed', arn: TopicArn, fifo: false });
    expect(topic!.subscriptions).toEqual(expect.arrayContaining([
      { protocol: 'sqs', endpoint: queue.arn, pending: false },
      { protocol: 'email', endpoint: 'orders@example.com', pending: true },
    ]));
  });

  it('lists a state machine with its latest executions, newest first, and how each ended', async () => {
    const definition = JSON.stringify({ StartAt: 'Check', States: { Check: { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Done' }], Default: 'Refuse' }, Done: { Type: 'Succeed' }, Refuse: { Type: 'Fail', Error: 'OrderRefused', Cause: 'not ok' } } });
    const { stateMachineArn } = await sfn().send(new CreateStateMachineCommand({ name: 'place-order', definition, roleArn: SFN_ROLE }));
    const good = await sfn().send(new StartExecutionCommand({ stateMachineArn, name: 'good', input: '{"ok":true}' }));
    await finished(sfn(), good.executionArn!);
    const bad = await sfn().send(new StartExecutionCommand({ stateMachineArn, name: 'bad', input: '{"ok":false}' }));
    await finished(sfn(), bad.executionArn!);
    const [machine] = (await snapshot()).stateMachines;
    expect(machine).toMatchObject({ name: 'place-order', arn: stateMachineArn, type: 'STANDARD' });
    expect(machine!.executions.map(({ name, status, error }) => ({ name, status, error }))).toEqual([
      { name: 'bad', status: 'FAILED', error: 'OrderRefused' },
      { name: 'good', status: 'SUCCEEDED', error: undefined },
    ]);
    expect(Date.parse(machine!.executions[0]!.stopDate!)).toBeGreaterThanOrEqual(Date.parse(machine!.executions[0]!.startDate));
  });

  it("shows a table's stream with its view type and how many records it holds", async () => {
    const { dynamodb } = emulator.clients;
    const key = { KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' as const }], AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' as const }], BillingMode: 'PAY_PER_REQUEST' as const };
    await createTableAndWait(dynamodb, { TableName: 'streamed-orders', ...key, StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } });
    await createTableAndWait(dynamodb, { TableName: 'quiet-orders', ...key });
    for (const orderId of ['o-1', 'o-2']) await dynamodb.send(new PutItemCommand({ TableName: 'streamed-orders', Item: { orderId: { S: orderId } } }));
    const tables = (await snapshot()).tables;
    expect(tables.find((table) => table.name === 'streamed-orders')?.stream).toEqual({ viewType: 'NEW_AND_OLD_IMAGES', records: 2 });
    expect(tables.find((table) => table.name === 'quiet-orders')?.stream).toBeUndefined();
  });
});
