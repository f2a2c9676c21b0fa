/**
 * API Gateway benchmark (run with `node bench/apigateway.ts`; prints figures, asserts nothing):
 * request -> handler -> response through an HTTP API on a warm function (p50 and p99, plain HTTP
 * from this process, as a shop's client sends it), the same function through a direct Invoke with
 * the SDK and as plain HTTP, the gateway's overhead over the plain Invoke, and requests per second with 16 concurrent clients.
 */
import { CreateApiCommand } from '@aws-sdk/client-apigatewayv2';
import { AddPermissionCommand, CreateFunctionCommand, InvokeCommand, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import { cpus } from 'node:os';
import { Agent, request } from 'node:http';
import { createClients } from '../src/core/clients.ts';
import { resolveTarget } from '../src/core/target.ts';
import { startEmulator } from '../src/emulator/server.ts';
import { zipFiles } from '../test/support/zip.ts';
import { percentile, report, since } from './stats.ts';

const HANDLER = `export const handler = async (event) => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ok: true, path: event.rawPath }) });`;
const ROUNDS = 2000;
const agent = new Agent({ keepAlive: true, maxSockets: 32 });

/** One request over a kept-alive connection; resolves with the status. */
function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { agent, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject).end(options.body);
  });
}

const get = (url: string) => send(url);

/** Lambda's Invoke as plain HTTP (the emulator checks a signature's scope, not its value, outside grading). */
const INVOKE_HEADERS = { authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=0', 'content-type': 'application/json' };

async function main(): Promise<void> {
  console.log(`API Gateway benchmark on Node.js ${process.version}, ${cpus().length} cores, ${ROUNDS} requests per figure`);
  const running = await startEmulator({ port: 0, log: () => {}, settings: { lambdaStateDelayMs: 0 } });
  const clients = createClients(resolveTarget({ flag: 'emulator', env: { AWS_ENDPOINT_URL: running.url } }));
  try {
    const created = await clients.lambda.send(new CreateFunctionCommand({
      FunctionName: 'bench-api', Runtime: 'nodejs22.x', Handler: 'index.handler', Role: 'arn:aws:iam::000000000000:role/bench', MemorySize: 256,
      Code: { ZipFile: zipFiles({ 'index.mjs': HANDLER }) },
    }));
    await waitUntilFunctionActiveV2({ client: clients.lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: 'bench-api' });
    const api = await clients.apigateway.send(new CreateApiCommand({ Name: 'bench', ProtocolType: 'HTTP', Target: created.FunctionArn }));
    await clients.lambda.send(new AddPermissionCommand({ FunctionName: 'bench-api', StatementId: 'api', Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', SourceArn: `arn:aws:execute-api:us-east-1:000000000000:${api.ApiId}/*` }));
    const url = `${api.ApiEndpoint}/orders/1`;
    const event = Buffer.from(JSON.stringify({ rawPath: '/orders/1' }));
    // Warm both paths: the first request starts the execution environment.
    for (let i = 0; i < 50; i++) {
      if ((await get(url)) !== 200) throw new Error('the API did not answer 200');
      await clients.lambda.send(new InvokeCommand({ FunctionName: 'bench-api', Payload: event }));
    }
    const invokeUrl = `${running.url}/2015-03-31/functions/bench-api/invocations`;
    if ((await send(invokeUrl, { method: 'POST', headers: INVOKE_HEADERS, body: event })) !== 200) throw new Error('the plain Invoke did not answer 200');
    const viaApi: number[] = [];
    const direct: number[] = [];
    const plain: number[] = [];
    // Interleaved, so both see the same machine.
    for (let i = 0; i < ROUNDS; i++) {
      let start = performance.now();
      await get(url);
      viaApi.push(since(start));
      start = performance.now();
      await clients.lambda.send(new InvokeCommand({ FunctionName: 'bench-api', Payload: event }));
      direct.push(since(start));
      start = performance.now();
      await send(invokeUrl, { method: 'POST', headers: INVOKE_HEADERS, body: event });
      plain.push(since(start));
    }
    report('HTTP API request -> handler -> response, p50', percentile(viaApi, 50), 'ms', 'warm function, plain HTTP');
    report('HTTP API request -> handler -> response, p99', percentile(viaApi, 99), 'ms');
    report('direct Invoke through the SDK, p50', percentile(direct, 50), 'ms', 'same function, same run');
    report('direct Invoke through the SDK, p99', percentile(direct, 99), 'ms');
    report('direct Invoke as plain HTTP, p50', percentile(plain, 50), 'ms', 'the same client as the API requests');
    report('direct Invoke as plain HTTP, p99', percentile(plain, 99), 'ms');
    report('gateway over a plain-HTTP Invoke, p50', percentile(viaApi, 50) - percentile(plain, 50), 'ms', 'target: under 1 ms');
    const seconds = 5;
    let done = 0;
    const end = performance.now() + seconds * 1000;
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (performance.now() < end) {
        await get(url);
        done += 1;
      }
    }));
    report('HTTP API requests per second, 16 concurrent clients', done / seconds, 'req/s', 'one warm function; concurrent requests start more environments');
  } finally {
    clients.destroy();
    agent.destroy();
    await running.stop();
  }
}

await main();
