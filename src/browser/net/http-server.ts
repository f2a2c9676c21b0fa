/**
 * `http.createServer` in a page: a server whose `listen()` registers it on the page's loopback
 * network (local-network.ts) instead of a socket. Each request reaches the request listener as
 * Node's do, with an IncomingMessage (method, url, headers, the body as one chunk) and a
 * ServerResponse (status, headers, write/end, destroy); the answer goes back when `end()` is called.
 */
import { Buffer } from 'node:buffer';
import { EventEmitter } from 'node:events';
import { closeLocal, listenLocal, networkError, type NetRequest, type NetResponse } from './local-network.ts';

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

/** The request a listener reads: the whole body arrives as one chunk. */
export class IncomingMessage extends EventEmitter {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly rawHeaders: string[];
  readonly httpVersion = '1.1';
  readonly socket = { remoteAddress: '127.0.0.1', remotePort: 0, encrypted: false };
  complete = false;
  private readonly body: Buffer;
  private flowing = false;
  private encoding: BufferEncoding | undefined;

  constructor(request: NetRequest) {
    super();
    const url = new URL(request.url);
    this.method = request.method;
    this.url = `${url.pathname}${url.search}`;
    this.rawHeaders = request.headers.flat();
    this.headers = {};
    for (const [name, value] of request.headers) {
      const key = name.toLowerCase();
      this.headers[key] = this.headers[key] === undefined ? value : `${this.headers[key]}, ${value}`;
    }
    this.headers.host ??= url.host;
    this.body = Buffer.from(request.body);
  }

  setEncoding(encoding: BufferEncoding): this {
    this.encoding = encoding;
    return this;
  }

  override on(event: string | symbol, listener: (...args: any[]) => void): this {
    super.on(event, listener);
    if (event === 'data') this.resume();
    return this;
  }

  /** Starts the flow of 'data' and 'end' (after the current task, as a socket's data arrives). */
  resume(): this {
    if (this.flowing) return this;
    this.flowing = true;
    queueMicrotask(() => {
      if (this.body.length > 0) this.emit('data', this.encoding ? this.body.toString(this.encoding) : this.body);
      this.complete = true;
      this.emit('end');
      this.emit('close');
    });
    return this;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer | string> {
    this.flowing = true;
    if (this.body.length > 0) yield this.encoding ? this.body.toString(this.encoding) : this.body;
    this.complete = true;
  }
}

/** The answer a listener writes; it is sent when `end()` is called. */
export class ServerResponse extends EventEmitter {
  statusCode = 200;
  statusMessage = '';
  headersSent = false;
  writableEnded = false;
  finished = false;
  destroyed = false;
  private readonly headers = new Map<string, [string, string | string[]]>();
  private readonly chunks: Buffer[] = [];
  private readonly send: (answer: NetResponse) => void;
  private readonly drop: (error: Error) => void;

  constructor(send: (answer: NetResponse) => void, drop: (error: Error) => void) {
    super();
    this.send = send;
    this.drop = drop;
  }

  setHeader(name: string, value: string | number | readonly string[]): this {
    this.headers.set(name.toLowerCase(), [name, Array.isArray(value) ? [...value] : String(value)]);
    return this;
  }

  getHeader(name: string): string | string[] | undefined {
    return this.headers.get(name.toLowerCase())?.[1];
  }

  getHeaders(): Record<string, string | string[]> {
    return Object.fromEntries([...this.headers].map(([key, [, value]]) => [key, value]));
  }

  hasHeader(name: string): boolean {
    return this.headers.has(name.toLowerCase());
  }

  removeHeader(name: string): void {
    this.headers.delete(name.toLowerCase());
  }

  writeHead(status: number, message?: string | Record<string, string | number | string[]>, headers?: Record<string, string | number | string[]>): this {
    this.statusCode = status;
    if (typeof message === 'string') this.statusMessage = message;
    else headers = message;
    for (const [name, value] of Object.entries(headers ?? {})) this.setHeader(name, value);
    this.headersSent = true;
    return this;
  }

  flushHeaders(): void {
    this.headersSent = true;
  }

