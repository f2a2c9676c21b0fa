/**
 * Task resources: Lambda by function ARN and the optimised integrations (lambda:invoke, DynamoDB,
 * SQS, EventBridge, SNS) and `aws-sdk:` calls, each reaching the emulator's own service through
 * `emulator.call`, never the network. Each records AWS's history events for the task.
 */
import { randomUUID } from 'node:crypto';
import { isAwsError } from '../../errors.ts';
import type { Emulator } from '../../emulator.ts';
import type { History } from './history.ts';
import { checkTaskAccess } from './task-access.ts';
import { TaskError, sdkCause } from './task-error.ts';
import type { TaskTokens } from './tokens.ts';

/** What a task needs to run: where it runs, its history, the token registry. */
export interface TaskContext {
  emulator: Emulator;
  scope: { account: string; region: string };
  history: History;
  executionArn: string;
  stateName: string;
  tokens: TaskTokens;
  /** The string `$$.Task.Token` resolves to before a token is handed out. */
  tokenPlaceholder: string;
  signal: AbortSignal;
  /** The state machine role's session the tasks' calls are made as (none for a role IAM does not have). */
  accessKeyId?: string | undefined;
}

const FUNCTION_ARN = /^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:[^:]+(:[^:]+)?$/;
const SERVICE_ARN = /^arn:aws[\w-]*:states:::([\w-]+(?::[\w-]+)?):(\w+)(\.waitForTaskToken|\.sync(?::2)?)?$/;

/** Each optimised integration: the emulator service, its error prefix and its name in SDK causes. */
const SERVICES: Record<string, { service: string; prefix: string; sdkName: string; metadata: boolean }> = {
  lambda: { service: 'lambda', prefix: 'Lambda', sdkName: 'AWSLambda', metadata: true },
  dynamodb: { service: 'dynamodb', prefix: 'DynamoDB', sdkName: 'AmazonDynamoDBv2', metadata: true },
  sqs: { service: 'sqs', prefix: 'SQS', sdkName: 'AmazonSQS', metadata: true },
  sns: { service: 'sns', prefix: 'SNS', sdkName: 'AmazonSNS', metadata: true },
  events: { service: 'events', prefix: 'EventBridge', sdkName: 'EventBridge', metadata: false },
};
/** `aws-sdk:<name>` service names that differ from the emulator's. */
const SDK_NAMES: Record<string, string> = { eventbridge: 'events', cloudwatchlogs: 'logs', secretsmanager: 'secretsmanager' };

const json = (value: unknown) => JSON.stringify(value ?? null);
const pascal = (action: string) => action.charAt(0).toUpperCase() + action.slice(1);

function metadata(requestId: string) {
  const headers = { 'Content-Type': 'application/x-amz-json-1.0', 'x-amzn-RequestId': requestId };
  return { SdkHttpMetadata: { AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, [value]])), HttpHeaders: headers, HttpStatusCode: 200 }, SdkResponseMetadata: { RequestId: requestId } };
}

/** Replaces the token placeholder anywhere in a value. */
function withToken(value: unknown, placeholder: string, token: string): unknown {
  if (value === placeholder) return token;
  if (Array.isArray(value)) return value.map((item) => withToken(item, placeholder, token));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withToken(item, placeholder, token)]));
  return value;
}

const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** A service call's error as the task error AWS names it (`DynamoDB.ConditionalCheckFailedException`). */
function serviceFailure(error: unknown, prefix: string, sdkName: string): TaskError {
  if (!isAwsError(error)) return new TaskError('States.TaskFailed', (error as Error)?.message ?? String(error));
  const code = error.code.includes('#') ? error.code.slice(error.code.lastIndexOf('#') + 1) : error.code;
  return new TaskError(`${prefix}.${code}`, sdkCause(error.message, sdkName, error.status, code, randomUUID()));
}

/** The input an integration's action sends to the emulator's service. */
function serviceInput(integration: string, action: string, input: Record<string, any>): Record<string, unknown> {
  if (integration === 'sqs' && action === 'sendMessage') return { ...input, MessageBody: asText(input.MessageBody) };
  if (integration === 'sns' && action === 'publish') return { ...input, Message: asText(input.Message) };
  if (integration === 'events' && action === 'putEvents') return { ...input, Entries: (input.Entries ?? []).map((entry: any) => ({ ...entry, ...(entry?.Detail !== undefined ? { Detail: asText(entry.Detail) } : {}) })) };
  return input;
}

/** Invokes a function and returns its answer, or throws the task error for its failure. */
async function invokeFunction(context: TaskContext, input: Record<string, any>, type: 'RequestResponse' | 'Event'): Promise<{ payload: unknown; requestId: string; version: string }> {
  let answer: { status?: number; headers?: Record<string, string>; body?: Buffer | string };
  const payload = input.Payload === undefined ? {} : input.Payload;
  await checkTaskAccess(context, { integration: 'lambda', prefix: 'Lambda', sdkName: 'AWSLambda' }, 'lambda', 'Invoke', { FunctionName: input.FunctionName, Qualifier: input.Qualifier });
  try {
    answer = await context.emulator.call('lambda', 'Invoke', { FunctionName: input.FunctionName, Qualifier: input.Qualifier, InvocationType: type, Payload: Buffer.from(json(payload)) }, context.scope);
  } catch (error) {
    throw serviceFailure(error, 'Lambda', 'AWSLambda');
  }
  const text = Buffer.isBuffer(answer.body) ? answer.body.toString('utf8') : String(answer.body ?? '');
  let parsed: unknown = text;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    // A function may answer text that is not JSON: Step Functions passes it on as a string.
  }
  if (answer.headers?.['x-amz-function-error']) {
    const errorType = (parsed as { errorType?: unknown } | null)?.errorType;
    throw new TaskError(typeof errorType === 'string' ? errorType : 'Lambda.Unknown', text);
  }
  return { payload: parsed, requestId: answer.headers?.['x-amzn-requestid'] ?? randomUUID(), version: answer.headers?.['x-amz-executed-version'] ?? '$LATEST' };
}

