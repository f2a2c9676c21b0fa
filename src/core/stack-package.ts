/**
 * Packaging a lab's SAM template, as `sam build` and `aws cloudformation package` do: each
 * function's handler file is bundled and uploaded to S3, and the template's local CodeUri becomes
 * the s3:// location. The template is read as YAML with its short-form tags kept (!Ref, !GetAtt,
 * !Sub), so CloudFormation sees the learner's own text apart from CodeUri. The grader and
 * `workshop deploy` both package through here.
 */
import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { unzipSync, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, parseDocument, type YAMLMap } from 'yaml';
import { bundleHandler } from './deploy.ts';
import { EXIT, WorkshopError } from './errors.ts';
import type { Message } from './i18n/texts.ts';
import { stackMessage } from './stack-messages.ts';

/** What the caller wants to know while packaging (to clean up what was made). */
export interface PackageHooks {
  /** Called before the first upload: the bucket is about to be created (or found). */
  bucket?(created: boolean): void;
  /** Called after each upload. */
  uploaded?(key: string): void;
}

/** A packaged template: its text and the functions it packaged. */
export interface PackagedTemplate {
  body: string;
  functions: string[];
}

const PACKAGE_TIME = new Date('2020-01-01T00:00:00Z');

function refuse(message: Message): never {
  throw new WorkshopError('TEMPLATE_INVALID', message, { hint: stackMessage('fixTemplate'), exitCode: EXIT.failed });
}

/** Bundles one function's handler (`module.export`, in the CodeUri folder) as `module.mjs`, so the Handler stays the learner's. */
async function bundleFunction(labDir: string, id: string, codeUri: string, handler: string): Promise<Uint8Array> {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) refuse(stackMessage('badHandler', { id, handler }));
  const module = handler.slice(0, dot);
  const file = join(labDir, codeUri, `${module}.ts`);
  if (!existsSync(file)) refuse(stackMessage('noHandlerFile', { id, handler, file: join(codeUri, `${module}.ts`).replace(/\\/g, '/') }));
  const zip = unzipSync(await bundleHandler(file, handler.slice(dot + 1)));
  // A fixed time in the zip's headers: the same code is the same package (key), so a deploy without changes changes nothing.
  return zipSync({ [`${module}.mjs`]: [zip['index.mjs']!, { mtime: PACKAGE_TIME }] });
}

/** Creates the bucket, or finds it made by an earlier deploy; true when it was created now. */
async function ensureBucket(s3: S3Client, bucket: string): Promise<boolean> {
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    return true;
  } catch (error) {
    if ((error as Error).name === 'BucketAlreadyOwnedByYou') return false;
    throw error;
  }
}

/**
 * The template in `labDir/template.yaml` packaged: every local CodeUri of an
 * AWS::Serverless::Function uploaded to `bucket` (under the zip's MD5, as the CLI names it) and
 * replaced by its s3:// location. A problem the learner can fix is a WorkshopError saying which.
 */
export async function packageTemplate(labDir: string, s3: S3Client, bucket: string, hooks: PackageHooks = {}): Promise<PackagedTemplate> {
  const path = join(labDir, 'template.yaml');
  if (!existsSync(path)) refuse(stackMessage('noTemplate'));
  const doc = parseDocument(readFileSync(path, 'utf8'));
  if (doc.errors.length > 0) refuse(stackMessage('notYaml', { detail: doc.errors[0]!.message.split('\n')[0]! }));
  const resources = doc.get('Resources');
  if (!isMap(resources)) refuse(stackMessage('noResources'));
  const globalCode = doc.getIn(['Globals', 'Function', 'CodeUri']);
  const globalHandler = doc.getIn(['Globals', 'Function', 'Handler']);
  let bucketReady = false;
  const functions: string[] = [];
  for (const pair of resources.items) {
    const id = String((pair.key as { value?: unknown })?.value ?? pair.key);
    const resource = pair.value as YAMLMap | undefined;
    if (!isMap(resource) || resource.get('Type') !== 'AWS::Serverless::Function') continue;
    const properties = resource.get('Properties') as YAMLMap | undefined;
    const codeUri = (isMap(properties) ? properties.get('CodeUri') : undefined) ?? globalCode;
    const handler = (isMap(properties) ? properties.get('Handler') : undefined) ?? globalHandler;
    if (typeof codeUri !== 'string' || /^s3:\/\//.test(codeUri) || !isMap(properties)) continue;
    if (typeof handler !== 'string') refuse(stackMessage('noHandler', { id }));
    const zip = await bundleFunction(labDir, id, codeUri, handler);
    if (!bucketReady) {
      const created = await ensureBucket(s3, bucket);
      hooks.bucket?.(created);
      bucketReady = true;
    }
    const key = `${createHash('md5').update(zip).digest('hex')}.zip`;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: zip }));
    hooks.uploaded?.(key);
    properties.set('CodeUri', `s3://${bucket}/${key}`);
    functions.push(id);
  }
  if (typeof globalCode === 'string') doc.deleteIn(['Globals', 'Function', 'CodeUri']);
  return { body: doc.toString(), functions };
}
