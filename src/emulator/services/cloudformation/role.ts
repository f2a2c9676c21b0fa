/**
 * A stack's service role (RoleARN of CreateStack, UpdateStack, CreateChangeSet, DeleteStack): the
 * role must trust cloudformation.amazonaws.com, and every operation CloudFormation makes for the
 * stack is then made as a session of that role, so the role's policies decide what the stack may
 * create, as on AWS. Operations the emulator's IAM checks for role sessions are checked as any
 * client's call is (policy/enforce.ts); the control-plane operations provisioning also makes are
 * authorized here as their IAM actions on the resource they name.
 */
import type { Emulator } from '../../emulator.ts';
import { AwsError } from '../../errors.ts';
import { authorizeCall } from '../../policy/enforce.ts';
import { neededFor } from '../../policy/actions.ts';
import { evaluate } from '../../policy/evaluate.ts';
import { modeFor } from '../../policy/mode.ts';
import { identityPolicies, principalKeys, principalOf, trustPolicy } from '../../policy/principal.ts';
import { refusalError, refusalMessage, type RefusedCall } from '../../policy/refusals.ts';
import { policyAllows } from '../../policy/resource-policy.ts';
import { accountOfArn, issueSession, roleNameOf, type RoleSession } from '../../policy/sessions.ts';
import { actionOf as s3ActionOf } from '../s3/actions.ts';
import { ValidationError } from './errors.ts';

/** The service principal a stack role must trust. */
const CLOUDFORMATION = 'cloudformation.amazonaws.com';

/** The session name CloudFormation's calls carry (CloudTrail shows them as this). */
const SESSION_NAME = 'AWSCloudFormation';

/** The role's session for the stack's operations; ValidationError when the role cannot be assumed by CloudFormation. */
export function stackRoleSession(emulator: Emulator, account: string, roleArn: string): RoleSession {
  const owner = accountOfArn(roleArn) ?? account;
  const trust = owner === account ? trustPolicy(emulator, owner, roleNameOf(roleArn)) : undefined;
  if (!trust || !policyAllows(trust.document, { principal: CLOUDFORMATION, action: 'sts:AssumeRole' })) {
    throw new ValidationError(`Role ${roleArn} is invalid or cannot be assumed`);
  }
  return issueSession(owner, trust.arn, SESSION_NAME, { stable: true, roleId: trust.roleId });
}

/** A RoleARN given to an operation, checked; undefined when none was given. */
export function checkedRoleArn(emulator: Emulator, account: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const roleArn = String(value);
  stackRoleSession(emulator, account, roleArn);
  return roleArn;
}

type Scope = { account: string; region: string };
const PREFIXES: Record<string, string> = { stepfunctions: 'states', apigatewayv2: 'apigateway' };
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The ARN of what a control-plane call acts on, from its input; `*` when the input names nothing the emulator can place. */
function resourceOf(service: string, operation: string, input: Record<string, any>, { account, region }: Scope): string {
  const arnOr = (value: unknown, build: (name: string) => string) => {
    const name = text(value);
    if (name === undefined) return '*';
    return name.startsWith('arn:') ? name : build(name);
  };
  switch (service) {
    case 'iam':
      if (input.PolicyArn && !input.RoleName) return String(input.PolicyArn);
      if (input.PolicyName && !input.RoleName) return `arn:aws:iam::${account}:policy${text(input.Path) ?? '/'}${String(input.PolicyName)}`;
      return arnOr(input.RoleName, (name) => `arn:aws:iam::${account}:role/${name}`);
    case 'lambda':
      if (input.FunctionName === undefined && input.UUID !== undefined) return `arn:aws:lambda:${region}:${account}:event-source-mapping:${String(input.UUID)}`;
      return arnOr(input.FunctionName, (name) => `arn:aws:lambda:${region}:${account}:function:${name}`);
    case 'dynamodb':
      return arnOr(input.TableName, (name) => `arn:aws:dynamodb:${region}:${account}:table/${name}`);
    case 'events': {
      const bus = text(input.EventBusName) ?? 'default';
      const rule = input.Rule ?? (/Rule$/.test(operation) ? input.Name : undefined);
      if (rule !== undefined) return arnOr(rule, (name) => `arn:aws:events:${region}:${account}:rule/${bus === 'default' ? '' : `${bus}/`}${name}`);
      return arnOr(input.Name, (name) => `arn:aws:events:${region}:${account}:event-bus/${name}`);
    }
    case 'logs':
      return arnOr(input.logGroupName, (name) => `arn:aws:logs:${region}:${account}:log-group:${name}`);
    case 'sns':
      return arnOr(input.TopicArn ?? input.SubscriptionArn ?? input.Name, (name) => `arn:aws:sns:${region}:${account}:${name}`);
    case 's3':
      return arnOr(input.Bucket, (name) => `arn:aws:s3:::${name}`);
    case 'stepfunctions':
      return arnOr(input.stateMachineArn ?? input.name, (name) => `arn:aws:states:${region}:${account}:stateMachine:${name}`);
    case 'ssm':
      return arnOr(input.Name, (name) => `arn:aws:ssm:${region}:${account}:parameter/${name.replace(/^\//, '')}`);
    case 'secretsmanager':
      return arnOr(input.SecretId ?? input.Name, (name) => `arn:aws:secretsmanager:${region}:${account}:secret:${name}-??????`);
    case 'apigatewayv2':
      return `arn:aws:apigateway:${region}::/apis${input.ApiId ? `/${String(input.ApiId)}` : ''}`;
    default:
      return '*';
  }
}

