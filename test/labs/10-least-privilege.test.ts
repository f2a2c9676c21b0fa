/**
 * Grader of lab 10: builds the shop's three functions (given complete), each with an execution
 * role of its own that can only write its logs, and the orders queue, the receipts bucket and the
 * secrets around them (10-least-privilege.setup.ts). It runs the learner's grantLeastPrivilege,
 * then invokes each function on seeded orders (what it must do), and, acting as each role through
 * STS (the same kind of credentials Lambda hands the function), tries what the function must never
 * do and expects IAM's AccessDenied. It publishes to the order topic and to a stranger topic that
 * subscribed the queue, sends plain-HTTP and TLS requests to the bucket, and reads every policy
 * the learner wrote back for wildcards. Nothing waits on AWS's clocks here, so no time factor.
 */
import { DeleteItemCommand, GetItemCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetRolePolicyCommand, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { DeleteObjectCommand, GetBucketPolicyCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { PublishCommand } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { createHmac } from 'node:crypto';
import { beforeAll } from 'vitest';
import { contextMessage, learnerStopped } from '../../src/core/grader/context-messages.ts';
import { check, fail, useLab, type Message } from '../../src/core/grader/index.ts';
import { say } from './10-least-privilege.messages.ts';
import { actAs, isAccessDenied, outcomeOf, plainHttpS3, wildcardsOf, type RoleClients, type Wildcard } from './10-least-privilege.sessions.ts';
import { buildShop, LOGS_POLICY, type Built } from './10-least-privilege.setup.ts';

const lab = useLab();
const emulated = lab.settings.target.name === 'emulator';
const orderId = () => `ord-${lab.random.id(10)}`;
let built: Built;

beforeAll(async () => {
  built = await buildShop(lab);
}, 120_000);

type Granted = { ok: true } | { error: Message };
let grantRun: Promise<Granted> | undefined;

/** Runs the learner's grantLeastPrivilege once for the whole file. */
async function granted(): Promise<Built> {
  grantRun ??= (async () => {
    try {
      await lab.importLearner('least-privilege.ts').grantLeastPrivilege!({ iam: lab.clients.iam, sqs: lab.clients.sqs, s3: lab.clients.s3 }, built.shop);
      // IAM is eventually consistent on AWS: a new policy takes seconds to apply everywhere.
      if (!emulated) await new Promise((resolve) => setTimeout(resolve, 15_000));
      return { ok: true };
    } catch (error) {
      const { name, message } = error as Error;
      return { error: name === 'NotExported' ? contextMessage('notExported', { file: 'least-privilege.ts', exportName: 'grantLeastPrivilege' }) : learnerStopped(error) ?? say('threw', { fn: 'grantLeastPrivilege', name, message }) };
    }
  })();
  const outcome = await grantRun;
  if ('error' in outcome) fail(outcome.error);
  return built;
}

const sessions = new Map<string, Promise<RoleClients>>();
/** One session per role for the whole file. */
function session(roleName: string): Promise<RoleClients> {
  if (!sessions.has(roleName)) sessions.set(roleName, actAs(lab, built.account, roleName));
  return sessions.get(roleName)!;
}

/** Invokes a given function; a failure names the permission its role lacks. */
async function run(fn: string, role: string, policy: string, needed: string, payload: unknown): Promise<any> {
  const answer = await lab.invoke(fn, payload);
  if (answer.functionError) fail(say('functionFailed', { fn, role, policy, needed, errorType: String(answer.payload?.errorType), errorMessage: String(answer.payload?.errorMessage).slice(0, 400) }));
  return answer.payload;
}

/** Expects IAM to refuse `call` made as `role`. */
async function refused(role: string, what: Message, advice: Message, call: () => Promise<unknown>): Promise<void> {
  const outcome = await outcomeOf(call);
  if (outcome === 'allowed') fail(say('allowed', { role, what, advice }));
  if (!isAccessDenied(outcome)) fail(say('notDenied', { role, what, got: outcome, advice }));
}

check('order-writer-works', async () => {
  const { shop, functions, ordersTable } = await granted();
  for (let count = 0; count < 2; count++) {
    const id = orderId();
    await run(functions.orderWriter, shop.roles.orderWriter, 'orderWriterPolicy', `dynamodb:PutItem on ${shop.ordersTableArn}`, { orderId: id, customerId: `cus-${lab.random.id(6)}`, totalCents: lab.random.int(100, 99_999) });
    const { Item } = await lab.clients.dynamodb.send(new GetItemCommand({ TableName: ordersTable, Key: { orderId: { S: id } }, ConsistentRead: true }));
    if (!Item) fail(say('notStored', { id, table: ordersTable }));
  }
});

check('order-writer-scoped', async () => {
  const { shop, ordersTable, otherTable } = await granted();
  const role = shop.roles.orderWriter;
  const { dynamodb } = await session(role);
  const advice = say('adviceOrders', { arn: shop.ordersTableArn });
  const otherKey = lab.random.pick(['config#prices', 'config#shipping', 'stats#daily']);
  // A role that may do nothing is not least privilege: the refusals below count only once it may do its job.
  const own = await outcomeOf(() => dynamodb.send(new PutItemCommand({ TableName: ordersTable, Item: { orderId: { S: orderId() }, customerId: { S: 'cus-probe' }, totalCents: { N: '100' } } })));
  if (own !== 'allowed') fail(say('mustWorkFirst', { role, what: say('whatPutOrder', { table: ordersTable }), check: say('checkOrderWriter') }));
  await refused(role, say('whatOtherTable', { table: otherTable }), advice, () => dynamodb.send(new PutItemCommand({ TableName: otherTable, Item: { customerId: { S: `cus-${lab.random.id(6)}` } } })));
  await refused(role, say('whatDelete', { table: ordersTable }), advice, () => dynamodb.send(new DeleteItemCommand({ TableName: ordersTable, Key: { orderId: { S: orderId() } } })));
  await refused(role, say('whatOtherKey', { key: otherKey, table: ordersTable }), advice, () => dynamodb.send(new PutItemCommand({ TableName: ordersTable, Item: { orderId: { S: otherKey }, value: { S: 'x' } } })));
  await refused(role, say('whatScan', { table: ordersTable }), advice, () => dynamodb.send(new ScanCommand({ TableName: ordersTable })));
});

check('receipt-writer', async () => {
  const { shop, functions } = await granted();
  const role = shop.roles.receiptWriter;
  const id = orderId();
  const { key } = await run(functions.receiptWriter, role, 'receiptWriterPolicy', `s3:PutObject on arn:aws:s3:::${shop.receiptsBucket}/${shop.receiptsPrefix}*`, { orderId: id, totalCents: lab.random.int(100, 99_999) });
  const expected = `${shop.receiptsPrefix}${id}.json`;
  if (key !== expected || (await outcomeOf(() => lab.clients.s3.send(new HeadObjectCommand({ Bucket: shop.receiptsBucket, Key: expected })))) !== 'allowed') {
    fail(say('noReceipt', { bucket: shop.receiptsBucket, key: expected }));
  }
  const { s3 } = await session(role);
  const advice = say('adviceReceipts', { bucket: shop.receiptsBucket, prefix: shop.receiptsPrefix });
  const Bucket = shop.receiptsBucket;
  const elsewhere = `${lab.random.pick(['exports', 'payroll', 'backups'])}/${lab.random.id(8)}.csv`;
  await refused(role, say('whatOtherPrefix', { key: elsewhere, bucket: Bucket }), advice, () => s3.send(new PutObjectCommand({ Bucket, Key: elsewhere, Body: 'x' })));
  await refused(role, say('whatRead', { key: expected }), advice, () => s3.send(new GetObjectCommand({ Bucket, Key: expected })));
  await refused(role, say('whatDeleteObject', { key: expected }), advice, () => s3.send(new DeleteObjectCommand({ Bucket, Key: expected })));
});

check('payment-step', async () => {
  const { shop, functions, paymentSecretValue, otherSecretArn } = await granted();
  const role = shop.roles.payment;
  const order = { orderId: orderId(), amountCents: lab.random.int(100, 99_999) };
  const answer = await run(functions.payment, role, 'paymentPolicy', `secretsmanager:GetSecretValue on ${shop.paymentSecretArn}`, order);
  const expected = createHmac('sha256', paymentSecretValue).update(`${order.orderId}:${order.amountCents}`).digest('hex');
  if (answer?.signature !== expected) fail(say('badSignature', { id: order.orderId, secret: shop.paymentSecretArn }));
  const { secrets } = await session(role);
  await refused(role, say('whatOtherSecret', { secret: otherSecretArn }), say('adviceSecret', { arn: shop.paymentSecretArn }), () => secrets.send(new GetSecretValueCommand({ SecretId: otherSecretArn })));
});

check('queue-policy', async () => {
  const { shop, sns, queueName, strangerTopicArn } = await granted();
  const stranger = `spam-${lab.random.id(8)}`;
  const order = orderId();
  await sns.send(new PublishCommand({ TopicArn: strangerTopicArn, Message: JSON.stringify({ orderId: stranger }) }));
  await sns.send(new PublishCommand({ TopicArn: shop.orderTopicArn, Message: JSON.stringify({ orderId: order }) }));
  const seen = new Set<string>();
  const deadline = Date.now() + (emulated ? 5000 : 60_000);
  let quietUntil: number | undefined;
  for (;;) {
    const { Messages = [] } = await lab.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: shop.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    for (const message of Messages) seen.add(String(JSON.parse(message.Body ?? '{}').orderId));
    const now = Date.now();
    // The stranger's message was published first: once the order's is in, a short grace is enough for it to show.
    if (quietUntil === undefined && seen.has(order)) quietUntil = now + (emulated ? 300 : 5000);
    if ((quietUntil !== undefined && now > quietUntil) || now > deadline) break;
    if (Messages.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (seen.has(stranger)) fail(say('strangerDelivered', { other: strangerTopicArn, queue: queueName, topic: shop.orderTopicArn }));
  if (!seen.has(order)) fail(say('orderLost', { topic: shop.orderTopicArn, queue: queueName }));
});

check('bucket-tls', async () => {
  const { shop } = await granted();
  const Bucket = shop.receiptsBucket;
  const Key = `${shop.receiptsPrefix}${orderId()}.json`;
  const tls = await outcomeOf(() => lab.clients.s3.send(new PutObjectCommand({ Bucket, Key, Body: '{}' })));
  if (tls !== 'allowed') fail(say('tlsRefused', { bucket: Bucket, operation: 'PutObject', got: tls }));
  const read = await outcomeOf(() => lab.clients.s3.send(new GetObjectCommand({ Bucket, Key })));
  if (read !== 'allowed') fail(say('tlsRefused', { bucket: Bucket, operation: 'GetObject', got: read }));
  const plain = plainHttpS3(lab);
  for (const [operation, call] of [
    ['GetObject', () => plain.send(new GetObjectCommand({ Bucket, Key }))],
    ['PutObject', () => plain.send(new PutObjectCommand({ Bucket, Key: `${shop.receiptsPrefix}${orderId()}.json`, Body: '{}' }))],
  ] as const) {
    const outcome = await outcomeOf(call);
    if (outcome !== 'AccessDenied') fail(say('plainHttpAllowed', { bucket: Bucket, operation, got: outcome }));
  }
});

check('no-wildcards', async () => {
  const { shop, queueName } = await granted();
  const { iam, sqs, s3 } = lab.clients;
  const found: Array<{ where: Message; wildcard: Wildcard }> = [];
  for (const RoleName of Object.values(shop.roles)) {
    const attached = (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName }))).AttachedPolicies ?? [];
    if (attached.length > 0) fail(say('managedAttached', { policy: String(attached[0]!.PolicyName), role: RoleName }));
    const own = ((await iam.send(new ListRolePoliciesCommand({ RoleName }))).PolicyNames ?? []).filter((name) => name !== LOGS_POLICY);
    if (own.length === 0) fail(say('noPolicy', { where: say('whereRolePolicy', { role: RoleName }) }));
    for (const PolicyName of own) {
      // IAM answers the document URL-encoded.
      const text = decodeURIComponent((await iam.send(new GetRolePolicyCommand({ RoleName, PolicyName }))).PolicyDocument ?? '');
      for (const wildcard of wildcardsOf(text)) found.push({ where: say('whereRole', { policy: PolicyName, role: RoleName }), wildcard });
    }
  }
  const queuePolicy = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: shop.queueUrl, AttributeNames: ['Policy'] }))).Attributes?.Policy;
  if (!queuePolicy) fail(say('noPolicy', { where: say('whereQueue', { queue: queueName }) }));
  for (const wildcard of wildcardsOf(queuePolicy)) found.push({ where: say('whereQueue', { queue: queueName }), wildcard });
  const bucketPolicy = await s3.send(new GetBucketPolicyCommand({ Bucket: shop.receiptsBucket })).then((answer) => answer.Policy, () => undefined);
  if (!bucketPolicy) fail(say('noPolicy', { where: say('whereBucket', { bucket: shop.receiptsBucket }) }));
  for (const wildcard of wildcardsOf(bucketPolicy)) found.push({ where: say('whereBucket', { bucket: shop.receiptsBucket }), wildcard });
  const first = found[0];
  if (first) {
    const { wildcard } = first;
    const what = wildcard.kind === 'action' ? say('whatAction', { action: wildcard.action }) : wildcard.kind === 'resource' ? say('whatResource', { resource: wildcard.resource }) : say('whatNot', { element: wildcard.element });
    fail(say('wildcard', { where: first.where, what }));
  }
});
