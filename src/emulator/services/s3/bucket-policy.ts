/**
 * Bucket policies: PutBucketPolicy checks the document as S3 does (MalformedPolicy in S3's words:
 * JSON, Version, Statement, Effect, Principal, S3 actions, resources of this bucket, roles that
 * exist) and keeps its text as sent; GetBucketPolicy answers that text; DeleteBucketPolicy is 204
 * with or without one; GetBucketPolicyStatus says whether the policy makes the bucket public.
 * What a policy allows is enforced in authorize.ts.
 */
import { rawResult } from '../../protocols/codec.ts';
import { isS3Action } from './actions.ts';
import { findBucket, type S3Call } from './context.ts';
import { MalformedPolicy, NoSuchBucketPolicy } from './errors.ts';

type Statement = Record<string, unknown>;

const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

// Actions on objects (`bucket/key` resources); every other S3 action is on the bucket.
const OBJECT_ACTION = /^s3:(GetObject|PutObject|DeleteObject|AbortMultipartUpload|ListMultipartUploadParts|RestoreObject|ReplicateObject|ReplicateDelete|ReplicateTags)/i;


function wildcard(pattern: string, value: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(value);
}

/** The roles a policy names as principals, so PutBucketPolicy can ask IAM whether they exist. */
function rolesOf(statements: Statement[]): Array<{ account: string; name: string }> {
  const roles: Array<{ account: string; name: string }> = [];
  for (const statement of statements) {
    const principal = statement.Principal;
    if (typeof principal !== 'object' || principal === null) continue;
    for (const entry of list((principal as Record<string, unknown>).AWS)) {
      const found = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(String(entry));
      if (found) roles.push({ account: found[1]!, name: found[2]! });
    }
  }
  return roles;
}

function checkPrincipal(principal: unknown): void {
  if (principal === '*') return;
  if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) throw new MalformedPolicy('Invalid principal in policy');
  const entries = Object.entries(principal as Record<string, unknown>);
  if (entries.length === 0) throw new MalformedPolicy('Invalid principal in policy');
  for (const [kind, values] of entries) {
    const items = list(values);
    if (items.length === 0 || items.some((item) => typeof item !== 'string')) throw new MalformedPolicy('Invalid principal in policy');
    const valid = (item: string): boolean => {
      if (kind === 'AWS') return item === '*' || /^\d{12}$/.test(item) || /^arn:aws:(iam::(\d{12}|aws):(root|user\/.+|role\/.+)|sts::\d{12}:assumed-role\/.+\/.+)$/.test(item);
      if (kind === 'Service') return /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(item);
      if (kind === 'CanonicalUser') return /^[0-9a-f]{64}$/.test(item);
      return kind === 'Federated' && item.length > 0;
    };
    if (!(items as string[]).every(valid)) throw new MalformedPolicy('Invalid principal in policy');
  }
}

function checkStatement(statement: unknown, bucket: string): void {
  if (typeof statement !== 'object' || statement === null || Array.isArray(statement)) throw new MalformedPolicy('This policy contains invalid Json');
  const item = statement as Statement;
  if (item.Effect === undefined) throw new MalformedPolicy('Missing required field Effect');
  if (item.Effect !== 'Allow' && item.Effect !== 'Deny') throw new MalformedPolicy(`Invalid effect: ${String(item.Effect)}`);
  if (item.Principal === undefined && item.NotPrincipal === undefined) throw new MalformedPolicy('Missing required field Principal');
  checkPrincipal(item.Principal ?? item.NotPrincipal);
  if (item.Action === undefined && item.NotAction === undefined) throw new MalformedPolicy('Missing required field Action');
  const actions = list(item.Action ?? item.NotAction);
  if (actions.length === 0 || actions.some((action) => typeof action !== 'string' || !isS3Action(action))) throw new MalformedPolicy('Policy has invalid action');
  if (item.Resource === undefined && item.NotResource === undefined) throw new MalformedPolicy('Missing required field Resource');
  const resources = list(item.Resource ?? item.NotResource);
  for (const resource of resources) {
    const found = typeof resource === 'string' ? /^arn:aws:s3:::([^/]+)(\/.*)?$/.exec(resource) : null;
    if (resource !== '*' && (!found || !wildcard(found[1]!, bucket))) throw new MalformedPolicy('Policy has invalid resource');
  }
  if (item.Action === undefined || item.Resource === undefined) return;
  const objects = resources.some((resource) => resource === '*' || String(resource).includes('/'));
  const buckets = resources.some((resource) => resource === '*' || !String(resource).includes('/') || String(resource).endsWith(':::*'));
  for (const action of actions as string[]) {
    if (/[*?]/.test(action)) continue;
    const onObject = OBJECT_ACTION.test(action);
    if ((onObject && !objects) || (!onObject && !buckets)) throw new MalformedPolicy('Action does not apply to any resource(s) in statement');
  }
}

