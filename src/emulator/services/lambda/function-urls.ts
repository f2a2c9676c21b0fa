/**
 * Function URLs, the control plane: CreateFunctionUrlConfig, GetFunctionUrlConfig,
 * UpdateFunctionUrlConfig, DeleteFunctionUrlConfig and ListFunctionUrlConfigs. A URL belongs to
 * the unqualified function or to one alias, lives in the function's record (so it is saved with
 * it and goes when the function goes), and is addressed by a 32-character id in its host name;
 * function-url-door.ts serves the requests sent to it.
 */
import { randomInt } from 'node:crypto';
import type { Emulator } from '../../emulator.ts';
import { LATEST, constraintMessage, functionArn, isVersionNumber, parseFunctionName } from './arns.ts';
import { InvalidParameterValueException, LambdaValidationException, ResourceConflictException, ResourceNotFoundException } from './errors.ts';
import { paginate, type FunctionRecord, type LambdaContext } from './model.ts';
import { optionalInteger } from './validation.ts';

/** A URL's CORS settings, with the member names of the wire (PascalCase). */
export interface FunctionUrlCors {
  AllowCredentials?: boolean;
  AllowHeaders?: string[];
  AllowMethods?: string[];
  AllowOrigins?: string[];
  ExposeHeaders?: string[];
  MaxAge?: number;
}

/** One function URL. */
export interface FunctionUrlRecord {
  /** 32 lower-case letters and digits, the first label of the URL's host name. */
  urlId: string;
  authType: 'NONE' | 'AWS_IAM';
  cors: FunctionUrlCors | undefined;
  /** As the caller set it; undefined when never given (CreateFunctionUrlConfig's answer then leaves it out). */
  invokeMode: string | undefined;
  creationTime: string;
  lastModifiedTime: string;
}

/** The host name suffix of the URLs, as LocalStack names them (public DNS sends it to 127.0.0.1). */
export const FUNCTION_URL_DOMAIN = 'localhost.localstack.cloud';

const URL_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const NO_SUCH_FUNCTION = 'Function does not exist';
const NO_SUCH_URL = 'The resource you requested does not exist.';
const QUALIFIER_PATTERN = '((?!^\\d+$)^[0-9a-zA-Z-_]+$)';

function newUrlId(): string {
  return Array.from({ length: 32 }, () => URL_ID_ALPHABET[randomInt(URL_ID_ALPHABET.length)]).join('');
}

/** Lambda's ISO-8601 time with microseconds, as its function URL answers show it. */
function urlTime(): string {
  return new Date().toISOString().replace('Z', '000Z');
}

/** The URL of `urlId`, on the emulator's own port (the port it listens on now, so a restart on another port moves the URL too). */
export function functionUrlOf(emulator: Emulator, region: string, urlId: string): string {
  let port = '4566';
  try {
    port = new URL(emulator.url).port || port;
  } catch {
    // Not listening (an in-process emulator): the default port.
  }
  return `http://${urlId}.lambda-url.${region}.${FUNCTION_URL_DOMAIN}:${port}/`;
}

/** The URLs of a function, by qualifier, for a change; created on first use (records saved before URLs existed have none). */
function urlsOf(fn: FunctionRecord): Map<string, FunctionUrlRecord> {
  fn.urls ??= new Map();
  return fn.urls;
}

/** The function and qualifier an operation names; `$LATEST` and version numbers are not URL qualifiers. */
function target(context: LambdaContext, input: Record<string, any>, missing: string): { fn: FunctionRecord; key: string; arn: string } {
  const ref = parseFunctionName(input.FunctionName, context, { qualifier: input.Qualifier });
  if (ref.qualifier === LATEST) {
    throw new LambdaValidationException(constraintMessage(LATEST, 'qualifier', `Member must satisfy regular expression pattern: ${QUALIFIER_PATTERN}`));
  }
  if (ref.qualifier !== undefined && isVersionNumber(ref.qualifier)) {
    throw new LambdaValidationException(constraintMessage(ref.qualifier, 'qualifier', 'Member must satisfy regular expression pattern: (^\\$LATEST$)|((?!^[0-9]+$)([a-zA-Z0-9-_]+))'));
  }
  const fn = context.state.functions.get(ref.name);
  if (!fn) throw new ResourceNotFoundException(missing);
  return { fn, key: ref.qualifier ?? LATEST, arn: functionArn(context, fn.name, ref.qualifier) };
}

function checkAlias(fn: FunctionRecord, key: string): void {
  if (key !== LATEST && !fn.aliases.has(key)) throw new ResourceNotFoundException(NO_SUCH_FUNCTION);
}

function checkInvokeMode(value: unknown): string | undefined {
  if (value === 'RESPONSE_STREAM') {
    throw new InvalidParameterValueException('InvokeMode RESPONSE_STREAM is not emulated: the emulator answers function URLs with buffered responses only. Use BUFFERED (the default), or the localstack or aws target to stream responses.');
  }
  return value === undefined || value === null ? undefined : String(value);
}

function listOf(value: unknown, member: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new LambdaValidationException(constraintMessage(value, member, 'Member must be a list of strings'));
  }
  return value as string[];
}

