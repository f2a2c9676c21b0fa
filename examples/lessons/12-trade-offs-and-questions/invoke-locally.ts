/**
 * The fastest test of a handler: call it as the plain async function it is, with a stand-in for
 * Lambda's context. No emulator, no network; what it cannot show (packaging, permissions,
 * timeouts, events from real services) is what the emulator, LocalStack or AWS are for.
 */

/** The fields of Lambda's context object that handlers commonly read. */
export interface LocalContext {
  awsRequestId: string;
  functionName: string;
  functionVersion: string;
  memoryLimitInMB: string;
  getRemainingTimeInMillis(): number;
}

/** Calls `handler(event, context)` with a context whose clock runs down from `timeoutMs`. */
export async function invokeLocally<E, R>(
  handler: (event: E, context: LocalContext) => Promise<R>,
  event: E,
  options: { functionName?: string; timeoutMs?: number } = {},
): Promise<R> {
  const deadline = Date.now() + (options.timeoutMs ?? 3000);
  const context: LocalContext = {
    awsRequestId: crypto.randomUUID(),
    functionName: options.functionName ?? 'local',
    functionVersion: '$LATEST',
    memoryLimitInMB: '128',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  return handler(event, context);
}
