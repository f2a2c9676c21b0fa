/** A rule target that receives a small receipt request instead of the whole event. */
import type { Target } from '@aws-sdk/client-eventbridge';

/**
 * Variables read from the event by JSON path, then placed in the template. A variable outside
 * quotes becomes its JSON value (a string keeps its quotes, a number stays a number); inside a
 * quoted string it becomes its bare text.
 */
export const RECEIPT_TRANSFORMER = {
  InputPathsMap: {
    orderId: '$.detail.orderId',
    total: '$.detail.totalCents',
    customer: '$.detail.customerId',
  },
  InputTemplate: [
    '{"orderId": <orderId>, "totalCents": <total>,',
    ' "note": "receipt for <orderId> (<customer>)", "rule": <aws.events.rule-name>}',
  ].join(''),
};

/** The target: the receipts queue, fed through the transformer. */
export function receiptTarget(queueArn: string): Target {
  return { Id: 'receipts', Arn: queueArn, InputTransformer: RECEIPT_TRANSFORMER };
}

/**
 * The receipts queue's policy: EventBridge sends to a queue only when the queue's policy lets
 * events.amazonaws.com call sqs:SendMessage, here only for this rule (set it with
 * SetQueueAttributes, attribute Policy). Without it, every delivery fails and nothing says so.
 */
export function receiptQueuePolicy(queueArn: string, ruleArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: queueArn,
      Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } },
    }],
  });
}

/** What the receipts queue receives for an Order Placed of order o-3001 by customer c-7, 12,000 cents. */
export const RECEIPT_REQUEST_EXAMPLE = {
  orderId: 'o-3001',
  totalCents: 12000,
  note: 'receipt for o-3001 (c-7)',
  rule: 'receipts',
};
