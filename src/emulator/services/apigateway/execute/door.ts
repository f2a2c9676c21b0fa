/**
 * Requests to HTTP APIs: find the API and stage, answer a CORS preflight, choose the route of
 * the stage's deployment, check the route's authorizer and the function's resource policy, call
 * the function with the payload format's event, and map its answer, with AWS's status codes for
 * everything that goes wrong. Every request is one `api-request` entry in the trace, saying why.
 */
import { randomUUID } from 'node:crypto';
import type { Emulator } from '../../../emulator.ts';
import type { EmulatorRequest, EmulatorResponse, FrontDoor } from '../../../types.ts';
import type { ApiGatewayState, HttpApi, Route } from '../model.ts';
import { apiAddress, stageOf } from './address.ts';
import { isPreflight, originAllowed, preflight, withCors } from './cors.ts';
import { gatewayError } from './response.ts';
import { writeAccessLog } from './access-log.ts';
import { authorize } from './jwt.ts';
import { callIntegration } from './integration-call.ts';
import { selectRoute } from '../route-keys.ts';

/** An API found by its id, with the account and region it belongs to. */
interface Located {
  api: HttpApi;
  account: string;
  region: string;
}

function locate(emulator: Emulator, apiId: string): Located | undefined {
  for (const { account, region, state } of emulator.store.scopesOf<ApiGatewayState>('apigatewayv2')) {
    const api = state.apis[apiId];
    if (api) return { api, account, region };
  }
  return undefined;
}

/** The front door of every HTTP API in the emulator. */
export function executeApiDoor(emulator: Emulator): FrontDoor {
  return {
    serves: (request) => apiAddress(request) !== undefined,
    opensTo(request) {
      const address = apiAddress(request);
      const found = address ? locate(emulator, address.apiId) : undefined;
      return found !== undefined && originAllowed(found.api.corsConfiguration, request.headers.origin);
    },
    handle: (request) => execute(emulator, request),
  };
}

/** What the trace says about one request. */
type Say = (outcome: 'success' | 'function-error' | 'refused' | 'dropped', detail: string, target?: string) => void;

/** What the trace will say of a request once its status is known. */
interface Noted {
  outcome: 'success' | 'function-error' | 'refused' | 'dropped';
  detail: string;
  target?: string;
  route?: string;
}

async function execute(emulator: Emulator, request: EmulatorRequest): Promise<EmulatorResponse> {
  const requestId = randomUUID();
  const address = apiAddress(request)!;
  const found = locate(emulator, address.apiId);
  if (!found) return gatewayError(404, requestId);
  let noted: Noted | undefined;
  const say: Say = (outcome, detail, target) => {
    noted = { ...noted, outcome, detail, ...(target ? { target } : {}) };
  };
  const onRoute = (route: string) => {
    noted = { outcome: 'dropped', detail: '', ...noted, route };
  };
  const time = new Date();
  const response = await serve(emulator, request, found, address, requestId, say, onRoute);
  const stage = stageOf(address.path, new Set(Object.keys(found.api.stages)));
  const stageRecord = stage ? found.api.stages[stage.stage] : undefined;
  if (stageRecord?.accessLogSettings) {
    const failed = noted && noted.outcome !== 'success' ? noted.detail : undefined;
    const record = { request, apiId: found.api.apiId, stage: stageRecord, requestId, time, path: address.path, routeKey: noted?.route, status: response.status, responseLength: Buffer.byteLength(response.body), integrationError: failed };
    await writeAccessLog(emulator, found, record).catch((error: unknown) => emulator.log(`access log of API ${found.api.apiId} not written: ${(error as Error).message}`));
  }
  if (noted) {
    const { account, region, api } = found;
    const { outcome, detail, target, route } = noted;
    emulator.trace.record({
      account, region, kind: 'api-request', requestId, outcome, ...(target ? { target } : {}),
      detail: `${request.method} ${address.path}: ${detail}`,
      http: { api: api.apiId, method: request.method, path: address.path, status: response.status, ...(route ? { route } : {}) },
    });
  }
  return response;
}

async function serve(emulator: Emulator, request: EmulatorRequest, found: Located, address: NonNullable<ReturnType<typeof apiAddress>>, requestId: string, say: Say, onRoute: (route: string) => void): Promise<EmulatorResponse> {
  const { api, account, region } = found;
  if (api.disableExecuteApiEndpoint) {
    say('refused', `the API ${api.apiId} has its default endpoint turned off (disableExecuteApiEndpoint)`);
    return gatewayError(403, requestId);
  }
  const staged = stageOf(address.path, new Set(Object.keys(api.stages)));
  if (!staged) {
    say('dropped', `no stage of API ${api.apiId} serves this path: create the $default stage, or start the path with a stage name`);
    return gatewayError(404, requestId);
  }
  if (api.corsConfiguration && isPreflight(request)) return preflight(api.corsConfiguration, request, requestId);
  const stage = api.stages[staged.stage]!;
  const deployment = stage.deploymentId ? api.deployments[stage.deploymentId] : undefined;
  if (!deployment) {
    say('dropped', `stage ${stage.stageName} has nothing deployed: run CreateDeployment for it, or create the stage with autoDeploy`);
    return gatewayError(404, requestId);
  }
  const chosen = selectRoute(Object.values(deployment.routes), request.method, staged.path);
  if (chosen) onRoute(chosen.route.routeKey);
  if (!chosen) {
    const keys = Object.values(deployment.routes).map((route) => route.routeKey).join(', ') || 'none';
    say('dropped', `no route of stage ${stage.stageName} matches ${request.method} ${staged.path} (deployed routes: ${keys})`);
    return withCors(api.corsConfiguration, request, gatewayError(404, requestId));
  }
  const answer = await answerRoute(emulator, { request, api, account, region, route: chosen.route, pathParameters: chosen.pathParameters, staged, stageVariables: stage.stageVariables, deployment, requestId, domainName: address.domainName, say });
  return withCors(api.corsConfiguration, request, answer);
}

/** Everything {@link answerRoute} needs. */
export interface RouteCall {
  request: EmulatorRequest;
  api: HttpApi;
  account: string;
  region: string;
  route: Route;
  pathParameters: Record<string, string>;
  staged: { stage: string; path: string };
  stageVariables: Record<string, string> | undefined;
  deployment: { integrations: HttpApi['integrations']; routes: HttpApi['routes'] };
  requestId: string;
  domainName: string;
  say: Say;
}

async function answerRoute(emulator: Emulator, call: RouteCall): Promise<EmulatorResponse> {
  const { route, deployment, say, requestId } = call;
  const integrationId = route.target?.replace(/^integrations\//, '');
  const integration = integrationId ? deployment.integrations[integrationId] : undefined;
  if (!integration) {
    say('dropped', `route ${route.routeKey} has no integration: give it a target (integrations/<id>)`);
    return gatewayError(404, requestId);
  }
  const authorized = await authorize(call.api, route, call.request);
  if ('status' in authorized) {
    say('refused', `route ${route.routeKey} needs a valid JWT: ${authorized.reason}`);
    return gatewayError(authorized.status, requestId);
  }
  return callIntegration(emulator, call, integration, authorized.claims);
}
