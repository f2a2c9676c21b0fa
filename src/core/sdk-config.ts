/** The SDK client configuration of a target, apart from the clients so it loads no SDK package. */
import type { HttpHandlerOptions, HttpRequest, HttpResponse, RequestHandler } from '@smithy/types';
import type { Target } from './target.ts';

/** An SDK v3 request handler, as a client's `requestHandler` takes it. */
export type SdkRequestHandler = RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> & {
  updateHttpClientConfig(key: never, value: never): void;
  httpHandlerConfigs(): Record<string, unknown>;
};

// Set in the browser page only, where the emulator runs in the same worker and nothing listens on a port.
let pageHandler: SdkRequestHandler | undefined;

/** Sends every client the kit builds from now on through `handler` instead of the network (the page's in-process emulator). */
export function sendThroughPage(handler: SdkRequestHandler): void {
  pageHandler = handler;
}

/** The configuration every SDK client of a target shares. */
export interface SdkConfig {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Local targets answer fast; failing early beats the SDK's long default retries. */
  maxAttempts?: number;
  requestHandler?: SdkRequestHandler;
}

/** The shared client configuration for a target (no endpoint or credentials for `aws`). */
export function sdkConfig(target: Target): SdkConfig {
  const config: SdkConfig = { region: target.region };
  if (target.endpoint) config.endpoint = target.endpoint;
  if (target.credentials) config.credentials = { ...target.credentials };
  if (target.name !== 'aws') config.maxAttempts = 2;
  if (pageHandler) config.requestHandler = pageHandler;
  return config;
}
