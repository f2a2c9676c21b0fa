/**
 * Lambda state and the rules every operation shares: how functions, versions and aliases are
 * stored, how their State and LastUpdateStatus follow from timestamps (no timers), how a name
 * and qualifier resolve, and how a version is shown as a FunctionConfiguration.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Emulator } from '../../emulator.ts';
import { LATEST, functionArn, type Scope } from './arns.ts';
import { PreconditionFailedException, ResourceConflictException, ResourceNotFoundException } from './errors.ts';
import type { FunctionUrlRecord } from './function-urls.ts';

/** One version of a function: `$LATEST` (editable) or a published, immutable snapshot. */
export interface VersionRecord {
  version: string;
  runtime: string;
  handler: string;
  role: string;
  description: string;
  timeout: number;
  memorySize: number;
  /** Undefined when the function was never given an Environment (AWS then omits the field). */
  environment: Record<string, string> | undefined;
  architectures: string[];
  tracingMode: string;
  /** DeadLetterConfig's TargetArn; absent when none is set (AWS then omits DeadLetterConfig). */
  deadLetterTarget?: string | undefined;
  codeHash: string;
  codeSha256: string;
  codeSize: number;
  /** In AWS's format, like `2024-01-01T00:00:00.000+0000`. */
  lastModified: string;
  revisionId: string;
  /** Epoch ms until which the version is Pending (being created). */
  pendingUntil: number;
  /** Epoch ms until which the last update is InProgress; undefined before any update. */
  updatingUntil: number | undefined;
}

/** An alias: a name that points at a version, optionally splitting traffic with a second one. */
export interface AliasRecord {
  name: string;
  functionVersion: string;
  description: string;
  /** Version number -> weight (0-1) of traffic sent there instead. */
  additionalWeights: Record<string, number> | undefined;
  revisionId: string;
}

/** One statement of a resource policy, as GetPolicy shows it. */
export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: string | Record<string, string>;
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

/** Retry and destination settings of asynchronous invocations, per qualifier. */
export interface EventInvokeConfigRecord {
  maximumRetryAttempts: number | undefined;
  maximumEventAgeInSeconds: number | undefined;
  onSuccess: string | undefined;
  onFailure: string | undefined;
  lastModified: Date;
}

/** A function with everything that belongs to it. */
export interface FunctionRecord {
  name: string;
  latest: VersionRecord;
  versions: Map<string, VersionRecord>;
  nextVersion: number;
  /** The `$LATEST` revision the last published version was made from: publishing again without a change returns it. */
  publishedRevision: string | undefined;
  aliases: Map<string, AliasRecord>;
  /** Qualifier (`$LATEST` for the unqualified function, a version or an alias) -> statements. */
  policies: Map<string, PolicyStatement[]>;
  eventInvokeConfigs: Map<string, EventInvokeConfigRecord>;
  reservedConcurrency: number | undefined;
  tags: Map<string, string>;
  /** Function URLs by qualifier (`$LATEST` or an alias); absent until the first one, and in state saved before they existed. */
  urls?: Map<string, FunctionUrlRecord>;
}

/** Lambda state of one account and region. Maps keep user-chosen names away from object prototypes. */
export interface LambdaState {
  functions: Map<string, FunctionRecord>;
  /** Deployment packages by hex SHA-256, shared by every version that uses them. */
  code: Map<string, Buffer>;
}

/** A fresh, empty state. */
export function createLambdaState(): LambdaState {
  return { functions: new Map(), code: new Map() };
}

/** What the shared rules need from an operation's context. */
export interface LambdaContext extends Scope {
  state: LambdaState;
  emulator: Emulator;
}

/** The time in Lambda's own format: `2024-01-01T00:00:00.000+0000`. */
export function lambdaDate(date = new Date()): string {
  return date.toISOString().replace('Z', '+0000');
}

/** A new RevisionId. */
export function newRevisionId(): string {
  return randomUUID();
}

/** How long a creation or update takes before the function is Active / Successful. */
export function stateDelay(context: LambdaContext): number {
  return Math.max(0, context.emulator.settings.lambdaStateDelayMs);
}

/** The function's State right now. */
export function stateOf(version: VersionRecord, now = Date.now()): 'Pending' | 'Active' {
  return now < version.pendingUntil ? 'Pending' : 'Active';
}

/** The LastUpdateStatus right now, or undefined while the version is still being created. */
export function updateStatusOf(version: VersionRecord, now = Date.now()): 'InProgress' | 'Successful' | undefined {
  if (version.updatingUntil !== undefined && now < version.updatingUntil) return 'InProgress';
  return stateOf(version, now) === 'Pending' ? undefined : 'Successful';
}

