/** CloudFormation state with --state: stacks, their resources, events and exports come back after a restart, and still delete. */
import { CloudFormationClient, ListExportsCommand } from '@aws-sdk/client-cloudformation';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sdkConfig } from '../../src/core/sdk-config.ts';
import { resolveTarget } from '../../src/core/target.ts';
import { startEmulator } from '../../src/emulator/server.ts';
import { createAndWait, deleteAndWait, describe as describeStack, eventLines, json } from './cloudformation-support.ts';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

describe('CloudFormation state across a restart', () => {
  it('keeps stacks, events and exports, and deletes the stack afterwards', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'cfn-state-'));
    folders.push(folder);
    const open = async () => {
      const running = await startEmulator({ port: 0, log: () => {}, stateDir: folder });
      const config = sdkConfig(resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: running.url } }));
      return { running, cfn: new CloudFormationClient(config), sqs: new SQSClient(config) };
    };
    const template = json({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'kept-queue' } } }, Outputs: { Url: { Value: { Ref: 'Q' }, Export: { Name: 'kept-url' } } } });
    let session = await open();
    await createAndWait(session.cfn, 'kept', template);
    const before = await eventLines(session.cfn, 'kept');
    session.cfn.destroy();
    session.sqs.destroy();
    await session.running.stop();

    session = await open();
    try {
      const stack = await describeStack(session.cfn, 'kept');
      expect(stack.StackStatus).toBe('CREATE_COMPLETE');
      expect(await eventLines(session.cfn, 'kept')).toEqual(before);
      expect((await session.cfn.send(new ListExportsCommand({}))).Exports!.map((item) => item.Name)).toEqual(['kept-url']);
      expect(await deleteAndWait(session.cfn, 'kept')).toBe('DELETE_COMPLETE');
      await expect(session.sqs.send(new GetQueueUrlCommand({ QueueName: 'kept-queue' }))).rejects.toThrow();
    } finally {
      session.cfn.destroy();
      session.sqs.destroy();
      await session.running.stop();
    }
  }, 60_000);
});
