/**
 * Requests to function URLs over real HTTP, named by Host: the two permission statements a public
 * URL needs, the payload 2.0 event, Lambda's response mapping and its own error answers (403,
 * 502, 429), CORS, alias URLs, AWS_IAM with SigV4 (verified where the emulator has secrets), and
 * one trace entry per request that says why.
 */
import {
  AddPermissionCommand, CreateAliasCommand, CreateFunctionUrlConfigCommand, DeleteAliasCommand, PublishVersionCommand, PutFunctionConcurrencyCommand,
  UpdateFunctionCodeCommand, waitUntilFunctionUpdatedV2, type LambdaClient,
} from '@aws-sdk/client-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClients } from '../../src/core/clients.ts';
import { accountSecret } from '../../src/emulator/signature.ts';
import { useEmulator, type EmulatorFixture } from '../support/emulator.ts';
import { createFunction, zipOf } from '../support/lambda.ts';
import { callUrl, type CallOptions } from './lambda-function-urls-http.ts';

const HANDLER = `exports.handler = async (event) => {
  const path = event.rawPath;
  if (path === '/plain') return { ok: true };
  if (path === '/text') return 'hello';
  if (path === '/list') return ['hello', 3, true];
  if (path === '/fail') throw new Error('boom');
  if (path === '/bad') return { statusCode: 'many' };
  if (path === '/slow') { await new Promise((resolve) => setTimeout(resolve, 2500)); return { statusCode: 200 }; }
  if (path === '/made') return { statusCode: 201, headers: { Location: '/orders/1' }, cookies: ['a=1', 'b=2'], body: 'made' };
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) };
};
`;
const FORBIDDEN = 'Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html';

