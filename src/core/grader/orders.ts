/**
 * The shop's checkout order as graders generate, price and describe it: the pricing rule of the
 * course (discount first, then 20% tax, each rounded to whole cents), written independently of
 * any solution, and the totals the usual mistakes give, so a message can name the mistake.
 */
import { gives, offBy, when, type Cause } from './feedback.ts';
import type { Generator } from './random.ts';

/** One line of an order. */
export interface OrderLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

/** An order as the shop's checkout sends it. */
export interface CheckoutOrder {
  orderId: string;
  customerId: string;
  currency: string;
  items: OrderLine[];
  discountCode?: string;
}

/** The currencies the shop sells in. */
export const CURRENCIES = ['EUR', 'USD', 'GBP'] as const;

/** Discount codes and the percent they take off the subtotal. A Map, so no inherited key is a code. */
export const DISCOUNT_PERCENT: ReadonlyMap<string, number> = new Map([['WELCOME10', 10], ['VIP20', 20]]);

/** The tax, in percent of the discounted subtotal. */
export const TAX_PERCENT = 20;

/**
 * Names every JavaScript object inherits: `code in {...}` and `{...}[code]` find them, so code
 * that looks discounts up that way takes them for known codes.
 */
export const INHERITED_KEYS = ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty'] as const;

/** The order in a few words: `2 x 1250 + 1 x 399, code WELCOME10, EUR`. */
export function describeOrder(order: CheckoutOrder): string {
  const lines = Array.isArray(order.items) && order.items.length > 0 ? order.items.map((item) => `${item.quantity} x ${item.unitPriceCents}`).join(' + ') : 'no items';
  const code = order.discountCode === undefined ? 'no code' : `code ${order.discountCode}`;
  return `${lines}, ${code}, ${order.currency}`;
}

/** An order's price, step by step, in whole cents. */
export interface Price {
  subtotal: number;
  discount: number;
  tax: number;
  total: number;
}

function percentOf(cents: number, percent: number): number {
  return Math.round((cents * percent) / 100);
}

/** The shop's rule: the discount comes off the subtotal, then tax is added on the rest, each rounded. */
export function priceOrder(order: CheckoutOrder): Price {
  const subtotal = order.items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
  const discount = percentOf(subtotal, DISCOUNT_PERCENT.get(order.discountCode ?? '') ?? 0);
  const tax = percentOf(subtotal - discount, TAX_PERCENT);
  return { subtotal, discount, tax, total: subtotal - discount + tax };
}

/** How the total comes about, for a message: `2500 - 250 discount + 450 tax`. */
export function explainPrice(price: Price): string {
  return `${price.subtotal}${price.discount ? ` - ${price.discount} discount` : ''} + ${price.tax} tax`;
}

/** The total rounded once at the end instead of the discount and the tax each: a cent off on some orders. */
export function roundedOnce(order: CheckoutOrder): number {
  const { subtotal } = priceOrder(order);
  const discounted = subtotal - (subtotal * (DISCOUNT_PERCENT.get(order.discountCode ?? '') ?? 0)) / 100;
  return Math.round(discounted * (1 + TAX_PERCENT / 100));
}

/** The totals the usual mistakes give for `order`, each with what to do, most specific first. */
export function pricingCauses(order: CheckoutOrder): Array<Cause<number>> {
  const { subtotal, discount } = priceOrder(order);
  const taxFirst = percentOf(subtotal, TAX_PERCENT);
  return [
    gives(subtotal - discount + taxFirst, 'the tax was computed on the subtotal before the discount: take the discount off first, then add 20% tax on what is left'),
    gives(subtotal - discount, 'the total has no tax: add 20% tax on the subtotal after the discount'),
    gives(subtotal + taxFirst, `the total has no discount: take ${order.discountCode} off the subtotal before adding the tax`),
    gives(subtotal, 'the total is the plain subtotal: take the discount off, then add 20% tax'),
    when((got) => got === null, 'null is what JSON makes of NaN: a number in the sum was undefined (the discount percent of an order without a code?)'),
    when((got) => typeof got === 'number' && !Number.isInteger(got), 'amounts are whole cents: round the discount and the tax with Math.round'),
    offBy(1, 'a cent off is rounding: round the discount and the tax separately with Math.round, not the total once at the end'),
  ];
}

/** A generated order: 1 to 4 lines, seeded, with the given discount code. */
export function randomOrder(random: Generator, discountCode?: string): CheckoutOrder {
  const items = Array.from({ length: random.int(1, 4) }, () => ({ sku: `SKU-${random.id(4).toUpperCase()}`, quantity: random.int(1, 5), unitPriceCents: random.int(1, 9999) }));
  return { orderId: `ord-${random.id()}`, customerId: `cus-${random.id(4)}`, currency: random.pick(CURRENCIES), items, ...(discountCode === undefined ? {} : { discountCode }) };
}
