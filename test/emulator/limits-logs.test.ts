/**
 * Function logs stay bounded in memory. AWS: a log event is at most 256 KB (longer lines are
 * split), LogType Tail returns the last 4 KB, and a log group keeps what its retention says. The
 * emulator holds at most 16 MiB per log stream and 64 MiB per account and region, oldest dropped
 * first (the Logs service's LIMITATIONS), so a noisy function leaves memory where it was.
 */
import { DescribeLogGroupsCommand, DescribeLogStreamsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';
import { createFunction } from '../support/lambda.ts';

const MiB = 1024 * 1024;

// vitest workers run without --expose-gc; the flag can still be turned on for a fresh context.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function heapMb(): number {
  for (let i = 0; i < 3; i++) collect();
  return process.memoryUsage().heapUsed / MiB;
}

const NOISY = `exports.handler = async (event) => {
  const line = 'x'.repeat(1023);
  for (let i = 0; i < event.lines; i++) console.log(line);
  return { printed: event.lines };
};
`;

describe('function logs bounded in memory', () => {
  const emulator = useEmulator();

  it('keeps at most 16 MiB of a function that prints 30 MB, and the memory it took comes back', async () => {
    const { lambda, logs } = emulator.clients;
    await createFunction(lambda, 'noisy', { files: { 'index.js': NOISY }, Timeout: 120, MemorySize: 1024 });
    await lambda.send(new InvokeCommand({ FunctionName: 'noisy', Payload: JSON.stringify({ lines: 10 }) }));
    const before = heapMb();
    const answer = await lambda.send(new InvokeCommand({ FunctionName: 'noisy', Payload: JSON.stringify({ lines: 30 * 1024 }), LogType: 'Tail' }));
    expect(JSON.parse(new TextDecoder().decode(answer.Payload))).toEqual({ printed: 30 * 1024 });
    // LogType Tail: the last 4 KB of the log, whatever the function printed.
    expect(Buffer.from(answer.LogResult ?? '', 'base64').length).toBeLessThanOrEqual(4096);

    const group = '/aws/lambda/noisy';
    const stored = await eventually(async () => {
      const { logGroups } = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }));
      const bytes = logGroups?.[0]?.storedBytes ?? 0;
      // Settled once the REPORT line of the noisy invocation is in.
      const { logStreams } = await logs.send(new DescribeLogStreamsCommand({ logGroupName: group }));
      const last = await logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: logStreams![0]!.logStreamName!, startFromHead: false, limit: 1 }));
      expect(last.events?.[0]?.message).toMatch(/^REPORT /);
      expect(bytes).toBeGreaterThan(8 * MiB);
      return bytes;
    }, 60_000, 200);
    expect(stored).toBeLessThanOrEqual(16 * MiB);
    const grown = heapMb() - before;
    expect(grown, `heap grew ${grown.toFixed(1)} MB`).toBeLessThan(40);
  }, 180_000);
});
