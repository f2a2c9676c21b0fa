/**
 * CloudWatch Logs subscription filters and resource policies through the real SDK: AWS's answers
 * for each check (recorded against AWS in LocalStack's snapshots), and the ValidationException of a
 * log group named both ways.
 */
import {
  CreateLogGroupCommand, CreateLogStreamCommand, DeleteResourcePolicyCommand, DeleteSubscriptionFilterCommand, DescribeLogStreamsCommand,
  DescribeResourcePoliciesCommand, DescribeSubscriptionFiltersCommand, FilterLogEventsCommand, GetLogEventsCommand, PutResourcePolicyCommand,
  PutSubscriptionFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { createFunction } from '../support/lambda.ts';
import { clientEnv, realClients } from '../support/real-clients.ts';
import { allowLogs, expectError, functionArn } from './logs-subscriptions-support.ts';

const run = promisify(execFile);
const { hasAws } = await realClients('logs-subscriptions');

const NO_PERMISSION = 'Could not execute the lambda function. Make sure you have given CloudWatch Logs permission to execute your function.';

describe('a log group named both by name and by ARN', () => {
  const emulator = useEmulator();
  const logs = () => emulator.clients.logs;

  it('is a ValidationException in DescribeLogStreams, GetLogEvents and FilterLogEvents', async () => {
    await logs().send(new CreateLogGroupCommand({ logGroupName: 'both' }));
    await logs().send(new CreateLogStreamCommand({ logGroupName: 'both', logStreamName: 's' }));
    const arn = 'arn:aws:logs:us-east-1:000000000000:log-group:both';
    const message = 'LogGroup name and LogGroup ARN are mutually exclusive parameters.';
    await expectError(logs().send(new DescribeLogStreamsCommand({ logGroupName: 'both', logGroupIdentifier: arn })), 'ValidationException', message);
    await expectError(logs().send(new GetLogEventsCommand({ logGroupName: 'both', logGroupIdentifier: arn, logStreamName: 's' })), 'ValidationException', message);
    await expectError(logs().send(new FilterLogEventsCommand({ logGroupName: 'both', logGroupIdentifier: arn })), 'ValidationException', message);
    // Either one alone still works.
    expect((await logs().send(new DescribeLogStreamsCommand({ logGroupIdentifier: arn }))).logStreams).toHaveLength(1);
  });
});

describe('subscription filters', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0 } });
  const logs = () => emulator.clients.logs;
  const lambda = () => emulator.clients.lambda;

  it('refuses a Lambda destination CloudWatch Logs may not invoke, with AWS\'s words', async () => {
    await logs().send(new CreateLogGroupCommand({ logGroupName: '/shop/guarded' }));
    await createFunction(lambda(), 'unguarded');
    const put = (destinationArn: string) => logs().send(new PutSubscriptionFilterCommand({ logGroupName: '/shop/guarded', filterName: 'f', filterPattern: '', destinationArn }));
    // No resource policy at all, then a function that does not exist.
    await expectError(put(functionArn('unguarded')), 'InvalidParameterException', NO_PERMISSION);
    await expectError(put(functionArn('missing')), 'InvalidParameterException', NO_PERMISSION);
    // A policy for another log group does not count.
    await allowLogs(lambda(), 'unguarded', '/shop/other');
    await expectError(put(functionArn('unguarded')), 'InvalidParameterException', NO_PERMISSION);
    // The global principal works as the regional one does.
    await allowLogs(lambda(), 'unguarded', '/shop/guarded', 'logs.amazonaws.com');
    await put(functionArn('unguarded'));
    const described = await logs().send(new DescribeSubscriptionFiltersCommand({ logGroupName: '/shop/guarded' }));
    expect(described.subscriptionFilters).toEqual([{
      filterName: 'f', logGroupName: '/shop/guarded', filterPattern: '', destinationArn: functionArn('unguarded'),
      distribution: 'ByLogStream', applyOnTransformedLogs: false, creationTime: expect.any(Number),
    }]);
  });

  it('answers AWS errors for other accounts, missing groups, Kinesis and Firehose', async () => {
    await logs().send(new CreateLogGroupCommand({ logGroupName: '/shop/errors' }));
    const put = (logGroupName: string, destinationArn: string, roleArn?: string) =>
      logs().send(new PutSubscriptionFilterCommand({ logGroupName, filterName: 'f', filterPattern: '', destinationArn, ...(roleArn ? { roleArn } : {}) }));
    const crossAccount = 'Cross-account lambda invocation passing is not allowed. You must use DestinationPolicies to create cross account lambda triggers.';
    await expectError(put('/shop/errors', 'arn:aws:lambda:us-east-1:123456789012:function:test'), 'AccessDeniedException', crossAccount);
    // AWS looks at the destination before the group.
    await expectError(put('not-existing-log-group', 'arn:aws:lambda:us-east-1:123456789012:function:test'), 'AccessDeniedException', crossAccount);
    await expectError(put('not-existing-log-group', functionArn('any')), 'ResourceNotFoundException', 'The specified log group does not exist.');
    await expectError(put('/shop/errors', 'arn:aws:kinesis:us-east-1:000000000000:stream/orders'), 'InvalidParameterException', 'destinationArn for vendor kinesis cannot be used without roleArn');
    const role = 'arn:aws:iam::000000000000:role/logs-to-streams';
    await expectError(put('/shop/errors', 'arn:aws:kinesis:us-east-1:000000000000:stream/orders', role), 'InvalidParameterException', /does not emulate Amazon Kinesis.*deliver only to Lambda functions/);
    await expectError(put('/shop/errors', 'arn:aws:firehose:us-east-1:000000000000:deliverystream/orders', role), 'InvalidParameterException', /does not emulate Amazon Data Firehose/);
    await expectError(put('/shop/errors', 'arn:aws:sqs:us-east-1:000000000000:orders'), 'InvalidParameterException', /Invalid destinationArn/);
    await expectError(
      logs().send(new PutSubscriptionFilterCommand({ logGroupName: '/shop/errors', filterName: 'f', filterPattern: '{ $.level = ', destinationArn: functionArn('any') })),
      'InvalidParameterException',
    );
    expect((await logs().send(new DescribeSubscriptionFiltersCommand({ logGroupName: '/shop/errors' }))).subscriptionFilters).toEqual([]);
    await expectError(logs().send(new DescribeSubscriptionFiltersCommand({ logGroupName: 'not-existing-log-group' })), 'ResourceNotFoundException', 'The specified log group does not exist.');
  });

  it('keeps at most two filters per group, updates one by name, pages, and deletes', async () => {
    await logs().send(new CreateLogGroupCommand({ logGroupName: '/shop/limited' }));
    await createFunction(lambda(), 'limited');
    await allowLogs(lambda(), 'limited', '/shop/limited');
    const put = (filterName: string, filterPattern = '') => logs().send(new PutSubscriptionFilterCommand({ logGroupName: '/shop/limited', filterName, filterPattern, destinationArn: functionArn('limited') }));
    await put('test-1');
    await put('test-2', '[]');
    await expectError(put('test-3'), 'LimitExceededException', 'Resource limit exceeded.');
    // Replacing an existing filter is not a new one.
    await put('test-1', 'ERROR');
    const first = await logs().send(new DescribeSubscriptionFiltersCommand({ logGroupName: '/shop/limited', limit: 1 }));
    expect(first.subscriptionFilters?.map((filter) => [filter.filterName, filter.filterPattern])).toEqual([['test-1', 'ERROR']]);
    expect(first.nextToken).toBeTruthy();
    const second = await logs().send(new DescribeSubscriptionFiltersCommand({ logGroupName: '/shop/limited', limit: 1, nextToken: first.nextToken }));
    expect(second.subscriptionFilters?.map((filter) => filter.filterName)).toEqual(['test-2']);
    expect(second.nextToken).toBeUndefined();
    const prefixed = await logs().send(new DescribeSubscriptionFiltersCommand({ logGroupName: '/shop/limited', filterNamePrefix: 'test-2' }));
    expect(prefixed.subscriptionFilters?.map((filter) => filter.filterName)).toEqual(['test-2']);

    await logs().send(new DeleteSubscriptionFilterCommand({ logGroupName: '/shop/limited', filterName: 'test-1' }));
    await put('test-3');
    expect((await logs().send(new DescribeSubscriptionFiltersCommand({ logGroupName: '/shop/limited' }))).subscriptionFilters?.map((filter) => filter.filterName)).toEqual(['test-2', 'test-3']);
    await expectError(logs().send(new DeleteSubscriptionFilterCommand({ logGroupName: '/shop/limited', filterName: 'wrong-filter-name' })), 'ResourceNotFoundException', 'The specified subscription filter does not exist.');
    await expectError(logs().send(new DeleteSubscriptionFilterCommand({ logGroupName: 'not-existing-log-group', filterName: 'test' })), 'ResourceNotFoundException', 'The specified log group does not exist.');
  });
});

