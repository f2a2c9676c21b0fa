/**
 * The Lambda Runtime API (2018-06-01) as the emulator serves it to execution environments, under
 * `/_lambda-runtime/<envId>/2018-06-01/runtime/...`: the HTTP side only. What each call means for
 * an invocation is the environment's business ({@link RuntimeApiTarget}).
 */
import { randomBytes } from 'node:crypto';
import type { EmulatorRequest, EmulatorResponse } from '../../../types.ts';

/** The path prefix of every environment's Runtime API. */
export const RUNTIME_PREFIX = '/_lambda-runtime/';

/** What an environment answers to its runtime's calls. */
export interface RuntimeApiTarget {
  /** `GET invocation/next`: resolves when there is an invocation for this environment (a long poll). */
  next(): Promise<EmulatorResponse>;
  /** `POST invocation/{id}/response`. */
  postResponse(requestId: string, body: Buffer): EmulatorResponse;
  /** `POST invocation/{id}/error`, with the `Lambda-Runtime-Function-Error-Type` header. */
  postError(requestId: string, body: Buffer, errorType: string | undefined): EmulatorResponse;
  /** `POST init/error`. */
  postInitError(body: Buffer, errorType: string | undefined): EmulatorResponse;
}

const JSON_TYPE = { 'content-type': 'application/json' };

/** `202 {"status":"OK"}`, the answer to a posted result. */
export function accepted(): EmulatorResponse {
  return { status: 202, headers: JSON_TYPE, body: '{"status":"OK"}' };
}

/** An error of the Runtime API itself, in its `{errorMessage, errorType}` shape. */
export function apiError(status: number, errorType: string, errorMessage: string): EmulatorResponse {
  return { status, headers: JSON_TYPE, body: JSON.stringify({ errorMessage, errorType }) };
}

/** The answer to a result for a request id the environment is not running. */
export function invalidRequestId(): EmulatorResponse {
  return apiError(400, 'InvalidRequestID', 'Invalid request ID');
}

/** The answer to a response larger than Lambda accepts. */
export function payloadTooLarge(limitBytes: number): EmulatorResponse {
  return apiError(413, 'RequestEntityTooLarge', `Exceeded maximum allowed payload size (${limitBytes} bytes).`);
}

/** What `invocation/next` carries: the event and the headers of its context. */
export interface NextInvocation {
  requestId: string;
  deadlineMs: number;
  invokedArn: string;
  traceId: string;
  clientContext: string | undefined;
  payload: Buffer;
}

/** The `invocation/next` answer for one invocation. */
export function nextResponse(next: NextInvocation): EmulatorResponse {
  const headers: Record<string, string> = {
    ...JSON_TYPE,
    'Lambda-Runtime-Aws-Request-Id': next.requestId,
    'Lambda-Runtime-Deadline-Ms': String(next.deadlineMs),
    'Lambda-Runtime-Invoked-Function-Arn': next.invokedArn,
    'Lambda-Runtime-Trace-Id': next.traceId,
  };
  if (next.clientContext) headers['Lambda-Runtime-Client-Context'] = next.clientContext;
  return { status: 200, headers, body: next.payload };
}

/** The `errorType` of a posted error body, when it is JSON that has one. */
export function errorTypeOf(body: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errorType?: unknown };
    return typeof parsed?.errorType === 'string' ? parsed.errorType : undefined;
  } catch {
    return undefined;
  }
}

const ROUTE = /^([0-9a-f]+)\/2018-06-01\/runtime\/(invocation\/next|invocation\/([^/]+)\/(response|error)|init\/error)$/;

/**
 * Answers one Runtime API request, or `undefined` when the path names an environment `lookup` does
 * not know (another engine in the same process may own it).
 */
export function routeRuntimeRequest(
  request: EmulatorRequest,
  lookup: (envId: string) => RuntimeApiTarget | undefined,
): Promise<EmulatorResponse> | EmulatorResponse | undefined {
  const rest = request.path.slice(RUNTIME_PREFIX.length);
  const envId = rest.slice(0, rest.indexOf('/'));
  const target = envId ? lookup(envId) : undefined;
  if (!target) return undefined;
  const match = ROUTE.exec(rest);
  if (!match) return apiError(404, 'NotFound', `The Runtime API has no route ${request.method} ${request.path}`);
  const [, , route, requestId, kind] = match;
  const errorType = request.headers['lambda-runtime-function-error-type'];
  if (route === 'invocation/next') {
    return request.method === 'GET' ? target.next() : apiError(405, 'MethodNotAllowed', 'invocation/next takes GET');
  }
  if (request.method !== 'POST') return apiError(405, 'MethodNotAllowed', `${route} takes POST`);
  if (route === 'init/error') return target.postInitError(request.body, errorType);
  const id = decodeURIComponent(requestId ?? '');
  return kind === 'response' ? target.postResponse(id, request.body) : target.postError(id, request.body, errorType);
}

/** An X-Ray style trace header for a new invocation. */
export function newTraceId(): string {
  const hex = randomBytes(20).toString('hex');
  return `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${hex.slice(0, 24)};Parent=${hex.slice(24)};Sampled=0`;
}
