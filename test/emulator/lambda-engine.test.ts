import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { DescribeLogStreamsCommand, FilterLogEventsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { InvokeCommand, LambdaClient, PutFunctionConcurrencyCommand, PutFunctionEventInvokeConfigCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { createExecutionEngine } from '../../src/emulator/services/lambda/execution/engine.ts';
import type { AsyncInvocationFinished, InvocationFinished } from '../../src/emulator/services/lambda/execution/events.ts';
import type { AsyncInvokeConfig } from '../../src/emulator/services/lambda/execution/types.ts';
import { clientsAt, useEmulator } from '../support/emulator.ts';
import { createFunction } from '../support/lambda.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { ACCOUNT, alive, hasPython, useEngine } from '../support/lambda-engine.ts';
import { eventually } from '../support/eventually.ts';

const ISO = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** What Lambda documents, plus what the Node runtime sets itself; nothing else may reach a function. */
const DOCUMENTED = [
  'AWS_ACCESS_KEY_ID', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_LAMBDA_RUNTIME_API', 'AWS_REGION', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'LAMBDA_RUNTIME_DIR', 'LAMBDA_TASK_ROOT', 'LANG', 'NODE_PATH', 'PATH', 'TMPDIR', 'TZ', '_HANDLER', '_X_AMZN_TRACE_ID',
];

/** Creates an SQS queue and returns its ARN and a reader of its next message's JSON body. */
async function queueIn(sqs: SQSClient, name: string): Promise<{ arn: string; read: () => Promise<any> }> {
  const url = (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!;
  const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  const read = async () => {
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1 }));
    return Messages?.[0] && JSON.parse(Messages[0].Body!);
  };
  return { arn, read };
}

// The environment's own Runtime API address names it: inside the OS sandbox every runtime is pid 2.
const SLEEPER = 'export const handler = async (event) => { await new Promise((r) => setTimeout(r, event.ms ?? 0)); return process.env.AWS_LAMBDA_RUNTIME_API; };';

