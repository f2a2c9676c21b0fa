/**
 * What a lab about concurrency and cost observes, as Lambda does it: an SQS mapping runs several
 * batches at once (five to start with) and never more than its ScalingConfig.MaximumConcurrency;
 * under a grader's time factor a batch in flight stays hidden for as long as it may run, as
 * AWS's rule (visibility timeout at least the function's timeout) ensures;
 * a burst beyond reserved concurrency answers 429 TooManyRequestsException with its Reason to
 * synchronous callers and retries throttled asynchronous events until they run; REPORT lines in
 * CloudWatch Logs bill the duration rounded up to the millisecond, with the Init Duration of a
 * cold start (billed since August 2025) and the configured Memory Size.
 */
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateEventSourceMappingCommand, InvokeCommand, LambdaClient, PutFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';
import { createFunction } from '../support/lambda.ts';
import { createQueue } from '../support/sqs.ts';

const FAST = '123456789014';

/** Each invocation tells the meter it started, holds HOLD_MS, and tells it which ids it handled. */
const METERED = `
exports.handler = async (event) => {
  const ids = event.Records ? event.Records.map((record) => record.body) : [event.id];
  const call = (path) => fetch(process.env.METER_URL + path, { method: 'POST', body: JSON.stringify(ids) });
  await call('/start');
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.HOLD_MS)));
  await call('/end');
  return { ids };
};
`;

