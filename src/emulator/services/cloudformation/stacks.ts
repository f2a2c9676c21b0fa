/** CreateStack, UpdateStack and DeleteStack: checked at once, then run in the background as on AWS. */
import type { OperationContext } from '../../types.ts';
import { computeChanges, isNoOp } from './changes.ts';
import { createStack, deleteStack, updateStack } from './engine.ts';
import { AlreadyExistsException, ValidationError } from './errors.ts';
import type { StackRun } from './events.ts';
import { checkUpdatable, findStack, isBusy, lookupStack, stackArn, type CloudFormationState, type StackRecord } from './model.ts';
import { stackParameters } from './parameters.ts';
import { deployment, type Deployment } from './resolver.ts';
import { parseTemplate, type Template } from './template.ts';
import { checkCapabilities, checkedTemplate, templateBodyOf } from './template-source.ts';
import { checkAutoExpand } from './sam/index.ts';
import { checkedRoleArn } from './role.ts';

type Context = OperationContext<CloudFormationState>;

const STACK_NAME = /^[a-zA-Z][-a-zA-Z0-9]*$/;

/** Runs a stack operation in the background; a crash of the emulator's own code fails the stack rather than hanging it. */
export function inBackground(run: StackRun, work: Promise<void>): void {
  work.catch((error) => {
    run.emulator.log(`cloudformation: stack ${run.stack.StackName} failed unexpectedly: ${(error as Error)?.stack ?? String(error)}`);
    run.stack.status = run.stack.status.replace(/_IN_PROGRESS$/, '_FAILED');
    run.stack.statusReason = `The emulator hit an internal error: ${(error as Error)?.message ?? String(error)}`;
  });
}

/** The run of a stack operation in the caller's account and region. */
export function stackRun(context: Context, stack: StackRecord): StackRun {
  return { emulator: context.emulator, account: context.account, region: context.region, state: context.state, stack };
}

/** Checks a stack name as CloudFormation's model does. */
export function checkStackName(name: unknown): string {
  if (typeof name !== 'string' || name === '') throw new ValidationError("1 validation error detected: Value null at 'stackName' failed to satisfy constraint: Member must not be null");
  if (name.length > 128 || !STACK_NAME.test(name)) {
    throw new ValidationError(`1 validation error detected: Value '${name}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*`);
  }
  return name;
}

/** A new stack record, not yet stored. */
export function newStack(context: Context, name: string, input: Record<string, any>, body: string, template: Template): StackRecord {
  return {
    StackId: stackArn(context.region, context.account, name),
    StackName: name,
    status: 'CREATE_IN_PROGRESS',
    creationTime: new Date(),
    ...(template.Description !== undefined ? { description: String(template.Description) } : {}),
    templateBody: body,
    parameters: [],
    capabilities: Array.isArray(input.Capabilities) ? input.Capabilities.map(String) : [],
    tags: Array.isArray(input.Tags) ? input.Tags : [],
    disableRollback: String(input.DisableRollback) === 'true',
    notificationArns: Array.isArray(input.NotificationARNs) ? input.NotificationARNs : [],
    outputs: [],
    resources: {},
    events: [],
    imports: [],
  };
}

/** The deployment of a template on a stack whose resources are `stack.resources`. */
export function planFor(context: Context, stack: StackRecord, template: Template, parameters: StackRecord['parameters']): Deployment {
  return deployment(stackRun(context, stack), template, parameters, () => stack.resources);
}

/** What OnFailure/DisableRollback ask for when a create fails. */
export function failureMode(input: Record<string, any>): 'ROLLBACK' | 'DO_NOTHING' | 'DELETE' {
  if (String(input.DisableRollback) === 'true') return 'DO_NOTHING';
  return input.OnFailure === 'DO_NOTHING' || input.OnFailure === 'DELETE' ? input.OnFailure : 'ROLLBACK';
}