async function allowPublic(lambda: LambdaClient, name: string, qualifier?: string): Promise<void> {
  await lambda.send(new AddPermissionCommand({ FunctionName: name, Qualifier: qualifier, StatementId: 'url', Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' }));
  await lambda.send(new AddPermissionCommand({ FunctionName: name, Qualifier: qualifier, StatementId: 'invoke', Action: 'lambda:InvokeFunction', Principal: '*', InvokedViaFunctionUrl: true }));
}

function lastRequest(emulator: EmulatorFixture) {
  return emulator.running.emulator.trace.list({}).filter((entry) => entry.kind === 'api-request').at(-1);
}

describe('requests to a public function URL', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0 } });
  let lambda: LambdaClient;
  let url: string;
  const call = (options: CallOptions = {}) => callUrl(emulator.running.url, url, options);

  beforeAll(async () => {
    lambda = emulator.clients.lambda;
    await createFunction(lambda, 'shop', { files: { 'index.js': HANDLER }, Timeout: 1 });
    url = (await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'shop', AuthType: 'NONE' }))).FunctionUrl!;
  });

  it('answers AWS\'s 403 until the policy has both statements, and the trace says which one is missing', async () => {
    const refused = await call({ path: '/plain' });
    expect(refused).toMatchObject({ status: 403, json: { Message: FORBIDDEN }, headers: { 'x-amzn-errortype': 'AccessDeniedException' } });
    expect(lastRequest(emulator)).toMatchObject({ outcome: 'refused', http: { method: 'GET', path: '/plain', status: 403 } });
    expect(lastRequest(emulator)?.detail).toContain('--action lambda:InvokeFunctionUrl --principal "*" --function-url-auth-type NONE');
    await lambda.send(new AddPermissionCommand({ FunctionName: 'shop', StatementId: 'url', Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' }));
    expect((await call({ path: '/plain' })).status).toBe(403);
    const detail = lastRequest(emulator)?.detail ?? '';
    expect(detail).toContain('--action lambda:InvokeFunction --principal "*" --invoked-via-function-url');
    expect(detail).not.toContain('--function-url-auth-type');
    await lambda.send(new AddPermissionCommand({ FunctionName: 'shop', StatementId: 'invoke', Action: 'lambda:InvokeFunction', Principal: '*', InvokedViaFunctionUrl: true }));
    expect((await call({ path: '/plain' })).status).toBe(200);
    expect(lastRequest(emulator)).toMatchObject({ outcome: 'success', target: 'arn:aws:lambda:us-east-1:000000000000:function:shop', http: { status: 200 } });
  });

  it('sends the payload 2.0 event with routeKey and stage $default and an anonymous caller', async () => {
    const host = new URL(url).host;
    const answer = await call({ method: 'POST', path: '/orders/7?size=L&size=XL', headers: { 'content-type': 'application/json', cookie: 'session=1; theme=dark', 'X-Shop': 'mugs' }, body: '{"sku":"MUG"}' });
    const urlId = host.split('.')[0];
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      version: '2.0', routeKey: '$default', rawPath: '/orders/7', rawQueryString: 'size=L&size=XL', cookies: ['session=1', 'theme=dark'],
      queryStringParameters: { size: 'L,XL' }, body: '{"sku":"MUG"}', isBase64Encoded: false,
      requestContext: { accountId: 'anonymous', apiId: urlId, domainName: host.replace(/:\d+$/, ''), domainPrefix: urlId, routeKey: '$default', stage: '$default', http: { method: 'POST', path: '/orders/7', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' } },
    });
    expect(answer.json.headers).toMatchObject({ 'x-shop': 'mugs', 'x-forwarded-proto': 'http', 'x-forwarded-for': '127.0.0.1', host });
    expect(answer.json.pathParameters).toBeUndefined();
    expect(answer.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    const bytes = await call({ method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0, 255]) });
    expect(bytes.json).toMatchObject({ isBase64Encoded: true, body: Buffer.from([0, 255]).toString('base64') });
    expect((await call()).json.body).toBeUndefined();
  });

  it('maps the function\'s answers as function URLs do: JSON unless the answer says otherwise, re-serialized compactly', async () => {
    expect(await call({ path: '/plain' })).toMatchObject({ status: 200, text: '{"ok":true}', headers: { 'content-type': 'application/json' } });
    expect(await call({ path: '/text' })).toMatchObject({ status: 200, text: 'hello', headers: { 'content-type': 'application/json' } });
    expect(await call({ path: '/list' })).toMatchObject({ status: 200, text: '["hello",3,true]' });
    expect(await call({ path: '/made' })).toMatchObject({ status: 201, text: 'made', headers: { location: '/orders/1', 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] } });
  });

  it('answers 502 Internal Server Error when the function fails, answers nonsense or times out', async () => {
    for (const path of ['/fail', '/bad', '/slow']) {
      expect(await call({ path }), path).toMatchObject({ status: 502, text: 'Internal Server Error' });
      expect(lastRequest(emulator)?.outcome).toBe('function-error');
    }
    const details = emulator.running.emulator.trace.list({}).filter((entry) => entry.kind === 'api-request').map((entry) => entry.detail ?? '');
    expect(details.some((detail) => detail.includes('the function failed (Error: boom)'))).toBe(true);
    expect(details.some((detail) => detail.includes('statusCode "many" is not an HTTP status code'))).toBe(true);
    expect(details.some((detail) => detail.includes('Sandbox.Timedout'))).toBe(true);
  });

  it('answers 429 while the function is throttled, and 403 with no message for a URL nobody has', async () => {
    await createFunction(lambda, 'closed');
    await allowPublic(lambda, 'closed');
    const closed = (await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'closed', AuthType: 'NONE' }))).FunctionUrl!;
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'closed', ReservedConcurrentExecutions: 0 }));
    expect(await callUrl(emulator.running.url, closed)).toMatchObject({ status: 429, json: { Message: 'Rate Exceeded.' }, headers: { 'x-amzn-errortype': 'TooManyRequestsException' } });
    expect(lastRequest(emulator)?.outcome).toBe('throttled');
    const nobody = url.replace(/\/\/[a-z0-9]{32}\./, '//0123456789abcdefghijklmnopqrstuv.');
    expect(await callUrl(emulator.running.url, nobody)).toMatchObject({ status: 403, text: '{"Message":null}', headers: { 'x-amzn-errortype': 'AccessDeniedException' } });
  });

  it('invokes an alias\'s version through the alias\'s URL, which refuses once the alias is gone', async () => {
    await createFunction(lambda, 'versioned', { files: { 'index.js': 'exports.handler = async (event, context) => ({ version: context.functionVersion });' } });
    await lambda.send(new PublishVersionCommand({ FunctionName: 'versioned' }));
    await lambda.send(new CreateAliasCommand({ FunctionName: 'versioned', Name: 'live', FunctionVersion: '1' }));
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'versioned', ZipFile: zipOf({ 'index.js': 'exports.handler = async () => ({ version: "latest" });' }) }));
    await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 20 }, { FunctionName: 'versioned' });
    const live = (await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'versioned', Qualifier: 'live', AuthType: 'NONE' }))).FunctionUrl!;
    expect((await callUrl(emulator.running.url, live)).status).toBe(403);
    expect(lastRequest(emulator)?.detail).toContain('--qualifier live');
    await allowPublic(lambda, 'versioned', 'live');
    expect((await callUrl(emulator.running.url, live)).json).toEqual({ version: '1' });
    await lambda.send(new DeleteAliasCommand({ FunctionName: 'versioned', Name: 'live' }));
    expect(await callUrl(emulator.running.url, live)).toMatchObject({ status: 403, json: { Message: FORBIDDEN } });
  });
});

