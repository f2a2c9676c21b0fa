/**
 * Lab 11's deploy, as `sam build`, `aws cloudformation package` and `sam deploy` do it: the
 * template is packaged by the kit's own packager (src/core/stack-package.ts, which `workshop deploy`
 * uses too), and deployed through a change set with CAPABILITY_IAM and CAPABILITY_AUTO_EXPAND.
 */
import {
  CloudFormationClient, CreateChangeSetCommand, DeleteStackCommand, DescribeChangeSetCommand, DescribeStackEventsCommand, DescribeStackResourcesCommand,
  DescribeStacksCommand, ExecuteChangeSetCommand, type StackResource,
} from '@aws-sdk/client-cloudformation';
import { DeleteBucketCommand, DeleteObjectCommand } from '@aws-sdk/client-s3';
import { isWorkshopError } from '../../src/core/errors.ts';
import { packageTemplate } from '../../src/core/stack-package.ts';
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

/** Why packaging stopped, in the learner's words: the kit's own message (a check's next step for a compile error). */
function packagingFailure(error: unknown): Message | undefined {
  if (!isWorkshopError(error)) return undefined;
  if (error.code === 'TEMPLATE_INVALID') return { id: `stack.${error.code}`, params: {}, texts: error.texts.message };
  return deployFailure(error);
}

/** The learner's template packaged into `bucket`; what it uploads is removed after the run. */
async function packaged(lab: GraderContext, bucket: string): Promise<string> {
  const { body } = await packageTemplate(lab.labDir, lab.clients.s3, bucket, {
    bucket: (created) => {
      if (created) lab.onCleanup(() => lab.clients.s3.send(new DeleteBucketCommand({ Bucket: bucket })));
    },
    uploaded: (key) => lab.onCleanup(() => lab.clients.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))),
  });
  return body;
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
    const body = await packaged(lab, lab.name('artifacts'));
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
    const said = packagingFailure(error);
    if (said) return { error: said };
    throw error;
  }
}
