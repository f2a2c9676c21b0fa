/** The SAM transform's event sources, HTTP APIs, state machines and tables, with the logical ids SAM's "generated resources" pages give. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadYamlParser, parseTemplate } from '../../src/emulator/services/cloudformation/template.ts';

const sam = (body: string) => parseTemplate(`Transform: AWS::Serverless-2016-10-31\n${body}`);
const fn = (events: string, extra = '') => `
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: x
${extra}      Events:
${events}`;

describe('SAM function events', () => {
  beforeAll(loadYamlParser);

  it('SQS and DynamoDB events become <Fn><Event> event source mappings and add the poller managed policies', () => {
    const template = sam(fn(`
        Orders: { Type: SQS, Properties: { Queue: !GetAtt Queue.Arn, BatchSize: 5, FunctionResponseTypes: [ReportBatchItemFailures] } }
        Changes: { Type: DynamoDB, Properties: { Stream: !GetAtt Table.StreamArn, StartingPosition: TRIM_HORIZON, DestinationConfig: { OnFailure: { Type: SQS, Destination: !GetAtt Dlq.Arn } } } }
`));
    expect(template.Resources.WorkerOrders).toEqual({
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: { EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] }, FunctionName: { Ref: 'Worker' }, BatchSize: 5, FunctionResponseTypes: ['ReportBatchItemFailures'] },
    });
    expect(template.Resources.WorkerChanges!.Properties).toEqual({
      EventSourceArn: { 'Fn::GetAtt': ['Table', 'StreamArn'] }, FunctionName: { Ref: 'Worker' }, StartingPosition: 'TRIM_HORIZON', DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['Dlq', 'Arn'] } } },
    });
    expect(template.Resources.WorkerRole!.Properties!.ManagedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole',
    ]);
  });

  it('SNS, EventBridgeRule and Schedule events become a subscription or rule plus <Fn><Event>Permission', () => {
    const template = sam(fn(`
        Paid: { Type: SNS, Properties: { Topic: !Ref Topic, FilterPolicy: { kind: [paid] } } }
        Placed: { Type: EventBridgeRule, Properties: { EventBusName: shop, Pattern: { source: [shop.orders] }, InputPath: $.detail } }
        Nightly: { Type: Schedule, Properties: { Schedule: rate(1 day), Enabled: false, Input: '{"report":true}' } }
`));
    expect(template.Resources.WorkerPaid).toEqual({ Type: 'AWS::SNS::Subscription', Properties: { Endpoint: { 'Fn::GetAtt': ['Worker', 'Arn'] }, Protocol: 'lambda', TopicArn: { Ref: 'Topic' }, FilterPolicy: { kind: ['paid'] } } });
    expect(template.Resources.WorkerPaidPermission).toEqual({ Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'Worker' }, Principal: 'sns.amazonaws.com', SourceArn: { Ref: 'Topic' } } });
    expect(template.Resources.WorkerPlaced).toEqual({
      Type: 'AWS::Events::Rule',
      Properties: { EventPattern: { source: ['shop.orders'] }, EventBusName: 'shop', Targets: [{ Arn: { 'Fn::GetAtt': ['Worker', 'Arn'] }, Id: 'WorkerPlacedLambdaTarget', InputPath: '$.detail' }] },
    });
    expect(template.Resources.WorkerPlacedPermission!.Properties).toMatchObject({ Principal: 'events.amazonaws.com', SourceArn: { 'Fn::GetAtt': ['WorkerPlaced', 'Arn'] } });
    expect(template.Resources.WorkerNightly!.Properties).toEqual({ ScheduleExpression: 'rate(1 day)', State: 'DISABLED', Targets: [{ Arn: { 'Fn::GetAtt': ['Worker', 'Arn'] }, Id: 'WorkerNightlyLambdaTarget', Input: '{"report":true}' }] });
    expect(template.Resources.WorkerNightlyPermission!.Properties!.Principal).toBe('events.amazonaws.com');
  });

  it('HttpApi events without ApiId build the implicit ServerlessHttpApi, its $default stage and a permission per route', () => {
    const template = sam(fn(`
        List: { Type: HttpApi, Properties: { Path: /orders, Method: get } }
        One: { Type: HttpApi, Properties: { Path: '/orders/{id}', Method: ANY } }
`));
    expect(Object.keys(template.Resources).sort()).toEqual(['ServerlessHttpApi', 'ServerlessHttpApiApiGatewayDefaultStage', 'Worker', 'WorkerListPermission', 'WorkerOnePermission', 'WorkerRole']);
    const integration = { httpMethod: 'POST', type: 'aws_proxy', uri: { 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Worker.Arn}/invocations' }, payloadFormatVersion: '2.0' };
    expect(template.Resources.ServerlessHttpApi).toEqual({
      Type: 'AWS::ApiGatewayV2::Api',
      Properties: {
        Body: {
          openapi: '3.0.1',
          info: { version: '1.0', title: { Ref: 'AWS::StackName' } },
          paths: { '/orders': { get: { 'x-amazon-apigateway-integration': integration, responses: {} } }, '/orders/{id}': { 'x-amazon-apigateway-any-method': { 'x-amazon-apigateway-integration': integration, responses: {} } } },
          tags: [{ name: 'httpapi:createdBy', 'x-amazon-apigateway-tag-value': 'SAM' }],
        },
      },
    });
    expect(template.Resources.ServerlessHttpApiApiGatewayDefaultStage).toEqual({ Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'ServerlessHttpApi' }, StageName: '$default', AutoDeploy: true, Tags: { 'httpapi:createdBy': 'SAM' } } });
    const arn = (resource: string) => ({ 'Fn::Sub': [`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:${resource}`, { __ApiId__: { Ref: 'ServerlessHttpApi' }, __Stage__: '*' }] });
    expect(template.Resources.WorkerListPermission).toEqual({ Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'Worker' }, Principal: 'apigateway.amazonaws.com', SourceArn: arn('${__ApiId__}/${__Stage__}/GET/orders') } });
    expect(template.Resources.WorkerOnePermission!.Properties!.SourceArn).toEqual(arn('${__ApiId__}/${__Stage__}/*/orders/*'));
  });

  it('an explicit AWS::Serverless::HttpApi takes the routes of events that name it, its stage and CORS', () => {
    const template = sam(`
Globals:
  HttpApi: { CorsConfiguration: { AllowOrigins: ['https://shop.example'] } }
${fn(`
        Create: { Type: HttpApi, Properties: { ApiId: !Ref ShopApi, Path: /orders, Method: post, PayloadFormatVersion: '1.0' } }
`).replace('Resources:\n', `Resources:
  ShopApi:
    Type: AWS::Serverless::HttpApi
    Properties: { StageName: prod, Tags: { app: shop } }
`)}`);
    expect(template.Resources.ServerlessHttpApi).toBeUndefined();
    const body = template.Resources.ShopApi!.Properties!.Body as Record<string, any>;
    expect(body.paths['/orders'].post['x-amazon-apigateway-integration'].payloadFormatVersion).toBe('1.0');
    expect(body['x-amazon-apigateway-cors']).toEqual({ allowOrigins: ['https://shop.example'] });
    expect(body.tags).toEqual([{ name: 'httpapi:createdBy', 'x-amazon-apigateway-tag-value': 'SAM' }, { name: 'app', 'x-amazon-apigateway-tag-value': 'shop' }]);
    expect(template.Resources.ShopApiprodStage!.Properties).toEqual({ ApiId: { Ref: 'ShopApi' }, StageName: 'prod', AutoDeploy: true, Tags: { 'httpapi:createdBy': 'SAM', app: 'shop' } });
    expect(() => sam(fn(`
        Create: { Type: HttpApi, Properties: { ApiId: !Ref Nowhere, Path: /orders, Method: post } }
`))).toThrow(/ApiId must be a valid reference to an 'AWS::Serverless::HttpApi' resource in same template/);
  });

  it('refuses event types it does not expand, by name', () => {
    expect(() => sam(fn(`
        Rest: { Type: Api, Properties: { Path: /orders, Method: get } }
`))).toThrow(/Event 'Rest' of type Api is not supported.*use Type HttpApi/);
    expect(() => sam(fn(`
        Upload: { Type: S3, Properties: { Bucket: !Ref B, Events: s3:ObjectCreated:* } }
`))).toThrow(/Event 'Upload' of type 'S3' is not supported.*Supported event types: SQS, DynamoDB, SNS, EventBridgeRule, Schedule, HttpApi/);
  });
});

describe('SAM state machines and tables', () => {
  beforeAll(loadYamlParser);

  it('a StateMachine becomes AWS::StepFunctions::StateMachine with <Machine>Role trusted by Step Functions', () => {
    const template = sam(`
Resources:
  Checkout:
    Type: AWS::Serverless::StateMachine
    Properties:
      Name: checkout
      Definition: { StartAt: Pay, States: { Pay: { Type: Task, Resource: '\${PayArn}', End: true } } }
      DefinitionSubstitutions: { PayArn: !GetAtt Pay.Arn }
      Policies: [{ LambdaInvokePolicy: { FunctionName: !Ref Pay } }]
`);
    expect(template.Resources.Checkout).toEqual({
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        Definition: { StartAt: 'Pay', States: { Pay: { Type: 'Task', Resource: '${PayArn}', End: true } } },
        DefinitionSubstitutions: { PayArn: { 'Fn::GetAtt': ['Pay', 'Arn'] } },
        RoleArn: { 'Fn::GetAtt': ['CheckoutRole', 'Arn'] },
        StateMachineName: 'checkout',
        Tags: [{ Key: 'stateMachine:createdBy', Value: 'SAM' }],
      },
    });
    const role = template.Resources.CheckoutRole!.Properties!;
    expect(role.AssumeRolePolicyDocument).toEqual({ Version: '2012-10-17', Statement: [{ Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['states.amazonaws.com'] } }] });
    expect(role.Policies).toEqual([{ PolicyName: 'CheckoutRolePolicy0', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: { 'Fn::Sub': ['arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${functionName}*', { functionName: { Ref: 'Pay' } }] } }] } }]);
    expect(() => sam('Resources:\n  M: { Type: AWS::Serverless::StateMachine, Properties: { DefinitionUri: machine.asl.json } }\n')).toThrow(/'DefinitionUri' is not supported.*inline with Definition/);
  });

  it('a SimpleTable with a PrimaryKey, ProvisionedThroughput and Globals', () => {
    const template = sam(`
Globals:
  SimpleTable: { SSESpecification: { SSEEnabled: true } }
Resources:
  Carts:
    Type: AWS::Serverless::SimpleTable
    Properties: { TableName: carts, PrimaryKey: { Name: cartId, Type: Number }, ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 1 }, Tags: { app: shop } }
`);
    expect(template.Resources.Carts!.Properties).toEqual({
      AttributeDefinitions: [{ AttributeName: 'cartId', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'cartId', KeyType: 'HASH' }],
      ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 1 },
      TableName: 'carts',
      SSESpecification: { SSEEnabled: true },
      Tags: [{ Key: 'app', Value: 'shop' }],
    });
  });
});
