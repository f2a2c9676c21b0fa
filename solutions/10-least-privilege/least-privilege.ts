/**
 * Lab 10 solution: each of the shop's functions may do its one job and nothing else, the orders
 * queue accepts only the order topic, and the receipts bucket refuses plain HTTP.
 */
import { PutRolePolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import { PutBucketPolicyCommand, type S3Client } from '@aws-sdk/client-s3';
import { SetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** One IAM policy statement. */
export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: unknown;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** A policy document. */
export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: Statement[];
}

/** What the grader (or `workshop deploy`) created, by name and ARN. */
export interface Shop {
  /** The execution roles' names, one per function. */
  roles: { orderWriter: string; receiptWriter: string; payment: string };
  ordersTableArn: string;
  receiptsBucket: string;
  /** Where receipts go, like `receipts/`: the writer may put objects under it only. */
  receiptsPrefix: string;
  paymentSecretArn: string;
  queueUrl: string;
  queueArn: string;
  orderTopicArn: string;
}

/** The SDK clients the setup uses. */
export interface ShopClients {
  iam: IAMClient;
  sqs: SQSClient;
  s3: S3Client;
}

const policy = (...Statement: Statement[]): PolicyDocument => ({ Version: '2012-10-17', Statement });

/** The order writer: PutItem on the orders table, for items whose partition key is an order id. */
export function orderWriterPolicy(shop: Shop): PolicyDocument {
  return policy({
    Sid: 'PutOrders',
    Effect: 'Allow',
    Action: 'dynamodb:PutItem',
    Resource: shop.ordersTableArn,
    // ForAllValues: every partition key the call touches must be an order's; the table's other items (config#...) stay out of reach.
    Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['ord-*'] } },
  });
}

/** The receipt writer: PutObject under the receipts prefix of the bucket, nothing else. */
export function receiptWriterPolicy(shop: Shop): PolicyDocument {
  return policy({ Sid: 'PutReceipts', Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::${shop.receiptsBucket}/${shop.receiptsPrefix}*` });
}

/** The payment step: read the one secret it signs with. */
export function paymentPolicy(shop: Shop): PolicyDocument {
  // The full ARN, with Secrets Manager's random suffix: the one secret, not every secret the account has.
  return policy({ Sid: 'ReadPaymentKey', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: shop.paymentSecretArn });
}

/** The orders queue: SNS may send to it, for the order topic only. */
export function queuePolicy(shop: Shop): PolicyDocument {
  return policy({
    Sid: 'OrderTopicOnly',
    Effect: 'Allow',
    Principal: { Service: 'sns.amazonaws.com' },
    Action: 'sqs:SendMessage',
    Resource: shop.queueArn,
    // Without it, any topic in any account that subscribes this queue could fill it.
    Condition: { ArnEquals: { 'aws:SourceArn': shop.orderTopicArn } },
  });
}

/** The receipts bucket: every request that does not come over TLS is refused, whoever signs it. */
export function bucketPolicy(shop: Shop): PolicyDocument {
  const bucket = `arn:aws:s3:::${shop.receiptsBucket}`;
  return policy({
    Sid: 'TlsOnly',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [bucket, `${bucket}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  });
}

/** Puts every policy in place; running it again replaces them with the same. */
export async function grantLeastPrivilege(clients: ShopClients, shop: Shop): Promise<void> {
  const { iam, sqs, s3 } = clients;
  const roles: Array<[string, string, PolicyDocument]> = [
    [shop.roles.orderWriter, 'place-orders', orderWriterPolicy(shop)],
    [shop.roles.receiptWriter, 'write-receipts', receiptWriterPolicy(shop)],
    [shop.roles.payment, 'read-payment-key', paymentPolicy(shop)],
  ];
  for (const [RoleName, PolicyName, document] of roles) {
    if (document.Statement.length === 0) continue;
    await iam.send(new PutRolePolicyCommand({ RoleName, PolicyName, PolicyDocument: JSON.stringify(document) }));
  }
  const queue = queuePolicy(shop);
  if (queue.Statement.length > 0) await sqs.send(new SetQueueAttributesCommand({ QueueUrl: shop.queueUrl, Attributes: { Policy: JSON.stringify(queue) } }));
  const bucket = bucketPolicy(shop);
  if (bucket.Statement.length > 0) await s3.send(new PutBucketPolicyCommand({ Bucket: shop.receiptsBucket, Policy: JSON.stringify(bucket) }));
}
