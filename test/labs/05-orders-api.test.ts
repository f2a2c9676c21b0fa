/**
 * Grader of lab 05: deploys the learner's orders function and a table, runs the learner's
 * setupOrdersApi, then calls the API over real HTTP as the shop's clients would: generated
 * orders, bad orders, reads, retried requests with an Idempotency-Key, and the browser's CORS
 * preflight; it checks the status codes, headers and bodies, the table, and the function's
 * policy; last, it runs the setup again and checks that nothing doubled.
 */
import { DeleteApiCommand, GetApisCommand, GetIntegrationsCommand, GetRoutesCommand, GetStagesCommand } from '@aws-sdk/client-apigatewayv2';
import { CreateTableCommand, DeleteTableCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { GetPolicyCommand } from '@aws-sdk/client-lambda';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll } from 'vitest';
import { contextMessage, learnerStopped, listOf } from '../../src/core/grader/context-messages.ts';
import { check, expectValue, fail, useLab, type Message } from '../../src/core/grader/index.ts';
import { priceOrder, randomOrder, type CheckoutOrder } from '../../src/core/grader/orders.ts';
import { say } from './05-orders-api.messages.ts';

const lab = useLab();
const functionName = lab.name('orders-api');
const ordersTable = lab.name('orders');
const apiName = lab.name('shop');
const origin = `https://shop-${lab.random.id(5)}.example`;
let functionArn = '';
let setupRun: Promise<{ returned: unknown } | { error: Message }> | undefined;

/** Runs the learner's setupOrdersApi; the first run is shared by every check. */
async function runSetup(): Promise<{ returned: unknown } | { error: Message }> {
  try {
    const learner = lab.importLearner('setup-api.ts');
    return { returned: await learner.setupOrdersApi!({ apigateway: lab.clients.apigateway, lambda: lab.clients.lambda }, { apiName, functionArn, allowOrigin: origin }) };
  } catch (error) {
    const { name, message } = error as Error;
    return { error: name === 'NotExported' ? contextMessage('notExported', { file: 'setup-api.ts', exportName: 'setupOrdersApi' }) : learnerStopped(error) ?? say('threw', { name, message }) };
  }
}

async function apisNamed(): Promise<Array<{ ApiId?: string; ApiEndpoint?: string }>> {
  const found = [];
  let token: string | undefined;
  do {
    const page = await lab.clients.apigateway.send(new GetApisCommand({ NextToken: token }));
    found.push(...(page.Items ?? []).filter((api) => api.Name === apiName));
    token = page.NextToken;
  } while (token);
  return found;
}

