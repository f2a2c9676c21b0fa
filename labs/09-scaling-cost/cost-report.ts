/** Lab 09: the month's Lambda bill of the shop's functions, from their REPORT log lines. Complete every TODO, then run `npx workshop check 09`. */
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
  // TODO: answer undefined unless the line starts with 'REPORT RequestId:'; else read
  //       "Billed Duration: <n> ms" and "Memory Size: <n> MB" (the fields are separated by tabs).
  void message;
  return undefined;
}

/** Every REPORT line of a function's log group within the window, page after page. */
async function reportsOf(logs: CloudWatchLogsClient, functionName: string, startTime: number, endTime: number): Promise<ReportFigures[]> {
  // TODO: FilterLogEventsCommand on the log group `/aws/lambda/${functionName}` between startTime and
  //       endTime, with filterPattern '"REPORT RequestId"'; follow nextToken until there is none, and
  //       keep what parseReport reads from each event's message.
  void logs;
  void FilterLogEventsCommand;
  void [functionName, startTime, endTime];
  return [];
}

/** Computes the month's bill: each function's sample of invocations, scaled to its monthly volume, at PRICES. */
export async function monthlyBill(logs: CloudWatchLogsClient, request: BillRequest): Promise<MonthlyBill> {
  const functions: FunctionBill[] = [];
  for (const { functionName, invocationsPerMonth } of request.functions) {
    const sample = await reportsOf(logs, functionName, request.startTime, request.endTime);
    // TODO: the sample's GB-seconds: for each line, billed seconds times its own memory in GB (MB / 1024);
    //       per invocation, the sample's sum divided by its size. Then the month's GB-seconds and the
    //       prices: invocationsPerMonth requests at PRICES.perRequest, GB-seconds at PRICES.perGbSecond.
    const gbSecondsPerInvocation = 0;
    const gbSeconds = 0;
    const requestDollars = 0;
    const computeDollars = 0;
    void sample;
    void invocationsPerMonth;
    functions.push({
      functionName, sampled: sample.length, gbSecondsPerInvocation, requests: invocationsPerMonth, gbSeconds,
      requestDollars, computeDollars, dollars: requestDollars + computeDollars,
    });
  }
  const totalDollars = functions.reduce((sum, bill) => sum + bill.dollars, 0);
  return { region: PRICES.region, architecture: PRICES.architecture, freeTier: 'excluded', functions, totalDollars };
}
