/** Lab 02: deploy a function with the AWS SDK. Complete every TODO, then run `npx workshop check 02`. */
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
  // TODO: create the function with CreateFunctionCommand: role, runtime, handler, Code: { ZipFile }, environment, timeout.
  // TODO: wait with waitUntilFunctionActiveV2({ client: lambda, minDelay: 1, maxWaitTime: 60 }, ...) before returning.
  // TODO: when the function exists (ResourceConflictException), update its code, wait
  //       (waitUntilFunctionUpdatedV2), update its configuration, and wait again.
  // TODO: return the function's ARN.
  void input;
  return '';
}