/** Runs a Lambda task named by its function ARN: the output is the function's answer itself. */
async function runFunction(context: TaskContext, resource: string, input: unknown): Promise<unknown> {
  const { history } = context;
  history.add('LambdaFunctionScheduled', { lambdaFunctionScheduledEventDetails: { resource, input: json(input), inputDetails: { truncated: false } } });
  history.add('LambdaFunctionStarted', {});
  try {
    const { payload } = await invokeFunction(context, { FunctionName: resource, Payload: input }, 'RequestResponse');
    history.add('LambdaFunctionSucceeded', { lambdaFunctionSucceededEventDetails: { output: json(payload), outputDetails: { truncated: false } } });
    return payload;
  } catch (error) {
    history.add('LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: { error: (error as Error).name, cause: (error as Error).message } });
    throw error;
  }
}

/** One call of an integration's action; the answer is what the task's result becomes. */
async function callIntegration(context: TaskContext, integration: string, action: string, input: Record<string, any>, waiting: boolean): Promise<unknown> {
  if (integration === 'lambda' && action === 'invoke') {
    const answer = await invokeFunction(context, input, waiting ? 'Event' : (input.InvocationType ?? 'RequestResponse'));
    return { ExecutedVersion: answer.version, Payload: answer.payload, ...metadata(answer.requestId), StatusCode: waiting ? 202 : 200 };
  }
  const sdk = integration.startsWith('aws-sdk:') ? integration.slice('aws-sdk:'.length) : undefined;
  const known = sdk === undefined ? SERVICES[integration] : undefined;
  const service = sdk !== undefined ? (SDK_NAMES[sdk] ?? sdk) : known?.service;
  const prefix = sdk !== undefined ? pascal(sdk) : known!.prefix;
  if (!service || !context.emulator.services.has(service)) {
    throw new TaskError('States.Runtime', `The resource of state ${context.stateName} calls ${integration}, which this emulator does not run: use a Lambda function, DynamoDB, SQS, EventBridge or SNS task instead.`);
  }
  let answer: any;
  const sent = serviceInput(integration, action, input);
  await checkTaskAccess(context, { integration, prefix, sdkName: known?.sdkName ?? prefix }, service, pascal(action), sent);
  try {
    answer = await context.emulator.call(service, pascal(action), sent, context.scope);
  } catch (error) {
    throw serviceFailure(error, prefix, known?.sdkName ?? prefix);
  }
  return known?.metadata ? { ...answer, ...metadata(randomUUID()) } : answer;
}

/** Runs a Task state's resource with its effective input; the answer is the state's result. */
export async function runTask(context: TaskContext, resource: string, input: unknown): Promise<unknown> {
  if (FUNCTION_ARN.test(resource)) return runFunction(context, resource, input);
  const parsed = SERVICE_ARN.exec(resource);
  const resourceType = parsed?.[1] ?? resource;
  const action = `${parsed?.[2] ?? ''}${parsed?.[3] ?? ''}`;
  const names = { resourceType, resource: action };
  const { history } = context;
  history.add('TaskScheduled', { taskScheduledEventDetails: { ...names, region: context.scope.region, parameters: json(input) } });
  history.add('TaskStarted', { taskStartedEventDetails: names });
  const waiting = parsed?.[3] === '.waitForTaskToken';
  try {
    if (!parsed || (!SERVICES[resourceType] && !resourceType.startsWith('aws-sdk:'))) {
      throw new TaskError('States.Runtime', `The resource ${resource} of state ${context.stateName} is not one this emulator runs: use a Lambda function ARN or arn:aws:states:::<service>:<action>.`);
    }
    let output: unknown;
    if (waiting) {
      const token = context.tokens.issue(context.executionArn, context.signal);
      const answer = await callIntegration(context, resourceType, parsed[2]!, withToken(input, context.tokenPlaceholder, token.token) as Record<string, any>, true);
      history.add('TaskSubmitted', { taskSubmittedEventDetails: { ...names, output: json(answer), outputDetails: { truncated: false } } });
      output = await token.settled;
    } else {
      output = await callIntegration(context, resourceType, parsed[2]!, (input ?? {}) as Record<string, any>, false);
    }
    history.add('TaskSucceeded', { taskSucceededEventDetails: { ...names, output: json(output), outputDetails: { truncated: false } } });
    return output;
  } catch (error) {
    const failure = error instanceof TaskError ? error : new TaskError('States.TaskFailed', (error as Error)?.message ?? String(error));
    if (!context.signal.aborted) history.add('TaskFailed', { taskFailedEventDetails: { ...names, error: failure.name, cause: failure.message } });
    throw failure;
  }
}
