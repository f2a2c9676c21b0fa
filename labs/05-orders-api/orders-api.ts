/** Lab 05: the orders API's function, behind an HTTP API. Complete every TODO, then run `npx workshop check 05`. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { checkOrder, priceOrder, type OrderRequest } from './order-rules.ts';

/** The parts of an HTTP API request (payload format 2.0) this handler reads. */
export interface ApiRequest {
  routeKey: string;
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
}

/** An HTTP response as API Gateway maps it from a function's answer. */
export interface ApiResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

// Built once per execution environment: warm invocations reuse the client and its connections.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): ApiResponse {
  return { statusCode, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** Answers POST /orders and GET /orders/{orderId}. */
export async function handleOrdersApi(event: ApiRequest): Promise<ApiResponse> {
  // TODO: POST /orders (event.routeKey === 'POST /orders'):
  //       - parse event.body as JSON (base64-decode it first when event.isBase64Encoded);
  //       - checkOrder(order): when it names a problem, answer 400 with a JSON body { message, field };
  //       - store { orderId, customerId, createdAt (now, ISO 8601), currency, totalCents: priceOrder(order) }
  //         in the table process.env.TABLE_NAME, never over an existing order;
  //       - answer 201 with a Location header /orders/<orderId> and { status: 'accepted', orderId, totalCents }.
  // TODO: an Idempotency-Key header (event.headers['idempotency-key']): a repeat with the same body
  //       answers the first 201 again and stores nothing new; the same key with another body is 409.
  // TODO: GET /orders/{orderId}: 200 with the stored order, or 404 with a JSON { message }.
  return json(501, { message: `${event.routeKey} is not written yet` });
}
