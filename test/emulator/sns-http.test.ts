/**
 * SNS to http endpoints on loopback: the SubscriptionConfirmation with its SubscribeURL, the
 * pending state until it is visited, notifications with the x-amz-sns-* headers, retries of a
 * failing endpoint, and the subscription's dead-letter queue for what could not be delivered.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTopicCommand, GetSubscriptionAttributesCommand, ListSubscriptionsByTopicCommand, PublishCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';
import { createQueue, receiveSome, snsClientOf, traceOf } from './sns-support.ts';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('SNS to http endpoints', () => {
  const emulator = useEmulator({ timeFactor: 0.001 });
  const sns = snsClientOf(emulator);
  const received: Received[] = [];
  let server: Server;
  let base = '';

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({ path: request.url ?? '', headers: request.headers, body });
        response.statusCode = request.url?.startsWith('/broken') ? 500 : 200;
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the SubscriptionConfirmation, stays pending until the SubscribeURL is visited, then POSTs notifications', async () => {
    const { TopicArn } = await sns().send(new CreateTopicCommand({ Name: 'hooks' }));
    const { SubscriptionArn: pending } = await sns().send(new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: `${base}/hook` }));
    expect(pending).toBe('pending confirmation');
    const confirmation = await eventually(() => received.find((item) => item.path === '/hook' && item.headers['x-amz-sns-message-type'] === 'SubscriptionConfirmation'));
    const message = JSON.parse(confirmation.body);
    expect(message).toMatchObject({ Type: 'SubscriptionConfirmation', TopicArn, Token: expect.stringMatching(/^[0-9a-f]{128}$/) });
    expect(confirmation.headers['x-amz-sns-topic-arn']).toBe(TopicArn);
    expect((await sns().send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions![0]!.SubscriptionArn).toBe('PendingConfirmation');
    const early = await sns().send(new PublishCommand({ TopicArn, Message: 'too early' }));
    expect((await traceOf(emulator, early.MessageId!)).find((step) => step.kind === 'rule-not-matched')?.reason).toContain('pending confirmation');

    // The endpoint confirms as a real one does: an unsigned GET of the SubscribeURL.
    const visit = await fetch(message.SubscribeURL);
    expect(visit.status).toBe(200);
    const confirmed = /<SubscriptionArn>([^<]+)<\/SubscriptionArn>/.exec(await visit.text())![1]!;
    expect((await sns().send(new GetSubscriptionAttributesCommand({ SubscriptionArn: confirmed }))).Attributes).toMatchObject({ PendingConfirmation: 'false', Endpoint: `${base}/hook` });

    const { MessageId } = await sns().send(new PublishCommand({ TopicArn, Subject: 'Order', Message: 'order o-7' }));
    const notification = await eventually(() => received.find((item) => item.headers['x-amz-sns-message-id'] === MessageId));
    expect(notification.headers).toMatchObject({ 'x-amz-sns-message-type': 'Notification', 'x-amz-sns-topic-arn': TopicArn, 'x-amz-sns-subscription-arn': confirmed });
    expect(JSON.parse(notification.body)).toMatchObject({ Type: 'Notification', MessageId, Subject: 'Order', Message: 'order o-7' });
  });

  it('retries a failing endpoint per the delivery policy, then moves the message to the RedrivePolicy dead-letter queue', async () => {
    const { TopicArn } = await sns().send(new CreateTopicCommand({ Name: 'broken-hooks' }));
    const dlq = await createQueue(emulator, 'hooks-dlq', TopicArn);
    await sns().send(new SubscribeCommand({
      TopicArn, Protocol: 'http', Endpoint: `${base}/broken`, ReturnSubscriptionArn: true,
      Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }), DeliveryPolicy: JSON.stringify({ healthyRetryPolicy: { numRetries: 2, minDelayTarget: 1, maxDelayTarget: 1 } }) },
    }));
    const confirmation = await eventually(() => received.find((item) => item.path === '/broken' && item.headers['x-amz-sns-message-type'] === 'SubscriptionConfirmation'));
    expect((await fetch(JSON.parse(confirmation.body).SubscribeURL)).status).toBe(200);
    const { MessageId } = await sns().send(new PublishCommand({ TopicArn, Message: 'will fail' }));
    const [dead] = await receiveSome(emulator, dlq.url);
    expect(JSON.parse(dead!.Body!)).toMatchObject({ Type: 'Notification', MessageId, Message: 'will fail' });
    const steps = (await traceOf(emulator, MessageId!)).filter((step) => step.kind === 'delivery');
    expect(steps.map((step) => step.outcome)).toEqual(['retry', 'retry', 'dead-lettered']);
    expect(received.filter((item) => item.headers['x-amz-sns-message-id'] === MessageId)).toHaveLength(3);
  });
});
