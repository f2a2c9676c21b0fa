/** Test helpers for the lessons' code examples: one emulator, the execution role, and small readers. */
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { InvokeCommand, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { fileURLToPath } from 'node:url';
import { beforeAll } from 'vitest';
import { deployFunction } from '../../examples/lessons/04-deploying-functions/deploy-function.ts';
import { ensureExecutionRole } from '../../examples/lessons/04-deploying-functions/execution-role.ts';
import { packageHandler } from '../../examples/lessons/04-deploying-functions/package-handler.ts';
import { useEmulator, type EmulatorFixture } from './emulator.ts';

/** The examples' functions write the idempotency table and put the saga's events on its bus. */
const EXAMPLES_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:DeleteItem'], Resource: 'arn:aws:dynamodb:*:*:table/idempotency' },
    { Effect: 'Allow', Action: 'events:PutEvents', Resource: 'arn:aws:events:*:*:event-bus/*' },
    // Lesson 8's queue mapping and failure destination: Lambda checks these when they are configured.
    { Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:SendMessage'], Resource: 'arn:aws:sqs:*:*:*' },
  ],
});

/** The folder of the lessons' examples, with a trailing slash. */
export const EXAMPLES = fileURLToPath(new URL('../../examples/lessons/', import.meta.url));

/** An emulator for one test file, with the helpers the lesson tests share. */
export interface LessonFixture {
  emulator: EmulatorFixture;
  /** The execution role every example function runs as (created by the lesson 4 example). */
  roleArn(): string;
  /** Packages `examples/lessons/<entry>` and deploys it, both with the lesson 4 examples. */
  deployExample(name: string, entry: string, environment?: Record<string, string>): Promise<{ arn: string; action: string }>;
  /** Invokes synchronously; `body` is the parsed payload. */
  invoke(name: string, payload: unknown, qualifier?: string): Promise<{ answer: InvokeCommandOutput; body: any }>;
  /** The messages of a function's log group that match `filterPattern`. */
  logLines(functionName: string, filterPattern: string): Promise<string[]>;
  /** Creates a queue; returns its URL and ARN. */
  newQueue(name: string): Promise<{ url: string; arn: string }>;
  /** One long poll of up to 10 messages, with their attributes. */
  receiveAll(url: string): Promise<Message[]>;
}

/** Starts an emulator with scaled time for the file, and creates the shared execution role. */
export function useLessonFixture(): LessonFixture {
  const emulator = useEmulator({ timeFactor: 0.001, settings: { lambdaStateDelayMs: 10 } });
  let roleArn = '';
  beforeAll(async () => {
    roleArn = await ensureExecutionRole(emulator.clients.iam, 'shop-functions');
    // What the examples' functions call, as their role must allow on AWS (and in the emulator, which enforces it).
    await emulator.clients.iam.send(new PutRolePolicyCommand({ RoleName: 'shop-functions', PolicyName: 'lesson-examples', PolicyDocument: EXAMPLES_POLICY }));
  });
  return {
    emulator,
    roleArn: () => roleArn,
    deployExample: async (name, entry, environment) =>
      deployFunction(emulator.clients.lambda, { name, roleArn, zip: await packageHandler(EXAMPLES + entry), environment }),
    async invoke(name, payload, qualifier) {
      const answer = await emulator.clients.lambda.send(new InvokeCommand({ FunctionName: name, Qualifier: qualifier, Payload: Buffer.from(JSON.stringify(payload)) }));
      return { answer, body: JSON.parse(Buffer.from(answer.Payload ?? []).toString() || 'null') };
    },
    async logLines(functionName, filterPattern) {
      const answer = await emulator.clients.logs.send(new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${functionName}`, filterPattern }));
      return (answer.events ?? []).map((event) => event.message ?? '');
    },
    async newQueue(name) {
      const { sqs } = emulator.clients;
      const url = (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!;
      const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
      return { url, arn };
    },
    async receiveAll(url) {
      const answer = await emulator.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'] }));
      return answer.Messages ?? [];
    },
  };
}
