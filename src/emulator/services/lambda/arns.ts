/**
 * Function names as Lambda accepts them: a name, `name:qualifier`, a partial ARN
 * (`123456789012:function:name`) or a full ARN, each optionally qualified by a version or alias.
 */
import { InvalidParameterValueException, LambdaValidationException, ResourceNotFoundException } from './errors.ts';

/** The qualifier of the unpublished, editable version. */
export const LATEST = '$LATEST';

/** Who a request is scoped to. */
export interface Scope {
  account: string;
  region: string;
}

/** A function name resolved against the caller's account and region. */
export interface FunctionRef {
  name: string;
  qualifier: string | undefined;
}

const REFERENCE =
  /^(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?(?:([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d):)?(?:(\d{12}):)?(?:function:)?([a-zA-Z0-9_.-]+)(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/;

/** The pattern AWS quotes when a function name is malformed. */
export const FUNCTION_NAME_PATTERN =
  '(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?';

const QUALIFIER = /^[a-zA-Z0-9$_-]+$/;
const VERSION = /^[0-9]+$/;
const ALIAS = /^(?!^[0-9]+$)[a-zA-Z0-9_-]+$/;

/** The unqualified ARN of a function, or the qualified one when `qualifier` is given. */
export function functionArn(scope: Scope, name: string, qualifier?: string): string {
  const base = `arn:aws:lambda:${scope.region}:${scope.account}:function:${name}`;
  return qualifier ? `${base}:${qualifier}` : base;
}

/** True for a published version number like `3`. */
export function isVersionNumber(qualifier: string): boolean {
  return VERSION.test(qualifier);
}

/** True for a name that can only be an alias (not a number, not `$LATEST`). */
export function isAliasName(qualifier: string): boolean {
  return ALIAS.test(qualifier);
}

/** AWS's wording for one failed constraint of the service model. */
export function constraintMessage(value: unknown, member: string, constraint: string): string {
  const shown = value === undefined || value === null ? 'null' : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
  return `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`;
}

/** Checks a `Qualifier` query parameter against the model's pattern. */
export function checkQualifier(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || value.length > 128 || !QUALIFIER.test(value)) {
    throw new LambdaValidationException(constraintMessage(value, 'qualifier', 'Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)'));
  }
  return value;
}

/** Options of {@link parseFunctionName}. */
export interface ParseOptions {
  /** A separate `Qualifier` parameter, which must agree with one in the name. */
  qualifier?: unknown;
  /** CreateFunction reports a malformed plain name as InvalidParameterValueException and allows 64 characters. */
  creating?: boolean;
}

/** Resolves a FunctionName parameter for the caller; throws AWS's errors for malformed or foreign names. */
export function parseFunctionName(raw: unknown, scope: Scope, options: ParseOptions = {}): FunctionRef {
  if (typeof raw !== 'string' || raw === '') {
    throw new LambdaValidationException(constraintMessage(undefined, 'functionName', 'Member must not be null'));
  }
  const match = REFERENCE.exec(raw);
  if (!match || raw.length > 256 || (options.creating && raw.includes('.'))) {
    const message = constraintMessage(raw, 'functionName', `Member must satisfy regular expression pattern: ${FUNCTION_NAME_PATTERN}`);
    if (options.creating && !raw.includes(':')) throw new InvalidParameterValueException(message);
    throw new LambdaValidationException(message);
  }
  const [, region, account, name, fromName] = match as unknown as [string, string | undefined, string | undefined, string, string | undefined];
  if (name.length > 64) {
    const message = constraintMessage(name, 'functionName', 'Member must have length less than or equal to 64');
    if (options.creating) throw new InvalidParameterValueException(message);
    throw new LambdaValidationException(message);
  }
  if (region && region !== scope.region) {
    throw new ResourceNotFoundException(`Functions from '${region}' are not reachable in this region ('${scope.region}')`);
  }
  if (account && account !== scope.account) {
    // Cross-account access needs resource policies the emulator does not evaluate: the other account's functions stay invisible.
    throw new ResourceNotFoundException(`Function not found: ${functionArn({ account, region: region ?? scope.region }, name, fromName)}`);
  }
  const given = checkQualifier(options.qualifier);
  if (given && fromName && given !== fromName) {
    throw new InvalidParameterValueException('The derived qualifier from the function name does not match the specified qualifier.');
  }
  return { name, qualifier: given ?? fromName };
}
