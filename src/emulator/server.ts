/** Puts an {@link Emulator} on a TCP port with node:http; `startEmulator` is what the CLI and tests use. */
import { createServer, maxHeaderSize, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { declaredTooLarge, drain, readLimitedBody } from './body-reader.ts';
import { clientErrorHandler } from './client-errors.ts';
import { Emulator, type EmulatorConfig } from './emulator.ts';
import { bodyLimitFor } from './request-limits.ts';
import { defaultServices } from './services/index.ts';
import type { EmulatorRequest, EmulatorResponse } from './types.ts';

/** Options of {@link startEmulator}. */
export interface StartOptions extends Partial<EmulatorConfig> {
  /** 0 picks a free port. Default 4566. */
  port?: number;
  /** Default 127.0.0.1: the emulator has no authentication, so it stays on loopback unless told. */
  host?: string;
}

/** A running emulator. */
export interface RunningEmulator {
  url: string;
  port: number;
  emulator: Emulator;
  stop(): Promise<void>;
}

const NO_BODY = Buffer.alloc(0);

/** The request line and headers as an {@link EmulatorRequest}; `undefined` when the URL cannot be parsed. */
function toRequest(message: IncomingMessage, body: Buffer): EmulatorRequest | undefined {
  const target = message.url ?? '/';
  let url: URL;
  try {
    // Origin-form is joined as text: `//key` is a path here, not a host.
    url = target.startsWith('/') ? new URL(`http://emulator${target}`) : new URL(target);
  } catch {
    return undefined;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method: message.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers,
    body,
    ...(message.socket.remoteAddress ? { remoteAddress: message.socket.remoteAddress } : {}),
  };
}

function badRequest(message: string): EmulatorResponse {
  return { status: 400, headers: { 'content-type': 'application/json', connection: 'close' }, body: JSON.stringify({ __type: 'BadRequest', message }) };
}

function answer(message: IncomingMessage, reply: ServerResponse, response: EmulatorResponse): void {
  // The client may have gone, or a parse error answered on the socket already.
  if (reply.headersSent || reply.writableEnded || !reply.socket || reply.socket.destroyed || reply.socket.writableEnded) return;
  const headers: Record<string, string | string[]> = { ...response.headers };
  if (response.cookies?.length) headers['set-cookie'] = response.cookies;
  reply.writeHead(response.status, headers);
  reply.end(message.method === 'HEAD' ? undefined : response.body);
}

/** The request handler: limits the body by service from the headers, then hands the request to the emulator. */
function requestHandler(emulator: Emulator): (message: IncomingMessage, reply: ServerResponse) => void {
  return (message, reply) => {
    const head = toRequest(message, NO_BODY);
    if (!head) {
      drain(message);
      return answer(message, reply, badRequest('The request URL could not be parsed; percent-encode the characters a URL may not hold.'));
    }
    const limit = bodyLimitFor(head, emulator);
    if (message.headers.expect?.toLowerCase() === '100-continue' && !declaredTooLarge(message, limit)) reply.writeContinue();
    readLimitedBody(message, limit)
      .then((outcome) => ('refused' in outcome ? limit.refuse(outcome.size) : emulator.handle({ ...head, body: outcome.body })))
      .then((response) => answer(message, reply, response))
      .catch(() => {
        if (!reply.headersSent) answer(message, reply, badRequest('The request body could not be read; send it again.'));
        else reply.destroy();
      });
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Starts an emulator on `host:port` and resolves once it accepts requests. */
export async function startEmulator(options: StartOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const emulator = new Emulator({
    services: options.services ?? defaultServices(),
    stateDir: options.stateDir,
    workshopDir: options.workshopDir,
    access: options.access,
    secrets: options.secrets,
    timeFactor: options.timeFactor ?? 1,
    settings: options.settings ?? {},
    log: options.log ?? ((message) => console.error(`[emulator] ${message}`)),
  });
  const handler = requestHandler(emulator);
  const server = createServer({ keepAliveTimeout: 30_000 }, handler);
  // Answered by the handler, which sends 100 Continue only for a body it will read.
  server.on('checkContinue', handler);
  server.on('clientError', clientErrorHandler(maxHeaderSize));
  const port = await listen(server, options.port ?? 4566, host);
  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  emulator.url = `http://${shownHost}:${port}`;
  await emulator.start();
  emulator.warmUp();
  return {
    url: emulator.url,
    port,
    emulator,
    async stop() {
      await emulator.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
