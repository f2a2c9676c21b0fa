import { CreateApiCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { AddPermissionCommand } from '@aws-sdk/client-lambda';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFunction } from '../support/lambda.ts';
import { OUTPUT } from './global-setup.ts';
import { useLiveSite } from './support/live-site.ts';
import { browserAvailability, screenshot, waitForText } from './support/browser.ts';

const browser = browserAvailability();
if (!browser.available) console.warn(`site browser tests: ${browser.reason}`);

const HANDLER = "exports.handler = async (event) => ({ statusCode: 201, body: JSON.stringify({ orderId: 'o-42', path: event.rawPath }) });";
/** The kit's English words, which a Chinese page must not show outside names and commands. */
const ENGLISH = /\b(route|no route|function|success|refused|dropped|synchronous|invocation|version|attempt|answered|policy|stage|matches|fix)\b/i;

/** The text of one drawn request, without its <code> and ARNs (the add-permission command stays as AWS's CLI spells it). */
async function prose(page: Page, selector: string): Promise<string> {
  // Written as a string: the project's TypeScript has no DOM types, and this runs in the page.
  return page.evaluate<string>(`(() => {
    const copy = document.querySelector(${JSON.stringify(selector)}).cloneNode(true);
    for (const code of copy.querySelectorAll('code')) code.remove();
    return copy.textContent.replace(/arn:\\S+/g, '');
  })()`);
}

