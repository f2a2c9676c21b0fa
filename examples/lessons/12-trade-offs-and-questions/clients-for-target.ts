/**
 * One piece of code, three places to run it: the kit's emulator, LocalStack or a real AWS
 * account. Only the endpoint, region and credentials change, and the kit chooses them from
 * --target, WORKSHOP_TARGET or AWS_ENDPOINT_URL.
 */
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { createClients } from '../../../src/core/clients.ts';
import { resolveTarget } from '../../../src/core/target.ts';

/** Lists the function names on the target that `env` selects (process.env by default). */
export async function functionNamesOn(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const target = resolveTarget({ env });
  const clients = createClients(target);
  try {
    const answer = await clients.lambda.send(new ListFunctionsCommand({}));
    return (answer.Functions ?? []).map((fn) => fn.FunctionName!).sort();
  } finally {
    clients.destroy();
  }
}
