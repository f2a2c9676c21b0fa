/**
 * Lab 07: the payment provider's client, given complete. It charges a card over HTTP and gives up
 * after PAYMENTS_TIMEOUT_MS, well inside the function's own timeout, so the handler's catch block
 * still runs when the provider hangs. Nothing to change here.
 */

/** A charge to make. */
export interface ChargeRequest {
  orderId: string;
  amountCents: number;
  currency: string;
}

/** What the provider answers for a charge it made. */
export interface Charge {
  chargeId: string;
}

/** The provider refused, failed or did not answer in time; the charge was not made. */
export class PaymentError extends Error {
  override readonly name = 'PaymentError';
}

/** Charges a card through the provider at PAYMENTS_URL; throws PaymentError when it fails. */
export async function chargeCard(request: ChargeRequest): Promise<Charge> {
  const url = `${process.env.PAYMENTS_URL}/charges`;
  const timeoutMs = Number(process.env.PAYMENTS_TIMEOUT_MS ?? 2000);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : String((error as Error).cause ?? (error as Error).message);
    throw new PaymentError(`the payment provider at ${url} failed for order ${request.orderId}: ${reason}`);
  }
  const text = await response.text();
  if (response.status !== 201) throw new PaymentError(`the payment provider answered ${response.status} for order ${request.orderId}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as Charge;
}