  write(chunk: string | Uint8Array, encoding?: BufferEncoding | (() => void), callback?: () => void): boolean {
    if (this.writableEnded || this.destroyed) return false;
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk));
    this.headersSent = true;
    const done = typeof encoding === 'function' ? encoding : callback;
    if (done) queueMicrotask(done);
    return true;
  }

  end(chunk?: string | Uint8Array | (() => void), encoding?: BufferEncoding | (() => void), callback?: () => void): this {
    if (typeof chunk === 'function') [callback, chunk] = [chunk, undefined];
    if (typeof encoding === 'function') [callback, encoding] = [encoding, undefined];
    if (this.writableEnded || this.destroyed) return this;
    if (chunk !== undefined) this.write(chunk, encoding);
    this.writableEnded = this.finished = this.headersSent = true;
    const headers: Array<[string, string]> = [];
    for (const [name, value] of this.headers.values()) for (const item of Array.isArray(value) ? value : [value]) headers.push([name, item]);
    const body = Buffer.concat(this.chunks);
    this.send({ status: this.statusCode, statusText: this.statusMessage, headers, body: new Uint8Array(body) });
    queueMicrotask(() => {
      callback?.();
      this.emit('finish');
      this.emit('close');
    });
    return this;
  }

  /** Drops the connection: a client still waiting fails as when the other side closes its socket. */
  destroy(error?: Error): this {
    if (this.destroyed) return this;
    this.destroyed = true;
    if (!this.writableEnded) this.drop(networkError('other side closed', { errno: 0, code: 'UND_ERR_SOCKET', syscall: 'read' }));
    queueMicrotask(() => {
      if (error) this.emit('error', error);
      this.emit('close');
    });
    return this;
  }
}

/** A server on the page's loopback network. */
export class Server extends EventEmitter {
  listening = false;
  private port: number | undefined;
  private host = '::';
  private readonly open = new Set<ServerResponse>();
  private closing: Array<(error?: Error) => void> | undefined;

  constructor(listener?: Listener) {
    super();
    if (listener) this.on('request', listener);
  }

  /** Registers the server; `listen(port, host?, backlog?, callback?)` or `listen({ port, host }, callback?)`. */
  listen(...args: unknown[]): this {
    const callback = args.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    const first = args[0] as number | string | { port?: number; host?: string } | undefined;
    const options = typeof first === 'object' && first !== null ? first : { port: first === undefined ? 0 : Number(first), host: typeof args[1] === 'string' ? args[1] : undefined };
    this.host = options.host ?? '::';
    try {
      this.port = listenLocal(Number(options.port ?? 0), (request, closed) => this.serve(request, closed), this.host);
    } catch (error) {
      queueMicrotask(() => this.emit('error', error));
      return this;
    }
    this.listening = true;
    if (callback) this.once('listening', callback);
    queueMicrotask(() => this.emit('listening'));
    return this;
  }

  address(): { address: string; family: string; port: number } | null {
    if (this.port === undefined) return null;
    return { address: this.host, family: this.host.includes(':') ? 'IPv6' : 'IPv4', port: this.port };
  }

  /** Stops taking requests; `callback` runs once the requests being answered are done. */
  close(callback?: (error?: Error) => void): this {
    if (this.port === undefined) {
      const error = Object.assign(new Error('Server is not running.'), { code: 'ERR_SERVER_NOT_RUNNING' });
      if (callback) queueMicrotask(() => callback(error));
      return this;
    }
    closeLocal(this.port);
    this.port = undefined;
    this.listening = false;
    this.closing = callback ? [callback] : [];
    this.settle();
    return this;
  }

  /** Drops every request still being answered. */
  closeAllConnections(): void {
    for (const response of [...this.open]) response.destroy();
  }

  /** Nothing to do: the page's network keeps no idle connections. */
  closeIdleConnections(): void {}

  private settle(): void {
    if (!this.closing || this.open.size > 0) return;
    const callbacks = this.closing;
    this.closing = undefined;
    queueMicrotask(() => {
      for (const callback of callbacks) callback();
      this.emit('close');
    });
  }

  private serve(request: NetRequest, closed: AbortSignal): Promise<NetResponse> {
    return new Promise((resolve, reject) => {
      const response = new ServerResponse(resolve, reject);
      this.open.add(response);
      response.once('close', () => {
        this.open.delete(response);
        this.settle();
      });
      // The client gave up (an aborted fetch, a Lambda environment that ended): as a socket closing.
      closed.addEventListener('abort', () => response.destroy(), { once: true });
      this.emit('request', new IncomingMessage(request), response);
    });
  }
}

/** Node's `http.createServer([options], [listener])`. */
export function createServer(listener?: Listener): Server;
export function createServer(options: object, listener?: Listener): Server;
export function createServer(options?: object | Listener, listener?: Listener): Server {
  return new Server(typeof options === 'function' ? (options as Listener) : listener);
}
