/**
 * Policy documents as IAM checks them: identity policies (managed and inline) and role trust
 * policies, with AWS's messages in the order AWS reports them (grammar, version, legacy parsing,
 * then the rules below), and the size quotas, which IAM counts without white space.
 */
import { MalformedPolicyDocument, LimitExceeded } from './errors.ts';
import { PARTITIONS, checkLegacyParsing, listOf, parsePolicy, type PolicyDocument, type Statement } from './policy-grammar.ts';

/** The quota on one managed policy document, in characters without white space. */
export const MANAGED_POLICY_SIZE = 6144;
/** The quota on all of one role's inline policies together. */
export const ROLE_INLINE_POLICY_SIZE = 10240;
/** The quota on a role's trust policy. */
export const TRUST_POLICY_SIZE = 2048;

const IAM_PATHS = ['user/', 'federated-user/', 'role/', 'group/', 'instance-profile/', 'mfa/', 'server-certificate/', 'policy/', 'sms-mfa/', 'saml-provider/', 'oidc-provider/', 'report/', 'access-report/'];
const TRUST_ACTIONS = new Set(['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:SetSourceIdentity', 'sts:SetContext']);

/** How IAM measures a policy against its size quotas: white space does not count. */
export function policySize(text: string): number {
  return text.replace(/\s/g, '').length;
}

/**
 * Checks an identity policy. Managed policies (CreatePolicy, CreatePolicyVersion) must say
 * Version 2012-10-17, as AWS answers; inline policies may still use 2008-10-17 or leave it out.
 */
export function checkIdentityPolicy(text: string, kind: 'managed' | 'inline'): PolicyDocument {
  const document = parsePolicy(text, 'Syntax errors in policy.');
  if (kind === 'managed' && document.Version !== '2012-10-17') throw new MalformedPolicyDocument('Policy document must be version 2012-10-17 or greater.');
  checkLegacyParsing(document);
  checkUniqueSids(document.Statement);
  for (const statement of document.Statement) {
    if (statement.Principal !== undefined || statement.NotPrincipal !== undefined) throw new MalformedPolicyDocument('Policy document should not specify a principal.');
    if (listOf(statement.Action ?? statement.NotAction).length === 0) throw new MalformedPolicyDocument('Policy statement must contain actions.');
    if (listOf(statement.Resource ?? statement.NotResource).length === 0) throw new MalformedPolicyDocument('Policy statement must contain resources.');
  }
  for (const statement of document.Statement) {
    for (const resource of listOf(statement.Resource ?? statement.NotResource)) checkResource(resource);
  }
  for (const statement of document.Statement) {
    for (const action of listOf(statement.Action ?? statement.NotAction)) checkAction(action);
  }
  if (kind === 'managed' && policySize(text) > MANAGED_POLICY_SIZE) throw new LimitExceeded(`Cannot exceed quota for PolicySize: ${MANAGED_POLICY_SIZE}`);
  return document;
}

/** Checks a role's trust policy (AssumeRolePolicyDocument): who may assume the role, never on what. */
export function checkTrustPolicy(text: string): PolicyDocument {
  const document = parsePolicy(text, 'This policy contains invalid Json');
  checkLegacyParsing(document);
  checkUniqueSids(document.Statement);
  for (const statement of document.Statement) {
    if (statement.Resource !== undefined) throw new MalformedPolicyDocument('Has prohibited field Resource');
    if (statement.NotResource !== undefined) throw new MalformedPolicyDocument('Has prohibited field NotResource');
    if (statement.Principal === undefined && statement.NotPrincipal === undefined) throw new MalformedPolicyDocument('Missing required field Principal');
    const actions = listOf(statement.Action ?? statement.NotAction);
    if (actions.length === 0) throw new MalformedPolicyDocument('Policy statement must contain actions.');
    for (const action of actions) {
      if (action !== '*' && action !== 'sts:*' && !TRUST_ACTIONS.has(action)) throw new MalformedPolicyDocument('AssumeRole policy may only specify STS AssumeRole actions.');
    }
  }
  if (policySize(text) > TRUST_POLICY_SIZE) throw new LimitExceeded(`Cannot exceed quota for ACLSizePerRole: ${TRUST_POLICY_SIZE}`);
  return document;
}

function checkUniqueSids(statements: Statement[]): void {
  const seen = new Set<string>();
  for (const { Sid } of statements) {
    if (Sid === undefined || Sid === '') continue;
    if (seen.has(Sid)) throw new MalformedPolicyDocument('Statement IDs (SID) in a single policy must be unique.');
    seen.add(Sid);
  }
}

function checkAction(action: string): void {
  if (action === '*') return;
  const colons = action.split(':').length - 1;
  if (colons === 0) throw new MalformedPolicyDocument('Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
  if (colons > 1) throw new MalformedPolicyDocument('Actions/Condition can contain only one colon.');
  const vendor = action.slice(0, action.indexOf(':'));
  if (!/^[A-Za-z0-9.-]+$/.test(vendor)) throw new MalformedPolicyDocument(`Vendor ${vendor} is not valid`);
}

function checkResource(resource: string): void {
  if (resource === '*') return;
  if (!resource.includes(':')) throw new MalformedPolicyDocument(`Resource ${resource} must be in ARN format or "*".`);
  const parts = resource.split(':');
  // IAM reads the first part as "arn" whatever it says, and fills what is missing with "*".
  const shown = ['arn', ...parts.slice(1)];
  while (shown.length < 6) shown.push('*');
  const partition = parts[1]!;
  if (parts[0] !== 'arn' || !PARTITIONS.has(partition)) throw new MalformedPolicyDocument(`Partition "${partition}" is not valid for resource "${shown.join(':')}".`);
  if (parts.length < 3 || /[*?]/.test(parts[2]!)) throw new MalformedPolicyDocument('Resource vendor must be fully qualified and cannot contain regexes.');
  const [, , service, region = '', , ...rest] = parts;
  const path = rest.join(':');
  if (service === 'iam') {
    if (region !== '') throw new MalformedPolicyDocument(`IAM resource ${resource} cannot contain region information.`);
    if (parts.length >= 6 && path !== '*' && path !== 'root' && !IAM_PATHS.some((prefix) => path.startsWith(prefix))) {
      throw new MalformedPolicyDocument(`IAM resource path must either be "*", root, or start with ${IAM_PATHS.join(', ')}.`);
    }
  }
  if (service === 's3' && region !== '' && region !== '*') throw new MalformedPolicyDocument(`Resource ${resource} can not contain region information.`);
}
