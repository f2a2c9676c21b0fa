/**
 * AWS's answer to a call IAM refuses, in each service's words: the JSON services'
 * `AccessDeniedException`, S3's 403 `AccessDenied`, SQS's `AccessDenied` (query and JSON) and
 * SNS's `AuthorizationError`, each with IAM's sentence saying who, what, on what and why.
 */
import { AwsError } from '../errors.ts';
import type { Evaluation } from './evaluate.ts';

/** What was refused. */
export interface RefusedCall {
  principal: string;
  action: string;
  resource: string;
  evaluation: Evaluation;
  /** The resource belongs to another account: a resource-based policy had to allow too. */
  crossAccount?: boolean;
}

/** IAM's sentence for a refusal. */
export function refusalMessage(call: RefusedCall, quoteResource = false): string {
  const resource = quoteResource ? `"${call.resource}"` : call.resource;
  const head = `User: ${call.principal} is not authorized to perform: ${call.action} on resource: ${resource}`;
  if (call.evaluation.decision === 'ExplicitDeny') return `${head} with an explicit deny in ${call.evaluation.by === 'resource' ? 'a resource-based' : 'an identity-based'} policy`;
  return `${head} because no ${call.crossAccount ? 'resource-based' : 'identity-based'} policy allows the ${call.action} action`;
}

/** The error a refused call is answered with by `service`. */
export function refusalError(service: string, call: RefusedCall): AwsError {
  switch (service) {
    case 's3':
      return new AwsError('AccessDenied', refusalMessage(call, true), { status: 403 });
    case 'sqs':
      return new AwsError('AccessDenied', refusalMessage(call), { status: 403, queryCode: 'AccessDenied' });
    case 'sns':
      return new AwsError('AuthorizationError', refusalMessage(call), { status: 403 });
    case 'lambda':
      return new AwsError('AccessDeniedException', refusalMessage(call), { status: 403 });
    default:
      return new AwsError('AccessDeniedException', refusalMessage(call), { status: 400 });
  }
}
