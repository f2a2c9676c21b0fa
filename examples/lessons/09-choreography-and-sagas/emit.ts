/** How each service of the saga announces what it did: one event on the shop's bus. */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';

const eventbridge = new EventBridgeClient({});

/** Puts one event with `source` and `detailType` on the bus named by BUS_NAME; throws if refused. */
export async function emit(source: string, detailType: string, detail: object): Promise<void> {
  const answer = await eventbridge.send(new PutEventsCommand({
    Entries: [{
      EventBusName: process.env.BUS_NAME,
      Source: source,
      DetailType: detailType,
      Detail: JSON.stringify(detail),
    }],
  }));
  // Throwing makes the asynchronous invocation fail, so Lambda retries it: emit must not be lost.
  if (answer.FailedEntryCount) {
    throw new Error(`PutEvents refused ${detailType}: ${answer.Entries?.[0]?.ErrorMessage}`);
  }
}

/** What every saga event carries: enough to act without reading anyone else's database. */
export interface SagaDetail {
  orderId: string;
  totalCents: number;
  items: Array<{ sku: string; quantity: number }>;
  paymentToken?: string;
  paymentId?: string;
  reason?: string;
}

/** The envelope of an EventBridge event, as a target function receives it. */
export interface SagaEvent {
  'detail-type': string;
  detail: SagaDetail;
}
