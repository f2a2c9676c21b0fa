/** Lab 08: the choreographed saga's steps: each reacts to the event of the step before it and announces its own outcome. Complete every TODO, then run `npx workshop check 08`. */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { sagaStep, type Step } from './saga-step.ts';
import type { PlacedOrder } from './place-order.ts';

/** What one event makes happen: the step it starts, and the events that announce the step's outcome. */
export interface Reaction {
  step: Step;
  /** The source of the events the step publishes: the service it belongs to. */
  source: string;
  succeeded: string;
  /** Announced when the service refuses the step; a compensation has none, as it must happen. */
  refused?: string;
}

/** The choreography: the step each event starts; each outcome is the event the next step (or compensation) reacts to. */
export const REACTIONS: Record<string, Reaction> = {
  'Order Placed': { step: 'reserve-stock', source: 'shop.inventory', succeeded: 'Stock Reserved', refused: 'Stock Unavailable' },
  'Stock Reserved': { step: 'take-payment', source: 'shop.payments', succeeded: 'Payment Succeeded', refused: 'Payment Failed' },
  'Payment Succeeded': { step: 'write-receipt', source: 'shop.receipts', succeeded: 'Receipt Written', refused: 'Receipt Refused' },
  // TODO: the compensations, newest first: 'Receipt Refused' starts 'refund-payment' (source 'shop.payments',
  //       succeeded 'Payment Refunded'); 'Payment Refunded' and 'Payment Failed' start 'release-stock'
  //       (source 'shop.inventory', succeeded 'Stock Released').
};

/** The services' final answers: announced as the step's failure. Any other error (ServiceUnavailable...) is thrown, so Lambda delivers the event again. */
const REFUSALS = new Set(['OutOfStock', 'PaymentDeclined', 'ReceiptRefused']);

/** An event of the shop's bus, as a rule's target receives it. */
export interface ShopEvent {
  source: string;
  'detail-type': string;
  detail: PlacedOrder & { reason?: string };
}

const events = new EventBridgeClient({});

/** Publishes one outcome on the shop's bus; throws when refused, so the step is delivered again rather than lost. */
async function announce(source: string, detailType: string, detail: object): Promise<void> {
  // TODO: PutEventsCommand with one entry { EventBusName: process.env.EVENT_BUS, Source: source, DetailType: detailType,
  //       Detail: JSON.stringify(detail) }; throw an Error when the answer's FailedEntryCount is not 0.
  void events, PutEventsCommand, source, detailType, detail;
}

/** Runs the step an event starts, then announces its outcome: after the step's work, never before. */
export async function choreographyStep(event: ShopEvent): Promise<{ step: Step; announced: string }> {
  const reaction = REACTIONS[event['detail-type']];
  if (!reaction) throw new Error(`no step reacts to ${event['detail-type']}: the rules must send only the events of REACTIONS`);
  const { orderId, customerId, currency, totalCents, items } = event.detail;
  const order = { orderId, customerId, currency, totalCents, items };
  // TODO: run sagaStep({ step: reaction.step, order }). When it throws a refusal (REFUSALS has error.name) and the
  //       reaction has a refused event, announce reaction.refused with { ...order, reason: error.name } and return;
  //       throw any other error, so Lambda retries the delivery. Then announce reaction.succeeded with the order.
  void sagaStep, REFUSALS, order;
  return { step: reaction.step, announced: reaction.succeeded };
}
