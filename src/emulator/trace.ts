/**
 * The event-flow trace: every event and delivery, per account, in order: event received -> rules
 * evaluated (and for a non-match, which field failed) -> target -> invocation -> outcome. Graders
 * and the site's flow view read it through `/_workshop/trace` or {@link TraceLog.list}.
 */
import type { EmulatorRequest, EmulatorResponse } from './types.ts';
import { fromLoopback, workshopJson, workshopPreflight } from './workshop-cors.ts';

/** The kinds of step the trace records. */
export type TraceKind =
  | 'event-received'
  | 'rule-matched'
  | 'rule-not-matched'
  | 'delivery'
  | 'invocation'
  | 'destination'
  | 'api-request'
  | 'execution-step'
  | 'access-denied';

/** How a delivery or invocation ended. */
export type TraceOutcome =
  | 'delivered'
  | 'success'
  | 'function-error'
  | 'retry'
  | 'refused'
  | 'dead-lettered'
  | 'dropped'
  | 'throttled'
  | 'failed';

/** One step of an event's flow. */
export interface TraceEntry {
  /** Increasing per emulator, so readers can ask for what came after the last one they saw. */
  seq: number;
  time: string;
  account: string;
  region: string;
  kind: TraceKind;
  /** The EventBridge event id, when the step belongs to an event. */
  eventId?: string;
  bus?: string;
  rule?: string;
  /** A target's ARN (function, queue, log group, bus). */
  target?: string;
  /** The Lambda request id of an invocation. */
  requestId?: string;
  outcome?: TraceOutcome;
  /** For a rule that did not match: the field that failed and why. */
  field?: string;
  reason?: string;
  /** A sentence for a learner: what happened and, for a refusal, what is missing. */
  detail?: string;
  attempt?: number;
  /** For an HTTP request to an API: what was asked, the route it took and the status it got. */
  http?: { api: string; method: string; path: string; route?: string; status: number };
  /** For an access-denied step: the IAM action, the resource ARN, the caller's ARN, and whether the call was refused (`enforce`) or only reported (`report`). */
  iam?: { action: string; resource: string; principal: string; mode: 'enforce' | 'report' };
  /** For a state-machine step: the execution, and the state entered or exited, or the execution's start or end (no state). */
  step?: { execution: string; state?: string; phase: 'started' | 'entered' | 'exited' | 'ended' };
}

/** Filters for {@link TraceLog.list}. */
export interface TraceQuery {
  account?: string;
  eventId?: string;
  /** Only entries with a larger seq. */
  after?: number;
  limit?: number;
}

/** How many entries each account keeps; older ones are dropped first. */
export const TRACE_LIMIT_PER_ACCOUNT = 20_000;

/** The trace of one emulator. */
export class TraceLog {
  private readonly byAccount = new Map<string, TraceEntry[]>();
  private seq = 0;
  private readonly listeners = new Set<(entry: TraceEntry) => void>();
  /** Lambda request id -> the event that caused it, so invocation steps join their event's flow. */
  private readonly eventOfRequest = new Map<string, string>();

  /** Appends a step; `seq` and `time` are filled in, and an invocation inherits its event's id. */
  record(entry: Omit<TraceEntry, 'seq' | 'time'>): TraceEntry {
    const full: TraceEntry = { seq: ++this.seq, time: new Date().toISOString(), ...entry };
    if (full.requestId && full.eventId) {
      this.eventOfRequest.set(full.requestId, full.eventId);
      if (this.eventOfRequest.size > TRACE_LIMIT_PER_ACCOUNT) this.eventOfRequest.delete(this.eventOfRequest.keys().next().value!);
    } else if (full.requestId) {
      const eventId = this.eventOfRequest.get(full.requestId);
      if (eventId) full.eventId = eventId;
    }
    let list = this.byAccount.get(entry.account);
    if (!list) {
      list = [];
      this.byAccount.set(entry.account, list);
    }
    list.push(full);
    if (list.length > TRACE_LIMIT_PER_ACCOUNT) list.splice(0, list.length - TRACE_LIMIT_PER_ACCOUNT);
    for (const listener of this.listeners) listener(full);
    return full;
  }

  /** Entries matching the query, oldest first. */
  list(query: TraceQuery = {}): TraceEntry[] {
    const sources = query.account ? [this.byAccount.get(query.account) ?? []] : [...this.byAccount.values()];
    let entries = sources.flat();
    if (!query.account) entries.sort((a, b) => a.seq - b.seq);
    if (query.eventId) entries = entries.filter((entry) => entry.eventId === query.eventId);
    if (query.after !== undefined) entries = entries.filter((entry) => entry.seq > query.after!);
    return query.limit ? entries.slice(-query.limit) : entries;
  }

  /** Forgets an account's trace (or every account's). */
  clear(account?: string): void {
    if (account) this.byAccount.delete(account);
    else this.byAccount.clear();
  }

  /** Calls `listener` for every new entry; returns a function that stops it. */
  subscribe(listener: (entry: TraceEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Whose entries a request may read or clear: an account, all (undefined), or a refusal. */
export type AccountOfRequest = (request: EmulatorRequest) => Promise<{ account: string | undefined } | { refused: string }>;

/**
 * `GET /_workshop/trace?account=&eventId=&after=&limit=` and `DELETE` to clear; loopback callers
 * only, and, where the emulator verifies signatures, only the signer's own account.
 */
export function traceRoute(trace: TraceLog, accountOf: AccountOfRequest) {
  return async (request: EmulatorRequest): Promise<EmulatorResponse> => {
    const json = (status: number, body: unknown): EmulatorResponse => workshopJson(request, status, body);
    if (!fromLoopback(request)) {
      return json(403, { message: 'the trace is served to loopback callers only' });
    }
    if (request.method === 'OPTIONS') return workshopPreflight(request);
    const caller = await accountOf(request);
    if ('refused' in caller) return json(403, { message: caller.refused });
    const account = caller.account;
    if (request.method === 'DELETE') {
      trace.clear(account);
      return json(200, { cleared: account ?? 'all' });
    }
    if (request.method !== 'GET') return json(405, { message: 'use GET to read the trace or DELETE to clear it' });
    const number = (name: string) => {
      const value = request.query.get(name);
      return value !== null && /^\d+$/.test(value) ? Number(value) : undefined;
    };
    const query: TraceQuery = {};
    if (account) query.account = account;
    const eventId = request.query.get('eventId');
    if (eventId) query.eventId = eventId;
    const after = number('after');
    if (after !== undefined) query.after = after;
    const limit = number('limit');
    if (limit !== undefined) query.limit = limit;
    return json(200, { entries: trace.list(query) });
  };
}