/** The CORS settings as given, without members the caller did not set. */
function checkCors(value: unknown): FunctionUrlCors | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new LambdaValidationException(constraintMessage(value, 'cors', 'Member must be a structure'));
  const given = value as Record<string, unknown>;
  const cors: FunctionUrlCors = {};
  if (given.AllowCredentials !== undefined && given.AllowCredentials !== null) cors.AllowCredentials = given.AllowCredentials === true || given.AllowCredentials === 'true';
  for (const member of ['AllowHeaders', 'AllowMethods', 'AllowOrigins', 'ExposeHeaders'] as const) {
    const list = listOf(given[member], `cors.${member[0]!.toLowerCase()}${member.slice(1)}`);
    if (list) cors[member] = list;
  }
  const maxAge = optionalInteger(given.MaxAge, 'cors.maxAge', 0, 86400);
  if (maxAge !== undefined) cors.MaxAge = maxAge;
  return cors;
}

/** A URL as Lambda's FunctionUrlConfig shape. */
function view(context: LambdaContext, arn: string, url: FunctionUrlRecord, created = false): Record<string, unknown> {
  return {
    FunctionUrl: functionUrlOf(context.emulator, context.region, url.urlId),
    FunctionArn: arn,
    AuthType: url.authType,
    ...(url.cors ? { Cors: url.cors } : {}),
    CreationTime: url.creationTime,
    ...(created ? {} : { LastModifiedTime: url.lastModifiedTime }),
    ...(created ? (url.invokeMode ? { InvokeMode: url.invokeMode } : {}) : { InvokeMode: url.invokeMode ?? 'BUFFERED' }),
  };
}

/** CreateFunctionUrlConfig: one URL per function or alias. */
export function CreateFunctionUrlConfig(context: LambdaContext, input: Record<string, any>): Record<string, unknown> {
  const { fn, key, arn } = target(context, input, NO_SUCH_FUNCTION);
  const urls = urlsOf(fn);
  if (urls.has(key)) {
    throw new ResourceConflictException(`Failed to create function url config for [functionArn = ${arn}]. Error message:  FunctionUrlConfig exists for this Lambda function`);
  }
  checkAlias(fn, key);
  const invokeMode = checkInvokeMode(input.InvokeMode);
  const now = urlTime();
  const url: FunctionUrlRecord = { urlId: newUrlId(), authType: input.AuthType, cors: checkCors(input.Cors), invokeMode, creationTime: now, lastModifiedTime: now };
  urls.set(key, url);
  return view(context, arn, url, true);
}

/** GetFunctionUrlConfig. */
export function GetFunctionUrlConfig(context: LambdaContext, input: Record<string, any>): Record<string, unknown> {
  const { fn, key, arn } = target(context, input, NO_SUCH_URL);
  const url = fn.urls?.get(key);
  if (!url) throw new ResourceNotFoundException(NO_SUCH_URL);
  return view(context, arn, url);
}

/** UpdateFunctionUrlConfig: what is given replaces what was set; what is left out stays. */
export function UpdateFunctionUrlConfig(context: LambdaContext, input: Record<string, any>): Record<string, unknown> {
  const { fn, key, arn } = target(context, input, NO_SUCH_FUNCTION);
  checkAlias(fn, key);
  const url = fn.urls?.get(key);
  if (!url) throw new ResourceNotFoundException(NO_SUCH_URL);
  const invokeMode = checkInvokeMode(input.InvokeMode);
  const cors = checkCors(input.Cors);
  if (input.AuthType !== undefined && input.AuthType !== null) url.authType = input.AuthType;
  if (cors) url.cors = cors;
  if (invokeMode) url.invokeMode = invokeMode;
  url.lastModifiedTime = urlTime();
  return view(context, arn, url);
}

/** DeleteFunctionUrlConfig: the URL stops answering at once. */
export function DeleteFunctionUrlConfig(context: LambdaContext, input: Record<string, any>): null {
  const { fn, key } = target(context, input, NO_SUCH_URL);
  if (!fn.urls?.delete(key)) throw new ResourceNotFoundException(NO_SUCH_URL);
  return null;
}

/** ListFunctionUrlConfigs: the function's own URL and its aliases', by ARN, 50 at most a page. */
export function ListFunctionUrlConfigs(context: LambdaContext, input: Record<string, any>): Record<string, unknown> {
  const ref = parseFunctionName(input.FunctionName, context);
  const fn = context.state.functions.get(ref.name);
  if (!fn) throw new ResourceNotFoundException(NO_SUCH_FUNCTION);
  const all = [...(fn.urls ?? [])].map(([key, url]) => view(context, functionArn(context, fn.name, key === LATEST ? undefined : key), url));
  all.sort((a, b) => String(a.FunctionArn).localeCompare(String(b.FunctionArn)));
  const maxItems = optionalInteger(input.MaxItems, 'maxItems', 1, 50);
  const { page, NextMarker } = paginate(all, (item) => String(item.FunctionArn), input.Marker, maxItems);
  return { FunctionUrlConfigs: page, ...(NextMarker ? { NextMarker } : {}) };
}