describe('resource policies', () => {
  const emulator = useEmulator();
  const logs = () => emulator.clients.logs;
  const document = (service: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: [service] }, Action: 'logs:PutLogEvents', Resource: '*' }] });

  it('puts, updates, lists, limits and deletes them with AWS\'s errors', async () => {
    const put = await logs().send(new PutResourcePolicyCommand({ policyName: 'route53', policyDocument: document('route53.amazonaws.com') }));
    expect(put.resourcePolicy).toEqual({ policyName: 'route53', policyDocument: document('route53.amazonaws.com'), lastUpdatedTime: expect.any(Number), policyScope: 'ACCOUNT' });
    const updated = await logs().send(new PutResourcePolicyCommand({ policyName: 'route53', policyDocument: document('delivery.logs.amazonaws.com') }));
    expect(updated.resourcePolicy?.policyDocument).toBe(document('delivery.logs.amazonaws.com'));
    for (let index = 1; index < 10; index += 1) await logs().send(new PutResourcePolicyCommand({ policyName: `p${index}`, policyDocument: document('events.amazonaws.com') }));
    await expectError(logs().send(new PutResourcePolicyCommand({ policyName: 'one-too-many', policyDocument: document('events.amazonaws.com') })), 'LimitExceededException', 'Resource limit exceeded.');
    // At the limit, an existing policy can still be replaced.
    await logs().send(new PutResourcePolicyCommand({ policyName: 'p1', policyDocument: document('es.amazonaws.com') }));
    await expectError(logs().send(new PutResourcePolicyCommand({ policyName: 'bad', policyDocument: '{not json' })), 'InvalidParameterException');

    const listed = await logs().send(new DescribeResourcePoliciesCommand({}));
    expect(listed.resourcePolicies?.map((policy) => policy.policyName)).toEqual(['route53', ...Array.from({ length: 9 }, (_, index) => `p${index + 1}`)]);
    const page = await logs().send(new DescribeResourcePoliciesCommand({ limit: 4 }));
    expect(page.resourcePolicies).toHaveLength(4);
    const rest = await logs().send(new DescribeResourcePoliciesCommand({ limit: 50, nextToken: page.nextToken }));
    expect(rest.resourcePolicies).toHaveLength(6);

    await logs().send(new DeleteResourcePolicyCommand({ policyName: 'route53' }));
    await expectError(logs().send(new DeleteResourcePolicyCommand({ policyName: 'non-existent' })), 'ResourceNotFoundException', 'Policy with name [non-existent] does not exist.');
    expect((await logs().send(new DescribeResourcePoliciesCommand({}))).resourcePolicies?.map((policy) => policy.policyName)).not.toContain('route53');
  });
});

