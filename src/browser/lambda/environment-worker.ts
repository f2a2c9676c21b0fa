/**
 * The Node.js runtime of a page execution environment (the entry of lambda-environment.js, run as
 * a dedicated Worker): the same loop as bootstrap/node-bootstrap.mjs on the Lambda Runtime API,
 * with the same context object, console format, error shapes and sync markers, over messages to
 * the lab worker instead of HTTP. The handler's SDK clients send their calls the same way, and its
 * `fetch` reaches the page's loopback network (the emulator, a grader's servers) and nothing else.
 *
 * LIMITATIONS: a callback handler completes when it calls back (there is no Node event loop to
 * wait for); an async handler that never settles runs until its timeout.
 */
import { format } from 'node:util';
import { JSONStringifyError, UnhandledPromiseRejection, toFormatted, toRapidResponse } from '../../emulator/services/lambda/execution/bootstrap/node-errors.mjs';
import { wireRequestHandler } from '../emulator/request-handler.ts';
import { portHandle, type MessageTarget, type WireResponse } from '../emulator/wire.ts';
import { portFetch } from '../net/net-port.ts';
import { loadPageHandler } from './handler-loader.ts';
import type { ExitMessage, LineMessage, StartMessage } from './messages.ts';
import { sdkModules } from './sdk-modules.ts';

type Handler = (event: unknown, context: unknown, callback: (error?: unknown, result?: unknown) => void) => unknown;

const self = globalThis as unknown as MessageTarget & { addEventListener(type: string, listener: (event: any) => void): void };
const send = portHandle(self);
// As a function on a machine reaches the host's servers: here the lab worker answers for them.
globalThis.fetch = portFetch(self);
const SYNC = '\u001e\u001e';
const decoder = new TextDecoder();

let env: Record<string, string> = {};
let base = '';
let requestId = 'undefined';
let onUncaught: (error: unknown) => void = (error) => void postInitError(error).finally(() => exit(129));

function output(text: string): void {
  const line: LineMessage = { kind: 'line', text };
  self.postMessage(line);
}

function exit(code: number): void {
  const message: ExitMessage = { kind: 'exit', code };
  self.postMessage(message);
}

function log(level: string, message: unknown, params: unknown[]): void {
  output(`${new Date().toISOString()}\t${requestId}\t${level}\t${format(message, ...params)}`.replace(/\n/g, '\r'));
}
for (const [method, level] of [['log', 'INFO'], ['info', 'INFO'], ['debug', 'DEBUG'], ['warn', 'WARN'], ['error', 'ERROR'], ['trace', 'TRACE']] as const) {
  console[method] = (message?: unknown, ...params: unknown[]) => log(level, message, params);
}

function call(method: string, route: string, body = '', headers: Record<string, string> = {}): Promise<WireResponse> {
  const authority = env.AWS_LAMBDA_RUNTIME_API!.split('/')[0]!;
  return send({ method, path: `${base}${route}`, query: '', headers: { host: authority, ...headers }, body: new TextEncoder().encode(body) });
}

function errorHeaders(body: { errorType?: unknown }): Record<string, string> {
  return { 'content-type': 'application/json', 'lambda-runtime-function-error-type': String(body.errorType ?? 'Unknown').replace(/[^\x20-\x7e]/g, '') };
}

function postInitError(error: unknown): Promise<unknown> {
  const body = toRapidResponse(error);
  output(`${SYNC}init`);
  return call('POST', '/init/error', JSON.stringify(body), errorHeaders(body)).catch(() => {});
}

function postError(id: string, error: unknown): Promise<unknown> {
  const body = toRapidResponse(error);
  output(`${SYNC}${id}`);
  return call('POST', `/invocation/${id}/error`, JSON.stringify(body), errorHeaders(body));
}

function postResponse(id: string, result: unknown): Promise<unknown> {
  let body: string | undefined;
  try {
    body = JSON.stringify(result === undefined ? null : result);
  } catch {
    return postError(id, new JSONStringifyError('Unable to stringify response body'));
  }
  output(`${SYNC}${id}`);
  return call('POST', `/invocation/${id}/response`, body ?? '', { 'content-type': 'application/json' });
}

function parseHeader(value: string | undefined): unknown {
  if (!value) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function run(handler: Handler, next: WireResponse): void {
  const headers = Object.fromEntries(Object.entries(next.headers).map(([name, value]) => [name.toLowerCase(), value]));
  const id = headers['lambda-runtime-aws-request-id']!;
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  requestId = id;
  if (headers['lambda-runtime-trace-id']) process.env._X_AMZN_TRACE_ID = headers['lambda-runtime-trace-id'];
  else delete process.env._X_AMZN_TRACE_ID;
  onUncaught = (error) => void postError(id, error).finally(() => exit(129));
  let finished = false;
  let waitForEmptyEventLoop = true;
  const complete = (error: unknown, result: unknown) => {
    if (finished) return;
    finished = true;
    let posted: Promise<unknown>;
    if (error !== undefined && error !== null) {
      console.error('Invoke Error', toFormatted(error));
      posted = postError(id, error);
    } else posted = postResponse(id, result);
    posted.then(() => setTimeout(loop, 0), () => exit(1));
  };
  const callback = (error?: unknown, result?: unknown) => setTimeout(() => complete(error, result), 0);
  const context = {
    get callbackWaitsForEmptyEventLoop() {
      return waitForEmptyEventLoop;
    },
    set callbackWaitsForEmptyEventLoop(value: boolean) {
      waitForEmptyEventLoop = value;
    },
    succeed: (result: unknown) => complete(null, result),
    fail: (error: unknown) => complete(error ?? 'handled', null),
    done: (error: unknown, result: unknown) => complete(error, result),
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: parseHeader(headers['lambda-runtime-client-context']),
    identity: parseHeader(headers['lambda-runtime-cognito-identity']),
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    awsRequestId: id,
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
  try {
    const result = handler(JSON.parse(decoder.decode(next.body)), context, callback) as Promise<unknown> | undefined;
    if (result && typeof result.then === 'function') result.then((value) => complete(null, value), (error: unknown) => complete(error ?? 'handled', null));
  } catch (error) {
    complete(error, null);
  }
}

let handlerFunction: Handler;

function loop(): void {
  call('GET', '/invocation/next').then(
    (next) => (next.status === 200 ? run(handlerFunction, next) : exit(1)),
    () => exit(1),
  );
}

self.addEventListener('error', (event: ErrorEvent) => {
  event.preventDefault();
  console.error('Uncaught Exception', toFormatted(event.error));
  onUncaught(event.error);
});
self.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
  event.preventDefault();
  const error = new UnhandledPromiseRejection(event.reason, event.promise);
  console.error('Unhandled Promise Rejection', toFormatted(error));
  onUncaught(error);
});

async function start(message: StartMessage): Promise<void> {
  env = message.env;
  Object.assign(process.env, env);
  const api = env.AWS_LAMBDA_RUNTIME_API ?? '';
  base = `${api.slice(api.indexOf('/'))}/2018-06-01/runtime`;
  const packages = await sdkModules(Object.values(message.files).join('\n'), env, wireRequestHandler(send));
  try {
    handlerFunction = (await loadPageHandler({ files: message.files, packages }, env._HANDLER ?? '', env.AWS_EXECUTION_ENV)) as Handler;
    loop();
  } catch (error) {
    console.error('Uncaught Exception', toFormatted(error));
    await postInitError(error);
    exit(129);
  }
}

self.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as StartMessage | undefined;
  if (message?.kind === 'start') void start(message);
});
