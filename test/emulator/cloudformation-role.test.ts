/**
 * A stack's service role (RoleARN) through the SDK v3 client: a role that does not trust
 * CloudFormation is refused at once, and with a trusted role every resource is made as the role,
 * so a role without iam:CreateRole fails the stack with IAM's refusal in the events and rolls back.
 */
import { CreateChangeSetCommand, CreateStackCommand, DescribeChangeSetCommand, ExecuteChangeSetCommand, waitUntilStackCreateComplete } from '@aws-sdk/client-cloudformation';
import { CreateRoleCommand, GetRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { eventually } from '../support/eventually.ts';
import { cfnClientOf, createAndWait, deleteAndWait, describe as describeStack, eventLines, json } from './cloudformation-support.ts';

const ACCOUNT = '000000000000';
const trust = (service: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });

/** A queue named `queue` and a role named `role`: what the stack role's policies are tried on. */
const queueAndRole = (queue: string, role: string) => json({
  Resources: {
    Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: queue } },
    R: { Type: 'AWS::IAM::Role', DependsOn: 'Q', Properties: { RoleName: role, AssumeRolePolicyDocument: JSON.parse(trust('lambda.amazonaws.com')) } },
  },
});

describe('CloudFormation service roles (RoleARN)', () => {
  const emulator = useEmulator();
  const cfn = cfnClientOf(emulator);

  async function role(name: string, trusted: string, actions: string[]): Promise<string> {
    const arn = (await emulator.clients.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust(trusted) }))).Role!.Arn!;
    await emulator.clients.iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'stack', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] }) }));
    return arn;
  }

  it('refuses a role that does not exist or does not trust cloudformation.amazonaws.com, before making anything', async () => {
    const lambdaRole = await role('trusts-lambda', 'lambda.amazonaws.com', ['*']);
    for (const roleArn of [lambdaRole, `arn:aws:iam::${ACCOUNT}:role/no-such-role`]) {
      await expect(cfn().send(new CreateStackCommand({ StackName: 'untrusted', TemplateBody: queueAndRole('q-untrusted', 'r-untrusted'), RoleARN: roleArn, Capabilities: ['CAPABILITY_NAMED_IAM'] })))
        .rejects.toMatchObject({ name: 'ValidationError', message: `Role ${roleArn} is invalid or cannot be assumed` });
      await expect(cfn().send(new CreateChangeSetCommand({ StackName: 'untrusted', ChangeSetName: 'c', ChangeSetType: 'CREATE', TemplateBody: queueAndRole('q-untrusted', 'r-untrusted'), RoleARN: roleArn, Capabilities: ['CAPABILITY_NAMED_IAM'] })))
        .rejects.toMatchObject({ name: 'ValidationError', message: `Role ${roleArn} is invalid or cannot be assumed` });
    }
    await expect(emulator.clients.sqs.send(new GetQueueUrlCommand({ QueueName: 'q-untrusted' }))).rejects.toMatchObject({ name: expect.stringMatching(/QueueDoesNotExist|NonExistentQueue/) });
  });

  it('makes the resources as the role: without iam:CreateRole the role resource fails with IAM\'s refusal, and the stack rolls back', async () => {
    const roleArn = await role('stack-sqs-only', 'cloudformation.amazonaws.com', ['sqs:*']);
    const stack = await createAndWait(cfn(), 'sqs-only', queueAndRole('q-sqs-only', 'r-sqs-only'), [], { RoleARN: roleArn });
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    expect(stack.RoleARN).toBe(roleArn);
    const events = await eventLines(cfn(), 'sqs-only');
    const failed = events.find((line) => line.startsWith('R CREATE_FAILED'));
    expect(failed).toContain(`User: arn:aws:sts::${ACCOUNT}:assumed-role/stack-sqs-only/AWSCloudFormation is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::${ACCOUNT}:role/r-sqs-only`);
    expect(failed).toContain('HandlerErrorCode: AccessDenied');
    // The queue the role could make was made, then deleted by the rollback.
    expect(events).toEqual(expect.arrayContaining(['Q CREATE_COMPLETE', 'Q DELETE_COMPLETE']));
    await expect(emulator.clients.sqs.send(new GetQueueUrlCommand({ QueueName: 'q-sqs-only' }))).rejects.toMatchObject({ name: expect.stringMatching(/QueueDoesNotExist|NonExistentQueue/) });
    await expect(emulator.clients.iam.send(new GetRoleCommand({ RoleName: 'r-sqs-only' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  }, 60_000);

  it('a role allowed what the template makes deploys it; the stack keeps its role', async () => {
    const roleArn = await role('stack-full', 'cloudformation.amazonaws.com', ['sqs:*', 'iam:*']);
    const stack = await createAndWait(cfn(), 'full', queueAndRole('q-full', 'r-full'), [], { RoleARN: roleArn });
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(stack.RoleARN).toBe(roleArn);
    expect((await emulator.clients.iam.send(new GetRoleCommand({ RoleName: 'r-full' }))).Role!.RoleName).toBe('r-full');
    expect(await deleteAndWait(cfn(), 'full')).toBe('DELETE_COMPLETE');
  }, 60_000);

  it('a change set runs as its RoleARN: a role without sqs:CreateQueue fails the queue with SQS\'s refusal', async () => {
    const roleArn = await role('stack-iam-only', 'cloudformation.amazonaws.com', ['iam:*']);
    const { Id } = await cfn().send(new CreateChangeSetCommand({ StackName: 'by-change-set', ChangeSetName: 'first', ChangeSetType: 'CREATE', TemplateBody: queueAndRole('q-cs', 'r-cs'), RoleARN: roleArn, Capabilities: ['CAPABILITY_NAMED_IAM'] }));
    await eventually(async () => expect((await cfn().send(new DescribeChangeSetCommand({ ChangeSetName: Id }))).Status).toBe('CREATE_COMPLETE'));
    await cfn().send(new ExecuteChangeSetCommand({ ChangeSetName: Id }));
    await waitUntilStackCreateComplete({ client: cfn(), maxWaitTime: 60, minDelay: 0.2, maxDelay: 0.5 }, { StackName: 'by-change-set' }).catch(() => undefined);
    const stack = await describeStack(cfn(), 'by-change-set');
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    expect(stack.RoleARN).toBe(roleArn);
    const failed = (await eventLines(cfn(), 'by-change-set')).find((line) => line.startsWith('Q CREATE_FAILED'));
    expect(failed).toContain(`is not authorized to perform: sqs:CreateQueue on resource: arn:aws:sqs:us-east-1:${ACCOUNT}:q-cs`);
  }, 60_000);
});