/** CreateStack. */
export async function CreateStack(input: Record<string, any>, context: Context): Promise<Record<string, unknown>> {
  const name = checkStackName(input.StackName);
  if (lookupStack(context.state, name)) throw new AlreadyExistsException(`Stack [${name}] already exists`);
  const body = await templateBodyOf(input, context.emulator, context);
  const template = checkedTemplate(body);
  checkAutoExpand(template, input.Capabilities);
  checkCapabilities(template, input.Capabilities);
  const roleArn = checkedRoleArn(context.emulator, context.account, input.RoleARN);
  const stack = newStack(context, name, input, body, template);
  if (roleArn) stack.roleArn = roleArn;
  stack.parameters = await stackParameters(template, input.Parameters, undefined, context);
  const plan = planFor(context, stack, template, stack.parameters);
  if (lookupStack(context.state, name)) throw new AlreadyExistsException(`Stack [${name}] already exists`);
  context.state.stacks[stack.StackId] = stack;
  const run = stackRun(context, stack);
  inBackground(run, createStack(run, plan, failureMode(input)));
  return { StackId: stack.StackId };
}

/** UpdateStack: the new template (or the previous one) and parameters, refused when nothing would change. */
export async function UpdateStack(input: Record<string, any>, context: Context): Promise<Record<string, unknown>> {
  const stack = findStack(context.state, input.StackName);
  checkUpdatable(stack);
  const roleArn = checkedRoleArn(context.emulator, context.account, input.RoleARN);
  const usePrevious = String(input.UsePreviousTemplate) === 'true';
  const body = usePrevious ? stack.templateBody : await templateBodyOf(input, context.emulator, context);
  const template = checkedTemplate(body);
  checkAutoExpand(template, input.Capabilities);
  checkCapabilities(template, input.Capabilities);
  const parameters = await stackParameters(template, input.Parameters, stack.parameters, context);
  const plan = planFor(context, stack, template, parameters);
  const previousTemplate = parseTemplate(stack.templateBody);
  if (isNoOp(stack, plan, computeChanges(stack, plan), previousTemplate.Outputs)) throw new ValidationError('No updates are to be performed.');
  const previous = planFor(context, stack, previousTemplate, stack.parameters);
  // Without a RoleARN an update keeps the role the stack has, as on AWS.
  if (roleArn) stack.roleArn = roleArn;
  void startUpdate(context, stack, input, body, plan, previous);
  return { StackId: stack.StackId };
}

/** Stores the new template on the stack and runs the update; settles when the update has. */
export function startUpdate(context: Context, stack: StackRecord, input: Record<string, any>, body: string, plan: Deployment, previous: Deployment): Promise<void> {
  const rollback = { templateBody: stack.templateBody };
  stack.templateBody = body;
  stack.parameters = plan.parameters;
  stack.lastUpdatedTime = new Date();
  if (plan.template.Description !== undefined) stack.description = String(plan.template.Description);
  if (Array.isArray(input.Capabilities)) stack.capabilities = input.Capabilities.map(String);
  if (Array.isArray(input.Tags)) stack.tags = input.Tags;
  const run = stackRun(context, stack);
  stack.status = 'UPDATE_IN_PROGRESS';
  const work = updateStack(run, previous, plan, rollback);
  inBackground(run, work);
  return work;
}

/** DeleteStack: nothing for a stack that does not exist (as on AWS); its resources in reverse order otherwise. */
export function DeleteStack(input: Record<string, any>, context: Context): null {
  if (typeof input.StackName !== 'string' || input.StackName === '') findStack(context.state, input.StackName);
  const stack = lookupStack(context.state, input.StackName);
  if (!stack || stack.status === 'DELETE_COMPLETE' || stack.status === 'DELETE_IN_PROGRESS') return null;
  if (isBusy(stack)) throw new ValidationError(`Stack [${stack.StackName}] cannot be deleted while in status ${stack.status}. Wait for the operation to finish, then delete it.`);
  const run = stackRun(context, stack);
  const retain = Array.isArray(input.RetainResources) ? input.RetainResources.map(String) : [];
  const roleArn = checkedRoleArn(context.emulator, context.account, input.RoleARN);
  if (retain.length > 0 && stack.status !== 'DELETE_FAILED') throw new ValidationError('Invalid operation on stack: RetainResources can only be specified when the stack is in the DELETE_FAILED state.');
  const template = stack.status === 'REVIEW_IN_PROGRESS' ? undefined : parseTemplate(stack.templateBody);
  if (roleArn) stack.roleArn = roleArn;
  stack.status = 'DELETE_IN_PROGRESS';
  inBackground(run, deleteStack(run, template, retain));
  return null;
}
