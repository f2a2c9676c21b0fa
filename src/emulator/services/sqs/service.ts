/**
 * Amazon SQS: standard and FIFO queues, visibility timeouts, delays, long polling, dead-letter
 * queues, batches, tags and permissions. Speaks JSON 1.0 (current SDKs, with the legacy codes
 * in `x-amzn-query-error`) and the query protocol (older SDKs and CLIs).
 * Times AWS documents in seconds (visibility, delay, retention, long-poll wait, the
 * deduplication interval, the purge interval) are scaled by the time factor of the calling account.
 * Another account's queue is reached (GetQueueUrl, send, receive, delete, change visibility) only
 * as its policy allows the caller's account that action; EventBridge checks the policy for its targets.
 * LIMITATIONS: queue policies are not checked for the owner's own account (IAM identity policies
 * of users are not enforced), nor for other operations from other accounts (attributes, tags,
 * purge stay unreachable), nor aws:SourceIp or aws:SecureTransport conditions; KMS encryption attributes are stored only; the 60-second
 * wait before re-creating a deleted queue is not enforced (LocalStack does not either); message
 * move tasks (StartMessageMoveTask and friends) and fair-queue dwell-time balancing are not emulated;
 * short polls return every visible message up to the maximum rather than a sampled subset.
 */
import { sqsPersistence } from './persistence.ts';
import type { Operation, ServiceDefinition } from '../../types.ts';
import { UnsupportedOperation } from './errors.ts';
import { messageOperations } from './message-operations.ts';
import { inputFromQuery, outputToQuery } from './query.ts';
import { queueOperations } from './queue-operations.ts';
import { queueUrlBase } from './queues.ts';
import { createSqsState, type SqsState } from './state.ts';
import { Waiters } from './waiters.ts';

/** For services given queue ARNs (EventBridge targets, Lambda destinations) that call SQS in-process. */
export { parseQueueArn, queueUrlFromArn } from './queues.ts';

/**
 * Lets one operation serve both protocols: query input is mapped in, query output mapped out. A
 * query request sent to the queue's URL (as older SDKs do) may leave QueueUrl out: the path names it.
 */
function bothProtocols(name: string, operation: Operation<SqsState>): Operation<SqsState> {
  return async (input, context) => {
    if (context.protocol !== 'query') return operation(input, context);
    const mapped = inputFromQuery(name, input);
    const path = context.request.path;
    if (mapped.QueueUrl === undefined && path.split('/').filter(Boolean).length >= 2) mapped.QueueUrl = `${queueUrlBase(context.emulator)}${path}`;
    return outputToQuery(name, await operation(mapped, context));
  };
}

function notEmulated(name: string): Operation<SqsState> {
  return () => {
    throw new UnsupportedOperation(`${name} is not emulated: message move tasks are not supported by this emulator.`);
  };
}

/** Builds the SQS service; each emulator gets its own, with its own long-poll waiters. */
export function createSqsService(): ServiceDefinition<SqsState> {
  const waiters = new Waiters();
  const operations: Record<string, Operation<SqsState>> = {
    ...queueOperations(waiters),
    ...messageOperations(waiters),
    StartMessageMoveTask: notEmulated('StartMessageMoveTask'),
    CancelMessageMoveTask: notEmulated('CancelMessageMoveTask'),
    ListMessageMoveTasks: notEmulated('ListMessageMoveTasks'),
  };
  return {
    name: 'sqs',
    signingNames: ['sqs'],
    protocol: 'json',
    alternateProtocols: ['query'],
    targetPrefix: 'AmazonSQS',
    jsonVersion: '1.0',
    xmlNamespace: 'http://queue.amazonaws.com/doc/2012-11-05/',
    xmlListStyle: 'flattened',
    createState: createSqsState,
    persistence: sqsPersistence,
    operations: Object.fromEntries(Object.entries(operations).map(([name, operation]) => [name, bothProtocols(name, operation)])),
    start: () => waiters.start(),
    stop: () => waiters.stop(),
  };
}
