/**
 * Lab 07's payment provider: an HTTP server of the grader's, which the learner's function reaches
 * as it would reach a real provider (functions share the host's network). Each order has a plan:
 * charged at once, refused once then charged (flaky), timed out once (504 after a long wait) then
 * charged (slow), or refused every time (down). It records every charge it makes, which is what
 * the grader counts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the provider treats an order's charges. */
export type Plan = 'ok' | 'flaky' | 'slow' | 'down';

/** A charge the provider made. */
export interface RecordedCharge {
  orderId: string;
  amountCents: number;
  currency: string;
  chargeId: string;
}

/** How long the first charge of a duplicated order is held, waiting for a second delivery to call too (less than the client waits). */
const HOLD_MS = 300;
/** How long the provider thinks before it times out itself (504); the client waits longer, so a stalled function under load never gives up on an answered charge. */
const SLOW_MS = 800;

/** The grader's stand-in for the shop's payment provider. */
export class PaymentProvider {
  readonly charges: RecordedCharge[] = [];
  /** Charge requests per order, answered or not. */
  readonly calls = new Map<string, number>();
  private readonly plans = new Map<string, Plan>();
  /** Orders whose first call waits for a second one (the grader delivers their event twice at once). */
  private readonly held = new Set<string>();
  private readonly waiting = new Map<string, () => void>();
  private readonly open = new Set<ServerResponse>();
  private server: Server | undefined;
  url = '';

  /** Sets an order's plan; `holdFirst` keeps its first call waiting for a concurrent duplicate. */
  plan(orderId: string, plan: Plan, holdFirst = false): void {
    this.plans.set(orderId, plan);
    if (holdFirst) this.held.add(orderId);
  }

  /** The charges made for one order. */
  chargesOf(orderId: string): RecordedCharge[] {
    return this.charges.filter((charge) => charge.orderId === orderId);
  }

  /** Listens on a free port of 127.0.0.1. */
  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.serve(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  /** Stops listening and drops the answers still withheld. */
  async stop(): Promise<void> {
    for (const release of this.waiting.values()) release();
    for (const response of this.open) response.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    this.open.add(response);
    let gone = false;
    response.on('close', () => {
      gone = true;
      this.open.delete(response);
    });
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let body: Partial<RecordedCharge>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Partial<RecordedCharge>;
    } catch {
      return answer(response, 400, { message: 'the body is not JSON: send { orderId, amountCents, currency }' });
    }
    if (request.method !== 'POST' || request.url !== '/charges') return answer(response, 404, { message: 'use POST /charges' });
    const orderId = String(body.orderId);
    const plan = this.plans.get(orderId);
    if (!plan) return answer(response, 400, { message: `no such order ${orderId}` });
    const call = (this.calls.get(orderId) ?? 0) + 1;
    this.calls.set(orderId, call);
    if (plan === 'down') return answer(response, 503, { message: 'card issuer unavailable' });
    if (plan === 'flaky' && call === 1) return answer(response, 503, { message: 'provider busy, try again' });
    if (plan === 'slow' && call === 1) {
      await new Promise((resolve) => setTimeout(resolve, SLOW_MS).unref());
      return answer(response, 504, { message: 'the card issuer did not answer in time' });
    }
    if (this.held.has(orderId) || this.waiting.has(orderId)) await this.meet(orderId);
    // A client that gave up meanwhile gets no charge: its retry is the one that counts.
    if (gone) return;
    const chargeId = `ch_${orderId}_${this.charges.length + 1}`;
    this.charges.push({ orderId, amountCents: Number(body.amountCents), currency: String(body.currency), chargeId });
    return answer(response, 201, { chargeId });
  }

  /** The first call of a held order waits for a second or for HOLD_MS; the second releases it. */
  private async meet(orderId: string): Promise<void> {
    const first = this.waiting.get(orderId);
    if (first) {
      this.waiting.delete(orderId);
      first();
      return;
    }
    // Only the first call waits: later deliveries (a redelivery, a retry) are answered at once.
    this.held.delete(orderId);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(orderId);
        resolve();
      }, HOLD_MS);
      this.waiting.set(orderId, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  if (response.destroyed) return;
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
