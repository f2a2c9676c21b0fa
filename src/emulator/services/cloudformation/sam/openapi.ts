/**
 * An HTTP API's OpenAPI Body (what SAM's HttpApi generates): the API, then one Lambda proxy
 * integration and route per path and method, through API Gateway's own operations. The emulator
 * has no ImportApi, so the document is read here.
 */

type Call = (service: string, operation: string, input: Record<string, unknown>) => Promise<any>;
type Props = Record<string, any>;

const ANY = 'x-amazon-apigateway-any-method';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', ANY];

/** CreateApi's members from the document (the template's Name wins over info.title). */
export function apiFromBody(body: Props, name: unknown): Props {
  const tags = Array.isArray(body.tags) ? Object.fromEntries(body.tags.filter((tag: Props) => tag['x-amazon-apigateway-tag-value'] !== undefined).map((tag: Props) => [String(tag.name), String(tag['x-amazon-apigateway-tag-value'])])) : undefined;
  return {
    name: name ?? body.info?.title ?? 'api',
    protocolType: 'HTTP',
    ...(body.info?.description !== undefined ? { description: body.info.description } : {}),
    ...(body.info?.version !== undefined ? { version: String(body.info.version) } : {}),
    ...(body['x-amazon-apigateway-cors'] ? { corsConfiguration: body['x-amazon-apigateway-cors'] } : {}),
    ...(tags ? { tags } : {}),
  };
}

/** The routes the document declares: route key and proxy integration. */
function routesOf(body: Props): Array<{ routeKey: string; integration: Props }> {
  const routes: Array<{ routeKey: string; integration: Props }> = [];
  for (const [path, item] of Object.entries((body.paths ?? {}) as Record<string, Props>)) {
    for (const method of METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      const integration = operation['x-amazon-apigateway-integration'];
      if (!integration || String(integration.type).toLowerCase() !== 'aws_proxy') throw new Error(`The route ${method} ${path} of the API's Body has no aws_proxy x-amazon-apigateway-integration: the workshop emulator imports Lambda proxy integrations only.`);
      const routeKey = path === '$default' ? '$default' : `${method === ANY ? 'ANY' : method.toUpperCase()} ${path}`;
      routes.push({ routeKey, integration });
    }
  }
  return routes;
}

/** Creates the document's integrations and routes on an API. */
export async function importRoutes(apiId: string, body: Props, call: Call): Promise<void> {
  for (const { routeKey, integration } of routesOf(body)) {
    const created = await call('apigatewayv2', 'CreateIntegration', {
      apiId,
      integrationType: 'AWS_PROXY',
      integrationUri: integration.uri,
      integrationMethod: integration.httpMethod ?? 'POST',
      payloadFormatVersion: String(integration.payloadFormatVersion ?? '2.0'),
      ...(integration.timeoutInMillis !== undefined ? { timeoutInMillis: Number(integration.timeoutInMillis) } : {}),
    });
    await call('apigatewayv2', 'CreateRoute', { apiId, routeKey, target: `integrations/${created.integrationId}` });
  }
}

/** Replaces an API's routes and integrations with the document's (an update of Body). */
export async function reimportRoutes(apiId: string, body: Props, call: Call): Promise<void> {
  for (const route of (await call('apigatewayv2', 'GetRoutes', { apiId })).items ?? []) await call('apigatewayv2', 'DeleteRoute', { apiId, routeId: route.routeId });
  for (const integration of (await call('apigatewayv2', 'GetIntegrations', { apiId })).items ?? []) await call('apigatewayv2', 'DeleteIntegration', { apiId, integrationId: integration.integrationId });
  await importRoutes(apiId, body, call);
}
