/** Caps a function's concurrency, which also guarantees it that much of the account's pool. */
import { PutFunctionConcurrencyCommand, type LambdaClient } from '@aws-sdk/client-lambda';

/**
 * Reserves `limit` concurrent executions for `functionName`. Beyond it, synchronous calls fail
 * with TooManyRequestsException (429) and asynchronous events wait and are retried. A limit of 0
 * stops the function entirely, an emergency brake for a runaway consumer.
 */
export async function reserveConcurrency(
  lambda: LambdaClient,
  functionName: string,
  limit: number,
): Promise<void> {
  await lambda.send(new PutFunctionConcurrencyCommand({
    FunctionName: functionName,
    ReservedConcurrentExecutions: limit,
  }));
}
