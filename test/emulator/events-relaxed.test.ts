import { PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateFunctionCommand, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { zipFiles } from '../support/zip.ts';
import { eventually } from '../support/eventually.ts';

describe('relaxed permissions (LocalStack\'s behaviour)', () => {
  const emulator = useEmulator({ settings: { skipLambdaPermissionCheck: true, lambdaStateDelayMs: 10 } });

  it('invokes a Lambda target that has no resource policy', async () => {
    const { lambda, eventbridge } = emulator.clients;
    await lambda.send(new CreateFunctionCommand({
      FunctionName: 'open-door',
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Role: 'arn:aws:iam::000000000000:role/r',
      Code: { ZipFile: zipFiles({ 'index.mjs': 'export const handler = async () => "ok";' }) },
    }));
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: 'open-door' });
    await eventbridge.send(new PutRuleCommand({ Name: 'open', EventPattern: '{"source":["shop"]}' }));
    await eventbridge.send(new PutTargetsCommand({ Rule: 'open', Targets: [{ Id: 'fn', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:open-door' }] }));
    const sent = await eventbridge.send(new PutEventsCommand({ Entries: [{ Source: 'shop', DetailType: 'Order Placed', Detail: '{}' }] }));
    const eventId = sent.Entries![0]!.EventId!;
    const invocation = await eventually(() => emulator.running.emulator.trace.list({ eventId }).find((entry) => entry.kind === 'invocation'));
    expect(invocation.outcome).toBe('success');
    expect(emulator.running.emulator.trace.list({ eventId }).some((entry) => entry.outcome === 'refused')).toBe(false);
  });
});
