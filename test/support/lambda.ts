/** Test helpers for Lambda: zips built in memory and a function created with sensible defaults. */
import { CreateFunctionCommand, waitUntilFunctionActiveV2, type CreateFunctionCommandInput, type LambdaClient } from '@aws-sdk/client-lambda';
import { zipFiles } from './zip.ts';

/** An execution role ARN (shape-checked only by the emulator). */
export const ROLE = 'arn:aws:iam::000000000000:role/lambda-role';

/** A handler that echoes its event and some of its environment. */
export const ECHO_HANDLER = `exports.handler = async (event, context) => ({
  echo: event,
  greeting: process.env.GREETING ?? null,
  version: context.functionVersion,
});
`;

/** A zip of `files` (path -> text), as a deployment package. */
export const zipOf = zipFiles;

/** Creates a Node.js function from `files` (default: the echo handler) and waits until it is Active. */
export async function createFunction(
  lambda: LambdaClient,
  name: string,
  overrides: Partial<CreateFunctionCommandInput> & { files?: Record<string, string> } = {},
): Promise<void> {
  const { files, ...rest } = overrides;
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Role: ROLE,
      Code: { ZipFile: zipOf(files ?? { 'index.js': ECHO_HANDLER }) },
      ...rest,
    }),
  );
  await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 20 }, { FunctionName: name });
}