describe('Lambda execution engine', () => {
  const fx = useEngine();

  it('runs an ESM handler with Lambda’s context, environment and console format, and nothing from the host', async () => {
    process.env.WORKSHOP_HOST_SECRET = 'must-not-leak';
    try {
      const config = fx.deploy('context', {
        'index.mjs': `export const handler = async (event, context) => {
          console.log('hello %s', event.name); console.warn('careful'); console.error('two\\nlines');
          return { event, cwd: process.cwd(), env: process.env, left: context.getRemainingTimeInMillis(),
            context: { ...context, remaining: undefined } };
        };`,
      }, { environment: { GREETING: 'hi', AWS_REGION: 'eu-west-1' }, timeoutSeconds: 5 });
      const result = await fx.invoke(config, { name: 'Ada' });
      expect(result.functionError).toBeUndefined();
      expect(result.executedVersion).toBe('$LATEST');
      const { env, context } = result.body;
      expect(Object.keys(env).filter((name) => name !== 'GREETING').sort()).toEqual(DOCUMENTED);
      expect(env).toMatchObject({
        GREETING: 'hi', AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: ACCOUNT, AWS_ENDPOINT_URL: fx.running.url, TZ: ':UTC',
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x', _HANDLER: 'index.handler', LAMBDA_TASK_ROOT: config.codeDir,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128', AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/context',
      });
      expect(env.AWS_LAMBDA_RUNTIME_API).toMatch(new RegExp(`^127\\.0\\.0\\.1:${fx.running.port}/_lambda-runtime/[0-9a-f]+$`));
      expect(env.AWS_LAMBDA_LOG_STREAM_NAME).toMatch(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
      expect(result.body.cwd).toBe(config.codeDir);
      expect(result.body.left).toBeGreaterThan(4000);
      expect(context).toMatchObject({
        callbackWaitsForEmptyEventLoop: true, functionName: 'context', functionVersion: '$LATEST', memoryLimitInMB: '128',
        invokedFunctionArn: config.functionArn, awsRequestId: result.requestId, logGroupName: '/aws/lambda/context',
        logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
      });
      const id = result.requestId;
      expect(result.log).toMatch(new RegExp(`^START RequestId: ${id} Version: \\$LATEST\\n`, 'm'));
      expect(result.log).toMatch(new RegExp(`^${ISO}\\t${id}\\tINFO\\thello Ada\\n`, 'm'));
      expect(result.log).toMatch(new RegExp(`^${ISO}\\t${id}\\tWARN\\tcareful\\n`, 'm'));
      expect(result.log).toMatch(new RegExp(`^${ISO}\\t${id}\\tERROR\\ttwo\\nlines\\n`, 'm'));
      expect(result.log).toMatch(new RegExp(`END RequestId: ${id}\\nREPORT RequestId: ${id}\\tDuration: [\\d.]+ ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: [\\d.]+ ms\\t\\n$`));
    } finally {
      delete process.env.WORKSHOP_HOST_SECRET;
    }
  });

  it('reuses a warm environment, and starts a new one for new configuration or after retire', async () => {
    const config = fx.deploy('warm', { 'index.mjs': SLEEPER });
    const first = await fx.invoke(config);
    const second = await fx.invoke(config);
    expect(second.body).toBe(first.body);
    expect(first.log).toContain('Init Duration');
    expect(second.log).not.toContain('Init Duration');
    const changed = await fx.invoke({ ...config, environment: { STAGE: 'two' } });
    expect(changed.body).not.toBe(first.body);
    expect(changed.log).toContain('Init Duration');
    fx.engine.retire(config.functionArn);
    await eventually(() => !alive(first.body));
    const after = await fx.invoke(config);
    expect(after.body).not.toBe(first.body);
    expect(after.log).toContain('Init Duration');
  });

  it('loads CommonJS, nested handler paths, .cjs and "type": "module" packages, with callbacks', async () => {
    const nested = fx.deploy('nested', {
      'src/app.js': 'exports.handler = (event, context, callback) => { callback(null, { nested: true, got: event.n }); };',
    }, { handler: 'src/app.handler' });
    expect((await fx.invoke(nested, { n: 7 })).body).toEqual({ nested: true, got: 7 });
    const typed = fx.deploy('typed', { 'package.json': '{"type":"module"}', 'index.js': 'export const handler = async () => "esm .js";' });
    expect((await fx.invoke(typed)).body).toBe('esm .js');
    const cjs = fx.deploy('cjs', { 'lib/main.cjs': 'module.exports = { deep: { handler: async () => "cjs" } };' }, { handler: 'lib/main.deep.handler' });
    expect((await fx.invoke(cjs)).body).toBe('cjs');
  });

  it('lets handlers import the AWS SDK the kit ships, signing as the function’s own account', async () => {
    const config = fx.deploy('sdk', {
      'index.mjs': `import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
        import { createRequire } from 'node:module';
        const { IAMClient } = createRequire(import.meta.url)('@aws-sdk/client-iam');
        const sts = new STSClient({});
        export const handler = async () => ({ account: (await sts.send(new GetCallerIdentityCommand({}))).Account, iam: typeof IAMClient });`,
    }, { timeoutSeconds: 10 });
    expect((await fx.invoke(config)).body).toEqual({ account: ACCOUNT, iam: 'function' });
  });

  it('hands the client context and the invoked ARN to the handler', async () => {
    const config = fx.deploy('client-context', { 'index.mjs': 'export const handler = async (e, context) => ({ cc: context.clientContext, arn: context.invokedFunctionArn });' });
    const clientContext = Buffer.from(JSON.stringify({ custom: { cart: 3, shopper: 'José 日本' } })).toString('base64');
    const { body } = await fx.invoke({ ...config, version: '4' }, {}, { clientContext });
    expect(body).toEqual({ cc: { custom: { cart: 3, shopper: 'José 日本' } }, arn: `${config.functionArn}:4` });
  });

  it('runs concurrent invocations in separate environments and throttles beyond reserved concurrency', async () => {
    const open = fx.deploy('parallel', { 'index.mjs': SLEEPER });
    const [a, b] = await Promise.all([fx.invoke(open, { ms: 300 }), fx.invoke(open, { ms: 300 })]);
    expect(a.body).not.toBe(b.body);
    const limited = fx.deploy('limited', { 'index.mjs': SLEEPER }, { reservedConcurrency: 1 });
    const outcomes = await Promise.allSettled([fx.invoke(limited, { ms: 300 }), fx.invoke(limited, { ms: 300 })]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({
      reason: { code: 'TooManyRequestsException', status: 429, fields: { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' } },
    });
    await expect(fx.invoke({ ...limited, reservedConcurrency: 0 })).rejects.toMatchObject({ code: 'TooManyRequestsException' });
    expect(fx.events.some((event) => event.kind === 'invocation' && event.functionArn === limited.functionArn && event.outcome === 'throttled')).toBe(true);
  });

  it('writes START, the handler’s lines, END and REPORT to CloudWatch Logs, one stream per environment', async () => {
    const config = fx.deploy('logged', { 'index.mjs': 'export const handler = async () => { console.log("order placed"); return 1; };' });
    const { requestId } = await fx.invoke(config);
    const { logs } = clientsAt(fx.running.url, ACCOUNT);
    try {
      const streams = await eventually(async () => (await logs.send(new DescribeLogStreamsCommand({ logGroupName: '/aws/lambda/logged' }))).logStreams);
      expect(streams).toHaveLength(1);
      expect(streams[0]!.logStreamName).toMatch(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
      const messages = await eventually(async () => {
        const { events } = await logs.send(new GetLogEventsCommand({ logGroupName: '/aws/lambda/logged', logStreamName: streams[0]!.logStreamName! }));
        return events?.some((event) => event.message?.startsWith('REPORT')) && events.map((event) => event.message);
      });
      expect(messages[0]).toBe(`START RequestId: ${requestId} Version: $LATEST\n`);
      expect(messages[1]).toMatch(new RegExp(`^${ISO}\\t${requestId}\\tINFO\\torder placed\\n$`));
      expect(messages[2]).toBe(`END RequestId: ${requestId}\n`);
      expect(messages[3]).toMatch(/^REPORT RequestId: .*\tInit Duration: /);
    } finally {
      logs.destroy();
    }
  });

  it('serves the Runtime API only for environments it owns', async () => {
    const other = createExecutionEngine(fx.running.emulator);
    try {
      const config = fx.deploy('runtime-api', { 'index.mjs': 'export const handler = async () => process.env.AWS_LAMBDA_RUNTIME_API;' });
      const api = (await other.invoke(config, Buffer.from('{}'), { tailLog: false, clientContext: undefined })).payload.toString();
      expect((await fx.invoke(config)).body).toMatch(/_lambda-runtime\//);
      const bogus = await fetch(`http://${JSON.parse(api)}/2018-06-01/runtime/invocation/not-a-request/response`, { method: 'POST', body: '{}' });
      expect(bogus.status).toBe(400);
      expect(await bogus.json()).toEqual({ errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' });
      const stranger = await fetch(`${fx.running.url}/_lambda-runtime/abcdef/2018-06-01/runtime/invocation/next`);
      // No engine claims it, so it falls through to the AWS services, which do not know the path.
      expect(stranger.status).toBeGreaterThanOrEqual(400);
      expect(stranger.headers.get('lambda-runtime-aws-request-id')).toBeNull();
    } finally {
      await other.stop();
    }
  });

  it('runs a custom runtime (provided.al2023) that speaks the Runtime API itself', async () => {
    const config = fx.deploy('custom', {
      bootstrap: '#!/bin/sh\nexec node "$LAMBDA_TASK_ROOT/runtime.mjs"\n',
      'runtime.mjs': `const base = 'http://' + process.env.AWS_LAMBDA_RUNTIME_API + '/2018-06-01/runtime';
        for (;;) {
          const next = await fetch(base + '/invocation/next');
          const id = next.headers.get('lambda-runtime-aws-request-id');
          const event = await next.json();
          await fetch(base + '/invocation/' + id + '/response', { method: 'POST', body: JSON.stringify({ custom: event.n * 2, handler: process.env._HANDLER }) });
        }`,
    }, { runtime: 'provided.al2023', handler: 'function.handler' });
    expect((await fx.invoke(config, { n: 21 })).body).toEqual({ custom: 42, handler: 'function.handler' });
    expect((await fx.invoke(config, { n: 1 })).body).toEqual({ custom: 2, handler: 'function.handler' });
  });
});

describe('asynchronous invocations', () => {
  const fx = useEngine();
  const failing = 'export const handler = async (event) => { throw new Error("cannot ship " + event.order); };';
  const asyncConfig = (overrides: Partial<AsyncInvokeConfig>): AsyncInvokeConfig => ({ maximumRetryAttempts: 2, maximumEventAgeSeconds: 21600, onSuccess: undefined, onFailure: undefined, ...overrides });
  const finished = (requestId: string) => eventually(() => fx.events.find((event): event is AsyncInvocationFinished => event.kind === 'async' && event.requestId === requestId));

  const queue = (name: string) => queueIn(clientsAt(fx.running.url, ACCOUNT).sqs, name);

  it('retries a failing event twice with the same request id, then sends a RetriesExhausted record', async () => {
    const failures = await queue('order-failures');
    const config = fx.deploy('async-failing', { 'index.mjs': failing });
    const requestId = fx.engine.invokeAsync({ config, payload: Buffer.from('{"order":"o-1"}'), asyncConfig: asyncConfig({ onFailure: failures.arn }), invokedArn: config.functionArn, source: 'test' });
    const outcome = await finished(requestId);
    expect(outcome).toMatchObject({ condition: 'RetriesExhausted', approximateInvokeCount: 3, destination: failures.arn, delivered: true, source: 'test' });
    const attempts = fx.events.filter((event): event is InvocationFinished => event.kind === 'invocation' && event.requestId === requestId);
    expect(attempts.map((event) => [event.attempt, event.outcome, event.invocationType])).toEqual([[1, 'function-error', 'Event'], [2, 'function-error', 'Event'], [3, 'function-error', 'Event']]);
    const record = await eventually(failures.read);
    expect(record).toMatchObject({
      version: '1.0',
      requestContext: { requestId, functionArn: `${config.functionArn}:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: { order: 'o-1' },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'Error', errorMessage: 'cannot ship o-1' },
    });
    expect(new Date(record.timestamp).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('sends a Success record to the on-success destination', async () => {
    const successes = await queue('order-successes');
    const config = fx.deploy('async-ok', { 'index.mjs': 'export const handler = async (event) => ({ shipped: event.order });' });
    const requestId = fx.engine.invokeAsync({ config, payload: Buffer.from('{"order":"o-2"}'), asyncConfig: asyncConfig({ onSuccess: successes.arn }), invokedArn: config.functionArn });
    expect(await finished(requestId)).toMatchObject({ condition: 'Success', approximateInvokeCount: 1, delivered: true });
    const record = await eventually(successes.read);
    expect(record).toMatchObject({ requestContext: { condition: 'Success' }, responseContext: { statusCode: 200 }, responsePayload: { shipped: 'o-2' } });
    expect(record.responseContext.functionError).toBeUndefined();
  });

  it('drops events older than the maximum event age, and retries throttled events until then', async () => {
    const config = fx.deploy('async-old', { 'index.mjs': failing });
    const old = fx.engine.invokeAsync({ config, payload: Buffer.from('{}'), asyncConfig: asyncConfig({ maximumEventAgeSeconds: 60 }), invokedArn: config.functionArn });
    expect(await finished(old)).toMatchObject({ condition: 'EventAgeExceeded', approximateInvokeCount: 1, destination: undefined, delivered: undefined });
    const throttled = fx.deploy('async-throttled', { 'index.mjs': SLEEPER }, { reservedConcurrency: 0 });
    const waiting = fx.engine.invokeAsync({ config: throttled, payload: Buffer.from('{}'), asyncConfig: asyncConfig({ maximumEventAgeSeconds: 120 }), invokedArn: throttled.functionArn });
    expect(await finished(waiting)).toMatchObject({ condition: 'EventAgeExceeded', approximateInvokeCount: 0 });
    expect(fx.events.filter((event) => event.kind === 'invocation' && event.requestId === waiting && event.outcome === 'throttled').length).toBeGreaterThan(1);
  });

  it('reports a destination it cannot reach without stopping', async () => {
    const config = fx.deploy('async-nowhere', { 'index.mjs': 'export const handler = async () => 1;' });
    const missing = `arn:aws:sqs:us-east-1:${ACCOUNT}:no-such-queue`;
    const requestId = fx.engine.invokeAsync({ config, payload: Buffer.from('{}'), asyncConfig: asyncConfig({ onSuccess: missing }), invokedArn: config.functionArn });
    expect(await finished(requestId)).toMatchObject({ condition: 'Success', delivered: false });
  });
});

describe('idle environments', () => {
  const fx = useEngine({ settings: { idleEnvironmentMs: 400 } });

  it('are stopped after idleEnvironmentMs, and the next invoke is a cold start', async () => {
    const config = fx.deploy('idle', { 'index.mjs': SLEEPER });
    const first = await fx.invoke(config);
    expect(alive(first.body)).toBe(true);
    await eventually(() => !alive(first.body), 5000);
    const next = await fx.invoke(config);
    expect(next.body).not.toBe(first.body);
    expect(next.log).toContain('Init Duration');
  });
});

const python = hasPython();
if (!python) console.warn('lambda-engine: python3 is not on PATH, so the Python runtime tests are skipped');
const boto3 = python && hasPython('boto3');
if (python && !boto3) console.warn('lambda-engine: boto3 is not installed for python3, so the boto3 test is skipped');

describe.skipIf(!python)('the Python runtime', () => {
  const fx = useEngine();
  const deploy = (name: string, code: string) => fx.deploy(name, { 'lambda_function.py': code }, { runtime: 'python3.12', handler: 'lambda_function.lambda_handler', timeoutSeconds: 10 });

  it('runs lambda_function.lambda_handler with its context and the runtime’s log format', async () => {
    const config = deploy('py-context', `import logging
logger = logging.getLogger()
logger.setLevel(logging.INFO)
def lambda_handler(event, context):
    print("plain print")
    logger.info("order %s", event["order"])
    return {"name": context.function_name, "id": context.aws_request_id, "memory": context.memory_limit_in_mb,
            "arn": context.invoked_function_arn, "left": context.get_remaining_time_in_millis() > 5000}
`);
    const result = await fx.invoke(config, { order: 'o-9' });
    expect(result.body).toEqual({ name: 'py-context', id: result.requestId, memory: '128', arn: config.functionArn, left: true });
    expect(result.log).toContain('plain print\n');
    expect(result.log).toMatch(new RegExp(`\\[INFO\\]\\t${ISO}\\t${UUID}\\torder o-9\\n`));
  });

  it('reports exceptions and import errors in the Python runtime’s shape', async () => {
    const failing = await fx.invoke(deploy('py-error', 'def lambda_handler(event, context):\n    raise ValueError("no stock")\n'));
    expect(failing.functionError).toBe('Unhandled');
    expect(failing.body).toMatchObject({ errorMessage: 'no stock', errorType: 'ValueError', requestId: failing.requestId });
    expect(failing.body.stackTrace[0]).toContain('lambda_function.py');
    const missing = await fx.invoke(fx.deploy('py-missing', { 'other.py': '' }, { runtime: 'python3.12', handler: 'lambda_function.lambda_handler' }));
    expect(missing.body).toEqual({ errorMessage: "Unable to import module 'lambda_function': No module named 'lambda_function'", errorType: 'Runtime.ImportModuleError', requestId: '', stackTrace: [] });
  });

  it.skipIf(!boto3)('lets boto3 reach the emulator through AWS_ENDPOINT_URL as the function’s account', async () => {
    const config = deploy('py-boto3', 'import boto3\ndef lambda_handler(event, context):\n    return boto3.client("sts").get_caller_identity()["Account"]\n');
    expect((await fx.invoke(config)).body).toBe(ACCOUNT);
  });
});

describe('through the SDK and the control plane', () => {
  const emulator = useEmulator({ timeFactor: 0.001 });

  it('invokes with LogType Tail, stays warm, and logs to the function’s log group', async () => {
    const { lambda } = emulator.clients;
    await createFunction(lambda, 'sdk-echo', { files: { 'index.mjs': 'export const handler = async (event) => { console.log("got", event.n); return { pid: process.pid }; };' } });
    const first = await lambda.send(new InvokeCommand({ FunctionName: 'sdk-echo', Payload: Buffer.from('{"n":1}'), LogType: 'Tail' }));
    const second = await lambda.send(new InvokeCommand({ FunctionName: 'sdk-echo', Payload: Buffer.from('{"n":2}'), LogType: 'Tail' }));
    expect(first.StatusCode).toBe(200);
    expect(first.ExecutedVersion).toBe('$LATEST');
    expect(JSON.parse(Buffer.from(second.Payload!).toString())).toEqual(JSON.parse(Buffer.from(first.Payload!).toString()));
    const tail = Buffer.from(second.LogResult!, 'base64').toString();
    expect(tail).toMatch(new RegExp(`^START RequestId: ${second.$metadata.requestId} Version: \\$LATEST\n`));
    expect(tail).toContain('\tINFO\tgot 2\n');
    expect(tail).not.toContain('Init Duration');
    const streams = await eventually(async () => (await emulator.clients.logs.send(new DescribeLogStreamsCommand({ logGroupName: '/aws/lambda/sdk-echo' }))).logStreams);
    expect(streams).toHaveLength(1);
  });

  it('throttles with TooManyRequestsException (429) beyond the reserved concurrency', async () => {
    const { lambda } = emulator.clients;
    await createFunction(lambda, 'sdk-reserved', { files: { 'index.mjs': SLEEPER } });
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'sdk-reserved', ReservedConcurrentExecutions: 1 }));
    const once = new LambdaClient({ endpoint: emulator.running.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    try {
      const calls = [1, 2].map(() => once.send(new InvokeCommand({ FunctionName: 'sdk-reserved', Payload: Buffer.from('{"ms":400}') })));
      const outcomes = await Promise.allSettled(calls);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({
        reason: { name: 'TooManyRequestsException', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', $metadata: { httpStatusCode: 429 } },
      });
    } finally {
      once.destroy();
    }
  });

  it('runs Event invocations and sends the on-failure record to SQS', async () => {
    const { lambda, sqs } = emulator.clients;
    const failures = await queueIn(sqs, 'sdk-failures');
    await createFunction(lambda, 'sdk-async', { files: { 'index.mjs': 'export const handler = async () => { throw new Error("payment declined"); };' } });
    await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'sdk-async', MaximumRetryAttempts: 1, DestinationConfig: { OnFailure: { Destination: failures.arn } } }));
    const queued = await lambda.send(new InvokeCommand({ FunctionName: 'sdk-async', InvocationType: 'Event', Payload: Buffer.from('{"order":"o-7"}') }));
    expect(queued.StatusCode).toBe(202);
    const record = await eventually(failures.read);
    expect(record).toMatchObject({
      requestContext: { requestId: queued.$metadata.requestId, condition: 'RetriesExhausted', approximateInvokeCount: 2 },
      requestPayload: { order: 'o-7' },
      responsePayload: { errorType: 'Error', errorMessage: 'payment declined' },
    });
  });

  it('sends the on-success record to a Lambda function destination', async () => {
    const { lambda, logs } = emulator.clients;
    await createFunction(lambda, 'sdk-audit', { files: { 'index.mjs': 'export const handler = async (record) => { console.log("AUDIT " + JSON.stringify(record)); };' } });
    await createFunction(lambda, 'sdk-shipper', { files: { 'index.mjs': 'export const handler = async (event) => ({ shipped: event.order });' } });
    const audit = 'arn:aws:lambda:us-east-1:000000000000:function:sdk-audit';
    await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'sdk-shipper', DestinationConfig: { OnSuccess: { Destination: audit } } }));
    const queued = await lambda.send(new InvokeCommand({ FunctionName: 'sdk-shipper', InvocationType: 'Event', Payload: Buffer.from('{"order":"o-8"}') }));
    const line = await eventually(async () => {
      const { events } = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/sdk-audit', filterPattern: 'AUDIT' }));
      return events?.[0]?.message;
    });
    const record = JSON.parse(line.slice(line.indexOf('AUDIT ') + 6));
    expect(record).toMatchObject({
      version: '1.0',
      requestContext: { requestId: queued.$metadata.requestId, condition: 'Success', approximateInvokeCount: 1 },
      requestPayload: { order: 'o-8' },
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      responsePayload: { shipped: 'o-8' },
    });
  });
});
