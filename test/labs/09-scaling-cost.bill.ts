/**
 * Lab 09's own bill: the grader reads the same REPORT lines as the learner's monthlyBill and
 * prices them as AWS does (US East (N. Virginia), x86_64, free tier excluded): each invocation's
 * Billed Duration (rounded up to the millisecond, with a cold start's Init Duration in it) times
 * its Memory Size in GB, at $0.0000166667 per GB-second, and $0.20 per million requests. It also
 * prices two common mistakes, so a wrong report is told which one it made.
 */
import { FilterLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';

/** AWS Lambda's published on-demand prices for us-east-1, x86_64. */
export const PER_REQUEST = 0.2 / 1_000_000;
export const PER_GB_SECOND = 0.0000166667;

/** The figures of one REPORT line. */
export interface ReportLine {
  durationMs: number;
  billedMs: number;
  memoryMb: number;
  initMs: number | undefined;
}

/** A function's REPORT lines in the window. */
export interface Sample {
  lines: ReportLine[];
}

/** Reads every REPORT line of a function's log group since `startTime`, page by page. */
export async function readReports(logs: CloudWatchLogsClient, functionName: string, startTime: number): Promise<Sample> {
  const lines: ReportLine[] = [];
  let nextToken: string | undefined;
  do {
    const page = await logs.send(new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${functionName}`, startTime, filterPattern: '"REPORT RequestId"', nextToken })).catch((error: Error) => {
      if (error.name === 'ResourceNotFoundException') return { events: [], nextToken: undefined };
      throw error;
    });
    for (const event of page.events ?? []) {
      const text = event.message ?? '';
      const field = (name: string) => new RegExp(`\\t${name}: ([\\d.]+) (?:ms|MB)`).exec(text)?.[1];
      if (!text.startsWith('REPORT RequestId:') || field('Billed Duration') === undefined) continue;
      const init = field('Init Duration');
      lines.push({ durationMs: Number(field('Duration')), billedMs: Number(field('Billed Duration')), memoryMb: Number(field('Memory Size')), initMs: init === undefined ? undefined : Number(init) });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return { lines };
}

/** Reads until two readings `stableMs` apart find the same lines: the last invocations' logs have arrived. */
export async function settledReports(read: () => Promise<Sample>, stableMs: number): Promise<Sample> {
  let last = await read();
  for (let tries = 0; tries < 20; tries++) {
    await new Promise((resolve) => setTimeout(resolve, stableMs));
    const next = await read();
    if (next.lines.length === last.lines.length) return next;
    last = next;
  }
  return last;
}

const gbSeconds = (ms: number, memoryMb: number) => (ms / 1000) * (memoryMb / 1024);
const average = (values: number[]) => (values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length);

/** The month's bill of one function: its sample's average invocation, times its monthly volume. */
export function billOf(sample: Sample, invocationsPerMonth: number) {
  const { lines } = sample;
  const gbSecondsPerInvocation = average(lines.map((line) => gbSeconds(line.billedMs, line.memoryMb)));
  const monthly = gbSecondsPerInvocation * invocationsPerMonth;
  const computeDollars = monthly * PER_GB_SECOND;
  const requestDollars = invocationsPerMonth * PER_REQUEST;
  return {
    sampled: lines.length,
    gbSecondsPerInvocation,
    // What a report that bills the Duration field (rounded up) would say: the Init Duration left out.
    perInvocationFromDuration: average(lines.map((line) => gbSeconds(Math.max(1, Math.ceil(line.durationMs)), line.memoryMb))),
    // What a report that takes every function for 128 MB would say.
    perInvocationAt128: average(lines.map((line) => gbSeconds(line.billedMs, 128))),
    requests: invocationsPerMonth,
    gbSeconds: monthly,
    computeDollars,
    dollars: computeDollars + requestDollars,
  };
}

/** Equal to the cent (half a cent either way), or within `tolerance`. */
export function closeTo(got: unknown, expected: number, tolerance = 0.005): boolean {
  return typeof got === 'number' && Number.isFinite(got) && Math.abs(got - expected) < tolerance;
}
