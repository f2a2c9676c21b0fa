/**
 * The SAM policy templates the workshop uses, each a statement list over one named resource, as
 * SAM's policy_templates.json defines them (`${AWS::Partition}`, Region and AccountId are filled
 * in by CloudFormation's Fn::Sub).
 */

type Statement = Record<string, unknown>;

/** `arn:${AWS::Partition}:<rest>` with the template's parameter substituted, as SAM writes it. */
const arn = (rest: string, variable: string, parameter: string) => ({ 'Fn::Sub': [`arn:\${AWS::Partition}:${rest}`, { [variable]: { Ref: parameter } }] });
const allow = (Action: string[], Resource: unknown): Statement => ({ Effect: 'Allow', Action, Resource });

const table = (actions: string[]) => [allow(actions.map((action) => `dynamodb:${action}`), [
  arn('dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}', 'tableName', 'TableName'),
  arn('dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}/index/*', 'tableName', 'TableName'),
])];
const bucket = (actions: string[]) => [allow(actions.map((action) => `s3:${action}`), [
  arn('s3:::${bucketName}', 'bucketName', 'BucketName'),
  arn('s3:::${bucketName}/*', 'bucketName', 'BucketName'),
])];

/** A policy template: its parameters and the statements it expands to (with `{ Ref: <parameter> }` placeholders). */
export interface PolicyTemplate {
  parameters: string[];
  statements: Statement[];
}

/** The supported policy templates by name. */
export const POLICY_TEMPLATES: Record<string, PolicyTemplate> = {
  DynamoDBCrudPolicy: { parameters: ['TableName'], statements: table(['GetItem', 'DeleteItem', 'PutItem', 'Scan', 'Query', 'UpdateItem', 'BatchWriteItem', 'BatchGetItem', 'DescribeTable', 'ConditionCheckItem']) },
  DynamoDBReadPolicy: { parameters: ['TableName'], statements: table(['GetItem', 'Scan', 'Query', 'BatchGetItem', 'DescribeTable']) },
  DynamoDBWritePolicy: { parameters: ['TableName'], statements: table(['PutItem', 'UpdateItem', 'BatchWriteItem']) },
  SQSSendMessagePolicy: { parameters: ['QueueName'], statements: [allow(['sqs:SendMessage*'], arn('sqs:${AWS::Region}:${AWS::AccountId}:${queueName}', 'queueName', 'QueueName'))] },
  SQSPollerPolicy: {
    parameters: ['QueueName'],
    statements: [allow(['sqs:ChangeMessageVisibility', 'sqs:ChangeMessageVisibilityBatch', 'sqs:DeleteMessage', 'sqs:DeleteMessageBatch', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], arn('sqs:${AWS::Region}:${AWS::AccountId}:${queueName}', 'queueName', 'QueueName'))],
  },
  SNSPublishMessagePolicy: { parameters: ['TopicName'], statements: [allow(['sns:Publish'], arn('sns:${AWS::Region}:${AWS::AccountId}:${topicName}', 'topicName', 'TopicName'))] },
  EventBridgePutEventsPolicy: { parameters: ['EventBusName'], statements: [allow(['events:PutEvents'], arn('events:${AWS::Region}:${AWS::AccountId}:event-bus/${eventBusName}', 'eventBusName', 'EventBusName'))] },
  S3ReadPolicy: { parameters: ['BucketName'], statements: bucket(['GetObject', 'ListBucket', 'GetBucketLocation', 'GetObjectVersion', 'GetLifecycleConfiguration']) },
  S3CrudPolicy: { parameters: ['BucketName'], statements: bucket(['GetObject', 'ListBucket', 'GetBucketLocation', 'GetObjectVersion', 'PutObject', 'PutObjectAcl', 'GetLifecycleConfiguration', 'PutLifecycleConfiguration', 'DeleteObject']) },
  S3WritePolicy: { parameters: ['BucketName'], statements: bucket(['PutObject', 'PutObjectAcl', 'PutLifecycleConfiguration']) },
  StepFunctionsExecutionPolicy: { parameters: ['StateMachineName'], statements: [allow(['states:StartExecution'], arn('states:${AWS::Region}:${AWS::AccountId}:stateMachine:${stateMachineName}', 'stateMachineName', 'StateMachineName'))] },
  SSMParameterReadPolicy: {
    parameters: ['ParameterName'],
    statements: [
      allow(['ssm:DescribeParameters'], '*'),
      allow(['ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'], arn('ssm:${AWS::Region}:${AWS::AccountId}:parameter/${parameterName}', 'parameterName', 'ParameterName')),
    ],
  },
  AWSSecretsManagerGetSecretValuePolicy: { parameters: ['SecretArn'], statements: [allow(['secretsmanager:GetSecretValue'], { 'Fn::Sub': ['${secretArn}', { secretArn: { Ref: 'SecretArn' } }] })] },
  LambdaInvokePolicy: { parameters: ['FunctionName'], statements: [allow(['lambda:InvokeFunction'], arn('lambda:${AWS::Region}:${AWS::AccountId}:function:${functionName}*', 'functionName', 'FunctionName'))] },
};

/** Replaces each `{ Ref: <parameter> }` of a template with the value the template's user gave. */
export function fillTemplate(value: unknown, values: Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((item) => fillTemplate(item, values));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0]![0] === 'Ref' && typeof entries[0]![1] === 'string' && Object.hasOwn(values, entries[0]![1])) return values[entries[0]![1]];
  return Object.fromEntries(entries.map(([key, item]) => [key, fillTemplate(item, values)]));
}
