/**
 * Deploying a packaged template the way `aws cloudformation deploy` does: a change set of type
 * CREATE or UPDATE, waited for, executed and waited for again. A change set with no changes is a
 * success that says so (the CLI's "No changes to deploy"); a stack left in ROLLBACK_COMPLETE by a
 * failed first deploy is deleted first, as `sam deploy` does, since it can never be updated; a
 * failed deploy names the first resource that failed and CloudFormation's reason for it.
 */
import {
  CreateChangeSetCommand, DeleteChangeSetCommand, DeleteStackCommand, DescribeChangeSetCommand, DescribeStackEventsCommand, DescribeStacksCommand,
  ExecuteChangeSetCommand, type Capability, type CloudFormationClient, type Stack,
} from '@aws-sdk/client-cloudformation';
import { EXIT, WorkshopError } from './errors.ts';
import { stackMessage, stackText } from './stack-messages.ts';

/** What {@link deployStack} deploys. */
export interface StackDeployOptions {
  stackName: string;
  body: string;
  capabilities: Capability[];
  /** Progress text, printed as it happens (no newline of its own). */
  progress?(text: string): void;
  /** How long a change set or stack may stay in progress. */
  timeoutMs?: number;
}

/** How a deploy ended, with the stack's outputs. */
export interface StackDeployResult {
  action: 'created' | 'updated' | 'unchanged';
  outputs: Record<string, string>;
}

/** Answers of CloudFormation that mean there is nothing to change (CreateChangeSet's reason, UpdateStack's error). */
const NO_CHANGES = /didn't contain changes|No updates are to be performed/;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The stack by name, or undefined when there is none (or only a deleted one). */
export async function findStack(cfn: CloudFormationClient, stackName: string): Promise<Stack | undefined> {
  try {
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
    return stack?.StackStatus === 'DELETE_COMPLETE' ? undefined : stack;
  } catch (error) {
    if ((error as Error).name === 'ValidationError' && /does not exist/.test((error as Error).message)) return undefined;
    throw error;
  }
}

/** Polls `read` until `busy` says no, from 100 ms up to 1 s apart; a WorkshopError past the deadline. */
async function settle<T>(stackName: string, read: () => Promise<T>, status: (value: T) => string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 100; ; delay = Math.min(delay * 2, 1000)) {
    const value = await read();
    const now = status(value);
    if (!now.endsWith('_IN_PROGRESS') && now !== 'CREATE_PENDING') return value;
    if (Date.now() > deadline) {
      throw new WorkshopError('STACK_TIMEOUT', stackMessage('stackTimeout', { stack: stackName, status: now, seconds: Math.round(timeoutMs / 1000) }), {
        hint: stackMessage('waitAndRetry', { stack: stackName }),
        exitCode: EXIT.failed,
      });
    }
    await pause(delay);
  }
}

