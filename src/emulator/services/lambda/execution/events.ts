/**
 * What the engine tells listeners after each invocation attempt and each asynchronous event's final
 * outcome, so the event-flow trace and the site can show invocations without reading logs.
 */

/** One finished attempt of an invocation, synchronous or not. */
export interface InvocationFinished {
  kind: 'invocation';
  account: string;
  region: string;
  /** The unqualified function ARN. */
  functionArn: string;
  version: string;
  requestId: string;
  invocationType: 'RequestResponse' | 'Event';
  /** Who queued an asynchronous invocation: `lambda:Invoke`, a rule ARN, a mapping... */
  source: string | undefined;
  /** 1 for the first attempt, 2 and 3 for retries of an asynchronous event. */
  attempt: number;
  outcome: 'success' | 'function-error' | 'throttled';
  errorType: string | undefined;
  durationMs: number;
  /** True when a new environment started for this attempt. */
  coldStart: boolean;
}

/** The end of an asynchronous event: which condition held and where its record went. */
export interface AsyncInvocationFinished {
  kind: 'async';
  account: string;
  region: string;
  functionArn: string;
  requestId: string;
  source: string | undefined;
  condition: 'Success' | 'RetriesExhausted' | 'EventAgeExceeded';
  approximateInvokeCount: number;
  /** The destination ARN the record was sent to, if one is configured for this condition. */
  destination: string | undefined;
  /** Whether the record reached the destination; undefined without a destination. */
  delivered: boolean | undefined;
  /** Why delivery failed. */
  deliveryError?: string;
  /** Whether a failed event reached the function's dead-letter queue; absent without one. */
  deadLetterDelivered?: boolean;
}

/** Anything the engine reports. */
export type EngineEvent = InvocationFinished | AsyncInvocationFinished;

/** A listener of {@link EngineEvent}s. */
export type EngineListener = (event: EngineEvent) => void;

/** A plain list of listeners; one failing listener never stops the others or the engine. */
export class EngineEvents {
  private readonly listeners = new Set<EngineListener>();
  private readonly log: (message: string) => void;

  constructor(log: (message: string) => void) {
    this.log = log;
  }

  /** Adds a listener; returns the function that removes it. */
  on(listener: EngineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every listener. */
  emit(event: EngineEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log(`lambda: an invocation listener failed: ${(error as Error)?.stack ?? String(error)}`);
      }
    }
  }
}