/** The IAM action of a control-plane call: API Gateway's are HTTP verbs, S3's its own names, the rest `prefix:Operation`. */
function actionOf(service: string, operation: string): string {
  if (service === 'apigatewayv2') return `apigateway:${/^Create/.test(operation) ? 'POST' : /^Update/.test(operation) ? 'PATCH' : /^Delete/.test(operation) ? 'DELETE' : 'GET'}`;
  if (service === 's3') return s3ActionOf(operation)?.action ?? `s3:${operation}`;
  return `${PREFIXES[service] ?? service}:${operation}`;
}

/** Throws AWS's AccessDenied answer when the stack's role may not make this call (per the emulator's --iam mode). */
export async function authorizeAsRole(emulator: Emulator, session: RoleSession, scope: Scope, service: string, operation: string, input: Record<string, any>): Promise<void> {
  const call = { service, operation, input, account: scope.account, region: scope.region, accessKeyId: session.accessKeyId };
  const refused = await authorizeCall(emulator, call);
  if (refused) throw refused;
  if (neededFor(service, operation, { account: scope.account, region: scope.region, input }) !== undefined) return;
  const setting = emulator.settings.iam;
  if (setting === 'off') return;
  const principal = principalOf(session.accessKeyId, scope.account);
  const mode = modeFor(setting, principal);
  if (mode === 'off') return;
  const action = actionOf(service, operation);
  const resource = resourceOf(service, operation, input, scope);
  const keys: Record<string, string> = { ...principalKeys(principal), 'aws:requestedregion': scope.region, 'aws:calledvia': CLOUDFORMATION };
  const evaluation = evaluate({ request: { principal: session.arn, action, resource, keys: (key) => keys[key] }, identityPolicies: identityPolicies(emulator, session.account, session.roleName) });
  if (evaluation.decision === 'Allow') return;
  const denied: RefusedCall = { principal: session.arn, action, resource, evaluation };
  const message = refusalMessage(denied);
  const enforced = mode === 'enforce';
  emulator.trace.record({
    account: scope.account,
    region: scope.region,
    kind: 'access-denied',
    target: resource,
    outcome: enforced ? 'refused' : 'delivered',
    reason: evaluation.decision,
    detail: enforced ? message : `${message} (reported only: the emulator runs with --iam report, so the call went through)`,
    iam: { action, resource, principal: session.arn, mode: enforced ? 'enforce' : 'report' },
  });
  // IAM answers in the query protocol's words, with 403, as its own refusals do.
  if (enforced) throw service === 'iam' ? new AwsError('AccessDenied', message, { status: 403, queryCode: 'AccessDenied' }) : refusalError(service, denied);
  emulator.log(`iam (report): ${message}`);
}
