/** AWS::S3::BucketPolicy through S3's PutBucketPolicy and DeleteBucketPolicy. */
import type { Provisioner, ProvisionContext } from './types.ts';
import { ignoringNotFound, jsonText } from './types.ts';

const policyCall = (context: ProvisionContext, operation: string, bucket: string, body = '') =>
  context.call('s3', operation, { Bucket: bucket, headers: {}, query: new URLSearchParams('policy'), body: Buffer.from(body) });

/** AWS::S3::BucketPolicy: Ref is the bucket name, as on AWS. */
export const s3BucketPolicy: Provisioner = {
  properties: ['Bucket', 'PolicyDocument'],
  required: ['Bucket', 'PolicyDocument'],
  replaceOn: ['Bucket'],
  async create(properties, context) {
    await policyCall(context, 'PutBucketPolicy', properties.Bucket, jsonText(properties.PolicyDocument));
    return { physicalId: properties.Bucket };
  },
  async update(properties, existing, context) {
    await policyCall(context, 'PutBucketPolicy', existing.physicalId, jsonText(properties.PolicyDocument));
    return existing;
  },
  async delete(existing, context) {
    await ignoringNotFound(policyCall(context, 'DeleteBucketPolicy', existing.physicalId));
  },
};
