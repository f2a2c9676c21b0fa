/** Lab 09 solution: the month's Lambda bill of the shop's functions, from their REPORT log lines. */
import { FilterLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';

/** The prices this report uses: AWS Lambda on-demand, US East (N. Virginia), x86_64. */
export const PRICES = {
  region: 'us-east-1',
  architecture: 'x86_64',
  /** $0.20 per million requests. */
  perRequest: 0.2 / 1_000_000,
  /** Per GB-second of compute (the first 6 billion GB-seconds of a month). */
  perGbSecond: 0.0000166667,
} as const;

/** One function of the report, with the invocations it has in a month. */
export interface FunctionVolume {
  functionName: string;
  invocationsPerMonth: number;
}

/** What to report on: the functions and the window of their logs that is the sample. */
export interface BillRequest {
  functions: FunctionVolume[];
  /** Milliseconds since 1970, as CloudWatch Logs takes them. */
  startTime: number;
  endTime: number;
}

/** One function's share of the month's bill. */
export interface FunctionBill {
  functionName: string;
  /** REPORT lines read in the window: the sample. */
  sampled: number;
  /** Billed GB-seconds of an average invocation of the sample. */
  gbSecondsPerInvocation: number;
  requests: number;
  gbSeconds: number;
  requestDollars: number;
  computeDollars: number;
  dollars: number;
}

/** The month's bill; the free tier is left out, as it belongs to the whole account, not to these functions. */
export interface MonthlyBill {
  region: string;
  architecture: string;
  freeTier: 'excluded';
  functions: FunctionBill[];
  totalDollars: number;
}

/** What one REPORT line bills. */
export interface ReportFigures {
  billedMs: number;
  memoryMb: number;
}

/**
 * Reads Billed Duration and Memory Size from a REPORT line, or undefined for any other line. The
 * billed figure is the one to use: Lambda rounds each invocation up to the millisecond and, since
 * August 2025, adds the Init Duration of a cold start to it.
 */
export function parseReport(message: string): ReportFigures | undefined {
  if (!message.startsWith('REPORT RequestId:')) return undefined;
  const billed = /\tBilled Duration: (\d+) ms/.exec(message);
  const memory = /\tMemory Size: (\d+) MB/.exec(message);
  if (!billed || !memory) return undefined;
  return { billedMs: Number(billed[1]), memoryMb: Number(memory[1]) };
}

/** Every REPORT line of a function's log group within the window, page after page. */
async function reportsOf(logs: CloudWatchLogsClient, functionName: string, startTime: number, endTime: number): Promise<ReportFigures[]> {
  const figures: ReportFigures[] = [];
  let nextToken: string | undefined;
  do {
    const page = await logs.send(new FilterLogEventsCommand({
      logGroupName: `/aws/lambda/${functionName}`,
      startTime,
      endTime,
      // The quoted phrase matches only the platform's REPORT lines, not a function's own output that says "REPORT".
      filterPattern: '"REPORT RequestId"',
      nextToken,
    }));
    for (const event of page.events ?? []) {
      const parsed = parseReport(event.message ?? '');
      if (parsed) figures.push(parsed);
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return figures;
}

/** Computes the month's bill: each function's sample of invocations, scaled to its monthly volume, at PRICES. */
export async function monthlyBill(logs: CloudWatchLogsClient, request: BillRequest): Promise<MonthlyBill> {
  const functions: FunctionBill[] = [];
  for (const { functionName, invocationsPerMonth } of request.functions) {
    const sample = await reportsOf(logs, functionName, request.startTime, request.endTime);
    // GB-seconds per invocation: billed milliseconds in seconds, times memory in GB (1,024 MB), each line with its own memory size.
    const sampleGbSeconds = sample.reduce((sum, line) => sum + (line.billedMs / 1000) * (line.memoryMb / 1024), 0);
    const gbSecondsPerInvocation = sample.length === 0 ? 0 : sampleGbSeconds / sample.length;
    const gbSeconds = gbSecondsPerInvocation * invocationsPerMonth;
    const requestDollars = invocationsPerMonth * PRICES.perRequest;
    const computeDollars = gbSeconds * PRICES.perGbSecond;
    functions.push({
      functionName, sampled: sample.length, gbSecondsPerInvocation, requests: invocationsPerMonth, gbSeconds,
      requestDollars, computeDollars, dollars: requestDollars + computeDollars,
    });
  }
  const totalDollars = functions.reduce((sum, bill) => sum + bill.dollars, 0);
  return { region: PRICES.region, architecture: PRICES.architecture, freeTier: 'excluded', functions, totalDollars };
}
