/** Functions: CreateFunction, Get/List, UpdateFunctionCode/Configuration and DeleteFunction. */
import { LATEST, constraintMessage, functionArn, isVersionNumber, parseFunctionName, FUNCTION_NAME_PATTERN } from './arns.ts';
import { decodeZipFile } from './code.ts';
import { InvalidParameterValueException, LambdaValidationException, ResourceConflictException } from './errors.ts';
import {
  checkNotBusy,
  checkRevision,
  configurationView,
  getFunction,
  lambdaDate,
  newRevisionId,
  paginate,
  resolveQualifier,
  stateDelay,
  type FunctionRecord,
  type LambdaContext,
  type VersionRecord,
} from './model.ts';
import type { LambdaRuntime } from './runtime.ts';
import { publishVersion } from './versions.ts';
import {
  checkArchitectures, checkDeadLetterTarget, checkEnvironment, checkHandler, checkMemorySize, checkPackageType, checkRole, checkRuntime,
  checkTimeout, checkTracingMode, invalid, optionalInteger, optionalString,
} from './validation.ts';

/** The deployment package of a request, or Lambda's complaint about its absence. */
function packageOf(source: Record<string, unknown> | undefined): Buffer {
  const zip = decodeZipFile(source?.ZipFile);
  if (zip) return zip;
  if (source?.ImageUri) throw new InvalidParameterValueException('The emulator runs .zip deployment packages only (PackageType Zip); container images are not supported.');
  throw new InvalidParameterValueException('Please provide a source for function code.');
}

/** Tags given as a map of strings. */
export function checkTags(value: unknown): Map<string, string> {
  if (value === undefined || value === null) return new Map();
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(value, 'tags', 'Member must be a map');
  const tags = new Map(Object.entries(value).map(([key, item]) => [key, String(item)]));
  if (tags.size > 50) throw new InvalidParameterValueException('Number of tags exceeds resource tag limit.');
  return tags;
}

/** CreateFunction: checks like Lambda, stores and unpacks the package, and starts Pending. */
export function CreateFunction(context: LambdaContext, runtime: LambdaRuntime, input: Record<string, any>): Record<string, unknown> {
  const ref = parseFunctionName(input.FunctionName, context, { creating: true });
  if (ref.qualifier !== undefined) {
    throw new LambdaValidationException(constraintMessage(input.FunctionName, 'functionName', `Member must satisfy regular expression pattern: ${FUNCTION_NAME_PATTERN}`));
  }
  const role = checkRole(input.Role);
  checkPackageType(input.PackageType);
  if (input.Runtime === undefined || input.Runtime === null || input.Handler === undefined || input.Handler === null) {
    throw new InvalidParameterValueException('Runtime and Handler are mandatory parameters for functions created with deployment packages.');
  }
  const settings = {
    runtime: checkRuntime(input.Runtime),
    handler: checkHandler(input.Handler),
    timeout: checkTimeout(input.Timeout) ?? 3,
    memorySize: checkMemorySize(input.MemorySize) ?? 128,
    description: optionalString(input.Description, 'description', 256) ?? '',
    environment: checkEnvironment(input.Environment),
    architectures: checkArchitectures(input.Architectures) ?? ['x86_64'],
    tracingMode: checkTracingMode(input.TracingConfig) ?? 'PassThrough',
    deadLetterTarget: checkDeadLetterTarget(input.DeadLetterConfig) || undefined,
  };
  const tags = checkTags(input.Tags);
  if (input.Code === undefined || input.Code === null || typeof input.Code !== 'object') throw invalid(undefined, 'code', 'Member must not be null');
  if (context.state.functions.has(ref.name)) throw new ResourceConflictException(`Function already exist: ${ref.name}`);
  const code = runtime.storePackage(context, packageOf(input.Code));
  const latest: VersionRecord = {
    version: LATEST,
    ...settings,
    role,
    codeHash: code.hash,
    codeSha256: code.sha256,
    codeSize: code.size,
    lastModified: lambdaDate(),
    revisionId: newRevisionId(),
    pendingUntil: Date.now() + stateDelay(context),
    updatingUntil: undefined,
  };
  const fn: FunctionRecord = {
    name: ref.name,
    latest,
    versions: new Map(),
    nextVersion: 1,
    publishedRevision: undefined,
    aliases: new Map(),
    policies: new Map(),
    eventInvokeConfigs: new Map(),
    reservedConcurrency: undefined,
    tags,
  };
  context.state.functions.set(fn.name, fn);
  const shown = input.Publish === true ? publishVersion(context, fn) : latest;
  return configurationView(context, fn, shown, { arn: functionArn(context, fn.name) });
}

