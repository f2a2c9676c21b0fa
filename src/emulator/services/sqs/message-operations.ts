/** SQS's message operations: send, receive (with long polling), delete, visibility, purge. */
import type { Operation } from '../../types.ts';
import { BatchRequestTooLong, InvalidParameterValue, MissingParameter } from './errors.ts';
import { checkBatchEntries, runBatch } from './batch.ts';
import { checkMessage, messageSize } from './message-input.ts';
import { changeVisibility, deleteMessage, enqueue, nextVisibleAt, purgeQueue, type Scale } from './messages.ts';
import { findQueue, integerParam, type SqsContext } from './queues.ts';
import { findQueueFor, lookupFor } from './queue-policy.ts';
import { messageView, receiveOnce } from './receive.ts';
import type { Queue, SqsState } from './state.ts';
import { Waiters } from './waiters.ts';

/** The largest SendMessageBatch payload, summed over its messages. */
const BATCH_LIMIT_BYTES = 1_048_576;

function scaleOf(context: SqsContext): Scale {
  return (seconds) => context.emulator.scaled(seconds * 1000, context.account);
}

function names(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function visibilityParam(value: unknown): number {
  const seconds = integerParam(value, 'VisibilityTimeout', 0, 43_200, 'Must be >= 0 and <= 43200, if provided.');
  if (seconds === undefined) throw new MissingParameter('VisibilityTimeout');
  return seconds;
}

/** A batch entry's size before validation, as the batch limit counts it. */
function rawSize(entry: Record<string, unknown>): number {
  const body = typeof entry.MessageBody === 'string' ? entry.MessageBody : '';
  const attributes = typeof entry.MessageAttributes === 'object' && entry.MessageAttributes !== null ? entry.MessageAttributes : {};
  let size = messageSize(body, {});
  for (const [name, value] of Object.entries(attributes as Record<string, Record<string, unknown>>)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(String(value?.DataType ?? ''));
    const binary = value?.BinaryValue;
    size += typeof binary === 'string' ? Buffer.from(binary, 'base64').length : binary instanceof Uint8Array ? binary.length : Buffer.byteLength(String(value?.StringValue ?? ''));
  }
  return size;
}

/** The message operations; `waiters` wakes long polls when a message may have become receivable. */
export function messageOperations(waiters: Waiters): Record<string, Operation<SqsState>> {
  const notify = (queue: Queue): void => waiters.notify(Waiters.key(queue.account, queue.region, queue.name));

  return {
    SendMessage(input, context: SqsContext) {
      const queue = findQueueFor(context, input.QueueUrl, 'sqs:SendMessage');
      const { result, added } = enqueue(queue, checkMessage(input, queue), context.account, Date.now(), scaleOf(context));
      if (added) notify(queue);
      return result;
    },

    SendMessageBatch(input, context: SqsContext) {
      const queue = findQueueFor(context, input.QueueUrl, 'sqs:SendMessage');
      const entries = checkBatchEntries(input.Entries, 'SendMessageBatchRequestEntry');
      const total = entries.reduce((sum, entry) => sum + rawSize(entry), 0);
      if (total > BATCH_LIMIT_BYTES) throw new BatchRequestTooLong(BATCH_LIMIT_BYTES, total);
      if (queue.fifo) {
        // On a FIFO queue these fail the whole call rather than one entry, as on AWS.
        for (const entry of entries) {
          if (entry.MessageGroupId === undefined) throw new InvalidParameterValue('The request must contain the parameter MessageGroupId.');
          if (entry.MessageDeduplicationId === undefined && queue.attributes.ContentBasedDeduplication !== 'true') {
            throw new InvalidParameterValue('The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
          }
        }
      }
      const now = Date.now();
      let added = false;
      const result = runBatch(entries, (entry) => {
        const sent = enqueue(queue, checkMessage(entry, queue), context.account, now, scaleOf(context));
        added ||= sent.added;
        return sent.result;
      });
      if (added) notify(queue);
      return result;
    },

    async ReceiveMessage(input, context: SqsContext) {
      let queue = findQueueFor(context, input.QueueUrl, 'sqs:ReceiveMessage');
      const max = integerParam(input.MaxNumberOfMessages, 'MaxNumberOfMessages', 1, 10, 'Must be between 1 and 10, if provided.') ?? 1;
      const wait = integerParam(input.WaitTimeSeconds, 'WaitTimeSeconds', 0, 20, 'Must be >= 0 and <= 20, if provided.') ?? Number(queue.attributes.ReceiveMessageWaitTimeSeconds);
      const visibility = integerParam(input.VisibilityTimeout, 'VisibilityTimeout', 0, 43_200, 'Must be >= 0 and <= 43200, if provided.');
      const attemptId = typeof input.ReceiveRequestAttemptId === 'string' && input.ReceiveRequestAttemptId !== '' ? input.ReceiveRequestAttemptId : undefined;
      const systemNames = [...names(input.AttributeNames), ...names(input.MessageSystemAttributeNames)];
      const filters = names(input.MessageAttributeNames);
      const scale = scaleOf(context);
      const deadline = Date.now() + scale(wait);
      const key = Waiters.key(queue.account, queue.region, queue.name);
      for (;;) {
        // Looked up again after each sleep: the queue may have been deleted meanwhile.
        queue = findQueueFor(context, input.QueueUrl, 'sqs:ReceiveMessage');
        const now = Date.now();
        const request = { max, visibilitySeconds: visibility ?? Number(queue.attributes.VisibilityTimeout), ...(attemptId ? { attemptId } : {}) };
        const outcome = receiveOnce(queue, request, lookupFor(context, queue), now, scale);
        for (const target of outcome.deadLettered) notify(target);
        if (outcome.messages.length > 0) return { Messages: outcome.messages.map((message) => messageView(queue, message, systemNames, filters)) };
        if (now >= deadline || waiters.isStopped) return {};
        await waiters.wait(key, Math.min(deadline, nextVisibleAt(queue, now) ?? deadline) - now);
      }
    },

    DeleteMessage(input, context: SqsContext) {
      const queue = findQueueFor(context, input.QueueUrl, 'sqs:DeleteMessage');
      if (input.ReceiptHandle === undefined) throw new MissingParameter('ReceiptHandle');
      deleteMessage(queue, input.ReceiptHandle, Date.now());
      // A FIFO group waits on its head message; deleting it may free the next one.
      if (queue.fifo) notify(queue);
      return {};
    },

    DeleteMessageBatch(input, context: SqsContext) {
      const queue = findQueueFor(context, input.QueueUrl, 'sqs:DeleteMessage');
      const entries = checkBatchEntries(input.Entries, 'DeleteMessageBatchRequestEntry');
      const now = Date.now();
      const result = runBatch(entries, (entry) => {
        deleteMessage(queue, entry.ReceiptHandle, now);
        return {};
      });
      if (queue.fifo) notify(queue);
      return result;
    },

    ChangeMessageVisibility(input, context: SqsContext) {
      const queue = findQueueFor(context, input.QueueUrl, 'sqs:ChangeMessageVisibility');
      if (input.ReceiptHandle === undefined) throw new MissingParameter('ReceiptHandle');
      changeVisibility(queue, input.ReceiptHandle, visibilityParam(input.VisibilityTimeout), Date.now(), scaleOf(context));
      notify(queue);
      return {};
    },

    ChangeMessageVisibilityBatch(input, context: SqsContext) {
      const queue = findQueueFor(context, input.QueueUrl, 'sqs:ChangeMessageVisibility');
      const entries = checkBatchEntries(input.Entries, 'ChangeMessageVisibilityBatchRequestEntry');
      const now = Date.now();
      const result = runBatch(entries, (entry) => {
        changeVisibility(queue, entry.ReceiptHandle, visibilityParam(entry.VisibilityTimeout), now, scaleOf(context));
        return {};
      });
      notify(queue);
      return result;
    },

    PurgeQueue(input, context: SqsContext) {
      purgeQueue(findQueue(context, input.QueueUrl), Date.now(), scaleOf(context));
      return {};
    },
  };
}
