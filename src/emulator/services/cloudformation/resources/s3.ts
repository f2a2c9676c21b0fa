/** AWS::S3::Bucket through S3's CreateBucket, PutBucketTagging and DeleteBucket. */
import { ValidationError } from '../errors.ts';
import { applyBucketConfiguration, BUCKET_CONFIG_PROPERTIES } from './s3-bucket-config.ts';
import type { Provisioner, ProvisionContext } from './types.ts';
import { ignoringNotFound } from './types.ts';

const s3 = (context: ProvisionContext, operation: string, bucket: string, extra: { body?: string; query?: string } = {}) =>
  context.call('s3', operation, { Bucket: bucket, headers: {}, query: new URLSearchParams(extra.query ?? ''), body: Buffer.from(extra.body ?? '') });

function tagging(tags: Array<{ Key: string; Value: string }>): string {
  const escape = (text: string) => text.replace(/[&<>]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[char]!);
  return `<Tagging><TagSet>${tags.map((tag) => `<Tag><Key>${escape(String(tag.Key))}</Key><Value>${escape(String(tag.Value))}</Value></Tag>`).join('')}</TagSet></Tagging>`;
}

/** AWS::S3::Bucket: Ref is the bucket name; Arn, DomainName, RegionalDomainName and WebsiteURL for Fn::GetAtt. */
export const s3Bucket: Provisioner = {
  properties: ['BucketName', 'Tags', ...BUCKET_CONFIG_PROPERTIES],
  replaceOn: ['BucketName'],
  nameProperty: 'BucketName',
  async create(properties, context) {
    const name = properties.BucketName ?? context.generatedName(63, { lowercase: true });
    const body = context.region === 'us-east-1' ? '' : `<CreateBucketConfiguration><LocationConstraint>${context.region}</LocationConstraint></CreateBucketConfiguration>`;
    await s3(context, 'CreateBucket', name, { body });
    if (properties.Tags?.length) await s3(context, 'PutBucketTagging', name, { body: tagging(properties.Tags), query: 'tagging' });
    const note = await applyBucketConfiguration(name, properties, undefined, context);
    return {
      physicalId: name,
      ...(note ? { note } : {}),
      attributes: {
        Arn: `arn:aws:s3:::${name}`,
        DomainName: `${name}.s3.amazonaws.com`,
        RegionalDomainName: `${name}.s3.${context.region}.amazonaws.com`,
        DualStackDomainName: `${name}.s3.dualstack.${context.region}.amazonaws.com`,
        WebsiteURL: `http://${name}.s3-website-${context.region}.amazonaws.com`,
      },
    };
  },
  async update(properties, existing, context) {
    if (properties.Tags?.length) await s3(context, 'PutBucketTagging', existing.physicalId, { body: tagging(properties.Tags), query: 'tagging' });
    else await ignoringNotFound(s3(context, 'DeleteBucketTagging', existing.physicalId, { query: 'tagging' }));
    const note = await applyBucketConfiguration(existing.physicalId, properties, existing.properties, context);
    return { physicalId: existing.physicalId, ref: existing.ref, attributes: existing.attributes, ...(note ? { note } : {}) };
  },
  async delete(existing, context) {
    try {
      await s3(context, 'DeleteBucket', existing.physicalId);
    } catch (error) {
      // CloudFormation leaves a bucket that still holds objects, and says so.
      if ((error as { code?: string }).code === 'BucketNotEmpty') throw new ValidationError(`The bucket you tried to delete is not empty (Service: S3, Status Code: 409). Empty bucket ${existing.physicalId} first, or give it DeletionPolicy: Retain.`);
      if ((error as { code?: string }).code !== 'NoSuchBucket') throw error;
    }
  },
};