/** GetFunctionConfiguration, for the function, a version or an alias. */
export function GetFunctionConfiguration(context: LambdaContext, input: Record<string, any>): Record<string, unknown> {
  const ref = parseFunctionName(input.FunctionName, context, { qualifier: input.Qualifier });
  const fn = getFunction(context, ref.name, ref.qualifier);
  const { version } = resolveQualifier(context, fn, ref.qualifier);
  return configurationView(context, fn, version, { arn: functionArn(context, fn.name, ref.qualifier) });
}

/** GetFunction: configuration, where to download the code, reserved concurrency and tags. */
export function GetFunction(context: LambdaContext, runtime: LambdaRuntime, input: Record<string, any>): Record<string, unknown> {
  const ref = parseFunctionName(input.FunctionName, context, { qualifier: input.Qualifier });
  const fn = getFunction(context, ref.name, ref.qualifier);
  const { version } = resolveQualifier(context, fn, ref.qualifier);
  const code = { hash: version.codeHash, sha256: version.codeSha256, size: version.codeSize };
  return {
    Configuration: configurationView(context, fn, version, { arn: functionArn(context, fn.name, ref.qualifier) }),
    Code: { RepositoryType: 'S3', Location: runtime.codeLocation(context, code) },
    ...(fn.tags.size > 0 ? { Tags: Object.fromEntries(fn.tags) } : {}),
    ...(fn.reservedConcurrency !== undefined ? { Concurrency: { ReservedConcurrentExecutions: fn.reservedConcurrency } } : {}),
  };
}

