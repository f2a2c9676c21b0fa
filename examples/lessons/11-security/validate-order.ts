/** Checks an incoming order before anything trusts it: types, ranges, sizes, and no extra fields. */

/** A validated order line. */
export interface ValidLine {
  sku: string;
  quantity: number;
}

/** A validated order. */
export interface ValidOrder {
  orderId: string;
  customerId: string;
  items: ValidLine[];
}

/** Thrown for input that is not a valid order; its message is safe to return to the caller. */
export class InvalidOrder extends Error {
  override name = 'InvalidOrder';
}

const ID = /^[a-z]{1,4}-[A-Za-z0-9-]{1,40}$/;
const SKU = /^[A-Z0-9-]{1,40}$/;

/** Returns `input` as a ValidOrder, or throws InvalidOrder naming the first problem. */
export function validateOrder(input: unknown): ValidOrder {
  if (typeof input !== 'object' || input === null) throw new InvalidOrder('order must be an object');
  const { orderId, customerId, items, ...extra } = input as Record<string, unknown>;
  if (Object.keys(extra).length > 0) throw new InvalidOrder(`unexpected field: ${Object.keys(extra)[0]}`);
  if (typeof orderId !== 'string' || !ID.test(orderId)) {
    throw new InvalidOrder('orderId is missing or malformed');
  }
  if (typeof customerId !== 'string' || !ID.test(customerId)) {
    throw new InvalidOrder('customerId is missing or malformed');
  }
  if (!Array.isArray(items) || items.length === 0 || items.length > 50) {
    throw new InvalidOrder('items must hold 1 to 50 lines');
  }
  const lines = items.map((line: unknown, index): ValidLine => {
    const { sku, quantity } = (line ?? {}) as Record<string, unknown>;
    if (typeof sku !== 'string' || !SKU.test(sku)) throw new InvalidOrder(`items[${index}].sku is malformed`);
    if (!Number.isInteger(quantity) || (quantity as number) < 1 || (quantity as number) > 100) {
      throw new InvalidOrder(`items[${index}].quantity must be an integer from 1 to 100`);
    }
    return { sku, quantity: quantity as number };
  });
  // Prices are looked up by the server from the SKU, never taken from the client.
  return { orderId, customerId, items: lines };
}
