/**
 * What lab 10's grader builds around the learner's policies: the three execution roles (trusted by
 * Lambda, and by the account so the grader can act as each of them), each with a log-writing
 * policy of the grader's own and nothing else; the orders table and a neighbour table; the
 * receipts bucket; the payment secret and another one; the orders queue with the order topic and
 * a stranger topic subscribed; the three given functions. Everything an earlier run left under
 * the run's names is removed first, so no old policy does the learner's work.
 */
import { CreateTableCommand, DeleteTableCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import {
  CreateRoleCommand, DeleteRoleCommand, DeleteRolePolicyCommand, DetachRolePolicyCommand, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand, PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { DeleteFunctionCommand } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, DeleteBucketCommand, DeleteBucketPolicyCommand, DeleteObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { CreateSecretCommand, DeleteSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateTopicCommand, DeleteTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, DeleteQueueCommand, GetQueueAttributesCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { join } from 'node:path';
import { bundleHandler, deployFunction } from '../../src/core/deploy.ts';
import type { GraderContext } from '../../src/core/grader/index.ts';
import { sdkConfig } from '../../src/core/sdk-config.ts';

/** The inline policy the grader puts on each role so its function can log; the learner's policies are the others. */
export const LOGS_POLICY = 'workshop-logs';

/** The names and ARNs of the run's shop, as the learner's grantLeastPrivilege receives them. */
export interface Shop {
  roles: { orderWriter: string; receiptWriter: string; payment: string };
  ordersTableArn: string;
  receiptsBucket: string;
  receiptsPrefix: string;
  paymentSecretArn: string;
  queueUrl: string;
  queueArn: string;
  orderTopicArn: string;
}

/** What the grader knows beyond what it tells the learner. */
export interface Built {
  shop: Shop;
  account: string;
  ordersTable: string;
  otherTable: string;
  otherSecretArn: string;
  paymentSecretValue: string;
  queueName: string;
  strangerTopicArn: string;
  functions: { orderWriter: string; receiptWriter: string; payment: string };
  sns: SNSClient;
  secrets: SecretsManagerClient;
}

const quietly = async (step: () => Promise<unknown>) => {
  try {
    await step();
  } catch {
    // Not there: nothing to remove.
  }
};

async function removeRole(lab: GraderContext, RoleName: string): Promise<void> {
  const { iam } = lab.clients;
  const inline = await iam.send(new ListRolePoliciesCommand({ RoleName })).catch(() => undefined);
  for (const PolicyName of inline?.PolicyNames ?? []) await quietly(() => iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName })));
  const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName })).catch(() => undefined);
  for (const policy of attached?.AttachedPolicies ?? []) await quietly(() => iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn: policy.PolicyArn })));
  await quietly(() => iam.send(new DeleteRoleCommand({ RoleName })));
}

async function emptyBucket(lab: GraderContext, Bucket: string, remove: boolean): Promise<void> {
  const { s3 } = lab.clients;
  // The owner may always delete a bucket policy, even one that denies it everything else.
  await quietly(() => s3.send(new DeleteBucketPolicyCommand({ Bucket })));
  const listed = await s3.send(new ListObjectsV2Command({ Bucket })).catch(() => undefined);
  for (const object of listed?.Contents ?? []) await quietly(() => s3.send(new DeleteObjectCommand({ Bucket, Key: object.Key })));
  if (remove) await quietly(() => s3.send(new DeleteBucketCommand({ Bucket })));
}

/** Removes everything under the run's names (before a run, and after it). */
async function removeAll(lab: GraderContext, names: ReturnType<typeof namesOf>, sns: SNSClient, secrets: SecretsManagerClient, account: string, region: string): Promise<void> {
  const { lambda, dynamodb, sqs } = lab.clients;
  for (const name of Object.values(names.functions)) await quietly(() => lambda.send(new DeleteFunctionCommand({ FunctionName: name })));
  for (const role of Object.values(names.roles)) await removeRole(lab, role);
  for (const table of [names.ordersTable, names.otherTable]) await quietly(() => dynamodb.send(new DeleteTableCommand({ TableName: table })));
  await emptyBucket(lab, names.bucket, true);
  for (const secret of [names.paymentSecret, names.otherSecret]) await quietly(() => secrets.send(new DeleteSecretCommand({ SecretId: secret, ForceDeleteWithoutRecovery: true })));
  for (const topic of [names.orderTopic, names.strangerTopic]) await quietly(() => sns.send(new DeleteTopicCommand({ TopicArn: `arn:aws:sns:${region}:${account}:${topic}` })));
  const found = await sqs.send(new GetQueueUrlCommand({ QueueName: names.queue })).catch(() => undefined);
  if (found?.QueueUrl) await quietly(() => sqs.send(new DeleteQueueCommand({ QueueUrl: found.QueueUrl })));
}