describe('CORS on a function URL', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0 } });
  let open: string;
  let closed: string;

  beforeAll(async () => {
    const { lambda } = emulator.clients;
    await createFunction(lambda, 'web', { files: { 'index.js': HANDLER } });
    await allowPublic(lambda, 'web');
    open = (await lambda.send(new CreateFunctionUrlConfigCommand({
      FunctionName: 'web', AuthType: 'NONE', Cors: { AllowOrigins: ['http://shop.example'], AllowMethods: ['GET', 'POST'], AllowHeaders: ['content-type'], ExposeHeaders: ['location'], MaxAge: 300 },
    }))).FunctionUrl!;
    await createFunction(lambda, 'plain', { files: { 'index.js': HANDLER } });
    await allowPublic(lambda, 'plain');
    closed = (await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'plain', AuthType: 'NONE' }))).FunctionUrl!;
  });

  it('answers the preflight itself and adds CORS headers for the allowed origin', async () => {
    const preflight = await callUrl(emulator.running.url, open, { method: 'OPTIONS', path: '/orders', headers: { origin: 'http://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(preflight).toMatchObject({ status: 204, headers: { 'access-control-allow-origin': 'http://shop.example', 'access-control-allow-methods': 'GET,POST', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '300' } });
    expect(preflight.headers['apigw-requestid']).toBeUndefined();
    expect(lastRequest(emulator)?.detail).toContain('CORS preflight');
    const page = await callUrl(emulator.running.url, open, { path: '/made', headers: { origin: 'http://shop.example' } });
    expect(page).toMatchObject({ status: 201, headers: { 'access-control-allow-origin': 'http://shop.example', 'access-control-expose-headers': 'location' } });
  });

  it('refuses pages from origins the URL does not name, and every page when it has no CORS settings', async () => {
    const stranger = await callUrl(emulator.running.url, open, { path: '/plain', headers: { origin: 'http://evil.example' } });
    expect(stranger.status).toBe(403);
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
    expect(stranger.text).toContain('does not answer web pages from http://evil.example');
    expect((await callUrl(emulator.running.url, closed, { path: '/plain', headers: { origin: 'http://shop.example' } })).status).toBe(403);
    expect((await callUrl(emulator.running.url, closed, { path: '/plain' })).status).toBe(200);
  });
});

describe('a function URL with AuthType AWS_IAM', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0 } });
  let url: string;
  const own = { accessKeyId: '000000000000', secretAccessKey: 'test' };
  const other = { accessKeyId: '222222222222', secretAccessKey: 'test' };

  beforeAll(async () => {
    await createFunction(emulator.clients.lambda, 'private', { files: { 'index.js': HANDLER } });
    url = (await emulator.clients.lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'private', AuthType: 'AWS_IAM' }))).FunctionUrl!;
  });

  it('refuses an unsigned request or one signed for another service, and lets its own account in with who it is', async () => {
    expect(await callUrl(emulator.running.url, url)).toMatchObject({ status: 403, json: { Message: FORBIDDEN } });
    expect(lastRequest(emulator)?.detail).toContain('not signed');
    expect((await callUrl(emulator.running.url, url, { sign: { ...own, service: 's3' } })).status).toBe(403);
    const signed = await callUrl(emulator.running.url, url, { method: 'POST', path: '/me?x=1', body: '{"a":1}', headers: { 'content-type': 'application/json' }, sign: own });
    expect(signed.status).toBe(200);
    expect(signed.json.requestContext).toMatchObject({ accountId: '000000000000', authorizer: { iam: { accessKey: '000000000000', accountId: '000000000000' } } });
  });

  it('lets another account in only when the resource policy names it for both actions', async () => {
    expect((await callUrl(emulator.running.url, url, { sign: other })).status).toBe(403);
    expect(lastRequest(emulator)?.detail).toContain('--principal 222222222222 --function-url-auth-type AWS_IAM');
    const { lambda } = emulator.clients;
    await lambda.send(new AddPermissionCommand({ FunctionName: 'private', StatementId: 'partner-url', Action: 'lambda:InvokeFunctionUrl', Principal: '222222222222', FunctionUrlAuthType: 'AWS_IAM' }));
    await lambda.send(new AddPermissionCommand({ FunctionName: 'private', StatementId: 'partner-invoke', Action: 'lambda:InvokeFunction', Principal: '222222222222', InvokedViaFunctionUrl: true }));
    const answer = await callUrl(emulator.running.url, url, { sign: other });
    expect(answer.status).toBe(200);
    expect(answer.json.requestContext.accountId).toBe('222222222222');
  });
});

