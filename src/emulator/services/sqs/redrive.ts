/**
 * Dead-letter queues: RedrivePolicy and RedriveAllowPolicy checks, and the move of a message that
 * was received more than maxReceiveCount times. A dead-letter queue lives in the same account and
 * region as its source, so the move stays inside one state.
 */
import { InvalidAttributeValue, InvalidParameterValue } from './errors.ts';
import type { Queue, StoredMessage } from './state.ts';
import { noteMessage } from './state.ts';

/** Finds a queue of the caller's account and region by ARN. */
export type QueueLookup = (arn: string) => Queue | undefined;

/** What the redrive checks need about the queue being configured. */
export interface RedriveContext {
  fifo: boolean;
  sourceArn: string;
  lookup: QueueLookup;
}

const QUEUE_ARN = /^arn:aws[\w-]*:sqs:[\w-]+:\d{12}:[\w-]{1,80}(\.fifo)?$/;

function invalidRedrive(value: string, reason: string): InvalidParameterValue {
  return new InvalidParameterValue(`Value ${value} for parameter RedrivePolicy is invalid. Reason: ${reason}`);
}

/** Validates a RedrivePolicy and returns it as SQS stores it (maxReceiveCount as a number). */
export function checkRedrivePolicy(raw: string, context: RedriveContext): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalidRedrive(raw, 'Redrive policy is not a valid JSON map.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidRedrive(raw, 'Redrive policy is not a valid JSON map.');
  const { deadLetterTargetArn: arn, maxReceiveCount: count } = parsed as Record<string, unknown>;
  if (arn === undefined) throw invalidRedrive(raw, 'Redrive policy does not contain mandatory attribute: deadLetterTargetArn.');
  if (count === undefined) throw invalidRedrive(raw, 'Redrive policy does not contain mandatory attribute: maxReceiveCount.');
  if (typeof arn !== 'string' || !QUEUE_ARN.test(arn)) throw invalidRedrive(raw, 'Invalid value for deadLetterTargetArn.');
  const max = Number(count);
  if (!Number.isInteger(max) || max < 1 || max > 1000) {
    throw invalidRedrive(raw, `Invalid value for maxReceiveCount: ${String(count)}, valid values are from 1 to 1000 both inclusive.`);
  }
  const target = context.lookup(arn);
  if (!target) throw invalidRedrive(raw, 'Dead letter target does not exist.');
  if (target.fifo !== context.fifo) throw invalidRedrive(raw, 'Dead-letter queue must be same type of queue as the source.');
  if (!allowsSource(target, context.sourceArn)) {
    throw invalidRedrive(raw, `Queue ${context.sourceArn} is not allowed to use ${arn} as its dead-letter queue: check the RedriveAllowPolicy of ${target.name}.`);
  }
  return JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: max });
}

/** Validates a RedriveAllowPolicy and returns it unchanged. */
export function checkRedriveAllowPolicy(raw: string): string {
  const bad = (reason: string): InvalidAttributeValue => new InvalidAttributeValue(`Value ${raw} for parameter RedriveAllowPolicy is invalid. Reason: ${reason}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw bad('Redrive allow policy is not a valid JSON map.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw bad('Redrive allow policy is not a valid JSON map.');
  const { redrivePermission, sourceQueueArns } = parsed as Record<string, unknown>;
  if (!['allowAll', 'denyAll', 'byQueue'].includes(String(redrivePermission))) throw bad('Invalid value for redrivePermission.');
  if (redrivePermission === 'byQueue') {
    if (!Array.isArray(sourceQueueArns) || sourceQueueArns.length === 0 || sourceQueueArns.length > 10) {
      throw bad('sourceQueueArns must list 1 to 10 queue ARNs when redrivePermission is byQueue.');
    }
  } else if (sourceQueueArns !== undefined) {
    throw bad('sourceQueueArns may only be given when redrivePermission is byQueue.');
  }
  return raw;
}

function allowsSource(target: Queue, sourceArn: string): boolean {
  const raw = target.attributes.RedriveAllowPolicy;
  if (!raw) return true;
  const policy = JSON.parse(raw) as { redrivePermission: string; sourceQueueArns?: string[] };
  if (policy.redrivePermission === 'denyAll') return false;
  if (policy.redrivePermission === 'byQueue') return (policy.sourceQueueArns ?? []).includes(sourceArn);
  return true;
}

/** A queue's redrive settings, when it has a RedrivePolicy. */
export function redriveOf(queue: Queue): { targetArn: string; maxReceiveCount: number } | undefined {
  const raw = queue.attributes.RedrivePolicy;
  if (!raw) return undefined;
  const policy = JSON.parse(raw) as { deadLetterTargetArn: string; maxReceiveCount: number };
  return { targetArn: policy.deadLetterTargetArn, maxReceiveCount: Number(policy.maxReceiveCount) };
}

/**
 * Moves a message to the dead-letter queue, as SQS does on the receive after its count passed
 * maxReceiveCount. It keeps its id, body, attributes, sent time and receive count, and becomes
 * visible there at once. Returns the target, or `undefined` when it no longer exists (the message stays).
 */
export function moveToDeadLetterQueue(source: Queue, message: StoredMessage, lookup: QueueLookup): Queue | undefined {
  const redrive = redriveOf(source);
  const target = redrive && lookup(redrive.targetArn);
  if (!target) return undefined;
  source.messages.splice(source.messages.indexOf(message), 1);
  noteMessage(source, message, 'gone');
  const moved: StoredMessage = { ...message, delayUntil: 0, invisibleUntil: 0, deadLetterSourceArn: source.arn };
  delete moved.receiptId;
  target.messages.push(moved);
  noteMessage(target, moved);
  return target;
}

/** The queues whose RedrivePolicy names `dlqArn`, sorted by name. */
export function deadLetterSources(queues: Queue[], dlqArn: string): Queue[] {
  return queues.filter((queue) => redriveOf(queue)?.targetArn === dlqArn).sort((a, b) => a.name.localeCompare(b.name));
}
