import { CreateApiCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { AddPermissionCommand, CreateFunctionUrlConfigCommand } from '@aws-sdk/client-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { requestReading } from '../../site/src/components/live/request-text.ts';
import { stringsFor } from '../../site/src/components/strings.ts';
import type { TraceEntry } from '../../src/emulator/trace.ts';
import { useEmulator } from '../support/emulator.ts';
import { createFunction } from '../support/lambda.ts';
import { callUrl } from '../emulator/lambda-function-urls-http.ts';

const zh = stringsFor('zh-cn');
const en = stringsFor('en');
const ARN = 'arn:aws:lambda:us-east-1:000000000000:function:shop-orders-api';
const HANDLER = `exports.handler = async (event) => {
  if (event.rawPath === '/fail') throw new Error('boom');
  if (event.rawPath === '/bad') return { statusCode: 'many' };
  return { statusCode: event.rawPath === '/orders' ? 201 : 200, body: 'ok' };
};`;
/** The kit's English words; none may be left in a Chinese sentence once names, codes and paths are taken out. */
const ENGLISH = /\b(the|of|so|no|not|route|stage|answered|called|which|policy|resource|allows?|invoke|deployed|matches|integration|timeout|failed|valid|response|signed|answer|neither|nor|public|account|fix)\b/i;
/** A sentence without what it quotes: ARNs and actions (`a:b`), paths, commands, quoted values. */
const words = (text: string) => text.replace(/"[^"]*"/g, '').replace(/\S*[:/$]\S*/g, '').replace(/--\S+/g, '');

const read = (detail: string, locale: 'en' | 'zh-cn', method = 'POST', path = '/orders') =>
  requestReading(detail, { method, path }, (locale === 'en' ? en : zh).requests, locale);

describe("an HTTP request's trace sentence in the page's language", () => {
  it('says what a route did, and keeps the names', () => {
    const done = 'POST /orders: route POST /orders called shop-orders-api, which answered 201';
    expect(read(done, 'zh-cn')).toEqual({ functionUrl: false, reason: '路由 POST /orders 调用了 shop-orders-api，它返回了 201' });
    expect(read(done, 'en')).toEqual({ functionUrl: false, reason: 'route POST /orders called shop-orders-api, which answered 201' });
    const lost = 'GET /nowhere: no route of stage $default matches GET /nowhere (deployed routes: POST /orders, GET /orders/{id})';
    expect(read(lost, 'zh-cn', 'GET', '/nowhere').reason).toBe('阶段 $default 没有与 GET /nowhere 匹配的路由（已部署的路由：POST /orders、GET /orders/{id}）');
    expect(read('GET /x: no route of stage $default matches GET /x (deployed routes: none)', 'zh-cn', 'GET', '/x').reason).toBe('阶段 $default 没有与 GET /x 匹配的路由（已部署的路由：无）');
  });

  it('says a refusal in Chinese and hands the add-permission command over as it came', () => {
    const command = `aws lambda add-permission --function-name shop-orders-api --statement-id allow-api --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn "arn:aws:execute-api:us-east-1:000000000000:abc123/*"`;
    const refused = `POST /orders: the resource policy of ${ARN} does not allow apigateway.amazonaws.com to invoke it for arn:aws:execute-api:us-east-1:000000000000:abc123/$default/POST/orders, so API Gateway answered 500. Fix: ${command}`;
    expect(read(refused, 'zh-cn')).toEqual({
      functionUrl: false,
      reason: `${ARN} 的资源策略不允许 apigateway.amazonaws.com 为 arn:aws:execute-api:us-east-1:000000000000:abc123/$default/POST/orders 调用它，所以 API Gateway 返回了 500`,
      fix: command,
    });
    const url = `GET /hello (function URL of ${ARN}): the resource policy of ${ARN} allows the public ("*") not lambda:InvokeFunctionUrl, so the URL answered 403. Fix: aws lambda add-permission --function-name shop-orders-api`;
    expect(read(url, 'zh-cn', 'GET', '/hello')).toEqual({
      functionUrl: true,
      reason: `${ARN} 的资源策略（调用方：所有人 "*"）不允许 lambda:InvokeFunctionUrl，所以该 URL 返回了 403`,
      fix: 'aws lambda add-permission --function-name shop-orders-api',
    });
    expect(read(url.replace('the public ("*")', 'account 111122223333'), 'zh-cn', 'GET', '/hello').reason).toContain('（调用方：账户 111122223333）');
  });

  it("says a function's failure and a token's refusal in Chinese, keeping the learner's error and AWS's words", () => {
    const failed = `GET /fail (function URL of ${ARN}): the function failed (Error: boom), so the URL answered 502 Internal Server Error: read its log group /aws/lambda/shop-orders-api`;
    expect(read(failed, 'zh-cn', 'GET', '/fail').reason).toBe('函数出错（Error: boom），所以该 URL 返回了 502 Internal Server Error：请查看它的日志组 /aws/lambda/shop-orders-api');
    const malformed = "GET /bad: the function's answer is not a valid response (statusCode \"many\" is not an HTTP status code), so API Gateway answered 500";
    expect(read(malformed, 'zh-cn', 'GET', '/bad').reason).toBe('函数的答复不是有效的响应（statusCode "many" 不是 HTTP 状态码），所以 API Gateway 返回了 500');
    const token = 'GET /me: route GET /me needs a valid JWT: the token lacks the scope orders:read or orders:write';
    expect(read(token, 'zh-cn', 'GET', '/me').reason).toBe('路由 GET /me 需要有效的 JWT：令牌缺少范围 orders:read 或 orders:write');
    const throttled = "POST /orders (function URL of arn:x): Lambda throttled the invocation (TooManyRequestsException: Rate Exceeded.), so the URL answered 429: raise the function's reserved concurrency, or remove it";
    expect(read(throttled, 'zh-cn').reason).toBe('Lambda 对这次调用进行了限流（TooManyRequestsException: Rate Exceeded.），所以该 URL 返回了 429：请提高函数的预留并发，或将其移除');
    // A sentence the site does not know is shown as it came.
    expect(read('POST /orders: something new happened', 'zh-cn').reason).toBe('something new happened');
  });
});

describe("the emulator's own request sentences, said in each language", () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0 } });
  let entries: TraceEntry[] = [];

  beforeAll(async () => {
    const { apigateway, lambda } = emulator.clients;
    const base = `${emulator.running.url}/_aws/execute-api`;
    const send = (path: string, method = 'GET') => fetch(`${base}${path}`, { method }).then((answer) => answer.arrayBuffer());
    await createFunction(lambda, 'shop-orders-api', { files: { 'index.js': HANDLER } });
    await createFunction(lambda, 'shop-order-status', { files: { 'index.js': HANDLER } });
    const { ApiId: api } = await apigateway.send(new CreateApiCommand({ Name: 'shop', ProtocolType: 'HTTP' }));
    await lambda.send(new AddPermissionCommand({ FunctionName: 'shop-orders-api', StatementId: 'api', Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', SourceArn: `arn:aws:execute-api:us-east-1:000000000000:${api}/*` }));
    const integration = async (name: string) => (await apigateway.send(new CreateIntegrationCommand({ ApiId: api, IntegrationType: 'AWS_PROXY', IntegrationUri: `arn:aws:lambda:us-east-1:000000000000:function:${name}`, PayloadFormatVersion: '2.0' }))).IntegrationId!;
    const orders = await integration('shop-orders-api');
    const status = await integration('shop-order-status');
    for (const [RouteKey, id] of [['POST /orders', orders], ['GET /fail', orders], ['GET /bad', orders], ['GET /status', status], ['GET /empty', undefined]] as const) {
      await apigateway.send(new CreateRouteCommand({ ApiId: api, RouteKey, ...(id ? { Target: `integrations/${id}` } : {}) }));
    }
    await apigateway.send(new CreateStageCommand({ ApiId: api, StageName: '$default', AutoDeploy: true }));
    for (const [path, method] of [['/orders', 'POST'], ['/fail'], ['/bad'], ['/status'], ['/empty'], ['/nowhere', 'DELETE']] as const) await send(`/${api}${path}`, method);
    const { ApiId: bare } = await apigateway.send(new CreateApiCommand({ Name: 'bare', ProtocolType: 'HTTP' }));
    await send(`/${bare}/orders`);
    const { ApiId: staged } = await apigateway.send(new CreateApiCommand({ Name: 'staged', ProtocolType: 'HTTP' }));
    await apigateway.send(new CreateStageCommand({ ApiId: staged, StageName: 'beta' }));
    await send(`/${staged}/beta/orders`);
    const { FunctionUrl } = await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'shop-order-status', AuthType: 'NONE' }));
    await callUrl(emulator.running.url, FunctionUrl!, { path: '/hello' });
    await lambda.send(new AddPermissionCommand({ FunctionName: 'shop-order-status', StatementId: 'url', Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' }));
    await lambda.send(new AddPermissionCommand({ FunctionName: 'shop-order-status', StatementId: 'invoke', Action: 'lambda:InvokeFunction', Principal: '*', InvokedViaFunctionUrl: true }));
    await callUrl(emulator.running.url, FunctionUrl!, { path: '/hello' });
    entries = emulator.running.emulator.trace.list({}).filter((entry) => entry.kind === 'api-request');
  }, 60_000);

  it('has a Chinese form for every sentence a request can end with here', () => {
    expect(entries.map((entry) => entry.outcome)).toEqual(['success', 'function-error', 'function-error', 'refused', 'dropped', 'dropped', 'dropped', 'dropped', 'refused', 'success']);
    for (const entry of entries) {
      const said = requestReading(entry.detail!, entry.http!, zh.requests, 'zh-cn');
      expect(said.reason, entry.detail).toMatch(/\p{Script=Han}/u);
      expect(words(said.reason), entry.detail).not.toMatch(ENGLISH);
      expect(said.fix === undefined, entry.detail).toBe(entry.outcome !== 'refused');
    }
    expect(requestReading(entries[8]!.detail!, entries[8]!.http!, zh.requests, 'zh-cn')).toMatchObject({ functionUrl: true, fix: expect.stringContaining('--function-url-auth-type NONE') });
  });

  it('says them on English pages as the emulator wrote them', () => {
    for (const entry of entries) {
      const { reason, fix } = requestReading(entry.detail!, entry.http!, en.requests, 'en');
      expect(entry.detail!.endsWith(fix ? `: ${reason}. Fix: ${fix}` : `: ${reason}`), entry.detail).toBe(true);
    }
  });
});
