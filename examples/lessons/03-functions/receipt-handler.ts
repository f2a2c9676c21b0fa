/**
 * A Lambda handler that turns an order into a receipt. Module scope runs once per execution
 * environment (the cold start); the handler runs once per invocation and may find that scope warm.
 */

/** One line of an order; prices are integer cents, so sums are exact. */
export interface OrderLine {
  sku: string;
  quantity: number;
  priceCents: number;
}

/** The event this function expects: an order as the checkout sends it. */
export interface OrderEvent {
  orderId: string;
  customerId: string;
  items: OrderLine[];
}

/** The part of Lambda's context object this handler reads. */
export interface LambdaContext {
  awsRequestId: string;
  functionName: string;
  getRemainingTimeInMillis(): number;
}

// Initialisation code: runs during INIT, before the first event, and is reused while warm.
const environmentStartedAt = new Date().toISOString();
let invocations = 0;

/** Computes the receipt of one order; throws for an order without lines. */
export const handler = async (event: OrderEvent, context: LambdaContext) => {
  invocations += 1;
  if (!Array.isArray(event.items) || event.items.length === 0) {
    throw new Error(`order ${event.orderId} has no items`);
  }
  const totalCents = event.items.reduce((sum, line) => sum + line.quantity * line.priceCents, 0);
  // One JSON line per invocation: CloudWatch Logs can filter on its fields.
  console.log(JSON.stringify({ orderId: event.orderId, totalCents, requestId: context.awsRequestId }));
  return {
    orderId: event.orderId,
    totalCents,
    requestId: context.awsRequestId,
    coldStart: invocations === 1,
    environmentStartedAt,
    remainingMs: context.getRemainingTimeInMillis(),
  };
};
