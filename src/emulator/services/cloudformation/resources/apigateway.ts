/**
 * AWS::ApiGatewayV2::Api, Stage, Integration and Route through API Gateway's own operations. The
 * template's PascalCase properties become the camelCase members of the HTTP API's JSON.
 */
import { apiFromBody, importRoutes, reimportRoutes } from '../sam/openapi.ts';
import type { Provisioner } from './types.ts';
import { booleanOf, ignoringNotFound, numberOf } from './types.ts';

const lower = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** Structure members in camelCase, recursively (maps of user keys are passed through `keep`). */
function camel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camel);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [lower(key), camel(item)]));
}

/** The members of `properties` named in `names`, camelCase; user maps (StageVariables, Tags) keep their keys. */
function members(properties: Record<string, any>, names: readonly string[], maps: readonly string[] = ['StageVariables', 'Tags']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    if (properties[name] === undefined) continue;
    out[lower(name)] = maps.includes(name) ? properties[name] : camel(properties[name]);
  }
  return out;
}

const API = ['Name', 'ProtocolType', 'Description', 'Version', 'CorsConfiguration', 'RouteKey', 'Target', 'CredentialsArn', 'RouteSelectionExpression', 'DisableExecuteApiEndpoint', 'Tags'];

/** AWS::ApiGatewayV2::Api: Ref is the API id; ApiId and ApiEndpoint for Fn::GetAtt. */
export const apiGatewayApi: Provisioner = {
  properties: [...API, 'Body'],
  replaceOn: ['ProtocolType', 'RouteKey', 'Target', 'CredentialsArn'],
  async create(properties, context) {
    const fromBody = properties.Body ? apiFromBody(properties.Body, properties.Name) : {};
    const answer = await context.call('apigatewayv2', 'CreateApi', { ...fromBody, ...members(properties, API), ...(properties.DisableExecuteApiEndpoint !== undefined ? { disableExecuteApiEndpoint: booleanOf(properties.DisableExecuteApiEndpoint) } : {}) });
    if (properties.Body) await importRoutes(answer.apiId, properties.Body, context.call);
    return { physicalId: answer.apiId, attributes: { ApiId: answer.apiId, ApiEndpoint: answer.apiEndpoint } };
  },
  async update(properties, existing, context) {
    const { tags: _tags, protocolType: _protocol, ...fromBody } = properties.Body ? apiFromBody(properties.Body, properties.Name) : {};
    await context.call('apigatewayv2', 'UpdateApi', { apiId: existing.physicalId, ...fromBody, ...members(properties, ['Name', 'Description', 'Version', 'CorsConfiguration', 'RouteSelectionExpression']) });
    if (JSON.stringify(properties.Body) !== JSON.stringify(existing.properties.Body)) await reimportRoutes(existing.physicalId, properties.Body ?? {}, context.call);
    return existing;
  },
  async delete(existing, context) {
    await ignoringNotFound(context.call('apigatewayv2', 'DeleteApi', { apiId: existing.physicalId }));
  },
};

const STAGE = ['ApiId', 'StageName', 'AutoDeploy', 'Description', 'StageVariables', 'DefaultRouteSettings', 'RouteSettings', 'AccessLogSettings', 'DeploymentId', 'Tags'];

/** AWS::ApiGatewayV2::Stage: Ref is the stage name. */
export const apiGatewayStage: Provisioner = {
  properties: STAGE,
  required: ['ApiId', 'StageName'],
  replaceOn: ['ApiId', 'StageName'],
  async create(properties, context) {
    await context.call('apigatewayv2', 'CreateStage', { ...members(properties, STAGE), ...(properties.AutoDeploy !== undefined ? { autoDeploy: booleanOf(properties.AutoDeploy) } : {}) });
    return { physicalId: properties.StageName };
  },
  async update(properties, existing, context) {
    await context.call('apigatewayv2', 'UpdateStage', { ...members(properties, STAGE.filter((name) => name !== 'Tags')), ...(properties.AutoDeploy !== undefined ? { autoDeploy: booleanOf(properties.AutoDeploy) } : {}) });
    return existing;
  },
  async delete(existing, context) {
    await ignoringNotFound(context.call('apigatewayv2', 'DeleteStage', { apiId: existing.properties.ApiId, stageName: existing.physicalId }));
  },
};

const INTEGRATION = ['ApiId', 'IntegrationType', 'IntegrationUri', 'IntegrationMethod', 'PayloadFormatVersion', 'TimeoutInMillis', 'Description', 'CredentialsArn'];

/** AWS::ApiGatewayV2::Integration: Ref is the integration id. */
export const apiGatewayIntegration: Provisioner = {
  properties: INTEGRATION,
  required: ['ApiId', 'IntegrationType'],
  replaceOn: ['ApiId'],
  async create(properties, context) {
    const answer = await context.call('apigatewayv2', 'CreateIntegration', { ...members(properties, INTEGRATION), ...(properties.TimeoutInMillis !== undefined ? { timeoutInMillis: numberOf(properties.TimeoutInMillis) } : {}) });
    return { physicalId: answer.integrationId };
  },
  async update(properties, existing, context) {
    await context.call('apigatewayv2', 'UpdateIntegration', { integrationId: existing.physicalId, ...members(properties, INTEGRATION), ...(properties.TimeoutInMillis !== undefined ? { timeoutInMillis: numberOf(properties.TimeoutInMillis) } : {}) });
    return existing;
  },
  async delete(existing, context) {
    await ignoringNotFound(context.call('apigatewayv2', 'DeleteIntegration', { apiId: existing.properties.ApiId, integrationId: existing.physicalId }));
  },
};

const ROUTE = ['ApiId', 'RouteKey', 'Target', 'AuthorizationType', 'AuthorizerId', 'AuthorizationScopes', 'ApiKeyRequired', 'OperationName'];

/** AWS::ApiGatewayV2::Route: Ref is the route id. */
export const apiGatewayRoute: Provisioner = {
  properties: ROUTE,
  required: ['ApiId', 'RouteKey'],
  replaceOn: ['ApiId'],
  async create(properties, context) {
    const answer = await context.call('apigatewayv2', 'CreateRoute', members(properties, ROUTE));
    return { physicalId: answer.routeId };
  },
  async update(properties, existing, context) {
    await context.call('apigatewayv2', 'UpdateRoute', { routeId: existing.physicalId, ...members(properties, ROUTE) });
    return existing;
  },
  async delete(existing, context) {
    await ignoringNotFound(context.call('apigatewayv2', 'DeleteRoute', { apiId: existing.properties.ApiId, routeId: existing.physicalId }));
  },
};
