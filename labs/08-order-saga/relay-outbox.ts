/** Lab 08: publishes each new outbox item from the outbox table's stream to EventBridge. Complete every TODO, then run `npx workshop check 08`. */
import { EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';

/** The part of a DynamoDB stream record the relay reads (NEW_IMAGE, in DynamoDB's attribute-value form). */
export interface OutboxRecord {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  dynamodb: { NewImage?: Record<string, { S?: string; N?: string }> };
}

/** A batch of stream records, as the event source mapping delivers it. */
export interface StreamBatch {
  Records: OutboxRecord[];
}

/** PutEvents takes at most ten entries per call. */
const ENTRIES_PER_CALL = 10;

const events = new EventBridgeClient({});

/** The event an outbox item describes. */
function entryOf(image: NonNullable<OutboxRecord['dynamodb']['NewImage']>): PutEventsRequestEntry {
  return { EventBusName: process.env.EVENT_BUS, Source: image.source?.S, DetailType: image.detailType?.S, Detail: image.detail?.S };
}

/** Publishes the batch's new outbox items; throws when any is refused, so the batch is delivered again. */
export async function relayOutbox(batch: StreamBatch): Promise<void> {
  // TODO: keep only the records whose eventName is 'INSERT' (a MODIFY or REMOVE is no new event), turn each
  //       NewImage into an entry with entryOf, and send them with PutEventsCommand, at most ENTRIES_PER_CALL per call.
  // TODO: PutEvents answers 200 even when it refuses entries: when FailedEntryCount is above 0, throw, so the batch comes again.
  void events;
  void entryOf;
  void ENTRIES_PER_CALL;
  void batch;
}
