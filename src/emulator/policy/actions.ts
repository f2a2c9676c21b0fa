/**
 * The IAM action and resource ARN each checked operation is authorized as, from AWS's "Actions,
 * resources, and condition keys" pages. An operation may need several (a batch names several
 * tables; a transaction's items each need their own action). Operations not listed here are not
 * checked yet; {@link UNCHECKED_NOTE} says so where it matters.
 */
import { actionOf as s3ActionOf } from '../services/s3/actions.ts';

/** One permission an operation needs. */
export interface Needed {
  action: string;
  resource: string;
  /** The DynamoDB table whose partition key values become dynamodb:LeadingKeys. */
  table?: string;
  /** Items or keys whose partition key values become dynamodb:LeadingKeys. */
  items?: Array<Record<string, unknown>>;
}

/** Where and with what an operation was called. */
export interface CallFacts {
  account: string;
  region: string;
  input: Record<string, any>;
}

type Rule = (facts: CallFacts) => Needed[];

const table = ({ account, region }: CallFacts, name: unknown, index?: unknown) =>
  `arn:aws:dynamodb:${region}:${account}:table/${String(name)}${index ? `/index/${String(index)}` : ''}`;

const onTable = (action: string, items?: (input: Record<string, any>) => Array<Record<string, unknown>> | undefined): Rule => (facts) => {
  const listed = items?.(facts.input);
  return [{ action, resource: table(facts, facts.input.TableName, facts.input.IndexName), table: String(facts.input.TableName), ...(listed ? { items: listed } : {}) }];
};

const TRANSACT_ACTIONS: Record<string, string> = { Put: 'dynamodb:PutItem', Update: 'dynamodb:UpdateItem', Delete: 'dynamodb:DeleteItem', ConditionCheck: 'dynamodb:ConditionCheckItem', Get: 'dynamodb:GetItem' };

/** TransactWriteItems and TransactGetItems have no action of their own: each item needs its own. */
const transact: Rule = (facts) => (Array.isArray(facts.input.TransactItems) ? facts.input.TransactItems : []).flatMap((entry: Record<string, any>) =>
  Object.entries(entry ?? {}).flatMap(([kind, item]) => {
    const action = TRANSACT_ACTIONS[kind];
    if (!action || typeof item !== 'object' || item === null) return [];
    const name = (item as Record<string, unknown>).TableName;
    const record = ((item as Record<string, unknown>).Item ?? (item as Record<string, unknown>).Key) as Record<string, unknown> | undefined;
    return [{ action, resource: table(facts, name), table: String(name), ...(record ? { items: [record] } : {}) }];
  }));

const batch = (action: string): Rule => (facts) => Object.entries((facts.input.RequestItems ?? {}) as Record<string, any>).map(([name, requests]) => ({
  action,
  resource: table(facts, name),
  table: name,
  items: (Array.isArray(requests) ? requests : Array.isArray(requests?.Keys) ? requests.Keys : [])
    .map((entry: Record<string, any>) => entry?.PutRequest?.Item ?? entry?.DeleteRequest?.Key ?? entry)
    .filter((entry: unknown) => typeof entry === 'object' && entry !== null),
}));

function queueArn({ account, region }: CallFacts, url: unknown): string {
  const path = /^[a-z]+:\/\/[^/]+\/(\d{12})\/([^/?]+)/.exec(String(url ?? ''));
  return path ? `arn:aws:sqs:${region}:${path[1]}:${path[2]}` : `arn:aws:sqs:${region}:${account}:${String(url ?? '')}`;
}

const onQueue = (action: string): Rule => (facts) => [{ action, resource: queueArn(facts, facts.input.QueueUrl) }];

function functionArn({ account, region }: CallFacts, raw: unknown, qualifier: unknown): string {
  const text = String(raw ?? '');
  const withQualifier = (base: string) => (qualifier && !/:function:[^:]+:[^:]+$/.test(base) ? `${base}:${String(qualifier)}` : base);
  if (text.startsWith('arn:')) return withQualifier(text);
  const partial = /^(\d{12}):function:(.+)$/.exec(text);
  if (partial) return withQualifier(`arn:aws:lambda:${region}:${partial[1]}:function:${partial[2]}`);
  return withQualifier(`arn:aws:lambda:${region}:${account}:function:${text}`);
}

