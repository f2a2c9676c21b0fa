/**
 * Grader of lab 11: packages and deploys the learner's template.yaml as one stack through
 * CloudFormation (a change set with CAPABILITY_IAM and CAPABILITY_AUTO_EXPAND, the code uploaded to
 * S3 as `aws cloudformation package` does), reads its outputs and its roles, then drives the
 * deployed shop over HTTP: generated orders are posted to ApiUrl, must be stored in TableName, and
 * must come out packed at the far end of bus -> rule -> function -> queue -> consumer.
 */
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetApiCommand } from '@aws-sdk/client-apigatewayv2';
import { GetRolePolicyCommand, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TraceEntry } from '../../src/emulator/trace.ts';
import { check, expectValue, fail, useLab, type Message } from '../../src/core/grader/index.ts';
import { randomOrder, type CheckoutOrder } from '../../src/core/grader/orders.ts';
import { say } from './11-shop-template.messages.ts';
import { deployTemplate, type Deployed, type DeployOutcome } from './11-shop-template.stack.ts';

const lab = useLab();
const stackName = lab.name('shop');
let deploying: Promise<DeployOutcome> | undefined;

/** The stack, deployed once for every check; a check fails with the deploy's own reason when it is not there. */
async function stack(): Promise<Deployed> {
  deploying ??= deployTemplate(lab, stackName);
  const outcome = await deploying;
  if ('error' in outcome) fail(outcome.error);
  return outcome.deployed;
}

const OUTPUTS: Record<string, { type: string; value: string }> = {
  ApiUrl: { type: 'AWS::ApiGatewayV2::Api', value: '!GetAtt ServerlessHttpApi.ApiEndpoint' },
  TableName: { type: 'AWS::DynamoDB::Table', value: '!Ref OrdersTable' },
  BusName: { type: 'AWS::Events::EventBus', value: '!Ref OrdersBus' },
  QueueUrl: { type: 'AWS::SQS::Queue', value: '!Ref PackingQueue' },
};

/** An output the checks need; a missing one fails with where to add it. */
async function output(key: keyof typeof OUTPUTS): Promise<string> {
  const { outputs } = await stack();
  const value = outputs[key];
  if (value === undefined) fail(say('missingOutput', { key, value: OUTPUTS[key]!.value }));
  return value.replace(/\/$/, '');
}

/** What the output of a resource type must be: the physical id, or for an API its endpoint. */
async function expectedOutput(deployed: Deployed, type: string): Promise<string[]> {
  const ids = deployed.resources.filter((resource) => resource.ResourceType === type).map((resource) => String(resource.PhysicalResourceId));
  if (ids.length === 0) fail(say('noResourceOfType', { type }));
  if (type !== 'AWS::ApiGatewayV2::Api') return ids;
  return Promise.all(ids.map(async (id) => String((await lab.clients.apigateway.send(new GetApiCommand({ ApiId: id }))).ApiEndpoint)));
}

check('deploys', async () => {
  await stack();
}, 90_000);

check('outputs', async () => {
  const deployed = await stack();
  for (const key of Object.keys(OUTPUTS)) {
    const got = await output(key);
    const wanted = await expectedOutput(deployed, OUTPUTS[key]!.type);
    if (!wanted.includes(got)) expectValue({ what: say('outputValue', { key, type: OUTPUTS[key]!.type }), expected: wanted[0], got });
  }
}, 90_000);

type Statement = { Effect?: string; Action?: string | string[]; NotAction?: unknown; Resource?: string | string[] };
const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
// The execution roles SAM attaches for logs and event sources: AWS's own, each limited to what Lambda's service needs.
const LAMBDA_SERVICE_ROLES = /^arn:aws:iam::aws:policy\/service-role\/AWSLambda(BasicExecutionRole|SQSQueueExecutionRole|DynamoDBExecutionRole)$/;

check('least-privilege', async () => {
  const roles = (await stack()).resources.filter((resource) => resource.ResourceType === 'AWS::IAM::Role').map((resource) => String(resource.PhysicalResourceId));
  if (roles.length === 0) fail(say('noRoles'));
  for (const role of roles) {
    for (const attached of (await lab.clients.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role }))).AttachedPolicies ?? []) {
      if (!LAMBDA_SERVICE_ROLES.test(String(attached.PolicyArn))) fail(say('broadManaged', { role, arn: String(attached.PolicyArn) }));
    }
    for (const policy of (await lab.clients.iam.send(new ListRolePoliciesCommand({ RoleName: role }))).PolicyNames ?? []) {
      const { PolicyDocument } = await lab.clients.iam.send(new GetRolePolicyCommand({ RoleName: role, PolicyName: policy }));
      const document = JSON.parse(decodeURIComponent(PolicyDocument ?? '%7B%7D')) as { Statement?: Statement | Statement[] };
      const statements = Array.isArray(document.Statement) ? document.Statement : document.Statement ? [document.Statement] : [];
      for (const statement of statements.filter((item) => item.Effect === 'Allow')) {
        const actions = list(statement.Action);
        const broad = statement.NotAction !== undefined ? 'NotAction' : actions.find((action) => action === '*' || action.endsWith(':*'));
        if (broad) fail(say('wildcardAction', { role, policy, action: broad }));
        if (list(statement.Resource).includes('*')) fail(say('wildcardResource', { role, policy, action: actions.join(', ') }));
      }
    }
  }
}, 90_000);

