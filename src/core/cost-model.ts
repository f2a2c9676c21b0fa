/**
 * The mathematics of Lambda scaling and cost, for lesson 10 and the site's calculator: Little's
 * law for concurrency, AWS Lambda's price model (x86, us-east-1) and the break-even request rate
 * against an always-on server. Pure functions, no I/O, safe in a browser.
 */

/** Price of one request: $0.20 per million. */
export const PRICE_PER_REQUEST = 0.2 / 1_000_000;
/** Price of one GB-second of x86 compute in us-east-1. */
export const PRICE_PER_GB_SECOND = 0.0000166667;
/** Requests a month the free tier covers. */
export const FREE_REQUESTS = 1_000_000;
/** GB-seconds a month the free tier covers. */
export const FREE_GB_SECONDS = 400_000;
/** The month the calculator uses: 30 days, as AWS's pricing examples do. */
export const SECONDS_PER_MONTH = 30 * 24 * 60 * 60;

/** A steady workload: how often a function runs, for how long, with how much memory. */
export interface Workload {
  /** Average arrivals per second. */
  requestsPerSecond: number;
  /** Average duration of one invocation, in milliseconds. */
  durationMs: number;
  /** Configured memory, in MB (128 to 10,240 on AWS). */
  memoryMb: number;
  /** Subtract the monthly free tier. */
  freeTier?: boolean;
}

/** A month of Lambda charges, in US dollars. */
export interface MonthlyCost {
  requests: number;
  gbSeconds: number;
  requestCost: number;
  computeCost: number;
  total: number;
}

/** Little's law: the average number of invocations in flight is arrival rate times duration. */
export function concurrency(requestsPerSecond: number, durationMs: number): number {
  return requestsPerSecond * (durationMs / 1000);
}

/** Requests in a 30-day month at a steady rate. */
export function monthlyRequests(requestsPerSecond: number): number {
  return requestsPerSecond * SECONDS_PER_MONTH;
}

/** GB-seconds one invocation is billed for: duration in seconds times memory in GB (1 GB = 1024 MB). */
export function gbSecondsPerRequest(durationMs: number, memoryMb: number): number {
  return (durationMs / 1000) * (memoryMb / 1024);
}

/** A month of Lambda charges for a steady workload, with or without the free tier. */
export function lambdaMonthlyCost(workload: Workload): MonthlyCost {
  const requests = monthlyRequests(workload.requestsPerSecond);
  const gbSeconds = requests * gbSecondsPerRequest(workload.durationMs, workload.memoryMb);
  const billedRequests = workload.freeTier ? Math.max(0, requests - FREE_REQUESTS) : requests;
  const billedGbSeconds = workload.freeTier ? Math.max(0, gbSeconds - FREE_GB_SECONDS) : gbSeconds;
  const requestCost = billedRequests * PRICE_PER_REQUEST;
  const computeCost = billedGbSeconds * PRICE_PER_GB_SECOND;
  return { requests, gbSeconds, requestCost, computeCost, total: requestCost + computeCost };
}

/**
 * The request rate (per second) at which Lambda costs as much a month as a server of
 * `serverMonthly` dollars; Infinity when Lambda never gets there (nothing is billed per request).
 * Cost grows linearly in the rate once both free allowances are used up, and piecewise linearly
 * before, so each piece is solved exactly rather than searched.
 */
export function breakEvenRate(serverMonthly: number, durationMs: number, memoryMb: number, freeTier = false): number {
  if (serverMonthly <= 0) return 0;
  const gbPerRequest = gbSecondsPerRequest(durationMs, memoryMb);
  // Monthly requests at which each free allowance runs out (0 without the free tier).
  const requestsFreeUntil = freeTier ? FREE_REQUESTS : 0;
  const computeFreeUntil = freeTier ? (gbPerRequest > 0 ? FREE_GB_SECONDS / gbPerRequest : Infinity) : 0;
  const edges = [0, requestsFreeUntil, computeFreeUntil, Infinity].sort((a, b) => a - b);
  for (let index = 0; index < edges.length - 1; index += 1) {
    const from = edges[index]!;
    const to = edges[index + 1]!;
    // On this piece cost(n) = slope * n - offset, with n monthly requests.
    let slope = 0;
    let offset = 0;
    if (from >= requestsFreeUntil) {
      slope += PRICE_PER_REQUEST;
      offset += requestsFreeUntil * PRICE_PER_REQUEST;
    }
    if (from >= computeFreeUntil) {
      slope += gbPerRequest * PRICE_PER_GB_SECOND;
      offset += FREE_GB_SECONDS * (freeTier ? 1 : 0) * PRICE_PER_GB_SECOND;
    }
    if (slope === 0) continue;
    const requests = (serverMonthly + offset) / slope;
    if (requests >= from && requests <= to) return requests / SECONDS_PER_MONTH;
  }
  return Infinity;
}

/** Points of monthly Lambda cost against request rate, from 0 to `maxRate`, for a chart. */
export function costCurve(workload: Omit<Workload, 'requestsPerSecond'>, maxRate: number, steps = 40): Array<{ rate: number; cost: number }> {
  const points: Array<{ rate: number; cost: number }> = [];
  for (let step = 0; step <= steps; step += 1) {
    const rate = (maxRate * step) / steps;
    points.push({ rate, cost: lambdaMonthlyCost({ ...workload, requestsPerSecond: rate }).total });
  }
  return points;
}
