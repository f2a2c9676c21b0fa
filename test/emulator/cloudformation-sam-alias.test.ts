/** AutoPublishAlias on the emulator: the API invokes the alias, new code publishes a new version and moves the alias, the old version stays. */
import { UpdateStackCommand, waitUntilStackUpdateComplete, type Capability } from '@aws-sdk/client-cloudformation';
import { GetAliasCommand, ListVersionsByFunctionCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { cfnClientOf, createAndWait, deleteAndWait, describe as describeStack, eventLines } from './cloudformation-support.ts';

const template = (greeting: string) => `
Transform: AWS::Serverless-2016-10-31
Resources:
  Greeter:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => ({ statusCode: 200, body: '${greeting} from ' + process.env.AWS_LAMBDA_FUNCTION_VERSION });"
      AutoPublishAlias: live
      Events:
        Hello: { Type: HttpApi, Properties: { Path: /hello, Method: get } }
Outputs:
  Url: { Value: !GetAtt ServerlessHttpApi.ApiEndpoint }
  Function: { Value: !Ref Greeter }
  Alias: { Value: !Ref GreeterAliaslive }
`;

describe('SAM AutoPublishAlias', () => {
  const emulator = useEmulator();
  const cfn = cfnClientOf(emulator);
  const capabilities = { Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'] as Capability[] };

  it('serves the alias, and moves it to a new version when the code changes', async () => {
    const stack = await createAndWait(cfn(), 'sam-alias', template('hello'), [], capabilities);
    expect(stack.StackStatus, (await eventLines(cfn(), 'sam-alias')).filter((line) => line.includes('FAILED')).join('\n')).toBe('CREATE_COMPLETE');
    const out = Object.fromEntries(stack.Outputs!.map((item) => [item.OutputKey, item.OutputValue]));
    expect(out.Alias).toMatch(new RegExp(`:function:${out.Function}:live$`));
    expect(await (await fetch(`${out.Url}/hello`)).text()).toBe('hello from 1');

    await cfn().send(new UpdateStackCommand({ StackName: 'sam-alias', TemplateBody: template('welcome'), ...capabilities }));
    await waitUntilStackUpdateComplete({ client: cfn(), maxWaitTime: 60, minDelay: 0.2, maxDelay: 0.5 }, { StackName: 'sam-alias' }).catch(() => undefined);
    const updated = await describeStack(cfn(), 'sam-alias');
    expect(updated.StackStatus, (await eventLines(cfn(), 'sam-alias')).filter((line) => line.includes('FAILED')).join('\n')).toBe('UPDATE_COMPLETE');
    expect((await emulator.clients.lambda.send(new GetAliasCommand({ FunctionName: out.Function, Name: 'live' }))).FunctionVersion).toBe('2');
    expect(await (await fetch(`${out.Url}/hello`)).text()).toBe('welcome from 2');
    const versions = (await emulator.clients.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: out.Function }))).Versions!.map((version) => version.Version);
    expect(versions).toEqual(['$LATEST', '1', '2']);
    expect(await deleteAndWait(cfn(), 'sam-alias')).toBe('DELETE_COMPLETE');
  }, 120_000);
});
