/**
 * What a client receives for a function's answer, by API Gateway's rules. Format 2.0: an object
 * with a `statusCode` is a response (its `headers`, `cookies`, `body`, `isBase64Encoded`; no
 * content-type means text/plain); anything else is a 200 JSON body (a string as it is, any other
 * value as JSON). Format 1.0: only an object with a `statusCode` is a response. What breaks the
 * rules is AWS's 500, with the reason kept for the trace.
 */
import type { EmulatorResponse } from '../../../types.ts';

/** A response the gateway sends, or the reason the function's answer could not be one. */
export type Mapped = { response: EmulatorResponse } | { malformed: string };

/** API Gateway's own error answers. */
export function gatewayError(status: 401 | 403 | 404 | 413 | 429 | 500 | 503, requestId: string): EmulatorResponse {
  const messages: Record<number, string> = {
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    413: 'Request Entity Too Large',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  };
  return { status, headers: { 'content-type': 'application/json', 'apigw-requestid': requestId }, body: JSON.stringify({ message: messages[status] }) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function headerMap(value: unknown, what: string): Record<string, string> | string {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) return `${what} must be an object of header names to values`;
  const headers: Record<string, string> = {};
  for (const [name, text] of Object.entries(value)) {
    if (text === null || typeof text === 'object') return `${what}.${name} must be a string, number or boolean`;
    headers[name.toLowerCase()] = String(text);
  }
  return headers;
}

function statusOf(value: unknown): number | undefined {
  const status = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599 ? status : undefined;
}

function bodyOf(value: Record<string, unknown>): Buffer | string {
  if (value.body === undefined || value.body === null) return '';
  const text = typeof value.body === 'string' ? value.body : JSON.stringify(value.body);
  return value.isBase64Encoded === true ? Buffer.from(text, 'base64') : text;
}

/** How a front door other than API Gateway's (a function URL) names its request id and types a response with none. */
export interface MapOptions {
  /** The header that carries the request id; API Gateway's `apigw-requestid` by default. */
  requestIdHeader?: string;
  /** The content type of a response that names none; API Gateway's text/plain by default. */
  defaultContentType?: string;
}

/** Maps a format 2.0 answer (the function's JSON payload text). */
export function mapV2(payload: string, requestId: string, options: MapOptions = {}): Mapped {
  const idHeader = options.requestIdHeader ?? 'apigw-requestid';
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return { malformed: 'the function answered something that is not JSON' };
  }
  if (!isRecord(value) || value.statusCode === undefined) {
    const body = typeof value === 'string' ? value : payload;
    return { response: { status: 200, headers: { 'content-type': 'application/json', [idHeader]: requestId }, body } };
  }
  const status = statusOf(value.statusCode);
  if (status === undefined) return { malformed: `statusCode ${JSON.stringify(value.statusCode)} is not an HTTP status code` };
  const headers = headerMap(value.headers, 'headers');
  if (typeof headers === 'string') return { malformed: headers };
  if (value.cookies !== undefined && !(Array.isArray(value.cookies) && value.cookies.every((cookie) => typeof cookie === 'string'))) {
    return { malformed: 'cookies must be a list of strings' };
  }
  const cookies = (value.cookies as string[] | undefined) ?? [];
  const all: Record<string, string> = { 'content-type': options.defaultContentType ?? 'text/plain; charset=utf-8', ...headers, [idHeader]: requestId };
  return { response: { status, headers: all, body: bodyOf(value), ...(cookies.length > 0 ? { cookies } : {}) } };
}

/** Maps a format 1.0 answer: it must be an object with a statusCode. */
export function mapV1(payload: string, requestId: string): Mapped {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return { malformed: 'the function answered something that is not JSON' };
  }
  if (!isRecord(value)) return { malformed: 'payload format 1.0 needs an object with a statusCode as the answer' };
  const status = statusOf(value.statusCode);
  if (status === undefined) return { malformed: `payload format 1.0 needs a statusCode, and the answer has ${value.statusCode === undefined ? 'none' : JSON.stringify(value.statusCode)}` };
  const single = headerMap(value.headers, 'headers');
  if (typeof single === 'string') return { malformed: single };
  const headers: Record<string, string> = { 'content-type': 'application/json', ...single };
  if (isRecord(value.multiValueHeaders)) {
    for (const [name, list] of Object.entries(value.multiValueHeaders)) {
      if (Array.isArray(list)) headers[name.toLowerCase()] = list.map(String).join(', ');
    }
  }
  return { response: { status, headers: { ...headers, 'apigw-requestid': requestId }, body: bodyOf(value) } };
}
