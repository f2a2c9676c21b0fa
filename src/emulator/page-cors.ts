/**
 * CORS for the lesson site's own pages when they call AWS APIs (the resource explorer's actions:
 * Invoke, SendMessage, PutEvents and the SQS peek), signed as a client signs. Only origins on the
 * emulator's allow-list get it: access.ts has refused every other page before this runs, and a page
 * let through for another reason (a presigned S3 read) gets nothing here. S3 answers pages by its
 * buckets' CORS rules, function URLs and APIs by their own settings (front doors) and the
 * `/_workshop` routes by theirs, so all of those are left alone. An emulator that verifies
 * signatures (grading) gives pages no CORS at all, and refuses a page's unsigned SQS peek.
 */
import type { Emulator } from './emulator.ts';
import type { EmulatorRequest, EmulatorResponse } from './types.ts';

/** LocalStack's peek route, which reads a queue without a signature. */
const PEEK = '/_aws/sqs/messages';

/** The response headers a page needs to read: Invoke's function error, log tail and version, and every service's request id and error type. */
export const PAGE_EXPOSED_HEADERS = ['x-amzn-requestid', 'x-amz-request-id', 'x-amzn-errortype', 'x-amz-function-error', 'x-amz-log-result', 'x-amz-executed-version'];

const METHODS = 'GET, POST, PUT, DELETE, HEAD, OPTIONS';
/** What the SDK and the explorer send: signature, content, target and Lambda's invoke headers. */
const DEFAULT_HEADERS = 'authorization, content-type, x-amz-date, x-amz-target, x-amz-content-sha256, x-amz-security-token, x-amz-user-agent, x-amz-invocation-type, x-amz-log-type, x-amz-client-context, amz-sdk-invocation-id, amz-sdk-request';
const HEADER_NAME = /^[a-z0-9-]+$/;

/** What a page's request to an AWS API earns: an answer of its own (a preflight, a refusal), or headers to add to the service's answer. */
export type PageCors = { answer: EmulatorResponse } | { headers: Record<string, string> };

function isPreflight(request: EmulatorRequest): boolean {
  return request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
}

/** The header names a preflight asks for, kept only when each is a plain header name. */
function requestedHeaders(request: EmulatorRequest): string[] {
  return (request.headers['access-control-request-headers'] ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
}

/** True when the request (or, for a preflight, the request it announces) goes to a service whose answers to pages are its own business. */
function answersPagesItself(emulator: Emulator, request: EmulatorRequest): boolean {
  // A preflight carries no X-Amz-Target, only its name among the headers to come: a JSON-protocol call, never S3.
  if (isPreflight(request) && requestedHeaders(request).includes('x-amz-target')) return false;
  const service = emulator.route(request);
  return service === undefined || service.protocol === 'rest-xml';
}

function refusal(message: string): EmulatorResponse {
  return { status: 403, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: JSON.stringify({ __type: 'AccessDeniedException', message }) };
}

/**
 * What a request from a web page to an AWS API (or the SQS peek) earns, or undefined when it is
 * not one (no Origin, an emulator route, S3, a front door) and goes on as before. `internal` says
 * the path is one of the emulator's own routes.
 */
export function pageCors(emulator: Emulator, request: EmulatorRequest, internal: boolean): PageCors | undefined {
  const origin = request.headers.origin;
  if (origin === undefined || !emulator.access.originAllowed(origin)) return undefined;
  const peek = request.path === PEEK || request.path.startsWith(`${PEEK}/`);
  if (internal ? !peek : answersPagesItself(emulator, request)) return undefined;
  if (emulator.verifiesSignatures) {
    return { answer: refusal('This emulator is grading submissions and verifies every signature: a web page may not call its AWS APIs. Use the SDK or the CLI with your own credentials.') };
  }
  if (isPreflight(request)) {
    const asked = requestedHeaders(request);
    const headers = asked.length > 0 && asked.every((name) => HEADER_NAME.test(name)) ? asked.join(', ') : DEFAULT_HEADERS;
    return {
      answer: {
        status: 204,
        headers: { 'access-control-allow-origin': origin, 'access-control-allow-methods': METHODS, 'access-control-allow-headers': headers, 'access-control-max-age': '600', vary: 'Origin' },
        body: '',
      },
    };
  }
  return { headers: { 'access-control-allow-origin': origin, 'access-control-expose-headers': PAGE_EXPOSED_HEADERS.join(', '), vary: 'Origin' } };
}

/** The service's answer with the page's CORS headers added (a Vary it had is kept). */
export function withPageCors(answer: EmulatorResponse, headers: Record<string, string>): EmulatorResponse {
  const vary = answer.headers.vary ?? answer.headers.Vary;
  const merged = { ...answer.headers, ...headers };
  if (typeof vary === 'string' && vary !== '' && !/\borigin\b/i.test(vary)) merged.vary = `${vary}, Origin`;
  return { ...answer, headers: merged };
}
