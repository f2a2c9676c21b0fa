/**
 * `/_workshop/faults`: a grader makes a function's execution environment die right after its Nth
 * successful call of an operation, in its own account only. The write the call made stays; the
 * function does nothing after it (its next write never happens), the invocation fails as a crashed
 * runtime does on Lambda, and the next invocation starts a new environment.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { accountSecret, signedRouteHeaders } from '../../src/emulator/signature.ts';
import { createTableAndWait } from '../support/dynamodb.ts';
import { useEmulator } from '../support/emulator.ts';
import { createFunction } from '../support/lambda.ts';

const OTHER = '123456789012';
const ACCOUNT = '000000000000';

/** Writes `first` then `second` (two PutItems), and answers which environment ran it. */
const WRITER = `const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');
const db = new DynamoDBClient({});
const environment = Math.random().toString(36).slice(2);
exports.handler = async (event) => {
  await db.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: event.id + '#first' } } }));
  await db.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: event.id + '#second' } } }));
  return { environment };
};
`;

const decode = (output: InvokeCommandOutput): any => JSON.parse(new TextDecoder().decode(output.Payload));

describe('the per-account fault plan', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0 } });
  const route = (query: string, init: RequestInit = {}) => fetch(`${emulator.running.url}/_workshop/faults?${query}`, init);

  it('arms, lists and clears faults per account, and refuses web pages and bad parameters', async () => {
    expect(await (await route(`account=${ACCOUNT}`)).json()).toEqual({ account: ACCOUNT, faults: [] });
    const armed = await route(`account=${ACCOUNT}&function=writer&operation=PutItem&service=dynamodb&after=2&times=3`, { method: 'PUT' });
    expect(await armed.json()).toEqual({ account: ACCOUNT, faults: [{ function: 'writer', operation: 'PutItem', service: 'dynamodb', after: 2, remaining: 3, crashed: 0 }] });
    expect(await (await route(`account=${OTHER}`)).json()).toEqual({ account: OTHER, faults: [] });
    const fromPage = await route(`account=${OTHER}&function=writer&operation=PutItem`, { method: 'PUT', headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(fromPage.status).toBe(403);
    for (const bad of ['function=arn:aws:lambda:x&operation=PutItem', 'function=writer&operation=putItem', 'function=writer&operation=PutItem&after=0', 'function=writer&operation=PutItem&times=1.5']) {
      expect((await route(`account=${ACCOUNT}&${bad}`, { method: 'PUT' })).status, bad).toBe(400);
    }
    expect((await route(`account=${ACCOUNT}`, { method: 'POST' })).status).toBe(405);
    expect(await (await route(`account=${ACCOUNT}`, { method: 'DELETE' })).json()).toEqual({ account: ACCOUNT, faults: [] });
    expect(await (await route(`account=${OTHER}`)).json()).toEqual({ account: OTHER, faults: [] });
  });

  it('ends the environment right after the counted call: that write stays, the next never happens', async () => {
    const { lambda, dynamodb } = emulator.clients;
    // Written to only once ACTIVE: a table still CREATING answers ResourceNotFoundException, as on AWS.
    await createTableAndWait(dynamodb, { TableName: 'orders', BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] });
    await createFunction(lambda, 'writer', { files: { 'index.js': WRITER }, Timeout: 10 });
    const invoke = (id: string) => lambda.send(new InvokeCommand({ FunctionName: 'writer', Payload: JSON.stringify({ id }) }));
    const stored = async (id: string) => (await dynamodb.send(new GetItemCommand({ TableName: 'orders', Key: { id: { S: id } } }))).Item !== undefined;

    const warm = decode(await invoke('o-0'));
    await route(`account=${ACCOUNT}&function=writer&operation=PutItem&after=1`, { method: 'PUT' });
    const crashed = await invoke('o-1');
    expect(crashed.FunctionError).toBe('Unhandled');
    expect(decode(crashed)).toMatchObject({ errorType: 'Runtime.ExitError', errorMessage: expect.stringContaining('Runtime exited with error: signal: killed') });
    expect([await stored('o-1#first'), await stored('o-1#second')]).toEqual([true, false]);

    // The fault is spent: the next invocation runs whole, in a new environment.
    const after = await invoke('o-2');
    expect(after.FunctionError).toBeUndefined();
    expect(decode(after).environment).not.toBe(warm.environment);
    expect([await stored('o-2#first'), await stored('o-2#second')]).toEqual([true, true]);
    const [fault] = ((await (await route(`account=${ACCOUNT}`)).json()) as { faults: unknown[] }).faults;
    expect(fault).toMatchObject({ remaining: 0, crashed: 1 });
  }, 30_000);

  it('counts calls per invocation, so after=2 crashes after the second write', async () => {
    await route(`account=${ACCOUNT}`, { method: 'DELETE' });
    await route(`account=${ACCOUNT}&function=writer&operation=PutItem&after=2`, { method: 'PUT' });
    const { lambda, dynamodb } = emulator.clients;
    const crashed = await lambda.send(new InvokeCommand({ FunctionName: 'writer', Payload: JSON.stringify({ id: 'o-3' }) }));
    expect(crashed.FunctionError).toBe('Unhandled');
    expect((await dynamodb.send(new GetItemCommand({ TableName: 'orders', Key: { id: { S: 'o-3#second' } } }))).Item).toBeDefined();
  }, 30_000);
});

describe('the fault plan where signatures are verified (cohort grading)', () => {
  const RUN_SECRET = 'run-secret-for-faults';
  const emulator = useEmulator({ secrets: (key) => (/^\d{12}$/.test(key) ? accountSecret(RUN_SECRET, key) : undefined) });
  const put = async (account: string, signer: string) => {
    const url = new URL(`${emulator.running.url}/_workshop/faults?account=${account}&function=writer&operation=PutItem`);
    const headers = await signedRouteHeaders(url, 'PUT', { accessKeyId: signer, secretAccessKey: accountSecret(RUN_SECRET, signer) }, 'us-east-1');
    return fetch(url, { method: 'PUT', headers });
  };

  it('lets a signed caller arm faults in its own account, and no other', async () => {
    expect((await put(OTHER, OTHER)).status).toBe(200);
    expect((await put(ACCOUNT, OTHER)).status).toBe(403);
    const unsigned = await fetch(`${emulator.running.url}/_workshop/faults?account=${ACCOUNT}&function=writer&operation=PutItem`, { method: 'PUT' });
    expect(unsigned.status).toBe(403);
  });
});
