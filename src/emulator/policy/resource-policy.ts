/**
 * Evaluating a resource-based policy (a Lambda function's, a queue's, an event bus's, a bucket's)
 * for one request, with the one evaluator every policy in the emulator goes through
 * (statements.ts): an explicit Deny wins, then an applying Allow; nothing applying is no.
 */
import { type KeyLookup } from './matching.ts';
import { ANONYMOUS, statementApplies, statementsOf, type StatementRequest } from './statements.ts';

export { ANONYMOUS };

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
  keys?: Record<string, string | string[] | undefined>;
}

/** The condition keys of a request, looked up by lower-case name. */
export function keysOf(request: PolicyRequest): KeyLookup {
  return (key) => {
    switch (key) {
      case 'aws:sourcearn':
        return request.sourceArn;
      case 'aws:sourceaccount':
        return request.sourceAccount ?? /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(request.sourceArn ?? '')?.[1];
      case 'lambda:functionurlauthtype':
        return request.functionUrlAuthType;
      case 'lambda:invokedviafunctionurl':
        return request.invokedViaFunctionUrl === undefined ? undefined : String(request.invokedViaFunctionUrl);
      default:
        return request.keys?.[key];
    }
  };
}

/** The request as the statement matcher reads it. */
export function statementRequest(request: PolicyRequest): StatementRequest {
  return { principal: request.principal, action: request.action ?? 'lambda:InvokeFunction', resource: request.resource, keys: keysOf(request) };
}

/** True when a resource policy (GetPolicy's JSON text or the parsed document) allows the request and nothing denies it. */
export function policyAllows(policy: string | { Statement?: unknown } | undefined, request: PolicyRequest): boolean {
  return policyDecision(policy, request) === 'Allow';
}

/** What a resource policy says of a request: an explicit 'Deny', an 'Allow', or nothing (undefined) when no statement applies. */
export function policyDecision(policy: string | { Statement?: unknown } | undefined, request: PolicyRequest): 'Allow' | 'Deny' | undefined {
  const asked = statementRequest(request);
  const applying = statementsOf(policy).filter((statement) => statementApplies(statement, asked, true));
  if (applying.some((statement) => statement.Effect === 'Deny')) return 'Deny';
  return applying.some((statement) => statement.Effect === 'Allow') ? 'Allow' : undefined;
}

