/** Lab 05 solution: put the orders function behind an HTTP API. */
import {
  CreateApiCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand, GetApiCommand, GetApisCommand, GetIntegrationsCommand, GetRoutesCommand, GetStagesCommand,
  UpdateApiCommand, type ApiGatewayV2Client,
} from '@aws-sdk/client-apigatewayv2';
import { AddPermissionCommand, RemovePermissionCommand, ResourceNotFoundException, type LambdaClient } from '@aws-sdk/client-lambda';

/** The SDK clients the setup uses. */
export interface OrdersApiClients {
  apigateway: ApiGatewayV2Client;
  lambda: LambdaClient;
}

/** What to create, and for whom. */
export interface OrdersApiSetup {
  apiName: string;
  /** The ARN of the deployed orders function (orders-api.ts). */
  functionArn: string;
  /** The shop's web origin, like https://shop.example: its pages may call the API. */
  allowOrigin: string;
}

const ROUTES = ['POST /orders', 'GET /orders/{orderId}'];

/** Finds the API named `name`, if an earlier run made it. */
async function existingApi(apigateway: ApiGatewayV2Client, name: string): Promise<{ ApiId?: string } | undefined> {
  let token: string | undefined;
  do {
    const page = await apigateway.send(new GetApisCommand({ NextToken: token }));
    const found = page.Items?.find((api) => api.Name === name);
    if (found) return found;
    token = page.NextToken;
  } while (token);
  return undefined;
}

/** Creates (or completes) the orders API; resolves with its endpoint. */
export async function setupOrdersApi(clients: OrdersApiClients, setup: OrdersApiSetup): Promise<string> {
  const { apigateway, lambda } = clients;
  const { apiName, functionArn, allowOrigin } = setup;
  // CORS at the API: API Gateway answers the browser's preflight itself, without a function call.
  const cors = { AllowOrigins: [allowOrigin], AllowMethods: ['GET', 'POST'], AllowHeaders: ['content-type', 'idempotency-key'], ExposeHeaders: ['location'], MaxAge: 300 };
  // An API has an id, not a name: a second run looks for the first run's API instead of making another.
  const found = await existingApi(apigateway, apiName);
  const apiId = found?.ApiId ?? (await apigateway.send(new CreateApiCommand({ Name: apiName, ProtocolType: 'HTTP', CorsConfiguration: cors }))).ApiId!;
  if (found) await apigateway.send(new UpdateApiCommand({ ApiId: apiId, CorsConfiguration: cors }));

  const integrations = (await apigateway.send(new GetIntegrationsCommand({ ApiId: apiId }))).Items ?? [];
  const integrationId = integrations.find((item) => item.IntegrationUri === functionArn)?.IntegrationId
    ?? (await apigateway.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: functionArn, PayloadFormatVersion: '2.0' }))).IntegrationId!;
  const routes = (await apigateway.send(new GetRoutesCommand({ ApiId: apiId }))).Items ?? [];
  for (const routeKey of ROUTES) {
    if (!routes.some((route) => route.RouteKey === routeKey)) await apigateway.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: routeKey, Target: `integrations/${integrationId}` }));
  }
  const stages = (await apigateway.send(new GetStagesCommand({ ApiId: apiId }))).Items ?? [];
  // $default with auto-deploy: the API's URL has no stage in it, and every change goes live.
  if (!stages.some((stage) => stage.StageName === '$default')) await apigateway.send(new CreateStageCommand({ ApiId: apiId, StageName: '$default', AutoDeploy: true }));

  const [, , , region, account] = functionArn.split(':');
  const statementId = `api-${apiName}`;
  await lambda.send(new RemovePermissionCommand({ FunctionName: functionArn, StatementId: statementId })).catch((error: unknown) => {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  });
  await lambda.send(new AddPermissionCommand({
    FunctionName: functionArn,
    StatementId: statementId,
    Action: 'lambda:InvokeFunction',
    Principal: 'apigateway.amazonaws.com',
    // This API only (any stage, method and route): without SourceArn any API could call the function.
    SourceArn: `arn:aws:execute-api:${region}:${account}:${apiId}/*`,
  }));
  // The endpoint AWS gives (https://<id>.execute-api.<region>.amazonaws.com); the emulator's works offline.
  return (await apigateway.send(new GetApiCommand({ ApiId: apiId }))).ApiEndpoint!;
}
