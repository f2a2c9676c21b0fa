/**
 * Lab 05: the shop's order rules (lab 01's, plus the fields an HTTP client must send), ready to
 * use: you do not need to change this file. `checkOrder` names the field at fault, so an API can
 * tell its client exactly what to fix.
 */

/** One line of an order. */
export interface OrderItem {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

/** An order as the shop's checkout sends it in the body of POST /orders. */
export interface OrderRequest {
  orderId: string;
  customerId: string;
  currency: string;
  items: OrderItem[];
  discountCode?: string;
}

/** What is wrong with an order: the field (like `items[1].quantity`) and why. */
export interface OrderProblem {
  field: string;
  message: string;
}

const CURRENCIES = new Set(['EUR', 'USD', 'GBP']);
/** Discount codes and the percent they take off the subtotal. */
const DISCOUNTS: Record<string, number> = { WELCOME10: 10, VIP20: 20 };
const TAX_PERCENT = 20;
const ORDER_ID = /^ord-[A-Za-z0-9-]{1,40}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWhole(value: unknown, least: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= least;
}

/** The first problem of an order, or undefined when the shop can accept it. */
export function checkOrder(order: unknown): OrderProblem | undefined {
  if (!isRecord(order)) return { field: 'body', message: 'the body must be a JSON object' };
  if (typeof order.orderId !== 'string' || !ORDER_ID.test(order.orderId)) return { field: 'orderId', message: 'orderId must look like ord-1001' };
  if (typeof order.customerId !== 'string' || order.customerId === '') return { field: 'customerId', message: 'customerId is required' };
  if (typeof order.currency !== 'string' || !CURRENCIES.has(order.currency)) return { field: 'currency', message: 'currency must be one of EUR, USD, GBP' };
  if (!Array.isArray(order.items) || order.items.length === 0) return { field: 'items', message: 'an order needs at least one item' };
  for (const [index, item] of order.items.entries()) {
    const at = `items[${index}]`;
    if (!isRecord(item)) return { field: at, message: 'each item must be an object' };
    if (typeof item.sku !== 'string' || item.sku === '') return { field: `${at}.sku`, message: 'sku is required' };
    if (!isWhole(item.quantity, 1)) return { field: `${at}.quantity`, message: 'quantity must be a whole number of at least 1' };
    if (!isWhole(item.unitPriceCents, 0)) return { field: `${at}.unitPriceCents`, message: 'unitPriceCents must be a whole number of at least 0' };
  }
  // Object.hasOwn, not `in`: `in` also finds "toString" and the other names every object inherits.
  if (order.discountCode !== undefined && (typeof order.discountCode !== 'string' || !Object.hasOwn(DISCOUNTS, order.discountCode))) {
    return { field: 'discountCode', message: `discount code ${String(order.discountCode)} does not exist` };
  }
  return undefined;
}

/** The total of a checked order in whole cents: items, less the discount, plus tax. */
export function priceOrder(order: OrderRequest): number {
  const subtotal = order.items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
  const discount = Math.round((subtotal * (DISCOUNTS[order.discountCode ?? ''] ?? 0)) / 100);
  const tax = Math.round(((subtotal - discount) * TAX_PERCENT) / 100);
  return subtotal - discount + tax;
}
