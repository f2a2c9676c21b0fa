/** Freezes the current code as a numbered version and points an alias at it. */
import {
  CreateAliasCommand, PublishVersionCommand, ResourceConflictException, UpdateAliasCommand,
  waitUntilFunctionActiveV2, type LambdaClient,
} from '@aws-sdk/client-lambda';

/** Publishes $LATEST as a version and moves `alias` (for example `live`) to it. */
export async function release(
  lambda: LambdaClient,
  functionName: string,
  alias: string,
): Promise<{ version: string; aliasArn: string }> {
  const published = await lambda.send(new PublishVersionCommand({ FunctionName: functionName }));
  const version = published.Version!;
  // A new version starts Pending, like a new function.
  await waitUntilFunctionActiveV2(
    { client: lambda, maxWaitTime: 60 },
    { FunctionName: functionName, Qualifier: version },
  );
  const target = { FunctionName: functionName, Name: alias, FunctionVersion: version };
  try {
    const created = await lambda.send(new CreateAliasCommand(target));
    return { version, aliasArn: created.AliasArn! };
  } catch (error) {
    if (!(error instanceof ResourceConflictException)) throw error;
  }
  // The alias exists: move it.
  const moved = await lambda.send(new UpdateAliasCommand(target));
  return { version, aliasArn: moved.AliasArn! };
}
