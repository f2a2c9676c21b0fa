/**
 * Lab 10: write the policies of the shop's functions, its orders queue and its receipts bucket.
 * Complete every TODO, then run `npx workshop check 10`.
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
  // TODO: allow dynamodb:PutItem on shop.ordersTableArn only, and only for items whose partition
  //       key is an order id (ForAllValues:StringLike on dynamodb:LeadingKeys, ['ord-*']).
  void shop;
  return policy();
}

/** The receipt writer: PutObject under the receipts prefix of the bucket, nothing else. */
export function receiptWriterPolicy(shop: Shop): PolicyDocument {
  // TODO: allow s3:PutObject on the objects under shop.receiptsPrefix in shop.receiptsBucket
  //       (arn:aws:s3:::<bucket>/<prefix>*), nothing else.
  void shop;
  return policy();
}

/** The payment step: read the one secret it signs with. */
export function paymentPolicy(shop: Shop): PolicyDocument {
  // TODO: allow secretsmanager:GetSecretValue on shop.paymentSecretArn, the one secret it needs.
  void shop;
  return policy();
}

/** The orders queue: SNS may send to it, for the order topic only. */
export function queuePolicy(shop: Shop): PolicyDocument {
  // TODO: allow the principal { Service: 'sns.amazonaws.com' } sqs:SendMessage on shop.queueArn,
  //       on the condition ArnEquals aws:SourceArn shop.orderTopicArn.
  void shop;
  return policy();
}

/** The receipts bucket: every request that does not come over TLS is refused, whoever signs it. */
export function bucketPolicy(shop: Shop): PolicyDocument {
  // TODO: deny s3:* to Principal '*' on the bucket and its objects when Bool aws:SecureTransport is 'false'.
  void shop;
  return policy();
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
