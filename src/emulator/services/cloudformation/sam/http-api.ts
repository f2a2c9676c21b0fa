/**
 * HTTP APIs: HttpApi events collected into an OpenAPI document, the implicit `ServerlessHttpApi`
 * with its `ServerlessHttpApiApiGatewayDefaultStage`, and AWS::Serverless::HttpApi resources.
 */
import type { TemplateResource } from '../template.ts';
import { InvalidSamResource, unsupported } from './errors.ts';
import type { InvokeTarget } from './events.ts';
import { resourceAttributes } from './shared.ts';

/** One route an HttpApi event adds. */
interface Route {
  /** The Fn::Sub variable of the ARN the integration invokes (`Fn.Arn`, or an alias). */
  uriVariable: string;
  path: string;
  method: string;
  payloadFormatVersion: unknown;
  timeoutInMillis?: unknown;
}

/** The routes of every HTTP API of the template, by the API's logical id. */
export type HttpApiRoutes = Record<string, Route[]>;

/** The implicit API's logical id. */
export const IMPLICIT_HTTP_API = 'ServerlessHttpApi';
const ANY = 'x-amazon-apigateway-any-method';

type Props = Record<string, unknown>;

/** Records an HttpApi event's route and returns its `<Fn><Event>Permission`. */
export function httpApiEvent(target: InvokeTarget, fn: string, id: string, properties: Props, context: { routes: HttpApiRoutes; templateResources: Record<string, TemplateResource> }): Record<string, TemplateResource> {
  const { routes, templateResources } = context;
  if (properties.Auth !== undefined) throw unsupported(id, "The HttpApi event's Auth", 'Leave the route open, or check the caller inside the function.');
  let api = IMPLICIT_HTTP_API;
  if (properties.ApiId !== undefined) {
    const ref = (properties.ApiId as Props | undefined)?.Ref;
    if (typeof ref !== 'string' || templateResources[ref]?.Type !== 'AWS::Serverless::HttpApi') throw new InvalidSamResource(fn, `Event with id [${id.slice(fn.length)}] is invalid. ApiId must be a valid reference to an 'AWS::Serverless::HttpApi' resource in same template.`);
    api = ref;
  }
  const path = String(properties.Path ?? '$default');
  const method = String(properties.Method ?? 'ANY').toLowerCase();
  (routes[api] ??= []).push({ uriVariable: target.uriVariable, path, method, payloadFormatVersion: properties.PayloadFormatVersion ?? '2.0', ...(properties.TimeoutInMillis !== undefined ? { timeoutInMillis: properties.TimeoutInMillis } : {}) });
  const verb = method === 'any' ? '*' : method.toUpperCase();
  const resource = path === '$default' ? '${__ApiId__}/${__Stage__}/$default' : `\${__ApiId__}/\${__Stage__}/${verb}${path.replace(/\{[^}]*\}/g, '*')}`;
  return {
    [`${id}Permission`]: {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: target.ref,
        Principal: 'apigateway.amazonaws.com',
        SourceArn: { 'Fn::Sub': [`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:${resource}`, { __ApiId__: { Ref: api }, __Stage__: '*' }] },
      },
    },
  };
}

/** CorsConfiguration (true, or a map) as the `x-amazon-apigateway-cors` extension. */
function corsExtension(cors: unknown): Props | undefined {
  if (cors === undefined || cors === false || cors === 'false') return undefined;
  if (cors === true || cors === 'true') return { allowOrigins: ['*'], allowHeaders: ['*'], allowMethods: ['*'] };
  return Object.fromEntries(Object.entries(cors as Props).map(([key, value]) => [key.charAt(0).toLowerCase() + key.slice(1), value]));
}

