/** A function's or state machine's Policies: managed policy names and ARNs, policy documents and policy templates. */
import { InvalidSamResource, unsupported } from './errors.ts';
import { fillTemplate, POLICY_TEMPLATES } from './policy-templates.ts';

/** AWS managed policies SAM knows by name whose path is not `/`. */
const SERVICE_ROLE_POLICIES = new Set(['AWSLambdaBasicExecutionRole', 'AWSLambdaSQSQueueExecutionRole', 'AWSLambdaDynamoDBExecutionRole', 'AWSLambdaKinesisExecutionRole', 'AWSLambdaVPCAccessExecutionRole', 'AWSLambdaRole']);

/** The ARN of an AWS managed policy given by name. */
export function managedPolicyArn(name: string): string {
  if (name.startsWith('arn:')) return name;
  return `arn:aws:iam::aws:policy/${SERVICE_ROLE_POLICIES.has(name) ? 'service-role/' : ''}${name}`;
}

const isMap = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isIntrinsic = (value: Record<string, unknown>) => Object.keys(value).length === 1 && /^(Ref|Fn::.+)$/.test(Object.keys(value)[0]!);

/** Managed policy ARNs and inline policies (`<Role>Policy<index>`, by position in the list) from a Policies value. */
export function expandPolicies(owner: string, roleId: string, policies: unknown): { managed: unknown[]; inline: Array<{ PolicyName: string; PolicyDocument: unknown }> } {
  const list = policies === undefined ? [] : Array.isArray(policies) ? policies : [policies];
  const managed: unknown[] = [];
  const inline: Array<{ PolicyName: string; PolicyDocument: unknown }> = [];
  list.forEach((policy, index) => {
    const PolicyName = `${roleId}Policy${index}`;
    if (typeof policy === 'string') managed.push(managedPolicyArn(policy));
    else if (isMap(policy) && isIntrinsic(policy)) managed.push(policy);
    else if (isMap(policy) && policy.Statement !== undefined) inline.push({ PolicyName, PolicyDocument: policy });
    else if (isMap(policy) && Object.keys(policy).length === 1) inline.push({ PolicyName, PolicyDocument: { Statement: policyTemplate(owner, Object.keys(policy)[0]!, Object.values(policy)[0]) } });
    else throw new InvalidSamResource(owner, `Policies entry ${index} is neither a managed policy name or ARN, a policy document with Statement, nor a policy template such as { DynamoDBCrudPolicy: { TableName: !Ref Orders } }.`);
  });
  return { managed, inline };
}

/** The statements of one policy template, its parameters filled in. */
function policyTemplate(owner: string, name: string, given: unknown): unknown[] {
  const template = POLICY_TEMPLATES[name];
  if (!template) throw unsupported(owner, `The policy template '${name}'`, `Supported templates: ${Object.keys(POLICY_TEMPLATES).join(', ')}; or give the statements as a policy document { Statement: [...] }.`);
  const values = isMap(given) ? given : {};
  const missing = template.parameters.filter((parameter) => values[parameter] === undefined);
  if (missing.length > 0) throw new InvalidSamResource(owner, `Missing parameter(s) [${missing.join(', ')}] for policy template '${name}': give them as { ${name}: { ${missing.map((parameter) => `${parameter}: ...`).join(', ')} } }.`);
  return fillTemplate(template.statements, values) as unknown[];
}
