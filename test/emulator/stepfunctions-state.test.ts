/**
 * Step Functions state with --state: machines, executions and their histories are there after a
 * restart, and an execution that was running when the emulator stopped is FAILED with a cause
 * that says so.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateStateMachineCommand, DescribeStateMachineCommand, ListTagsForResourceCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.ts';
import { RESTART_CAUSE } from '../../src/emulator/services/stepfunctions/service.ts';
import { SFN_ROLE, finished, historyOf, sfnClient } from './stepfunctions-support.ts';

const folder = mkdtempSync(join(tmpdir(), 'sfn-state-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('Step Functions across a restart', () => {
  it('keeps machines, executions and histories, and fails what was running', async () => {
    let running = await startEmulator({ port: 0, log: () => {}, stateDir: folder, timeFactor: 0.001 });
    let sfn = sfnClient(running.url);
    const sqs = new SQSClient({ endpoint: running.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'held' }));
    sqs.destroy();
    const definition = { StartAt: 'Route', States: { Route: { Type: 'Choice', Choices: [{ Variable: '$.hold', BooleanEquals: true, Next: 'Hold' }], Default: 'Done' }, Hold: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl, 'MessageBody.$': '$$.Task.Token' }, End: true }, Done: { Type: 'Pass', Result: 'shipped', End: true } } };
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'kept', definition: JSON.stringify(definition), roleArn: SFN_ROLE, tags: [{ key: 'lab', value: '08' }] }));
    const done = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'done', input: '{"hold":false}' }));
    expect(await finished(sfn, done.executionArn!)).toMatchObject({ status: 'SUCCEEDED', output: '"shipped"' });
    const held = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'held', input: '{"hold":true}' }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = await historyOf(sfn, done.executionArn!);
    sfn.destroy();
    await running.stop();

    running = await startEmulator({ port: 0, log: () => {}, stateDir: folder });
    sfn = sfnClient(running.url);
    try {
      expect((await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }))).definition).toBe(JSON.stringify(definition));
      expect((await sfn.send(new ListTagsForResourceCommand({ resourceArn: stateMachineArn }))).tags).toEqual([{ key: 'lab', value: '08' }]);
      const after = await historyOf(sfn, done.executionArn!);
      expect(after.map((event) => [event.id, event.type, event.timestamp?.getTime()])).toEqual(before.map((event) => [event.id, event.type, event.timestamp?.getTime()]));
      expect(await finished(sfn, held.executionArn!)).toMatchObject({ status: 'FAILED', error: 'States.Runtime', cause: RESTART_CAUSE });
      const types = (await historyOf(sfn, held.executionArn!)).map((event) => event.type);
      expect(types.slice(0, 3)).toEqual(['ExecutionStarted', 'ChoiceStateEntered', 'ChoiceStateExited']);
      expect(types.at(-1)).toBe('ExecutionFailed');
    } finally {
      sfn.destroy();
      await running.stop();
    }
  });
});
