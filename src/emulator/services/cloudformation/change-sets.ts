/**
 * Change sets: CreateChangeSet computes the changes (CREATE_PENDING, then CREATE_COMPLETE or
 * FAILED when nothing would change), ExecuteChangeSet runs them as CreateStack or UpdateStack would.
 */
import { randomUUID } from 'node:crypto';
import type { OperationContext } from '../../types.ts';
import { computeChanges, isNoOp } from './changes.ts';
import { createStack } from './engine.ts';
import { AlreadyExistsException, ChangeSetNotFoundException, InvalidChangeSetStatusException, ValidationError } from './errors.ts';
import { stackStatus } from './events.ts';
import { checkUpdatable, findStack, lookupStack, type ChangeSetRecord, type CloudFormationState } from './model.ts';
import { stackParameters } from './parameters.ts';
import { parseTemplate } from './template.ts';
import { checkCapabilities, checkedTemplate, templateBodyOf } from './template-source.ts';
import { checkedRoleArn } from './role.ts';
import { checkStackName, inBackground, newStack, planFor, stackRun, startUpdate } from './stacks.ts';

type Context = OperationContext<CloudFormationState>;

const NO_CHANGES = "The submitted information didn't contain changes. Submit different information to create a change set.";

/** The change set a name (with its stack) or an id means, or ChangeSetNotFound. */
export function findChangeSet(state: CloudFormationState, name: unknown, stackName: unknown): ChangeSetRecord {
  if (typeof name !== 'string' || name === '') throw new ValidationError("1 validation error detected: Value null at 'changeSetName' failed to satisfy constraint: Member must not be null");
  if (name.startsWith('arn:')) {
    const found = state.changeSets[name];
    if (found) return found;
    throw new ChangeSetNotFoundException(name);
  }
  if (typeof stackName !== 'string' || stackName === '') throw new ValidationError('StackName must be specified if ChangeSetName is not specified as an ARN.');
  const stack = lookupStack(state, stackName);
  const found = stack && Object.values(state.changeSets).find((set) => set.StackId === stack.StackId && set.ChangeSetName === name);
  if (!found) throw new ChangeSetNotFoundException(name);
  return found;
}

/** CreateChangeSet. */
export async function CreateChangeSet(input: Record<string, any>, context: Context): Promise<Record<string, unknown>> {
  const name = String(input.ChangeSetName ?? '');
  if (!/^[a-zA-Z][-a-zA-Z0-9]*$/.test(name) || name.length > 128) throw new ValidationError(`1 validation error detected: Value '${name}' at 'changeSetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`);
  const type = input.ChangeSetType === 'CREATE' ? 'CREATE' : input.ChangeSetType === undefined || input.ChangeSetType === 'UPDATE' ? 'UPDATE' : undefined;
  if (!type) throw new ValidationError(`ChangeSetType ${String(input.ChangeSetType)} is not supported by the workshop emulator (CREATE or UPDATE).`);
  let stack = lookupStack(context.state, String(input.StackName ?? ''));
  if (type === 'CREATE' && stack && stack.status !== 'REVIEW_IN_PROGRESS') throw new AlreadyExistsException(`Stack [${stack.StackName}] already exists and cannot be created again with the changeSet [${name}].`);
  if (type === 'UPDATE') {
    stack = findStack(context.state, input.StackName);
    if (stack.status === 'REVIEW_IN_PROGRESS') throw new ValidationError(`Stack [${stack.StackName}] does not exist yet: create the change set with ChangeSetType CREATE.`);
    checkUpdatable(stack);
  }
  const roleArn = checkedRoleArn(context.emulator, context.account, input.RoleARN);
  const usePrevious = String(input.UsePreviousTemplate) === 'true';
  const body = usePrevious && stack ? stack.templateBody : await templateBodyOf(input, context.emulator, context);
  const template = checkedTemplate(body);
  checkCapabilities(template, input.Capabilities);
  if (!stack) {
    stack = newStack(context, checkStackName(input.StackName), input, '', template);
    context.state.stacks[stack.StackId] = stack;
    stackStatus(stackRun(context, stack), 'REVIEW_IN_PROGRESS', 'User Initiated');
  }
  if (Object.values(context.state.changeSets).some((set) => set.StackId === stack.StackId && set.ChangeSetName === name)) throw new AlreadyExistsException(`ChangeSet ${name} already exists`);
  const parameters = await stackParameters(template, input.Parameters, stack.parameters, context);
  const id = `arn:aws:cloudformation:${context.region}:${context.account}:changeSet/${name}/${randomUUID()}`;
  const changeSet: ChangeSetRecord = {
    ChangeSetId: id,
    ChangeSetName: name,
    StackId: stack.StackId,
    StackName: stack.StackName,
    type,
    status: 'CREATE_PENDING',
    executionStatus: 'UNAVAILABLE',
    creationTime: new Date(),
    ...(input.Description !== undefined ? { description: String(input.Description) } : {}),
    templateBody: body,
    parameters: parameters.map((parameter) => ({ ParameterKey: parameter.key, ParameterValue: parameter.value })),
    capabilities: Array.isArray(input.Capabilities) ? input.Capabilities.map(String) : [],
    tags: Array.isArray(input.Tags) ? input.Tags : [],
    changes: [],
    ...(roleArn ? { roleArn } : {}),
  };
  context.state.changeSets[id] = changeSet;
  const plan = planFor(context, stack, template, parameters);
  const changes = computeChanges(stack, plan);
  const noOp = type === 'UPDATE' && isNoOp(stack, plan, changes, parseTemplate(stack.templateBody).Outputs);
  // Computed at once, reported a moment later: a client sees CREATE_PENDING first, as on AWS, and waits.
  setImmediate(() => {
    changeSet.changes = changes;
    changeSet.status = noOp ? 'FAILED' : 'CREATE_COMPLETE';
    changeSet.executionStatus = noOp ? 'UNAVAILABLE' : 'AVAILABLE';
    if (noOp) changeSet.statusReason = NO_CHANGES;
    context.emulator.store.markDirty('cloudformation', context.account, context.region);
  });
  return { Id: id, StackId: stack.StackId };
}

