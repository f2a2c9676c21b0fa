/**
 * `/_workshop/time-factor`: a grader speeds up AWS's waits for its own account only. The emulator
 * runs in real time here (factor 1): a failing asynchronous event is retried after Lambda's minute
 * only in the account whose factor was set, and web pages may not change it.
 */
import { InvokeCommand, PutFunctionEventInvokeConfigCommand } from '@aws-sdk/client-lambda';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { accountSecret, signedRouteHeaders } from '../../src/emulator/signature.ts';
import { useEmulator } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';
import { createFunction } from '../support/lambda.ts';
import { createQueue } from '../support/sqs.ts';

const FAST = '123456789012';
const FAILING = `exports.handler = async () => { throw new Error('provider unavailable'); };\n`;

describe('the per-account time factor', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 10 } });
  const route = (query: string, init: RequestInit = {}) => fetch(`${emulator.running.url}/_workshop/time-factor?${query}`, init);

  it('is read, set and cleared per account, and refused to web pages and bad factors', async () => {
    expect(await (await route(`account=${FAST}`)).json()).toEqual({ account: FAST, factor: 1 });
    expect(await (await route(`account=${FAST}&factor=0.01`, { method: 'PUT' })).json()).toEqual({ account: FAST, factor: 0.01 });
    expect(emulator.running.emulator.scaled(60_000, FAST)).toBe(600);
    expect(emulator.running.emulator.scaled(60_000, '000000000000')).toBe(60_000);
    expect(emulator.running.emulator.scaled(60_000)).toBe(60_000);
    const fromPage = await route('account=000000000000&factor=0.001', { method: 'PUT', headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(fromPage.status).toBe(403);
    expect(emulator.running.emulator.scaled(1000, '000000000000')).toBe(1000);
    for (const factor of ['0', '-1', '2', 'fast']) expect((await route(`account=${FAST}&factor=${factor}`, { method: 'PUT' })).status).toBe(400);
    expect((await route(`account=${FAST}`, { method: 'POST' })).status).toBe(405);
    expect(await (await route(`account=${FAST}`, { method: 'DELETE' })).json()).toEqual({ account: FAST, factor: 1 });
  });

  it('makes Lambda\'s minute before a retry pass quickly in that account alone', async () => {
    await route(`account=${FAST}&factor=0.005`, { method: 'PUT' });
    const fast = emulator.clientsFor(FAST);
    for (const [clients, account] of [[fast, FAST], [emulator.clients, '000000000000']] as const) {
      await createQueue(clients.sqs, 'payments-failed');
      await createFunction(clients.lambda, 'take-payment', { files: { 'index.js': FAILING } });
      await clients.lambda.send(new PutFunctionEventInvokeConfigCommand({
        FunctionName: 'take-payment', MaximumRetryAttempts: 1, DestinationConfig: { OnFailure: { Destination: `arn:aws:sqs:us-east-1:${account}:payments-failed` } },
      }));
      await clients.lambda.send(new InvokeCommand({ FunctionName: 'take-payment', InvocationType: 'Event', Payload: '{"orderId":"o-1"}' }));
    }
    const started = Date.now();
    const queueUrl = `${emulator.running.url}/${FAST}/payments-failed`;
    const record = await eventually(async () => (await fast.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 0 }))).Messages?.[0], 20_000, 50);
    expect(JSON.parse(record.Body!).requestContext).toMatchObject({ condition: 'RetriesExhausted', approximateInvokeCount: 2 });
    // 60 s at 0.005 is 0.3 s; in real time the retry would still be a minute away.
    expect(Date.now() - started).toBeLessThan(10_000);
    const slow = await emulator.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: `${emulator.running.url}/000000000000/payments-failed`, WaitTimeSeconds: 0 }));
    expect(slow.Messages ?? []).toEqual([]);
  }, 30_000);
});

describe('the per-account time factor where signatures are verified (cohort grading)', () => {
  const RUN_SECRET = 'run-secret-for-time-factor';
  const emulator = useEmulator({ secrets: (key) => (/^\d{12}$/.test(key) ? accountSecret(RUN_SECRET, key) : undefined) });
  const put = async (account: string, signer: string) => {
    const url = new URL(`${emulator.running.url}/_workshop/time-factor?account=${account}&factor=0.01`);
    const headers = await signedRouteHeaders(url, 'PUT', { accessKeyId: signer, secretAccessKey: accountSecret(RUN_SECRET, signer) }, 'us-east-1');
    return fetch(url, { method: 'PUT', headers });
  };

  it('lets a signed caller set its own account\'s factor, and no other', async () => {
    expect((await put(FAST, FAST)).status).toBe(200);
    expect(emulator.running.emulator.scaled(1000, FAST)).toBe(10);
    expect((await put('000000000000', FAST)).status).toBe(403);
    const unsigned = await fetch(`${emulator.running.url}/_workshop/time-factor?account=000000000000&factor=0.01`, { method: 'PUT' });
    expect(unsigned.status).toBe(403);
    expect(emulator.running.emulator.scaled(1000, '000000000000')).toBe(1000);
  });
});
