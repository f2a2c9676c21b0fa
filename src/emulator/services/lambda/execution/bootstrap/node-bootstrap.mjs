/**
 * The Node.js runtime of an execution environment: loads the handler named by _HANDLER from
 * LAMBDA_TASK_ROOT, then loops on the Lambda Runtime API (2018-06-01) at AWS_LAMBDA_RUNTIME_API,
 * as AWS's own runtime does: same handler lookup, context object, console format, error shapes,
 * callback and empty-event-loop rules. Plain JavaScript with built-in modules only, so it starts fast.
 */
import { JSONStringifyError, NodeJsExit, UnhandledPromiseRejection, toFormatted, toRapidResponse } from './node-errors.mjs';
import { loadHandler } from './node-loader.mjs';

// An ES import of node:http reads every export, which loads Node's bundled fetch (undici) at a
// cost of ~20 ms per cold start; the built-in module object does not.
const http = process.getBuiltinModule('node:http');
const { format } = process.getBuiltinModule('node:util');

const env = { ...process.env };
const api = env.AWS_LAMBDA_RUNTIME_API ?? '';
const slash = api.indexOf('/');
const authority = slash < 0 ? api : api.slice(0, slash);
const base = `${slash < 0 ? '' : api.slice(slash)}/2018-06-01/runtime`;
const colon = authority.lastIndexOf(':');
const hostname = authority.slice(0, colon).replace(/^\[|\]$/g, '');
const port = Number(authority.slice(colon + 1));
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const request = http.request;
// Output goes to a pipe, which Node writes asynchronously: a handler logging in a tight loop would
// queue everything in memory. Blocking writes keep memory flat, as writing to a file does.
for (const stream of [process.stdout, process.stderr]) stream._handle?.setBlocking?.(true);
const stdoutWrite = process.stdout.write.bind(process.stdout);
/** Tells the emulator that every line written before it belongs to the invocation that ends now. */
const SYNC = '\u001e\u001e';

let requestId = 'undefined';
let beforeExit;
let onUncaught = (error) => postInitError(error).finally(() => process.exit(129));
let onRejection = (error) => postInitError(error).finally(() => process.exit(128));

function log(level, message, params) {
  const line = `${new Date().toISOString()}\t${requestId}\t${level}\t${format(message, ...params)}`;
  stdoutWrite(`${line.replace(/\n/g, '\r')}\n`);
}
for (const [method, level] of [['log', 'INFO'], ['info', 'INFO'], ['debug', 'DEBUG'], ['warn', 'WARN'], ['error', 'ERROR'], ['trace', 'TRACE'], ['fatal', 'FATAL']]) {
  console[method] = (message, ...params) => log(level, message, params);
}

function call(method, route, body, headers = {}, retry = true) {
  return new Promise((resolve, reject) => {
    const outgoing = request({ hostname, port, method, path: base + route, agent, headers }, (incoming) => {
      const chunks = [];
      incoming.on('data', (chunk) => chunks.push(chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode, headers: incoming.headers, body: Buffer.concat(chunks) }));
      incoming.on('error', reject);
    });
    outgoing.on('error', (error) => {
      // A kept-alive connection the emulator closed while the handler ran: send again on a new one.
      if (retry && outgoing.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) resolve(call(method, route, body, headers, false));
      else reject(error);
    });
    outgoing.end(body);
  });
}

function errorHeaders(body) {
  return { 'content-type': 'application/json', 'lambda-runtime-function-error-type': String(body.errorType ?? 'Unknown').replace(/[^\x20-\x7e]/g, '') };
}

function postInitError(error) {
  const body = toRapidResponse(error);
  stdoutWrite(`${SYNC}init\n`);
  return call('POST', '/init/error', JSON.stringify(body), errorHeaders(body)).catch(() => {});
}

function postError(id, error) {
  const body = toRapidResponse(error);
  stdoutWrite(`${SYNC}${id}\n`);
  return call('POST', `/invocation/${id}/error`, JSON.stringify(body), errorHeaders(body));
}

