/** Aliases: names that point at a version, with optional weighted routing to a second version. */
import { LATEST, functionArn, isAliasName, isVersionNumber, parseFunctionName } from './arns.ts';
import { InvalidParameterValueException, ResourceConflictException, ResourceNotFoundException } from './errors.ts';
import { checkRevision, getFunction, newRevisionId, paginate, type AliasRecord, type FunctionRecord, type LambdaContext } from './model.ts';
import { invalid, optionalInteger, optionalString } from './validation.ts';

function checkAliasName(value: unknown): string {
  if (typeof value !== 'string' || value.length > 128 || !isAliasName(value)) {
    throw invalid(value, 'name', 'Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)');
  }
  return value;
}

function checkTargetVersion(context: LambdaContext, fn: FunctionRecord, value: unknown): string {
  if (typeof value !== 'string' || (value !== LATEST && !isVersionNumber(value))) {
    throw invalid(value, 'functionVersion', 'Member must satisfy regular expression pattern: (\\$LATEST|[0-9]+)');
  }
  if (value !== LATEST && !fn.versions.has(value)) throw new ResourceNotFoundException(`Function not found: ${functionArn(context, fn.name, value)}`);
  return value;
}

/** Checks `RoutingConfig.AdditionalVersionWeights` the way Lambda does. */
function checkRouting(context: LambdaContext, fn: FunctionRecord, target: string, value: unknown): Record<string, number> | undefined {
  const weights = (value as { AdditionalVersionWeights?: unknown } | undefined)?.AdditionalVersionWeights;
  if (weights === undefined || weights === null) return undefined;
  if (typeof weights !== 'object' || Array.isArray(weights)) throw invalid(weights, 'routingConfig.additionalVersionWeights', 'Member must be a map');
  const entries = Object.entries(weights);
  if (entries.length === 0) return undefined;
  if (entries.length > 1) throw new InvalidParameterValueException('Number of items in AdditionalVersionWeights cannot be greater than 1');
  const [version, weight] = entries[0]!;
  if (typeof weight !== 'number' || weight < 0 || weight > 1) {
    throw invalid(`{${version}=${String(weight)}}`, 'routingConfig.additionalVersionWeights', 'Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]');
  }
  if (!isVersionNumber(version)) {
    throw invalid(`{${version}=${weight}}`, 'routingConfig.additionalVersionWeights', 'Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [0-9]+]');
  }
  if (target === LATEST) throw new InvalidParameterValueException('$LATEST is not supported for an alias pointing to more than 1 version');
  if (version === target) {
    throw new InvalidParameterValueException(`Invalid function version ${target}. Function version ${target} is already included in routing configuration.`);
  }
  if (!fn.versions.has(version)) throw new ResourceNotFoundException(`Function not found: ${functionArn(context, fn.name, version)}`);
  return { [version]: weight };
}

/** An alias as Lambda's AliasConfiguration shape. */
export function aliasView(context: LambdaContext, fn: FunctionRecord, alias: AliasRecord): Record<string, unknown> {
  return {
    AliasArn: functionArn(context, fn.name, alias.name),
    Name: alias.name,
    FunctionVersion: alias.functionVersion,
    Description: alias.description,
    ...(alias.additionalWeights ? { RoutingConfig: { AdditionalVersionWeights: alias.additionalWeights } } : {}),
    RevisionId: alias.revisionId,
  };
}

function findAlias(context: LambdaContext, fn: FunctionRecord, name: unknown): AliasRecord {
  const alias = typeof name === 'string' ? fn.aliases.get(name) : undefined;
  if (!alias) throw new ResourceNotFoundException(`Cannot find alias arn: ${functionArn(context, fn.name, String(name))}`);
  return alias;
}

/** CreateAlias. */
export function CreateAlias(context: LambdaContext, input: Record<string, any>): Record<string, unknown> {
  const name = checkAliasName(input.Name);
  const ref = parseFunctionName(input.FunctionName, context);
  const fn = getFunction(context, ref.name);
  const target = checkTargetVersion(context, fn, input.FunctionVersion);
  if (fn.aliases.has(name)) throw new ResourceConflictException(`Alias already exists: ${functionArn(context, fn.name, name)}`);
  const alias: AliasRecord = {
    name,
    functionVersion: target,
    description: optionalString(input.Description, 'description', 256) ?? '',
    additionalWeights: checkRouting(context, fn, target, input.RoutingConfig),
    revisionId: newRevisionId(),
  };
  fn.aliases.set(name, alias);
  return aliasView(context, fn, alias);
}

/** GetAlias. */
export function GetAlias(context: LambdaContext, input: Record<string, any>): Record<string, unknown> {
  const fn = getFunction(context, parseFunctionName(input.FunctionName, context).name);
  return aliasView(context, fn, findAlias(context, fn, input.Name));
}

/** UpdateAlias: moves the alias or changes its description or routing. */
export function UpdateAlias(context: LambdaContext, input: Record<string, any>): Record<string, unknown> {
  const fn = getFunction(context, parseFunctionName(input.FunctionName, context).name);
  const alias = findAlias(context, fn, input.Name);
  checkRevision(input.RevisionId, alias.revisionId);
  const target = input.FunctionVersion !== undefined ? checkTargetVersion(context, fn, input.FunctionVersion) : alias.functionVersion;
  const description = input.Description !== undefined ? (optionalString(input.Description, 'description', 256) ?? '') : alias.description;
  const weights = input.RoutingConfig !== undefined ? checkRouting(context, fn, target, input.RoutingConfig) : alias.additionalWeights;
  if (weights && (target === LATEST || weights[target] !== undefined)) checkRouting(context, fn, target, { AdditionalVersionWeights: weights });
  const updated: AliasRecord = { ...alias, functionVersion: target, description, additionalWeights: weights, revisionId: newRevisionId() };
  fn.aliases.set(alias.name, updated);
  return aliasView(context, fn, updated);
}

/** DeleteAlias: idempotent, as Lambda's model has no not-found error for it. */
export function DeleteAlias(context: LambdaContext, input: Record<string, any>): null {
  const ref = parseFunctionName(input.FunctionName, context);
  const fn = context.state.functions.get(ref.name);
  const name = checkAliasName(input.Name);
  if (fn?.aliases.delete(name)) {
    fn.policies.delete(name);
    fn.eventInvokeConfigs.delete(name);
  }
  return null;
}

/** ListAliases, optionally only those pointing at one version. */
export function ListAliases(context: LambdaContext, input: Record<string, any>): Record<string, unknown> {
  const fn = getFunction(context, parseFunctionName(input.FunctionName, context).name);
  const maxItems = optionalInteger(input.MaxItems, 'maxItems', 1, 10000);
  const wanted = input.FunctionVersion;
  const aliases = [...fn.aliases.values()]
    .filter((alias) => wanted === undefined || alias.functionVersion === wanted)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const { page, NextMarker } = paginate(aliases, (alias) => alias.name, input.Marker, maxItems, 10000);
  return { Aliases: page.map((alias) => aliasView(context, fn, alias)), ...(NextMarker ? { NextMarker } : {}) };
}
