/**
 * Invoke (and the legacy InvokeAsync): resolves the function and qualifier, checks the payload
 * like Lambda does, and hands a frozen runtime configuration to the execution engine.
 */
import { isAwsError } from '../../errors.ts';
import { rawResult } from '../../protocols/codec.ts';
import type { RawResult } from '../../types.ts';
import { LATEST, functionArn, parseFunctionName } from './arns.ts';
import {
  InvalidParameterValueException,
  InvalidRequestContentException,
  RequestTooLargeException,
  ResourceConflictException,
  ResourceNotFoundException,
  ServiceException,
  TooManyRequestsException,
} from './errors.ts';
import { asyncConfigFor } from './event-invoke-config.ts';
import type { FunctionRuntimeConfig } from './execution/types.ts';
import { resolveQualifier, stateOf, type FunctionRecord, type LambdaContext, type VersionRecord } from './model.ts';
import type { LambdaRuntime } from './runtime.ts';
import { accountOfArn, issueSession, roleNameOf } from '../../policy/sessions.ts';
import { trustPolicy } from '../../policy/principal.ts';
import { invalid } from './validation.ts';

const INVOCATION_TYPES = ['Event', 'RequestResponse', 'DryRun'];
/** Lambda's limit on the decoded client context. */
const CLIENT_CONTEXT_LIMIT = 3583;

/** An alias with routing sends a share of invocations to its second version. */
function pickVersion(fn: FunctionRecord, resolved: ReturnType<typeof resolveQualifier>): VersionRecord {
  const weights = resolved.alias?.additionalWeights;
  if (!weights) return resolved.version;
  for (const [version, weight] of Object.entries(weights)) {
    const other = fn.versions.get(version);
    if (other && Math.random() < weight) return other;
  }
  return resolved.version;
}

/** Throws InvalidRequestContentException unless the payload is JSON; an empty payload is `{}`. */
function checkJson(payload: Buffer): Buffer {
  if (payload.length === 0) return Buffer.from('{}');
  try {
    JSON.parse(payload.toString('utf8'));
  } catch (error) {
    throw new InvalidRequestContentException(`Could not parse request body into json: Could not parse payload into json: ${(error as Error).message}`);
  }
  return payload;
}

function checkClientContext(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const decoded = typeof value === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(value) ? Buffer.from(value, 'base64') : undefined;
  let parsed: unknown;
  try {
    parsed = decoded ? JSON.parse(decoded.toString('utf8')) : undefined;
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidParameterValueException('Client context must be a valid Base64-encoded JSON object.');
  }
  if (decoded!.length > CLIENT_CONTEXT_LIMIT) throw new InvalidParameterValueException(`Client context must be at most ${CLIENT_CONTEXT_LIMIT} bytes.`);
  return value as string;
}

/** The frozen configuration the engine runs one invocation with. */
export function runtimeConfig(context: LambdaContext, runtime: LambdaRuntime, fn: FunctionRecord, version: VersionRecord): FunctionRuntimeConfig {
  const codeDir = runtime.codeDir(context, { hash: version.codeHash, sha256: version.codeSha256, size: version.codeSize });
  const config: FunctionRuntimeConfig = {
    account: context.account,
    region: context.region,
    functionName: fn.name,
    functionArn: functionArn(context, fn.name),
    version: version.version,
    runtime: version.runtime,
    handler: version.handler,
    codeDir,
    codeSha256: version.codeSha256,
    environment: { ...(version.environment ?? {}) },
    timeoutSeconds: version.timeout,
    memorySizeMb: version.memorySize,
    reservedConcurrency: fn.reservedConcurrency,
    logGroupName: `/aws/lambda/${fn.name}`,
    ...(version.deadLetterTarget ? { deadLetterTarget: version.deadLetterTarget } : {}),
    secretAccessKey: context.emulator.secretOf(context.account),
  };
  const credentials = roleCredentials(context, fn.name, version.role);
  return credentials ? { ...config, credentials } : config;
}

/**
 * The execution role's session for a function: the same key for every environment of it, so warm
 * ones stay in the pool. A role IAM does not have (AWS would have refused the function; the
 * emulator accepts made-up role ARNs, as LocalStack does) gives none: the account's own keys.
 */
