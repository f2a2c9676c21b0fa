/**
 * SQS for clients other than the current JavaScript SDK: the query protocol that older SDKs and
 * CLIs speak (form-encoded `Action=...`, XML answers), sent as raw signed-looking requests, and the
 * AWS CLI (JSON protocol, through botocore) when it is installed.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';

const run = promisify(execFile);
const NAMESPACE = 'http://queue.amazonaws.com/doc/2012-11-05/';
const AUTHORIZATION = 'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/sqs/aws4_request, SignedHeaders=host;x-amz-date, Signature=0';
// Repeated elements always parse as arrays, as the query model's flattened lists are.
const LISTS = new Set(['Message', 'Attribute', 'MessageAttribute', 'QueueUrl', 'Tag', 'SendMessageBatchResultEntry', 'BatchResultErrorEntry']);
const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => LISTS.has(name) });

interface QueryAnswer {
  status: number;
  xml: string;
  body: Record<string, any>;
}


const { hasAws } = await realClients('sqs-query');

describe('SQS over the query protocol', () => {
  const emulator = useEmulator({ timeFactor: 0.01 });

  async function query(params: Record<string, string>, path = '/', authorization = AUTHORIZATION): Promise<QueryAnswer> {
    const response = await fetch(`${emulator.running.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...(authorization ? { authorization } : {}) },
      body: new URLSearchParams({ Version: '2012-11-05', ...params }).toString(),
    });
    const xml = await response.text();
    return { status: response.status, xml, body: parser.parse(xml) as Record<string, any> };
  }

  it('creates a queue from flattened Attribute and Tag parameters', async () => {
    const answer = await query({
      Action: 'CreateQueue', QueueName: 'legacy',
      'Attribute.1.Name': 'VisibilityTimeout', 'Attribute.1.Value': '40',
      'Attribute.2.Name': 'DelaySeconds', 'Attribute.2.Value': '0',
      'Tag.1.Key': 'team', 'Tag.1.Value': 'shop',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.CreateQueueResponse['@_xmlns']).toBe(NAMESPACE);
    expect(answer.body.CreateQueueResponse.CreateQueueResult.QueueUrl).toEqual([`${emulator.running.url}/000000000000/legacy`]);
    expect(answer.body.CreateQueueResponse.ResponseMetadata.RequestId).toMatch(/[0-9a-f-]{36}/);

    const attributes = await query({ Action: 'GetQueueAttributes', 'AttributeName.1': 'All' }, '/000000000000/legacy');
    const pairs = attributes.body.GetQueueAttributesResponse.GetQueueAttributesResult.Attribute as Array<{ Name: string; Value: string }>;
    expect(Object.fromEntries(pairs.map((pair) => [pair.Name, pair.Value]))).toMatchObject({ VisibilityTimeout: '40', QueueArn: 'arn:aws:sqs:us-east-1:000000000000:legacy' });
    const tags = await query({ Action: 'ListQueueTags', QueueUrl: `${emulator.running.url}/000000000000/legacy` });
    expect(tags.body.ListQueueTagsResponse.ListQueueTagsResult.Tag).toEqual([{ Key: 'team', Value: 'shop' }]);
    const listed = await query({ Action: 'ListQueues', QueueNamePrefix: 'leg' });
    expect(listed.body.ListQueuesResponse.ListQueuesResult.QueueUrl).toEqual([`${emulator.running.url}/000000000000/legacy`]);
  });

  it('sends with message attributes and receives them as repeated elements', async () => {
    await query({ Action: 'CreateQueue', QueueName: 'legacy-messages' });
    const path = '/000000000000/legacy-messages';
    const sent = await query({
      Action: 'SendMessage', MessageBody: 'msg',
      'MessageAttribute.1.Name': 'Hello', 'MessageAttribute.1.Value.DataType': 'String', 'MessageAttribute.1.Value.StringValue': 'There',
      'MessageAttribute.2.Name': 'Help.Me', 'MessageAttribute.2.Value.DataType': 'String', 'MessageAttribute.2.Value.StringValue': 'Me',
    }, path);
    const result = sent.body.SendMessageResponse.SendMessageResult;
    expect(result.MD5OfMessageBody).toBe('6e2baaf3b97dbeef01c0043275f9a0e7');
    expect(result.MD5OfMessageAttributes).toBe('83fee93c1bcd8b9a5a923ffacdc636c7');

    const received = await query({ Action: 'ReceiveMessage', 'AttributeName.1': 'All', 'MessageAttributeName.1': 'All', MaxNumberOfMessages: '5' }, path);
    const [message] = received.body.ReceiveMessageResponse.ReceiveMessageResult.Message;
    expect(message).toMatchObject({ MessageId: result.MessageId, Body: 'msg', MD5OfMessageAttributes: '83fee93c1bcd8b9a5a923ffacdc636c7' });
    const system = Object.fromEntries((message.Attribute as Array<{ Name: string; Value: string }>).map((pair) => [pair.Name, pair.Value]));
    expect(system.ApproximateReceiveCount).toBe('1');
    expect(message.MessageAttribute).toEqual([
      { Name: 'Hello', Value: { DataType: 'String', StringValue: 'There' } },
      { Name: 'Help.Me', Value: { DataType: 'String', StringValue: 'Me' } },
    ]);

    const deleted = await query({ Action: 'DeleteMessage', ReceiptHandle: message.ReceiptHandle }, path);
    expect(deleted.status).toBe(200);
    expect(deleted.xml).toContain('<DeleteMessageResponse');
    expect(deleted.body.DeleteMessageResponse.DeleteMessageResult).toBeUndefined();
  });

  it('answers batches with flattened result entries', async () => {
    await query({ Action: 'CreateQueue', QueueName: 'legacy-batch' });
    const answer = await query({
      Action: 'SendMessageBatch',
      'SendMessageBatchRequestEntry.1.Id': 'good', 'SendMessageBatchRequestEntry.1.MessageBody': 'fine',
      'SendMessageBatchRequestEntry.2.Id': 'bad', 'SendMessageBatchRequestEntry.2.MessageBody': 'x', 'SendMessageBatchRequestEntry.2.DelaySeconds': '9999',
    }, '/000000000000/legacy-batch');
    const result = answer.body.SendMessageBatchResponse.SendMessageBatchResult;
    expect(result.SendMessageBatchResultEntry.map((entry: { Id: string }) => entry.Id)).toEqual(['good']);
    expect(result.BatchResultErrorEntry).toEqual([expect.objectContaining({ Id: 'bad', Code: 'InvalidParameterValue', SenderFault: 'true' })]);
  });

  it('answers errors with the legacy code in an ErrorResponse', async () => {
    const answer = await query({ Action: 'GetQueueUrl', QueueName: 'missing' });
    expect(answer.status).toBe(400);
    expect(answer.body.ErrorResponse.Error).toMatchObject({ Type: 'Sender', Code: 'AWS.SimpleQueueService.NonExistentQueue' });
    const handle = await query({ Action: 'CreateQueue', QueueName: 'legacy-errors' });
    expect(handle.status).toBe(200);
    const bad = await query({ Action: 'DeleteMessage', ReceiptHandle: 'junk' }, '/000000000000/legacy-errors');
    expect(bad.status).toBe(404);
    expect(bad.body.ErrorResponse.Error.Code).toBe('ReceiptHandleIsInvalid');
    const unknown = await query({ Action: 'Frobnicate' });
    expect(unknown.body.ErrorResponse.Error.Code).toBe('InvalidAction');
  });

  it('routes query requests whose signature names no service (SigV2) by their Action', async () => {
    const answer = await query({ Action: 'ListQueues' }, '/', 'AWS test:c2lnbmF0dXJl');
    expect(answer.status).toBe(200);
    expect(answer.body.ListQueuesResponse).toBeDefined();
  });

  it('answers a request with no signature at all as AWS does', async () => {
    const answer = await query({ Action: 'ListQueues' }, '/', '');
    expect(answer.status).toBe(403);
    expect(answer.body.ErrorResponse.Error.Code).toBe('MissingAuthenticationToken');
  });
});

describe.skipIf(!hasAws)('SQS through the AWS CLI', () => {
  const emulator = useEmulator({ timeFactor: 0.01 });

  async function aws(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run('aws', ['--endpoint-url', emulator.running.url, ...args, '--output', 'json'], { env: clientEnv(), timeout: 30_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failure = error as { code?: number; stdout?: string; stderr?: string };
      return { code: failure.code ?? 1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
    }
  }

  it('creates, sends and receives with message attributes', async () => {
    const created = await aws('sqs', 'create-queue', '--queue-name', 'cli-queue');
    expect(created.code, created.stderr).toBe(0);
    const url = (JSON.parse(created.stdout) as { QueueUrl: string }).QueueUrl;
    const sent = await aws('sqs', 'send-message', '--queue-url', url, '--message-body', 'from the cli', '--message-attributes', 'kind={DataType=String,StringValue=order}');
    expect(sent.code, sent.stderr).toBe(0);
    const received = await aws('sqs', 'receive-message', '--queue-url', url, '--message-attribute-names', 'All', '--attribute-names', 'All');
    expect(received.code, received.stderr).toBe(0);
    const [message] = (JSON.parse(received.stdout) as { Messages: Array<Record<string, any>> }).Messages;
    expect(message).toMatchObject({ Body: 'from the cli', MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' } } });
    expect(message!.MD5OfMessageAttributes).toBe((JSON.parse(sent.stdout) as { MD5OfMessageAttributes: string }).MD5OfMessageAttributes);
  });

  it('shows the legacy error code', async () => {
    const missing = await aws('sqs', 'get-queue-url', '--queue-name', 'nope');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('AWS.SimpleQueueService.NonExistentQueue');
  });
});
