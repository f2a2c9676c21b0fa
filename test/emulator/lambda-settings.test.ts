import {
  AddPermissionCommand,
  CreateAliasCommand,
  DeleteFunctionConcurrencyCommand,
  DeleteFunctionEventInvokeConfigCommand,
  GetAccountSettingsCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionEventInvokeConfigCommand,
  GetPolicyCommand,
  ListTagsCommand,
  PutFunctionConcurrencyCommand,
  PutFunctionEventInvokeConfigCommand,
  RemovePermissionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFunctionEventInvokeConfigCommand,
} from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { functionPolicyAllows } from '../../src/emulator/services/lambda/policy.ts';
import { useEmulator } from '../support/emulator.ts';
import { createFunction } from '../support/lambda.ts';

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function';
const RULE = 'arn:aws:events:us-east-1:000000000000:rule/order-placed';

describe('Lambda resource policies, event invoke configs, concurrency and tags', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0 } });

  it('adds, shows and removes permissions in AWS policy form', async () => {
    const { lambda } = emulator.clients;
    await createFunction(lambda, 'target');
    await expect(lambda.send(new GetPolicyCommand({ FunctionName: 'target' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
    const added = await lambda.send(
      new AddPermissionCommand({
        FunctionName: 'target',
        StatementId: 'events-invoke',
        Action: 'lambda:InvokeFunction',
        Principal: 'events.amazonaws.com',
        SourceArn: RULE,
        SourceAccount: '000000000000',
      }),
    );
    expect(added.$metadata.httpStatusCode).toBe(201);
    const statement = {
      Sid: 'events-invoke',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: `${ARN}:target`,
      Condition: { StringEquals: { 'AWS:SourceAccount': '000000000000' }, ArnLike: { 'AWS:SourceArn': RULE } },
    };
    expect(JSON.parse(added.Statement!)).toEqual(statement);
    await lambda.send(new AddPermissionCommand({ FunctionName: 'target', StatementId: 'account', Action: 'lambda:*', Principal: '111122223333' }));
    const policy = await lambda.send(new GetPolicyCommand({ FunctionName: 'target' }));
    expect(JSON.parse(policy.Policy!)).toEqual({
      Version: '2012-10-17',
      Id: 'default',
      Statement: [statement, { Sid: 'account', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'lambda:*', Resource: `${ARN}:target` }],
    });
    expect(policy.RevisionId).toBeTruthy();

    await expect(
      lambda.send(new AddPermissionCommand({ FunctionName: 'target', StatementId: 'events-invoke', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com' })),
    ).rejects.toMatchObject({ name: 'ResourceConflictException', $metadata: { httpStatusCode: 409 } });
    await expect(
      lambda.send(new AddPermissionCommand({ FunctionName: 'target', StatementId: 'bad', Action: 'lambda:InvokeFunction', Principal: 'not a principal' })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 } });

    const scope = { account: '000000000000', region: 'us-east-1' };
    const core = emulator.running.emulator;
    expect(await functionPolicyAllows(core, scope, 'target', { principal: 'events.amazonaws.com', sourceArn: RULE })).toBe(true);
    expect(await functionPolicyAllows(core, scope, 'target', { principal: 'events.amazonaws.com', sourceArn: `${RULE}-other` })).toBe(false);
    expect(await functionPolicyAllows(core, scope, 'target', { principal: 'sqs.amazonaws.com', sourceArn: RULE })).toBe(false);
    expect(await functionPolicyAllows(core, scope, 'no-such-function', { principal: 'events.amazonaws.com', sourceArn: RULE })).toBe(false);

    await lambda.send(new RemovePermissionCommand({ FunctionName: 'target', StatementId: 'events-invoke' }));
    expect(await functionPolicyAllows(core, scope, `${ARN}:target`, { principal: 'events.amazonaws.com', sourceArn: RULE })).toBe(false);
    await expect(lambda.send(new RemovePermissionCommand({ FunctionName: 'target', StatementId: 'events-invoke' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('keeps a separate policy per alias', async () => {
    const { lambda } = emulator.clients;
    await createFunction(lambda, 'aliased-target', { Publish: true });
    await lambda.send(new CreateAliasCommand({ FunctionName: 'aliased-target', Name: 'live', FunctionVersion: '1' }));
    const added = await lambda.send(
      new AddPermissionCommand({ FunctionName: 'aliased-target', Qualifier: 'live', StatementId: 's', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com' }),
    );
    expect(JSON.parse(added.Statement!).Resource).toBe(`${ARN}:aliased-target:live`);
    await expect(lambda.send(new GetPolicyCommand({ FunctionName: 'aliased-target' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const scope = { account: '000000000000', region: 'us-east-1' };
    expect(await functionPolicyAllows(emulator.running.emulator, scope, `${ARN}:aliased-target:live`, { principal: 'events.amazonaws.com' })).toBe(true);
  });

  it('stores event invoke configs with AWS defaults and limits', async () => {
    const { lambda } = emulator.clients;
    await createFunction(lambda, 'async-target');
    await expect(lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'async-target' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `The function ${ARN}:async-target:$LATEST doesn't have an EventInvokeConfig`,
    });
    const put = await lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: 'async-target',
        MaximumRetryAttempts: 0,
        DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:failed-orders' } },
      }),
    );
    expect(put).toMatchObject({
      FunctionArn: `${ARN}:async-target:$LATEST`,
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnSuccess: {}, OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:failed-orders' } },
    });
    expect(put.LastModified).toBeInstanceOf(Date);
    const updated = await lambda.send(new UpdateFunctionEventInvokeConfigCommand({ FunctionName: 'async-target', MaximumEventAgeInSeconds: 120 }));
    expect(updated).toMatchObject({ MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 120 });
    expect(updated.DestinationConfig?.OnFailure?.Destination).toBe('arn:aws:sqs:us-east-1:000000000000:failed-orders');

    await expect(lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'async-target', MaximumRetryAttempts: 3 }))).rejects.toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'async-target', MaximumEventAgeInSeconds: 59 }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'async-target' }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'You must specify at least one of error handling or destination setting.',
    });
    await expect(
      lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'async-target', DestinationConfig: { OnSuccess: { Destination: `${ARN}:async-target` } } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    await lambda.send(new DeleteFunctionEventInvokeConfigCommand({ FunctionName: 'async-target' }));
    await expect(lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'async-target' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });

  it('reserves concurrency and reports account settings', async () => {
    const { lambda } = emulator.clients;
    await createFunction(lambda, 'reserved');
    const before = await lambda.send(new GetAccountSettingsCommand({}));
    expect(before.AccountLimit).toMatchObject({ ConcurrentExecutions: 1000, CodeSizeUnzipped: 262144000, CodeSizeZipped: 52428800 });
    expect(before.AccountUsage?.FunctionCount).toBeGreaterThanOrEqual(1);
    expect(before.AccountUsage?.TotalCodeSize).toBeGreaterThan(0);

    expect(await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'reserved' }))).not.toHaveProperty('ReservedConcurrentExecutions');
    const put = await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'reserved', ReservedConcurrentExecutions: 50 }));
    expect(put.ReservedConcurrentExecutions).toBe(50);
    expect((await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'reserved' }))).ReservedConcurrentExecutions).toBe(50);
    expect((await lambda.send(new GetFunctionCommand({ FunctionName: 'reserved' }))).Concurrency).toEqual({ ReservedConcurrentExecutions: 50 });
    const after = await lambda.send(new GetAccountSettingsCommand({}));
    expect(after.AccountLimit?.UnreservedConcurrentExecutions).toBe(before.AccountLimit!.UnreservedConcurrentExecutions! - 50);

    await expect(lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'reserved', ReservedConcurrentExecutions: 950 }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].",
    });
    await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'reserved' }));
    expect((await lambda.send(new GetAccountSettingsCommand({}))).AccountLimit?.UnreservedConcurrentExecutions).toBe(before.AccountLimit!.UnreservedConcurrentExecutions);
  });

  it('tags functions by ARN', async () => {
    const { lambda } = emulator.clients;
    await createFunction(lambda, 'tagged', { Tags: { stage: 'dev' } });
    const resource = `${ARN}:tagged`;
    await lambda.send(new TagResourceCommand({ Resource: resource, Tags: { owner: 'shop', stage: 'prod' } }));
    expect((await lambda.send(new ListTagsCommand({ Resource: resource }))).Tags).toEqual({ owner: 'shop', stage: 'prod' });
    await lambda.send(new UntagResourceCommand({ Resource: resource, TagKeys: ['owner'] }));
    expect((await lambda.send(new ListTagsCommand({ Resource: resource }))).Tags).toEqual({ stage: 'prod' });
    await expect(lambda.send(new TagResourceCommand({ Resource: `${resource}:1`, Tags: { a: 'b' } }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
    });
    await expect(lambda.send(new ListTagsCommand({ Resource: `${ARN}:nobody` }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
