/** Resource policies: AddPermission, RemovePermission and GetPolicy, one policy per function, version or alias. */
import { LATEST, functionArn, parseFunctionName } from './arns.ts';
import { InvalidParameterValueException, PolicyLengthExceededException, ResourceConflictException, ResourceNotFoundException } from './errors.ts';
import { checkRevision, getFunction, resolveQualifier, type FunctionRecord, type LambdaContext, type PolicyStatement } from './model.ts';
import { invalid } from './validation.ts';

const STATEMENT_ID = /^[a-zA-Z0-9_-]{1,100}$/;
const ACTION = /^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/;
const SOURCE_ARN = /^arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:([a-z]{2}(-gov)?-[a-z]+-\d{1})?:(\d{12})?:(.*)$/;
/** Lambda's limit on the size of one resource policy. */
const POLICY_LIMIT_BYTES = 20_480;

/** The revision a policy change is checked against: the alias's, the version's, or `$LATEST`'s. */
function revisionOf(context: LambdaContext, fn: FunctionRecord, qualifier: string | undefined): string {
  const { version, alias } = resolveQualifier(context, fn, qualifier);
  return alias ? alias.revisionId : version.revisionId;
}

/** Resolves the function and checks the qualifier names an existing version or alias. */
function target(context: LambdaContext, input: Record<string, any>): { fn: FunctionRecord; qualifier: string | undefined; key: string } {
  const ref = parseFunctionName(input.FunctionName, context, { qualifier: input.Qualifier });
  const fn = getFunction(context, ref.name);
  if (ref.qualifier !== undefined && ref.qualifier !== LATEST && !fn.versions.has(ref.qualifier) && !fn.aliases.has(ref.qualifier)) {
    const arn = functionArn(context, fn.name, ref.qualifier);
    throw new ResourceNotFoundException(/^\d+$/.test(ref.qualifier) ? `Function not found: ${arn}` : `Cannot find alias arn: ${arn}`);
  }
  return { fn, qualifier: ref.qualifier, key: ref.qualifier ?? LATEST };
}

/** The Principal element for what AddPermission was given. */
function principalElement(principal: string): PolicyStatement['Principal'] {
  if (principal === '*') return '*';
  if (principal.endsWith('.amazonaws.com') || principal.endsWith('.amazonaws.com.cn')) return { Service: principal };
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (/^arn:aws[a-zA-Z-]*:iam::\d{12}:/.test(principal)) return { AWS: principal };
  throw new InvalidParameterValueException('The provided principal was invalid. Please check the principal and try again.');
}

function required(value: unknown, member: string): string {
  if (typeof value !== 'string' || value === '') throw invalid(undefined, member, 'Member must not be null');
  return value;
}

/** Builds the statement, with conditions in the order and spelling GetPolicy shows them. */
function buildStatement(input: Record<string, any>, resource: string): PolicyStatement {
  const sid = required(input.StatementId, 'statementId');
  if (!STATEMENT_ID.test(sid)) throw invalid(sid, 'statementId', 'Member must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)');
  const action = required(input.Action, 'action');
  if (!ACTION.test(action)) throw invalid(action, 'action', 'Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])');
  const principal = required(input.Principal, 'principal');
  if (/\s/.test(principal)) throw invalid(principal, 'principal', 'Member must satisfy regular expression pattern: [^\\s]+');
  const statement: PolicyStatement = { Sid: sid, Effect: 'Allow', Principal: principalElement(principal), Action: action, Resource: resource };
  const equals: Record<string, string> = {};
  if (input.FunctionUrlAuthType !== undefined) equals['lambda:FunctionUrlAuthType'] = String(input.FunctionUrlAuthType);
  if (input.PrincipalOrgID !== undefined) equals['aws:PrincipalOrgID'] = String(input.PrincipalOrgID);
  if (input.SourceAccount !== undefined) {
    if (typeof input.SourceAccount !== 'string' || !/^\d{12}$/.test(input.SourceAccount)) {
      throw invalid(input.SourceAccount, 'sourceAccount', 'Member must satisfy regular expression pattern: \\d{12}');
    }
    equals['AWS:SourceAccount'] = input.SourceAccount;
  }
  if (input.EventSourceToken !== undefined) equals['lambda:EventSourceToken'] = String(input.EventSourceToken);
  const condition: Record<string, Record<string, string>> = {};
  if (Object.keys(equals).length > 0) condition.StringEquals = equals;
  if (input.SourceArn !== undefined) {
    if (typeof input.SourceArn !== 'string' || !SOURCE_ARN.test(input.SourceArn)) {
      throw invalid(input.SourceArn, 'sourceArn', 'Member must satisfy regular expression pattern: arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)');
    }
    condition.ArnLike = { 'AWS:SourceArn': input.SourceArn };
  }
  if (input.InvokedViaFunctionUrl === true) condition.Bool = { 'lambda:InvokedViaFunctionUrl': 'true' };
  if (Object.keys(condition).length > 0) statement.Condition = condition;
  return statement;
}

function policyDocument(statements: PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: statements });
}

/** AddPermission: one statement, unique by Sid within its function, version or alias. */
export function AddPermission(context: LambdaContext, input: Record<string, any>): Record<string, unknown> {
  const { fn, qualifier, key } = target(context, input);
  if (qualifier === LATEST) throw new InvalidParameterValueException('We currently do not support adding policies for $LATEST.');
  checkRevision(input.RevisionId, revisionOf(context, fn, qualifier));
  const statement = buildStatement(input, functionArn(context, fn.name, qualifier));
  const statements = fn.policies.get(key) ?? [];
  if (statements.some((existing) => existing.Sid === statement.Sid)) {
    throw new ResourceConflictException(
      `The statement id (${statement.Sid}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
    );
  }
  const size = Buffer.byteLength(policyDocument([...statements, statement]));
  if (size > POLICY_LIMIT_BYTES) throw new PolicyLengthExceededException(`The final policy size (${size}) is bigger than the limit (${POLICY_LIMIT_BYTES}).`);
  fn.policies.set(key, [...statements, statement]);
  return { Statement: JSON.stringify(statement) };
}

/** RemovePermission. */
export function RemovePermission(context: LambdaContext, input: Record<string, any>): null {
  const { fn, qualifier, key } = target(context, input);
  const statements = fn.policies.get(key);
  if (!statements) throw new ResourceNotFoundException('No policy is associated with the given resource.');
  if (!statements.some((statement) => statement.Sid === input.StatementId)) {
    throw new ResourceNotFoundException(`Statement ${String(input.StatementId)} is not found in resource policy.`);
  }
  checkRevision(input.RevisionId, revisionOf(context, fn, qualifier));
  const left = statements.filter((statement) => statement.Sid !== input.StatementId);
  if (left.length > 0) fn.policies.set(key, left);
  else fn.policies.delete(key);
  return null;
}

/** GetPolicy: the policy document as JSON text, as AWS returns it. */
export function GetPolicy(context: LambdaContext, input: Record<string, any>): Record<string, unknown> {
  const { fn, qualifier, key } = target(context, input);
  const statements = fn.policies.get(key);
  if (!statements) throw new ResourceNotFoundException('The resource you requested does not exist.');
  return { Policy: policyDocument(statements), RevisionId: revisionOf(context, fn, qualifier) };
}
