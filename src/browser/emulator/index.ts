/**
 * The emulator inside a page's lab worker: the default services that can run in a browser, state
 * in memory and in IndexedDB (so a reload keeps it), Lambda functions run in Worker environments,
 * and `handle()` for the SDK clients of the worker (pageRequestHandler) and of the page (servePort).
 */
import { Emulator, type EmulatorSettings } from '../../emulator/emulator.ts';
import { HEALTH_PATH } from '../../emulator/health.ts';
import type { EmulatorRequest, EmulatorResponse, ServiceDefinition } from '../../emulator/types.ts';
import { createApiGatewayService } from '../../emulator/services/apigateway/service.ts';
import { createDynamodbService } from '../../emulator/services/dynamodb/service.ts';
import { dynamodbStreamsService } from '../../emulator/services/dynamodbstreams/service.ts';
import { createEventsService } from '../../emulator/services/events/service.ts';
import { iamService } from '../../emulator/services/iam/service.ts';
import { createLambdaService } from '../../emulator/services/lambda/service.ts';
import { logsService } from '../../emulator/services/logs/service.ts';
import { createS3Service } from '../../emulator/services/s3/service.ts';
import { secretsManagerService } from '../../emulator/services/secretsmanager/service.ts';
import { createSnsService } from '../../emulator/services/sns/service.ts';
import { createSqsService } from '../../emulator/services/sqs/service.ts';
import { ssmService } from '../../emulator/services/ssm/service.ts';
import { createStepFunctionsService } from '../../emulator/services/stepfunctions/service.ts';
import { stsService } from '../../emulator/services/sts/service.ts';
import { pageExecutionEngine } from '../lambda/page-engine.ts';
import { PageState } from './page-state.ts';

import { PAGE_ENDPOINT } from './request-handler.ts';

export { PAGE_ENDPOINT, pageRequestHandler, portRequestHandler, type HttpHandler } from './request-handler.ts';
export { servePort } from './wire.ts';

/** Services of the Node emulator that a page does not run, and why (the health route says so). */
export const NOT_IN_PAGE: Readonly<Record<string, string>> = {
  cloudformation: 'not available in the browser page: deploy templates with `npm start` on your machine',
};

/** Options of {@link createPageEmulator}. */
export interface PageEmulatorOptions {
  /** The IndexedDB database that keeps state across reloads; false keeps it in memory only. Default `workshop-emulator`. */
  persist?: string | false;
  /** The URL of the Lambda environment bundle (lambda-environment.js, built by bundleForPage); without it Invoke fails with a message. */
  lambdaWorkerUrl?: string | URL | undefined;
  /** How long after a change the state is written to IndexedDB (default 250 ms). */
  saveDelayMs?: number;
  timeFactor?: number;
  settings?: Partial<EmulatorSettings>;
  log?: (message: string) => void;
}

/** A running page emulator. */
export interface PageEmulator {
  readonly emulator: Emulator;
  /** Answers one request in-process; the health route also lists the services a page leaves out. */
  handle(request: EmulatorRequest): Promise<EmulatorResponse>;
  /** Writes pending state to IndexedDB now (before the page goes away). */
  flush(): Promise<void>;
  /** Forgets the saved state and every service's state (a fresh start). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** The services a page runs, each instance its own. */
export function pageServices(lambdaWorkerUrl: string | URL | undefined): ServiceDefinition[] {
  return [
    stsService, iamService, createLambdaService({ engine: pageExecutionEngine(lambdaWorkerUrl) }), logsService, createSqsService(), createEventsService(),
    createS3Service(), createDynamodbService(), dynamodbStreamsService, createApiGatewayService(), createSnsService(), createStepFunctionsService(),
    ssmService, secretsManagerService,
  ];
}

const STATE_DIR = '/workshop-state';

/** Builds and starts the page's emulator; with `persist`, its state is first read from IndexedDB. */
export async function createPageEmulator(options: PageEmulatorOptions = {}): Promise<PageEmulator> {
  const log = options.log ?? ((message: string) => console.warn(`emulator: ${message}`));
  const persist = options.persist === undefined ? 'workshop-emulator' : options.persist;
  const state = persist && typeof indexedDB !== 'undefined' ? await PageState.open(persist, STATE_DIR, { delayMs: options.saveDelayMs, log }) : undefined;
  const emulator = new Emulator({
    services: pageServices(options.lambdaWorkerUrl),
    stateDir: state ? STATE_DIR : undefined,
    timeFactor: options.timeFactor,
    settings: options.settings,
    log,
    workshopDir: '/workshop',
  });
  emulator.url = PAGE_ENDPOINT;
  await emulator.start();
  return {
    emulator,
    async handle(request) {
      const answer = await emulator.handle(request);
      return request.path === HEALTH_PATH && answer.status === 200 ? withLeftOut(answer) : answer;
    },
    flush: async () => {
      emulator.store.commit();
      await state?.flush();
    },
    async reset() {
      emulator.store.reset();
      await state?.flush();
      await state?.clear();
    },
    async stop() {
      await emulator.stop();
      await state?.close();
    },
  };
}

// LocalStack's word for a service that is not started is `disabled`.
function withLeftOut(answer: EmulatorResponse): EmulatorResponse {
  const body = JSON.parse(String(answer.body)) as { services: Record<string, string> };
  for (const name of Object.keys(NOT_IN_PAGE)) body.services[name] = 'disabled';
  return { ...answer, body: JSON.stringify({ ...body, page: { notAvailable: NOT_IN_PAGE } }) };
}
