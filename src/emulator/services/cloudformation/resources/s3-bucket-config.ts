/**
 * The configuration properties of AWS::S3::Bucket beyond its name and tags: the lifecycle rules
 * S3 applies (PutBucketLifecycleConfiguration), and the settings the emulator's S3 has no operation
 * for (encryption, versioning, public access block, canned ACL), kept with the resource and named
 * in its CREATE_COMPLETE/UPDATE_COMPLETE event so a deployment never drops them silently.
 */
import { ValidationError } from '../errors.ts';
import type { ProvisionContext } from './types.ts';

/** The bucket properties this file handles. */
export const BUCKET_CONFIG_PROPERTIES = ['LifecycleConfiguration', 'BucketEncryption', 'VersioningConfiguration', 'PublicAccessBlockConfiguration', 'AccessControl', 'OwnershipControls'];

// Settings S3 itself would apply that the emulator's S3 does not offer (its ?encryption,
// ?versioning, ?publicAccessBlock, ?acl and ?ownershipControls answer NotImplemented).
const RECORDED_ONLY = ['BucketEncryption', 'VersioningConfiguration', 'PublicAccessBlockConfiguration', 'AccessControl', 'OwnershipControls'];

const RULE_MEMBERS = ['Id', 'Status', 'Prefix', 'ExpirationInDays', 'ExpirationDate', 'ExpiredObjectDeleteMarker', 'AbortIncompleteMultipartUpload', 'NoncurrentVersionExpiration', 'NoncurrentVersionExpirationInDays', 'TagFilters', 'ObjectSizeGreaterThan', 'ObjectSizeLessThan'];

const escape = (value: unknown) => String(value).replace(/[&<>]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[char]!);
const tag = (name: string, value: unknown) => (value === undefined ? '' : `<${name}>${escape(value)}</${name}>`);

function filterXml(rule: Record<string, any>): string {
  const tags = (rule.TagFilters as Array<{ Key: string; Value: string }> | undefined) ?? [];
  const parts = [tag('Prefix', rule.Prefix), ...tags.map((item) => `<Tag>${tag('Key', item.Key)}${tag('Value', item.Value)}</Tag>`), tag('ObjectSizeGreaterThan', rule.ObjectSizeGreaterThan), tag('ObjectSizeLessThan', rule.ObjectSizeLessThan)].filter(Boolean);
  if (parts.length === 0) return '<Filter><Prefix></Prefix></Filter>';
  return parts.length === 1 ? `<Filter>${parts[0]}</Filter>` : `<Filter><And>${parts.join('')}</And></Filter>`;
}

function ruleXml(rule: Record<string, any>): string {
  const unknown = Object.keys(rule).filter((name) => !RULE_MEMBERS.includes(name));
  if (unknown.length > 0) throw new ValidationError(`Lifecycle rule property ${unknown.join(', ')} of AWS::S3::Bucket is not supported by the workshop emulator (storage classes do not exist here); remove it or deploy to LocalStack or AWS.`);
  const expiration = [tag('Days', rule.ExpirationInDays), tag('Date', rule.ExpirationDate), tag('ExpiredObjectDeleteMarker', rule.ExpiredObjectDeleteMarker)].join('');
  const noncurrent = rule.NoncurrentVersionExpiration ?? (rule.NoncurrentVersionExpirationInDays !== undefined ? { NoncurrentDays: rule.NoncurrentVersionExpirationInDays } : undefined);
  return [
    '<Rule>', tag('ID', rule.Id), filterXml(rule), tag('Status', rule.Status),
    expiration ? `<Expiration>${expiration}</Expiration>` : '',
    noncurrent ? `<NoncurrentVersionExpiration>${tag('NoncurrentDays', noncurrent.NoncurrentDays)}${tag('NewerNoncurrentVersions', noncurrent.NewerNoncurrentVersions)}</NoncurrentVersionExpiration>` : '',
    rule.AbortIncompleteMultipartUpload ? `<AbortIncompleteMultipartUpload>${tag('DaysAfterInitiation', rule.AbortIncompleteMultipartUpload.DaysAfterInitiation)}</AbortIncompleteMultipartUpload>` : '',
    '</Rule>',
  ].join('');
}

/** The LifecycleConfiguration property as the XML body of PutBucketLifecycleConfiguration. */
export function lifecycleXml(configuration: { Rules?: Array<Record<string, any>> }): string {
  return `<LifecycleConfiguration>${(configuration.Rules ?? []).map(ruleXml).join('')}</LifecycleConfiguration>`;
}

const s3 = (context: ProvisionContext, operation: string, bucket: string, body = '') =>
  context.call('s3', operation, { Bucket: bucket, headers: {}, query: new URLSearchParams('lifecycle'), body: Buffer.from(body) });

/**
 * Applies the lifecycle rules (or removes rules a previous template had), and returns the note of
 * the settings that are kept but not applied, or undefined when every setting took effect.
 */
export async function applyBucketConfiguration(name: string, properties: Record<string, any>, before: Record<string, any> | undefined, context: ProvisionContext): Promise<string | undefined> {
  if (properties.LifecycleConfiguration !== undefined) await s3(context, 'PutBucketLifecycleConfiguration', name, lifecycleXml(properties.LifecycleConfiguration));
  else if (before?.LifecycleConfiguration !== undefined) await s3(context, 'DeleteBucketLifecycle', name);
  const recorded = RECORDED_ONLY.filter((property) => properties[property] !== undefined);
  if (recorded.length === 0) return undefined;
  return `Recorded but not applied by the workshop emulator's S3: ${recorded.join(', ')} (it has no encryption, versioning, public access block or ACL settings; objects are stored unencrypted and unversioned). Deploy to LocalStack or AWS to have them applied.`;
}
