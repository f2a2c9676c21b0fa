/** Lab 05: put the orders function behind an HTTP API. Complete every TODO, then run `npx workshop check 05`. */
import type { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import type { LambdaClient } from '@aws-sdk/client-lambda';

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

/** Creates (or completes) the orders API; resolves with its endpoint. */
export async function setupOrdersApi(clients: OrdersApiClients, setup: OrdersApiSetup): Promise<string> {
  const { apigateway, lambda } = clients;
  // TODO: create the HTTP API setup.apiName (CreateApiCommand, ProtocolType 'HTTP'), with a
  //       CorsConfiguration that lets setup.allowOrigin call POST and GET with a content-type header.
  // TODO: a Lambda proxy integration to setup.functionArn (CreateIntegrationCommand, IntegrationType
  //       'AWS_PROXY', PayloadFormatVersion '2.0'), and the routes 'POST /orders' and
  //       'GET /orders/{orderId}' targeting it (Target: `integrations/${IntegrationId}`).
  // TODO: the $default stage with AutoDeploy, so the API is live at its endpoint.
  // TODO: let apigateway.amazonaws.com invoke the function for this API only (AddPermissionCommand
  //       with SourceArn arn:aws:execute-api:<region>:<account>:<apiId>/*).
  // TODO: make a second run safe: find the API by name instead of creating another.
  // TODO: return the API's endpoint (ApiEndpoint).
  return '';
}
