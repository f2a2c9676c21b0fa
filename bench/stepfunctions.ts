/**
 * Step Functions benchmark (run with `node bench/stepfunctions.ts`; prints figures, asserts
 * nothing): a 10-state execution (4 Lambda tasks, Pass, Choice, Map of 2 and Succeed) through
 * StartSyncExecution, and its overhead beyond its Lambda invocations, each measured warm (the
 * Map's two invocations overlap, so the overhead is if anything understated).
 */
import { CreateStateMachineCommand, SFNClient, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { createClients } from '../src/core/clients.ts';
import { resolveTarget } from '../src/core/target.ts';
import { startEmulator } from '../src/emulator/server.ts';
import { createFunction } from '../test/support/lambda.ts';
import { percentile, report, since } from './stats.ts';

const ROLE = 'arn:aws:iam::000000000000:role/bench';
const FN = 'arn:aws:lambda:us-east-1:000000000000:function:bench-step';
const ROUNDS = 40;
const task = (next: string) => ({ Type: 'Task', Resource: FN, Next: next });
// Ten states, four of them Lambda tasks (the Map's item task runs twice): five invocations, two of them side by side.
const TEN = {
  StartAt: 'Start',
  States: {
    Start: { Type: 'Pass', Result: { items: [1, 2], n: 1 }, Next: 'A' },
    A: task('B'),
    B: task('Route'),
    Route: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: 100, Next: 'Done' }], Default: 'Reset' },
    Reset: { Type: 'Pass', Result: { items: [1, 2], n: 1 }, Next: 'Each' },
    Each: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Task', Resource: FN, End: true } } }, ResultPath: '$.mapped', Next: 'C' },
    C: task('Shape'),
    Shape: { Type: 'Pass', Parameters: { 'n.$': '$.n' }, Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};
const INVOCATIONS = 5;

const running = await startEmulator({ port: 0, log: () => {}, settings: { lambdaStateDelayMs: 0 } });
const clients = createClients(resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: running.url } }));
const sfn = new SFNClient({ endpoint: running.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, disableHostPrefix: true });
try {
  await createFunction(clients.lambda, 'bench-step', { files: { 'index.js': 'exports.handler = async (event) => (typeof event === "object" && event ? { ...event, n: (event.n ?? 0) + 1 } : event);' } });
  const machine = async (name: string, definition: object) => (await sfn.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE, type: 'EXPRESS' }))).stateMachineArn!;
  const ten = await machine('bench-ten', TEN);
  const one = await machine('bench-one', { StartAt: 'Only', States: { Only: { Type: 'Pass', End: true } } });
  const timed = async (work: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let round = 0; round < ROUNDS + 5; round++) {
      const start = performance.now();
      await work();
      if (round >= 5) times.push(since(start));
    }
    return percentile(times, 50);
  };
  const invoke = await timed(() => running.emulator.call('lambda', 'Invoke', { FunctionName: FN, Payload: Buffer.from('{"n":1}') }));
  const request = await timed(() => sfn.send(new StartSyncExecutionCommand({ stateMachineArn: one })));
  const whole = await timed(async () => {
    const answer = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: ten, input: '{}' }));
    if (answer.status !== 'SUCCEEDED') throw new Error(`the bench machine ended ${answer.status}: ${answer.error} ${answer.cause}`);
  });
  const overhead = whole - INVOCATIONS * invoke;
  report('warm Lambda Invoke, in-process: p50', invoke, 'ms', `${ROUNDS} invokes`);
  report('StartSyncExecution of a 1-state Pass machine: p50', request, 'ms', 'the request and an execution with no task');
  report('StartSyncExecution of a 10-state machine: p50', whole, 'ms', `${INVOCATIONS} Lambda invocations inside`);
  report('10-state execution: overhead beyond its Lambda invocations (p50)', overhead, 'ms', `${(overhead / 10).toFixed(2)} ms a state`);
} finally {
  sfn.destroy();
  clients.destroy();
  await running.stop();
}
