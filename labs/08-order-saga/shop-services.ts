/**
 * Lab 08 (given, no TODO): the client of the shop's stock and payments services. Each call carries
 * an idempotency key: a service that sees a key again answers as the first time and changes
 * nothing. A refusal is thrown as an Error named after the service's error code (OutOfStock,
 * PaymentDeclined, ReceiptRefused, ServiceUnavailable), which a state machine's Retry and Catch
 * match by name.
 */

/** A refusal from one of the services. */
export class ServiceError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** How long a call waits for an answer. */
const TIMEOUT_MS = 3000;

/** Sends one call; answers the service's JSON or throws its error. */
async function call(path: string, body: Record<string, unknown>, idempotencyKey: string | undefined): Promise<any> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  let answer: Response;
  try {
    answer = await fetch(`${process.env.SERVICES_URL}${path}`, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new ServiceError('ServiceUnavailable', `${path} did not answer: ${(error as Error).message}`);
  }
  const json = await answer.json().catch(() => ({}));
  if (!answer.ok) throw new ServiceError(json.error ?? 'ServiceUnavailable', json.message ?? `${path} answered ${answer.status}`);
  return json;
}

/** Reserves the order's items; throws OutOfStock when an item has too few left. */
export function reserveStock(order: { orderId: string; items: Array<{ sku: string; quantity: number }> }, idempotencyKey?: string): Promise<{ reservationId: string }> {
  return call('/stock/reserve', { orderId: order.orderId, items: order.items }, idempotencyKey);
}

/** Puts the order's reserved items back on the shelf. */
export function releaseStock(order: { orderId: string }, idempotencyKey?: string): Promise<{ released: boolean }> {
  return call('/stock/release', { orderId: order.orderId }, idempotencyKey);
}

/** Charges the order's total; throws PaymentDeclined when the card is refused. */
export function chargePayment(order: { orderId: string; totalCents: number; currency: string }, idempotencyKey?: string): Promise<{ chargeId: string }> {
  return call('/payments/charge', { orderId: order.orderId, amountCents: order.totalCents, currency: order.currency }, idempotencyKey);
}

/** Gives the order's charge back. */
export function refundPayment(order: { orderId: string }, idempotencyKey?: string): Promise<{ refunded: boolean }> {
  return call('/payments/refund', { orderId: order.orderId }, idempotencyKey);
}

/** Asks the tax office for the receipt's number; throws ReceiptRefused when it will not issue one. */
export function issueReceiptNumber(order: { orderId: string; totalCents: number; currency: string }, idempotencyKey?: string): Promise<{ receiptNumber: string }> {
  return call('/receipts/number', { orderId: order.orderId, amountCents: order.totalCents, currency: order.currency }, idempotencyKey);
}
