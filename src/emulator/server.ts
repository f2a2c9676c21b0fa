/** Puts an {@link Emulator} on a TCP port with node:http; `startEmulator` is what the CLI and tests use. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Emulator, type EmulatorConfig } from './emulator.ts';
import { defaultServices } from './services/index.ts';
import type { EmulatorRequest } from './types.ts';

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

/** The largest request body the emulator reads; larger ones get 413 before any service sees them. */
export const MAX_BODY_BYTES = 512 * 1024 * 1024;

class BodyTooLarge extends Error {}

function readBody(message: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    message.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        message.destroy();
        return;
      }
      chunks.push(chunk);
    });
    message.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    message.on('error', reject);
  });
}

function toRequest(message: IncomingMessage, body: Buffer): EmulatorRequest {
  const url = new URL(message.url ?? '/', 'http://emulator');
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
    timeFactor: options.timeFactor ?? 1,
    settings: options.settings ?? {},
    log: options.log ?? ((message) => console.error(`[emulator] ${message}`)),
  });
  const server = createServer({ keepAliveTimeout: 30_000 }, (message, reply) => {
    readBody(message)
      .then((body) => emulator.handle(toRequest(message, body)))
      .then((answer) => {
        reply.writeHead(answer.status, answer.headers);
        reply.end(message.method === 'HEAD' ? undefined : answer.body);
      })
      .catch((error: unknown) => {
        if (reply.headersSent) return void reply.destroy();
        const tooLarge = error instanceof BodyTooLarge;
        reply.writeHead(tooLarge ? 413 : 400, { 'content-type': 'application/json', connection: 'close' });
        reply.end(JSON.stringify({ message: tooLarge ? `request body over ${MAX_BODY_BYTES} bytes` : 'request could not be read' }));
      });
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  const port = await listen(server, options.port ?? 4566, host);
  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  emulator.url = `http://${shownHost}:${port}`;
  await emulator.start();
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
