/**
 * Another account's queue, reached as AWS allows it: only when the queue's policy allows the
 * caller's account the action it asks for. The caller's own queues need no policy (IAM governs
 * them, and the emulator does not enforce identity policies for users).
 */
import { policyAllows } from '../../policy/resource-policy.ts';
import { AccessDenied, QueueDoesNotExist } from './errors.ts';
import { findQueue, lookupIn, parseQueueArn, parseQueueUrl, queueUrlBase, type SqsContext } from './queues.ts';
import type { QueueLookup } from './redrive.ts';
import type { Queue, SqsState } from './state.ts';

/** The queue a QueueUrl names, in the caller's account or, as its policy allows `action`, in another. */
export function findQueueFor(context: SqsContext, url: unknown, action: string): Queue {
  const { account, name } = parseQueueUrl(url);
  if (account === context.account) return findQueue(context, url);
  const service = context.emulator.services.get('sqs');
  // The URL names no region: the queue is looked for in the region the caller signed for.
  const state = service ? (context.emulator.store.scope(service, account, context.region) as SqsState) : undefined;
  const queue = state && Object.hasOwn(state.queues, name) ? state.queues[name] : undefined;
  if (!queue) throw new QueueDoesNotExist();
  if (!policyAllows(queue.attributes.Policy, { principal: context.account, action, resource: queue.arn, sourceAccount: context.account })) {
    throw new AccessDenied(`${queueUrlBase(context.emulator)}/`);
  }
  return queue;
}

/** Finds dead-letter queues by ARN in the account that owns `queue`, which may not be the caller's. */
export function lookupFor(context: SqsContext, queue: Queue): QueueLookup {
  if (queue.account === context.account) return lookupIn(context);
  const service = context.emulator.services.get('sqs');
  const state = service ? (context.emulator.store.scope(service, queue.account, queue.region) as SqsState) : undefined;
  return (arn) => {
    const parts = parseQueueArn(arn);
    if (!state || !parts || parts.account !== queue.account || parts.region !== queue.region) return undefined;
    return Object.hasOwn(state.queues, parts.name) ? state.queues[parts.name] : undefined;
  };
}
