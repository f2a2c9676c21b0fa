/** Announces a new order on the shop's bus. */
import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';

/** The detail of an Order Placed event. */
export interface OrderPlacedDetail {
  orderId: string;
  customerId: string;
  totalCents: number;
  items: Array<{ sku: string; quantity: number }>;
  /** A token from the payment provider's checkout form, never the card number itself. */
  paymentToken?: string;
}

/** Puts one Order Placed event; returns its id. PutEvents reports failures per entry, so check them. */
export async function publishOrderPlaced(
  eventbridge: EventBridgeClient,
  busName: string,
  order: OrderPlacedDetail,
): Promise<string> {
  const answer = await eventbridge.send(new PutEventsCommand({
    Entries: [{
      EventBusName: busName,
      Source: 'shop.orders',
      DetailType: 'Order Placed',
      Detail: JSON.stringify(order),
    }],
  }));
  const [entry] = answer.Entries ?? [];
  if (answer.FailedEntryCount || !entry?.EventId) {
    throw new Error(`PutEvents failed: ${entry?.ErrorCode} ${entry?.ErrorMessage}`);
  }
  return entry.EventId;
}