describe.skipIf(!hasAws)('subscription filters through the AWS CLI', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0 } });

  async function aws(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run('aws', ['--endpoint-url', emulator.running.url, 'logs', ...args, '--output', 'json'], { timeout: 30_000, env: clientEnv() });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  }

  it('puts and describes a filter, and reports AWS errors with their codes', async () => {
    await emulator.clients.logs.send(new CreateLogGroupCommand({ logGroupName: '/cli/orders' }));
    await createFunction(emulator.clients.lambda, 'cli-target');
    const put = ['put-subscription-filter', '--log-group-name', '/cli/orders', '--filter-name', 'errors', '--filter-pattern', 'ERROR', '--destination-arn', functionArn('cli-target')];
    const refused = await aws(...put);
    // CLI v1 exits 255 and v2 exits 254 for a service error.
    expect([254, 255], refused.stderr).toContain(refused.code);
    expect(refused.stderr).toContain(`(InvalidParameterException) when calling the PutSubscriptionFilter operation: ${NO_PERMISSION}`);
    await allowLogs(emulator.clients.lambda, 'cli-target', '/cli/orders');
    const accepted = await aws(...put);
    expect(accepted.code, accepted.stderr).toBe(0);
    const described = await aws('describe-subscription-filters', '--log-group-name', '/cli/orders');
    expect(JSON.parse(described.stdout).subscriptionFilters).toEqual([expect.objectContaining({ filterName: 'errors', filterPattern: 'ERROR', destinationArn: functionArn('cli-target'), distribution: 'ByLogStream' })]);
    const both = await aws('describe-log-streams', '--log-group-name', '/cli/orders', '--log-group-identifier', '/cli/orders');
    expect(both.stderr).toContain('(ValidationException) when calling the DescribeLogStreams operation: LogGroup name and LogGroup ARN are mutually exclusive parameters.');
    const gone = await aws('delete-resource-policy', '--policy-name', 'none');
    expect(gone.stderr).toContain('(ResourceNotFoundException) when calling the DeleteResourcePolicy operation: Policy with name [none] does not exist.');
  });
});
