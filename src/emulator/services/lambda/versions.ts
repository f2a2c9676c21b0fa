/** Published versions: immutable snapshots of `$LATEST`, numbered from 1. */
import { LATEST, functionArn, parseFunctionName } from './arns.ts';
import { InvalidParameterValueException, ResourceConflictException } from './errors.ts';
import {
  checkRevision,
  configurationView,
  getFunction,
  lambdaDate,
  newRevisionId,
  paginate,
  stateDelay,
  updateStatusOf,
  type FunctionRecord,
  type LambdaContext,
  type VersionRecord,
} from './model.ts';
import { optionalInteger, optionalString } from './validation.ts';

/** Preconditions and overrides of a publish. */
export interface PublishOptions {
  description?: string | undefined;
  codeSha256?: unknown;
  revisionId?: unknown;
}

/** Publishes `$LATEST` as the next version; publishing an unchanged `$LATEST` again returns the last version, as AWS does. */
export function publishVersion(context: LambdaContext, fn: FunctionRecord, options: PublishOptions = {}): VersionRecord {
  const latest = fn.latest;
  checkRevision(options.revisionId, latest.revisionId);
  const sha = options.codeSha256;
  if (sha !== undefined && sha !== null && sha !== '' && sha !== latest.codeSha256) {
    throw new InvalidParameterValueException(
      `CodeSHA256 (${String(sha)}) is different from current CodeSHA256 in $LATEST (${latest.codeSha256}). Please try again with the CodeSHA256 in $LATEST.`,
    );
  }
  if (fn.publishedRevision === latest.revisionId) {
    const last = fn.versions.get(String(fn.nextVersion - 1));
    if (last) return last;
  }
  const version: VersionRecord = {
    ...latest,
    environment: latest.environment ? { ...latest.environment } : undefined,
    architectures: [...latest.architectures],
    version: String(fn.nextVersion),
    description: options.description ?? latest.description,
    lastModified: lambdaDate(),
    revisionId: newRevisionId(),
    pendingUntil: Date.now() + stateDelay(context),
    updatingUntil: undefined,
  };
  fn.versions.set(version.version, version);
  fn.nextVersion += 1;
  fn.publishedRevision = latest.revisionId;
  return version;
}

/** PublishVersion. */
export function PublishVersion(context: LambdaContext, input: Record<string, any>): Record<string, unknown> {
  const ref = parseFunctionName(input.FunctionName, context);
  const fn = getFunction(context, ref.name);
  if (updateStatusOf(fn.latest) === 'InProgress') {
    throw new ResourceConflictException(`The operation cannot be performed at this time. An update is in progress for resource: ${functionArn(context, fn.name)}`);
  }
  const version = publishVersion(context, fn, {
    description: optionalString(input.Description, 'description', 256),
    codeSha256: input.CodeSha256,
    revisionId: input.RevisionId,
  });
  return configurationView(context, fn, version, { arn: functionArn(context, fn.name, version.version) });
}

/** ListVersionsByFunction: `$LATEST` first, then versions in order. */
export function ListVersionsByFunction(context: LambdaContext, input: Record<string, any>): Record<string, unknown> {
  const ref = parseFunctionName(input.FunctionName, context);
  const fn = getFunction(context, ref.name);
  const maxItems = optionalInteger(input.MaxItems, 'maxItems', 1, 10000);
  const all = [fn.latest, ...[...fn.versions.values()].sort((a, b) => Number(a.version) - Number(b.version))];
  const keyOf = (version: VersionRecord) => (version.version === LATEST ? LATEST : version.version.padStart(12, '0'));
  const { page, NextMarker } = paginate(all, keyOf, input.Marker, maxItems);
  return {
    Versions: page.map((version) => configurationView(context, fn, version, { arn: functionArn(context, fn.name, version.version), forList: true })),
    ...(NextMarker ? { NextMarker } : {}),
  };
}