function parameterArn({ account, region }: CallFacts, name: unknown): string {
  const text = String(name ?? '');
  if (text.startsWith('arn:')) return text;
  return `arn:aws:ssm:${region}:${account}:parameter/${text.replace(/^\//, '')}`;
}

function busArn({ account, region }: CallFacts, name: unknown): string {
  const text = typeof name === 'string' && name !== '' ? name : 'default';
  return text.startsWith('arn:') ? text : `arn:aws:events:${region}:${account}:event-bus/${text}`;
}

function secretArn({ account, region }: CallFacts, id: unknown): string {
  const text = String(id ?? '');
  // A secret named without its ARN's random suffix is matched as `name-??????`, which policies written as `name-*` or `name*` both cover.
  return text.startsWith('arn:') ? text : `arn:aws:secretsmanager:${region}:${account}:secret:${text}-??????`;
}

/** A log stream's ARN as IAM names it in refusals (`...:log-stream:` with no stream for group operations). */
function logStreamArn({ account, region, input }: CallFacts): string {
  return `arn:aws:logs:${region}:${account}:log-group:${String(input.logGroupName ?? '')}:log-stream:${String(input.logStreamName ?? '')}`;
}

const RULES: Record<string, Record<string, Rule>> = {
  dynamodb: {
    GetItem: onTable('dynamodb:GetItem', (input) => (input.Key ? [input.Key] : undefined)),
    PutItem: onTable('dynamodb:PutItem', (input) => (input.Item ? [input.Item] : undefined)),
    UpdateItem: onTable('dynamodb:UpdateItem', (input) => (input.Key ? [input.Key] : undefined)),
    DeleteItem: onTable('dynamodb:DeleteItem', (input) => (input.Key ? [input.Key] : undefined)),
    Query: onTable('dynamodb:Query'),
    Scan: onTable('dynamodb:Scan'),
    BatchGetItem: batch('dynamodb:BatchGetItem'),
    BatchWriteItem: batch('dynamodb:BatchWriteItem'),
    TransactWriteItems: transact,
    TransactGetItems: transact,
    DescribeTable: onTable('dynamodb:DescribeTable'),
    CreateTable: onTable('dynamodb:CreateTable'),
    DeleteTable: onTable('dynamodb:DeleteTable'),
    UpdateTable: onTable('dynamodb:UpdateTable'),
    ListTables: () => [{ action: 'dynamodb:ListTables', resource: '*' }],
  },
  sqs: {
    SendMessage: onQueue('sqs:SendMessage'),
    SendMessageBatch: onQueue('sqs:SendMessage'),
    ReceiveMessage: onQueue('sqs:ReceiveMessage'),
    DeleteMessage: onQueue('sqs:DeleteMessage'),
    DeleteMessageBatch: onQueue('sqs:DeleteMessage'),
    ChangeMessageVisibility: onQueue('sqs:ChangeMessageVisibility'),
    ChangeMessageVisibilityBatch: onQueue('sqs:ChangeMessageVisibility'),
    GetQueueAttributes: onQueue('sqs:GetQueueAttributes'),
    SetQueueAttributes: onQueue('sqs:SetQueueAttributes'),
    PurgeQueue: onQueue('sqs:PurgeQueue'),
    DeleteQueue: onQueue('sqs:DeleteQueue'),
    GetQueueUrl: (facts) => [{ action: 'sqs:GetQueueUrl', resource: `arn:aws:sqs:${facts.region}:${facts.input.QueueOwnerAWSAccountId ?? facts.account}:${String(facts.input.QueueName)}` }],
    CreateQueue: (facts) => [{ action: 'sqs:CreateQueue', resource: `arn:aws:sqs:${facts.region}:${facts.account}:${String(facts.input.QueueName)}` }],
  },
  sns: {
    Publish: (facts) => [{ action: 'sns:Publish', resource: String(facts.input.TopicArn ?? facts.input.TargetArn ?? '*') }],
    PublishBatch: (facts) => [{ action: 'sns:Publish', resource: String(facts.input.TopicArn) }],
  },
  events: {
    PutEvents: (facts) => {
      const entries = Array.isArray(facts.input.Entries) ? (facts.input.Entries as Array<Record<string, unknown>>) : [];
      const buses = new Set(entries.map((entry) => busArn(facts, entry?.EventBusName)));
      return [...buses].map((resource) => ({ action: 'events:PutEvents', resource }));
    },
  },
  lambda: {
    Invoke: (facts) => [{ action: 'lambda:InvokeFunction', resource: functionArn(facts, facts.input.FunctionName, facts.input.Qualifier) }],
    InvokeAsync: (facts) => [{ action: 'lambda:InvokeFunction', resource: functionArn(facts, facts.input.FunctionName, undefined) }],
  },
  logs: {
    CreateLogGroup: (facts) => [{ action: 'logs:CreateLogGroup', resource: logStreamArn(facts) }],
    CreateLogStream: (facts) => [{ action: 'logs:CreateLogStream', resource: logStreamArn(facts) }],
    PutLogEvents: (facts) => [{ action: 'logs:PutLogEvents', resource: logStreamArn(facts) }],
  },
  secretsmanager: {
    GetSecretValue: (facts) => [{ action: 'secretsmanager:GetSecretValue', resource: secretArn(facts, facts.input.SecretId) }],
  },
  ssm: {
    GetParameter: (facts) => [{ action: 'ssm:GetParameter', resource: parameterArn(facts, facts.input.Name) }],
    GetParameters: (facts) => (Array.isArray(facts.input.Names) ? facts.input.Names : []).map((name: unknown) => ({ action: 'ssm:GetParameters', resource: parameterArn(facts, name) })),
    GetParametersByPath: (facts) => [{ action: 'ssm:GetParametersByPath', resource: parameterArn(facts, facts.input.Path) }],
  },
};