/** The statements of a policy text S3 accepts for `bucket`; MalformedPolicy, in S3's words, otherwise. */
export function checkBucketPolicy(text: string, bucket: string): Statement[] {
  if (!text.trimStart().startsWith('{')) throw new MalformedPolicy("Policies must be valid JSON and the first byte must be '{'");
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new MalformedPolicy('This policy contains invalid Json');
  }
  const { Version: version, Statement: statement } = document as Record<string, unknown>;
  if (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17') throw new MalformedPolicy('The policy must contain a valid version string');
  if (statement === undefined) throw new MalformedPolicy('Missing required field Statement');
  const statements = list(statement);
  if (statements.length === 0) throw new MalformedPolicy('Could not parse the policy: Statement is empty!');
  for (const item of statements) checkStatement(item, bucket);
  return statements as Statement[];
}

/** PutBucketPolicy: 204 once the document is checked; a role it names must exist. */
export async function PutBucketPolicy(call: S3Call) {
  const bucket = findBucket(call);
  const text = call.body.toString('utf8');
  const statements = checkBucketPolicy(text, bucket.name);
  for (const role of rolesOf(statements)) {
    const known = await call.emulator.call('iam', 'GetRole', { RoleName: role.name }, { account: role.account }).then(() => true, () => false);
    if (!known) throw new MalformedPolicy('Invalid principal in policy');
  }
  bucket.policy = text;
  return rawResult({ status: 204 });
}

/** GetBucketPolicy: the policy's text exactly as it was put. */
export function GetBucketPolicy(call: S3Call) {
  const bucket = findBucket(call);
  if (bucket.policy === undefined) throw new NoSuchBucketPolicy(bucket.name);
  return rawResult({ headers: { 'content-type': 'application/json' }, body: bucket.policy });
}

/** DeleteBucketPolicy: 204, whether or not the bucket had a policy. */
export function DeleteBucketPolicy(call: S3Call) {
  delete findBucket(call).policy;
  return rawResult({ status: 204 });
}

/** True when a policy allows everyone (`"*"`) something without a condition narrowing who. */
export function isPublicPolicy(text: string): boolean {
  const statements = list((JSON.parse(text) as Record<string, unknown>).Statement) as Statement[];
  return statements.some((statement) => {
    if (statement.Effect !== 'Allow' || statement.Condition !== undefined) return false;
    const principal = statement.Principal;
    return principal === '*' || (typeof principal === 'object' && principal !== null && list((principal as Record<string, unknown>).AWS).includes('*'));
  });
}

/** GetBucketPolicyStatus: whether the bucket policy makes the bucket public. */
export function GetBucketPolicyStatus(call: S3Call) {
  const bucket = findBucket(call);
  if (bucket.policy === undefined) throw new NoSuchBucketPolicy(bucket.name);
  return rawResult({ body: { IsPublic: isPublicPolicy(bucket.policy) } });
}
