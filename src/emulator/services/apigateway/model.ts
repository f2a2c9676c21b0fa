/**
 * The state of API Gateway HTTP APIs: per account and region, APIs with their routes,
 * integrations, stages, deployments and authorizers. Members are named as on the wire
 * (lowerCamel), so a view is the record itself.
 */
import { randomInt } from 'node:crypto';
import { dict } from '../../dict.ts';
import { notFound } from './errors.ts';

/** CORS settings of an API. */
export interface CorsConfiguration {
  allowCredentials?: boolean;
  allowHeaders?: string[];
  allowMethods?: string[];
  allowOrigins?: string[];
  exposeHeaders?: string[];
  maxAge?: number;
}

/** A route: a route key and where it goes. */
export interface Route {
  routeId: string;
  routeKey: string;
  target?: string;
  authorizationType: string;
  authorizerId?: string;
  authorizationScopes?: string[];
  apiKeyRequired: boolean;
  operationName?: string;
}

/** An integration: the Lambda function (AWS_PROXY) a route calls. */
export interface Integration {
  integrationId: string;
  integrationType: string;
  integrationUri?: string;
  integrationMethod?: string;
  payloadFormatVersion: string;
  timeoutInMillis: number;
  connectionType: string;
  description?: string;
  credentialsArn?: string;
  requestParameters?: Record<string, string>;
}

/** A JWT authorizer. */
export interface Authorizer {
  authorizerId: string;
  name: string;
  authorizerType: string;
  identitySource: string[];
  jwtConfiguration?: { audience?: string[]; issuer?: string };
}

/** What a deployment froze: the routes and integrations as they were. */
export interface Deployment {
  deploymentId: string;
  createdDate: string;
  description?: string;
  autoDeployed: boolean;
  deploymentStatus: 'DEPLOYED';
  routes: Record<string, Route>;
  integrations: Record<string, Integration>;
}

/** A stage: a deployment reachable under a name. */
export interface Stage {
  stageName: string;
  autoDeploy: boolean;
  deploymentId?: string;
  description?: string;
  stageVariables?: Record<string, string>;
  accessLogSettings?: { destinationArn?: string; format?: string };
  defaultRouteSettings?: Record<string, unknown>;
  routeSettings?: Record<string, unknown>;
  createdDate: string;
  lastUpdatedDate: string;
  tags: Record<string, string>;
}

/** An HTTP API. */
export interface HttpApi {
  apiId: string;
  name: string;
  protocolType: 'HTTP';
  description?: string;
  version?: string;
  routeSelectionExpression: string;
  apiKeySelectionExpression: string;
  corsConfiguration?: CorsConfiguration;
  disableExecuteApiEndpoint: boolean;
  ipAddressType: string;
  createdDate: string;
  tags: Record<string, string>;
  routes: Record<string, Route>;
  integrations: Record<string, Integration>;
  stages: Record<string, Stage>;
  deployments: Record<string, Deployment>;
  authorizers: Record<string, Authorizer>;
}

/** API Gateway's state for one account and region. */
export interface ApiGatewayState {
  apis: Record<string, HttpApi>;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** An identifier like AWS's: lower-case letters and digits. */
export function newId(length: number): string {
  let id = '';
  for (let i = 0; i < length; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

/** A fresh state. */
export function createApiGatewayState(): ApiGatewayState {
  return { apis: dict() };
}

/** The API `apiId`, or AWS's NotFoundException. */
export function findApi(state: ApiGatewayState, account: string, apiId: unknown): HttpApi {
  const api = typeof apiId === 'string' ? state.apis[apiId] : undefined;
  if (!api) throw notFound('API', account, String(apiId));
  return api;
}

/** The members of a record that are not its children (the answer of GetApi and friends). */
export function apiView(api: HttpApi, endpoint: string): Record<string, unknown> {
  const { routes: _r, integrations: _i, stages: _s, deployments: _d, authorizers: _a, ...view } = api;
  return { ...view, apiEndpoint: endpoint };
}

/** A deployment as AWS describes it (without what it froze). */
export function deploymentView(deployment: Deployment): Record<string, unknown> {
  const { routes: _r, integrations: _i, ...view } = deployment;
  return view;
}

/** A page of `items` from `nextToken` (an offset), `maxResults` at a time. */
export function page<T>(items: T[], nextToken: unknown, maxResults: unknown): { items: T[]; nextToken?: string } {
  const start = Number(nextToken ?? 0) || 0;
  const size = Math.max(Number(maxResults ?? 100) || 100, 1);
  const next = start + size < items.length ? String(start + size) : undefined;
  return { items: items.slice(start, start + size), ...(next ? { nextToken: next } : {}) };
}
