/**
 * Whether one policy statement applies to a request: its Principal (resource and trust policies
 * only), Action or NotAction, Resource or NotResource, and Condition. Shared by identity,
 * resource and trust policies, so every policy in the emulator is read the same way.
 */
import { conditionsHold } from './conditions.ts';
import { actionMatches, listOf, resourceMatches, substitute, type KeyLookup } from './matching.ts';

/** One statement of a policy document, as written. */
export interface Statement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: unknown;
}

/** What a statement is matched against. */
export interface StatementRequest {
  /** A service principal (`events.amazonaws.com`), an account id, an IAM or STS ARN, or `anonymous`. */
  principal: string;
  action: string;
  /** The resource ARN; undefined when the operation names none (then Resource is not checked). */
  resource: string | undefined;
  keys: KeyLookup;
}

/** The principal of an unsigned request. */
export const ANONYMOUS = 'anonymous';

/** The statements of a policy (JSON text or parsed), empty for one that cannot be read. */
export function statementsOf(policy: string | { Statement?: unknown } | undefined): Statement[] {
  const document = typeof policy === 'string' ? parsed(policy) : policy;
  const raw = document?.Statement;
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return list.filter((statement): statement is Statement => typeof statement === 'object' && statement !== null);
}

const documents = new Map<string, { Statement?: unknown } | undefined>();

function parsed(text: string): { Statement?: unknown } | undefined {
  // Requests read the same few policies again and again: each text is parsed once.
  if (documents.has(text)) return documents.get(text);
  let document: { Statement?: unknown } | undefined;
  try {
    document = JSON.parse(text) as { Statement?: unknown };
  } catch {
    document = undefined;
  }
  if (documents.size > 2_000) documents.clear();
  documents.set(text, document);
  return document;
}

/** The ARNs a principal can be named by: an assumed-role session is also its role, and an account its root. */
export function principalNames(principal: string): string[] {
  const session = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(principal);
  if (session) return [principal, `arn:${session[1]}:iam::${session[2]}:role/${session[3]}`];
  return [principal];
}

function accountOf(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  return /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

/** True when a Principal element names the request's principal (`"*"`, a service, an account or its root, an ARN). */
export function principalMatches(element: unknown, wanted: string): boolean {
  if (element === '*') return true;
  if (typeof element !== 'object' || element === null) return false;
  const { Service, AWS } = element as { Service?: unknown; AWS?: unknown };
  if (wanted === ANONYMOUS) return listOf(AWS).includes('*');
  if (listOf(Service).includes(wanted)) return true;
  const account = accountOf(wanted);
  const names = principalNames(wanted);
  // A role named in a policy means every session of it; IAM compares the role's ARN without its path.
  return listOf(AWS).some((entry) =>
    entry === '*' || names.includes(entry) || names.some((name) => withoutPath(entry) === name)
    || (account !== undefined && (entry === account || entry === `arn:aws:iam::${account}:root`)));
}

/**
 * True when a Principal element names the principal itself (`"*"`, its service, its ARN or its
 * role's) rather than only its account: an account named in a resource policy delegates to that
 * account's identity policies, which must then allow too.
 */
export function namesPrincipalDirectly(element: unknown, wanted: string): boolean {
  if (element === '*') return true;
  if (typeof element !== 'object' || element === null) return false;
  const { Service, AWS } = element as { Service?: unknown; AWS?: unknown };
  if (listOf(Service).includes(wanted)) return true;
  const names = principalNames(wanted);
  return listOf(AWS).some((entry) => entry === '*' || names.includes(entry) || names.some((name) => withoutPath(entry) === name));
}

function withoutPath(arn: string): string {
  const role = /^(arn:aws[\w-]*:iam::\d{12}:role\/)(?:.*\/)?([^/]+)$/.exec(arn);
  return role ? `${role[1]}${role[2]}` : arn;
}

/** True when the statement applies; `withPrincipal` for resource and trust policies, whose statements name who. */
export function statementApplies(statement: Statement, request: StatementRequest, withPrincipal: boolean): boolean {
  if (withPrincipal) {
    if (statement.Principal !== undefined && !principalMatches(statement.Principal, request.principal)) return false;
    if (statement.NotPrincipal !== undefined && principalMatches(statement.NotPrincipal, request.principal)) return false;
    if (statement.Principal === undefined && statement.NotPrincipal === undefined) return false;
  }
  if (statement.Action !== undefined) {
    if (!listOf(statement.Action).some((pattern) => actionMatches(pattern, request.action))) return false;
  } else if (statement.NotAction !== undefined) {
    if (listOf(statement.NotAction).some((pattern) => actionMatches(pattern, request.action))) return false;
  } else {
    return false;
  }
  if (request.resource !== undefined) {
    const resource = request.resource;
    const matches = (patterns: unknown) => listOf(patterns).some((pattern) => {
      const filled = substitute(pattern, request.keys);
      return filled !== undefined && resourceMatches(filled, resource);
    });
    if (statement.Resource !== undefined && !matches(statement.Resource)) return false;
    if (statement.NotResource !== undefined && matches(statement.NotResource)) return false;
  }
  return conditionsHold(statement.Condition, request.keys);
}
