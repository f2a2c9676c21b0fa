/**
 * Lab 09: the shop's shipping step, given complete: a slow consumer of the shipments queue. For
 * each message it books the order with the warehouse at WAREHOUSE_URL, one at a time, and
 * reports the messages it could not book, so only those come back. How many batches run at once
 * is the event source mapping's business (setup-scaling.ts). Nothing to change here.
 */

/** The part of an SQS record the step reads. */
interface QueueRecord {
  messageId: string;
  body: string;
}

/** Books each order of the batch; answers the messages that failed, by id. */
export async function handleShipments(event: { Records: QueueRecord[] }): Promise<{ batchItemFailures: Array<{ itemIdentifier: string }> }> {
  const batchItemFailures: Array<{ itemIdentifier: string }> = [];
  for (const record of event.Records) {
    try {
      const response = await fetch(`${process.env.WAREHOUSE_URL}/shipments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: record.body });
      if (response.status !== 201) throw new Error(`the warehouse answered ${response.status}`);
    } catch (error) {
      console.log(`order message ${record.messageId} was not booked: ${(error as Error).message}`);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}
