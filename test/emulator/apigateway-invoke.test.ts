/**
 * Requests to HTTP APIs over real HTTP: both address forms, the payload 2.0 and 1.0 events,
 * AWS's response mapping and error answers, route precedence, the resource policy AWS requires,
 * stages and deployments, CORS and JWT authorizers with the local identity provider.
 */
import { CreateApiCommand, CreateAuthorizerCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand, CreateDeploymentCommand, UpdateStageCommand, type ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CreateLogGroupCommand, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AddPermissionCommand } from '@aws-sdk/client-lambda';
import { request as httpRequest } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { createFunction } from '../support/lambda.ts';

const HANDLER = `exports.handler = async (event) => {
  const path = event.rawPath ?? event.path;
  if (path.endsWith('/plain')) return { ok: true };
  if (path.endsWith('/text')) return 'hello';
  if (path.endsWith('/fail')) throw new Error('boom');
  if (path.endsWith('/bad')) return { statusCode: 'many' };
  if (path.endsWith('/slow')) { await new Promise((r) => setTimeout(r, 1500)); return { statusCode: 200 }; }
  if (path.endsWith('/made')) return { statusCode: 201, headers: { Location: '/orders/1' }, cookies: ['a=1', 'b=2'], body: 'made' };
  if (path.endsWith('/bytes')) return { statusCode: 200, headers: { 'content-type': 'image/png' }, isBase64Encoded: true, body: Buffer.from([1, 2, 3]).toString('base64') };
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) };
};
`;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

