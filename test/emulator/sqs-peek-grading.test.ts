/**
 * The SQS peek on a grading emulator (one that verifies every signature): a caller reads only its
 * own account's queues, as SQS's ReceiveMessage would let it, so one graded submission cannot read
 * another's messages; an unsigned peek is refused.
 */
import { CreateQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { createClients } from '../../src/core/clients.ts';
import { accountSecret } from '../../src/emulator/signature.ts';
import { useEmulator } from '../support/emulator.ts';
import { jsonHeaders, rawRequest, signedPost } from './page-calls-support.ts';

const RUN_SECRET = 'peek-grading-secret';
const OWNER = '333333333333';
const OTHER = '444444444444';
const emulator = useEmulator({ secrets: (key) => (/^\d{12}$/.test(key) ? accountSecret(RUN_SECRET, key) : undefined) });

const peekAs = (account: string, queueUrl: string) =>
  signedPost(emulator.running.url, '/_aws/sqs/messages', { account, secret: accountSecret(RUN_SECRET, account), service: 'sqs', headers: jsonHeaders('AmazonSQS.ReceiveMessage', '1.0'), body: JSON.stringify({ QueueUrl: queueUrl }) });

describe('the SQS peek where signatures are verified', () => {
  it('shows a queue to its own account only, and refuses an unsigned peek', async () => {
    const clients = createClients({ name: 'emulator', source: 'default', region: 'us-east-1', endpoint: emulator.running.url, credentials: { accessKeyId: OWNER, secretAccessKey: accountSecret(RUN_SECRET, OWNER) } });
    try {
      const { QueueUrl } = await clients.sqs.send(new CreateQueueCommand({ QueueName: 'graded-kitchen' }));
      await clients.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'order-1' }));
      const own = await peekAs(OWNER, QueueUrl!);
      expect(own.status).toBe(200);
      expect(JSON.parse(own.body).Messages.map((message: { Body: string }) => message.Body)).toEqual(['order-1']);
      const other = await peekAs(OTHER, QueueUrl!);
      expect(other.status).toBe(400);
      expect(other.body).toContain('QueueDoesNotExist');
      const unsigned = await rawRequest(emulator.running.url, 'GET', `/_aws/sqs/messages?QueueUrl=${encodeURIComponent(QueueUrl!)}`, {});
      expect(unsigned.status).toBe(403);
      expect(unsigned.body).toContain('AccessDenied');
    } finally {
      clients.destroy();
    }
  });
});
