/**
 * API Gateway HTTP APIs, the control plane, through @aws-sdk/client-apigatewayv2 and the AWS
 * CLI: APIs, routes, integrations, stages, deployments and authorizers, with AWS's errors, and
 * state kept across a restart.
 */
import {
  CreateApiCommand, CreateAuthorizerCommand, CreateDeploymentCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand, DeleteApiCommand,
  DeleteIntegrationCommand, GetApiCommand, GetApisCommand, GetDeploymentsCommand, GetRoutesCommand, GetStageCommand, GetTagsCommand, TagResourceCommand,
  UpdateApiCommand, UpdateRouteCommand, type ApiGatewayV2Client,
} from '@aws-sdk/client-apigatewayv2';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.ts';
import { clientsAt, useEmulator } from '../support/emulator.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';

const run = promisify(execFile);
const { hasAws } = await realClients('emulator/apigateway');
const FUNCTION = 'arn:aws:lambda:us-east-1:000000000000:function:shop-orders';

async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  const error = (await promise.then(() => undefined, (caught: unknown) => caught)) as { name: string; message: string; $metadata?: { httpStatusCode?: number } } | undefined;
  if (!error) throw new Error('the call succeeded');
  return { name: error.name, message: error.message, status: error.$metadata?.httpStatusCode };
}

