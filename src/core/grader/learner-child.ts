/**
 * Runs exported functions of a learner's module in a child process, inside the OS sandbox where
 * there is one (sandbox.ts starts it) and always under Node's permission model: it may read the
 * lab folder and the kit's libraries, nothing else on disk (no solutions, no graders), and start
 * processes only inside the OS sandbox. SDK clients passed by the grader arrive as markers and
 * are rebuilt here from the run's environment, which carries only the run's own emulator account.
 */
import { pathToFileURL } from 'node:url';
import { sdkConfig } from '../sdk-config.ts';
import { resolveTarget, withSecret } from '../target.ts';
import type { LearnerAnswer, LearnerCall } from './learner-protocol.ts';
import { plain, revive } from './learner-calls.ts';

// The run's own secret: an emulator that verifies signatures (grading) gave this run its account's.
const config = sdkConfig(withSecret(resolveTarget({ env: process.env, accountId: process.env.WORKSHOP_ACCOUNT || undefined }), process.env.AWS_SECRET_ACCESS_KEY));

/** Builds the client a marker names, loading only that SDK package (a learner's code needs one or two). */
const BUILDERS: Record<string, () => Promise<unknown>> = {
  lambda: async () => new (await import('@aws-sdk/client-lambda')).LambdaClient(config),
  iam: async () => new (await import('@aws-sdk/client-iam')).IAMClient(config),
  sts: async () => new (await import('@aws-sdk/client-sts')).STSClient(config),
  logs: async () => new (await import('@aws-sdk/client-cloudwatch-logs')).CloudWatchLogsClient(config),
  s3: async () => new (await import('@aws-sdk/client-s3')).S3Client({ ...config, forcePathStyle: true }),
  dynamodb: async () => new (await import('@aws-sdk/client-dynamodb')).DynamoDBClient(config),
  documents: async () => (await import('@aws-sdk/lib-dynamodb')).DynamoDBDocumentClient.from((await client('dynamodb')) as never, { marshallOptions: { removeUndefinedValues: true } }),
  eventbridge: async () => new (await import('@aws-sdk/client-eventbridge')).EventBridgeClient(config),
  sqs: async () => new (await import('@aws-sdk/client-sqs')).SQSClient(config),
  apigateway: async () => new (await import('@aws-sdk/client-apigatewayv2')).ApiGatewayV2Client(config),
  sfn: async () => new (await import('@aws-sdk/client-sfn')).SFNClient(config),
};
const built = new Map<string, Promise<unknown>>();

function client(name: string): Promise<unknown> {
  let found = built.get(name);
  if (!found) {
    const build = BUILDERS[name];
    if (!build) throw new Error(`unknown SDK client ${name}`);
    found = build();
    built.set(name, found);
  }
  return found;
}


const modules = new Map<string, Promise<Record<string, unknown>>>();

// The grader's worker may end without a word: its closed channel is the signal to end too.
process.on('disconnect', () => process.exit(0));

// Calls arrive one at a time; the module is imported once and kept, as a real process keeps it.
process.on('message', async (call: LearnerCall) => {
  let answer: LearnerAnswer;
  try {
    let module = modules.get(call.file);
    if (!module) {
      module = import(pathToFileURL(call.file).href) as Promise<Record<string, unknown>>;
      modules.set(call.file, module);
    }
    const fn = (await module)[call.exportName];
    if (typeof fn !== 'function') throw Object.assign(new Error(`${call.exportName} is not exported by ${call.file.split('/').pop()}`), { name: 'NotExported' });
    answer = { id: call.id, ok: true, value: plain(await fn(...((await revive(call.args, client)) as unknown[]))) };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    answer = { id: call.id, ok: false, error: { name: failure.name, message: failure.message } };
  }
  process.send!(answer);
});
