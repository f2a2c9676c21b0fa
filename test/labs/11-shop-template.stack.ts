/**
 * Lab 11's deploy, as `sam build`, `aws cloudformation package` and `sam deploy` do it: each
 * function's handler file is bundled and uploaded to S3, the template's local CodeUri becomes the
 * s3:// location, and the packaged template is deployed through a change set with
 * CAPABILITY_IAM and CAPABILITY_AUTO_EXPAND. The template is read as YAML with its short-form tags
 * kept (!Ref, !GetAtt, !Sub), so CloudFormation sees the learner's own text apart from CodeUri.
 */
import {
  CloudFormationClient, CreateChangeSetCommand, DeleteStackCommand, DescribeChangeSetCommand, DescribeStackEventsCommand, DescribeStackResourcesCommand,
  DescribeStacksCommand, ExecuteChangeSetCommand, type StackResource,
} from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { unzipSync, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, parseDocument, type YAMLMap } from 'yaml';
import { bundleHandler } from '../../src/core/deploy.ts';
import { deployFailure } from '../../src/core/grader/context-messages.ts';
import type { GraderContext, Message } from '../../src/core/grader/index.ts';
import { sdkConfig } from '../../src/core/sdk-config.ts';
import { say } from './11-shop-template.messages.ts';

/** The stack as the checks read it. */
export interface Deployed {
  outputs: Record<string, string>;
  resources: StackResource[];
}

/** A deployed stack, or why it is not there, in the learner's words. */
export type DeployOutcome = { deployed: Deployed } | { error: Message };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Bundles one function's handler (`module.export`, in the CodeUri folder) as `module.mjs`, so the Handler stays the learner's. */
async function bundleFunction(labDir: string, id: string, codeUri: string, handler: string): Promise<Uint8Array> {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) throw new Failure(say('badHandler', { id, handler }));
  const module = handler.slice(0, dot);
  const file = join(labDir, codeUri, `${module}.ts`);
  if (!existsSync(file)) throw new Failure(say('noHandlerFile', { id, handler, file: join(codeUri, `${module}.ts`).replace(/\\/g, '/') }));
  try {
    const zip = unzipSync(await bundleHandler(file, handler.slice(dot + 1)));
    return zipSync({ [`${module}.mjs`]: zip['index.mjs']! });
  } catch (error) {
    const message = deployFailure(error);
    if (message) throw new Failure(message);
    throw error;
  }
}

/** A packaging step that cannot go on, with what the learner should fix. */
class Failure extends Error {
  readonly said: Message;
  constructor(said: Message) {
    super(said.texts.en);
    this.said = said;
  }
}

/** The learner's template packaged: every local CodeUri uploaded to `bucket` and replaced by its s3:// location. */
async function packageTemplate(lab: GraderContext, bucket: string): Promise<string> {
  const path = join(lab.labDir, 'template.yaml');
  if (!existsSync(path)) throw new Failure(say('noTemplate'));
  const doc = parseDocument(readFileSync(path, 'utf8'));
  if (doc.errors.length > 0) throw new Failure(say('notYaml', { detail: doc.errors[0]!.message.split('\n')[0]! }));
  const resources = doc.get('Resources');
  if (!isMap(resources)) throw new Failure(say('noResources'));
  const globalCode = doc.getIn(['Globals', 'Function', 'CodeUri']);
  const globalHandler = doc.getIn(['Globals', 'Function', 'Handler']);
  let created = false;
  for (const pair of resources.items) {
    const id = String((pair.key as { value?: unknown })?.value ?? pair.key);
    const resource = pair.value as YAMLMap | undefined;
    if (!isMap(resource) || resource.get('Type') !== 'AWS::Serverless::Function') continue;
    const properties = resource.get('Properties') as YAMLMap | undefined;
    const codeUri = (isMap(properties) ? properties.get('CodeUri') : undefined) ?? globalCode;
    const handler = (isMap(properties) ? properties.get('Handler') : undefined) ?? globalHandler;
    if (typeof codeUri !== 'string' || /^s3:\/\//.test(codeUri) || !isMap(properties)) continue;
    if (typeof handler !== 'string') throw new Failure(say('noHandler', { id }));
    const zip = await bundleFunction(lab.labDir, id, codeUri, handler);
    if (!created) {
      await lab.clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
      created = true;
    }
    const key = `${createHash('md5').update(zip).digest('hex')}.zip`;
    await lab.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: zip }));
    lab.onCleanup(() => lab.clients.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })));
    properties.set('CodeUri', `s3://${bucket}/${key}`);
  }
  if (created) lab.onCleanup(() => lab.clients.s3.send(new DeleteBucketCommand({ Bucket: bucket })));
  if (typeof globalCode === 'string') doc.deleteIn(['Globals', 'Function', 'CodeUri']);
  return doc.toString();
}

