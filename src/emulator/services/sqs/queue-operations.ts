/** SQS's queue-level operations: create, find, list, attributes, tags, permissions, delete. */
import type { Operation } from '../../types.ts';
import { attributesView } from './attributes.ts';
import { InvalidParameterValue, MissingParameter, QueueDoesNotExist } from './errors.ts';
import { countMessages, expireMessages } from './messages.ts';
import { createQueue, findQueue, page, queueUrl, setQueueAttributes, type SqsContext } from './queues.ts';
import { findQueueFor } from './queue-policy.ts';
import { deadLetterSources } from './redrive.ts';
import type { Queue, SqsState } from './state.ts';
import { Waiters } from './waiters.ts';
import { dict } from '../../dict.ts';

function urlOf(context: SqsContext, queue: Queue): string {
  return queueUrl(context.emulator, queue.account, queue.name);
}

function strings(value: unknown, name: string): string[] {
  if (value === undefined || value === null) throw new MissingParameter(name);
  if (!Array.isArray(value)) throw new InvalidParameterValue(`${name} must be a list of strings.`);
  return value.map(String);
}

function policyOf(queue: Queue): { Version: string; Id: string; Statement: Array<Record<string, unknown>> } {
  const existing = queue.attributes.Policy ? (JSON.parse(queue.attributes.Policy) as { Statement?: unknown }) : undefined;
  const statements = Array.isArray(existing?.Statement) ? (existing.Statement as Array<Record<string, unknown>>) : [];
  return { Version: '2012-10-17', Id: `${queue.arn}/SQSDefaultPolicy`, ...(existing as object), Statement: statements };
}

/** The queue operations; `waiters` lets DeleteQueue end long polls on the queue. */
export function queueOperations(waiters: Waiters): Record<string, Operation<SqsState>> {
  return {
    CreateQueue(input, context: SqsContext) {
      return { QueueUrl: urlOf(context, createQueue(context, input)) };
    },

    GetQueueUrl(input, context: SqsContext) {
      const name = input.QueueName;
      if (typeof name !== 'string' || name === '') throw new MissingParameter('QueueName');
      const owner = input.QueueOwnerAWSAccountId;
      const queue = owner === undefined || owner === context.account ? context.state.queues[name] : findQueueFor(context, queueUrl(context.emulator, String(owner), name), 'sqs:GetQueueUrl');
      if (!queue) throw new QueueDoesNotExist();
      return { QueueUrl: urlOf(context, queue) };
    },

    ListQueues(input, context: SqsContext) {
      const prefix = typeof input.QueueNamePrefix === 'string' ? input.QueueNamePrefix : '';
      const names = Object.keys(context.state.queues).filter((name) => name.startsWith(prefix)).sort();
      const { items, next } = page(names, input.MaxResults, input.NextToken);
      const urls = items.map((name) => urlOf(context, context.state.queues[name]!));
      return { ...(urls.length > 0 ? { QueueUrls: urls } : {}), ...(next ? { NextToken: next } : {}) };
    },

    GetQueueAttributes(input, context: SqsContext) {
      const queue = findQueue(context, input.QueueUrl);
      const now = Date.now();
      expireMessages(queue, now, (seconds) => context.emulator.scaled(seconds * 1000, context.account));
      const view = attributesView(queue, input.AttributeNames, countMessages(queue, now));
      return Object.keys(view).length > 0 ? { Attributes: view } : {};
    },

    SetQueueAttributes(input, context: SqsContext) {
      setQueueAttributes(context, findQueue(context, input.QueueUrl), input.Attributes);
      return {};
    },

    DeleteQueue(input, context: SqsContext) {
      const queue = findQueue(context, input.QueueUrl);
      delete context.state.queues[queue.name];
      waiters.notify(Waiters.key(queue.account, queue.region, queue.name));
      return {};
    },

    TagQueue(input, context: SqsContext) {
      const queue = findQueue(context, input.QueueUrl);
      const tags = input.Tags;
      if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) throw new MissingParameter('Tags');
      const merged = dict(Object.entries(queue.tags));
      for (const [key, value] of Object.entries(tags as Record<string, unknown>)) merged[key] = String(value ?? '');
      if (Object.keys(merged).length > 50) throw new InvalidParameterValue('Too many tags: a queue can have at most 50 tags.');
      queue.tags = merged;
      return {};
    },

    UntagQueue(input, context: SqsContext) {
      const queue = findQueue(context, input.QueueUrl);
      for (const key of strings(input.TagKeys, 'TagKeys')) delete queue.tags[key];
      return {};
    },

    ListQueueTags(input, context: SqsContext) {
      const queue = findQueue(context, input.QueueUrl);
      return Object.keys(queue.tags).length > 0 ? { Tags: { ...queue.tags } } : {};
    },

    ListDeadLetterSourceQueues(input, context: SqsContext) {
      const queue = findQueue(context, input.QueueUrl);
      const sources = deadLetterSources(Object.values(context.state.queues), queue.arn).map((source) => urlOf(context, source));
      const { items, next } = page(sources, input.MaxResults, input.NextToken);
      return { queueUrls: items, ...(next ? { NextToken: next } : {}) };
    },

    AddPermission(input, context: SqsContext) {
      const queue = findQueue(context, input.QueueUrl);
      const label = input.Label;
      if (typeof label !== 'string' || label === '') throw new MissingParameter('Label');
      const accounts = strings(input.AWSAccountIds, 'AWSAccountIds');
      const actions = strings(input.Actions, 'Actions');
      const policy = policyOf(queue);
      if (policy.Statement.some((statement) => statement.Sid === label)) {
        throw new InvalidParameterValue(`Value ${label} for parameter Label is invalid. Reason: Already exists.`);
      }
      const principals = accounts.map((account) => `arn:aws:iam::${account}:root`);
      policy.Statement.push({
        Sid: label,
        Effect: 'Allow',
        Principal: { AWS: principals.length === 1 ? principals[0] : principals },
        Action: actions.length === 1 ? `SQS:${actions[0]}` : actions.map((action) => `SQS:${action}`),
        Resource: queue.arn,
      });
      queue.attributes.Policy = JSON.stringify(policy);
      return {};
    },

    RemovePermission(input, context: SqsContext) {
      const queue = findQueue(context, input.QueueUrl);
      const label = String(input.Label ?? '');
      const policy = policyOf(queue);
      const kept = policy.Statement.filter((statement) => statement.Sid !== label);
      if (kept.length === policy.Statement.length) throw new InvalidParameterValue(`Value ${label} for parameter Label is invalid. Reason: can't find label.`);
      if (kept.length === 0) delete queue.attributes.Policy;
      else queue.attributes.Policy = JSON.stringify({ ...policy, Statement: kept });
      return {};
    },
  };
}
