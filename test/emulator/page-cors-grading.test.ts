/**
 * An emulator that grades (it verifies every signature) gives web pages no way in: the lesson
 * site's preflights are refused, its calls signed with the kit's usual secret are refused, and so
 * is its unsigned SQS peek. The explorer's signer itself is sound: signed with the account's real
 * secret, outside a page, the same call is accepted.
 */
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { createClients } from '../../src/core/clients.ts';
import { DEFAULT_ALLOWED_ORIGINS } from '../../src/emulator/access.ts';
import { accountSecret } from '../../src/emulator/signature.ts';
import { useEmulator } from '../support/emulator.ts';
import { jsonHeaders, preflight, rawRequest, signedPost } from './page-calls-support.ts';

const RUN_SECRET = 'page-grading-secret';
const OWN = '222222222222';
const emulator = useEmulator({ secrets: (key) => (/^\d{12}$/.test(key) ? accountSecret(RUN_SECRET, key) : undefined) });
const SITE = DEFAULT_ALLOWED_ORIGINS[0]!;
const base = () => emulator.running.url;
const queueUrl = () => `${base()}/${OWN}/graded-orders`;
const send = (origin: string | undefined, secret: string) =>
  signedPost(base(), '/', { ...(origin ? { origin } : {}), account: OWN, secret, service: 'sqs', headers: jsonHeaders('AmazonSQS.SendMessage', '1.0'), body: JSON.stringify({ QueueUrl: queueUrl(), MessageBody: 'from a page' }) });

describe('page calls to a grading emulator', () => {
  it('refuses the lesson site\'s preflights, without CORS headers', async () => {
    for (const path of ['/2015-03-31/functions/f/invocations', '/', '/_aws/sqs/messages']) {
      const answer = await preflight(base(), path, SITE, ['authorization', 'content-type', 'x-amz-target']);
      expect(answer.status, path).toBe(403);
      expect(answer.headers['access-control-allow-origin'], path).toBeUndefined();
      expect(JSON.parse(answer.body).message).toContain('grading');
    }
  });

  it('refuses the page\'s calls and its unsigned peek, and nothing is sent', async () => {
    const clients = createClients({ name: 'emulator', source: 'default', region: 'us-east-1', endpoint: base(), credentials: { accessKeyId: OWN, secretAccessKey: accountSecret(RUN_SECRET, OWN) } });
    try {
      await clients.sqs.send(new CreateQueueCommand({ QueueName: 'graded-orders' }));
      const fromPage = await send(SITE, 'test');
      expect(fromPage.status).toBe(403);
      expect(fromPage.headers['access-control-allow-origin']).toBeUndefined();
      const peek = await rawRequest(base(), 'GET', `/_aws/sqs/messages?QueueUrl=${encodeURIComponent(queueUrl())}`, { origin: SITE, accept: 'application/json' });
      expect(peek.status).toBe(403);
      expect(peek.headers['access-control-allow-origin']).toBeUndefined();
      // Without a page in the way, the kit's usual secret is still a wrong one here.
      const wrongSecret = await send(undefined, 'test');
      expect(wrongSecret.status).toBe(400);
      expect(JSON.parse(wrongSecret.body).__type).toMatch(/Signature/);
      const attributes = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl(), AttributeNames: ['ApproximateNumberOfMessages'] }));
      expect(attributes.Attributes?.ApproximateNumberOfMessages).toBe('0');
    } finally {
      clients.destroy();
    }
  });

  it('accepts the explorer\'s signer with the account\'s real secret, so a refusal is never a signing mistake', async () => {
    const answer = await send(undefined, accountSecret(RUN_SECRET, OWN));
    expect(answer.status, answer.body).toBe(200);
    expect(JSON.parse(answer.body).MessageId).toBeTruthy();
    // REST-JSON too: the path and the query string are signed as the verifier reads them.
    const invoke = await signedPost(base(), '/2015-03-31/functions/no-such-function/invocations?Qualifier=%24LATEST', { account: OWN, secret: accountSecret(RUN_SECRET, OWN), service: 'lambda', headers: { 'content-type': 'application/json', 'x-amz-log-type': 'Tail' }, body: '{}' });
    expect(invoke.headers['x-amzn-errortype'], invoke.body).toBe('ResourceNotFoundException');
  });
});
