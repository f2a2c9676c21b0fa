/**
 * The shop's checkout order as graders generate, price and describe it: the pricing rule of the
 * course (discount first, then 20% tax, each rounded to whole cents), written independently of
 * any solution, and the totals the usual mistakes give, so a message can name the mistake.
 */
import { gives, offBy, when, type Cause } from './feedback.ts';
import { joined, type Message } from '../i18n/texts.ts';
import { orderMessage } from './orders-messages.ts';
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
export function describeOrder(order: CheckoutOrder): Message {
  const hasItems = Array.isArray(order.items) && order.items.length > 0;
  const lines = hasItems ? order.items.map((item) => orderMessage('line', { quantity: item.quantity, price: item.unitPriceCents })) : [orderMessage('noItems')];
  const code = order.discountCode === undefined ? orderMessage('noCode') : orderMessage('code', { code: order.discountCode });
  return orderMessage('described', { lines: joined(lines, ' + '), code, currency: order.currency });
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
export function explainPrice(price: Price): Message {
  return orderMessage('price', { subtotal: price.subtotal, discount: price.discount ? orderMessage('discount', { discount: price.discount }) : orderMessage('none'), tax: price.tax });
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
    gives(subtotal - discount + taxFirst, orderMessage('taxBeforeDiscount')),
    gives(subtotal - discount, orderMessage('noTax')),
    gives(subtotal + taxFirst, orderMessage('noDiscount', { code: order.discountCode ?? '' })),
    gives(subtotal, orderMessage('plainSubtotal')),
    when((got) => got === null, orderMessage('nullIsNaN')),
    when((got) => typeof got === 'number' && !Number.isInteger(got), orderMessage('wholeCents')),
    offBy(1, orderMessage('centOff')),
  ];
}

/** A generated order: 1 to 4 lines, seeded, with the given discount code. */
export function randomOrder(random: Generator, discountCode?: string): CheckoutOrder {
  const items = Array.from({ length: random.int(1, 4) }, () => ({ sku: `SKU-${random.id(4).toUpperCase()}`, quantity: random.int(1, 5), unitPriceCents: random.int(1, 9999) }));
  return { orderId: `ord-${random.id()}`, customerId: `cus-${random.id(4)}`, currency: random.pick(CURRENCIES), items, ...(discountCode === undefined ? {} : { discountCode }) };
}