function roleCredentials(context: LambdaContext, name: string, role: string): FunctionRuntimeConfig['credentials'] {
  const account = accountOfArn(role) ?? context.account;
  const trusted = trustPolicy(context.emulator, account, roleNameOf(role));
  if (!trusted) return undefined;
  const session = issueSession(account, trusted.arn, name, { stable: true, roleId: trusted.roleId, keys: { 'lambda:sourcefunctionarn': functionArn(context, name) } });
  return { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken };
}

/** Runs an engine call; the engine's own failures become ServiceException, never a crash. */
async function engineCall<T>(context: LambdaContext, call: () => T | Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isAwsError(error)) throw error;
    context.emulator.log(`lambda: the execution engine failed: ${(error as Error)?.stack ?? String(error)}`);
    throw new ServiceException(`The emulator's Lambda runtime failed while running the function: ${(error as Error)?.message ?? String(error)}`);
  }
}

/** Invoke: RequestResponse (200), Event (202) or DryRun (204). `legacy` is InvokeAsync, always Event. */
export async function Invoke(context: LambdaContext, runtime: LambdaRuntime, input: Record<string, any>, legacy = false): Promise<RawResult> {
  const ref = parseFunctionName(input.FunctionName, context, { qualifier: legacy ? undefined : input.Qualifier });
  const type = legacy ? 'Event' : (input.InvocationType ?? 'RequestResponse');
  if (!INVOCATION_TYPES.includes(type)) throw invalid(type, 'invocationType', 'Member must satisfy enum value set: [Event, RequestResponse, DryRun]');
  const logType = input.LogType ?? 'None';
  if (logType !== 'None' && logType !== 'Tail') throw invalid(logType, 'logType', 'Member must satisfy enum value set: [None, Tail]');
  const fn = context.state.functions.get(ref.name);
  if (!fn) throw new ResourceNotFoundException(`Function not found: ${functionArn(context, ref.name, ref.qualifier ?? LATEST)}`);
  const resolved = resolveQualifier(context, fn, ref.qualifier);

  const raw = (legacy ? input.InvokeArgs : input.Payload) as unknown;
  const body = Buffer.isBuffer(raw) ? raw : raw === undefined || raw === null ? Buffer.alloc(0) : Buffer.from(typeof raw === 'string' ? raw : JSON.stringify(raw));
  const settings = context.emulator.settings;
  const limit = type === 'Event' ? settings.asyncPayloadLimitBytes : settings.syncPayloadLimitBytes;
  if (body.length > limit) {
    throw new RequestTooLargeException(`Request must be smaller than ${limit} bytes for the ${type === 'Event' ? 'InvokeAsync' : 'InvokeFunction'} operation`);
  }
  const payload = checkJson(body);
  const clientContext = type === 'RequestResponse' ? checkClientContext(input.ClientContext) : undefined;

  const version = pickVersion(fn, resolved);
  const state = stateOf(version);
  if (state !== 'Active') {
    throw new ResourceConflictException(`The operation cannot be performed at this time. The function is currently in the following state: ${state}`);
  }
  if (type === 'DryRun') return rawResult({ status: 204, body: '' });
  // Asynchronous events are queued even when throttled; the engine retries them as Lambda does.
  if (type === 'RequestResponse' && fn.reservedConcurrency === 0) throw new TooManyRequestsException('ReservedFunctionConcurrentInvocationLimitExceeded');

  const engine = runtime.engine();
  const config = runtimeConfig(context, runtime, fn, version);
  if (type === 'Event') {
    const invokedArn = functionArn(context, fn.name, ref.qualifier);
    // In-process callers (an EventBridge rule, an SQS mapping) may name themselves for the trace; HTTP bodies cannot.
    const source = typeof input.InvocationSource === 'string' ? input.InvocationSource : legacy ? 'lambda:InvokeAsync' : 'lambda:Invoke';
    const requestId = await engineCall(context, () => engine.invokeAsync({ config, payload, asyncConfig: asyncConfigFor(fn, ref.qualifier), invokedArn, source }));
    return rawResult({ status: 202, headers: { 'x-amzn-requestid': requestId }, body: legacy ? { Status: 202 } : '' });
  }
  const result = await engineCall(context, () => engine.invoke(config, payload, { tailLog: logType === 'Tail', clientContext }));
  const headers: Record<string, string> = { 'x-amzn-requestid': result.requestId, 'x-amz-executed-version': result.executedVersion };
  if (result.functionError) headers['x-amz-function-error'] = result.functionError;
  if (result.logResult !== undefined) headers['x-amz-log-result'] = result.logResult;
  return rawResult({ status: 200, headers, body: result.payload });
}
