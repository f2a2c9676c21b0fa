/** Helpers of the subscription filter tests: a collector function, the permission Logs needs, what the collector got. */
import { FilterLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { AddPermissionCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { expect } from 'vitest';
import type { TraceEntry } from '../../src/emulator/trace.ts';
import { createFunction } from '../support/lambda.ts';

/** The test account and region. */
export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';

/** A function that decodes `awslogs.data` (base64, then gzip) and logs what it found after `RECEIVED `. */
export const COLLECTOR = `const zlib = require('node:zlib');
exports.handler = async (event) => {
  const decoded = JSON.parse(zlib.gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8'));
  console.log('RECEIVED ' + JSON.stringify({ keys: Object.keys(event), awslogsKeys: Object.keys(event.awslogs), decoded }));
  return 'ok';
};
`;

/** What the collector logged for one delivery. */
export interface Received {
  keys: string[];
  awslogsKeys: string[];
  decoded: {
    messageType: string;
    owner: string;
    logGroup: string;
    logStream: string;
    subscriptionFilters: string[];
    logEvents: Array<{ id: string; timestamp: number; message: string }>;
    policyLevel?: string;
  };
}

/** The ARN of a log group as `AWS:SourceArn` names it. */
export function groupSourceArn(group: string): string {
  return `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${group}:*`;
}

/** The ARN of a function in the test account. */
export function functionArn(name: string): string {
  return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
}

/** Lets CloudWatch Logs invoke `name` for `group`, as `aws lambda add-permission` would. */
export async function allowLogs(lambda: LambdaClient, name: string, group: string, principal = `logs.${REGION}.amazonaws.com`): Promise<void> {
  await lambda.send(new AddPermissionCommand({
    FunctionName: name, StatementId: `logs-${group.replace(/[^A-Za-z0-9]/g, '-')}`, Action: 'lambda:InvokeFunction',
    Principal: principal, SourceArn: groupSourceArn(group), SourceAccount: ACCOUNT,
  }));
}

/** Deploys the collector under `name`. */
export async function deployCollector(lambda: LambdaClient, name: string): Promise<void> {
  await createFunction(lambda, name, { files: { 'index.js': COLLECTOR } });
}

/** Every delivery the collector `name` has logged so far. */
export async function receivedBy(logs: CloudWatchLogsClient, name: string): Promise<Received[]> {
  try {
    const found = await logs.send(new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${name}`, filterPattern: '"RECEIVED "' }));
    return (found.events ?? []).map((event) => JSON.parse(event.message!.slice(event.message!.indexOf('RECEIVED ') + 'RECEIVED '.length)) as Received);
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return [];
    throw error;
  }
}

/** The emulator's trace for the test account. */
export async function traceOf(url: string): Promise<TraceEntry[]> {
  const answer = await fetch(`${url}/_workshop/trace?account=${ACCOUNT}`);
  return ((await answer.json()) as { entries: TraceEntry[] }).entries;
}

/** Rejects with an AWS error of this name, HTTP 400 and this message. */
export async function expectError(promise: Promise<unknown>, name: string, message?: string | RegExp): Promise<void> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught as { name: string; message: string; $metadata: { httpStatusCode?: number } });
  expect(error, `expected ${name}`).toBeDefined();
  expect(error!.name).toBe(name);
  expect(error!.$metadata.httpStatusCode).toBe(400);
  if (message instanceof RegExp) expect(error!.message).toMatch(message);
  else if (message !== undefined) expect(error!.message).toBe(message);
}
