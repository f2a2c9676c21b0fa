/** Integrations: Lambda proxy (AWS_PROXY) with payload format 1.0 or 2.0, the kind HTTP APIs use for functions. */
import type { OperationContext } from '../../types.ts';
import { BadRequestException, ConflictException, notFound } from './errors.ts';
import { findApi, newId, page, type ApiGatewayState, type Integration } from './model.ts';
import { changed } from './deploy.ts';

type Context = OperationContext<ApiGatewayState>;

const LAMBDA_ARN = /^arn:aws[\w-]*:lambda:[a-z0-9-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/;
const INVOCATION_URI = /^arn:aws[\w-]*:apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/(arn:[^/]+)\/invocations$/;

/** The function ARN an integration URI names (a function ARN, or the apigateway invocation URI around one). */
export function functionArnOf(uri: string): string | undefined {
  const wrapped = INVOCATION_URI.exec(uri)?.[1];
  const arn = wrapped ?? uri;
  return LAMBDA_ARN.test(arn) ? arn : undefined;
}

function checkTimeout(value: unknown): number {
  if (value === undefined) return 30_000;
  const timeout = Number(value);
  if (!Number.isInteger(timeout) || timeout < 50 || timeout > 30_000) throw new BadRequestException('Timeout must be between 50 milliseconds and 30 seconds.');
  return timeout;
}

/** A checked integration record from CreateIntegration's input. */
export function integrationFor(input: Record<string, any>, _context: Context): Integration {
  if (input.integrationType !== 'AWS_PROXY') {
    throw new BadRequestException(`Integration type ${String(input.integrationType)} is not emulated: the emulator integrates Lambda functions (AWS_PROXY).`);
  }
  if (typeof input.integrationUri !== 'string' || !functionArnOf(input.integrationUri)) {
    throw new BadRequestException(`Invalid integration URI specified: ${String(input.integrationUri)}. Give the function's ARN.`);
  }
  if (input.payloadFormatVersion === undefined) throw new BadRequestException('A payload format version is required for a Lambda proxy integration: give 1.0 or 2.0.');
  if (input.payloadFormatVersion !== '1.0' && input.payloadFormatVersion !== '2.0') {
    throw new BadRequestException(`Unsupported payload format version ${String(input.payloadFormatVersion)}: use 1.0 or 2.0.`);
  }
  return {
    integrationId: newId(7),
    integrationType: 'AWS_PROXY',
    integrationUri: input.integrationUri,
    integrationMethod: typeof input.integrationMethod === 'string' ? input.integrationMethod : 'POST',
    payloadFormatVersion: input.payloadFormatVersion,
    timeoutInMillis: checkTimeout(input.timeoutInMillis),
    connectionType: 'INTERNET',
    ...(typeof input.description === 'string' ? { description: input.description } : {}),
    ...(typeof input.credentialsArn === 'string' ? { credentialsArn: input.credentialsArn } : {}),
  };
}

function findIntegration(context: Context, apiId: unknown, integrationId: unknown): { integration: Integration; api: ReturnType<typeof findApi> } {
  const api = findApi(context.state, context.account, apiId);
  const integration = typeof integrationId === 'string' ? api.integrations[integrationId] : undefined;
  if (!integration) throw notFound('Integration', context.account, String(integrationId));
  return { api, integration };
}

/** CreateIntegration. */
export function createIntegration(input: Record<string, any>, context: Context): Integration {
  const api = findApi(context.state, context.account, input.apiId);
  const integration = integrationFor(input, context);
  api.integrations[integration.integrationId] = integration;
  changed(api);
  return integration;
}

/** GetIntegration. */
export function getIntegration(input: { apiId?: string; integrationId?: string }, context: Context): Integration {
  return findIntegration(context, input.apiId, input.integrationId).integration;
}

/** GetIntegrations. */
export function getIntegrations(input: { apiId?: string; nextToken?: string; maxResults?: string }, context: Context): Record<string, unknown> {
  const api = findApi(context.state, context.account, input.apiId);
  const { items, nextToken } = page(Object.values(api.integrations), input.nextToken, input.maxResults);
  return { items, ...(nextToken ? { nextToken } : {}) };
}

/** UpdateIntegration: the members given replace the integration's, checked as on create. */
export function updateIntegration(input: Record<string, any>, context: Context): Integration {
  const { api, integration } = findIntegration(context, input.apiId, input.integrationId);
  const merged = integrationFor({ ...integration, ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) }, context);
  const updated = { ...merged, integrationId: integration.integrationId };
  api.integrations[integration.integrationId] = updated;
  changed(api);
  return updated;
}

/** DeleteIntegration: refused while a route uses it, as AWS does. */
export function deleteIntegration(input: { apiId?: string; integrationId?: string }, context: Context): null {
  const { api, integration } = findIntegration(context, input.apiId, input.integrationId);
  const user = Object.values(api.routes).find((route) => route.target === `integrations/${integration.integrationId}`);
  if (user) throw new ConflictException(`Cannot delete Integration ${integration.integrationId}: it is used by route ${user.routeId} (${user.routeKey}).`);
  delete api.integrations[integration.integrationId];
  changed(api);
  return null;
}
