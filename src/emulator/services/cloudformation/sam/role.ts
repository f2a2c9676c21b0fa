/** The execution role SAM generates for a function (`<Fn>Role`) or a state machine (`<Machine>Role`). */
import type { TemplateResource } from '../template.ts';
import { expandPolicies } from './policies.ts';

/** The trust policy SAM writes for a service principal. */
export function assumeRolePolicy(service: string): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: [{ Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: [service] } }] };
}

/** What the role is made from. */
export interface RoleSpec {
  /** The function or state machine the role is for. */
  owner: string;
  logicalId: string;
  service: string;
  /** Managed policies SAM adds before the template's (AWSLambdaBasicExecutionRole, an event source's role). */
  managed: unknown[];
  policies: unknown;
  tags: Array<{ Key: string; Value: unknown }>;
  assumeRolePolicyDocument?: unknown;
  path?: unknown;
  condition?: string;
}

/** The AWS::IAM::Role resource: managed policy ARNs, then one inline `<Role>Policy<n>` per statement list or policy template. */
export function executionRole(spec: RoleSpec): TemplateResource {
  const { managed, inline } = expandPolicies(spec.owner, spec.logicalId, spec.policies);
  return {
    Type: 'AWS::IAM::Role',
    ...(spec.condition ? { Condition: spec.condition } : {}),
    Properties: {
      AssumeRolePolicyDocument: spec.assumeRolePolicyDocument ?? assumeRolePolicy(spec.service),
      ...(spec.managed.length + managed.length > 0 ? { ManagedPolicyArns: orderManaged(spec.managed, managed) } : {}),
      ...(inline.length > 0 ? { Policies: inline } : {}),
      ...(spec.path !== undefined ? { Path: spec.path } : {}),
      Tags: spec.tags,
    },
  };
}

/** SAM lists its own managed policies first, then the template's, without duplicates. */
function orderManaged(own: unknown[], all: unknown[]): unknown[] {
  const key = (value: unknown) => JSON.stringify(value);
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const arn of [...own, ...all]) {
    if (seen.has(key(arn))) continue;
    seen.add(key(arn));
    out.push(arn);
  }
  return out;
}
