/**
 * Lab 09: the shop's payment step, given complete. It charges an order's card through the payment
 * provider at PAYMENTS_URL, which accepts only a few charges at once: what protects the provider
 * is the function's reserved concurrency (setup-scaling.ts), not this code. Nothing to change here.
 */

/** An order to charge. */
export interface ChargeEvent {
  orderId: string;
  amountCents: number;
  currency: string;
}

/** Charges the order; throws when the provider refuses, so Lambda retries an asynchronous event. */
export async function handleCharge(event: ChargeEvent): Promise<{ orderId: string; chargeId: string }> {
  const response = await fetch(`${process.env.PAYMENTS_URL}/charges`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(event),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`the payment provider answered ${response.status} for order ${event.orderId}: ${text.slice(0, 200)}`);
  return { orderId: event.orderId, chargeId: (JSON.parse(text) as { chargeId: string }).chargeId };
}