describe.skipIf(!browser.available && !browser.mustFail)('HTTP requests in the event-flow view', () => {
  const live = useLiveSite('workshop-site-requests-');
  const ids = { created: '', refused: '', lost: '' };
  const drawn = (id: string) => `event-flow article.flow-request[data-request-id="${id}"]`;

  beforeAll(async () => {
    // An API with a route to a function that may be called, one to a function that may not, and a request no route takes.
    const { apigateway, lambda } = live.clients;
    for (const name of ['shop-orders-api', 'shop-order-status']) await createFunction(lambda, name, { files: { 'index.js': HANDLER } });
    const { ApiId: api } = await apigateway.send(new CreateApiCommand({ Name: 'shop', ProtocolType: 'HTTP' }));
    await lambda.send(new AddPermissionCommand({ FunctionName: 'shop-orders-api', StatementId: 'api', Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', SourceArn: `arn:aws:execute-api:us-east-1:000000000000:${api}/*` }));
    for (const [RouteKey, name] of [['POST /orders', 'shop-orders-api'], ['GET /orders/{orderId}', 'shop-order-status']]) {
      const { IntegrationId } = await apigateway.send(new CreateIntegrationCommand({ ApiId: api, IntegrationType: 'AWS_PROXY', IntegrationUri: `arn:aws:lambda:us-east-1:000000000000:function:${name}`, PayloadFormatVersion: '2.0' }));
      await apigateway.send(new CreateRouteCommand({ ApiId: api, RouteKey, Target: `integrations/${IntegrationId}` }));
    }
    await apigateway.send(new CreateStageCommand({ ApiId: api, StageName: '$default', AutoDeploy: true }));
    const send = async (method: string, path: string) => {
      const answer = await fetch(`${live.kit.url}/_aws/execute-api/${api}${path}`, { method, body: method === 'POST' ? '{"sku":"MUG"}' : undefined });
      await answer.arrayBuffer();
      return { status: answer.status, id: answer.headers.get('apigw-requestid') ?? '' };
    };
    const created = await send('POST', '/orders');
    const refused = await send('GET', '/orders/o-42');
    const lost = await send('DELETE', '/nowhere');
    expect([created.status, refused.status, lost.status]).toEqual([201, 500, 404]);
    Object.assign(ids, { created: created.id, refused: refused.id, lost: lost.id });
  });

  it('draws each request with its route, function and status on the English labs page', async () => {
    const { page, errors } = await live.chromium.page();
    await page.goto(`${live.site.url}/labs/?emulator=${live.kit.port}`);
    const created = await waitForText(page, drawn(ids.created), 'POST /orders');
    expect(await page.locator('event-flow .requests-title').textContent()).toBe('HTTP requests');
    expect(await page.locator(`${drawn(ids.created)} .node.route`).textContent()).toBe('POST /ordersroute');
    expect(await page.locator(`${drawn(ids.created)} .node.target`).textContent()).toMatch(/^shop-orders-apisynchronous invocation of version \$LATEST, attempt 1/);
    expect(await page.locator(`${drawn(ids.created)} .node.result.outcome-success`).textContent()).toBe('201success');
    expect(created).not.toContain('Fix:');

    const refused = drawn(ids.refused);
    expect(await page.locator(`${refused} .node.route`).textContent()).toBe('GET /orders/{orderId}route');
    expect(await page.locator(`${refused} .node.target strong`).textContent()).toBe('shop-order-status');
    expect(await page.locator(`${refused} .node.result.outcome-refused`).textContent()).toBe('500refused');
    expect(await page.locator(`${refused} .request-reason`).textContent()).toMatch(/^the resource policy of arn:aws:lambda:us-east-1:000000000000:function:shop-order-status does not allow apigateway\.amazonaws\.com .*, so API Gateway answered 500Fix: aws lambda add-permission --function-name shop-order-status /);

    const lost = drawn(ids.lost);
    expect(await page.locator(`${lost} .node.route.no-route`).textContent()).toBe('no route');
    expect(await page.locator(`${lost} .node.target`).count()).toBe(0);
    expect(await page.locator(`${lost} .node.result.outcome-dropped`).textContent()).toBe('404dropped');
    expect(await page.locator(`${lost} .request-reason`).textContent()).toBe('no route of stage $default matches DELETE /nowhere (deployed routes: POST /orders, GET /orders/{orderId})');
    // The newest request comes first.
    expect(await page.locator('event-flow article.flow-request').first().getAttribute('data-request-id')).toBe(ids.lost);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says the same in Chinese on the Chinese labs page, readable at 390 px in dark mode', async () => {
    const { page, errors } = await live.chromium.page();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${live.site.url}/zh-cn/labs/?emulator=${live.kit.port}`);
    await waitForText(page, drawn(ids.created), 'POST /orders');
    expect(await page.locator('event-flow .requests-title').textContent()).toBe('HTTP 请求');
    expect(await page.locator(`${drawn(ids.created)} .node.route`).textContent()).toBe('POST /orders路由');
    expect(await page.locator(`${drawn(ids.created)} .node.target`).textContent()).toMatch(/^shop-orders-api同步调用版本 \$LATEST，第 1 次尝试/);
    expect(await page.locator(`${drawn(ids.created)} .node.result`).textContent()).toBe('201成功');

    const refused = drawn(ids.refused);
    expect(await page.locator(`${refused} .node.result.outcome-refused`).textContent()).toBe('500被拒绝');
    expect(await page.locator(`${refused} .request-reason`).textContent()).toMatch(/^arn:aws:lambda:us-east-1:000000000000:function:shop-order-status 的资源策略不允许 apigateway\.amazonaws\.com 为 \S+ 调用它，所以 API Gateway 返回了 500修复方法：aws lambda add-permission /);
    expect(await page.locator(`${refused} .request-fix code`).textContent()).toContain('--principal apigateway.amazonaws.com --source-arn');

    const lost = drawn(ids.lost);
    expect(await page.locator(`${lost} .node.route`).textContent()).toBe('没有路由');
    expect(await page.locator(`${lost} .node.result`).textContent()).toBe('404已丢弃');
    expect(await page.locator(`${lost} .request-reason`).textContent()).toBe('阶段 $default 没有与 DELETE /nowhere 匹配的路由（已部署的路由：POST /orders、GET /orders/{orderId}）');
    for (const id of Object.values(ids)) expect((await prose(page, drawn(id))).match(ENGLISH), id).toBeNull();

    // Nothing wider than the phone: each request wraps within the page.
    const widest = await page.evaluate<number>(`Math.max(...[...document.querySelectorAll('event-flow article.flow-request')].map((node) => node.scrollWidth - node.clientWidth))`);
    expect(widest).toBeLessThanOrEqual(0);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.locator('event-flow .requests-title').scrollIntoViewIfNeeded();
    await screenshot(page, OUTPUT, 'labs-requests-zh-cn-390-dark');
    expect(errors).toEqual([]);
    await page.close();
  });
});