function namesOf(lab: GraderContext) {
  return {
    roles: { orderWriter: lab.name('order-writer-role'), receiptWriter: lab.name('receipt-writer-role'), payment: lab.name('payment-role') },
    functions: { orderWriter: lab.name('place-order'), receiptWriter: lab.name('write-receipt'), payment: lab.name('charge-payment') },
    ordersTable: lab.name('orders'),
    otherTable: lab.name('customers'),
    bucket: lab.name('receipts'),
    paymentSecret: lab.name('payment-provider-key'),
    otherSecret: lab.name('admin-db-password'),
    queue: lab.name('orders-queue'),
    orderTopic: lab.name('order-placed'),
    strangerTopic: lab.name('newsletter'),
  };
}

async function createRole(lab: GraderContext, RoleName: string, account: string): Promise<void> {
  const trust = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
      // The grader acts as the role to try what its function must not do, with the same kind of credentials.
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' },
    ],
  };
  await lab.clients.iam.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: JSON.stringify(trust) }));
  const logs = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `arn:aws:logs:*:${account}:log-group:/aws/lambda/${lab.settings.prefix}-*` }] };
  await lab.clients.iam.send(new PutRolePolicyCommand({ RoleName, PolicyName: LOGS_POLICY, PolicyDocument: JSON.stringify(logs) }));
}

async function deployGiven(lab: GraderContext, file: string, exportName: string, name: string, roleArn: string, environment: Record<string, string>): Promise<void> {
  const zip = await bundleHandler(join(lab.labDir, file), exportName);
  await deployFunction(lab.clients.lambda, { name, role: roleArn, zip, environment, timeout: 10 });
}

/** Builds the run's shop (not yet the learner's policies); cleaned up after the run. */
export async function buildShop(lab: GraderContext): Promise<Built> {
  const config = sdkConfig(lab.settings.target);
  const sns = new SNSClient(config);
  const secrets = new SecretsManagerClient(config);
  const { region } = lab.settings.target;
  const account = (await lab.clients.sts.send(new GetCallerIdentityCommand({}))).Account!;
  const names = namesOf(lab);
  await removeAll(lab, names, sns, secrets, account, region);
  lab.onCleanup(async () => {
    await removeAll(lab, names, sns, secrets, account, region);
    sns.destroy();
    secrets.destroy();
  });
  const { dynamodb, s3, sqs } = lab.clients;
  await Promise.all(Object.values(names.roles).map((role) => createRole(lab, role, account)));
  const table = (TableName: string, key: string) => dynamodb.send(new CreateTableCommand({ TableName, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }], KeySchema: [{ AttributeName: key, KeyType: 'HASH' }] }));
  await Promise.all([table(names.ordersTable, 'orderId'), table(names.otherTable, 'customerId')]);
  await s3.send(new CreateBucketCommand({ Bucket: names.bucket }));
  const paymentSecretValue = `sk_live_${lab.random.id(24)}`;
  const paymentSecretArn = (await secrets.send(new CreateSecretCommand({ Name: names.paymentSecret, SecretString: paymentSecretValue }))).ARN!;
  const otherSecretArn = (await secrets.send(new CreateSecretCommand({ Name: names.otherSecret, SecretString: lab.random.id(20) }))).ARN!;
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: names.queue }));
  const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  const orderTopicArn = (await sns.send(new CreateTopicCommand({ Name: names.orderTopic }))).TopicArn!;
  const strangerTopicArn = (await sns.send(new CreateTopicCommand({ Name: names.strangerTopic }))).TopicArn!;
  // Anyone may subscribe a queue to a topic of theirs: only the queue's policy decides who may then send.
  for (const TopicArn of [orderTopicArn, strangerTopicArn]) await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queueArn, Attributes: { RawMessageDelivery: 'true' } }));
  const ordersTableArn = `arn:aws:dynamodb:${region}:${account}:table/${names.ordersTable}`;
  const waiter = { client: dynamodb, minDelay: 0.1, maxDelay: 2, maxWaitTime: 60 };
  await Promise.all([waitUntilTableExists(waiter, { TableName: names.ordersTable }), waitUntilTableExists(waiter, { TableName: names.otherTable })]);
  const roleArn = (name: string) => `arn:aws:iam::${account}:role/${name}`;
  const prefix = 'receipts/';
  await Promise.all([
    deployGiven(lab, 'place-order.ts', 'placeOrder', names.functions.orderWriter, roleArn(names.roles.orderWriter), { ORDERS_TABLE: names.ordersTable }),
    deployGiven(lab, 'write-receipt.ts', 'writeReceipt', names.functions.receiptWriter, roleArn(names.roles.receiptWriter), { RECEIPTS_BUCKET: names.bucket, RECEIPTS_PREFIX: prefix }),
    // The ARN the learner's policy names; the name would be authorized as the same ARN.
    deployGiven(lab, 'charge-payment.ts', 'chargePayment', names.functions.payment, roleArn(names.roles.payment), { PAYMENT_SECRET_ID: paymentSecretArn }),
  ]);
  return {
    shop: { roles: names.roles, ordersTableArn, receiptsBucket: names.bucket, receiptsPrefix: prefix, paymentSecretArn, queueUrl: QueueUrl!, queueArn, orderTopicArn },
    account,
    ordersTable: names.ordersTable,
    otherTable: names.otherTable,
    otherSecretArn,
    paymentSecretValue,
    queueName: names.queue,
    strangerTopicArn,
    functions: names.functions,
    sns,
    secrets,
  };
}
