/**
 * Bus policies and what a queue policy let another account send survive a kill -9 of an emulator
 * started with --state: both are written before the answer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateEventBusCommand, DescribeEventBusCommand, PutPermissionCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { clientsAt } from '../support/emulator.ts';
import { killHard, spawnEmulator } from '../support/emulator-process.ts';

const OWNER = '000000000000';
const OTHER = '333333333333';
const folder = mkdtempSync(join(tmpdir(), 'events-policies-state-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('policies with --state', () => {
  it('keeps a bus policy and a message another account sent, across a kill -9', async () => {
    let running = await spawnEmulator(['--state', folder]);
    let owner = clientsAt(running.url);
    const other = clientsAt(running.url, OTHER);
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:us-east-1:${OWNER}:inbox` }],
    });
    try {
      await owner.eventbridge.send(new CreateEventBusCommand({ Name: 'partners' }));
      await owner.eventbridge.send(new PutPermissionCommand({ EventBusName: 'partners', Action: 'events:PutEvents', Principal: OTHER, StatementId: 'other' }));
      const { QueueUrl } = await owner.sqs.send(new CreateQueueCommand({ QueueName: 'inbox', Attributes: { Policy: policy } }));
      await other.sqs.send(new SendMessageCommand({ QueueUrl: QueueUrl!, MessageBody: 'from another account' }));
    } finally {
      owner.destroy();
      other.destroy();
      await killHard(running);
    }
    running = await spawnEmulator(['--state', folder]);
    owner = clientsAt(running.url);
    try {
      const { Policy } = await owner.eventbridge.send(new DescribeEventBusCommand({ Name: 'partners' }));
      expect(JSON.parse(Policy!).Statement).toEqual([
        { Sid: 'other', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 'events:PutEvents', Resource: `arn:aws:events:us-east-1:${OWNER}:event-bus/partners` },
      ]);
      const got = await owner.sqs.send(new ReceiveMessageCommand({ QueueUrl: `${running.url}/${OWNER}/inbox`, MaxNumberOfMessages: 10 }));
      expect(got.Messages?.map((message) => message.Body)).toEqual(['from another account']);
    } finally {
      owner.destroy();
      await killHard(running);
    }
  });
});
