/**
 * Lambda's price model: a price per request plus a price per GB-second of duration.
 * Prices change and differ per Region and architecture: check https://aws.amazon.com/lambda/pricing/
 */

/** What Lambda charges, and what the monthly free tier covers. */
export interface LambdaPrices {
  perMillionRequests: number;
  perGbSecond: number;
  freeRequests: number;
  freeGbSeconds: number;
}

/** x86 functions in us-east-1 (the first duration tier), as published on the pricing page. */
export const X86_US_EAST_1: LambdaPrices = {
  perMillionRequests: 0.2,
  perGbSecond: 0.0000166667,
  freeRequests: 1_000_000,
  freeGbSeconds: 400_000,
};

/** A month of one workload. */
export interface Workload {
  requestsPerMonth: number;
  /** Average billed duration per request, in milliseconds (Lambda rounds up to 1 ms). */
  durationMs: number;
  memoryMb: number;
}

/** The month's bill, split into its two parts. */
export interface MonthlyCost {
  gbSeconds: number;
  requestCost: number;
  computeCost: number;
  total: number;
}

/** Monthly cost of `workload`; `freeTier: false` for an account whose free tier is used elsewhere. */
export function monthlyCost(workload: Workload, prices = X86_US_EAST_1, freeTier = true): MonthlyCost {
  const gbSeconds = workload.requestsPerMonth * (workload.durationMs / 1000) * (workload.memoryMb / 1024);
  const billableRequests = Math.max(0, workload.requestsPerMonth - (freeTier ? prices.freeRequests : 0));
  const billableGbSeconds = Math.max(0, gbSeconds - (freeTier ? prices.freeGbSeconds : 0));
  const requestCost = (billableRequests / 1_000_000) * prices.perMillionRequests;
  const computeCost = billableGbSeconds * prices.perGbSecond;
  return { gbSeconds, requestCost, computeCost, total: requestCost + computeCost };
}

/** Requests per month at which Lambda costs as much as an always-on server (free tier ignored). */
export function breakEvenRequests(
  serverPerMonth: number,
  durationMs: number,
  memoryMb: number,
  prices = X86_US_EAST_1,
): number {
  const perRequest = prices.perMillionRequests / 1_000_000
    + (durationMs / 1000) * (memoryMb / 1024) * prices.perGbSecond;
  return serverPerMonth / perRequest;
}

/**
 * Share of requests that meet a cold environment when traffic is sparse: with random (Poisson)
 * arrivals at `requestsPerSecond`, a request is cold when the gap before it exceeds the time an
 * idle environment is kept, `idleSeconds` (not published by AWS; observed to be minutes).
 */
export function sparseColdStartShare(requestsPerSecond: number, idleSeconds: number): number {
  return Math.exp(-requestsPerSecond * idleSeconds);
}
