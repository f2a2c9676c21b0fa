/** What happens to an asynchronous invocation that keeps failing: retries, then a destination. */
import { PutFunctionEventInvokeConfigCommand, type LambdaClient } from '@aws-sdk/client-lambda';

/**
 * Keeps Lambda's two retries, drops events older than an hour, and sends a record of every event
 * that still failed to `failureQueueArn` (an SQS queue), so no order is lost silently.
 */
export async function sendFailuresTo(
  lambda: LambdaClient,
  functionName: string,
  failureQueueArn: string,
): Promise<void> {
  await lambda.send(new PutFunctionEventInvokeConfigCommand({
    FunctionName: functionName,
    MaximumRetryAttempts: 2,
    MaximumEventAgeInSeconds: 3600,
    DestinationConfig: { OnFailure: { Destination: failureQueueArn } },
  }));
}
