/**
 * Lab 09's stand-ins: a payment provider and a warehouse, one HTTP server of the grader's that
 * the learner's functions reach as they would reach the real ones. Both are slow on purpose (a
 * charge takes CHARGE_MS, a booking SHIP_MS), so invocations overlap, and both count the
 * requests they are serving at each moment: the most at once is the concurrency the functions
 * really ran at, measured where it matters, by the service they call.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How long the provider takes to charge a card. */
export const CHARGE_MS = 500;
/** How long the warehouse takes to book one order. */
export const SHIP_MS = 150;

/** What one route saw: the most requests at once, and the orders it served (once per request). */
export class RouteMeter {
  inFlight = 0;
  most = 0;
  readonly orders: string[] = [];
  /** When the most was reached (ms since 1970), for the learner's message. */
  mostAt = 0;

  /** Starts measuring anew (the counts of a previous phase are kept apart). */
  reset(): void {
    this.most = this.inFlight;
    this.orders.length = 0;
  }

  /** How many times an order was served. */
  count(orderId: string): number {
    return this.orders.filter((id) => id === orderId).length;
  }

  enter(): void {
    this.inFlight += 1;
    if (this.inFlight > this.most) {
      this.most = this.inFlight;
      this.mostAt = Date.now();
    }
  }
}

/** The grader's payment provider and warehouse. */
export class StandIns {
  readonly charges = new RouteMeter();
  readonly shipments = new RouteMeter();
  private server: Server | undefined;
  url = '';

  /** Listens on a free port of 127.0.0.1. */
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
    let body: { orderId?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { orderId?: unknown };
    } catch {
      return answer(response, 400, { message: 'the body is not JSON: send the order as JSON' });
    }
    const meter = request.method === 'POST' && request.url === '/charges' ? this.charges : request.method === 'POST' && request.url === '/shipments' ? this.shipments : undefined;
    if (!meter) return answer(response, 404, { message: 'use POST /charges or POST /shipments' });
    meter.enter();
    await new Promise((resolve) => setTimeout(resolve, meter === this.charges ? CHARGE_MS : SHIP_MS).unref());
    meter.inFlight -= 1;
    meter.orders.push(String(body.orderId));
    return answer(response, 201, meter === this.charges ? { chargeId: `ch_${String(body.orderId)}_${meter.orders.length}` } : { booked: true });
  }
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  if (response.destroyed) return;
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
