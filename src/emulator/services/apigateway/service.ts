/**
 * Amazon API Gateway HTTP APIs (apigatewayv2, REST-JSON): APIs, routes, Lambda proxy
 * integrations, stages, deployments, JWT authorizers and CORS settings. Requests to the APIs
 * themselves are served by execute/ (the `execute-api` host names and `/_aws/execute-api/` paths).
 * LIMITATIONS: HTTP APIs only (no WebSocket APIs; REST APIs are the separate `apigateway` service,
 * not emulated); integrations are Lambda proxies (AWS_PROXY) only, no HTTP_PROXY, private or
 * service integrations; no Lambda (REQUEST) authorizers, AWS_IAM route authorization, custom
 * domain names, API mappings, VPC links, route or integration responses, request parameter
 * mapping, throttling or usage plans; ExportApi/ImportApi are not emulated; access logs fill the
 * common `$context` variables only (others are `-`).
 */
import type { RestRoute, ServiceDefinition } from '../../types.ts';
import { createApi, deleteApi, deleteCors, getApi, getApis, updateApi } from './apis.ts';
import { createAuthorizer, deleteAuthorizer, getAuthorizer, getAuthorizers, updateAuthorizer } from './authorizers.ts';
import { createDeployment } from './deploy.ts';
import { createIntegration, deleteIntegration, getIntegration, getIntegrations, updateIntegration } from './integrations.ts';
import { createApiGatewayState, type ApiGatewayState } from './model.ts';
import { createRoute, deleteRoute, getRoute, getRoutes, updateRoute } from './routes.ts';
import { createStage, deleteDeployment, deleteStage, getDeployment, getDeployments, getStage, getStages, updateStage } from './stages.ts';
import { getTags, tagResource, untagResource } from './tags.ts';
import { executeApiDoor } from './execute/door.ts';
import { registerIdentityProvider } from './execute/identity-provider.ts';

const API = '/v2/apis/{apiId}';
const PAGING = { maxResults: 'maxResults', nextToken: 'nextToken' };

/** A child collection's five routes: create, list, get, update, delete. */
function collection(path: string, id: string, noun: string, plural = `${noun}s`): RestRoute[] {
  return [
    { method: 'POST', path: `${API}/${path}`, operation: `Create${noun}`, status: 201 },
    { method: 'GET', path: `${API}/${path}`, operation: `Get${plural}`, query: PAGING },
    { method: 'GET', path: `${API}/${path}/{${id}}`, operation: `Get${noun}` },
    { method: 'PATCH', path: `${API}/${path}/{${id}}`, operation: `Update${noun}` },
    { method: 'DELETE', path: `${API}/${path}/{${id}}`, operation: `Delete${noun}`, status: 204 },
  ];
}

/** The route table, as botocore's apigatewayv2/2018-11-29 model declares it. */
const routes: RestRoute[] = [
  { method: 'POST', path: '/v2/apis', operation: 'CreateApi', status: 201 },
  { method: 'GET', path: '/v2/apis', operation: 'GetApis', query: PAGING },
  { method: 'GET', path: API, operation: 'GetApi' },
  { method: 'PATCH', path: API, operation: 'UpdateApi' },
  { method: 'DELETE', path: API, operation: 'DeleteApi', status: 204 },
  { method: 'DELETE', path: `${API}/cors`, operation: 'DeleteCorsConfiguration', status: 204 },
  ...collection('routes', 'routeId', 'Route'),
  ...collection('integrations', 'integrationId', 'Integration'),
  ...collection('stages', 'stageName', 'Stage'),
  ...collection('authorizers', 'authorizerId', 'Authorizer'),
  { method: 'POST', path: `${API}/deployments`, operation: 'CreateDeployment', status: 201 },
  { method: 'GET', path: `${API}/deployments`, operation: 'GetDeployments', query: PAGING },
  { method: 'GET', path: `${API}/deployments/{deploymentId}`, operation: 'GetDeployment' },
  { method: 'DELETE', path: `${API}/deployments/{deploymentId}`, operation: 'DeleteDeployment', status: 204 },
  { method: 'POST', path: '/v2/tags/{ResourceArn}', operation: 'TagResource', status: 201 },
  { method: 'DELETE', path: '/v2/tags/{ResourceArn}', operation: 'UntagResource', query: { tagKeys: 'tagKeys' }, status: 204 },
  { method: 'GET', path: '/v2/tags/{ResourceArn}', operation: 'GetTags' },
];

/** A fresh API Gateway service definition. */
export function createApiGatewayService(): ServiceDefinition<ApiGatewayState> {
  return {
    name: 'apigatewayv2',
    signingNames: ['apigateway'],
    protocol: 'rest-json',
    routes,
    createState: createApiGatewayState,
    start(emulator) {
      emulator.addFrontDoor(executeApiDoor(emulator));
      registerIdentityProvider(emulator);
    },
    operations: {
      CreateApi: createApi,
      GetApi: getApi,
      GetApis: getApis,
      UpdateApi: updateApi,
      DeleteApi: deleteApi,
      DeleteCorsConfiguration: deleteCors,
      CreateRoute: createRoute,
      GetRoute: getRoute,
      GetRoutes: getRoutes,
      UpdateRoute: updateRoute,
      DeleteRoute: deleteRoute,
      CreateIntegration: createIntegration,
      GetIntegration: getIntegration,
      GetIntegrations: getIntegrations,
      UpdateIntegration: updateIntegration,
      DeleteIntegration: deleteIntegration,
      CreateStage: createStage,
      GetStage: getStage,
      GetStages: getStages,
      UpdateStage: updateStage,
      DeleteStage: deleteStage,
      CreateDeployment: createDeployment,
      GetDeployment: getDeployment,
      GetDeployments: getDeployments,
      DeleteDeployment: deleteDeployment,
      CreateAuthorizer: createAuthorizer,
      GetAuthorizer: getAuthorizer,
      GetAuthorizers: getAuthorizers,
      UpdateAuthorizer: updateAuthorizer,
      DeleteAuthorizer: deleteAuthorizer,
      TagResource: tagResource,
      UntagResource: untagResource,
      GetTags: getTags,
    },
  };
}