async function settled<T>(read: () => Promise<T>, busy: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (!busy(value) || Date.now() > deadline) return value;
    await pause(100);
  }
}

/** The first failure among the stack's events, oldest first: the cause, not the cancellations it led to. */
async function firstFailure(cfn: CloudFormationClient, stackName: string): Promise<string> {
  const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: stackName }))).StackEvents ?? [];
  const failed = events.reverse().find((event) => event.ResourceStatus?.endsWith('_FAILED') && !/cancelled/i.test(event.ResourceStatusReason ?? ''));
  return failed ? `${failed.LogicalResourceId}: ${failed.ResourceStatusReason}` : '';
}

/** Packages and deploys the learner's template as stack `stackName`; the stack is deleted after the run. */
export async function deployTemplate(lab: GraderContext, stackName: string): Promise<DeployOutcome> {
  const cfn = new CloudFormationClient(sdkConfig(lab.settings.target));
  lab.onCleanup(async () => {
    await cfn.send(new DeleteStackCommand({ StackName: stackName })).catch(() => undefined);
    await settled(() => cfn.send(new DescribeStacksCommand({ StackName: stackName })).then((answer) => answer.Stacks?.[0]?.StackStatus ?? '', () => ''), (status) => status.endsWith('_IN_PROGRESS'));
    cfn.destroy();
  });
  try {
    const body = await packageTemplate(lab, lab.name('artifacts'));
    let changeSet: string;
    try {
      changeSet = (await cfn.send(new CreateChangeSetCommand({
        StackName: stackName, ChangeSetName: 'grade', ChangeSetType: 'CREATE', TemplateBody: body, Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'],
      }))).Id!;
    } catch (error) {
      return { error: say('refused', { name: (error as Error).name, message: (error as Error).message }) };
    }
    const plan = await settled(() => cfn.send(new DescribeChangeSetCommand({ ChangeSetName: changeSet })), (answer) => answer.Status === 'CREATE_PENDING' || answer.Status === 'CREATE_IN_PROGRESS');
    if (plan.Status !== 'CREATE_COMPLETE') return { error: say('changeSetFailed', { reason: plan.StatusReason ?? String(plan.Status) }) };
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSet }));
    const stack = await settled(async () => (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks![0]!, (answer) => !!answer.StackStatus?.endsWith('_IN_PROGRESS'));
    if (stack.StackStatus !== 'CREATE_COMPLETE') return { error: say('stackFailed', { status: String(stack.StackStatus), reason: (await firstFailure(cfn, stackName)) || String(stack.StackStatusReason ?? '') }) };
    const resources = (await cfn.send(new DescribeStackResourcesCommand({ StackName: stackName }))).StackResources ?? [];
    const outputs = Object.fromEntries((stack.Outputs ?? []).map((output) => [String(output.OutputKey), String(output.OutputValue)]));
    return { deployed: { outputs, resources } };
  } catch (error) {
    if (error instanceof Failure) return { error: error.said };
    throw error;
  }
}
