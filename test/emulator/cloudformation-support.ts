/** Helpers of the CloudFormation tests: a client on the test emulator, deploy-and-wait, and the events of a stack. */
import {
  CloudFormationClient, CreateStackCommand, DeleteStackCommand, DescribeStackEventsCommand, DescribeStacksCommand, UpdateStackCommand,
  waitUntilStackCreateComplete, waitUntilStackDeleteComplete, waitUntilStackUpdateComplete, type Parameter, type Stack, type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { afterAll } from 'vitest';
import { sdkConfig } from '../../src/core/sdk-config.ts';
import { resolveTarget } from '../../src/core/target.ts';
import type { EmulatorFixture } from '../support/emulator.ts';

/** A lazily built CloudFormation client for the fixture's emulator, closed after the file. */
export function cfnClientOf(emulator: EmulatorFixture): () => CloudFormationClient {
  let client: CloudFormationClient | undefined;
  afterAll(() => client?.destroy());
  return () => (client ??= new CloudFormationClient(sdkConfig(resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: emulator.running.url } }))));
}

/** A template object as the TemplateBody JSON. */
export const json = (template: object) => JSON.stringify(template);

/** Waits with the SDK's own waiter, polling fast (the emulator deploys in well under a second). */
const fast = (client: CloudFormationClient) => ({ client, maxWaitTime: 60, minDelay: 0.2, maxDelay: 0.5 });

/** The stack as DescribeStacks answers it now. */
export async function describe(client: CloudFormationClient, name: string): Promise<Stack> {
  return (await client.send(new DescribeStacksCommand({ StackName: name }))).Stacks![0]!;
}

/** Creates a stack and waits until its create settles (complete or not); returns the stack. */
export async function createAndWait(client: CloudFormationClient, name: string, body: string, parameters: Parameter[] = [], extra: Record<string, unknown> = {}): Promise<Stack> {
  await client.send(new CreateStackCommand({ StackName: name, TemplateBody: body, Parameters: parameters, Capabilities: ['CAPABILITY_NAMED_IAM'], ...extra }));
  await waitUntilStackCreateComplete(fast(client), { StackName: name }).catch(() => undefined);
  return describe(client, name);
}

/** Updates a stack and waits until its update settles; returns the stack. */
export async function updateAndWait(client: CloudFormationClient, name: string, body: string, parameters: Parameter[] = []): Promise<Stack> {
  await client.send(new UpdateStackCommand({ StackName: name, TemplateBody: body, Parameters: parameters, Capabilities: ['CAPABILITY_NAMED_IAM'] }));
  await waitUntilStackUpdateComplete(fast(client), { StackName: name }).catch(() => undefined);
  return describe(client, name);
}

/** Deletes a stack and waits until it is gone; returns its final status (read by stack id). */
export async function deleteAndWait(client: CloudFormationClient, name: string): Promise<string> {
  const { StackId } = await describe(client, name);
  await client.send(new DeleteStackCommand({ StackName: name }));
  await waitUntilStackDeleteComplete(fast(client), { StackName: StackId! }).catch(() => undefined);
  return (await describe(client, StackId!)).StackStatus!;
}

/** A stack's events oldest first, as `logical status [reason]` lines. */
export async function eventLines(client: CloudFormationClient, name: string): Promise<string[]> {
  const events: StackEvent[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new DescribeStackEventsCommand({ StackName: name, NextToken }));
    events.push(...(page.StackEvents ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return events.reverse().map((event) => `${event.LogicalResourceId} ${event.ResourceStatus}${event.ResourceStatusReason ? ` ${event.ResourceStatusReason}` : ''}`);
}