/** One HTTP request as a client sends it, Host header included. */
function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('requests to an HTTP API', () => {
  const emulator = useEmulator();
  let api: ApiGatewayV2Client;
  let apiId: string;
  let base: string;
  const functionArn = 'arn:aws:lambda:us-east-1:000000000000:function:api-echo';

  async function route(routeKey: string, integrationId: string, extra: Record<string, unknown> = {}): Promise<void> {
    await api.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: routeKey, Target: `integrations/${integrationId}`, ...extra }));
  }

  beforeAll(async () => {
    api = emulator.clients.apigateway;
    await createFunction(emulator.clients.lambda, 'api-echo', { files: { 'index.js': HANDLER } });
    ({ ApiId: apiId } = (await api.send(new CreateApiCommand({ Name: 'shop', ProtocolType: 'HTTP', CorsConfiguration: { AllowOrigins: ['http://shop.example'], AllowMethods: ['GET', 'POST'], AllowHeaders: ['content-type'], MaxAge: 300 } }))) as { ApiId: string });
    base = `${emulator.running.url}/_aws/execute-api/${apiId}`;
    const v2 = await api.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: functionArn, PayloadFormatVersion: '2.0', TimeoutInMillis: 700 }));
    const v1 = await api.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: functionArn, PayloadFormatVersion: '1.0' }));
    await route('POST /orders', v2.IntegrationId!);
    await route('GET /orders/{orderId}', v2.IntegrationId!);
    await route('GET /orders/special', v2.IntegrationId!);
    await route('ANY /{proxy+}', v2.IntegrationId!);
    await route('GET /v1/{proxy+}', v1.IntegrationId!);
    await api.send(new CreateStageCommand({ ApiId: apiId, StageName: '$default', AutoDeploy: true }));
  });

  it('answers AWS\'s 500 while the function\'s policy does not allow the API, and says which permission is missing', async () => {
    const refused = await send(`${base}/orders/1`);
    expect(refused).toMatchObject({ status: 500, json: { message: 'Internal Server Error' } });
    const entries = emulator.running.emulator.trace.list({}).filter((entry) => entry.kind === 'api-request');
    expect(entries.at(-1)?.detail).toContain('--principal apigateway.amazonaws.com');
    expect(entries.at(-1)?.http).toEqual({ api: apiId, method: 'GET', path: '/orders/1', route: 'GET /orders/{orderId}', status: 500 });
    await emulator.clients.lambda.send(new AddPermissionCommand({
      FunctionName: 'api-echo', StatementId: 'api', Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', SourceArn: `arn:aws:execute-api:us-east-1:000000000000:${apiId}/*`,
    }));
    expect((await send(`${base}/orders/1`)).status).toBe(200);
  });

  it('sends the payload 2.0 event, by path and by host name', async () => {
    const byPath = await send(`${base}/orders/ord-7?size=L&size=XL&gift`, { headers: { 'X-Shop': 'mugs', cookie: 'session=1; theme=dark' } });
    expect(byPath.status).toBe(200);
    expect(byPath.json).toMatchObject({
      version: '2.0', routeKey: 'GET /orders/{orderId}', rawPath: '/orders/ord-7', rawQueryString: 'size=L&size=XL&gift=',
      cookies: ['session=1', 'theme=dark'], queryStringParameters: { size: 'L,XL', gift: '' }, pathParameters: { orderId: 'ord-7' }, isBase64Encoded: false,
      requestContext: { accountId: '000000000000', apiId, stage: '$default', routeKey: 'GET /orders/{orderId}', http: { method: 'GET', path: '/orders/ord-7', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' } },
    });
    expect(byPath.json.headers['x-shop']).toBe('mugs');
    expect(byPath.json.requestContext.time).toMatch(/^\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(byPath.headers['apigw-requestid']).toBe(byPath.json.requestContext.requestId);
    const port = new URL(emulator.running.url).port;
    const byHost = await send(`${emulator.running.url}/orders/special`, { headers: { host: `${apiId}.execute-api.localhost.localstack.cloud:${port}` } });
    expect(byHost.json).toMatchObject({ routeKey: 'GET /orders/special', rawPath: '/orders/special', requestContext: { domainName: `${apiId}.execute-api.localhost.localstack.cloud` } });
    const posted = await send(`${base}/orders`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0, 255]) });
    expect(posted.json).toMatchObject({ routeKey: 'POST /orders', isBase64Encoded: true, body: Buffer.from([0, 255]).toString('base64') });
    const json = await send(`${base}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"sku":"MUG"}' });
    expect(json.json).toMatchObject({ isBase64Encoded: false, body: '{"sku":"MUG"}' });
  });

  it('takes the most specific route: a literal segment, then a variable, then a greedy one; a method before ANY', async () => {
    expect((await send(`${base}/orders/special`)).json.routeKey).toBe('GET /orders/special');
    expect((await send(`${base}/orders/other`)).json.routeKey).toBe('GET /orders/{orderId}');
    expect((await send(`${base}/orders/a/b`)).json).toMatchObject({ routeKey: 'ANY /{proxy+}', pathParameters: { proxy: 'orders/a/b' } });
    expect((await send(`${base}/orders/other`, { method: 'DELETE' })).json.routeKey).toBe('ANY /{proxy+}');
  });

  it('maps the function\'s answers as AWS does, and answers 500 and 503 for failures', async () => {
    expect(await send(`${base}/x/plain`)).toMatchObject({ status: 200, text: '{"ok":true}', headers: { 'content-type': 'application/json' } });
    expect(await send(`${base}/x/text`)).toMatchObject({ status: 200, text: 'hello' });
    const made = await send(`${base}/x/made`);
    expect(made).toMatchObject({ status: 201, text: 'made', headers: { location: '/orders/1', 'content-type': 'text/plain; charset=utf-8', 'set-cookie': ['a=1', 'b=2'] } });
    const bytes = await new Promise<Buffer>((resolve) => httpRequest(`${base}/x/bytes`, (res) => { const parts: Buffer[] = []; res.on('data', (c: Buffer) => parts.push(c)); res.on('end', () => resolve(Buffer.concat(parts))); }).end());
    expect([...bytes]).toEqual([1, 2, 3]);
    expect(await send(`${base}/x/fail`)).toMatchObject({ status: 500, json: { message: 'Internal Server Error' } });
    expect(await send(`${base}/x/bad`)).toMatchObject({ status: 500, json: { message: 'Internal Server Error' } });
    expect(await send(`${base}/x/slow`)).toMatchObject({ status: 503, json: { message: 'Service Unavailable' } });
    const details = emulator.running.emulator.trace.list({}).filter((entry) => entry.kind === 'api-request').map((entry) => entry.detail ?? '');
    expect(details.some((detail) => detail.includes('the function failed (Error: boom)'))).toBe(true);
    expect(details.some((detail) => detail.includes('statusCode "many" is not an HTTP status code'))).toBe(true);
  });

  it('sends the payload 1.0 event and needs a statusCode in the answer', async () => {
    const answer = await send(`${base}/v1/items?tag=a&tag=b`);
    expect(answer.json).toMatchObject({
      version: '1.0', resource: '/v1/{proxy+}', path: '/v1/items', httpMethod: 'GET', pathParameters: { proxy: 'items' },
      queryStringParameters: { tag: 'b' }, multiValueQueryStringParameters: { tag: ['a', 'b'] }, body: null, isBase64Encoded: false,
    });
    expect(await send(`${base}/v1/plain`)).toMatchObject({ status: 500, json: { message: 'Internal Server Error' } });
  });

  it('answers 404 Not Found for a path no route takes, on an API that does not exist, and on a stage with nothing deployed', async () => {
    const { ApiId: bare } = await api.send(new CreateApiCommand({ Name: 'bare', ProtocolType: 'HTTP' }));
    await api.send(new CreateStageCommand({ ApiId: bare, StageName: '$default' }));
    expect(await send(`${emulator.running.url}/_aws/execute-api/${bare}/anything`)).toMatchObject({ status: 404, json: { message: 'Not Found' } });
    expect(await send(`${emulator.running.url}/_aws/execute-api/nosuchapi0/orders`)).toMatchObject({ status: 404, json: { message: 'Not Found' } });
    const detail = emulator.running.emulator.trace.list({}).filter((entry) => entry.kind === 'api-request').at(-1)?.detail;
    expect(detail).toContain('has nothing deployed');
  });

  it('serves a named stage only after a deployment, with the stage in rawPath and its variables', async () => {
    await api.send(new CreateStageCommand({ ApiId: apiId, StageName: 'prod', StageVariables: { table: 'shop_orders' } }));
    expect((await send(`${base}/prod/orders/1`)).status).toBe(404);
    await api.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: 'prod' }));
    expect((await send(`${base}/prod/orders/1`)).json).toMatchObject({ rawPath: '/prod/orders/1', stageVariables: { table: 'shop_orders' }, requestContext: { stage: 'prod' } });
  });

  it('answers a CORS preflight itself, adds CORS headers for the allowed origin, and lets only that origin\'s pages in', async () => {
    const preflight = await send(`${base}/orders`, { method: 'OPTIONS', headers: { origin: 'http://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(preflight).toMatchObject({ status: 204, headers: { 'access-control-allow-origin': 'http://shop.example', 'access-control-allow-methods': 'GET,POST', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '300' } });
    const page = await send(`${base}/orders/1`, { headers: { origin: 'http://shop.example' } });
    expect(page).toMatchObject({ status: 200, headers: { 'access-control-allow-origin': 'http://shop.example' } });
    const stranger = await send(`${base}/orders/1`, { headers: { origin: 'http://evil.example' } });
    expect(stranger.status).toBe(403);
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('checks JWTs from the local identity provider: none is 401, a wrong audience 401, a missing scope 403', async () => {
    const issuer = `${emulator.running.url}/_workshop/idp`;
    const authorizer = await api.send(new CreateAuthorizerCommand({ ApiId: apiId, Name: 'users', AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'], JwtConfiguration: { Issuer: issuer, Audience: ['shop'] } }));
    const integration = await api.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: functionArn, PayloadFormatVersion: '2.0' }));
    await route('GET /me', integration.IntegrationId!, { AuthorizationType: 'JWT', AuthorizerId: authorizer.AuthorizerId, AuthorizationScopes: ['orders/read'] });
    const token = async (body: object) => ((await send(`${issuer}/token`, { method: 'POST', body: JSON.stringify(body) })).json as { access_token: string }).access_token;
    expect(await send(`${base}/me`)).toMatchObject({ status: 401, json: { message: 'Unauthorized' } });
    expect((await send(`${base}/me`, { headers: { authorization: `Bearer ${await token({ audience: 'other', scope: 'orders/read' })}` } })).status).toBe(401);
    expect(await send(`${base}/me`, { headers: { authorization: `Bearer ${await token({ audience: 'shop' })}` } })).toMatchObject({ status: 403, json: { message: 'Forbidden' } });
    const allowed = await send(`${base}/me`, { headers: { authorization: `Bearer ${await token({ subject: 'alice', audience: 'shop', scope: 'orders/read' })}` } });
    expect(allowed.json.requestContext.authorizer.jwt.claims).toMatchObject({ sub: 'alice', aud: 'shop', iss: issuer, scope: 'orders/read' });
  });

  it('writes a stage\'s access log line to CloudWatch Logs in the stage\'s format', async () => {
    await emulator.clients.logs.send(new CreateLogGroupCommand({ logGroupName: '/shop/api-access' }));
    await api.send(new UpdateStageCommand({
      ApiId: apiId, StageName: '$default',
      AccessLogSettings: { DestinationArn: 'arn:aws:logs:us-east-1:000000000000:log-group:/shop/api-access', Format: '$context.requestId $context.httpMethod $context.routeKey $context.status $context.unknownThing' },
    }));
    const answer = await send(`${base}/orders/42`);
    const requestId = String(answer.headers['apigw-requestid']);
    const { events = [] } = await emulator.clients.logs.send(new FilterLogEventsCommand({ logGroupName: '/shop/api-access' }));
    expect(events.map((event) => event.message)).toContain(`${requestId} GET GET /orders/{orderId} 200 -`);
  });
});