const S3_OBJECT = /^(GetObject|PutObject|DeleteObject|HeadObject|CopyObject|GetObjectTagging|PutObjectTagging|DeleteObjectTagging|CreateMultipartUpload|UploadPart|CompleteMultipartUpload|AbortMultipartUpload|ListObjects|ListObjectsV2|DeleteObjects)$/;

function s3Needed(operation: string, input: Record<string, any>): Needed[] | undefined {
  if (!S3_OBJECT.test(operation)) return undefined;
  const found = s3ActionOf(operation);
  if (!found || typeof input.Bucket !== 'string') return undefined;
  const resource = found.on === 'object' ? `arn:aws:s3:::${input.Bucket}/${String(input.Key ?? '*')}` : `arn:aws:s3:::${input.Bucket}`;
  return [{ action: found.action, resource }];
}

/** What an operation needs, or undefined when the operation is not checked yet. */
export function neededFor(service: string, operation: string, facts: CallFacts): Needed[] | undefined {
  if (service === 's3') return s3Needed(operation, facts.input);
  const rules = RULES[service];
  const rule = rules && Object.hasOwn(rules, operation) ? rules[operation] : undefined;
  return rule?.(facts);
}

/** The operations checked, as `service:Operation`, for documentation and tests. */
export function checkedOperations(): string[] {
  return [...Object.entries(RULES).flatMap(([service, rules]) => Object.keys(rules).map((name) => `${service}:${name}`)), ...S3_OBJECT.source.replace(/[\^$()]/g, '').split('|').map((name) => `s3:${name}`)];
}

/** Where the unchecked operations are named. */
export const UNCHECKED_NOTE = 'Operations of IAM, STS, CloudWatch Logs (but for CreateLogGroup, CreateLogStream and PutLogEvents), API Gateway, Step Functions and the control planes not listed here are allowed to role sessions without a check.';
