/**
 * Lab 08's stand-in for the shop's stock, payments and receipt services: an HTTP server of the
 * grader's, reached by the learner's saga step as it would reach the real ones. Each order has a
 * plan saying where its saga fails: nowhere, at the stock (OutOfStock), at the payment
 * (PaymentDeclined), at the receipt (ReceiptRefused), or once at the payment with a 503 that a
 * Retry gets past. The services honour idempotency keys (a key seen before gets the first answer
 * and changes nothing); a call without one takes effect every time. Every effect goes to a ledger
 * in order: what the grader balances.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where an order's saga fails. */
export type SagaPlan = 'ok' | 'flaky' | 'no-stock' | 'declined' | 'no-receipt';

/** What a service did. */
export type Effect = 'reserve' | 'release' | 'charge' | 'refund' | 'receipt';

/** One entry of the ledger. */
export interface LedgerEntry {
  seq: number;
  orderId: string;
  effect: Effect;
  /** Units of stock (reserve, release) or cents (charge, refund). */
  amount: number;
}

/** The compensations an order's saga needs, by where it fails. */
export const COMPENSATIONS: Record<SagaPlan, Effect[]> = { ok: [], flaky: [], 'no-stock': [], declined: ['release'], 'no-receipt': ['refund', 'release'] };
/** What a correct saga makes the services do for an order, in order, by where it fails. */
export const EFFECTS: Record<SagaPlan, Effect[]> = {
  ok: ['reserve', 'charge', 'receipt'], flaky: ['reserve', 'charge', 'receipt'], 'no-stock': [], declined: ['reserve', 'release'], 'no-receipt': ['reserve', 'charge', 'refund', 'release'],
};
/** The step that undoes with each effect. */
export const STEP_OF: Partial<Record<Effect, string>> = { refund: 'refund-payment', release: 'release-stock' };

/** The units or cents an effect moved, over some entries of the ledger. */
export const totalOf = (entries: LedgerEntry[], effect: Effect) => entries.filter((entry) => entry.effect === effect).reduce((sum, entry) => sum + entry.amount, 0);

/** Which effect each path has, and the plan that refuses it. */
const ROUTES: Record<string, { effect: Effect; refusedBy?: SagaPlan; error?: { status: number; code: string; message: string } }> = {
  '/stock/reserve': { effect: 'reserve', refusedBy: 'no-stock', error: { status: 409, code: 'OutOfStock', message: 'not enough left of an item in the order' } },
  '/stock/release': { effect: 'release' },
  '/payments/charge': { effect: 'charge', refusedBy: 'declined', error: { status: 402, code: 'PaymentDeclined', message: 'the card was declined' } },
  '/payments/refund': { effect: 'refund' },
  '/receipts/number': { effect: 'receipt', refusedBy: 'no-receipt', error: { status: 422, code: 'ReceiptRefused', message: 'the tax office refused to number this receipt' } },
};

interface Known {
  units: number;
  cents: number;
}

/** The grader's stand-in for the services the saga calls. */
export class ShopServices {
  readonly ledger: LedgerEntry[] = [];
  private readonly plans = new Map<string, SagaPlan>();
  private readonly orders = new Map<string, Known>();
  private readonly answers = new Map<string, { status: number; body: unknown }>();
  private readonly flakyDone = new Set<string>();
  private server: Server | undefined;
  url = '';

  /** Sets an order's plan; the amounts are what its reserve and charge move. */
  plan(orderId: string, plan: SagaPlan, known: Known): void {
    this.plans.set(orderId, plan);
    this.orders.set(orderId, known);
  }

  /** The ledger's entries of one order, in order. */
  of(orderId: string): LedgerEntry[] {
    return this.ledger.filter((entry) => entry.orderId === orderId);
  }

  /** The ledger's entries of one order up to entry `seq` (the moment a run had ended). */
  until(orderId: string, seq: number): LedgerEntry[] {
    return this.ledger.filter((entry) => entry.seq <= seq && entry.orderId === orderId);
  }

  /** Starts listening on a free loopback port; resolves with the base URL. */
  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.serve(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  /** Stops listening. */
  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const route = ROUTES[request.url ?? ''];
    let body: { orderId?: string };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return answer(400, { error: 'BadRequest', message: 'the body is not JSON' });
    }
    const orderId = String(body.orderId ?? '');
    const known = this.orders.get(orderId);
    if (!route || !known) return answer(404, { error: 'NotFound', message: `no ${request.url} for order ${orderId}` });
    const header = request.headers['idempotency-key'];
    const key = typeof header === 'string' && header !== '' ? `${request.url} ${header}` : undefined;
    const seen = key === undefined ? undefined : this.answers.get(key);
    if (seen) return answer(seen.status, seen.body);
    const plan = this.plans.get(orderId);
    // The flaky order's first charge meets a service that is briefly down; nothing is remembered for its key.
    if (plan === 'flaky' && route.effect === 'charge' && !this.flakyDone.has(orderId)) {
      this.flakyDone.add(orderId);
      return answer(503, { error: 'ServiceUnavailable', message: 'the payments service is busy: try again in a moment' });
    }
    const outcome = route.refusedBy === plan && route.error
      ? { status: route.error.status, body: { error: route.error.code, message: route.error.message } }
      : { status: 200, body: this.apply(orderId, route.effect, known) };
    if (key !== undefined) this.answers.set(key, outcome);
    answer(outcome.status, outcome.body);
  }

  private apply(orderId: string, effect: Effect, known: Known): unknown {
    const amount = effect === 'reserve' || effect === 'release' ? known.units : effect === 'receipt' ? 0 : known.cents;
    this.ledger.push({ seq: this.ledger.length + 1, orderId, effect, amount });
    const id = randomUUID().slice(0, 8);
    switch (effect) {
      case 'reserve': return { reservationId: `res-${id}` };
      case 'release': return { released: true };
      case 'charge': return { chargeId: `ch-${id}` };
      case 'refund': return { refunded: true };
      default: return { receiptNumber: `R-${id}` };
    }
  }
}