/** Counts the invocations in flight (the most at once) and the ids that were handled. */
class Meter {
  inFlight = 0;
  most = 0;
  readonly handled: string[] = [];
  url = '';
  private server: Server | undefined;

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.url === '/start') this.most = Math.max(this.most, ++this.inFlight);
        else {
          this.inFlight -= 1;
          this.handled.push(...(JSON.parse(Buffer.concat(chunks).toString('utf8')) as string[]));
        }
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  reset(): void {
    this.most = 0;
    this.handled.length = 0;
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('concurrency and billing as a lab measures them', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 10 } });
  const meter = new Meter();
  beforeAll(() => meter.start());
  afterAll(() => meter.stop());
  const ids = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => `${prefix}-${index}`);

  async function backlog(name: string, messages: string[], maximumConcurrency?: number, visibility = '900', holdMs = '300'): Promise<void> {
    const fast = emulator.clientsFor(FAST);
    await fetch(`${emulator.running.url}/_workshop/time-factor?account=${FAST}&factor=0.01`, { method: 'PUT' });
    const url = await createQueue(fast.sqs, name, { VisibilityTimeout: visibility });
    for (let index = 0; index < messages.length; index += 10) {
      await fast.sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: messages.slice(index, index + 10).map((body, id) => ({ Id: String(id), MessageBody: body })) }));
    }
    await createFunction(fast.lambda, name, { files: { 'index.js': METERED }, Timeout: 5, Environment: { Variables: { METER_URL: meter.url, HOLD_MS: holdMs } } });
    const { Attributes } = await fast.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
    await fast.lambda.send(new CreateEventSourceMappingCommand({
      FunctionName: name, EventSourceArn: Attributes!.QueueArn!, BatchSize: 1,
      ...(maximumConcurrency ? { ScalingConfig: { MaximumConcurrency: maximumConcurrency } } : {}),
    }));
  }

  it('reads a backlog with several batches at once, as Lambda starts with five', async () => {
    meter.reset();
    const sent = ids(12, 'open');
    await backlog('open-consumer', sent);
    await eventually(() => meter.handled.length >= sent.length, 20_000, 50);
    expect(meter.most).toBeGreaterThan(2);
    expect(meter.most).toBeLessThanOrEqual(5);
    expect([...meter.handled].sort()).toEqual([...sent].sort());
  }, 30_000);

  it('keeps a mapping at or under its MaximumConcurrency, and loses nothing', async () => {
    meter.reset();
    const sent = ids(10, 'capped');
    await backlog('capped-consumer', sent, 2);
    await eventually(() => meter.handled.length >= sent.length, 20_000, 50);
    expect(meter.most).toBe(2);
    expect([...meter.handled].sort()).toEqual([...sent].sort());
  }, 30_000);

  it('keeps a running batch hidden from the other readers when a time factor shortens the visibility timeout', async () => {
    meter.reset();
    const sent = ids(3, 'held');
    // 30 s at the factor 0.01 is 0.3 s, less than a batch runs here; on AWS it would outlast the 5 s timeout.
    await backlog('held-consumer', sent, undefined, '30', '900');
    await eventually(() => meter.handled.length >= sent.length, 20_000, 50);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect([...meter.handled].sort()).toEqual([...sent].sort());
  }, 30_000);

  it('answers 429 with its Reason beyond reserved concurrency, and retries throttled events until they run', async () => {
    meter.reset();
    await fetch(`${emulator.running.url}/_workshop/time-factor?account=${FAST}&factor=0.01`, { method: 'PUT' });
    const fast = emulator.clientsFor(FAST);
    await createFunction(fast.lambda, 'reserved', { files: { 'index.js': METERED }, Environment: { Variables: { METER_URL: meter.url, HOLD_MS: '400' } } });
    await fast.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'reserved', ReservedConcurrentExecutions: 2 }));
    // No SDK retries: the burst must see each 429 itself.
    const once = new LambdaClient({ endpoint: emulator.running.url, region: 'us-east-1', credentials: { accessKeyId: FAST, secretAccessKey: 'test' }, maxAttempts: 1 });
    const invoke = (id: string, type: 'RequestResponse' | 'Event') => once.send(new InvokeCommand({ FunctionName: 'reserved', InvocationType: type, Payload: JSON.stringify({ id }) }));
    const sync = await Promise.allSettled(ids(6, 'sync').map((id) => invoke(id, 'RequestResponse')));
    const refused = sync.filter((result) => result.status === 'rejected').map((result) => (result as PromiseRejectedResult).reason);
    expect(refused.length).toBeGreaterThanOrEqual(3);
    for (const error of refused) {
      expect(error).toMatchObject({ name: 'TooManyRequestsException', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', $metadata: { httpStatusCode: 429 } });
    }
    // Events queued while synchronous calls hold both slots are throttled, then retried.
    meter.reset();
    const holders = ids(2, 'holder').map((id) => invoke(id, 'RequestResponse'));
    await eventually(() => meter.inFlight === 2, 5_000, 10);
    const events = ids(4, 'event');
    for (const id of events) expect((await invoke(id, 'Event')).StatusCode).toBe(202);
    await Promise.all(holders);
    await eventually(() => events.every((id) => meter.handled.includes(id)), 15_000, 50);
    expect(meter.most).toBe(2);
    const trace = (await (await fetch(`${emulator.running.url}/_workshop/trace?account=${FAST}`)).json()) as { entries: Array<{ kind: string; outcome?: string; target?: string }> };
    expect(trace.entries.some((entry) => entry.kind === 'invocation' && entry.outcome === 'throttled')).toBe(true);
    once.destroy();
  }, 30_000);

  it('writes REPORT lines that bill Duration, plus Init Duration on a cold start, rounded up to the millisecond', async () => {
    const { lambda, logs } = emulator.clients;
    await createFunction(lambda, 'billed', { MemorySize: 512 });
    for (let index = 0; index < 3; index++) await lambda.send(new InvokeCommand({ FunctionName: 'billed', Payload: '{}' }));
    const reports = await eventually(async () => {
      const { events = [] } = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/billed', filterPattern: '"REPORT RequestId"' }));
      return events.length === 3 ? events.map((event) => event.message!) : undefined;
    }, 10_000, 50);
    const figures = reports.map((line) => ({
      duration: Number(/\tDuration: ([\d.]+) ms/.exec(line)![1]),
      billed: Number(/Billed Duration: (\d+) ms/.exec(line)![1]),
      memory: Number(/Memory Size: (\d+) MB/.exec(line)![1]),
      init: /Init Duration: ([\d.]+) ms/.exec(line)?.[1],
    }));
    expect(figures.map((figure) => figure.init !== undefined)).toEqual([true, false, false]);
    expect(figures.map((figure) => figure.memory)).toEqual([512, 512, 512]);
    // The printed figures have two decimals: the exact sum, rounded up, lies between these.
    const roundedUp = (printed: number) => [Math.max(1, Math.ceil(printed - 0.01)), Math.max(1, Math.ceil(printed + 0.01))];
    for (const figure of figures) {
      const [low, high] = roundedUp(figure.duration + Number(figure.init ?? 0));
      expect(figure.billed).toBeGreaterThanOrEqual(low!);
      expect(figure.billed).toBeLessThanOrEqual(high!);
    }
  }, 30_000);
});
