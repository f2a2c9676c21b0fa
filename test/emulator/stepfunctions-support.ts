/** Test helpers for Step Functions: an SFN client at an emulator and a wait for an execution to end. */
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient, type HistoryEvent } from '@aws-sdk/client-sfn';
import { expect } from 'vitest';

/** A machine's role (checked for shape only). */
export const SFN_ROLE = 'arn:aws:iam::000000000000:role/orders-machine';

/** An SFN client for the emulator at `url`; StartSyncExecution's `sync-` host prefix is off, as for any local endpoint. */
export function sfnClient(url: string): SFNClient {
  return new SFNClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, disableHostPrefix: true });
}

/** Waits until the execution is no longer RUNNING and returns DescribeExecution's answer. */
export async function finished(sfn: SFNClient, executionArn: string, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') return described;
    if (Date.now() > until) expect.fail(`execution ${executionArn} still RUNNING after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Every history event of an execution, oldest first. */
export async function historyOf(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 100 }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}
