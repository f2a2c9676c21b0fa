/**
 * Runs lesson 8's observability examples against an in-process emulator: structured lines with a
 * correlation id and EMF metrics, found again through CloudWatch Logs FilterLogEvents, the id
 * followed from an event through the emulator's trace, and the queries and alarms that read them.
 */
import { describe, expect, it } from 'vitest';
import { connectRuleToFunction, ensureBus } from '../../examples/lessons/06-events-with-eventbridge/connect-rule.ts';
import { publishOrderPlaced } from '../../examples/lessons/06-events-with-eventbridge/publish-order-placed.ts';
import { deadLetterAlarm, functionErrorsAlarm, insightsQueries } from '../../examples/lessons/08-reliability/watch-the-pipeline.ts';
import type { TraceEntry } from '../../src/emulator/trace.ts';
import { eventually } from '../support/eventually.ts';
import { useLessonFixture } from '../support/lesson-examples.ts';

type Line = Record<string, any>;

/** What the EMF specification requires of a line, as a list of broken rules (empty when valid). */
function emfProblems(line: Line): string[] {
  const problems: string[] = [];
  const directives = line._aws?.CloudWatchMetrics;
  if (typeof line._aws?.Timestamp !== 'number') problems.push('_aws.Timestamp is not a number of milliseconds');
  if (!Array.isArray(directives) || directives.length === 0) return [...problems, 'no _aws.CloudWatchMetrics directive'];
  for (const directive of directives) {
    if (typeof directive.Namespace !== 'string' || directive.Namespace === '') problems.push('a directive has no Namespace');
    for (const set of directive.Dimensions ?? []) {
      for (const key of set) if (typeof line[key] !== 'string') problems.push(`dimension ${key} is not a string member of the line`);
    }
    for (const metric of directive.Metrics ?? []) {
      if (typeof line[metric.Name] !== 'number') problems.push(`metric ${metric.Name} is not a number member of the line`);
    }
  }
  return problems;
}

describe('the observability examples of lesson 8', () => {
  const { emulator, deployExample, invoke, logLines } = useLessonFixture();
  const linesFor = async (correlationId: string, count: number) =>
    eventually(async () => {
      const found = await logLines('observed-payment', `{ $.correlationId = "${correlationId}" }`);
      return found.length >= count ? found.map((text) => JSON.parse(text) as Line) : undefined;
    });
  const trace = async (eventId: string): Promise<TraceEntry[]> =>
    ((await (await fetch(`${emulator.running.url}/_workshop/trace?eventId=${eventId}`)).json()) as { entries: TraceEntry[] }).entries;

  it('writes structured lines and an EMF metric that FilterLogEvents finds by correlation id', async () => {
    await deployExample('observed-payment', '08-reliability/observed-payment.ts');
    const { body } = await invoke('observed-payment', { detail: { orderId: 'o-7001', totalCents: 4250, correlationId: 'corr-7001' } });
    expect(body).toEqual({ orderId: 'o-7001', correlationId: 'corr-7001', status: 'PAID' });
    const lines = await linesFor('corr-7001', 2);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'INFO', message: 'charging', service: 'payments', orderId: 'o-7001', totalCents: 4250 });
    const metric = lines.find((line) => line._aws)!;
    expect(emfProblems(metric)).toEqual([]);
    expect(metric).toMatchObject({ service: 'payments', PaymentsTaken: 1, message: 'charged' });
    expect(metric._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Shop', Dimensions: [['service']] });
    // Both lines carry the invocation's request id, the link to Lambda's own START/END/REPORT lines.
    expect(new Set(lines.map((line) => line.requestId)).size).toBe(1);
  });

  it('counts a declined payment under its own metric, at WARN', async () => {
    await invoke('observed-payment', { detail: { orderId: 'o-7002', totalCents: 150_000, correlationId: 'corr-7002' } });
    const metric = (await linesFor('corr-7002', 2)).find((line) => line._aws)!;
    expect(emfProblems(metric)).toEqual([]);
    expect(metric).toMatchObject({ level: 'WARN', PaymentsDeclined: 1 });
    expect(metric).not.toHaveProperty('PaymentsTaken');
    const warnings = await logLines('observed-payment', '{ $.level = "WARN" && $.PaymentsDeclined = 1 }');
    expect(warnings.map((text) => JSON.parse(text).orderId)).toEqual(['o-7002']);
  });

  it('uses the event id as correlation id, and the trace links that event to the invocation that logged it', async () => {
    const { eventbridge, lambda } = emulator.clients;
    await ensureBus(eventbridge, 'watched');
    const functionArn = `arn:aws:lambda:us-east-1:000000000000:function:observed-payment`;
    await connectRuleToFunction(eventbridge, lambda, { busName: 'watched', ruleName: 'pay', pattern: { 'detail-type': ['Order Placed'] }, functionName: 'observed-payment', functionArn });
    const eventId = await publishOrderPlaced(eventbridge, 'watched', { orderId: 'o-7003', customerId: 'c-1', totalCents: 1999, items: [] });
    const lines = await linesFor(eventId, 2);
    const invocation = await eventually(async () => (await trace(eventId)).find((entry) => entry.kind === 'invocation' && entry.requestId));
    expect(lines.map((line) => line.requestId)).toEqual([invocation.requestId, invocation.requestId]);
    expect((await trace(eventId)).map((entry) => entry.kind)).toEqual(expect.arrayContaining(['event-received', 'rule-matched', 'delivery', 'invocation']));
  });

  it('queries only fields the function logs', async () => {
    const [charging, metric] = await linesFor('corr-7001', 2);
    const fields = new Set([...Object.keys(charging!), ...Object.keys(metric!)]);
    const named = (query: string) => [...query.replaceAll(/"[^"]*"/g, '').matchAll(/(?<![@\w])([A-Za-z]\w*)(?=\s*(?:[,=)]|$))/gm)].map((found) => found[1]!);
    const used = [...named(insightsQueries.oneOrder('corr-7001')), ...named(insightsQueries.paymentLatency)].filter((name) => !['asc', 'payments', 'avgMs', 'p99Ms'].includes(name));
    expect(used.length).toBeGreaterThan(4);
    expect(used.filter((name) => !fields.has(name))).toEqual([]);
  });

  it('alarms on the first message in a dead-letter queue and on lasting function errors', () => {
    const topic = 'arn:aws:sns:us-east-1:000000000000:on-call';
    expect(deadLetterAlarm('payments-dlq', topic)).toMatchObject({
      Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Name: 'QueueName', Value: 'payments-dlq' }],
      Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1, AlarmActions: [topic],
    });
    const errors = functionErrorsAlarm('observed-payment', topic);
    expect(errors).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Statistic: 'Sum', Dimensions: [{ Name: 'FunctionName', Value: 'observed-payment' }] });
    expect(errors.DatapointsToAlarm).toBeLessThanOrEqual(errors.EvaluationPeriods);
  });
});
