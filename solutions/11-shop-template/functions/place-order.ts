/** Lab 11 (given): takes an order over HTTP, stores it, and announces it on the shop's bus. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';

/** The parts of an HTTP API (payload 2.0) request this handler reads. */
export interface HttpRequest {
  body?: string;
  isBase64Encoded?: boolean;
}

/** An HTTP API answer. */
export interface HttpAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

interface OrderLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const events = new EventBridgeClient({});

const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpAnswer => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** POST /orders: 201 with the order id once the order is stored and its OrderPlaced event is on the bus. */
export async function handler(request: HttpRequest): Promise<HttpAnswer> {
  // The template gives these through Environment: without them the function cannot know its table or bus.
  const table = process.env.TABLE_NAME;
  const bus = process.env.BUS_NAME;
  if (!table || !bus) return json(500, { message: 'TABLE_NAME and BUS_NAME must be set in the function environment' });
  let order: { orderId?: unknown; customerId?: unknown; items?: OrderLine[] };
  try {
    const text = request.isBase64Encoded ? Buffer.from(request.body ?? '', 'base64').toString('utf8') : request.body ?? '';
    order = JSON.parse(text);
  } catch {
    return json(400, { message: 'the body must be a JSON order', field: 'body' });
  }
  if (typeof order.orderId !== 'string' || order.orderId === '') return json(400, { message: 'orderId is required', field: 'orderId' });
  const items = Array.isArray(order.items) ? order.items : [];
  const subtotalCents = items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
  const stored = { orderId: order.orderId, customerId: String(order.customerId ?? ''), status: 'placed', itemCount: items.length, subtotalCents, createdAt: new Date().toISOString() };
  await documents.send(new PutCommand({ TableName: table, Item: stored, ConditionExpression: 'attribute_not_exists(orderId)' }));
  const sent = await events.send(new PutEventsCommand({
    Entries: [{ EventBusName: bus, Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ orderId: stored.orderId, customerId: stored.customerId, subtotalCents }) }],
  }));
  if (sent.FailedEntryCount) throw new Error(`the OrderPlaced event was refused: ${sent.Entries?.[0]?.ErrorMessage}`);
  return json(201, { status: 'accepted', orderId: stored.orderId }, { location: `/orders/${stored.orderId}` });
}
