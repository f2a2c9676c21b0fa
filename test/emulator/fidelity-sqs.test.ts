/**
 * SQS answers as AWS does at its size limits (1 MiB per message and per batch since 2025, or the
 * queue's own MaximumMessageSize) and when a request tries to say or change the queue type.
 */
import {
  CreateQueueCommand, GetQueueAttributesCommand, SendMessageBatchCommand, SendMessageCommand, SetQueueAttributesCommand,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { createQueue } from '../support/sqs.ts';

const MiB = 1_048_576;

describe('SQS fidelity', () => {
  const emulator = useEmulator();
  const sqs = () => emulator.clients.sqs;
  const refusal = (name: string, message: string) => ({ name, message, $metadata: { httpStatusCode: 400 } });
  const tooLong = (limit: number) => refusal('InvalidParameterValue', `One or more parameters are invalid. Reason: Message must be shorter than ${limit} bytes.`);

  describe('message sizes', () => {
    it('takes a message of exactly 1 MiB and refuses one byte more', async () => {
      const url = await createQueue(sqs(), 'fidelity-sizes');
      await sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x'.repeat(MiB) }));
      await expect(sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x'.repeat(MiB + 1) }))).rejects.toMatchObject(tooLong(MiB));
    });

    it("names the queue's own MaximumMessageSize when that is the limit", async () => {
      const url = await createQueue(sqs(), 'fidelity-small', { MaximumMessageSize: '2048' });
      await expect(sqs().send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x'.repeat(2049) }))).rejects.toMatchObject(tooLong(2048));
    });

    it('lets MaximumMessageSize go up to 1048576 and no further', async () => {
      const url = await createQueue(sqs(), 'fidelity-range', { MaximumMessageSize: '1024' });
      await sqs().send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { MaximumMessageSize: String(MiB) } }));
      const { Attributes } = await sqs().send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['MaximumMessageSize'] }));
      expect(Attributes?.MaximumMessageSize).toBe(String(MiB));
      await expect(sqs().send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { MaximumMessageSize: String(MiB + 1) } }))).rejects.toMatchObject(
        refusal('InvalidAttributeValue', 'Invalid value for the parameter MaximumMessageSize.'),
      );
    });

    it('refuses a batch over 1 MiB in total, saying how many bytes were sent', async () => {
      const url = await createQueue(sqs(), 'fidelity-batch');
      const half = 'x'.repeat(MiB / 2);
      const Entries = [{ Id: 'a', MessageBody: half }, { Id: 'b', MessageBody: `${half}!` }];
      const error = await sqs().send(new SendMessageBatchCommand({ QueueUrl: url, Entries })).catch((caught: unknown) => caught);
      expect(error).toMatchObject({
        name: 'BatchRequestTooLong',
        message: `Batch requests cannot be longer than ${MiB} bytes. You have sent ${MiB + 1} bytes.`,
        $metadata: { httpStatusCode: 400 },
      });
      // The JSON answer carries the query code too, which botocore-based clients report as the error code.
      expect((error as { $response?: { headers: Record<string, string> } }).$response?.headers['x-amzn-query-error']).toBe('AWS.SimpleQueueService.BatchRequestTooLong;Sender');
    });

    it('answers the query protocol with the legacy BatchRequestTooLong code', async () => {
      const url = await createQueue(sqs(), 'fidelity-batch-query');
      const body = new URLSearchParams({
        Action: 'SendMessageBatch', Version: '2012-11-05', QueueUrl: url,
        'SendMessageBatchRequestEntry.1.Id': 'a', 'SendMessageBatchRequestEntry.1.MessageBody': 'x'.repeat(MiB),
        'SendMessageBatchRequestEntry.2.Id': 'b', 'SendMessageBatchRequestEntry.2.MessageBody': 'y',
      });
      const response = await fetch(emulator.running.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          authorization: 'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/sqs/aws4_request, SignedHeaders=host;x-amz-date, Signature=0',
        },
        body: body.toString(),
      });
      expect(response.status).toBe(400);
      const xml = await response.text();
      expect(xml).toContain('<Code>AWS.SimpleQueueService.BatchRequestTooLong</Code>');
      expect(xml).toContain(`<Message>Batch requests cannot be longer than ${MiB} bytes. You have sent ${MiB + 1} bytes.</Message>`);
    });
  });

  describe('the queue type', () => {
    it('refuses FifoQueue "false" when creating a standard queue', async () => {
      await expect(sqs().send(new CreateQueueCommand({ QueueName: 'fidelity-standard', Attributes: { FifoQueue: 'false' } }))).rejects.toMatchObject(
        refusal('InvalidAttributeName', 'Unknown Attribute FifoQueue.'),
      );
    });

    it('refuses FifoQueue on SetQueueAttributes of a standard queue', async () => {
      const url = await createQueue(sqs(), 'fidelity-standard-set');
      await expect(sqs().send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { FifoQueue: 'false' } }))).rejects.toMatchObject(
        refusal('InvalidAttributeName', 'Unknown Attribute FifoQueue.'),
      );
    });

    it.each(['true', 'false'])('refuses FifoQueue "%s" on SetQueueAttributes of a FIFO queue', async (value) => {
      const url = await createQueue(sqs(), `fidelity-type-${value}.fifo`, { FifoQueue: 'true' });
      await expect(sqs().send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { FifoQueue: value } }))).rejects.toMatchObject(
        refusal('InvalidAttributeValue', 'Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.'),
      );
    });
  });
});
