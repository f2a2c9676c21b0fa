/**
 * Parameter names as Parameter Store reads them: the hierarchy rules a new name must meet, the
 * ARN form a reader may use instead of the name, and the `name:version` / `name:label` selectors.
 */
import { AccessDeniedException, HierarchyLevelLimitExceededException, ValidationException } from './errors.ts';

/** Who is asking: ARNs name the account and region. */
export interface Scope {
  account: string;
  region: string;
}

/** The deepest hierarchy AWS allows. */
export const MAX_LEVELS = 15;

const NAME_CHARACTERS = /^[a-zA-Z0-9_.\-/]+$/;

const BAD_NAME =
  'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';

/** AWS's words for a path that breaks the hierarchy rules (GetParametersByPath, Path filters). */
export const BAD_PATH =
  'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/". It can\'t be prefixed with "aws" or "ssm" (case-insensitive). It must use only letters, numbers, or the following symbols: . (period), - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if specified, must use the forward slash symbol "/". Valid example: /get/parameters2-/by1./path0_.';

/** Checks a name PutParameter would create, in the order AWS reports the problems. */
export function checkNewName(name: string): void {
  const bare = name.replace(/^\//, '').toLowerCase();
  const isPath = name.startsWith('/') && name.indexOf('/', 1) > 0;
  if (isPath && bare.startsWith('aws/')) throw new AccessDeniedException(name);
  if (bare.startsWith('aws') || bare.startsWith('ssm')) {
    throw new ValidationException(isPath ? BAD_NAME.replace('"aws" or "ssm"', '"ssm"') : 'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).');
  }
  if (!NAME_CHARACTERS.test(name) || name.includes('//') || (name.length > 1 && name.endsWith('/'))) throw new ValidationException(BAD_NAME);
  if (name.includes('/') && !name.startsWith('/')) throw new ValidationException('Parameter name must be a fully qualified name.');
  if (name.split('/').filter((level) => level !== '').length > MAX_LEVELS) throw new HierarchyLevelLimitExceededException();
}

/** Checks the Path of GetParametersByPath or of a Path filter. */
export function checkPath(path: string): string {
  const lower = path.toLowerCase();
  if (lower.startsWith('/aws') || lower.startsWith('/ssm')) {
    throw new ValidationException('Filters for common parameters can\'t be prefixed with "aws" or "ssm" (case-insensitive). When using global parameters, please specify within a global namespace.');
  }
  if (!path.startsWith('/') || path.includes('//') || !/^[a-zA-Z0-9_.\-/]*$/.test(path)) throw new ValidationException(BAD_PATH);
  return path.endsWith('/') ? path : `${path}/`;
}

/** A parameter's ARN: `parameter/name`, with a hierarchical name's own leading slash. */
export function parameterArn(name: string, scope: Scope): string {
  return `arn:aws:ssm:${scope.region}:${scope.account}:parameter${name.startsWith('/') ? '' : '/'}${name}`;
}

const ARN = /^arn:aws[\w-]*:ssm:([\w-]+):(\d{12}):parameter(\/.*)$/;

/** A name as a reader wrote it (the name, or its ARN), with the selector split off. */
export interface NameReference {
  name: string;
  /** What follows the last colon of a `name:selector`: a version number or a label. */
  selector?: string;
}

/** Reads a GetParameter(s) name: an ARN in the caller's account and region or a plain name, each with an optional selector. */
export function readReference(text: string, scope: Scope): NameReference {
  let rest = text;
  const arn = ARN.exec(text);
  if (arn && arn[1] === scope.region && arn[2] === scope.account) {
    const resource = arn[3]!;
    // `parameter/plain` names `plain`; `parameter/a/b` names `/a/b`.
    rest = resource.indexOf('/', 1) > 0 ? resource : resource.slice(1);
  }
  const colon = rest.lastIndexOf(':');
  if (colon <= 0) return { name: rest };
  return { name: rest.slice(0, colon), selector: rest.slice(colon + 1) };
}

/** The name without an ARN around it (DeleteParameter, history, labels take no selector). */
export function plainName(text: string, scope: Scope): string {
  const arn = ARN.exec(text);
  if (!arn || arn[1] !== scope.region || arn[2] !== scope.account) return text;
  const resource = arn[3]!;
  return resource.indexOf('/', 1) > 0 ? resource : resource.slice(1);
}

/** True when AWS refuses `label` for a version (it comes back in InvalidLabels). */
export function isInvalidLabel(label: string): boolean {
  const lower = label.toLowerCase();
  return label.length < 1 || label.length > 100 || lower.startsWith('aws') || lower.startsWith('ssm') || /^[0-9]/.test(label) || !/^[a-zA-Z0-9_.-]+$/.test(label);
}
