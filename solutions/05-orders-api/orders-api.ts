/** Lab 05 solution: the orders API, one function behind an HTTP API (payload format 2.0). */
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
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

/** An order as the table stores it (lab 03's shape). */
interface StoredOrder {
  orderId: string;
  customerId: string;
  createdAt: string;
  currency: string;
  totalCents: number;
}

// Built once per execution environment: warm invocations reuse the client and its connections.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): ApiResponse {
  return { statusCode, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

function accepted(order: StoredOrder): ApiResponse {
  // 201 Created with the new resource's address: what a client needs to read the order later.
  return json(201, { status: 'accepted', orderId: order.orderId, totalCents: order.totalCents }, { location: `/orders/${order.orderId}` });
}

/** Routes the two API routes to their code. */
export async function handleOrdersApi(event: ApiRequest): Promise<ApiResponse> {
  if (event.routeKey === 'POST /orders') return placeOrder(event);
  if (event.routeKey === 'GET /orders/{orderId}') return readOrder(event.pathParameters?.orderId ?? '');
  return json(404, { message: `no route ${event.routeKey}` });
}

async function placeOrder(event: ApiRequest): Promise<ApiResponse> {
  // API Gateway base64-encodes a body whose content type is not text.
  const text = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return json(400, { message: 'the body is not JSON', field: 'body' });
  }
  // Validation belongs at the edge: a 400 naming the field tells the client what to fix, and a
  // rejected order never reaches the table.
  const problem = checkOrder(input);
  if (problem) return json(400, problem);
  const order = input as OrderRequest;
  const stored: StoredOrder = { orderId: order.orderId, customerId: order.customerId, createdAt: new Date().toISOString(), currency: order.currency, totalCents: priceOrder(order) };
  const key = event.headers?.['idempotency-key'];
  const requestHash = createHash('sha256').update(text).digest('hex');
  const writes = [{ Put: { TableName: process.env.TABLE_NAME, Item: stored, ConditionExpression: 'attribute_not_exists(orderId)' } }];
  // The key's record and the order in one transaction: a retry after a timeout finds both or neither.
  if (key) writes.unshift({ Put: { TableName: process.env.TABLE_NAME, Item: { orderId: `idempotency#${key}`, requestHash, order: stored } as never, ConditionExpression: 'attribute_not_exists(orderId)' } });
  try {
    await documents.send(new TransactWriteCommand({ TransactItems: writes }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    if (key && reasons[0]?.Code === 'ConditionalCheckFailed') return replay(key, requestHash);
    return json(409, { message: `order ${order.orderId} exists already`, field: 'orderId' });
  }
  return accepted(stored);
}

/** A repeated Idempotency-Key: the first answer again for the same body, 409 for another. */
async function replay(key: string, requestHash: string): Promise<ApiResponse> {
  const { Item } = await documents.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { orderId: `idempotency#${key}` }, ConsistentRead: true }));
  if (Item?.requestHash !== requestHash) return json(409, { message: `Idempotency-Key ${key} was used for another request`, field: 'Idempotency-Key' });
  return accepted(Item.order as StoredOrder);
}

async function readOrder(orderId: string): Promise<ApiResponse> {
  // The key's record is not an order: only ids that look like orders are read.
  if (!orderId.startsWith('ord-')) return json(404, { message: `order ${orderId} not found` });
  const { Item } = await documents.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { orderId } }));
  if (!Item) return json(404, { message: `order ${orderId} not found` });
  const { customerId, createdAt, currency, totalCents } = Item as StoredOrder;
  return json(200, { orderId, customerId, createdAt, currency, totalCents });
}