/** Finds a function or throws Lambda's ResourceNotFoundException. */
export function getFunction(context: LambdaContext, name: string, qualifier?: string): FunctionRecord {
  const found = context.state.functions.get(name);
  if (!found) throw new ResourceNotFoundException(`Function not found: ${functionArn(context, name, qualifier)}`);
  return found;
}

/** A qualifier resolved to the version it runs, and the alias it went through, if any. */
export interface Resolved {
  version: VersionRecord;
  alias: AliasRecord | undefined;
}

/** Resolves `$LATEST`, a version number or an alias; throws ResourceNotFoundException like Lambda. */
export function resolveQualifier(context: LambdaContext, fn: FunctionRecord, qualifier: string | undefined): Resolved {
  if (qualifier === undefined || qualifier === LATEST) return { version: fn.latest, alias: undefined };
  const version = fn.versions.get(qualifier);
  if (version) return { version, alias: undefined };
  const alias = fn.aliases.get(qualifier);
  const target = alias && (alias.functionVersion === LATEST ? fn.latest : fn.versions.get(alias.functionVersion));
  if (alias && target) return { version: target, alias };
  throw new ResourceNotFoundException(`Function not found: ${functionArn(context, fn.name, qualifier)}`);
}

/** Throws PreconditionFailedException when a given RevisionId is not the current one. */
export function checkRevision(given: unknown, current: string): void {
  if (given !== undefined && given !== null && given !== '' && given !== current) {
    throw new PreconditionFailedException(
      'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
    );
  }
}

/** Throws ResourceConflictException while `$LATEST` is being created or updated, as Lambda does for changes. */
export function checkNotBusy(context: LambdaContext, fn: FunctionRecord): void {
  const now = Date.now();
  if (stateOf(fn.latest, now) === 'Pending') {
    throw new ResourceConflictException('The operation cannot be performed at this time. The function is currently in the following state: Pending');
  }
  if (updateStatusOf(fn.latest, now) === 'InProgress') {
    throw new ResourceConflictException(`The operation cannot be performed at this time. An update is in progress for resource: ${functionArn(context, fn.name)}`);
  }
}

function runtimeVersionArn(scope: Scope, runtime: string): string {
  return `arn:aws:lambda:${scope.region}::runtime:${createHash('sha256').update(runtime).digest('hex')}`;
}

/** Options of {@link configurationView}. */
export interface ViewOptions {
  /** The ARN to show: qualified for versions and aliases, unqualified for the function. */
  arn: string;
  /** List operations leave out state fields, as AWS's do. */
  forList?: boolean;
}

/** A version as Lambda's FunctionConfiguration shape. */
export function configurationView(context: LambdaContext, fn: FunctionRecord, version: VersionRecord, options: ViewOptions): Record<string, unknown> {
  const now = Date.now();
  const view: Record<string, unknown> = {
    FunctionName: fn.name,
    FunctionArn: options.arn,
    Runtime: version.runtime,
    Role: version.role,
    Handler: version.handler,
    CodeSize: version.codeSize,
    Description: version.description,
    Timeout: version.timeout,
    MemorySize: version.memorySize,
    LastModified: version.lastModified,
    CodeSha256: version.codeSha256,
    Version: version.version,
    ...(version.environment ? { Environment: { Variables: version.environment } } : {}),
    TracingConfig: { Mode: version.tracingMode },
    ...(version.deadLetterTarget ? { DeadLetterConfig: { TargetArn: version.deadLetterTarget } } : {}),
    RevisionId: version.revisionId,
    PackageType: 'Zip',
    Architectures: version.architectures,
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${fn.name}` },
  };
  if (options.forList) return view;
  const state = stateOf(version, now);
  view.State = state;
  if (state === 'Pending') {
    view.StateReason = 'The function is being created.';
    view.StateReasonCode = 'Creating';
  }
  const update = updateStatusOf(version, now);
  if (update) view.LastUpdateStatus = update;
  if (update === 'InProgress') {
    view.LastUpdateStatusReason = 'The function is being created.';
    view.LastUpdateStatusReasonCode = 'Creating';
  }
  view.RuntimeVersionConfig = { RuntimeVersionArn: runtimeVersionArn(context, version.runtime) };
  return view;
}

/** A page of a sorted list: `Marker` is the opaque key of the first item, as NextMarker gave it. */
export function paginate<T>(items: T[], keyOf: (item: T) => string, marker: unknown, maxItems: number | undefined, limit = 50): { page: T[]; NextMarker?: string } {
  let start = 0;
  if (typeof marker === 'string' && marker !== '') {
    const key = Buffer.from(marker, 'base64url').toString('utf8');
    start = items.findIndex((item) => keyOf(item) >= key);
    if (start < 0) start = items.length;
  }
  const size = Math.min(maxItems ?? limit, limit);
  const page = items.slice(start, start + size);
  const next = items[start + size];
  return next === undefined ? { page } : { page, NextMarker: Buffer.from(keyOf(next)).toString('base64url') };
}
