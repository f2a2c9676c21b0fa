/**
 * The event a Lambda proxy integration receives, in payload format 2.0 or 1.0, as API Gateway
 * builds it: header names in lower case, repeated values joined with commas (2.0) or kept in
 * multiValue members (1.0), a body that is not text base64-encoded.
 */
import type { EmulatorRequest } from '../../../types.ts';

/** What the gateway knows about a request when it calls the integration. */
export interface ProxyRequest {
  request: EmulatorRequest;
  account: string;
  apiId: string;
  domainName: string;
  stage: string;
  routeKey: string;
  /** The path as the client sent it (with a named stage), without the query. */
  rawPath: string;
  pathParameters: Record<string, string>;
  stageVariables: Record<string, string> | undefined;
  requestId: string;
  time: Date;
  authorizer?: { jwt: { claims: Record<string, unknown>; scopes: string[] | null } };
}

const TEXT = /^(text\/|application\/(json|javascript|xml)|application\/[\w.+-]+\+(json|xml))/i;

function body(request: EmulatorRequest): { body?: string; isBase64Encoded: boolean } {
  if (request.body.length === 0) return { isBase64Encoded: false };
  const type = request.headers['content-type'] ?? '';
  if (TEXT.test(type)) return { body: request.body.toString('utf8'), isBase64Encoded: false };
  return { body: request.body.toString('base64'), isBase64Encoded: true };
}

/** `10/Apr/2022:13:30:05 +0000`, the request time format of both payloads. */
function clfTime(time: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(time.getUTCDate())}/${months[time.getUTCMonth()]}/${time.getUTCFullYear()}:${two(time.getUTCHours())}:${two(time.getUTCMinutes())}:${two(time.getUTCSeconds())} +0000`;
}

function queryValues(request: EmulatorRequest): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const [name, value] of request.query) values.set(name, [...(values.get(name) ?? []), value]);
  return values;
}

function rawQuery(request: EmulatorRequest): string {
  return request.query.toString();
}

function sourceIp(request: EmulatorRequest): string {
  return (request.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}

function headersWithoutCookies(request: EmulatorRequest): Record<string, string> {
  const { cookie: _cookie, ...rest } = request.headers;
  return rest;
}

/** The payload format 2.0 event. */
export function eventV2(proxy: ProxyRequest): Record<string, unknown> {
  const { request } = proxy;
  const query = queryValues(request);
  const cookies = request.headers.cookie?.split(/;\s*/).filter(Boolean);
  return {
    version: '2.0',
    routeKey: proxy.routeKey,
    rawPath: proxy.rawPath,
    rawQueryString: rawQuery(request),
    ...(cookies?.length ? { cookies } : {}),
    headers: headersWithoutCookies(request),
    ...(query.size > 0 ? { queryStringParameters: Object.fromEntries([...query].map(([name, list]) => [name, list.join(',')])) } : {}),
    requestContext: {
      accountId: proxy.account,
      apiId: proxy.apiId,
      ...(proxy.authorizer ? { authorizer: proxy.authorizer } : {}),
      domainName: proxy.domainName,
      domainPrefix: proxy.domainName.split('.')[0],
      http: { method: request.method, path: proxy.rawPath, protocol: 'HTTP/1.1', sourceIp: sourceIp(request), userAgent: request.headers['user-agent'] ?? '' },
      requestId: proxy.requestId,
      routeKey: proxy.routeKey,
      stage: proxy.stage,
      time: clfTime(proxy.time),
      timeEpoch: proxy.time.getTime(),
    },
    ...(Object.keys(proxy.pathParameters).length > 0 ? { pathParameters: proxy.pathParameters } : {}),
    ...(proxy.stageVariables ? { stageVariables: proxy.stageVariables } : {}),
    ...body(request),
  };
}

/** The payload format 1.0 event (the REST API shape): absent members are null. */
export function eventV1(proxy: ProxyRequest): Record<string, unknown> {
  const { request } = proxy;
  const query = queryValues(request);
  const resource = proxy.routeKey === '$default' ? '/$default' : proxy.routeKey.slice(proxy.routeKey.indexOf(' ') + 1);
  const { body: text, isBase64Encoded } = body(request);
  return {
    version: '1.0',
    resource,
    path: proxy.rawPath,
    httpMethod: request.method,
    headers: request.headers,
    multiValueHeaders: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, value.split(/,\s*/)])),
    queryStringParameters: query.size > 0 ? Object.fromEntries([...query].map(([name, list]) => [name, list.at(-1)!])) : null,
    multiValueQueryStringParameters: query.size > 0 ? Object.fromEntries(query) : null,
    requestContext: {
      accountId: proxy.account,
      apiId: proxy.apiId,
      ...(proxy.authorizer ? { authorizer: { claims: proxy.authorizer.jwt.claims, scopes: proxy.authorizer.jwt.scopes } } : {}),
      domainName: proxy.domainName,
      domainPrefix: proxy.domainName.split('.')[0],
      extendedRequestId: proxy.requestId,
      httpMethod: request.method,
      identity: { accessKey: null, accountId: null, caller: null, cognitoAuthenticationProvider: null, cognitoAuthenticationType: null, cognitoIdentityId: null, cognitoIdentityPoolId: null, principalOrgId: null, sourceIp: sourceIp(request), user: null, userAgent: request.headers['user-agent'] ?? '', userArn: null },
      path: proxy.rawPath,
      protocol: 'HTTP/1.1',
      requestId: proxy.requestId,
      requestTime: clfTime(proxy.time),
      requestTimeEpoch: proxy.time.getTime(),
      resourceId: proxy.routeKey,
      resourcePath: resource,
      stage: proxy.stage,
    },
    pathParameters: Object.keys(proxy.pathParameters).length > 0 ? proxy.pathParameters : null,
    stageVariables: proxy.stageVariables ?? null,
    body: text ?? null,
    isBase64Encoded,
  };
}
