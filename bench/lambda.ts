/**
 * Lambda benchmark (run with `node bench/lambda.ts`; prints figures, asserts nothing): emulator
 * start to healthy, CreateFunction to first response, cold and warm Invoke latency through the
 * real SDK, Event invoke to handler start, and invokes per second with 1 and 8 callers.
 */
import { cpus } from 'node:os';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateFunctionCommand, InvokeCommand, UpdateFunctionConfigurationCommand, waitUntilFunctionActiveV2, waitUntilFunctionUpdatedV2, type LambdaClient } from '@aws-sdk/client-lambda';
import { createClients } from '../src/core/clients.ts';
import { resolveTarget } from '../src/core/target.ts';
import { startEmulator } from '../src/emulator/server.ts';
import { osSandbox } from '../src/sandbox/index.ts';
import { zipFiles } from '../test/support/zip.ts';
import { endedChildrenCpuMs, percentile, report, since } from './stats.ts';

const ROLE = 'arn:aws:iam::000000000000:role/bench';
const ECHO = 'export const handler = async (event) => event;';
/** Writes when the handler started, so Event invokes can be timed from the outside. */
// Functions may write only their own temporary folder, so the start time travels through the log.
const MARKER = `export const handler = async (event) => { console.log('MARK ' + event.id + ' ' + Date.now()); return 1; };`;

function median(values: number[]): number {
  return percentile(values, 50);
}

async function startToHealthy(): Promise<number> {
  const start = performance.now();
  const running = await startEmulator({ port: 0, log: () => {} });
  for (;;) {
    const answer = await fetch(`${running.url}/_localstack/health`).catch(() => undefined);
    if (answer?.ok) break;
  }
  const elapsed = since(start);
  await running.stop();
  return elapsed;
}

async function create(lambda: LambdaClient, name: string, code: string, environment: Record<string, string> = {}): Promise<void> {
  await lambda.send(new CreateFunctionCommand({
    FunctionName: name, Runtime: 'nodejs22.x', Handler: 'index.handler', Role: ROLE, MemorySize: 256,
    Code: { ZipFile: zipFiles({ 'index.mjs': code }) }, Environment: { Variables: environment },
  }));
  await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: name });
}

async function invoke(lambda: LambdaClient, name: string, payload = '{}'): Promise<void> {
  const answer = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(payload) }));
  if (answer.FunctionError) throw new Error(`${name} failed: ${Buffer.from(answer.Payload ?? []).toString()}`);
}

async function throughput(lambda: LambdaClient, name: string, callers: number, milliseconds: number): Promise<number> {
  let done = 0;
  const end = performance.now() + milliseconds;
  await Promise.all(Array.from({ length: callers }, async () => {
    while (performance.now() < end) {
      await invoke(lambda, name, '{"n":1}');
      done += 1;
    }
  }));
  return done / (milliseconds / 1000);
}

async function main(): Promise<void> {
  console.log(`Lambda benchmark on Node.js ${process.version}, ${cpus().length} cores`);
  const starts: number[] = [];
  for (let i = 0; i < 5; i++) starts.push(await startToHealthy());
  report('emulator start to healthy (median of 5)', median(starts), 'ms');

  const running = await startEmulator({ port: 0, log: () => {}, settings: { lambdaStateDelayMs: 0 } });
  const clients = createClients(resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: running.url } }));
  const { lambda } = clients;
  try {
    const created: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      await create(lambda, `bench-create-${i}`, ECHO);
      await invoke(lambda, `bench-create-${i}`);
      created.push(since(start));
    }
    report('CreateFunction to first response (median of 5)', median(created), 'ms', 'state delay 0, includes the waiter');

    await create(lambda, 'bench-echo', ECHO);
    const cold: number[] = [];
    const renew = async (round: number) => {
      // A configuration change retires the function's environments, so the next invoke starts one.
      await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'bench-echo', Environment: { Variables: { ROUND: String(round) } } }));
      await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: 'bench-echo' });
    };
    const cpuBefore = endedChildrenCpuMs();
    for (let i = 0; i < 10; i++) {
      await renew(i);
      const start = performance.now();
      await invoke(lambda, 'bench-echo');
      cold.push(since(start));
    }
    await renew(10);
    await new Promise((resolve) => setTimeout(resolve, 500));
    report('cold Invoke, new environment (median of 10)', median(cold), 'ms', osSandbox().kind === 'bwrap' ? 'in the OS sandbox (bwrap)' : 'without the OS sandbox');
    // A sandboxed runtime is bwrap's grandchild, ended with bwrap and never reaped by the emulator: its CPU is not counted.
    const cpuNote = osSandbox().kind === 'bwrap' ? 'bwrap only: the sandboxed runtime is not counted; WORKSHOP_SANDBOX=none counts it' : 'the process and its runtime, one invoke';
    report('CPU per environment, start to end (mean of 10)', (endedChildrenCpuMs() - cpuBefore) / 10, 'ms', cpuNote);

    const warm: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const start = performance.now();
      await invoke(lambda, 'bench-echo', '{"n":1}');
      warm.push(since(start));
    }
    report('warm Invoke p50 (1,000 sequential)', percentile(warm, 50), 'ms');
    report('warm Invoke p99', percentile(warm, 99), 'ms');

    await create(lambda, 'bench-async', MARKER);
    await invoke(lambda, 'bench-async', '{"id":"warmup"}');
    const sentAt = new Map<string, number>();
    const startedAt = new Map<string, number>();
    const readMarks = async () => {
      let nextToken: string | undefined;
      do {
        const page = await clients.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/bench-async', filterPattern: 'MARK', nextToken }));
        for (const event of page.events ?? []) {
          const found = /MARK (\S+) (\d+)/.exec(event.message ?? '');
          if (found) startedAt.set(found[1]!, Number(found[2]));
        }
        nextToken = page.nextToken;
      } while (nextToken);
    };
    for (let i = 0; i < 100; i++) {
      const id = `e${i}`;
      sentAt.set(id, Date.now());
      await lambda.send(new InvokeCommand({ FunctionName: 'bench-async', InvocationType: 'Event', Payload: Buffer.from(JSON.stringify({ id })) }));
      const deadline = Date.now() + 5000;
      while (!startedAt.has(id) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        await readMarks();
      }
    }
    const delays = [...sentAt].filter(([id]) => startedAt.has(id)).map(([id, at]) => startedAt.get(id)! - at);
    report('Event Invoke to handler start p50 (100, warm)', percentile(delays, 50), 'ms', 'Date.now() resolution');
    report('Event Invoke to handler start p99', percentile(delays, 99), 'ms');

    await Promise.all(Array.from({ length: 8 }, () => invoke(lambda, 'bench-echo')));
    report('invokes/s, 1 caller (3 s)', await throughput(lambda, 'bench-echo', 1, 3000), 'invokes/s');
    report('invokes/s, 8 callers (3 s)', await throughput(lambda, 'bench-echo', 8, 3000), 'invokes/s');
  } finally {
    clients.destroy();
    await running.stop();
  }
}

await main();
