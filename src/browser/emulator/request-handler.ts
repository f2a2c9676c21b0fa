/**
 * The AWS SDK v3 request handler of the page: it turns the SDK's HttpRequest into an emulator
 * request, calls the emulator in-process (or over a MessagePort, from another thread), and gives
 * the SDK an HttpResponse whose body is a ReadableStream, as fetch would.
 */
import type { HttpHandlerOptions, HttpRequest, HttpResponse, RequestHandler } from '@smithy/types';
import type { EmulatorRequest, EmulatorResponse } from '../../emulator/types.ts';
import { bodyBytes, fromWire, portHandle, toWire, type MessageTarget, type WireRequest, type WireResponse } from './wire.ts';

/** The origin SDK clients in the page use as their endpoint (nothing listens there: requests stay in-process). */
export const PAGE_ENDPOINT = 'http://127.0.0.1:4566';

/** An SDK v3 HttpHandler (what a client's `requestHandler` takes). */
export type HttpHandler = RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> & {
  updateHttpClientConfig(key: never, value: never): void;
  httpHandlerConfigs(): Record<string, unknown>;
};

/** Sends one request in message form and resolves with the answer. */
export type WireHandle = (request: WireRequest) => Promise<WireResponse>;

// The SDK escapes paths itself; query values are escaped here as its fetch handler does.
const escape = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

function queryString(query: HttpRequest['query'] = {}): string {
  const parts: string[] = [];
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    if (value === null || value === undefined) parts.push(escape(key));
    else for (const item of Array.isArray(value) ? value : [value]) parts.push(`${escape(key)}=${escape(item)}`);
  }
  return parts.join('&');
}

async function bytesOf(body: unknown): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array(0);
  if (typeof body === 'string' || body instanceof Uint8Array) return bodyBytes(body);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (typeof Blob === 'function' && body instanceof Blob) return new Uint8Array(await body.arrayBuffer());
  if (typeof ReadableStream === 'function' && body instanceof ReadableStream) return new Uint8Array(await new Response(body).arrayBuffer());
  throw new TypeError(`the page's request handler cannot send a body of type ${Object.prototype.toString.call(body)}`);
}

/** The SDK's request in message form (headers lower-cased, Host set as a socket would send it). */
export async function wireRequestOf(request: HttpRequest): Promise<WireRequest> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  headers.host ??= `${request.hostname}${request.port ? `:${request.port}` : ''}`;
  return { method: request.method, path: request.path || '/', query: queryString(request.query), headers, body: await bytesOf(request.body) };
}

function httpResponseOf(answer: WireResponse): HttpResponse {
  const headers: Record<string, string> = { ...answer.headers };
  if (answer.cookies?.length) headers['set-cookie'] = answer.cookies.join(', ');
  const bytes = answer.body;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (bytes.length > 0) controller.enqueue(bytes);
      controller.close();
    },
  });
  return { statusCode: answer.status, reason: undefined, headers, body } as unknown as HttpResponse;
}

/** An SDK request handler that sends requests through `send` (in-process or over a port). */
export function wireRequestHandler(send: WireHandle): HttpHandler {
  let config: Record<string, unknown> = {};
  return {
    async handle(request: HttpRequest, options?: HttpHandlerOptions) {
      if (options?.abortSignal?.aborted) throw Object.assign(new Error('Request aborted'), { name: 'AbortError' });
      return { response: httpResponseOf(await send(await wireRequestOf(request))) };
    },
    updateHttpClientConfig(key: string, value: unknown) {
      config = { ...config, [key]: value };
    },
    httpHandlerConfigs: () => config,
  } as unknown as HttpHandler;
}

/** An SDK request handler that calls the emulator's `handle()` in the same thread. */
export function pageRequestHandler(handle: (request: EmulatorRequest) => Promise<EmulatorResponse>): HttpHandler {
  return wireRequestHandler(async (request) => toWire(await handle(fromWire(request))));
}

/** An SDK request handler for another thread: requests go over `port` to a lab worker that serves it (servePort). */
export function portRequestHandler(port: MessageTarget): HttpHandler {
  return wireRequestHandler(portHandle(port));
}
