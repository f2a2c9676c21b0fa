/**
 * The AWS managed policies the labs use, with the documents, default versions and dates AWS
 * publishes (the AWS Managed Policy reference and GetPolicyVersion answers). They belong to no
 * account: every account sees them, none can change or delete them.
 */
import { createHash } from 'node:crypto';

/** An AWS managed policy as IAM describes it. */
export interface AwsManagedPolicy {
  PolicyName: string;
  Path: string;
  Description: string;
  DefaultVersionId: string;
  CreateDate: Date;
  UpdateDate: Date;
  Document: string;
}

const LOGS = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'];
const allow = (Action: string | string[], Resource: string | string[] = '*', extra: Record<string, unknown> = {}) => ({ ...extra, Effect: 'Allow', Action, Resource });
const document = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const passRoleTo = (Sid: string, service: string) =>
  allow('iam:PassRole', 'arn:aws:iam::*:role/*', { Sid, Condition: { StringLike: { 'iam:PassedToService': service } } });

const DYNAMODB_FULL = [
  'dynamodb:*', 'dax:*', 'application-autoscaling:DeleteScalingPolicy', 'application-autoscaling:DeregisterScalableTarget',
  'application-autoscaling:DescribeScalableTargets', 'application-autoscaling:DescribeScalingActivities', 'application-autoscaling:DescribeScalingPolicies',
  'application-autoscaling:PutScalingPolicy', 'application-autoscaling:RegisterScalableTarget', 'cloudwatch:DeleteAlarms', 'cloudwatch:DescribeAlarmHistory',
  'cloudwatch:DescribeAlarms', 'cloudwatch:DescribeAlarmsForMetric', 'cloudwatch:GetMetricStatistics', 'cloudwatch:ListMetrics', 'cloudwatch:PutMetricAlarm',
  'cloudwatch:GetMetricData', 'datapipeline:ActivatePipeline', 'datapipeline:CreatePipeline', 'datapipeline:DeletePipeline', 'datapipeline:DescribeObjects',
  'datapipeline:DescribePipelines', 'datapipeline:GetPipelineDefinition', 'datapipeline:ListPipelines', 'datapipeline:PutPipelineDefinition',
  'datapipeline:QueryObjects', 'ec2:DescribeVpcs', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups', 'iam:GetRole', 'iam:ListRoles', 'kms:DescribeKey',
  'kms:ListAliases', 'sns:CreateTopic', 'sns:DeleteTopic', 'sns:ListSubscriptions', 'sns:ListSubscriptionsByTopic', 'sns:ListTopics', 'sns:Subscribe',
  'sns:Unsubscribe', 'sns:SetTopicAttributes', 'lambda:CreateFunction', 'lambda:ListFunctions', 'lambda:ListEventSourceMappings',
  'lambda:CreateEventSourceMapping', 'lambda:DeleteEventSourceMapping', 'lambda:GetFunctionConfiguration', 'lambda:DeleteFunction',
  'resource-groups:ListGroups', 'resource-groups:ListGroupResources', 'resource-groups:GetGroup', 'resource-groups:GetGroupQuery',
  'resource-groups:DeleteGroup', 'resource-groups:CreateGroup', 'tag:GetResources', 'kinesis:ListStreams', 'kinesis:DescribeStream', 'kinesis:DescribeStreamSummary',
];
const DYNAMODB_READ = [
  'application-autoscaling:DescribeScalableTargets', 'application-autoscaling:DescribeScalingActivities', 'application-autoscaling:DescribeScalingPolicies',
  'cloudwatch:DescribeAlarmHistory', 'cloudwatch:DescribeAlarms', 'cloudwatch:DescribeAlarmsForMetric', 'cloudwatch:GetMetricStatistics', 'cloudwatch:ListMetrics',
  'cloudwatch:GetMetricData', 'datapipeline:DescribeObjects', 'datapipeline:DescribePipelines', 'datapipeline:GetPipelineDefinition', 'datapipeline:ListPipelines',
  'datapipeline:QueryObjects', 'dynamodb:BatchGetItem', 'dynamodb:Describe*', 'dynamodb:List*', 'dynamodb:GetItem', 'dynamodb:GetResourcePolicy', 'dynamodb:Query',
  'dynamodb:Scan', 'dynamodb:PartiQLSelect', 'dax:Describe*', 'dax:List*', 'dax:GetItem', 'dax:BatchGetItem', 'dax:Query', 'dax:Scan', 'ec2:DescribeVpcs',
  'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups', 'iam:GetRole', 'iam:ListRoles', 'kms:DescribeKey', 'kms:ListAliases', 'sns:ListSubscriptionsByTopic',
  'sns:ListTopics', 'lambda:ListFunctions', 'lambda:ListEventSourceMappings', 'lambda:GetFunctionConfiguration', 'resource-groups:ListGroups',
  'resource-groups:ListGroupResources', 'resource-groups:GetGroup', 'resource-groups:GetGroupQuery', 'tag:GetResources', 'kinesis:ListStreams',
  'kinesis:DescribeStream', 'kinesis:DescribeStreamSummary',
];
const INSIGHTS = 'arn:aws:cloudwatch:*:*:insight-rule/DynamoDBContributorInsights*';
// AWS's ReadOnlyAccess lists the read actions of hundreds of services and changes every few weeks;
// this one keeps the read actions of the services the emulator has, with the policy's first
// version and date (the CDK's bootstrap stack attaches it to its lookup role).
const READ_ONLY = ['apigateway', 'cloudformation', 'dynamodb', 'events', 'iam', 'lambda', 'logs', 's3', 'secretsmanager', 'sns', 'sqs', 'ssm', 'states', 'sts']
  .flatMap((service) => [`${service}:Describe*`, `${service}:Get*`, `${service}:List*`]);

