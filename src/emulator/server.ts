/**
 * Puts an {@link Emulator} on a TCP port with node:http; `startEmulator` is what the CLI and tests
 * use. The port opens before the emulator's code loads: until it has, the health check is
 * answered (its services `available`) and every other request waits for the emulator.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccessPolicy } from './access.ts';
import { clientErrorHandler } from './client-errors.ts';
import type { Emulator, EmulatorConfig } from './emulator.ts';
import { HEALTH_PATH, healthResponse } from './health.ts';
import { NO_BODY, answer, toRequest } from './http-request.ts';
import { http } from './node-http.ts';
import { defaultServiceCatalog } from './services/catalog.ts';

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

type Handler = (message: IncomingMessage, reply: ServerResponse) => void;

// Loading the emulator's modules holds the event loop (Node reads and links them synchronously) for
// about 50 ms. In stages, with a turn of the loop after each, a health check that arrives meanwhile
// is answered within a few milliseconds instead of waiting for all of them.
const LOADING_STAGES = [
  () => import('./protocols/index.ts'),
  () => import('./store.ts'),
  () => import('./workshop-routes.ts'),
  () => import('./validation/index.ts'),
  () => import('./policy/enforce.ts'),
];

/** Runs each loader in turn with a turn of the event loop after each, so requests that arrived meanwhile are answered. */
export async function loadInStages(stages: ReadonlyArray<() => Promise<unknown>>): Promise<void> {
  for (const stage of stages) {
    await stage();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function loadEmulatorCode() {
  await loadInStages(LOADING_STAGES);
  const [{ Emulator }, { requestHandler }] = await Promise.all([import('./emulator.ts'), import('./http-handler.ts')]);
  return { Emulator, requestHandler };
}

/** Answers a health check that arrives before the emulator is built; false for any other request. */
function answeredEarly(message: IncomingMessage, reply: ServerResponse, access: AccessPolicy, serviceNames: readonly string[]): boolean {
  if (!message.url?.startsWith(HEALTH_PATH)) return false;
  const request = toRequest(message, NO_BODY);
  // A refused page waits for the emulator, which refuses it in its own words.
  if (!request || request.path !== HEALTH_PATH || access.check(request, () => false)) return false;
  const response = healthResponse(request, { serviceNames, servicesLoaded: false });
  if (!response) return false;
  message.resume();
  answer(message, reply, response);
  return true;
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

/** Starts an emulator on `host:port` and resolves once its services run. */
export async function startEmulator(options: StartOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const services = options.services ?? defaultServiceCatalog();
  const serviceNames = Array.isArray(services) ? services.map((service) => service.name) : services.names;
  const access = new AccessPolicy(options.access);
  let handler: Handler | undefined;
  const waiting: Array<() => void> = [];
  const early: Handler = (message, reply) => {
    if (handler) return handler(message, reply);
    if (!answeredEarly(message, reply, access, serviceNames)) waiting.push(() => handler!(message, reply));
  };
  const server = http.createServer({ keepAliveTimeout: 30_000 }, early);
  // Answered by the handler, which sends 100 Continue only for a body it will read.
  server.on('checkContinue', early);
  server.on('clientError', clientErrorHandler(http.maxHeaderSize));
  const port = await listen(server, options.port ?? 4566, host);
  let emulator: Emulator;
  try {
    const { Emulator, requestHandler } = await loadEmulatorCode();
    emulator = new Emulator({
      services,
      stateDir: options.stateDir,
      workshopDir: options.workshopDir,
      access: options.access,
      secrets: options.secrets,
      timeFactor: options.timeFactor ?? 1,
      settings: options.settings ?? {},
      log: options.log ?? ((message) => console.error(`[emulator] ${message}`)),
    });
    const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
    emulator.url = `http://${shownHost}:${port}`;
    const starting = emulator.start();
    handler = requestHandler(emulator);
    for (const resume of waiting.splice(0)) resume();
    await starting;
  } catch (error) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw error;
  }
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
