/** Lab 08 solution: publishes each new outbox item from the outbox table's stream to EventBridge. */
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';

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
  // Only an INSERT is a new event: a MODIFY or REMOVE of an outbox item (a clean-up, a TTL) publishes nothing.
  const entries = batch.Records.filter((record) => record.eventName === 'INSERT' && record.dynamodb.NewImage).map((record) => entryOf(record.dynamodb.NewImage!));
  for (let start = 0; start < entries.length; start += ENTRIES_PER_CALL) {
    const answer = await events.send(new PutEventsCommand({ Entries: entries.slice(start, start + ENTRIES_PER_CALL) }));
    // PutEvents answers 200 even when it refuses entries: they are only counted in FailedEntryCount.
    if (answer.FailedEntryCount) {
      const failed = answer.Entries?.find((entry) => entry.ErrorCode);
      throw new Error(`PutEvents refused ${answer.FailedEntryCount} outbox events: ${failed?.ErrorCode}: ${failed?.ErrorMessage}`);
    }
  }
}