/** The OpenAPI document of an API: its DefinitionBody (or a new one) with the events' routes added. */
function openApiBody(title: unknown, definition: Props | undefined, routes: Route[], properties: Props): Props {
  const body: Props = definition ? structuredClone(definition) : { openapi: '3.0.1', info: { version: '1.0', title }, paths: {} };
  const paths = ((body.paths ??= {}) as Record<string, Record<string, unknown>>);
  for (const route of routes) {
    const integration = { httpMethod: 'POST', type: 'aws_proxy', uri: { 'Fn::Sub': `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${route.uriVariable}}/invocations` }, payloadFormatVersion: route.payloadFormatVersion, ...(route.timeoutInMillis !== undefined ? { timeoutInMillis: route.timeoutInMillis } : {}) };
    (paths[route.path] ??= {})[route.method === 'any' ? ANY : route.method] = { 'x-amazon-apigateway-integration': integration, responses: {} };
  }
  if (properties.Description !== undefined) (body.info as Props).description = properties.Description;
  const cors = corsExtension(properties.CorsConfiguration);
  if (cors) body['x-amazon-apigateway-cors'] = cors;
  const tags = Object.entries({ 'httpapi:createdBy': 'SAM', ...((properties.Tags as Props | undefined) ?? {}) });
  body.tags = tags.map(([name, value]) => ({ name, 'x-amazon-apigateway-tag-value': value }));
  return body;
}

const API_PROPERTIES = ['Name', 'StageName', 'CorsConfiguration', 'DefinitionBody', 'Description', 'DisableExecuteApiEndpoint', 'StageVariables', 'Tags', 'AccessLogSettings', 'DefaultRouteSettings', 'RouteSettings', 'FailOnWarnings', 'PropagateTags'];
const REFUSED: Record<string, string> = {
  Auth: 'Leave the API open, or check the caller inside the function.',
  Domain: 'Call the API on its execute-api address instead.',
  DefinitionUri: 'Put the OpenAPI document inline with DefinitionBody, or let the functions\' HttpApi events define the routes.',
};

/** The AWS::ApiGatewayV2::Api and Stage of one HTTP API (explicit or the implicit one). */
export function httpApiResources(logicalId: string, resource: TemplateResource | undefined, routes: Route[]): Record<string, TemplateResource> {
  const properties = resource?.Properties ?? {};
  for (const name of Object.keys(properties)) {
    if (Object.hasOwn(REFUSED, name)) throw unsupported(logicalId, `The property '${name}'`, REFUSED[name]!);
    if (!API_PROPERTIES.includes(name)) throw new InvalidSamResource(logicalId, `property ${name} not defined for resource of type AWS::Serverless::HttpApi`);
  }
  const body = openApiBody(properties.Name ?? { Ref: 'AWS::StackName' }, properties.DefinitionBody as Props | undefined, routes, properties);
  const stageName = properties.StageName ?? '$default';
  const stageId = stageName === '$default' ? `${logicalId}ApiGatewayDefaultStage` : `${logicalId}${String(stageName).replace(/[^A-Za-z0-9]/g, '')}Stage`;
  const stage: Props = {
    ApiId: { Ref: logicalId },
    StageName: stageName,
    AutoDeploy: true,
    Tags: { 'httpapi:createdBy': 'SAM', ...((properties.Tags as Props | undefined) ?? {}) },
  };
  for (const name of ['StageVariables', 'AccessLogSettings', 'DefaultRouteSettings', 'RouteSettings']) if (properties[name] !== undefined) stage[name] = properties[name];
  const attributes = resource ? resourceAttributes(resource) : {};
  return {
    [logicalId]: { Type: 'AWS::ApiGatewayV2::Api', ...attributes, Properties: { Body: body, ...(properties.DisableExecuteApiEndpoint !== undefined ? { DisableExecuteApiEndpoint: properties.DisableExecuteApiEndpoint } : {}) } },
    [stageId]: { Type: 'AWS::ApiGatewayV2::Stage', ...(attributes.Condition ? { Condition: attributes.Condition } : {}), Properties: stage },
  };
}