type Entry = [name: string, path: string, description: string, version: string, created: string, updated: string, document: string];

const ENTRIES: Entry[] = [
  ['AdministratorAccess', '/', 'Provides full access to AWS services and resources.', 'v1', '2015-02-06T18:39:46Z', '2015-02-06T18:39:46Z', document(allow('*'))],
  ['AWSCloudFormationReadOnlyAccess', '/', 'Provides access to AWS CloudFormation via the AWS Management Console.', 'v4', '2015-02-06T18:39:49Z', '2019-11-13T17:40:00Z',
    document(allow(['cloudformation:Describe*', 'cloudformation:EstimateTemplateCost', 'cloudformation:Get*', 'cloudformation:List*', 'cloudformation:ValidateTemplate', 'cloudformation:Detect*']))],
  ['ReadOnlyAccess', '/', 'Provides read-only access to AWS services and resources.', 'v1', '2015-02-06T18:39:48Z', '2015-02-06T18:39:48Z', document(allow(READ_ONLY))],
  ['AWSLambdaBasicExecutionRole', '/service-role/', 'Provides write permissions to CloudWatch Logs.', 'v1', '2015-04-09T15:03:43Z', '2015-04-09T15:03:43Z', document(allow(LOGS))],
  ['AWSLambdaSQSQueueExecutionRole', '/service-role/', 'Provides receive message, delete message, and read attribute access to SQS queues, and write permissions to CloudWatch logs.', 'v1', '2018-06-14T21:50:45Z', '2018-06-14T21:50:45Z',
    document(allow(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', ...LOGS]))],
  ['AWSLambdaDynamoDBExecutionRole', '/service-role/', 'Provides list and read access to DynamoDB streams and write permissions to CloudWatch logs.', 'v1', '2015-04-09T15:09:29Z', '2015-04-09T15:09:29Z',
    document(allow(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams', ...LOGS]))],
  ['AmazonDynamoDBFullAccess', '/', 'Provides full access to Amazon DynamoDB via the AWS Management Console.', 'v15', '2015-02-06T18:40:11Z', '2021-01-29T17:38:30Z',
    document(
      { Action: DYNAMODB_FULL, Effect: 'Allow', Resource: '*' },
      { Action: 'cloudwatch:GetInsightRuleReport', Effect: 'Allow', Resource: INSIGHTS },
      { Action: ['iam:PassRole'], Effect: 'Allow', Resource: '*', Condition: { StringLike: { 'iam:PassedToService': ['application-autoscaling.amazonaws.com', 'application-autoscaling.amazonaws.com.cn', 'dax.amazonaws.com'] } } },
      allow(['iam:CreateServiceLinkedRole'], '*', { Condition: { StringEquals: { 'iam:AWSServiceName': ['replication.dynamodb.amazonaws.com', 'dax.amazonaws.com', 'dynamodb.application-autoscaling.amazonaws.com', 'contributorinsights.dynamodb.amazonaws.com', 'kinesisreplication.dynamodb.amazonaws.com'] } } }),
    )],
  ['AmazonDynamoDBReadOnlyAccess', '/', 'Provides read only access to Amazon DynamoDB via the AWS Management Console.', 'v14', '2015-02-06T18:40:12Z', '2024-03-20T15:45:01Z',
    document({ Sid: 'GeneralReadOnlyAccess', Action: DYNAMODB_READ, Effect: 'Allow', Resource: '*' }, { Sid: 'CCIAccess', Action: 'cloudwatch:GetInsightRuleReport', Effect: 'Allow', Resource: INSIGHTS })],
  ['AmazonSQSFullAccess', '/', 'Provides full access to Amazon SQS via the AWS Management Console.', 'v1', '2015-02-06T18:41:07Z', '2015-02-06T18:41:07Z', document({ Action: ['sqs:*'], Effect: 'Allow', Resource: '*' })],
  ['AmazonS3FullAccess', '/', 'Provides full access to all buckets via the AWS Management Console.', 'v2', '2015-02-06T18:40:58Z', '2021-09-27T20:16:37Z', document(allow(['s3:*', 's3-object-lambda:*']))],
  ['AmazonS3ReadOnlyAccess', '/', 'Provides read only access to all buckets via the AWS Management Console.', 'v3', '2015-02-06T18:40:59Z', '2023-08-10T21:31:00Z',
    document(allow(['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*']))],
  ['AmazonEventBridgeFullAccess', '/', 'Provides full access to Amazon EventBridge and its related services.', 'v4', '2021-03-04T16:19:00Z', '2022-12-01T17:00:46Z',
    document(
      { Sid: 'EventBridgeActions', Effect: 'Allow', Action: ['events:*', 'schemas:*', 'scheduler:*', 'pipes:*'], Resource: '*' },
      { Sid: 'IAMCreateServiceLinkedRoleForApiDestinations', Effect: 'Allow', Action: 'iam:CreateServiceLinkedRole', Resource: 'arn:aws:iam::*:role/aws-service-role/AmazonEventBridgeApiDestinationsServiceRolePolicy', Condition: { StringEquals: { 'iam:AWSServiceName': 'apidestinations.events.amazonaws.com' } } },
      { Sid: 'IAMCreateServiceLinkedRoleForAmazonEventBridgeSchemas', Effect: 'Allow', Action: 'iam:CreateServiceLinkedRole', Resource: 'arn:aws:iam::*:role/aws-service-role/schemas.amazonaws.com/AWSServiceRoleForSchemas', Condition: { StringEquals: { 'iam:AWSServiceName': 'schemas.amazonaws.com' } } },
      { Sid: 'SecretsManagerAccessForApiDestinations', Effect: 'Allow', Action: ['secretsmanager:CreateSecret', 'secretsmanager:UpdateSecret', 'secretsmanager:DeleteSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'], Resource: 'arn:aws:secretsmanager:*:*:secret:events!*' },
      passRoleTo('IAMPassRoleAccessForEventBridge', 'events.amazonaws.com'),
      passRoleTo('IAMPassRoleAccessForScheduler', 'scheduler.amazonaws.com'),
      passRoleTo('IAMPassRoleAccessForPipes', 'pipes.amazonaws.com'),
    )],
  ['CloudWatchLogsFullAccess', '/', 'Provides full access to CloudWatch Logs', 'v3', '2015-02-06T18:40:02Z', '2025-05-20T17:07:06Z',
    document({ Sid: 'CloudWatchLogsFullAccess', Effect: 'Allow', Action: ['logs:*', 'cloudwatch:GenerateQuery', 'cloudwatch:GenerateQueryResultsSummary'], Resource: '*' })],
  ['AWSXRayDaemonWriteAccess', '/', 'Allow the AWS X-Ray Daemon to relay raw trace segments data to the service\'s API and retrieve sampling data (rules, targets, etc.) to be used by the X-Ray SDK.', 'v2', '2018-08-28T23:00:33Z', '2024-02-13T21:58:30Z',
    document({ Sid: 'AWSXRayDaemonWriteAccess', Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:GetSamplingStatisticSummaries'], Resource: ['*'] })],
];

/** The AWS managed policies by ARN (arn:aws:iam::aws:policy<path><name>). */
export const AWS_MANAGED_POLICIES: ReadonlyMap<string, AwsManagedPolicy> = new Map(
  ENTRIES.map(([PolicyName, Path, Description, DefaultVersionId, created, updated, Document]) => [
    `arn:aws:iam::aws:policy${Path}${PolicyName}`,
    { PolicyName, Path, Description, DefaultVersionId, CreateDate: new Date(created), UpdateDate: new Date(updated), Document },
  ]),
);

/** A policy id that stays the same for the same ARN, shaped as IAM's (ANPA and 17 characters). */
export function stablePolicyId(arn: string): string {
  const digest = createHash('sha256').update(arn).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return `ANPA${[...digest.subarray(0, 17)].map((byte) => alphabet[byte % 32]).join('')}`;
}

/** True for an ARN in AWS's own policy namespace (arn:aws:iam::aws:policy/...). */
export function isAwsManagedArn(arn: string): boolean {
  return /^arn:aws[\w-]*:iam::aws:policy\//.test(arn);
}
