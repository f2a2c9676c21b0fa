/** Helpers shared by the SQS conformance tests. */
import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { expect } from 'vitest';

/** Expects `promise` to reject with an AWS error of this name and HTTP status (and message pattern). */
export async function expectSqsError(promise: Promise<unknown>, name: string, status = 400, message?: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught as { name: string; message: string; $metadata: { httpStatusCode?: number } },
  );
  expect(error, `expected ${name}`).toBeDefined();
  expect(error!.name).toBe(name);
  expect(error!.$metadata.httpStatusCode).toBe(status);
  if (message) expect(error!.message).toMatch(message);
}

/** Creates a queue and returns its URL. */
export async function createQueue(sqs: SQSClient, name: string, attributes?: Record<string, string>): Promise<string> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, ...(attributes ? { Attributes: attributes } : {}) }));
  return QueueUrl!;
}
