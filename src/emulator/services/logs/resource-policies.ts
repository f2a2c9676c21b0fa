/**
 * CloudWatch Logs resource policies of an account and region (PutResourcePolicy,
 * DescribeResourcePolicies, DeleteResourcePolicy): the policies that let AWS services such as
 * Route 53 or EventBridge write to log groups. Kept and listed as AWS does, at most ten per region;
 * the emulator does not consult them, as its services write logs through their own API calls.
 */
import type { OperationContext } from '../../types.ts';
import { InvalidParameterException, LimitExceededException, ResourceNotFoundException } from './errors.ts';
import { optionalInteger, pageOf, validationMessage, type LogsState, type ResourcePolicy } from './model.ts';

type Input = Record<string, unknown>;
type Context = OperationContext<LogsState>;

/** An account has at most this many resource policies per region. */
export const MAX_RESOURCE_POLICIES = 10;
/** The longest policy document, in characters, as the service model has it. */
const MAX_DOCUMENT = 51_200;

function policiesOf(state: LogsState): Map<string, ResourcePolicy> {
  state.resourcePolicies ??= new Map();
  return state.resourcePolicies;
}

function view(policy: ResourcePolicy): Record<string, unknown> {
  return { ...policy, policyScope: 'ACCOUNT' };
}

function policyName(value: unknown): string {
  if (value === undefined || value === null) throw new InvalidParameterException(validationMessage(value, 'policyName', 'Member must not be null'));
  if (typeof value !== 'string' || value === '') throw new InvalidParameterException(validationMessage(value, 'policyName', 'Member must have length greater than or equal to 1'));
  return value;
}

function resourceScoped(input: Input): never {
  throw new InvalidParameterException(
    `Resource-scoped policies (resourceArn ${String(input.resourceArn)}) are not emulated: put an account-scoped policy by leaving resourceArn out.`,
  );
}

/** PutResourcePolicy: creates or replaces an account-scoped policy. */
export function putResourcePolicy(input: Input, { state }: Context) {
  if (input.resourceArn !== undefined) resourceScoped(input);
  const name = policyName(input.policyName);
  const document = input.policyDocument;
  if (typeof document !== 'string' || document.length < 1) throw new InvalidParameterException(validationMessage(document, 'policyDocument', 'Member must have length greater than or equal to 1'));
  if (document.length > MAX_DOCUMENT) throw new InvalidParameterException(validationMessage(`${document.length} characters`, 'policyDocument', `Member must have length less than or equal to ${MAX_DOCUMENT}`));
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !('Statement' in parsed)) {
    throw new InvalidParameterException('Policy document is not valid JSON with a Statement: write it as {"Version":"2012-10-17","Statement":[...]}.');
  }
  const policies = policiesOf(state);
  if (!policies.has(name) && policies.size >= MAX_RESOURCE_POLICIES) throw new LimitExceededException();
  const policy: ResourcePolicy = { policyName: name, policyDocument: document, lastUpdatedTime: Date.now() };
  policies.set(name, policy);
  return { resourcePolicy: view(policy) };
}

/** DescribeResourcePolicies: the account's policies in the order they were first put, in pages. */
export function describeResourcePolicies(input: Input, { state }: Context) {
  if (input.resourceArn !== undefined) resourceScoped(input);
  if (input.policyScope !== undefined && input.policyScope !== 'ACCOUNT' && input.policyScope !== 'RESOURCE') {
    throw new InvalidParameterException(validationMessage(input.policyScope, 'policyScope', 'Member must satisfy enum value set: [ACCOUNT, RESOURCE]'));
  }
  const limit = optionalInteger(input.limit, 'limit', 1, 50) ?? 50;
  const all = input.policyScope === 'RESOURCE' ? [] : [...policiesOf(state).values()];
  const { items, nextToken } = pageOf(all, input.nextToken, limit);
  return { resourcePolicies: items.map(view), ...(nextToken ? { nextToken } : {}) };
}

/** DeleteResourcePolicy. */
export function deleteResourcePolicy(input: Input, { state }: Context): Record<string, never> {
  if (input.resourceArn !== undefined) resourceScoped(input);
  const name = policyName(input.policyName);
  if (!policiesOf(state).delete(name)) throw new ResourceNotFoundException(`Policy with name [${name}] does not exist.`);
  return {};
}
