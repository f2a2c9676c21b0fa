/**
 * Who may call an operation on a bucket: the owner's account unless the bucket policy denies it
 * explicitly (its root user keeps Get/Put/DeleteBucketPolicy whatever the policy says), another
 * account or an unsigned (anonymous) caller only where the policy allows it, for the operation's
 * action on the bucket's or the object's ARN. Credentials stand for an account's root user (the
 * access key id is the account), so identity policies never narrow an owner's own calls.
 */
import { ANONYMOUS, policyDecision, type PolicyRequest } from '../../policy/resource-policy.ts';
import { actionOf, OWNER_ONLY, ROOT_ALWAYS, type S3Action } from './actions.ts';
import type { S3Call } from './context.ts';
import { AccessDenied, MethodNotAllowed } from './errors.ts';
import { bucketArn, type Bucket, type S3State } from './model.ts';

// Operations that read state: a caller from outside that is let in changes nothing of the owner's.
const READS = /^(Get|List|Head)/;

/** The request context a bucket policy is evaluated against. */
function policyRequest(call: S3Call, bucket: string, key: string | undefined, found: S3Action): PolicyRequest {
  return {
    principal: call.anonymous ? ANONYMOUS : call.account,
    action: found.action,
    resource: found.on === 'object' ? `${bucketArn(bucket)}/${key ?? '*'}` : bucketArn(bucket),
    keys: {
      'aws:securetransport': call.secureTransport,
      'aws:principalaccount': call.anonymous ? undefined : call.account,
      'aws:sourceip': call.sourceIp,
      's3:prefix': call.query.get('prefix') ?? undefined,
    },
  };
}

/** The bucket `name` and its owner's state, when the caller may run `operation` on it; undefined when no such bucket exists. */
function admitted(call: S3Call, name: string, key: string | undefined, operation: string): { owner: string; state: S3State; bucket: Bucket } | undefined {
  const owner = call.registry.ownerOf(call.emulator, name);
  if (owner === undefined) return undefined;
  const own = !call.anonymous && owner === call.account;
  const state = own ? call.state : call.registry.stateOf(call.emulator, owner);
  const bucket = state?.buckets.get(name);
  if (!state || !bucket) return undefined;
  const found = actionOf(operation);
  const decision = found && bucket.policy !== undefined ? policyDecision(bucket.policy, policyRequest(call, name, key, found)) : undefined;
  if (own) {
    if (decision === 'Deny' && !ROOT_ALWAYS.has(operation)) throw new AccessDenied();
    return { owner, state, bucket };
  }
  if (decision !== 'Allow') throw new AccessDenied();
  if (OWNER_ONLY.has(operation)) throw new MethodNotAllowed(/^Put/.test(operation) ? 'PUT' : /^Delete/.test(operation) ? 'DELETE' : 'GET', 'BUCKET');
  return { owner, state, bucket };
}

/**
 * Checks the caller before an operation runs. When another account or an anonymous caller is let
 * in, the call works on the owner's state from then on, and a change is saved in the owner's scope.
 */
export function authorize(call: S3Call, operation: string): void {
  if (call.bucketName === undefined || operation === 'CreateBucket') {
    if (call.anonymous) throw new AccessDenied();
    return;
  }
  const entry = admitted(call, call.bucketName, call.key, operation);
  if (!entry || entry.state === call.state) return;
  call.state = entry.state;
  call.bucketOwner = entry.owner;
  if (!READS.test(operation)) call.emulator.store.markDirty(call.registry.serviceName, entry.owner);
}

/** The source bucket of a copy, when the caller may read `key` from it (s3:GetObject). */
export function copySourceBucket(call: S3Call, name: string, key: string): Bucket | undefined {
  return admitted(call, name, key, 'GetObject')?.bucket;
}
