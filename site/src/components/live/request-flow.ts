/**
 * The HTTP requests part of the event-flow view: for each recent request to an API or a function
 * URL, request -> route (or none) -> function -> status, and for a failure or refusal the reason
 * with the command that fixes it. Drawn from the trace's `api-request` entries.
 */
import { fill, formatTime } from '../fill.ts';
import type { Strings } from '../strings.ts';
import { h, step } from './kit.ts';
import { requestReading } from './request-text.ts';
import { detailText, outcomeText } from './trace-text.ts';

/** The trace entry fields this part reads. */
export type RequestEntry = {
  seq: number; time: string; kind: string; eventId?: string; target?: string; requestId?: string; outcome?: string; detail?: string;
  http?: { api: string; method: string; path: string; route?: string; status: number };
};
/** The strings this part is drawn with. */
export type RequestStrings = Pick<Strings, 'requests' | 'trace'> & Pick<Strings['live'], 'outcomes'>;

const functionName = (arn = '') => arn.split(':').slice(6).join(':') || arn;
/** Long enough for any integration's timeout to pass between the invocation's end and the answer. */
const INVOCATION_WINDOW_MS = 35_000;

/**
 * The synchronous invocation each request caused: it has its own Lambda request id, so it is the
 * latest one of the same function before the request's entry that no other request took.
 */
function invocationsOf(requests: RequestEntry[], entries: RequestEntry[]): Map<number, RequestEntry> {
  const found = new Map<number, RequestEntry>();
  const taken = new Set<number>();
  for (const request of requests) {
    if (!request.target) continue;
    const name = request.target.split(':')[6];
    const until = Date.parse(request.time);
    const invocation = entries.findLast((entry) =>
      entry.kind === 'invocation' && !entry.eventId && entry.seq < request.seq && !taken.has(entry.seq)
      && entry.target?.split(':')[6] === name && (entry.detail ?? '').startsWith('synchronous ')
      && until - Date.parse(entry.time) <= INVOCATION_WINDOW_MS);
    if (!invocation) continue;
    taken.add(invocation.seq);
    found.set(request.seq, invocation);
  }
  return found;
}

function drawRequest(entry: RequestEntry, invocation: RequestEntry | undefined, t: RequestStrings, locale: string | undefined): HTMLElement {
  const http = entry.http!;
  const words = t.requests;
  const reading = requestReading(entry.detail ?? '', http, words, locale);
  const time = formatTime(entry.time, locale);
  const path = h('div', { class: 'request-path' },
    h('div', { class: 'node request' }, h('strong', {}, `${http.method} ${http.path}`), h('small', {}, fill(reading.functionUrl ? words.functionUrl : words.api, { api: http.api, time }))),
  );
  // A function URL has no routes: the request goes straight to its function.
  if (!reading.functionUrl) {
    path.append(step(http.route
      ? h('div', { class: 'node route' }, h('strong', {}, http.route), h('small', {}, words.route))
      : h('div', { class: 'node route no-route' }, h('strong', {}, words.noRoute))));
  }
  if (entry.target) {
    const detail = invocation?.detail ? detailText(invocation.detail, t.trace, locale) : words.function;
    path.append(step(h('div', { class: 'node target' }, h('strong', {}, functionName(entry.target)), h('small', {}, detail))));
  }
  path.append(step(h('div', { class: `node result outcome-${entry.outcome}` }, h('strong', {}, String(http.status)), h('small', {}, outcomeText(entry.outcome, t.outcomes)))));
  const article = h('article', { class: 'flow-request', 'data-request-id': entry.requestId ?? '', 'data-outcome': entry.outcome ?? '' }, path);
  if (entry.outcome !== 'success') {
    article.append(h('p', { class: 'request-reason' }, reading.reason, reading.fix ? h('span', { class: 'request-fix' }, words.fix, h('code', {}, reading.fix)) : null));
  }
  return article;
}

/** The requests' title and the latest `limit` requests, newest first (or a line saying how to make one). */
export function drawRequests(entries: RequestEntry[], t: RequestStrings, limit: number, locale: string | undefined): HTMLElement[] {
  const title = h('p', { class: 'flow-title requests-title' }, t.requests.title);
  const requests = entries.filter((entry) => entry.kind === 'api-request' && entry.http).slice(-limit);
  if (requests.length === 0) return [title, h('p', { class: 'none' }, t.requests.empty)];
  const invocations = invocationsOf(requests, entries);
  return [title, ...requests.reverse().map((entry) => drawRequest(entry, invocations.get(entry.seq), t, locale))];
}
