import { CreateApiCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { CreateStateMachineCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkConfig } from '../../src/core/sdk-config.ts';
import { resolveTarget } from '../../src/core/target.ts';
import { CreateSecretCommand, DeleteSecretCommand } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { secretsAt, ssmAt } from '../emulator/ssm-support.ts';
import { finished, SFN_ROLE, sfnClient } from '../emulator/stepfunctions-support.ts';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { createTableAndWait } from '../support/dynamodb.ts';
import { createFunction } from '../support/lambda.ts';
import { OUTPUT } from './global-setup.ts';
import { useLiveSite } from './support/live-site.ts';
import { browserAvailability, screenshot, waitForText } from './support/browser.ts';

const browser = browserAvailability();
if (!browser.available) console.warn(`site browser tests: ${browser.reason}`);

describe.skipIf(!browser.available && !browser.mustFail)('APIs, topics, state machines, streams, parameters and secrets in the resource explorer', () => {
  const live = useLiveSite('workshop-site-explorer-');
  const section = (name: string) => `resource-explorer [data-section=${name}]`;
  let sns: SNSClient | undefined;
  let sfn: ReturnType<typeof sfnClient> | undefined;
  afterAll(() => { sns?.destroy(); sfn?.destroy(); });

  beforeAll(async () => {
    const { apigateway, lambda } = live.clients;
    await createFunction(lambda, 'shop-orders-api');
    const { ApiId } = await apigateway.send(new CreateApiCommand({ Name: 'shop', ProtocolType: 'HTTP' }));
    const { IntegrationId } = await apigateway.send(new CreateIntegrationCommand({ ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: 'arn:aws:lambda:us-east-1:000000000000:function:shop-orders-api', PayloadFormatVersion: '2.0' }));
    await apigateway.send(new CreateRouteCommand({ ApiId, RouteKey: 'POST /orders', Target: `integrations/${IntegrationId}` }));
    await apigateway.send(new CreateStageCommand({ ApiId, StageName: '$default', AutoDeploy: true }));
    await apigateway.send(new CreateStageCommand({ ApiId, StageName: 'prod', AutoDeploy: true }));

    sns = new SNSClient(sdkConfig(resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: live.kit.url } })));
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'order-placed' }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: 'orders@example.com' }));

    sfn = sfnClient(live.kit.url);
    const definition = JSON.stringify({ StartAt: 'Refuse', States: { Refuse: { Type: 'Fail', Error: 'OrderRefused', Cause: 'out of stock' } } });
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'place-order', definition, roleArn: SFN_ROLE }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'order-o-42' }));
    await finished(sfn, executionArn!);

    const ssm = ssmAt(live.kit.url);
    const secrets = secretsAt(live.kit.url);
    await ssm.send(new PutParameterCommand({ Name: '/shop/tax-rate', Value: 'eight-percent', Type: 'String' }));
    await secrets.send(new CreateSecretCommand({ Name: 'shop/old-token', SecretString: 'token-value' }));
    await secrets.send(new DeleteSecretCommand({ SecretId: 'shop/old-token', RecoveryWindowInDays: 7 }));
    ssm.destroy();
    secrets.destroy();

    const { dynamodb } = live.clients;
    await createTableAndWait(dynamodb, { TableName: 'shop-orders', BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }], StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } });
    await dynamodb.send(new PutItemCommand({ TableName: 'shop-orders', Item: { orderId: { S: 'o-42' } } }));
  });

  it('shows them on the English labs page', async () => {
    const { page, errors } = await live.chromium.page();
    await page.goto(`${live.site.url}/labs/?emulator=${live.kit.port}`);
    expect(await waitForText(page, section('apis'), 'POST /orders')).toContain('HTTP APIs (1)');
    expect(await page.locator(section('apis')).textContent()).toContain('POST /orders → function:shop-orders-api');
    expect(await page.locator(`${section('apis')} td code`).allTextContents()).toEqual([expect.stringMatching(/^\/_aws\/execute-api\/\w+$/), expect.stringMatching(/^\/_aws\/execute-api\/\w+\/prod$/)]);
    expect(await page.locator(section('topics')).textContent()).toContain('email: orders@example.com (pending confirmation)');
    expect(await page.locator(section('stateMachines')).textContent()).toContain('order-o-42: failed (OrderRefused)');
    expect(await page.locator(section('parameters')).textContent()).toContain('/shop/tax-rateString1');
    expect(await page.locator(section('tables')).textContent()).toContain('NEW_IMAGE, 1 record');
    expect(await page.locator(section('secrets')).textContent()).toMatch(/shop\/old-token \(deleted on .+ unless restored\)1/);
    expect(await page.locator('resource-explorer').textContent()).not.toMatch(/eight-percent|token-value/);
    await screenshot(page, OUTPUT, 'explorer-pipeline');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows them in Chinese on the Chinese labs page', async () => {
    const { page, errors } = await live.chromium.page();
    await page.goto(`${live.site.url}/zh-cn/labs/?emulator=${live.kit.port}`);
    expect(await waitForText(page, section('stateMachines'), 'order-o-42')).toContain('状态机（1）');
    expect(await page.locator(section('stateMachines')).textContent()).toContain('order-o-42：失败（OrderRefused）');
    expect(await page.locator(section('topics')).textContent()).toContain('email: orders@example.com（待确认）');
    expect(await page.locator(section('apis')).textContent()).toContain('地址');
    expect(await page.locator(section('parameters')).textContent()).toContain('参数（1）');
    expect(await page.locator(section('tables')).textContent()).toContain('NEW_IMAGE，1 条记录');
    expect(await page.locator(section('secrets')).textContent()).toMatch(/shop\/old-token（若不恢复，将于 .+ 删除）/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
