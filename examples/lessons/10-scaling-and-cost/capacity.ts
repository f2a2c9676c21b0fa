/** Concurrency from traffic (Little's law), and how long Lambda needs to scale out to it. */

/** Average concurrent executions = arrival rate (per second) x average duration (seconds). */
export function concurrency(requestsPerSecond: number, durationMs: number): number {
  return requestsPerSecond * (durationMs / 1000);
}

/** Lambda adds at most 1,000 execution environments per function every 10 seconds. */
export const SCALING_STEP = { environments: 1000, seconds: 10 };

/** Seconds a function needs to go from `from` to `to` concurrent environments, at best. */
export function secondsToScale(from: number, to: number): number {
  if (to <= from) return 0;
  return Math.ceil((to - from) / SCALING_STEP.environments) * SCALING_STEP.seconds - SCALING_STEP.seconds;
}
