/** CreateApi and friends, with quick create (`target` on CreateApi) and CORS. */
import type { OperationContext } from '../../types.ts';
import { dict } from '../../dict.ts';
import { BadRequestException } from './errors.ts';
import { apiView, findApi, newId, page, type ApiGatewayState, type CorsConfiguration, type HttpApi } from './model.ts';
import { changed } from './deploy.ts';
import { createStageRecord } from './stages.ts';
import { integrationFor } from './integrations.ts';
import { checkRouteKey } from './route-keys.ts';

type Context = OperationContext<ApiGatewayState>;

/** Where an API is invoked: the path form, which works without DNS. */
export function apiEndpoint(context: Context, apiId: string): string {
  const origin = context.emulator.url || 'http://127.0.0.1:4566';
  return `${origin}/_aws/execute-api/${apiId}`;
}

function corsFrom(value: unknown): CorsConfiguration | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object') throw new BadRequestException('CorsConfiguration must be an object.');
  const cors = value as CorsConfiguration;
  if (cors.allowCredentials && cors.allowOrigins?.includes('*')) {
    throw new BadRequestException('allow-credentials is not supported when allow-origin is *');
  }
  return cors;
}

/** CreateApi. */
export function createApi(input: Record<string, any>, context: Context): Record<string, unknown> {
  if (typeof input.name !== 'string' || input.name === '') throw new BadRequestException('Name is required.');
  if (input.protocolType === 'WEBSOCKET') throw new BadRequestException('WebSocket APIs are not emulated: use the localstack or aws target for them.');
  if (input.protocolType !== 'HTTP') throw new BadRequestException(`Invalid protocol type: ${String(input.protocolType)}. Use HTTP.`);
  const now = new Date().toISOString();
  const api: HttpApi = {
    apiId: newId(10),
    name: input.name,
    protocolType: 'HTTP',
    ...(typeof input.description === 'string' ? { description: input.description } : {}),
    ...(typeof input.version === 'string' ? { version: input.version } : {}),
    routeSelectionExpression: input.routeSelectionExpression ?? '$request.method $request.path',
    apiKeySelectionExpression: input.apiKeySelectionExpression ?? '$request.header.x-api-key',
    ...(corsFrom(input.corsConfiguration) ? { corsConfiguration: corsFrom(input.corsConfiguration)! } : {}),
    disableExecuteApiEndpoint: input.disableExecuteApiEndpoint === true,
    ipAddressType: input.ipAddressType ?? 'ipv4',
    createdDate: now,
    tags: dict(Object.entries((input.tags ?? {}) as Record<string, string>)),
    routes: dict(),
    integrations: dict(),
    stages: dict(),
    deployments: dict(),
    authorizers: dict(),
  };
  if (input.target !== undefined) quickCreate(api, input, context);
  else if (input.routeKey !== undefined || input.credentialsArn !== undefined) throw new BadRequestException('RouteKey and CredentialsArn are for quick create: give a Target too.');
  context.state.apis[api.apiId] = api;
  return apiView(api, apiEndpoint(context, api.apiId));
}

/** Quick create: an AWS_PROXY integration to the target, a route to it and an auto-deploying $default stage. */
function quickCreate(api: HttpApi, input: Record<string, any>, context: Context): void {
  const integration = integrationFor({ integrationType: 'AWS_PROXY', integrationUri: input.target, payloadFormatVersion: '2.0', credentialsArn: input.credentialsArn }, context);
  api.integrations[integration.integrationId] = integration;
  const routeId = newId(7);
  api.routes[routeId] = {
    routeId,
    routeKey: checkRouteKey(input.routeKey ?? '$default'),
    target: `integrations/${integration.integrationId}`,
    authorizationType: 'NONE',
    apiKeyRequired: false,
  };
  api.stages.$default = createStageRecord({ stageName: '$default', autoDeploy: true });
  changed(api);
}

/** GetApi. */
export function getApi(input: { apiId?: string }, context: Context): Record<string, unknown> {
  const api = findApi(context.state, context.account, input.apiId);
  return apiView(api, apiEndpoint(context, api.apiId));
}

/** GetApis. */
export function getApis(input: { nextToken?: string; maxResults?: string }, context: Context): Record<string, unknown> {
  const apis = Object.values(context.state.apis).sort((a, b) => a.createdDate.localeCompare(b.createdDate));
  const { items, nextToken } = page(apis, input.nextToken, input.maxResults);
  return { items: items.map((api) => apiView(api, apiEndpoint(context, api.apiId))), ...(nextToken ? { nextToken } : {}) };
}

/** UpdateApi: the members given replace the API's. */
export function updateApi(input: Record<string, any>, context: Context): Record<string, unknown> {
  const api = findApi(context.state, context.account, input.apiId);
  if (input.name !== undefined) {
    if (typeof input.name !== 'string' || input.name === '') throw new BadRequestException('Name must not be empty.');
    api.name = input.name;
  }
  for (const member of ['description', 'version', 'routeSelectionExpression', 'apiKeySelectionExpression', 'ipAddressType'] as const) {
    if (typeof input[member] === 'string') (api as unknown as Record<string, unknown>)[member] = input[member];
  }
  if (typeof input.disableExecuteApiEndpoint === 'boolean') api.disableExecuteApiEndpoint = input.disableExecuteApiEndpoint;
  if (input.corsConfiguration !== undefined) api.corsConfiguration = corsFrom(input.corsConfiguration);
  if (input.target !== undefined) throw new BadRequestException('Target can be given only when the API is created.');
  return apiView(api, apiEndpoint(context, api.apiId));
}

/** DeleteApi. */
export function deleteApi(input: { apiId?: string }, context: Context): null {
  const api = findApi(context.state, context.account, input.apiId);
  delete context.state.apis[api.apiId];
  return null;
}

/** DeleteCorsConfiguration. */
export function deleteCors(input: { apiId?: string }, context: Context): null {
  const api = findApi(context.state, context.account, input.apiId);
  delete api.corsConfiguration;
  return null;
}