describe('API Gateway HTTP APIs: the control plane', () => {
  const emulator = useEmulator();
  const api = (): ApiGatewayV2Client => emulator.clients.apigateway;

  it('creates, reads, lists, updates and deletes an API, and names a missing one as AWS does', async () => {
    const created = await api().send(new CreateApiCommand({ Name: 'shop', ProtocolType: 'HTTP', Tags: { team: 'orders' } }));
    expect(created.ApiId).toMatch(/^[a-z0-9]{10}$/);
    expect(created).toMatchObject({ Name: 'shop', ProtocolType: 'HTTP', RouteSelectionExpression: '$request.method $request.path', ApiKeySelectionExpression: '$request.header.x-api-key', DisableExecuteApiEndpoint: false });
    expect(created.ApiEndpoint).toBe(`${emulator.running.url}/_aws/execute-api/${created.ApiId}`);
    expect(created.CreatedDate).toBeInstanceOf(Date);
    expect((await api().send(new GetApiCommand({ ApiId: created.ApiId }))).Tags).toEqual({ team: 'orders' });
    expect((await api().send(new GetApisCommand({}))).Items?.map((item) => item.ApiId)).toContain(created.ApiId);
    const updated = await api().send(new UpdateApiCommand({ ApiId: created.ApiId, Description: 'the shop', CorsConfiguration: { AllowOrigins: ['http://shop.example'] } }));
    expect(updated).toMatchObject({ Name: 'shop', Description: 'the shop', CorsConfiguration: { AllowOrigins: ['http://shop.example'] } });
    await api().send(new DeleteApiCommand({ ApiId: created.ApiId }));
    const missing = await failure(api().send(new GetApiCommand({ ApiId: created.ApiId })));
    expect(missing).toEqual({ name: 'NotFoundException', message: `Invalid API identifier specified 000000000000:${created.ApiId}`, status: 404 });
  });

  it('checks route keys, integrations and their payload format, and refuses a duplicate route', async () => {
    const { ApiId } = await api().send(new CreateApiCommand({ Name: 'routes', ProtocolType: 'HTTP' }));
    const noFormat = await failure(api().send(new CreateIntegrationCommand({ ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: FUNCTION })));
    expect(noFormat).toMatchObject({ name: 'BadRequestException', status: 400 });
    const integration = await api().send(new CreateIntegrationCommand({ ApiId, IntegrationType: 'AWS_PROXY', IntegrationUri: FUNCTION, PayloadFormatVersion: '2.0' }));
    expect(integration).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0', TimeoutInMillis: 30000, IntegrationMethod: 'POST', ConnectionType: 'INTERNET' });
    const target = `integrations/${integration.IntegrationId}`;
    const route = await api().send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /orders/{orderId}', Target: target }));
    expect(route).toMatchObject({ RouteKey: 'GET /orders/{orderId}', Target: target, AuthorizationType: 'NONE', ApiKeyRequired: false });
    expect(await failure(api().send(new CreateRouteCommand({ ApiId, RouteKey: 'GET /orders/{orderId}', Target: target })))).toMatchObject({ name: 'ConflictException', status: 409 });
    for (const bad of ['orders', 'FETCH /orders', 'GET /{proxy+}/tail', 'GET /orders//x']) {
      expect(await failure(api().send(new CreateRouteCommand({ ApiId, RouteKey: bad }))), bad).toMatchObject({ name: 'BadRequestException', status: 400 });
    }
    expect(await failure(api().send(new CreateRouteCommand({ ApiId, RouteKey: 'POST /orders', Target: 'integrations/nothere' })))).toMatchObject({ name: 'NotFoundException', status: 404 });
    expect(await failure(api().send(new DeleteIntegrationCommand({ ApiId, IntegrationId: integration.IntegrationId })))).toMatchObject({ name: 'ConflictException' });
    await api().send(new UpdateRouteCommand({ ApiId, RouteId: route.RouteId, RouteKey: 'ANY /{proxy+}' }));
    expect((await api().send(new GetRoutesCommand({ ApiId }))).Items?.map((item) => item.RouteKey)).toEqual(['ANY /{proxy+}']);
  });

  it('quick-creates an API with a $default route and an auto-deploying $default stage', async () => {
    const { ApiId } = await api().send(new CreateApiCommand({ Name: 'quick', ProtocolType: 'HTTP', Target: FUNCTION }));
    expect((await api().send(new GetRoutesCommand({ ApiId }))).Items).toMatchObject([{ RouteKey: '$default' }]);
    const stage = await api().send(new GetStageCommand({ ApiId, StageName: '$default' }));
    expect(stage).toMatchObject({ StageName: '$default', AutoDeploy: true });
    expect(stage.DeploymentId).toBeTruthy();
    expect((await api().send(new GetDeploymentsCommand({ ApiId }))).Items).toMatchObject([{ AutoDeployed: true, DeploymentStatus: 'DEPLOYED' }]);
  });

  it('deploys to a named stage only when asked, and refuses a second stage of the same name', async () => {
    const { ApiId } = await api().send(new CreateApiCommand({ Name: 'staged', ProtocolType: 'HTTP' }));
    await api().send(new CreateStageCommand({ ApiId, StageName: 'prod', StageVariables: { table: 'shop-orders' } }));
    expect((await api().send(new GetStageCommand({ ApiId, StageName: 'prod' }))).DeploymentId).toBeUndefined();
    expect(await failure(api().send(new CreateStageCommand({ ApiId, StageName: 'prod' })))).toMatchObject({ name: 'ConflictException', status: 409 });
    const deployment = await api().send(new CreateDeploymentCommand({ ApiId, StageName: 'prod' }));
    expect((await api().send(new GetStageCommand({ ApiId, StageName: 'prod' }))).DeploymentId).toBe(deployment.DeploymentId);
    expect(await failure(api().send(new GetStageCommand({ ApiId, StageName: 'beta' })))).toMatchObject({ name: 'NotFoundException', message: 'Invalid Stage identifier specified 000000000000:beta' });
  });

  it('checks a JWT authorizer and tags an API by its ARN', async () => {
    const { ApiId } = await api().send(new CreateApiCommand({ Name: 'auth', ProtocolType: 'HTTP' }));
    const bad = await failure(api().send(new CreateAuthorizerCommand({ ApiId, Name: 'users', AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'], JwtConfiguration: { Issuer: 'not-a-url', Audience: ['shop'] } })));
    expect(bad).toMatchObject({ name: 'BadRequestException' });
    const authorizer = await api().send(new CreateAuthorizerCommand({ ApiId, Name: 'users', AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'], JwtConfiguration: { Issuer: 'http://127.0.0.1:4566/_workshop/idp', Audience: ['shop'] } }));
    expect(authorizer).toMatchObject({ AuthorizerType: 'JWT', JwtConfiguration: { Audience: ['shop'] } });
    const arn = `arn:aws:apigateway:us-east-1::/apis/${ApiId}`;
    await api().send(new TagResourceCommand({ ResourceArn: arn, Tags: { env: 'dev' } }));
    expect((await api().send(new GetTagsCommand({ ResourceArn: arn }))).Tags).toEqual({ env: 'dev' });
  });

  it.runIf(hasAws)('answers the AWS CLI', async () => {
    const env = clientEnv();
    const cli = (...args: string[]) => run('aws', ['apigatewayv2', ...args, '--endpoint-url', emulator.running.url, '--output', 'json'], { env, timeout: 60_000 });
    const created = JSON.parse((await cli('create-api', '--name', 'from-cli', '--protocol-type', 'HTTP')).stdout) as { ApiId: string };
    const listed = JSON.parse((await cli('get-apis')).stdout) as { Items: Array<{ ApiId: string; Name: string }> };
    expect(listed.Items).toContainEqual(expect.objectContaining({ ApiId: created.ApiId, Name: 'from-cli' }));
    const missing = await cli('get-api', '--api-id', 'nosuchapi0').then(() => '', (error: { stderr: string }) => error.stderr);
    expect(missing).toContain('NotFoundException');
  });
});

describe('API Gateway state with --state', () => {
  const dir = mkdtempSync(join(tmpdir(), 'apigateway-state-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps APIs, routes and stages across a restart', async () => {
    const first = await startEmulator({ port: 0, log: () => {}, stateDir: dir });
    const clients = clientsAt(first.url);
    const { ApiId } = await clients.apigateway.send(new CreateApiCommand({ Name: 'kept', ProtocolType: 'HTTP', Target: FUNCTION }));
    clients.destroy();
    await first.stop();
    const second = await startEmulator({ port: 0, log: () => {}, stateDir: dir });
    const again = clientsAt(second.url);
    try {
      expect((await again.apigateway.send(new GetApiCommand({ ApiId }))).Name).toBe('kept');
      expect((await again.apigateway.send(new GetRoutesCommand({ ApiId }))).Items).toHaveLength(1);
    } finally {
      again.destroy();
      await second.stop();
    }
  });
});