/** The endpoint the first run returned (a failure when the setup failed or returned something else). */
async function endpoint(): Promise<string> {
  setupRun ??= (() => {
    lab.onCleanup(async () => {
      for (const api of await apisNamed()) await lab.clients.apigateway.send(new DeleteApiCommand({ ApiId: api.ApiId }));
    });
    return runSetup();
  })();
  const outcome = await setupRun;
  if ('error' in outcome) fail(outcome.error);
  const returned = outcome.returned;
  if (typeof returned !== 'string' || !/^https?:\/\//.test(returned)) fail(say('noEndpoint', { returned: JSON.stringify(returned) ?? 'undefined' }));
  return returned.replace(/\/$/, '');
}

async function theApi(): Promise<{ ApiId: string; ApiEndpoint: string }> {
  const [api] = await apisNamed();
  if (!api?.ApiId) fail(say('noApi', { name: apiName }));
  return { ApiId: api.ApiId, ApiEndpoint: api.ApiEndpoint ?? '' };
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** One request over HTTP, as the shop's clients send it. */
async function call(request: Message, method: string, path: string, options: { headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const url = `${await endpoint()}${path}`;
  let response: Response;
  try {
    response = await fetch(url, { method, headers: options.headers, body: options.body, signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    fail(say('unreachable', { request, url, reason: String((error as Error).cause ?? (error as Error).message) }));
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Fails unless the answer has `expected` status; a gateway error is explained with the trace's words. */
async function expectStatus(answer: Answer, expected: number, request: Message): Promise<void> {
  if (answer.status === expected) return;
  const detail = (await lab.trace({})).filter((entry) => entry.kind === 'api-request').at(-1)?.detail;
  if (detail && answer.status >= 500) fail(say('statusBecause', { request, status: answer.status, expected, detail }));
  expectValue({ what: say('status', { request }), expected, got: answer.status });
}

function postOrder(order: CheckoutOrder, request: Message, headers: Record<string, string> = {}): Promise<Answer> {
  return call(request, 'POST', '/orders', { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(order) });
}

async function stored(orderId: string): Promise<Record<string, unknown> | undefined> {
  return (await lab.clients.documents.send(new GetCommand({ TableName: ordersTable, Key: { orderId }, ConsistentRead: true }))).Item;
}

/** Checks a 201 for `order`: its Location, its body and the stored item. */
async function expectAccepted(answer: Answer, order: CheckoutOrder, request: Message): Promise<void> {
  await expectStatus(answer, 201, request);
  expectValue({ what: say('location', { request }), expected: `/orders/${order.orderId}`, got: answer.headers.get('location') });
  if (answer.json === undefined) fail(say('notJson', { request, text: answer.text.slice(0, 200) }));
  expectValue({ what: say('body', { request }), expected: { status: 'accepted', orderId: order.orderId, totalCents: priceOrder(order).total }, got: answer.json });
  const item = await stored(order.orderId);
  if (!item) fail(say('notStoredAfter', { request, status: answer.status, id: order.orderId }));
  const { createdAt, ...rest } = item;
  expectValue({ what: say('stored', { id: order.orderId }), expected: { orderId: order.orderId, customerId: order.customerId, currency: order.currency, totalCents: priceOrder(order).total }, got: rest });
  expectValue({ what: say('stored', { id: order.orderId }), expected: true, got: typeof createdAt === 'string' && !Number.isNaN(Date.parse(createdAt)) });
}

beforeAll(async () => {
  await lab.clients.dynamodb.send(new CreateTableCommand({
    TableName: ordersTable,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
  }));
  lab.onCleanup(() => lab.clients.dynamodb.send(new DeleteTableCommand({ TableName: ordersTable })));
  await waitUntilTableExists({ client: lab.clients.dynamodb, minDelay: 0.1, maxDelay: 2, maxWaitTime: 60 }, { TableName: ordersTable });
  functionArn = await lab.deployHandler({ file: 'orders-api.ts', exportName: 'handleOrdersApi', name: functionName, environment: { TABLE_NAME: ordersTable }, timeout: 10 });
}, 60_000);

const ROUTES = ['POST /orders', 'GET /orders/{orderId}'];

check('creates-the-api', async () => {
  const returned = await endpoint();
  const api = await theApi();
  expectValue({ what: say('returnedEndpoint'), expected: api.ApiEndpoint, got: returned });
  const routes = (await lab.clients.apigateway.send(new GetRoutesCommand({ ApiId: api.ApiId }))).Items ?? [];
  const integrations = (await lab.clients.apigateway.send(new GetIntegrationsCommand({ ApiId: api.ApiId }))).Items ?? [];
  for (const key of ROUTES) {
    const route = routes.find((candidate) => candidate.RouteKey === key);
    if (!route) fail(say('missingRoute', { route: key, routes: routes.length > 0 ? listOf(routes.map((item) => String(item.RouteKey))) : say('noRoutes') }));
    const integration = integrations.find((item) => `integrations/${item.IntegrationId}` === route.Target);
    if (!integration) fail(say('routeWithoutTarget', { route: key }));
    if (integration.IntegrationType !== 'AWS_PROXY' || integration.IntegrationUri !== functionArn || integration.PayloadFormatVersion !== '2.0') {
      fail(say('wrongIntegration', { route: key, type: String(integration.IntegrationType), uri: String(integration.IntegrationUri), format: String(integration.PayloadFormatVersion), arn: functionArn }));
    }
  }
  const stage = ((await lab.clients.apigateway.send(new GetStagesCommand({ ApiId: api.ApiId }))).Items ?? []).find((item) => item.StageName === '$default');
  if (!stage) fail(say('noStage'));
  if (!stage.DeploymentId) fail(say('notDeployed'));
});

type Statement = { Principal?: unknown; Condition?: Record<string, Record<string, unknown>> };

check('permission-scoped-to-api', async () => {
  await endpoint();
  const api = await theApi();
  let policy: { Statement?: Statement[] };
  try {
    policy = JSON.parse((await lab.clients.lambda.send(new GetPolicyCommand({ FunctionName: functionName }))).Policy ?? '{}');
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') fail(say('noPolicy', { name: functionName }));
    throw error;
  }
  const statements = (policy.Statement ?? []).filter((statement) => JSON.stringify(statement.Principal).includes('apigateway.amazonaws.com'));
  if (statements.length === 0) fail(say('noApiStatement', { name: functionName }));
  const [, , , region, account] = functionArn.split(':');
  const wanted = `arn:aws:execute-api:${region}:${account}:${api.ApiId}/*`;
  for (const statement of statements) {
    const arn = statement.Condition?.ArnLike?.['AWS:SourceArn'];
    if (typeof arn !== 'string' || !arn.startsWith(`arn:aws:execute-api:${region}:${account}:${api.ApiId}/`)) fail(say('unscoped', { arn: typeof arn === 'string' ? arn : say('noSourceArn'), wanted }));
  }
});

check('accepts-orders', async () => {
  await endpoint();
  for (const order of [randomOrder(lab.random), randomOrder(lab.random, 'WELCOME10'), randomOrder(lab.random), randomOrder(lab.random, 'VIP20')]) {
    const request = say('postOrder', { id: order.orderId });
    await expectAccepted(await postOrder(order, request), order, request);
  }
}, 30_000);

check('rejects-bad-orders', async () => {
  await endpoint();
  const cases: Array<{ body: string; field: string; what: Message; orderId?: string }> = [];
  const add = (change: (order: CheckoutOrder) => { field: string; what: Message }) => {
    const order = randomOrder(lab.random);
    const { field, what } = change(order);
    cases.push({ body: JSON.stringify(order), field, what, orderId: order.orderId });
  };
  add((order) => {
    order.items = [];
    return { field: 'items', what: say('badEmpty') };
  });
  add((order) => {
    const index = lab.random.int(0, order.items.length - 1);
    order.items[index]!.quantity = 0;
    return { field: `items[${index}].quantity`, what: say('badQuantity', { index }) };
  });
  add((order) => {
    const index = lab.random.int(0, order.items.length - 1);
    order.items[index]!.unitPriceCents = -lab.random.int(1, 500);
    return { field: `items[${index}].unitPriceCents`, what: say('badPrice', { index }) };
  });
  add((order) => {
    order.currency = lab.random.pick(['JPY', 'CHF', 'eur']);
    return { field: 'currency', what: say('badCurrency', { currency: order.currency }) };
  });
  add((order) => {
    // An inherited name like toString is no code either.
    order.discountCode = lab.random.pick(['FREE100', 'toString', 'SUMMER']);
    return { field: 'discountCode', what: say('badCode', { code: order.discountCode }) };
  });
  cases.push({ body: '{"orderId": "ord-1", items: [}', field: 'body', what: say('badJson') });
  for (const bad of cases) {
    const request = say('postBad', { what: bad.what });
    const answer = await call(request, 'POST', '/orders', { headers: { 'content-type': 'application/json' }, body: bad.body });
    await expectStatus(answer, 400, request);
    if (answer.json === undefined) fail(say('notJson', { request, text: answer.text.slice(0, 200) }));
    expectValue({ what: say('fieldOf', { request }), expected: bad.field, got: answer.json?.field });
    if (bad.orderId && (await stored(bad.orderId))) fail(say('storedAnyway', { request, id: bad.orderId }));
  }
}, 30_000);

check('reads-orders', async () => {
  await endpoint();
  const order = randomOrder(lab.random);
  const placed = say('postOrder', { id: order.orderId });
  await expectAccepted(await postOrder(order, placed), order, placed);
  const request = say('getOrder', { id: order.orderId });
  const answer = await call(request, 'GET', `/orders/${encodeURIComponent(order.orderId)}`);
  await expectStatus(answer, 200, request);
  const item = await stored(order.orderId);
  expectValue({ what: say('body', { request }), expected: item, got: answer.json });
  const missing = `ord-${lab.random.id(10)}`;
  const absent = say('getMissing', { id: missing });
  const notFound = await call(absent, 'GET', `/orders/${missing}`);
  await expectStatus(notFound, 404, absent);
  if (notFound.json === undefined) fail(say('notJson', { request: absent, text: notFound.text.slice(0, 200) }));
}, 30_000);

check('idempotent-retries', async () => {
  await endpoint();
  const key = lab.random.id(16);
  const order = randomOrder(lab.random);
  const first = say('postOrder', { id: order.orderId });
  const answer = await postOrder(order, first, { 'idempotency-key': key });
  await expectAccepted(answer, order, first);
  const again = say('repeat', { key });
  const repeated = await postOrder(order, again, { 'idempotency-key': key });
  await expectStatus(repeated, 201, again);
  expectValue({ what: say('repeatBody'), expected: answer.json, got: repeated.json });
  const other = randomOrder(lab.random);
  const reused = say('reused', { id: other.orderId, key });
  const refused = await postOrder(other, reused, { 'idempotency-key': key });
  await expectStatus(refused, 409, reused);
  if (await stored(other.orderId)) fail(say('storedAnyway', { request: reused, id: other.orderId }));
}, 30_000);

check('cors-for-the-shop', async () => {
  await endpoint();
  const request = say('preflight', { origin });
  const preflight = await call(request, 'OPTIONS', '/orders', { headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
  expectValue({ what: say('allowOrigin', { request }), expected: origin, got: preflight.headers.get('access-control-allow-origin') });
  const methods = (preflight.headers.get('access-control-allow-methods') ?? '').split(',').map((item) => item.trim().toUpperCase()).filter(Boolean);
  if (!methods.includes('POST') && !methods.includes('*')) fail(say('allowMethod', { methods: methods.length > 0 ? methods.join(', ') : say('nothing') }));
  const headers = (preflight.headers.get('access-control-allow-headers') ?? '').split(',').map((item) => item.trim().toLowerCase()).filter(Boolean);
  if (!headers.includes('content-type') && !headers.includes('*')) fail(say('allowHeader', { headers: headers.length > 0 ? headers.join(', ') : say('nothing') }));
  const order = randomOrder(lab.random);
  const fromPage = say('pagePost', { origin });
  const answer = await postOrder(order, fromPage, { origin });
  await expectStatus(answer, 201, fromPage);
  expectValue({ what: say('allowOrigin', { request: fromPage }), expected: origin, got: answer.headers.get('access-control-allow-origin') });
}, 30_000);

check('reruns-safely', async () => {
  const first = await endpoint();
  const second = await runSetup();
  if ('error' in second) {
    const { id, params } = second.error;
    fail(id === 'lab05.threw' ? say('rerunThrew', { name: String(params.name), message: String(params.message).replace(/\.$/, '') }) : second.error);
  }
  expectValue({ what: say('endpointAfterRerun'), expected: first, got: typeof second.returned === 'string' ? second.returned.replace(/\/$/, '') : second.returned });
  const apis = await apisNamed();
  if (apis.length !== 1) fail(say('apisAfterRerun', { count: apis.length, name: apiName }));
  const routes = ((await lab.clients.apigateway.send(new GetRoutesCommand({ ApiId: apis[0]!.ApiId }))).Items ?? []).map((route) => String(route.RouteKey)).sort();
  expectValue({ what: say('routesAfterRerun'), expected: [...ROUTES].sort(), got: routes });
  const order = randomOrder(lab.random);
  const request = say('postAfterRerun', { id: order.orderId });
  await expectAccepted(await postOrder(order, request), order, request);
}, 60_000);
