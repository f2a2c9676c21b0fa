/** A function's CodeUri or InlineCode as the Code of AWS::Lambda::Function. */
import { InvalidSamResource } from './errors.ts';

const PACKAGE_HINT = 'Upload the code first: run `aws cloudformation package --template-file template.yaml --s3-bucket <bucket> --output-template-file packaged.yaml` (or `sam package`) and deploy packaged.yaml, or give CodeUri as s3://bucket/key.';

/** An S3 location given as `s3://bucket/key` or `{ Bucket, Key, Version }`, as the names Lambda (or Step Functions) takes. */
export function s3Location(logicalId: string, property: string, value: unknown, names: { bucket: string; key: string; version: string }): Record<string, unknown> {
  if (typeof value === 'string') {
    const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(value);
    if (!match) throw new InvalidSamResource(logicalId, `'${property}' is the local path '${value}': the workshop emulator, like AWS, only reads code from S3. ${PACKAGE_HINT}`);
    return { [names.bucket]: match[1], [names.key]: match[2] };
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const location = value as Record<string, unknown>;
    if (location.Bucket === undefined || location.Key === undefined) throw new InvalidSamResource(logicalId, `'${property}' requires Bucket and Key properties to be specified.`);
    return { [names.bucket]: location.Bucket, [names.key]: location.Key, ...(location.Version !== undefined ? { [names.version]: location.Version } : {}) };
  }
  throw new InvalidSamResource(logicalId, `'${property}' must be an s3:// URI or a { Bucket, Key } map. ${PACKAGE_HINT}`);
}

/** The Code property of the function: InlineCode as ZipFile, CodeUri as S3Bucket/S3Key, ImageUri as is. */
export function functionCode(logicalId: string, properties: Record<string, unknown>): Record<string, unknown> {
  const given = ['InlineCode', 'CodeUri', 'ImageUri'].filter((name) => properties[name] !== undefined);
  if (given.length > 1) throw new InvalidSamResource(logicalId, `Specify only one of ${given.join(' and ')}.`);
  if (properties.InlineCode !== undefined) return { ZipFile: properties.InlineCode };
  if (properties.ImageUri !== undefined) return { ImageUri: properties.ImageUri };
  if (properties.CodeUri === undefined) throw new InvalidSamResource(logicalId, `Only one of 'InlineCode' or 'CodeUri' can be set. Give the function's code: InlineCode for a few lines, or CodeUri (${PACKAGE_HINT})`);
  return s3Location(logicalId, 'CodeUri', properties.CodeUri, { bucket: 'S3Bucket', key: 'S3Key', version: 'S3ObjectVersion' });
}
