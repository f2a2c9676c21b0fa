import { createHash } from 'node:crypto';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { ECHO_HANDLER, ROLE, createFunction, zipOf } from '../support/lambda.ts';

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function';

describe('Lambda functions through the real SDK', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 0 } });

  it('creates a function and reports it as AWS does', async () => {
    const { lambda } = emulator.clients;
    const zip = zipOf({ 'index.js': ECHO_HANDLER });
    const created = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'orders',
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Role: ROLE,
        Code: { ZipFile: zip },
        Description: 'takes orders',
        Environment: { Variables: { GREETING: 'hello' } },
        Tags: { team: 'shop' },
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created).toMatchObject({
      FunctionName: 'orders',
      FunctionArn: `${ARN}:orders`,
      Runtime: 'nodejs22.x',
      Role: ROLE,
      Handler: 'index.handler',
      CodeSize: zip.length,
      CodeSha256: createHash('sha256').update(zip).digest('base64'),
      Description: 'takes orders',
      Timeout: 3,
      MemorySize: 128,
      Version: '$LATEST',
      Environment: { Variables: { GREETING: 'hello' } },
      PackageType: 'Zip',
      Architectures: ['x86_64'],
    });
    expect(created.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(created.RevisionId).toMatch(/^[0-9a-f-]{36}$/);

    const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'orders' }));
    expect(got.Configuration).toMatchObject({ State: 'Active', LastUpdateStatus: 'Successful', FunctionArn: `${ARN}:orders` });
    expect(got.Tags).toEqual({ team: 'shop' });
    expect(got.Code?.RepositoryType).toBe('S3');
    const download = await fetch(got.Code!.Location!);
    expect(download.status).toBe(200);
    const files = unzipSync(new Uint8Array(await download.arrayBuffer()));
    expect(strFromU8(files['index.js']!)).toBe(ECHO_HANDLER);

    const byArn = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: `${ARN}:orders` }));
    expect(byArn.FunctionName).toBe('orders');
    const byPartialArn = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: '000000000000:function:orders' }));
    expect(byPartialArn.CodeSha256).toBe(created.CodeSha256);
  });

  it('lists functions page by page', async () => {
    const { lambda } = emulator.clients;
    for (const name of ['page-a', 'page-b', 'page-c']) await createFunction(lambda, name);
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await lambda.send(new ListFunctionsCommand({ MaxItems: 2, Marker: marker }));
      expect(page.Functions!.length).toBeLessThanOrEqual(2);
      expect(page.Functions![0]).not.toHaveProperty('State');
      seen.push(...page.Functions!.map((fn) => fn.FunctionName!));
      marker = page.NextMarker;
      pages += 1;
    } while (marker);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(seen).toEqual(expect.arrayContaining(['page-a', 'page-b', 'page-c']));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('updates code and configuration of $LATEST', async () => {
    const { lambda } = emulator.clients;
    await createFunction(lambda, 'updating');
    const newZip = zipOf({ 'index.js': 'exports.handler = async () => 2;' });
    const code = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'updating', ZipFile: newZip }));
    expect(code.CodeSha256).toBe(createHash('sha256').update(newZip).digest('base64'));
    await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 10 }, { FunctionName: 'updating' });
    const config = await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'updating', Timeout: 30, MemorySize: 512, Handler: 'main.run', Environment: { Variables: { MODE: 'fast' } } }),
    );
    expect(config).toMatchObject({ Timeout: 30, MemorySize: 512, Handler: 'main.run', Environment: { Variables: { MODE: 'fast' } }, CodeSha256: code.CodeSha256 });
    expect(config.RevisionId).not.toBe(code.RevisionId);
  });

  it('publishes immutable versions and lists them', async () => {
    const { lambda } = emulator.clients;
    await createFunction(lambda, 'versioned', { Publish: true });
    const v1 = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'versioned', Qualifier: '1' }));
    expect(v1).toMatchObject({ Version: '1', FunctionArn: `${ARN}:versioned:1` });
    const again = await lambda.send(new PublishVersionCommand({ FunctionName: 'versioned' }));
    expect(again.Version).toBe('1');

    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'versioned', Timeout: 9 }));
    await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 10 }, { FunctionName: 'versioned' });
    const v2 = await lambda.send(new PublishVersionCommand({ FunctionName: 'versioned', Description: 'second' }));
    expect(v2.$metadata.httpStatusCode).toBe(201);
    expect(v2).toMatchObject({ Version: '2', Timeout: 9, Description: 'second', FunctionArn: `${ARN}:versioned:2` });
    expect((await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'versioned:1' }))).Timeout).toBe(3);

    const versions = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'versioned' }));
    expect(versions.Versions!.map((version) => version.Version)).toEqual(['$LATEST', '1', '2']);

    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'versioned', Qualifier: '1' }));
    await expect(lambda.send(new GetFunctionCommand({ FunctionName: 'versioned', Qualifier: '1' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('keeps aliases pointing at versions', async () => {
    const { lambda } = emulator.clients;
    await createFunction(lambda, 'aliased', { Publish: true });
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'aliased', Timeout: 5 }));
    await lambda.send(new PublishVersionCommand({ FunctionName: 'aliased' }));
    const alias = await lambda.send(new CreateAliasCommand({ FunctionName: 'aliased', Name: 'live', FunctionVersion: '1', Description: 'prod' }));
    expect(alias.$metadata.httpStatusCode).toBe(201);
    expect(alias).toMatchObject({ AliasArn: `${ARN}:aliased:live`, Name: 'live', FunctionVersion: '1', Description: 'prod' });
    const viaAlias = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'aliased', Qualifier: 'live' }));
    expect(viaAlias).toMatchObject({ Version: '1', FunctionArn: `${ARN}:aliased:live` });

    const moved = await lambda.send(
      new UpdateAliasCommand({ FunctionName: 'aliased', Name: 'live', FunctionVersion: '2', RoutingConfig: { AdditionalVersionWeights: { '1': 0.25 } } }),
    );
    expect(moved).toMatchObject({ FunctionVersion: '2', RoutingConfig: { AdditionalVersionWeights: { '1': 0.25 } } });
    expect(moved.RevisionId).not.toBe(alias.RevisionId);
    await expect(lambda.send(new UpdateAliasCommand({ FunctionName: 'aliased', Name: 'live', RevisionId: alias.RevisionId }))).rejects.toMatchObject({
      name: 'PreconditionFailedException',
      $metadata: { httpStatusCode: 412 },
    });
    await expect(lambda.send(new DeleteFunctionCommand({ FunctionName: 'aliased', Qualifier: '2' }))).rejects.toMatchObject({
      name: 'ResourceConflictException',
    });
    await lambda.send(new CreateAliasCommand({ FunctionName: 'aliased', Name: 'canary', FunctionVersion: '$LATEST' }));
    const listed = await lambda.send(new ListAliasesCommand({ FunctionName: 'aliased' }));
    expect(listed.Aliases!.map((item) => item.Name)).toEqual(['canary', 'live']);
    const onlyTwo = await lambda.send(new ListAliasesCommand({ FunctionName: 'aliased', FunctionVersion: '2' }));
    expect(onlyTwo.Aliases!.map((item) => item.Name)).toEqual(['live']);

    await expect(lambda.send(new CreateAliasCommand({ FunctionName: 'aliased', Name: 'live', FunctionVersion: '1' }))).rejects.toMatchObject({
      name: 'ResourceConflictException',
      message: `Alias already exists: ${ARN}:aliased:live`,
    });
    await expect(lambda.send(new CreateAliasCommand({ FunctionName: 'aliased', Name: 'gone', FunctionVersion: '9' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await lambda.send(new DeleteAliasCommand({ FunctionName: 'aliased', Name: 'canary' }));
    await expect(lambda.send(new GetAliasCommand({ FunctionName: 'aliased', Name: 'canary' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Cannot find alias arn: ${ARN}:aliased:canary`,
    });
  });

  it('deletes a function', async () => {
    const { lambda } = emulator.clients;
    await createFunction(lambda, 'short-lived');
    const deleted = await lambda.send(new DeleteFunctionCommand({ FunctionName: 'short-lived' }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    await expect(lambda.send(new GetFunctionCommand({ FunctionName: 'short-lived' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Function not found: ${ARN}:short-lived`,
      $metadata: { httpStatusCode: 404 },
    });
  });
});

describe('Lambda function states', () => {
  const emulator = useEmulator({ settings: { lambdaStateDelayMs: 400 } });

  it('moves Pending -> Active and InProgress -> Successful, as the SDK waiters expect', async () => {
    const { lambda } = emulator.clients;
    const created = await lambda.send(
      new CreateFunctionCommand({ FunctionName: 'slow', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zipOf({ 'index.js': ECHO_HANDLER }) } }),
    );
    expect(created).toMatchObject({ State: 'Pending', StateReasonCode: 'Creating' });
    await expect(lambda.send(new InvokeCommand({ FunctionName: 'slow' }))).rejects.toMatchObject({
      name: 'ResourceConflictException',
      message: 'The operation cannot be performed at this time. The function is currently in the following state: Pending',
    });
    await expect(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'slow', Timeout: 10 }))).rejects.toMatchObject({
      name: 'ResourceConflictException',
      message: 'The operation cannot be performed at this time. The function is currently in the following state: Pending',
      $metadata: { httpStatusCode: 409 },
    });
    const active = await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 20 }, { FunctionName: 'slow' });
    expect(active.state).toBe('SUCCESS');
    expect((await lambda.send(new GetFunctionCommand({ FunctionName: 'slow' }))).Configuration?.State).toBe('Active');

    const updated = await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'slow', Timeout: 10 }));
    expect(updated).toMatchObject({ State: 'Active', LastUpdateStatus: 'InProgress' });
    await expect(lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'slow', ZipFile: zipOf({ 'index.js': ECHO_HANDLER }) }))).rejects.toMatchObject({
      name: 'ResourceConflictException',
      message: `The operation cannot be performed at this time. An update is in progress for resource: ${ARN}:slow`,
    });
    const done = await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 20 }, { FunctionName: 'slow' });
    expect(done.state).toBe('SUCCESS');
    expect((await lambda.send(new GetFunctionCommand({ FunctionName: 'slow' }))).Configuration?.LastUpdateStatus).toBe('Successful');
  });
});
