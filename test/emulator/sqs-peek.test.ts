/**
 * LocalStack's SQS peek, `/_aws/sqs/messages`, through real HTTP and the SDK: every message with
 * its attributes in AWS's XML, LocalStack's JSON or the JSON protocol, by QueueUrl or by path, and
 * nothing changed: a ReceiveMessage afterwards still gets each message for the first time.
 */
import { ReceiveMessageCommand, SQSClient, SendMessageCommand, CreateQueueCommand } from '@aws-sdk/client-sqs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';

type Peeked = { MessageId: string; Body: string; ReceiptHandle: string; Attribute: Array<{ Name: string; Value: string }> };

describe('the SQS peek at /_aws/sqs/messages', () => {
  const emulator = useEmulator();
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${emulator.running.url}${path}`, { headers });
  const parser = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'Message' || name === 'Attribute' });
  let queueUrl = '';

  const attribute = (message: Peeked, name: string) => message.Attribute.find((entry) => entry.Name === name)?.Value;

  it('shows the visible messages with their attributes in AWS\'s XML, by QueueUrl, path and Action', async () => {
    ({ QueueUrl: queueUrl = '' } = await emulator.clients.sqs.send(new CreateQueueCommand({ QueueName: 'peeked' })));
    await emulator.clients.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'hello', MessageAttributes: { kind: { DataType: 'String', StringValue: 'greeting' } } }));
    await emulator.clients.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'world' }));
    await emulator.clients.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'later', DelaySeconds: 600 }));
    for (const path of [`/_aws/sqs/messages?QueueUrl=${encodeURIComponent(queueUrl)}`, '/_aws/sqs/messages/us-east-1/000000000000/peeked', `/_aws/sqs/messages?Action=ReceiveMessage&QueueUrl=${encodeURIComponent(queueUrl)}`]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get('content-type')).toContain('xml');
      const xml = parser.parse(await answer.text()) as { ReceiveMessageResponse: { ReceiveMessageResult: { Message: Peeked[] } } };
      const messages = xml.ReceiveMessageResponse.ReceiveMessageResult.Message;
      expect(messages.map((message) => message.Body)).toEqual(['hello', 'world']);
      expect(messages.every((message) => message.ReceiptHandle === 'SQS/BACKDOOR/ACCESS')).toBe(true);
      expect(attribute(messages[0]!, 'ApproximateReceiveCount')).toBe('0');
      expect(attribute(messages[0]!, 'SenderId')).toBeTruthy();
    }
  });

  it('answers LocalStack\'s JSON with Accept: application/json, and the JSON protocol to an SDK pointed at it', async () => {
    const answer = await get(`/_aws/sqs/messages?QueueUrl=${encodeURIComponent(queueUrl)}`, { accept: 'application/json' });
    const body = (await answer.json()) as { ReceiveMessageResponse: { ReceiveMessageResult: { Message: Peeked[] }; ResponseMetadata: { RequestId: string } } };
    expect(body.ReceiveMessageResponse.ReceiveMessageResult.Message.map((message) => message.Body)).toEqual(['hello', 'world']);
    expect(body.ReceiveMessageResponse.ResponseMetadata.RequestId).toBeTruthy();
    const peek = new SQSClient({ endpoint: `${emulator.running.url}/_aws/sqs/messages`, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    try {
      const { Messages = [] } = await peek.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
      expect(Messages.map((message) => message.Body)).toEqual(['hello', 'world']);
      expect(Messages[0]!.Attributes?.ApproximateReceiveCount).toBe('0');
      expect(Messages[0]!.MessageAttributes?.kind?.StringValue).toBe('greeting');
    } finally {
      peek.destroy();
    }
  });

  it('changes nothing: a real receive afterwards is each message\'s first, and in-flight ones show with ShowInvisible', async () => {
    const { Messages = [] } = await emulator.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
    expect(Messages.map((message) => [message.Body, message.Attributes?.ApproximateReceiveCount])).toEqual([['hello', '1'], ['world', '1']]);
    const visible = (await (await get(`/_aws/sqs/messages?QueueUrl=${encodeURIComponent(queueUrl)}`, { accept: 'application/json' })).json()) as { ReceiveMessageResponse: { ReceiveMessageResult: { Message: Peeked[] } } };
    expect(visible.ReceiveMessageResponse.ReceiveMessageResult.Message).toEqual([]);
    const all = (await (await get(`/_aws/sqs/messages?ShowInvisible=true&ShowDelayed=true&QueueUrl=${encodeURIComponent(queueUrl)}`, { accept: 'application/json' })).json()) as { ReceiveMessageResponse: { ReceiveMessageResult: { Message: Peeked[] } } };
    const messages = all.ReceiveMessageResponse.ReceiveMessageResult.Message;
    expect(messages.map((message) => [message.Body, attribute(message, 'IsVisible'), attribute(message, 'IsDelayed'), attribute(message, 'ApproximateReceiveCount')])).toEqual([
      ['hello', 'false', 'false', '1'],
      ['world', 'false', 'false', '1'],
      ['later', 'true', 'true', '0'],
    ]);
  });

  it('answers SQS\'s errors for a missing queue or QueueUrl, and refuses web pages', async () => {
    const missing = await get('/_aws/sqs/messages?QueueUrl=http://127.0.0.1:4566/000000000000/nope');
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('AWS.SimpleQueueService.NonExistentQueue');
    expect((await get('/_aws/sqs/messages')).status).toBe(400);
    expect((await get(`/_aws/sqs/messages?QueueUrl=${encodeURIComponent(queueUrl)}`, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await get(`/_aws/sqs/messages?QueueUrl=${encodeURIComponent(queueUrl)}`, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
  });
});
