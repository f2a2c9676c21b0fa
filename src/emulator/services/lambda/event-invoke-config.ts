/** Asynchronous invocation settings: retries, maximum event age and destinations, per function, version or alias. */
import { LATEST, functionArn, parseFunctionName } from './arns.ts';
import { InvalidParameterValueException, LambdaValidationException, ResourceNotFoundException } from './errors.ts';
import { paginate, type EventInvokeConfigRecord, type FunctionRecord, type LambdaContext } from './model.ts';
import type { AsyncInvokeConfig } from './execution/types.ts';
import { checkDestinationRole } from './role-access.ts';
import { optionalInteger } from './validation.ts';

const DESTINATION = /^$|^arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:([a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\d{1})?:(\d{12})?:(.*)$/;
const DESTINATION_SERVICES = new Set(['lambda', 'sqs', 'sns', 'events', 's3']);

/** AWS's defaults when a function has no event invoke config. */
export const DEFAULT_ASYNC_CONFIG: AsyncInvokeConfig = { maximumRetryAttempts: 2, maximumEventAgeSeconds: 21600, onSuccess: undefined, onFailure: undefined };

/** The settings the execution engine gets for an asynchronous invocation of `qualifier`. */
export function asyncConfigFor(fn: FunctionRecord, qualifier: string | undefined): AsyncInvokeConfig {
  const config = fn.eventInvokeConfigs.get(qualifier ?? LATEST);
  if (!config) return { ...DEFAULT_ASYNC_CONFIG };
  return {
    maximumRetryAttempts: config.maximumRetryAttempts ?? DEFAULT_ASYNC_CONFIG.maximumRetryAttempts,
    maximumEventAgeSeconds: config.maximumEventAgeInSeconds ?? DEFAULT_ASYNC_CONFIG.maximumEventAgeSeconds,
    onSuccess: config.onSuccess,
    onFailure: config.onFailure,
  };
}

/** Finds the function and checks its qualifier; Lambda answers a plain "doesn't exist" here. */
function target(context: LambdaContext, input: Record<string, any>): { fn: FunctionRecord; qualifier: string } {
  const ref = parseFunctionName(input.FunctionName, context, { qualifier: input.Qualifier });
  const fn = context.state.functions.get(ref.name);
  const qualifier = ref.qualifier ?? LATEST;
  if (!fn || (qualifier !== LATEST && !fn.versions.has(qualifier) && !fn.aliases.has(qualifier))) {
    throw new ResourceNotFoundException("The function doesn't exist.");
  }
  return { fn, qualifier };
}

function missing(context: LambdaContext, fn: FunctionRecord, qualifier: string): ResourceNotFoundException {
  return new ResourceNotFoundException(`The function ${functionArn(context, fn.name, qualifier)} doesn't have an EventInvokeConfig`);
}

/** Checks one destination ARN: shaped like an ARN, of a service Lambda can deliver to, not the function itself. */
function checkDestination(context: LambdaContext, fn: FunctionRecord, which: 'onSuccess' | 'onFailure', value: unknown): string | undefined {
  if (value !== undefined && value !== null && (typeof value !== 'object' || Array.isArray(value))) {
    throw new LambdaValidationException(`1 validation error detected: Value at 'destinationConfig.${which}' failed to satisfy constraint: Member must be a structure`);
  }
  const destination = (value as { Destination?: unknown } | undefined)?.Destination;
  if (destination === undefined || destination === null || destination === '') return undefined;
  if (typeof destination !== 'string' || !DESTINATION.test(destination)) {
    throw new LambdaValidationException(
      `1 validation error detected: Value '${String(destination)}' at 'destinationConfig.${which}.destination' failed to satisfy constraint: Member must satisfy regular expression pattern: ^$|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)`,
    );
  }
  const service = destination.split(':')[2] ?? '';
  if (!DESTINATION_SERVICES.has(service) || (service === 's3' && which === 'onSuccess')) {
    throw new InvalidParameterValueException(`The destination ARN ${destination} is invalid.`);
  }
  if (service === 'lambda' && destination.split(':')[6] === fn.name && destination.split(':')[4] === context.account) {
    throw new InvalidParameterValueException("You can't specify the function as a destination for itself.");
  }
  return destination;
}

/** Reads the settings of a Put or Update request; undefined members are absent ones. */
async function settingsOf(
  context: LambdaContext, fn: FunctionRecord, input: Record<string, any>,
): Promise<Partial<EventInvokeConfigRecord> & { hasDestinations: boolean }> {
  const maximumRetryAttempts = optionalInteger(input.MaximumRetryAttempts, 'maximumRetryAttempts', 0, 2);
  const maximumEventAgeInSeconds = optionalInteger(input.MaximumEventAgeInSeconds, 'maximumEventAgeInSeconds', 60, 21600);
  const destinations = input.DestinationConfig as Record<string, unknown> | undefined;
  if (destinations !== undefined && destinations !== null && (typeof destinations !== 'object' || Array.isArray(destinations))) {
    throw new LambdaValidationException("1 validation error detected: Value at 'destinationConfig' failed to satisfy constraint: Member must be a structure");
  }
  const onSuccess = checkDestination(context, fn, 'onSuccess', destinations?.OnSuccess);
  const onFailure = checkDestination(context, fn, 'onFailure', destinations?.OnFailure);
  for (const destination of [onSuccess, onFailure]) await checkDestinationFunction(context, destination);
  return { maximumRetryAttempts, maximumEventAgeInSeconds, onSuccess, onFailure, hasDestinations: destinations !== undefined && destinations !== null };
}

/** Lambda asks for a setting before it looks for the function, so this check comes first. */
function requireSetting(input: Record<string, any>): void {
  const none = (value: unknown) => value === undefined || value === null;
  if (none(input.MaximumRetryAttempts) && none(input.MaximumEventAgeInSeconds) && none(input.DestinationConfig)) {
    throw new InvalidParameterValueException('You must specify at least one of error handling or destination setting.');
  }
}

/** A Lambda destination must name a function that exists; other destination services are checked at delivery. */
async function checkDestinationFunction(context: LambdaContext, destination: string | undefined): Promise<void> {
  const parts = destination?.split(':') ?? [];
  if (parts[2] !== 'lambda' || parts[5] !== 'function' || !parts[6]) return;
  const [region, account, name] = [parts[3]!, parts[4]!, parts[6]];
  const here = account === context.account && region === context.region;
  const exists = here
    ? context.state.functions.has(name)
    : Boolean(account && region) && (await context.emulator.call('lambda', 'GetFunctionConfiguration', { FunctionName: name }, { account, region }).then(() => true, () => false));
  if (!exists) throw new InvalidParameterValueException(`The destination ARN ${destination} is invalid.`);
}

/** A config as Lambda's FunctionEventInvokeConfig shape. */
function view(context: LambdaContext, fn: FunctionRecord, qualifier: string, config: EventInvokeConfigRecord): Record<string, unknown> {
  return {
    LastModified: config.lastModified,
    FunctionArn: functionArn(context, fn.name, qualifier),
    ...(config.maximumRetryAttempts !== undefined ? { MaximumRetryAttempts: config.maximumRetryAttempts } : {}),
    ...(config.maximumEventAgeInSeconds !== undefined ? { MaximumEventAgeInSeconds: config.maximumEventAgeInSeconds } : {}),
    DestinationConfig: {
      OnSuccess: config.onSuccess ? { Destination: config.onSuccess } : {},
      OnFailure: config.onFailure ? { Destination: config.onFailure } : {},
    },
  };
}

/** PutFunctionEventInvokeConfig: replaces the whole configuration. */
export async function PutFunctionEventInvokeConfig(context: LambdaContext, input: Record<string, any>): Promise<Record<string, unknown>> {
  requireSetting(input);
  const { fn, qualifier } = target(context, input);
  const { hasDestinations: _, ...settings } = await settingsOf(context, fn, input);
  await checkDestinationRole(context, fn.name, qualifier, [settings.onSuccess, settings.onFailure]);
  const config: EventInvokeConfigRecord = {
    maximumRetryAttempts: settings.maximumRetryAttempts,
    maximumEventAgeInSeconds: settings.maximumEventAgeInSeconds,
    onSuccess: settings.onSuccess,
    onFailure: settings.onFailure,
    lastModified: new Date(),
  };
  fn.eventInvokeConfigs.set(qualifier, config);
  return view(context, fn, qualifier, config);
}

/** UpdateFunctionEventInvokeConfig: changes only what is given. */
export async function UpdateFunctionEventInvokeConfig(context: LambdaContext, input: Record<string, any>): Promise<Record<string, unknown>> {
  requireSetting(input);
  const { fn, qualifier } = target(context, input);
  const current = fn.eventInvokeConfigs.get(qualifier);
  if (!current) throw missing(context, fn, qualifier);
  const settings = await settingsOf(context, fn, input);
  if (settings.hasDestinations) await checkDestinationRole(context, fn.name, qualifier, [settings.onSuccess, settings.onFailure]);
  const config: EventInvokeConfigRecord = {
    maximumRetryAttempts: settings.maximumRetryAttempts ?? current.maximumRetryAttempts,
    maximumEventAgeInSeconds: settings.maximumEventAgeInSeconds ?? current.maximumEventAgeInSeconds,
    onSuccess: settings.hasDestinations ? settings.onSuccess : current.onSuccess,
    onFailure: settings.hasDestinations ? settings.onFailure : current.onFailure,
    lastModified: new Date(),
  };
  fn.eventInvokeConfigs.set(qualifier, config);
  return view(context, fn, qualifier, config);
}

/** GetFunctionEventInvokeConfig. */
export function GetFunctionEventInvokeConfig(context: LambdaContext, input: Record<string, any>): Record<string, unknown> {
  const { fn, qualifier } = target(context, input);
  const config = fn.eventInvokeConfigs.get(qualifier);
  if (!config) throw missing(context, fn, qualifier);
  return view(context, fn, qualifier, config);
}

/** DeleteFunctionEventInvokeConfig. */
export function DeleteFunctionEventInvokeConfig(context: LambdaContext, input: Record<string, any>): null {
  const { fn, qualifier } = target(context, input);
  if (!fn.eventInvokeConfigs.delete(qualifier)) throw missing(context, fn, qualifier);
  return null;
}

/** ListFunctionEventInvokeConfigs. */
export function ListFunctionEventInvokeConfigs(context: LambdaContext, input: Record<string, any>): Record<string, unknown> {
  const { fn } = target(context, { FunctionName: input.FunctionName });
  const maxItems = optionalInteger(input.MaxItems, 'maxItems', 1, 50);
  const qualifiers = [...fn.eventInvokeConfigs.keys()].sort();
  const { page, NextMarker } = paginate(qualifiers, (qualifier) => qualifier, input.Marker, maxItems);
  return {
    FunctionEventInvokeConfigs: page.map((qualifier) => view(context, fn, qualifier, fn.eventInvokeConfigs.get(qualifier)!)),
    ...(NextMarker ? { NextMarker } : {}),
  };
}
