/**
 * Emulator requests and answers as messages between threads (the page, the lab worker, Lambda
 * environment workers): plain objects whose bodies are bytes, so they pass through postMessage.
 * One side serves a port with `handle()`; the other sends requests over it and awaits answers.
 */
import type { EmulatorRequest, EmulatorResponse } from '../../emulator/types.ts';

/** A request as a message. */
export interface WireRequest {
  method: string;
  path: string;
  /** The query string without `?`. */
  query: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** An answer as a message. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  cookies?: string[];
}

/** Anything with postMessage and message events: a MessagePort, a Worker, a worker's own scope. */
export interface MessageTarget {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: any) => void): void;
}

/** The emulator's request handler. */
export type Handle = (request: EmulatorRequest) => Promise<EmulatorResponse>;

/** The message kinds on a port. */
export interface RequestMessage {
  kind: 'emulator-request';
  id: number;
  request: WireRequest;
}
/** The answer to a {@link RequestMessage}. */
export interface ResponseMessage {
  kind: 'emulator-response';
  id: number;
  response: WireResponse;
}

const encoder = new TextEncoder();

/** The bytes of a body, copied out of a Node-style Buffer's shared pool so they can be transferred. */
export function bodyBytes(body: Uint8Array | string): Uint8Array {
  return typeof body === 'string' ? encoder.encode(body) : new Uint8Array(body);
}

/** An emulator request from its message form. */
export function fromWire(request: WireRequest): EmulatorRequest {
  return {
    method: request.method,
    path: request.path,
    query: new URLSearchParams(request.query),
    headers: request.headers,
    body: Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength),
    remoteAddress: '127.0.0.1',
  };
}

/** An emulator answer in its message form. */
export function toWire(response: EmulatorResponse): WireResponse {
  const wire: WireResponse = { status: response.status, headers: response.headers, body: bodyBytes(response.body) };
  if (response.cookies) wire.cookies = response.cookies;
  return wire;
}

/** Answers every emulator request that arrives on `port` with `handle`. */
export function servePort(port: MessageTarget, handle: Handle): void {
  port.addEventListener('message', (event) => {
    const message = event.data as RequestMessage | undefined;
    if (message?.kind !== 'emulator-request') return;
    void handle(fromWire(message.request)).then(
      (response) => toWire(response),
      (error: unknown) => ({ status: 500, headers: { 'content-type': 'application/json' }, body: bodyBytes(JSON.stringify({ message: String((error as Error)?.message ?? error) })) }),
    ).then((response) => {
      const answer: ResponseMessage = { kind: 'emulator-response', id: message.id, response };
      port.postMessage(answer, [response.body.buffer as ArrayBuffer]);
    });
  });
  (port as { start?: () => void }).start?.();
}

/** A `handle` that sends each request over `port` to whoever serves it ({@link servePort}). */
export function portHandle(port: MessageTarget): (request: WireRequest) => Promise<WireResponse> {
  let next = 0;
  const waiting = new Map<number, (response: WireResponse) => void>();
  port.addEventListener('message', (event) => {
    const message = event.data as ResponseMessage | undefined;
    if (message?.kind !== 'emulator-response') return;
    waiting.get(message.id)?.(message.response);
    waiting.delete(message.id);
  });
  (port as { start?: () => void }).start?.();
  return (request) =>
    new Promise((resolve) => {
      const id = ++next;
      waiting.set(id, resolve);
      const body = new Uint8Array(request.body);
      const message: RequestMessage = { kind: 'emulator-request', id, request: { ...request, body } };
      port.postMessage(message, [body.buffer]);
    });
}
