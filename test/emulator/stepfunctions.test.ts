/**
 * Step Functions runs a Standard machine the way AWS does: Lambda tasks (by ARN and through
 * lambda:invoke), Retry with back-off, Catch with ResultPath, Map, Parallel, Choice, Wait, Pass
 * with intrinsic functions, and the history GetExecutionHistory lists, step by step in the trace.
 */
import { CreateStateMachineCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../src/emulator/trace.ts';
import { useEmulator } from '../support/emulator.ts';
import { createFunction } from '../support/lambda.ts';
import { SFN_ROLE, finished, historyOf, sfnClient } from './stepfunctions-support.ts';

const PRICE = `exports.handler = async (event) => ({ sku: event.sku, cents: event.quantity * 250 });`;
const FLAKY = `exports.handler = async () => { const error = new Error('the warehouse is busy'); error.name = 'WarehouseBusy'; throw error; };`;
const arn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

describe('a Standard machine with Lambda tasks', () => {
  // 0.01: a 1-second Retry interval lasts 10 ms, long enough to measure, short enough to wait for.
  const emulator = useEmulator({ timeFactor: 0.01, settings: { lambdaStateDelayMs: 10 } });
  let sfn: ReturnType<typeof sfnClient>;
  beforeAll(async () => {
    sfn = sfnClient(emulator.running.url);
    await createFunction(emulator.clients.lambda, 'price', { files: { 'index.js': PRICE } });
    await createFunction(emulator.clients.lambda, 'reserve', { files: { 'index.js': FLAKY } });
  });
  afterAll(() => sfn?.destroy());

  const definition = {
    StartAt: 'Label',
    States: {
      Label: { Type: 'Pass', Parameters: { 'order.$': '$.order', 'label.$': "States.Format('order {}', $.order)" }, ResultPath: '$.meta', Next: 'PriceLines' },
      PriceLines: {
        Type: 'Map',
        ItemsPath: '$.lines',
        ItemProcessor: {
          StartAt: 'Price',
          States: {
            Price: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'price', 'Payload.$': '$' }, ResultSelector: { 'cents.$': '$.Payload.cents', 'status.$': '$.StatusCode' }, End: true },
          },
        },
        ResultPath: '$.prices',
        Next: 'Checks',
      },
      Checks: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'First', States: { First: { Type: 'Task', Resource: arn('price'), Parameters: { 'sku.$': '$.lines[0].sku', quantity: 1 }, End: true } } },
          { StartAt: 'Pause', States: { Pause: { Type: 'Wait', Seconds: 1, End: true } } },
        ],
        ResultSelector: { 'unit.$': '$[0].cents' },
        ResultPath: '$.checks',
        Next: 'Big?',
      },
      'Big?': { Type: 'Choice', Choices: [{ Variable: '$.prices[1].cents', NumericGreaterThan: 500, Next: 'Reserve' }], Default: 'Small' },
      Small: { Type: 'Succeed' },
      Reserve: {
        Type: 'Task',
        Resource: arn('reserve'),
        Retry: [{ ErrorEquals: ['WarehouseBusy'], IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 2 }],
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.reserveError', Next: 'Backorder' }],
        End: true,
      },
      Backorder: { Type: 'Pass', Parameters: { 'order.$': '$.order', 'prices.$': '$.prices', 'unit.$': '$.checks.unit', 'label.$': '$.meta.label', 'error.$': '$.reserveError.Error' }, End: true },
    },
  };

  it('finishes with the output each state built, after the retries and the catch', async () => {
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'orders', definition: JSON.stringify(definition), roleArn: SFN_ROLE }));
    expect(stateMachineArn).toBe('arn:aws:states:us-east-1:000000000000:stateMachine:orders');
    const input = { order: 'o-1', lines: [{ sku: 'tea', quantity: 1 }, { sku: 'cup', quantity: 3 }] };
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'o-1', input: JSON.stringify(input) }));
    expect(executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:orders:o-1');
    const done = await finished(sfn, executionArn!);
    expect(done.status, done.cause).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ order: 'o-1', prices: [{ cents: 250, status: 200 }, { cents: 750, status: 200 }], unit: 250, label: 'order o-1', error: 'WarehouseBusy' });

    const events = await historyOf(sfn, executionArn!);
    expect(events.map((event) => event.id)).toEqual(events.map((_, index) => index + 1));
    expect(events[0]).toMatchObject({ type: 'ExecutionStarted', previousEventId: 0, executionStartedEventDetails: { input: JSON.stringify(input), roleArn: SFN_ROLE } });
    expect(events.at(-1)).toMatchObject({ type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: done.output } });
    const types = events.map((event) => event.type);
    if (process.env.SFN_DUMP) console.log(types.join(' '));
    expect(types).toEqual(expect.arrayContaining(['PassStateEntered', 'MapStateEntered', 'MapStateStarted', 'MapIterationStarted', 'TaskScheduled', 'TaskSucceeded', 'MapStateExited', 'ParallelStateEntered', 'WaitStateEntered', 'WaitStateExited', 'ChoiceStateEntered', 'LambdaFunctionScheduled', 'LambdaFunctionFailed']));
    expect(events.find((event) => event.type === 'MapStateStarted')?.mapStateStartedEventDetails).toEqual({ length: 2 });
    expect(events.find((event) => event.type === 'TaskScheduled')?.taskScheduledEventDetails).toMatchObject({ resourceType: 'lambda', resource: 'invoke', region: 'us-east-1' });
    // One try and two retries, each LambdaFunctionFailed with the function's error, then the catch.
    const failures = events.filter((event) => event.type === 'LambdaFunctionFailed');
    expect(failures).toHaveLength(3);
    expect(failures[0]!.lambdaFunctionFailedEventDetails).toMatchObject({ error: 'WarehouseBusy' });
    expect(JSON.parse(failures[0]!.lambdaFunctionFailedEventDetails!.cause!)).toMatchObject({ errorType: 'WarehouseBusy', errorMessage: 'the warehouse is busy' });
    // Back-off: 1 s then 2 s, scaled by the time factor to 10 ms then 20 ms.
    const scheduled = events.filter((event) => event.type === 'LambdaFunctionScheduled' && event.lambdaFunctionScheduledEventDetails?.resource === arn('reserve'));
    expect(scheduled).toHaveLength(3);
    const gap = (index: number) => scheduled[index + 1]!.timestamp!.getTime() - failures[index]!.timestamp!.getTime();
    expect(gap(0)).toBeGreaterThanOrEqual(9);
    expect(gap(1)).toBeGreaterThanOrEqual(19);
    expect(types.indexOf('PassStateEntered', types.indexOf('LambdaFunctionFailed'))).toBeGreaterThan(0);

    const trace = (await (await fetch(`${emulator.running.url}/_workshop/trace`)).json()) as { entries: TraceEntry[] };
    const steps = trace.entries.filter((entry) => entry.kind === 'execution-step' && entry.step?.execution === executionArn);
    expect(steps[0]).toMatchObject({ step: { execution: executionArn, phase: 'started' }, detail: 'execution started' });
    expect(steps[1]).toMatchObject({ step: { state: 'Label', phase: 'entered' } });
    expect(steps.at(-1)).toMatchObject({ step: { execution: executionArn, phase: 'ended' }, outcome: 'success', detail: 'execution succeeded' });
    expect(steps).toContainEqual(expect.objectContaining({ step: { execution: executionArn, state: 'Backorder', phase: 'exited' }, outcome: 'success' }));
    expect(steps).toContainEqual(expect.objectContaining({ step: { execution: executionArn, state: 'Reserve', phase: 'exited' }, outcome: 'retry' }));
  });

  it('fails the execution with the error and cause of a Fail state, or of an uncaught task error', async () => {
    const failing = { StartAt: 'Reserve', States: { Reserve: { Type: 'Task', Resource: arn('reserve'), Catch: [{ ErrorEquals: ['Nope'], Next: 'Never' }], End: true }, Never: { Type: 'Fail', Error: 'Out', Cause: 'no stock' } } };
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'failing', definition: JSON.stringify(failing), roleArn: SFN_ROLE }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn }));
    const done = await finished(sfn, executionArn!);
    expect(done).toMatchObject({ status: 'FAILED', error: 'WarehouseBusy' });
    expect(JSON.parse(done.cause!).errorMessage).toBe('the warehouse is busy');
    const fail = { StartAt: 'Stop', States: { Stop: { Type: 'Fail', Error: 'Out', Cause: 'no stock' } } };
    const second = await sfn.send(new CreateStateMachineCommand({ name: 'fail-state', definition: JSON.stringify(fail), roleArn: SFN_ROLE }));
    const run = await sfn.send(new StartExecutionCommand({ stateMachineArn: second.stateMachineArn }));
    expect(await finished(sfn, run.executionArn!)).toMatchObject({ status: 'FAILED', error: 'Out', cause: 'no stock' });
    const types = (await historyOf(sfn, run.executionArn!)).map((event) => event.type);
    expect(types).toEqual(['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed']);
  });
});