describe('a function URL with AuthType AWS_IAM where signatures are verified', () => {
  const RUN_SECRET = 'function-url-run-secret';
  const OWN = '111111111111';
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0 }, secrets: (key) => (/^\d{12}$/.test(key) ? accountSecret(RUN_SECRET, key) : undefined) });
  let url: string;

  beforeAll(async () => {
    const clients = createClients({ name: 'emulator', source: 'default', region: 'us-east-1', endpoint: emulator.running.url, credentials: { accessKeyId: OWN, secretAccessKey: accountSecret(RUN_SECRET, OWN) } });
    try {
      await createFunction(clients.lambda, 'graded', { Role: `arn:aws:iam::${OWN}:role/lambda-role`, files: { 'index.js': HANDLER } });
      url = (await clients.lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'graded', AuthType: 'AWS_IAM' }))).FunctionUrl!;
    } finally {
      clients.destroy();
    }
  });

  it('takes the right secret\'s signature and refuses a guessed one', async () => {
    expect((await callUrl(emulator.running.url, url, { path: '/plain', sign: { accessKeyId: OWN, secretAccessKey: accountSecret(RUN_SECRET, OWN) } })).status).toBe(200);
    expect((await callUrl(emulator.running.url, url, { path: '/plain', sign: { accessKeyId: OWN, secretAccessKey: 'guessed' } })).status).toBe(403);
    expect(lastRequest(emulator)?.detail).toContain('signature does not check out');
  });
});
