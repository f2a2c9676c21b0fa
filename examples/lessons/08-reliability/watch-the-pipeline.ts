/**
 * Watching the order pipeline on AWS: CloudWatch Logs Insights queries over the payment
 * function's structured lines, and the two alarms every event-driven service wants: a message in
 * a dead-letter queue, and function errors.
 */

/** Logs Insights queries, run on the group `/aws/lambda/<function>` (several groups at once for a whole pipeline). */
export const insightsQueries = {
  /** Everything that happened to one order, across every function that logs its correlation id. */
  oneOrder: (correlationId: string) => [
    'fields @timestamp, service, level, message, orderId',
    `| filter correlationId = "${correlationId}"`,
    '| sort @timestamp asc',
  ].join('\n'),
  /** How long charging takes, per five minutes, from the EMF lines' PaymentMs field. */
  paymentLatency: [
    'filter ispresent(PaymentMs)',
    '| stats count(*) as payments, avg(PaymentMs) as avgMs, pct(PaymentMs, 99) as p99Ms by bin(5m)',
  ].join('\n'),
  /** Lambda's own REPORT lines: duration and the memory actually used, to size the function. */
  invocationCost: [
    'filter @type = "REPORT"',
    '| stats avg(@duration) as avgMs, pct(@duration, 99) as p99Ms, max(@maxMemoryUsed / 1000 / 1000) as maxMemoryMB',
  ].join('\n'),
};

/** The input of CloudWatch's PutMetricAlarm, as far as these alarms use it. */
export interface MetricAlarm {
  AlarmName: string;
  Namespace: string;
  MetricName: string;
  Dimensions: Array<{ Name: string; Value: string }>;
  Statistic: 'Maximum' | 'Sum';
  Period: number;
  EvaluationPeriods: number;
  DatapointsToAlarm?: number;
  Threshold: number;
  ComparisonOperator: 'GreaterThanThreshold';
  TreatMissingData: 'notBreaching';
  AlarmActions: string[];
}

/** Any message in the dead-letter queue is an order that needs a person: alarm on the first one. */
export function deadLetterAlarm(queueName: string, notifyTopicArn: string): MetricAlarm {
  return {
    AlarmName: `${queueName}-not-empty`,
    Namespace: 'AWS/SQS',
    MetricName: 'ApproximateNumberOfMessagesVisible',
    Dimensions: [{ Name: 'QueueName', Value: queueName }],
    Statistic: 'Maximum',
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: 0,
    ComparisonOperator: 'GreaterThanThreshold',
    // SQS sends no data points for an idle queue; no data is not a problem here.
    TreatMissingData: 'notBreaching',
    AlarmActions: [notifyTopicArn],
  };
}

/** Function errors in 3 of the last 5 minutes: a lasting failure, not one unlucky retry. */
export function functionErrorsAlarm(functionName: string, notifyTopicArn: string): MetricAlarm {
  return {
    AlarmName: `${functionName}-errors`,
    Namespace: 'AWS/Lambda',
    MetricName: 'Errors',
    Dimensions: [{ Name: 'FunctionName', Value: functionName }],
    Statistic: 'Sum',
    Period: 60,
    EvaluationPeriods: 5,
    DatapointsToAlarm: 3,
    Threshold: 0,
    ComparisonOperator: 'GreaterThanThreshold',
    TreatMissingData: 'notBreaching',
    AlarmActions: [notifyTopicArn],
  };
}
