/**
 * Requests to function URLs: a Host of `<urlId>.lambda-url.<region>.<anything>` (any port) names
 * the URL. The door answers a CORS preflight itself when the URL has CORS settings, checks who
 * may call (function-url-auth.ts), invokes the function with API Gateway's payload 2.0 event
 * (routeKey and stage `$default`) and maps its answer by the same rules, except that an answer
 * without a content type is JSON. What goes wrong gets Lambda's own answers, not API Gateway's:
 * 403 for a URL that does not exist or a caller not let in, 502 when the function fails or times
 * out, 429 when it is throttled. Every request is one `api-request` trace entry, saying why.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Emulator } from '../../emulator.ts';
import { isAwsError } from '../../errors.ts';
import type { EmulatorRequest, EmulatorResponse, FrontDoor } from '../../types.ts';
import { isPreflight, originAllowed, preflight, withCors } from '../apigateway/execute/cors.ts';
import { eventV2 } from '../apigateway/execute/event.ts';
import { mapV2 } from '../apigateway/execute/response.ts';
import type { CorsConfiguration } from '../apigateway/model.ts';
import { LATEST, functionArn } from './arns.ts';
import { admit, type Admitted, type UrlTarget } from './function-url-auth.ts';
import type { FunctionUrlCors } from './function-urls.ts';
import type { LambdaState } from './model.ts';

const HOST = /^([a-z0-9]+)\.lambda-url\.([a-z0-9-]+)\.[^:]+(?::(\d+))?$/i;
const FORBIDDEN = 'Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html';

/** The URL a request names by its host. */
interface Address {
  urlId: string;
  region: string;
  domainName: string;
  port: string | undefined;
}

function addressOf(request: EmulatorRequest): Address | undefined {
  const host = request.headers.host ?? '';
  const match = HOST.exec(host);
  if (!match) return undefined;
  return { urlId: match[1]!.toLowerCase(), region: match[2]!.toLowerCase(), domainName: host.replace(/:\d+$/, '').toLowerCase(), port: match[3] };
}

function locate(emulator: Emulator, address: Address): UrlTarget | undefined {
  for (const { account, region, state } of emulator.store.scopesOf<LambdaState>('lambda')) {
    if (region !== address.region) continue;
    for (const fn of state.functions.values()) {
      for (const [qualifier, url] of fn.urls ?? []) {
        if (url.urlId !== address.urlId) continue;
        return { account, region, fn, qualifier, url, arn: functionArn({ account, region }, fn.name, qualifier === LATEST ? undefined : qualifier) };
      }
    }
  }
  return undefined;
}

/** The URL's CORS settings in the shape API Gateway's CORS rules read. */
function corsOf(cors: FunctionUrlCors | undefined): CorsConfiguration | undefined {
  if (!cors) return undefined;
  const out: CorsConfiguration = {};
  if (cors.AllowCredentials !== undefined) out.allowCredentials = cors.AllowCredentials;
  if (cors.AllowHeaders) out.allowHeaders = cors.AllowHeaders;
  if (cors.AllowMethods) out.allowMethods = cors.AllowMethods;
  if (cors.AllowOrigins) out.allowOrigins = cors.AllowOrigins;
  if (cors.ExposeHeaders) out.exposeHeaders = cors.ExposeHeaders;
  if (cors.MaxAge !== undefined) out.maxAge = cors.MaxAge;
  return out;
}

/** The front door of every function URL in the emulator. */
export function functionUrlDoor(emulator: Emulator): FrontDoor {
  return {
    serves: (request) => addressOf(request) !== undefined,
    opensTo(request) {
      const address = addressOf(request);
      const found = address ? locate(emulator, address) : undefined;
      return found !== undefined && originAllowed(corsOf(found.url.cors), request.headers.origin);
    },
    handle: (request) => handle(emulator, request),
  };
}

/** Lambda's JSON error answer, as function URLs send it (`{"Message": ...}` and the error type in a header). */
function lambdaError(status: number, errorType: string, message: string | null, requestId: string): EmulatorResponse {
  return { status, headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': errorType }, body: JSON.stringify({ Message: message }) };
}

function badGateway(requestId: string): EmulatorResponse {
  return { status: 502, headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId }, body: 'Internal Server Error' };
}

/** What the trace says of one request. */
interface Outcome {
  response: EmulatorResponse;
  outcome: 'success' | 'function-error' | 'refused' | 'throttled';
  detail: string;
}

async function handle(emulator: Emulator, request: EmulatorRequest): Promise<EmulatorResponse> {
  const address = addressOf(request)!;
  const requestId = randomUUID();
  const target = locate(emulator, address);
  // AWS answers an id that no URL has with a 403 and a null message, as it would a caller it does not know.
  if (!target) return lambdaError(403, 'AccessDeniedException', null, requestId);
  const { response, outcome, detail } = await serve(emulator, request, address, target, requestId);
  emulator.trace.record({
    account: target.account, region: target.region, kind: 'api-request', requestId: response.headers['x-amzn-requestid'] ?? requestId, outcome, target: target.arn,
    detail: `${request.method} ${request.path} (function URL of ${target.arn}): ${detail}`,
    http: { api: target.url.urlId, method: request.method, path: request.path, status: response.status },
  });
  return response;
}