/** ExecuteChangeSet: creates or updates the stack with the change set's template and parameters. */
export async function ExecuteChangeSet(input: Record<string, any>, context: Context): Promise<Record<string, unknown>> {
  const changeSet = findChangeSet(context.state, input.ChangeSetName, input.StackName);
  if (changeSet.executionStatus !== 'AVAILABLE') {
    throw new InvalidChangeSetStatusException(`ChangeSet [${changeSet.ChangeSetId}] cannot be executed in its current status of [${changeSet.status}]`);
  }
  const stack = context.state.stacks[changeSet.StackId]!;
  const template = parseTemplate(changeSet.templateBody);
  const given = changeSet.parameters.map((parameter) => ({ ParameterKey: parameter.ParameterKey, ParameterValue: parameter.ParameterValue }));
  const parameters = await stackParameters(template, given, stack.parameters, context);
  const plan = planFor(context, stack, template, parameters);
  changeSet.executionStatus = 'EXECUTE_IN_PROGRESS';
  for (const other of Object.values(context.state.changeSets)) if (other.StackId === stack.StackId && other !== changeSet) other.executionStatus = 'OBSOLETE';
  stack.changeSetId = changeSet.ChangeSetId;
  if (changeSet.roleArn) stack.roleArn = changeSet.roleArn;
  const run = stackRun(context, stack);
  const settled = () => {
    changeSet.executionStatus = /(ROLLBACK|FAILED)/.test(stack.status) ? 'EXECUTE_FAILED' : 'EXECUTE_COMPLETE';
  };
  if (changeSet.type === 'CREATE') {
    stack.templateBody = changeSet.templateBody;
    stack.parameters = parameters;
    stack.capabilities = changeSet.capabilities;
    stack.creationTime = new Date();
    if (template.Description !== undefined) stack.description = String(template.Description);
    const work = createStack(run, plan, String(input.DisableRollback) === 'true' ? 'DO_NOTHING' : 'ROLLBACK');
    inBackground(run, work);
    work.then(settled, settled);
  } else {
    checkUpdatable(stack);
    const previous = planFor(context, stack, parseTemplate(stack.templateBody), stack.parameters);
    const work = startUpdate(context, stack, { Capabilities: changeSet.capabilities }, changeSet.templateBody, plan, previous);
    work.then(settled, settled);
  }
  return {};
}

/** DeleteChangeSet: not while it executes. */
export function DeleteChangeSet(input: Record<string, any>, context: Context): Record<string, unknown> {
  const changeSet = findChangeSet(context.state, input.ChangeSetName, input.StackName);
  if (changeSet.executionStatus === 'EXECUTE_IN_PROGRESS') throw new InvalidChangeSetStatusException(`Cannot delete ChangeSet in status ${changeSet.executionStatus}`);
  delete context.state.changeSets[changeSet.ChangeSetId];
  return {};
}

/** DescribeChangeSet's answer. */
export function changeSetView(changeSet: ChangeSetRecord): Record<string, unknown> {
  return {
    ChangeSetName: changeSet.ChangeSetName,
    ChangeSetId: changeSet.ChangeSetId,
    StackId: changeSet.StackId,
    StackName: changeSet.StackName,
    ...(changeSet.description !== undefined ? { Description: changeSet.description } : {}),
    Parameters: changeSet.parameters,
    CreationTime: changeSet.creationTime,
    ExecutionStatus: changeSet.executionStatus,
    Status: changeSet.status,
    ...(changeSet.statusReason ? { StatusReason: changeSet.statusReason } : {}),
    NotificationARNs: [],
    Capabilities: changeSet.capabilities,
    Tags: changeSet.tags,
    Changes: changeSet.changes,
    IncludeNestedStacks: false,
  };
}

/** ListChangeSets' summary of one change set. */
export function changeSetSummary(changeSet: ChangeSetRecord): Record<string, unknown> {
  return {
    StackId: changeSet.StackId,
    StackName: changeSet.StackName,
    ChangeSetId: changeSet.ChangeSetId,
    ChangeSetName: changeSet.ChangeSetName,
    ExecutionStatus: changeSet.executionStatus,
    Status: changeSet.status,
    ...(changeSet.statusReason ? { StatusReason: changeSet.statusReason } : {}),
    CreationTime: changeSet.creationTime,
    ...(changeSet.description !== undefined ? { Description: changeSet.description } : {}),
    IncludeNestedStacks: false,
  };
}
