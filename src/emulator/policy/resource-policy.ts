/**
 * Evaluating a resource-based policy (a Lambda function's, a queue's, an event bus's, a bucket's)
 * for one request: an explicit Deny wins, then an applying Allow; nothing applying is no.
 */
/** Who wants to do what, as IAM's request context would say. */
export interface PolicyRequest {
  /**
   * A service principal like `events.amazonaws.com`, a 12-digit account id, an IAM ARN, or
   * `anonymous` for an unsigned request (which only `"*"` principals match).
   */
  principal: string;
  /** The action, like `sqs:SendMessage`; defaults to `lambda:InvokeFunction`. */
  action?: string;
  /** `aws:SourceArn`, like the rule ARN that triggers the invocation. */
  sourceArn?: string;
  /** `aws:SourceAccount`. */
  sourceAccount?: string;
  /** The function ARN being invoked; statements for other resources do not apply when given. */
  resource?: string;
  /** `lambda:FunctionUrlAuthType` of a request through a function URL (`NONE` or `AWS_IAM`). */
  functionUrlAuthType?: string;
  /** `lambda:InvokedViaFunctionUrl`: true when the invocation comes through a function URL. */
  invokedViaFunctionUrl?: boolean;
  /** More condition keys of the request, by lower-case name (`aws:securetransport`, `aws:principalaccount`, `s3:prefix`). */
  keys?: Record<string, string | undefined>;
}

interface Statement {
  Effect?: string;
  Principal?: unknown;
  Action?: unknown;
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** `*` and `?` wildcards, as IAM's Like operators and Action/Resource matching use them. */
function wildcard(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** The principal of an unsigned request. */
export const ANONYMOUS = 'anonymous';

function principalMatches(principal: unknown, wanted: string): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  const { Service, AWS } = principal as { Service?: unknown; AWS?: unknown };
  if (wanted === ANONYMOUS) return list(AWS).includes('*');
  if (list(Service).includes(wanted)) return true;
  const account = /^\d{12}$/.test(wanted) ? wanted : /^arn:aws[\w-]*:iam::(\d{12}):/.exec(wanted)?.[1];
  return list(AWS).some((entry) => entry === '*' || entry === wanted || (account !== undefined && (entry === account || entry === `arn:aws:iam::${account}:root`)));
}

function contextValue(request: PolicyRequest, key: string): string | undefined {
  switch (key.toLowerCase()) {
    case 'aws:sourcearn':
      return request.sourceArn;
    case 'aws:sourceaccount':
      return request.sourceAccount ?? /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(request.sourceArn ?? '')?.[1];
    case 'lambda:functionurlauthtype':
      return request.functionUrlAuthType;
    case 'lambda:invokedviafunctionurl':
      return request.invokedViaFunctionUrl === undefined ? undefined : String(request.invokedViaFunctionUrl);
    default:
      return request.keys?.[key.toLowerCase()];
  }
}

/** IAM condition operators Lambda policies use; unknown operators never match. */
function operatorHolds(operator: string, actual: string | undefined, expected: string[]): boolean {
  const negated = /Not/.test(operator);
  if (actual === undefined) return negated;
  const base = operator.replace('IfExists', '').replace('Not', '');
  let matched: boolean;
  if (base === 'StringEquals' || base === 'ArnEquals') matched = expected.includes(actual);
  else if (base === 'StringEqualsIgnoreCase') matched = expected.some((value) => value.toLowerCase() === actual.toLowerCase());
  else if (base === 'StringLike' || base === 'ArnLike') matched = expected.some((value) => wildcard(value, actual));
  else if (base === 'Bool') matched = expected.some((value) => value.toLowerCase() === actual.toLowerCase());
  else return false;
  return negated ? !matched : matched;
}

function conditionsHold(condition: Statement['Condition'], request: PolicyRequest): boolean {
  for (const [operator, entries] of Object.entries(condition ?? {})) {
    if (typeof entries !== 'object' || entries === null) return false;
    for (const [key, values] of Object.entries(entries)) {
      if (!operatorHolds(operator, contextValue(request, key), list(values))) return false;
    }
  }
  return true;
}

function statementApplies(statement: Statement, request: PolicyRequest): boolean {
  const action = request.action ?? 'lambda:InvokeFunction';
  if (!principalMatches(statement.Principal, request.principal)) return false;
  if (!list(statement.Action).some((pattern) => wildcard(pattern, action, true))) return false;
  if (request.resource && statement.Resource !== undefined && !list(statement.Resource).some((pattern) => wildcard(pattern, request.resource!))) return false;
  return conditionsHold(statement.Condition, request);
}

/** True when a resource policy (GetPolicy's JSON text or the parsed document) allows the request and nothing denies it. */
export function policyAllows(policy: string | { Statement?: unknown } | undefined, request: PolicyRequest): boolean {
  return policyDecision(policy, request) === 'Allow';
}

/** What a resource policy says of a request: an explicit 'Deny', an 'Allow', or nothing (undefined) when no statement applies. */
export function policyDecision(policy: string | { Statement?: unknown } | undefined, request: PolicyRequest): 'Allow' | 'Deny' | undefined {
  let document: { Statement?: unknown } | undefined;
  try {
    document = typeof policy === 'string' ? (JSON.parse(policy) as { Statement?: unknown }) : policy;
  } catch {
    return undefined;
  }
  const statements = (Array.isArray(document?.Statement) ? document.Statement : document?.Statement ? [document.Statement] : []) as Statement[];
  const applying = statements.filter((statement) => typeof statement === 'object' && statement !== null && statementApplies(statement, request));
  if (applying.some((statement) => statement.Effect === 'Deny')) return 'Deny';
  return applying.some((statement) => statement.Effect === 'Allow') ? 'Allow' : undefined;
}