interface Answer {
  status: number;
  json: any;
}

async function lastSeq(): Promise<number> {
  return (await lab.trace({})).at(-1)?.seq ?? 0;
}

/** Posts `order` to ApiUrl over HTTP, as the shop's clients do. */
async function postOrder(order: CheckoutOrder, request: Message): Promise<Answer> {
  const url = `${await output('ApiUrl')}/orders`;
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(order), signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    fail(say('unreachable', { request, url, reason: String((error as Error).cause ?? (error as Error).message) }));
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json };
}

/** Why an order went no further, from the trace after `after`: the first refusal or failure it holds. */
function causeIn(entries: TraceEntry[], bus: string): Message | undefined {
  const denied = entries.find((entry) => entry.kind === 'access-denied' && entry.iam?.mode === 'enforce');
  if (denied) return say('accessDenied', { action: String(denied.iam?.action), detail: String(denied.detail ?? '') });
  const refusedEvent = entries.find((entry) => entry.kind === 'event-received' && entry.outcome === 'refused');
  if (refusedEvent) return say('eventRefused', { detail: String(refusedEvent.detail ?? '') });
  const refused = entries.find((entry) => entry.kind === 'delivery' && (entry.outcome === 'refused' || entry.outcome === 'failed'));
  if (refused) return say('deliveryRefused', { detail: String(refused.detail ?? '') });
  const failed = entries.find((entry) => entry.kind === 'invocation' && entry.outcome === 'function-error');
  if (failed) return say('functionError', { target: String(failed.target ?? ''), detail: String(failed.detail ?? '') });
  if (!entries.some((entry) => entry.kind === 'event-received' && String(entry.bus).endsWith(`/${bus}`))) return say('noEvent', { bus });
  if (!entries.some((entry) => entry.kind === 'rule-matched')) return say('noRuleMatched', { bus });
  return undefined;
}

async function storedIn(table: string, orderId: string): Promise<Record<string, unknown> | undefined> {
  return (await lab.clients.documents.send(new GetCommand({ TableName: table, Key: { orderId }, ConsistentRead: true }))).Item;
}

/** Posts an order and fails unless it is answered 201 and stored; a failure says which part of the template to fix. */
async function placeOrder(order: CheckoutOrder): Promise<void> {
  const table = await output('TableName');
  const request = say('postOrder', { id: order.orderId });
  const after = await lastSeq();
  const answer = await postOrder(order, request);
  if (answer.status !== 201) {
    if (answer.status === 404) fail(say('noRoute', { request }));
    const key = (await lab.clients.dynamodb.send(new DescribeTableCommand({ TableName: table })).catch(() => undefined))?.Table?.KeySchema?.map((part) => part.AttributeName).join(', ');
    if (key !== undefined && key !== 'orderId') fail(say('tableKey', { table, key }));
    const entries = (await lab.trace({ after })).filter((entry) => entry.kind === 'access-denied' || entry.kind === 'api-request');
    const detail = entries.find((entry) => entry.kind === 'access-denied')?.detail ?? entries.at(-1)?.detail ?? JSON.stringify(answer.json);
    fail(say('statusBecause', { request, status: answer.status, expected: 201, detail }));
  }
  expectValue({ what: say('body', { request }), expected: { status: 'accepted', orderId: order.orderId }, got: answer.json });
  const item = await storedIn(table, order.orderId);
  if (!item) fail(say('notStored', { request, table, id: order.orderId }));
  expectValue({ what: say('stored', { id: order.orderId }), expected: { orderId: order.orderId, customerId: order.customerId }, got: { orderId: item.orderId, customerId: item.customerId } });
}

check('takes-orders', async () => {
  for (let count = 0; count < 3; count += 1) await placeOrder(randomOrder(lab.random));
}, 90_000);

const PACKING_SECONDS = 15;
const FINAL = new Set(['lab11.accessDenied', 'lab11.eventRefused', 'lab11.deliveryRefused', 'lab11.functionError']);

check('packs-orders', async () => {
  const table = await output('TableName');
  const bus = await output('BusName');
  const after = await lastSeq();
  const orders = [randomOrder(lab.random), randomOrder(lab.random)];
  for (const order of orders) await placeOrder(order);
  const deadline = Date.now() + PACKING_SECONDS * 1000;
  const waiting = new Set(orders.map((order) => order.orderId));
  let refusal: Message | undefined;
  while (waiting.size > 0 && Date.now() < deadline && !refusal) {
    for (const id of [...waiting]) if ((await storedIn(table, id))?.status === 'packed') waiting.delete(id);
    if (waiting.size === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
    // A refusal or failure in the trace will not mend itself with more waiting: report it at once.
    const cause = causeIn(await lab.trace({ after }), bus);
    if (cause && FINAL.has(cause.id)) refusal = cause;
  }
  const [late] = [...waiting];
  if (late && refusal) fail(say('stuck', { id: late, cause: refusal }));
  if (late) fail(say('notPacked', { id: late, seconds: PACKING_SECONDS, cause: causeIn(await lab.trace({ after }), bus) ?? say('notConsumed') }));
}, 90_000);
