/**
 * Shared shapes for the event-pattern tables. Each expected result comes from AWS's EventBridge
 * user guide ("doc:"), from behaviour recorded against AWS with TestEventPattern ("aws:"), or from
 * the documentation of event-ruler, the matching engine EventBridge runs ("ruler:").
 */

/** A pattern, an event (object or JSON text) and whether EventBridge matches them. */
export interface MatchCase {
  name: string;
  pattern: object | string;
  event: unknown;
  expected: boolean;
}

/** A pattern EventBridge refuses with InvalidEventPatternException; `error` matches the reason. */
export interface RejectCase {
  name: string;
  pattern: object | string;
  error: RegExp;
}

/** An event with the envelope PutEvents gives every event, plus `fields`. */
export function awsEvent(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: '0',
    id: '3e3c153a-8339-4e30-8c35-687ebef853fe',
    'detail-type': 'test-detail-type',
    source: 'test-source',
    account: '123456789012',
    time: '2022-07-13T13:48:01Z',
    region: 'us-east-2',
    resources: [],
    ...fields,
  };
}

/** An event whose `detail` is `detail`. */
export function withDetail(detail: unknown): Record<string, unknown> {
  return awsEvent({ detail });
}

/** The event JSON text, for numbers whose spelling matters (`300.0`, `3.015e2`). */
export function eventText(detailJson: string): string {
  return `{"id":"1","source":"test-source","detail-type":"test","account":"123456789012","region":"us-east-2","time":"2022-07-13T13:48:01Z","resources":[],"detail":${detailJson}}`;
}
