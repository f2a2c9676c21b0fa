/**
 * Crashes a workshop grader asks for: "the next invocation of function F ends right after its Nth
 * successful TransactWriteItems". The calls a function makes carry its invocation's X-Ray trace
 * header (the SDK copies `_X_AMZN_TRACE_ID` into `X-Amzn-Trace-Id`), which names the invocation;
 * once the call's change is made and before its answer goes out, the environment's process is
 * killed, as when a function's sandbox dies: the invocation fails with Runtime.ExitError and the
 * next one starts cold. Faults are per account and only the account's own calls trip them.
 */
import type { Emulator, WatchedCall } from '../../../emulator.ts';
import type { ExecutionEnvironment } from '../execution/environment.ts';

/** One armed fault, as the route shows it. */
export interface Fault {
  /** The function's name (not its ARN). */
  function: string;
  /** The AWS operation that is counted, like `TransactWriteItems`. */
  operation: string;
  /** The service it belongs to, like `dynamodb`; any when absent. */
  service?: string;
  /** The environment ends right after the invocation's `after`-th successful call of the operation. */
  after: number;
  /** How many more invocations it crashes. */
  remaining: number;
  /** How many it crashed so far. */
  crashed: number;
}

/** Most faults one account may arm at once: a plan is a handful of crashes, not a stream of them. */
export const FAULTS_PER_ACCOUNT = 100;

/** The root of an X-Ray trace header (`Root=1-...;Parent=...;Sampled=0`), or undefined. */
export function traceRoot(header: string | undefined): string | undefined {
  return /(?:^|;)\s*(Root=1-[0-9a-f]{8}-[0-9a-f]{24})/.exec(header ?? '')?.[1];
}

/** The faults of every account of one emulator. */
export class FaultPlan {
  private readonly byAccount = new Map<string, Fault[]>();

  /** The account's faults, the spent ones included (so a grader sees what crashed). */
  list(account: string): Fault[] {
    return (this.byAccount.get(account) ?? []).map((fault) => ({ ...fault }));
  }

  /** Adds a fault; false when the account has as many as it may. */
  arm(account: string, fault: Omit<Fault, 'crashed'>): boolean {
    const faults = this.byAccount.get(account) ?? [];
    if (faults.length >= FAULTS_PER_ACCOUNT) return false;
    faults.push({ ...fault, crashed: 0 });
    this.byAccount.set(account, faults);
    return true;
  }

  /** Removes every fault of the account. */
  clear(account: string): void {
    this.byAccount.delete(account);
  }

  /**
   * Counts a successful call of the invocation running in `environment`; answers true when the
   * call trips a fault (the fault is then spent for one invocation).
   */
  trips(call: WatchedCall, environment: ExecutionEnvironment): boolean {
    const { config } = environment;
    const invocation = environment.running;
    const faults = this.byAccount.get(call.account);
    // A call signed for another account than the function's own never trips the function's faults.
    if (!invocation || !faults || config.account !== call.account) return false;
    const key = `${call.service}:${call.operation}`;
    const count = (invocation.calls.get(key) ?? 0) + 1;
    invocation.calls.set(key, count);
    const fault = faults.find((candidate) => candidate.remaining > 0 && candidate.function === config.functionName
      && candidate.operation === call.operation && (candidate.service === undefined || candidate.service === call.service) && candidate.after === count);
    if (!fault) return false;
    fault.remaining -= 1;
    fault.crashed += 1;
    return true;
  }
}

/** Makes `plan` watch the emulator's calls, finding each call's invocation with `find`; crashes the ones that trip a fault. */
export function watchForFaults(emulator: Emulator, plan: FaultPlan, find: (root: string) => ExecutionEnvironment | undefined): void {
  emulator.watchCalls(async (call) => {
    const root = traceRoot(call.request.headers['x-amzn-trace-id']);
    const environment = root === undefined ? undefined : find(root);
    if (environment && plan.trips(call, environment)) await environment.crash();
  });
}
