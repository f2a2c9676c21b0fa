/**
 * A payment function that can be watched from outside: every line it logs is one JSON object with
 * the order's correlation id, and its metrics travel in the same log stream in CloudWatch's
 * embedded metric format (EMF), so no metrics API call slows the invocation down.
 */

/** The part of an EventBridge event (or a direct invoke) this function reads. */
export interface PaymentEvent {
  id?: string;
  detail: { orderId: string; totalCents: number; correlationId?: string };
}

/** The part of Lambda's context it reads. */
export interface PaymentContext {
  awsRequestId: string;
  functionName: string;
}

/** Writes one JSON line straight to stdout: CloudWatch Logs keeps it as one event, whole and parseable. */
function writeLine(fields: Record<string, unknown>): void {
  // console.log would prefix the time, request id and level in Lambda's default text log format.
  process.stdout.write(`${JSON.stringify(fields)}\n`);
}

/** A log line in EMF: the `_aws` member tells CloudWatch which fields are metrics and which are dimensions. */
export function metricLine(
  namespace: string,
  metrics: Record<string, { value: number; unit: 'Count' | 'Milliseconds' }>,
  dimensions: Record<string, string>,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  return {
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [{
        Namespace: namespace,
        Dimensions: [Object.keys(dimensions)],
        Metrics: Object.entries(metrics).map(([name, metric]) => ({ Name: name, Unit: metric.unit })),
      }],
    },
    ...dimensions,
    ...Object.fromEntries(Object.entries(metrics).map(([name, metric]) => [name, metric.value])),
    ...fields,
  };
}

/** Charges an order; declines totals above 100,000 cents, as a card issuer might. */
export const handler = async (event: PaymentEvent, context: PaymentContext) => {
  const { orderId, totalCents } = event.detail;
  // One id for the whole order: set by checkout, else the event's id, else this invocation's.
  const correlationId = event.detail.correlationId ?? event.id ?? context.awsRequestId;
  const base = { service: 'payments', correlationId, orderId, requestId: context.awsRequestId };
  const started = Date.now();
  writeLine({ level: 'INFO', message: 'charging', ...base, totalCents });
  const declined = totalCents > 100_000;
  writeLine(metricLine(
    'Shop',
    { [declined ? 'PaymentsDeclined' : 'PaymentsTaken']: { value: 1, unit: 'Count' }, PaymentMs: { value: Date.now() - started, unit: 'Milliseconds' } },
    { service: 'payments' },
    { level: declined ? 'WARN' : 'INFO', message: declined ? 'declined' : 'charged', correlationId, orderId, requestId: context.awsRequestId },
  ));
  return { orderId, correlationId, status: declined ? 'DECLINED' : 'PAID' };
};
