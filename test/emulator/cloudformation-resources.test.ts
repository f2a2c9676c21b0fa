/**
 * Every resource type the emulator provisions, created by one stack and deleted with it, each
 * checked through its own service's SDK client: what CloudFormation made is what a client sees.
 */
import { ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeRuleCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetRoleCommand, GetRolePolicyCommand, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { GetFunctionCommand, GetPolicyCommand, InvokeCommand, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateBucketCommand, HeadBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ListSubscriptionsByTopicCommand } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { DescribeStateMachineCommand } from '@aws-sdk/client-sfn';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { sdkConfig } from '../../src/core/sdk-config.ts';
import { resolveTarget } from '../../src/core/target.ts';
import { useEmulator } from '../support/emulator.ts';
import { zipOf } from '../support/lambda.ts';
import { snsClientOf } from './sns-support.ts';
import { cfnClientOf, createAndWait, deleteAndWait, describe as describeStack, eventLines, updateAndWait } from './cloudformation-support.ts';

const TEMPLATE = `
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: res-orders
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      StreamSpecification: { StreamViewType: NEW_IMAGE }
  Queue:
    Type: AWS::SQS::Queue
    Properties: { QueueName: res-queue }
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - { Effect: Allow, Principal: { Service: sns.amazonaws.com }, Action: sqs:SendMessage, Resource: !GetAtt Queue.Arn, Condition: { ArnEquals: { aws:SourceArn: !Ref Topic } } }
  Topic:
    Type: AWS::SNS::Topic
    Properties: { TopicName: res-topic, DisplayName: Orders }
  Subscription:
    Type: AWS::SNS::Subscription
    Properties: { TopicArn: !Ref Topic, Protocol: sqs, Endpoint: !GetAtt Queue.Arn, RawMessageDelivery: true }
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: res-role
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }]
      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]
  Policy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: read-orders
      Roles: [!Ref Role]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - { Effect: Allow, Action: dynamodb:GetItem, Resource: !GetAtt Orders.Arn }
          - { Effect: Allow, Action: [sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes], Resource: !GetAtt Queue.Arn }
  Inline:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: res-inline
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Environment: { Variables: { TABLE: !Ref Orders } }
      Code:
        ZipFile: |
          exports.handler = async () => ({ table: process.env.TABLE });
  FromS3:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Code: { S3Bucket: res-code, S3Key: fn.zip }
  Permission:
    Type: AWS::Lambda::Permission
    Properties: { FunctionName: !Ref Inline, Action: lambda:InvokeFunction, Principal: events.amazonaws.com, SourceArn: !GetAtt Rule.Arn }
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    # Lambda checks the role can read the queue when the mapping is created, as on AWS.
    DependsOn: Policy
    Properties: { FunctionName: !Ref FromS3, EventSourceArn: !GetAtt Queue.Arn, BatchSize: 5 }
  Rule:
    Type: AWS::Events::Rule
    Properties:
      Name: res-rule
      EventPattern: { source: [shop.orders] }
      Targets: [{ Id: inline, Arn: !GetAtt Inline.Arn }]
  Logs:
    Type: AWS::Logs::LogGroup
    Properties: { LogGroupName: /shop/res, RetentionInDays: 7 }
  Bucket:
    Type: AWS::S3::Bucket
    Properties: { Tags: [{ Key: team, Value: shop }] }
  Parameter:
    Type: AWS::SSM::Parameter
    Properties: { Name: /shop/res/table, Type: String, Value: !Ref Orders }
  CDKMetadata:
    Type: AWS::CDK::Metadata
    Properties: { Analytics: v2:deflate64:abc }
Outputs:
  Bucket: { Value: !Ref Bucket }
  StreamArn: { Value: !GetAtt Orders.StreamArn }
`;

describe('CloudFormation resource types', () => {
  const emulator = useEmulator();
  const cfn = cfnClientOf(emulator);
  const sns = snsClientOf(emulator);

  it('creates each type through its service, and deletes every one with the stack', async () => {
    const { clients } = emulator;
    const ssm = new SSMClient(sdkConfig(resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: emulator.running.url } })));
    try {
      await clients.s3.send(new CreateBucketCommand({ Bucket: 'res-code' }));
      await clients.s3.send(new PutObjectCommand({ Bucket: 'res-code', Key: 'fn.zip', Body: zipOf({ 'index.js': 'exports.handler = async () => "from s3";' }) }));
      const stack = await createAndWait(cfn(), 'resources', TEMPLATE);
      expect(stack.StackStatus, (await eventLines(cfn(), 'resources')).filter((line) => line.includes('FAILED')).join('\n')).toBe('CREATE_COMPLETE');
      const outputs = Object.fromEntries(stack.Outputs!.map((output) => [output.OutputKey, output.OutputValue!]));
      const physical = Object.fromEntries((await cfn().send(new ListStackResourcesCommand({ StackName: 'resources' }))).StackResourceSummaries!.map((item) => [item.LogicalResourceId, item.PhysicalResourceId!]));

      const table = (await clients.dynamodb.send(new DescribeTableCommand({ TableName: 'res-orders' }))).Table!;
      expect(outputs.StreamArn).toBe(table.LatestStreamArn);
      const { Attributes } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: physical.Queue, AttributeNames: ['Policy'] }));
      expect(JSON.parse(Attributes!.Policy!).Statement[0].Condition.ArnEquals['aws:SourceArn']).toBe(physical.Topic);
      const subscriptions = (await sns().send(new ListSubscriptionsByTopicCommand({ TopicArn: physical.Topic }))).Subscriptions!;
      expect(subscriptions.map((item) => item.SubscriptionArn)).toEqual([physical.Subscription]);
      const role = (await clients.iam.send(new GetRoleCommand({ RoleName: 'res-role' }))).Role!;
      expect(role.Arn).toBe('arn:aws:iam::000000000000:role/res-role');
      expect((await clients.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'res-role' }))).AttachedPolicies!.map((item) => item.PolicyName)).toEqual(['AWSLambdaBasicExecutionRole']);
      expect(decodeURIComponent((await clients.iam.send(new GetRolePolicyCommand({ RoleName: 'res-role', PolicyName: 'read-orders' }))).PolicyDocument!)).toContain(table.TableArn!);
      const inline = await clients.lambda.send(new InvokeCommand({ FunctionName: 'res-inline' }));
      expect(JSON.parse(Buffer.from(inline.Payload!).toString())).toEqual({ table: 'res-orders' });
      const fromS3 = await clients.lambda.send(new InvokeCommand({ FunctionName: physical.FromS3 }));
      expect(JSON.parse(Buffer.from(fromS3.Payload!).toString())).toBe('from s3');
      expect(physical.FromS3).toMatch(/^resources-FromS3-[A-Z0-9]{13}$/);
      const policy = JSON.parse((await clients.lambda.send(new GetPolicyCommand({ FunctionName: 'res-inline' }))).Policy!);
      expect(policy.Statement[0]).toMatchObject({ Sid: physical.Permission, Principal: { Service: 'events.amazonaws.com' } });
      const mappings = (await clients.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: physical.FromS3 }))).EventSourceMappings!;
      expect(mappings.map((item) => [item.UUID, item.BatchSize])).toEqual([[physical.Mapping, 5]]);
      expect((await clients.eventbridge.send(new DescribeRuleCommand({ Name: 'res-rule' }))).EventPattern).toBe('{"source":["shop.orders"]}');
      expect((await clients.eventbridge.send(new ListTargetsByRuleCommand({ Rule: 'res-rule' }))).Targets!.map((item) => item.Arn)).toEqual(['arn:aws:lambda:us-east-1:000000000000:function:res-inline']);
      expect((await clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/shop/res' }))).logGroups!.map((item) => item.retentionInDays)).toEqual([7]);
      expect(outputs.Bucket).toMatch(/^resources-bucket-[a-z0-9]{13}$/);
      await clients.s3.send(new HeadBucketCommand({ Bucket: outputs.Bucket }));
      expect((await ssm.send(new GetParameterCommand({ Name: '/shop/res/table' }))).Parameter!.Value).toBe('res-orders');

      expect(await deleteAndWait(cfn(), 'resources')).toBe('DELETE_COMPLETE');
      const gone = (work: Promise<unknown>) => expect(work).rejects.toThrow();
      await gone(clients.dynamodb.send(new DescribeTableCommand({ TableName: 'res-orders' })));
      await gone(clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: physical.Queue, AttributeNames: ['All'] })));
      await gone(sns().send(new ListSubscriptionsByTopicCommand({ TopicArn: physical.Topic })));
      await gone(clients.iam.send(new GetRoleCommand({ RoleName: 'res-role' })));
      await gone(clients.lambda.send(new GetFunctionCommand({ FunctionName: 'res-inline' })));
      await gone(clients.lambda.send(new GetFunctionCommand({ FunctionName: physical.FromS3 })));
      await gone(clients.eventbridge.send(new DescribeRuleCommand({ Name: 'res-rule' })));
      expect((await clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/shop/res' }))).logGroups).toEqual([]);
      await gone(clients.s3.send(new HeadBucketCommand({ Bucket: outputs.Bucket })));
      await gone(ssm.send(new GetParameterCommand({ Name: '/shop/res/table' })));
      expect((await clients.lambda.send(new ListEventSourceMappingsCommand({}))).EventSourceMappings).toEqual([]);
      const events = await eventLines(cfn(), (await describeStack(cfn(), stack.StackId!)).StackId!);
      for (const id of Object.keys(physical)) expect(events, id).toContain(`${id} DELETE_COMPLETE`);
    } finally {
      ssm.destroy();
    }
  }, 90_000);

  it("fails a function whose S3 code is missing with Lambda's own error", async () => {
    const template = JSON.stringify({ Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', Role: 'arn:aws:iam::000000000000:role/r', Code: { S3Bucket: 'res-code', S3Key: 'missing.zip' } } } } });
    const stack = await createAndWait(cfn(), 'no-code', template);
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    expect((await eventLines(cfn(), 'no-code')).find((line) => line.startsWith('Fn CREATE_FAILED'))).toContain('Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.');
    const unknownProperty = JSON.stringify({ Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { CorsConfiguration: { CorsRules: [] } } } } });
    await createAndWait(cfn(), 'unknown-property', unknownProperty);
    expect((await eventLines(cfn(), 'unknown-property')).find((line) => line.startsWith('B CREATE_FAILED'))).toContain('Property CorsConfiguration of AWS::S3::Bucket is not supported by the workshop emulator');
  }, 60_000);
  it('makes state machines and secrets, updates them in place and deletes them', async () => {
    const secrets = new SecretsManagerClient(sdkConfig(resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: emulator.running.url } })));
    const template = (result: string, password: string) => JSON.stringify({
      Resources: {
        Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: 'arn:aws:iam::000000000000:role/sfn', DefinitionSubstitutions: { Result: result }, Definition: { StartAt: 'Done', States: { Done: { Type: 'Pass', Result: '${Result}', End: true } } } } },
        Fixed: { Type: 'AWS::SecretsManager::Secret', Properties: { Name: 'shop/db', SecretString: password } },
        Generated: { Type: 'AWS::SecretsManager::Secret', Properties: { GenerateSecretString: { SecretStringTemplate: '{"user":"shop"}', GenerateStringKey: 'password', PasswordLength: 20, ExcludePunctuation: true } } },
      },
      Outputs: { Machine: { Value: { Ref: 'Machine' } }, Name: { Value: { 'Fn::GetAtt': ['Machine', 'Name'] } }, Generated: { Value: { Ref: 'Generated' } } },
    });
    try {
      const stack = await createAndWait(cfn(), 'flows', template('one', 'first'));
      expect(stack.StackStatus, (await eventLines(cfn(), 'flows')).filter((line) => line.includes('FAILED')).join('\n')).toBe('CREATE_COMPLETE');
      const outputs = Object.fromEntries(stack.Outputs!.map((output) => [output.OutputKey, output.OutputValue!]));
      expect(outputs.Machine).toBe(`arn:aws:states:us-east-1:000000000000:stateMachine:${outputs.Name}`);
      const definition = async () => JSON.parse((await emulator.clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: outputs.Machine }))).definition!);
      expect((await definition()).States.Done.Result).toBe('one');
      expect((await secrets.send(new GetSecretValueCommand({ SecretId: 'shop/db' }))).SecretString).toBe('first');
      const generated = JSON.parse((await secrets.send(new GetSecretValueCommand({ SecretId: outputs.Generated }))).SecretString!);
      expect(generated.user).toBe('shop');
      expect(generated.password).toMatch(/^[A-Za-z0-9]{20}$/);

      expect((await updateAndWait(cfn(), 'flows', template('two', 'second'))).StackStatus).toBe('UPDATE_COMPLETE');
      expect((await definition()).States.Done.Result).toBe('two');
      expect((await secrets.send(new GetSecretValueCommand({ SecretId: 'shop/db' }))).SecretString).toBe('second');
      expect(JSON.parse((await secrets.send(new GetSecretValueCommand({ SecretId: outputs.Generated }))).SecretString!).password).toBe(generated.password);

      expect(await deleteAndWait(cfn(), 'flows')).toBe('DELETE_COMPLETE');
      await expect(emulator.clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: outputs.Machine }))).rejects.toThrow();
      await expect(secrets.send(new GetSecretValueCommand({ SecretId: 'shop/db' }))).rejects.toThrow();
    } finally {
      secrets.destroy();
    }
  }, 60_000);
  it('serves an HTTP API made of an Api, an Integration, a Route and a Stage', async () => {
    const template = `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Code: { ZipFile: "exports.handler = async (event) => ({ statusCode: 200, body: 'hello ' + event.rawPath });" }
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: shop-api, ProtocolType: HTTP }
  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties: { ApiId: !Ref Api, IntegrationType: AWS_PROXY, IntegrationUri: !GetAtt Fn.Arn, PayloadFormatVersion: '2.0' }
  Route:
    Type: AWS::ApiGatewayV2::Route
    Properties: { ApiId: !Ref Api, RouteKey: 'GET /orders', Target: !Sub 'integrations/\${Integration}' }
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties: { ApiId: !Ref Api, StageName: $default, AutoDeploy: true }
  Permission:
    Type: AWS::Lambda::Permission
    Properties: { FunctionName: !Ref Fn, Action: lambda:InvokeFunction, Principal: apigateway.amazonaws.com, SourceArn: !Sub 'arn:aws:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${Api}/*' }
Outputs:
  Url: { Value: !GetAtt Api.ApiEndpoint }
`;
    const stack = await createAndWait(cfn(), 'http', template);
    expect(stack.StackStatus, (await eventLines(cfn(), 'http')).filter((line) => line.includes('FAILED')).join('\n')).toBe('CREATE_COMPLETE');
    const url = stack.Outputs!.find((output) => output.OutputKey === 'Url')!.OutputValue!;
    const answer = await fetch(`${url}/orders`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('hello /orders');
    expect(await deleteAndWait(cfn(), 'http')).toBe('DELETE_COMPLETE');
    expect((await fetch(`${url}/orders`)).status).not.toBe(200);
  }, 60_000);
});
