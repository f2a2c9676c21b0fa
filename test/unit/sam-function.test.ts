/** The SAM transform's AWS::Serverless::Function: the function, its role and policies, code locations and Globals, as SAM documents them. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadYamlParser, parseTemplate } from '../../src/emulator/services/cloudformation/template.ts';

const sam = (body: string) => parseTemplate(`Transform: AWS::Serverless-2016-10-31\n${body}`);

describe('SAM functions', () => {
  beforeAll(loadYamlParser);

  it('expands a function into AWS::Lambda::Function and <Fn>Role with AWSLambdaBasicExecutionRole', () => {
    const template = sam(`
Resources:
  Orders:
    Type: AWS::Serverless::Function
    DependsOn: Table
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: s3://shop-code/orders.zip
      MemorySize: 256
      Environment: { Variables: { TABLE: !Ref Table } }
      Tags: { team: shop }
  Table: { Type: AWS::Serverless::SimpleTable }
`);
    expect(template.Transform).toBeUndefined();
    expect(Object.keys(template.Resources).sort()).toEqual(['Orders', 'OrdersRole', 'Table']);
    expect(template.Resources.Orders).toEqual({
      Type: 'AWS::Lambda::Function',
      DependsOn: 'Table',
      Properties: {
        Code: { S3Bucket: 'shop-code', S3Key: 'orders.zip' },
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        MemorySize: 256,
        Environment: { Variables: { TABLE: { Ref: 'Table' } } },
        Role: { 'Fn::GetAtt': ['OrdersRole', 'Arn'] },
        Tags: [{ Key: 'lambda:createdBy', Value: 'SAM' }, { Key: 'team', Value: 'shop' }],
      },
    });
    expect(template.Resources.OrdersRole).toEqual({
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] } }] },
        ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
        Tags: [{ Key: 'lambda:createdBy', Value: 'SAM' }, { Key: 'team', Value: 'shop' }],
      },
    });
    expect(template.Resources.Table).toEqual({
      Type: 'AWS::DynamoDB::Table',
      Properties: { AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' },
    });
  });

  it('turns Policies into managed ARNs and <Fn>RolePolicy<index> documents, policy templates included', () => {
    const template = sam(`
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: "def handler(event, context): return 1"
      Policies:
        - AmazonSQSFullAccess
        - DynamoDBCrudPolicy: { TableName: !Ref Orders }
        - Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: '*' }]
        - SQSSendMessagePolicy: { QueueName: !GetAtt Queue.QueueName }
        - arn:aws:iam::123456789012:policy/custom
`);
    const fn = template.Resources.Fn!.Properties!;
    expect(fn.Code).toEqual({ ZipFile: 'def handler(event, context): return 1' });
    const role = template.Resources.FnRole!.Properties!;
    expect(role.ManagedPolicyArns).toEqual(['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', 'arn:aws:iam::aws:policy/AmazonSQSFullAccess', 'arn:aws:iam::123456789012:policy/custom']);
    expect(role.Policies).toEqual([
      {
        PolicyName: 'FnRolePolicy1',
        PolicyDocument: {
          Statement: [{
            Effect: 'Allow',
            Action: ['dynamodb:GetItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:Scan', 'dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:BatchGetItem', 'dynamodb:DescribeTable', 'dynamodb:ConditionCheckItem'],
            Resource: [
              { 'Fn::Sub': ['arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}', { tableName: { Ref: 'Orders' } }] },
              { 'Fn::Sub': ['arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}/index/*', { tableName: { Ref: 'Orders' } }] },
            ],
          }],
        },
      },
      { PolicyName: 'FnRolePolicy2', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } },
      {
        PolicyName: 'FnRolePolicy3',
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['sqs:SendMessage*'], Resource: { 'Fn::Sub': ['arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${queueName}', { queueName: { 'Fn::GetAtt': ['Queue', 'QueueName'] } }] } }] },
      },
    ]);
  });

  it('uses a given Role instead of generating one', () => {
    const template = sam(`
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: index.handler, InlineCode: x, Role: arn:aws:iam::000000000000:role/mine }
`);
    expect(Object.keys(template.Resources)).toEqual(['Fn']);
    expect(template.Resources.Fn!.Properties!.Role).toBe('arn:aws:iam::000000000000:role/mine');
  });

  it('merges Globals: scalars from the function win, maps merge, the function section applies to every function', () => {
    const template = sam(`
Globals:
  Function:
    Runtime: nodejs22.x
    Timeout: 10
    Handler: index.handler
    Environment: { Variables: { STAGE: prod, TABLE: orders } }
Resources:
  A:
    Type: AWS::Serverless::Function
    Properties: { InlineCode: a, Timeout: 3, Environment: { Variables: { TABLE: carts } } }
  B:
    Type: AWS::Serverless::Function
    Properties: { InlineCode: b }
`);
    expect(template.Resources.A!.Properties).toMatchObject({ Runtime: 'nodejs22.x', Timeout: 3, Handler: 'index.handler', Environment: { Variables: { STAGE: 'prod', TABLE: 'carts' } } });
    expect(template.Resources.B!.Properties).toMatchObject({ Runtime: 'nodejs22.x', Timeout: 10, Environment: { Variables: { STAGE: 'prod', TABLE: 'orders' } } });
    expect(() => sam(`
Globals:
  Function: { Policies: [AmazonSQSFullAccess] }
Resources:
  A: { Type: AWS::Serverless::Function, Properties: { InlineCode: a, Runtime: nodejs22.x, Handler: index.handler } }
`)).toThrow(/'Policies' is not a supported property of 'Function'/);
  });

  it('AutoPublishAlias adds <Fn>Version<hash> (retained) and <Fn>Alias<name>, and points the events at the alias', () => {
    const body = (code: string) => `
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: ${code}
      AutoPublishAlias: live
      Events:
        Get: { Type: HttpApi, Properties: { Path: /, Method: get } }
        Work: { Type: SQS, Properties: { Queue: !GetAtt Q.Arn } }
`;
    const template = sam(body('one'));
    const versionId = Object.keys(template.Resources).find((id) => id.startsWith('FnVersion'))!;
    expect(versionId).toMatch(/^FnVersion[0-9a-f]{10}$/);
    expect(template.Resources[versionId]).toEqual({ Type: 'AWS::Lambda::Version', DeletionPolicy: 'Retain', Properties: { FunctionName: { Ref: 'Fn' } } });
    expect(template.Resources.FnAliaslive).toEqual({ Type: 'AWS::Lambda::Alias', Properties: { Name: 'live', FunctionName: { Ref: 'Fn' }, FunctionVersion: { 'Fn::GetAtt': [versionId, 'Version'] } } });
    expect(template.Resources.FnGetPermission!.Properties!.FunctionName).toEqual({ Ref: 'FnAliaslive' });
    expect(template.Resources.FnWork!.Properties!.FunctionName).toEqual({ Ref: 'FnAliaslive' });
    const uri = (template.Resources.ServerlessHttpApi!.Properties!.Body as any).paths['/'].get['x-amazon-apigateway-integration'].uri;
    expect(uri).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${FnAliaslive}/invocations' });
    expect(Object.keys(sam(body('one')).Resources)).toContain(versionId);
    expect(Object.keys(sam(body('two')).Resources)).not.toContain(versionId);
  });

  it('refuses a local CodeUri with the package command to run, and other gaps by name', () => {
    const fn = (properties: string) => `
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: index.handler, ${properties} }
`;
    expect(() => sam(fn('CodeUri: src/'))).toThrow(/^Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application Specification document\. Number of errors found: 1\. Resource with id \[Fn\] is invalid\. 'CodeUri' is the local path 'src\/'.*aws cloudformation package/);
    expect(() => sam(fn('CodeUri: { Bucket: b }'))).toThrow(/'CodeUri' requires Bucket and Key/);
    expect(sam(fn('CodeUri: { Bucket: b, Key: k, Version: "3" }')).Resources.Fn!.Properties!.Code).toEqual({ S3Bucket: 'b', S3Key: 'k', S3ObjectVersion: '3' });
    expect(() => sam(fn('InlineCode: x, DeploymentPreference: { Type: AllAtOnce }'))).toThrow(/The property 'DeploymentPreference' is not supported by the workshop emulator's SAM transform/);
    expect(() => sam(fn('InlineCode: x, Colour: red'))).toThrow(/property Colour not defined for resource of type AWS::Serverless::Function/);
    expect(() => sam(fn('InlineCode: x, Policies: [{ KinesisCrudPolicy: { StreamName: s } }]'))).toThrow(/The policy template 'KinesisCrudPolicy' is not supported.*Supported templates: DynamoDBCrudPolicy/);
    expect(() => sam(fn('InlineCode: x, Policies: [{ DynamoDBReadPolicy: {} }]'))).toThrow(/Missing parameter\(s\) \[TableName\] for policy template 'DynamoDBReadPolicy'/);
    expect(() => sam('Resources:\n  Api: { Type: AWS::Serverless::Api, Properties: { StageName: prod } }\n')).toThrow(/\[Api\] is invalid\. AWS::Serverless::Api is not supported.*use AWS::Serverless::HttpApi/);
    expect(() => parseTemplate('Transform: MyMacro\nResources:\n  Q: { Type: AWS::SQS::Queue }\n')).toThrow(/transform MyMacro is not supported by the workshop emulator/);
  });

  it('counts every invalid resource in one message, as SAM does', () => {
    expect(() => sam(`
Resources:
  A: { Type: AWS::Serverless::Function, Properties: { Runtime: nodejs22.x, Handler: index.handler, CodeUri: ./a } }
  B: { Type: AWS::Serverless::Function, Properties: { Runtime: nodejs22.x, Handler: index.handler, CodeUri: ./b } }
`)).toThrow(/Number of errors found: 2\. Resource with id \[A\] is invalid\..* Resource with id \[B\] is invalid\./);
  });
});