/** ListFunctions: `$LATEST` of each function, or every version with `FunctionVersion=ALL`; 50 per page at most. */
export function ListFunctions(context: LambdaContext, input: Record<string, any>): Record<string, unknown> {
  const all = input.FunctionVersion;
  if (all !== undefined && all !== 'ALL') throw invalid(all, 'functionVersion', 'Member must satisfy enum value set: [ALL]');
  const maxItems = optionalInteger(input.MaxItems, 'maxItems', 1, 10000);
  const functions = [...context.state.functions.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const rows = functions.flatMap((fn) => {
    const versions = all === 'ALL' ? [fn.latest, ...[...fn.versions.values()].sort((a, b) => Number(a.version) - Number(b.version))] : [fn.latest];
    return versions.map((version) => ({ fn, version, key: `${fn.name}:${version.version === LATEST ? LATEST : version.version.padStart(12, '0')}` }));
  });
  const { page, NextMarker } = paginate(rows, (row) => row.key, input.Marker, maxItems);
  return {
    Functions: page.map(({ fn, version }) => {
      const arn = all === 'ALL' ? functionArn(context, fn.name, version.version) : functionArn(context, fn.name);
      return configurationView(context, fn, version, { arn, forList: true });
    }),
    ...(NextMarker ? { NextMarker } : {}),
  };
}

/** Applies a change to `$LATEST`: new revision, InProgress for the state delay, warm environments retired. */
function updateLatest(context: LambdaContext, runtime: LambdaRuntime, fn: FunctionRecord, changes: Partial<VersionRecord>): void {
  fn.latest = {
    ...fn.latest,
    ...changes,
    lastModified: lambdaDate(),
    revisionId: newRevisionId(),
    updatingUntil: Date.now() + stateDelay(context),
  };
  runtime.retire(functionArn(context, fn.name));
}

/** UpdateFunctionCode: a new package for `$LATEST`, optionally published at once. */
export function UpdateFunctionCode(context: LambdaContext, runtime: LambdaRuntime, input: Record<string, any>, serviceName: string): Record<string, unknown> {
  const ref = parseFunctionName(input.FunctionName, context);
  const fn = getFunction(context, ref.name);
  checkRevision(input.RevisionId, fn.latest.revisionId);
  checkNotBusy(context, fn);
  const architectures = checkArchitectures(input.Architectures);
  const zip = packageOf(input);
  if (input.DryRun === true) return configurationView(context, fn, fn.latest, { arn: functionArn(context, fn.name) });
  const code = runtime.storePackage(context, zip);
  updateLatest(context, runtime, fn, {
    codeHash: code.hash,
    codeSha256: code.sha256,
    codeSize: code.size,
    ...(architectures ? { architectures } : {}),
  });
  runtime.collectPackages(context, serviceName);
  if (input.Publish === true) {
    const version = publishVersion(context, fn);
    return configurationView(context, fn, version, { arn: functionArn(context, fn.name, version.version) });
  }
  return configurationView(context, fn, fn.latest, { arn: functionArn(context, fn.name) });
}

/** UpdateFunctionConfiguration: changes only the settings given. */
export function UpdateFunctionConfiguration(context: LambdaContext, runtime: LambdaRuntime, input: Record<string, any>): Record<string, unknown> {
  const ref = parseFunctionName(input.FunctionName, context);
  const fn = getFunction(context, ref.name);
  checkRevision(input.RevisionId, fn.latest.revisionId);
  const changes: Partial<VersionRecord> = {};
  if (input.Role !== undefined) changes.role = checkRole(input.Role);
  if (input.Handler !== undefined) changes.handler = checkHandler(input.Handler);
  if (input.Runtime !== undefined) changes.runtime = checkRuntime(input.Runtime);
  if (input.Description !== undefined) changes.description = optionalString(input.Description, 'description', 256) ?? '';
  if (input.Timeout !== undefined) changes.timeout = checkTimeout(input.Timeout) ?? fn.latest.timeout;
  if (input.MemorySize !== undefined) changes.memorySize = checkMemorySize(input.MemorySize) ?? fn.latest.memorySize;
  if (input.Environment !== undefined) changes.environment = checkEnvironment(input.Environment) ?? {};
  if (input.TracingConfig !== undefined) changes.tracingMode = checkTracingMode(input.TracingConfig) ?? fn.latest.tracingMode;
  // An empty TargetArn removes the dead-letter queue, as on Lambda.
  if (input.DeadLetterConfig !== undefined) changes.deadLetterTarget = checkDeadLetterTarget(input.DeadLetterConfig) || undefined;
  checkNotBusy(context, fn);
  updateLatest(context, runtime, fn, changes);
  return configurationView(context, fn, fn.latest, { arn: functionArn(context, fn.name) });
}

/** DeleteFunction: the whole function, or one published version with `Qualifier`. */
export function DeleteFunction(context: LambdaContext, runtime: LambdaRuntime, input: Record<string, any>, serviceName: string): null {
  const ref = parseFunctionName(input.FunctionName, context, { qualifier: input.Qualifier });
  if (ref.qualifier === LATEST) throw new InvalidParameterValueException('$LATEST version cannot be deleted without deleting the function.');
  const fn = getFunction(context, ref.name);
  const arn = functionArn(context, fn.name);
  if (ref.qualifier !== undefined) {
    if (!isVersionNumber(ref.qualifier)) {
      throw new InvalidParameterValueException(`Deletion of aliases through DeleteFunction is not supported; use DeleteAlias for ${ref.qualifier}.`);
    }
    // Lambda answers success for a version that is not there (deleting is idempotent).
    if (!fn.versions.has(ref.qualifier)) return null;
    const users = [...fn.aliases.values()].filter((alias) => alias.functionVersion === ref.qualifier || alias.additionalWeights?.[ref.qualifier!] !== undefined);
    if (users.length > 0) {
      throw new ResourceConflictException(`Unable to delete version because the following aliases reference it: [${users.map((alias) => alias.name).join(', ')}]`);
    }
    fn.versions.delete(ref.qualifier);
    fn.policies.delete(ref.qualifier);
    fn.eventInvokeConfigs.delete(ref.qualifier);
  } else {
    context.state.functions.delete(fn.name);
  }
  runtime.retire(arn);
  runtime.collectPackages(context, serviceName);
  return null;
}