async function serve(emulator: Emulator, request: EmulatorRequest, address: Address, target: UrlTarget, requestId: string): Promise<Outcome> {
  const cors = corsOf(target.url.cors);
  if (cors && isPreflight(request)) {
    const answer = preflight(cors, request, requestId);
    const { 'apigw-requestid': _gateway, ...headers } = answer.headers;
    return { response: { ...answer, headers: { ...headers, 'x-amzn-requestid': requestId } }, outcome: 'success', detail: 'the URL answered the CORS preflight itself, from its Cors settings (the function did not run)' };
  }
  const admitted = await admit(emulator, target, request);
  if ('refused' in admitted) return { response: lambdaError(403, 'AccessDeniedException', FORBIDDEN, requestId), outcome: 'refused', detail: admitted.refused };
  const answer = await invoke(emulator, target, eventFor(request, address, target, admitted, requestId), requestId);
  return { ...answer, response: withCors(cors, request, answer.response) };
}

/** The payload 2.0 event, with the headers Lambda's front end adds and, for AWS_IAM, who signed. */
function eventFor(request: EmulatorRequest, address: Address, target: UrlTarget, admitted: Admitted, requestId: string): Record<string, unknown> {
  const sourceIp = (request.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const forwardedFor = request.headers['x-forwarded-for'] ? `${request.headers['x-forwarded-for']}, ${sourceIp}` : sourceIp;
  const traceId = `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
  const headers = { ...request.headers, 'x-amzn-trace-id': request.headers['x-amzn-trace-id'] ?? traceId, 'x-forwarded-for': forwardedFor, 'x-forwarded-proto': 'http', 'x-forwarded-port': address.port ?? '80' };
  const caller = admitted.caller;
  const event = eventV2({
    request: { ...request, headers }, account: caller === 'anonymous' ? 'anonymous' : caller.account, apiId: target.url.urlId, domainName: address.domainName,
    stage: '$default', routeKey: '$default', rawPath: request.path || '/', pathParameters: {}, stageVariables: undefined, requestId, time: new Date(),
  });
  if (caller !== 'anonymous') {
    const context = event.requestContext as Record<string, unknown>;
    const userArn = `arn:aws:iam::${caller.account}:root`;
    context.authorizer = { iam: { accessKey: caller.accessKeyId, accountId: caller.account, callerId: caller.account, cognitoIdentity: null, principalOrgId: null, userArn, userId: caller.account } };
  }
  return event;
}

function errorOf(payload: string): string {
  try {
    const { errorType, errorMessage } = JSON.parse(payload) as { errorType?: string; errorMessage?: string };
    return [errorType, errorMessage].filter(Boolean).join(': ') || payload.slice(0, 200);
  } catch {
    return payload.slice(0, 200);
  }
}

/** An answer that is not a response is sent as compact JSON, as Lambda re-serializes it. */
function compact(payload: string): string {
  try {
    const value = JSON.parse(payload) as unknown;
    const isResponse = typeof value === 'object' && value !== null && !Array.isArray(value) && (value as Record<string, unknown>).statusCode !== undefined;
    return typeof value === 'string' || isResponse ? payload : JSON.stringify(value);
  } catch {
    return payload;
  }
}

async function invoke(emulator: Emulator, target: UrlTarget, event: Record<string, unknown>, requestId: string): Promise<Outcome> {
  let answer: { headers?: Record<string, string>; body?: Buffer | string };
  try {
    answer = await emulator.call('lambda', 'Invoke', { FunctionName: target.arn, Payload: Buffer.from(JSON.stringify(event)) }, { account: target.account, region: target.region });
  } catch (error) {
    if (!isAwsError(error)) {
      emulator.log(`function URL of ${target.arn}: the invocation failed: ${(error as Error)?.stack ?? String(error)}`);
      return { response: badGateway(requestId), outcome: 'function-error', detail: `the emulator could not invoke the function (${(error as Error)?.message ?? String(error)}), so the URL answered 502` };
    }
    const reason = `${error.code}: ${error.message}`;
    if (error.code === 'TooManyRequestsException') {
      return { response: lambdaError(429, error.code, error.message, requestId), outcome: 'throttled', detail: `Lambda throttled the invocation (${reason}), so the URL answered 429: raise the function's reserved concurrency, or remove it` };
    }
    if (error.status === 413) return { response: lambdaError(413, error.code, error.message, requestId), outcome: 'refused', detail: `Lambda refused the request body (${reason})` };
    return { response: badGateway(requestId), outcome: 'function-error', detail: `Lambda refused the invocation (${reason}), so the URL answered 502` };
  }
  const lambdaRequestId = answer.headers?.['x-amzn-requestid'] ?? requestId;
  const payload = Buffer.isBuffer(answer.body) ? answer.body.toString('utf8') : String(answer.body ?? '');
  if (answer.headers?.['x-amz-function-error']) {
    return { response: badGateway(lambdaRequestId), outcome: 'function-error', detail: `the function failed (${errorOf(payload)}), so the URL answered 502 Internal Server Error: read its log group /aws/lambda/${target.fn.name}` };
  }
  const mapped = mapV2(compact(payload), lambdaRequestId, { requestIdHeader: 'x-amzn-requestid', defaultContentType: 'application/json' });
  if ('malformed' in mapped) {
    return { response: badGateway(lambdaRequestId), outcome: 'function-error', detail: `the function's answer is not a valid response (${mapped.malformed}), so the URL answered 502` };
  }
  return { response: mapped.response, outcome: 'success', detail: `${target.fn.name} answered ${mapped.response.status}` };
}
