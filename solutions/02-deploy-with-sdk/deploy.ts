/** Lab 02 solution: deploy a function with the AWS SDK, idempotently. */
import {
  CreateFunctionCommand,
  LambdaClient,
  ResourceConflictException,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  type Runtime,
} from '@aws-sdk/client-lambda';

/** What to deploy. */
export interface DeployFunctionInput {
  /** The function's name, like `shop-hello`. */
  name: string;
  /** The ARN of the execution role the function runs as. */
  role: string;
  /** Like `nodejs22.x`. */
  runtime: Runtime;
  /** `file.export` inside the zip, like `index.handler`. */
  handler: string;
  /** The deployment package: the bytes of a zip that holds the handler's file. */
  zipFile: Uint8Array;
  /** The function's environment variables; none when absent. */
  environment?: Record<string, string>;
  /** Seconds from 1 to 900; Lambda's default (3) when absent. */
  timeout?: number;
}

/** Region, endpoint and credentials come from the environment, as for the AWS CLI. */
const lambda = new LambdaClient({});

/** Creates the function, or updates it when it exists; resolves with its ARN once it can be invoked. */
export async function deployFunction(input: DeployFunctionInput): Promise<string> {
  const configuration = {
    FunctionName: input.name,
    Role: input.role,
    Runtime: input.runtime,
    Handler: input.handler,
    // The whole set every time: Lambda replaces the variables, so the function ends up exactly as
    // described, and a variable the caller dropped does not linger from an earlier deploy.
    Environment: { Variables: input.environment ?? {} },
    // Lambda's default said out loud: an update keeps any setting it is not sent, so leaving Timeout
    // out would keep an earlier deploy's timeout instead of going back to 3 s.
    Timeout: input.timeout ?? 3,
  };
  // The waiters poll GetFunction; one second apart is plenty locally and polite to the real API.
  const waiter = { client: lambda, minDelay: 1, maxWaitTime: 60 };

  let created;
  try {
    // Create first and treat "already exists" as the signal to update: asking GetFunction first
    // leaves a gap in which another deploy can create the function between the two calls.
    created = await lambda.send(new CreateFunctionCommand({ ...configuration, Code: { ZipFile: input.zipFile } }));
  } catch (error) {
    if (!(error instanceof ResourceConflictException)) throw error;
  }
  if (created) {
    // CreateFunction answers while the function is still Pending; an invoke now would be refused.
    await waitUntilFunctionActiveV2(waiter, { FunctionName: input.name });
    return created.FunctionArn!;
  }

  // An earlier deploy may still be finishing, and Lambda refuses a change while one is InProgress.
  await waitUntilFunctionUpdatedV2(waiter, { FunctionName: input.name });
  await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: input.name, ZipFile: input.zipFile }));
  // Code and configuration are two separate updates: the second must wait for the first.
  await waitUntilFunctionUpdatedV2(waiter, { FunctionName: input.name });
  const updated = await lambda.send(new UpdateFunctionConfigurationCommand(configuration));
  // Until LastUpdateStatus is Successful, invocations may still run the previous configuration.
  await waitUntilFunctionUpdatedV2(waiter, { FunctionName: input.name });
  return updated.FunctionArn!;
}
