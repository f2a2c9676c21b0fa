/**
 * AWS's policy evaluation logic for one request: an explicit Deny in any policy wins; then, in the
 * principal's own account, an Allow in an identity-based policy or in the resource's policy is
 * enough; across accounts both must allow. An account's root needs no identity policy. Nothing
 * that allows is an implicit deny. (Organizations' SCPs, permissions boundaries and session
 * policies are not emulated.)
 */
import { namesPrincipalDirectly, statementApplies, statementsOf, type Statement, type StatementRequest } from './statements.ts';

/** A policy document as JSON text or parsed. */
export type PolicyText = string | { Statement?: unknown };

/** What is evaluated for one request. */
export interface EvaluationInput {
  request: StatementRequest;
  /** The principal's identity-based policies (a role's inline and attached managed ones). */
  identityPolicies?: readonly PolicyText[];
  /** The resource's own policy (a function's, a queue's, a bucket's), when it has one. */
  resourcePolicy?: PolicyText | undefined;
  /** The principal is its account's root user: allowed what no policy denies. */
  root?: boolean;
  /** The resource belongs to another account than the principal's. */
  crossAccount?: boolean;
}

/** The outcome, with what decided it (for AWS's wording of a refusal). */
export interface Evaluation {
  decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  /** Which kind of policy holds the explicit Deny, or the Allow. */
  by?: 'identity' | 'resource' | 'root';
  /** The Sid of the statement that decided, when it has one. */
  sid?: string;
}

function applying(policies: readonly PolicyText[], request: StatementRequest, withPrincipal: boolean): Statement[] {
  const found: Statement[] = [];
  for (const policy of policies) for (const statement of statementsOf(policy)) if (statementApplies(statement, request, withPrincipal)) found.push(statement);
  return found;
}

const sidOf = (statement: Statement | undefined) => (statement?.Sid ? { sid: statement.Sid } : {});

/** Evaluates the request against every policy that bears on it. */
export function evaluate(input: EvaluationInput): Evaluation {
  const identity = applying(input.identityPolicies ?? [], input.request, false);
  const resource = input.resourcePolicy === undefined ? [] : applying([input.resourcePolicy], input.request, true);
  const identityDeny = identity.find((statement) => statement.Effect === 'Deny');
  if (identityDeny) return { decision: 'ExplicitDeny', by: 'identity', ...sidOf(identityDeny) };
  const resourceDeny = resource.find((statement) => statement.Effect === 'Deny');
  if (resourceDeny) return { decision: 'ExplicitDeny', by: 'resource', ...sidOf(resourceDeny) };
  const identityAllow = identity.find((statement) => statement.Effect === 'Allow');
  // A statement that names only the principal's account grants nothing by itself to a role in it.
  const resourceAllow = resource.find((statement) => statement.Effect === 'Allow' && (input.root === true || namesPrincipalDirectly(statement.Principal, input.request.principal)));
  const identityAllows = input.root === true || identityAllow !== undefined;
  if (input.crossAccount) {
    const trusting = resource.find((statement) => statement.Effect === 'Allow');
    return identityAllows && trusting ? { decision: 'Allow', by: 'resource', ...sidOf(trusting) } : { decision: 'ImplicitDeny' };
  }
  if (resourceAllow) return { decision: 'Allow', by: 'resource', ...sidOf(resourceAllow) };
  if (identityAllow) return { decision: 'Allow', by: 'identity', ...sidOf(identityAllow) };
  if (input.root) return { decision: 'Allow', by: 'root' };
  return { decision: 'ImplicitDeny' };
}