function postResponse(id, result) {
  let body;
  try {
    body = JSON.stringify(result === undefined ? null : result);
  } catch {
    return postError(id, new JSONStringifyError('Unable to stringify response body'));
  }
  stdoutWrite(`${SYNC}${id}\n`);
  return call('POST', `/invocation/${id}/response`, body ?? '', { 'content-type': 'application/json' });
}

function parseHeader(value) {
  if (!value) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function run(handler, isAsync, next) {
  const id = next.headers['lambda-runtime-aws-request-id'];
  const deadline = Number(next.headers['lambda-runtime-deadline-ms']);
  requestId = id;
  if (next.headers['lambda-runtime-trace-id']) process.env._X_AMZN_TRACE_ID = next.headers['lambda-runtime-trace-id'];
  else delete process.env._X_AMZN_TRACE_ID;
  onUncaught = (error) => postError(id, error).finally(() => process.exit(129));
  onRejection = (error) => postError(id, error).finally(() => process.exit(128));

  let finished = false;
  let waitForEmptyEventLoop = true;
  const complete = (error, result) => {
    if (finished) return;
    finished = true;
    beforeExit = undefined;
    let posted;
    if (error !== undefined && error !== null) {
      console.error('Invoke Error', toFormatted(error));
      posted = postError(id, error);
    } else posted = postResponse(id, result);
    posted.then(() => setImmediate(loop), () => process.exit(1));
  };
  const callback = (error, result) => {
    if (finished) return;
    if ((error !== undefined && error !== null) || !waitForEmptyEventLoop) return complete(error, result);
    beforeExit = () => setImmediate(() => complete(null, result));
  };
  beforeExit = () => (isAsync ? complete(new NodeJsExit('The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes')) : complete(null, null));
  const context = {
    get callbackWaitsForEmptyEventLoop() {
      return waitForEmptyEventLoop;
    },
    set callbackWaitsForEmptyEventLoop(value) {
      waitForEmptyEventLoop = value;
    },
    succeed: (result) => complete(null, result),
    fail: (error) => complete(error ?? 'handled', null),
    done: (error, result) => complete(error, result),
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: parseHeader(next.headers['lambda-runtime-client-context']),
    identity: parseHeader(next.headers['lambda-runtime-cognito-identity']),
    invokedFunctionArn: next.headers['lambda-runtime-invoked-function-arn'],
    awsRequestId: id,
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
  try {
    const result = handler(JSON.parse(next.body.toString('utf8')), context, callback);
    if (result && typeof result.then === 'function') result.then((value) => complete(null, value), (error) => complete(error ?? 'handled', null));
  } catch (error) {
    callback(error);
  }
}

let handlerFunction;
let handlerIsAsync = false;

function loop() {
  call('GET', '/invocation/next').then(
    (next) => (next.status === 200 ? run(handlerFunction, handlerIsAsync, next) : process.exit(1)),
    () => process.exit(1),
  );
}

process.on('uncaughtException', (error) => {
  console.error('Uncaught Exception', toFormatted(error));
  onUncaught(error);
});
process.on('unhandledRejection', (reason, promise) => {
  const error = new UnhandledPromiseRejection(reason, promise);
  console.error('Unhandled Promise Rejection', toFormatted(error));
  onRejection(error);
});
process.on('beforeExit', () => {
  const action = beforeExit;
  beforeExit = undefined;
  action?.();
});

try {
  handlerFunction = await loadHandler(env.LAMBDA_TASK_ROOT ?? process.cwd(), env._HANDLER ?? '', env.AWS_EXECUTION_ENV);
  handlerIsAsync = handlerFunction.constructor?.name === 'AsyncFunction';
  loop();
} catch (error) {
  console.error('Uncaught Exception', toFormatted(error));
  await postInitError(error);
  process.exit(129);
}