/** The first failed resource event since `since`, oldest first: the cause, not the cancellations it led to. */
export async function firstFailure(cfn: CloudFormationClient, stackName: string, since = new Date(0)): Promise<string | undefined> {
  const events = [];
  let NextToken: string | undefined;
  do {
    const page = await cfn.send(new DescribeStackEventsCommand({ StackName: stackName, NextToken }));
    events.push(...(page.StackEvents ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  const failed = events.reverse().find((event) => (event.Timestamp ?? new Date()) >= since && event.ResourceType !== 'AWS::CloudFormation::Stack'
    && event.ResourceStatus?.endsWith('_FAILED') && !/cancelled/i.test(event.ResourceStatusReason ?? ''));
  return failed ? `${failed.LogicalResourceId} (${failed.ResourceType}): ${failed.ResourceStatusReason ?? failed.ResourceStatus}` : undefined;
}

async function stackNow(cfn: CloudFormationClient, stackName: string): Promise<Stack> {
  return (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks![0]!;
}

/** Deletes a stack and waits until it is gone. */
export async function deleteStackAndWait(cfn: CloudFormationClient, stack: Stack, timeoutMs = 600_000): Promise<void> {
  await cfn.send(new DeleteStackCommand({ StackName: stack.StackId }));
  const gone = await settle(stack.StackName!, () => stackNow(cfn, stack.StackId!), (now) => String(now.StackStatus), timeoutMs);
  if (gone.StackStatus !== 'DELETE_COMPLETE') {
    const reason = (await firstFailure(cfn, stack.StackId!)) ?? String(gone.StackStatusReason ?? '');
    throw new WorkshopError('STACK_FAILED', stackMessage('stackFailed', { stack: stack.StackName!, status: String(gone.StackStatus), reason }), { exitCode: EXIT.failed });
  }
}

/** Creates or updates `stackName` from the packaged template through a change set; resolves with its outputs. */
export async function deployStack(cfn: CloudFormationClient, options: StackDeployOptions): Promise<StackDeployResult> {
  const { stackName, progress = () => {} } = options;
  const timeoutMs = options.timeoutMs ?? 600_000;
  let existing = await findStack(cfn, stackName);
  if (existing && /^(ROLLBACK_COMPLETE|ROLLBACK_FAILED|CREATE_FAILED)$/.test(String(existing.StackStatus))) {
    progress(stackText('replacingFailed', { stack: stackName, status: String(existing.StackStatus) }));
    await deleteStackAndWait(cfn, existing, timeoutMs);
    progress(`${stackText('done')}\n`);
    existing = undefined;
  }
  const type = !existing || existing.StackStatus === 'REVIEW_IN_PROGRESS' ? 'CREATE' : 'UPDATE';
  const name = `workshop-deploy-${Date.now()}`;
  progress(stackText('changeSet', { name, type, stack: stackName }));
  let id: string;
  try {
    id = (await cfn.send(new CreateChangeSetCommand({
      StackName: stackName, ChangeSetName: name, ChangeSetType: type, TemplateBody: options.body, Capabilities: options.capabilities,
    }))).Id!;
  } catch (error) {
    const { name: code, message } = error as Error;
    throw new WorkshopError('TEMPLATE_REFUSED', stackMessage('refused', { name: code, message }), { hint: stackMessage('fixTemplate'), exitCode: EXIT.failed, cause: error });
  }
  const plan = await settle(stackName, () => cfn.send(new DescribeChangeSetCommand({ ChangeSetName: id })), (answer) => String(answer.Status), timeoutMs);
  if (plan.Status === 'FAILED' && NO_CHANGES.test(plan.StatusReason ?? '')) {
    await cfn.send(new DeleteChangeSetCommand({ ChangeSetName: id })).catch(() => undefined);
    progress(`${stackText('noChanges', { stack: stackName })}\n`);
    return { action: 'unchanged', outputs: outputsOf(await stackNow(cfn, stackName)) };
  }
  if (plan.Status !== 'CREATE_COMPLETE') {
    throw new WorkshopError('CHANGE_SET_FAILED', stackMessage('changeSetFailed', { stack: stackName, reason: plan.StatusReason ?? String(plan.Status) }), {
      hint: stackMessage('fixTemplate'),
      exitCode: EXIT.failed,
    });
  }
  progress(stackText('changes', { count: plan.Changes?.length ?? 0 }));
  const started = new Date(Date.now() - 1000);
  await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: id }));
  const stack = await settle(stackName, () => stackNow(cfn, stackName), (now) => String(now.StackStatus), timeoutMs);
  const wanted = type === 'CREATE' ? 'CREATE_COMPLETE' : 'UPDATE_COMPLETE';
  if (stack.StackStatus !== wanted) {
    const reason = (await firstFailure(cfn, stackName, started)) ?? String(stack.StackStatusReason ?? stack.StackStatus);
    throw new WorkshopError('STACK_FAILED', stackMessage('stackFailed', { stack: stackName, status: String(stack.StackStatus), reason }), {
      hint: stackMessage('fixResource', { stack: stackName }),
      exitCode: EXIT.failed,
    });
  }
  progress(`${stackText(type === 'CREATE' ? 'created' : 'updated')}\n`);
  return { action: type === 'CREATE' ? 'created' : 'updated', outputs: outputsOf(stack) };
}

/** A stack's outputs by key. */
export function outputsOf(stack: Stack): Record<string, string> {
  return Object.fromEntries((stack.Outputs ?? []).map((output) => [String(output.OutputKey), String(output.OutputValue)]));
}

/** The stack `workshop deploy` makes for a lab: `workshop-11-shop` for 11-shop-template. */
export function labStackName(labId: string): string {
  return `workshop-${labId.split('-').slice(0, 2).join('-')}`;
}

/** The bucket a lab's packages go to: per account, since bucket names are global on AWS. */
export function labPackageBucket(labId: string, account: string): string {
  return `${labStackName(labId)}-packages-${account}`;
}
