/** Routes: a route key and the integration (`integrations/<id>`) it sends requests to. */
import type { OperationContext } from '../../types.ts';
import { BadRequestException, ConflictException, notFound } from './errors.ts';
import { findApi, newId, page, type ApiGatewayState, type HttpApi, type Route } from './model.ts';
import { changed } from './deploy.ts';
import { checkRouteKey } from './route-keys.ts';

type Context = OperationContext<ApiGatewayState>;

const AUTHORIZATION_TYPES = new Set(['NONE', 'JWT']);

function checkTarget(api: HttpApi, account: string, target: unknown): string | undefined {
  if (target === undefined || target === null) return undefined;
  const id = typeof target === 'string' ? /^integrations\/(\w+)$/.exec(target)?.[1] : undefined;
  if (!id) throw new BadRequestException(`Invalid target ${String(target)}: a route's target is integrations/<integrationId>.`);
  if (!api.integrations[id]) throw notFound('Integration', account, id);
  return target as string;
}

function checkAuthorization(api: HttpApi, account: string, type: unknown, authorizerId: unknown): { authorizationType: string; authorizerId?: string } {
  const authorizationType = type === undefined ? 'NONE' : String(type);
  if (authorizationType === 'AWS_IAM' || authorizationType === 'CUSTOM') {
    throw new BadRequestException(`Authorization type ${authorizationType} is not emulated: use NONE or JWT, or the localstack or aws target.`);
  }
  if (!AUTHORIZATION_TYPES.has(authorizationType)) throw new BadRequestException(`Invalid authorization type ${authorizationType}: use NONE or JWT.`);
  if (authorizationType === 'JWT') {
    if (typeof authorizerId !== 'string') throw new BadRequestException(`An authorizer id is required for authorization type ${authorizationType}.`);
    if (!api.authorizers[authorizerId]) throw notFound('Authorizer', account, authorizerId);
    return { authorizationType, authorizerId };
  }
  return { authorizationType };
}

function findRoute(context: Context, apiId: unknown, routeId: unknown): { api: HttpApi; route: Route } {
  const api = findApi(context.state, context.account, apiId);
  const route = typeof routeId === 'string' ? api.routes[routeId] : undefined;
  if (!route) throw notFound('Route', context.account, String(routeId));
  return { api, route };
}

function refuseDuplicate(api: HttpApi, routeKey: string, except?: string): void {
  const same = Object.values(api.routes).find((route) => route.routeKey === routeKey && route.routeId !== except);
  if (same) throw new ConflictException(`Route with key ${routeKey} already exists for this API`);
}

/** CreateRoute. */
export function createRoute(input: Record<string, any>, context: Context): Route {
  const api = findApi(context.state, context.account, input.apiId);
  const routeKey = checkRouteKey(input.routeKey);
  refuseDuplicate(api, routeKey);
  const route: Route = {
    routeId: newId(7),
    routeKey,
    ...checkAuthorization(api, context.account, input.authorizationType, input.authorizerId),
    apiKeyRequired: input.apiKeyRequired === true,
    ...(Array.isArray(input.authorizationScopes) ? { authorizationScopes: input.authorizationScopes } : {}),
    ...(typeof input.operationName === 'string' ? { operationName: input.operationName } : {}),
  };
  const target = checkTarget(api, context.account, input.target);
  if (target) route.target = target;
  api.routes[route.routeId] = route;
  changed(api);
  return route;
}

/** GetRoute. */
export function getRoute(input: { apiId?: string; routeId?: string }, context: Context): Route {
  return findRoute(context, input.apiId, input.routeId).route;
}

/** GetRoutes. */
export function getRoutes(input: { apiId?: string; nextToken?: string; maxResults?: string }, context: Context): Record<string, unknown> {
  const api = findApi(context.state, context.account, input.apiId);
  const { items, nextToken } = page(Object.values(api.routes), input.nextToken, input.maxResults);
  return { items, ...(nextToken ? { nextToken } : {}) };
}

/** UpdateRoute. */
export function updateRoute(input: Record<string, any>, context: Context): Route {
  const { api, route } = findRoute(context, input.apiId, input.routeId);
  const routeKey = input.routeKey === undefined ? route.routeKey : checkRouteKey(input.routeKey);
  refuseDuplicate(api, routeKey, route.routeId);
  const authorization = checkAuthorization(api, context.account, input.authorizationType ?? route.authorizationType, input.authorizerId ?? route.authorizerId);
  const target = input.target === undefined ? route.target : checkTarget(api, context.account, input.target);
  const updated: Route = {
    ...route,
    routeKey,
    ...authorization,
    ...(typeof input.apiKeyRequired === 'boolean' ? { apiKeyRequired: input.apiKeyRequired } : {}),
    ...(Array.isArray(input.authorizationScopes) ? { authorizationScopes: input.authorizationScopes } : {}),
  };
  if (authorization.authorizerId === undefined) delete updated.authorizerId;
  if (target === undefined) delete updated.target;
  else updated.target = target;
  api.routes[route.routeId] = updated;
  changed(api);
  return updated;
}

/** DeleteRoute. */
export function deleteRoute(input: { apiId?: string; routeId?: string }, context: Context): null {
  const { api, route } = findRoute(context, input.apiId, input.routeId);
  delete api.routes[route.routeId];
  changed(api);
  return null;
}
