/** CloudFormation's state: stacks with their resources and events, change sets and exports. */
import { randomUUID } from 'node:crypto';
import { dict } from '../../dict.ts';
import { ValidationError } from './errors.ts';

/** A resource of a stack as CloudFormation keeps it. */
export interface ResourceRecord {
  logicalId: string;
  type: string;
  physicalId?: string;
  status: string;
  statusReason?: string;
  timestamp: Date;
  /** The properties it was created or last updated with, resolved. */
  properties: Record<string, unknown>;
  /** Ref value and the attributes Fn::GetAtt reads. */
  ref?: unknown;
  attributes: Record<string, unknown>;
  deletionPolicy?: string;
  metadata?: Record<string, unknown>;
  description?: string;
}

/** One entry of DescribeStackEvents. */
export interface StackEvent {
  EventId: string;
  StackId: string;
  StackName: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
  Timestamp: Date;
  ResourceStatus: string;
  ResourceStatusReason?: string;
  ResourceProperties?: string;
  ClientRequestToken?: string;
}

/** A parameter as the stack keeps it: what was given and what it resolved to. */
export interface StackParameter {
  key: string;
  value: string;
  resolved?: string;
  noEcho: boolean;
}

/** A stack, live or deleted (deleted stacks answer by stack id, as on AWS). */
export interface StackRecord {
  StackId: string;
  StackName: string;
  status: string;
  statusReason?: string;
  creationTime: Date;
  lastUpdatedTime?: Date;
  deletionTime?: Date;
  description?: string;
  templateBody: string;
  parameters: StackParameter[];
  capabilities: string[];
  tags: Array<{ Key: string; Value: string }>;
  disableRollback: boolean;
  notificationArns: string[];
  outputs: Array<{ OutputKey: string; OutputValue: string; Description?: string; ExportName?: string }>;
  resources: Record<string, ResourceRecord>;
  /** Newest first, as DescribeStackEvents answers. */
  events: StackEvent[];
  /** Export names this stack's template imports (they cannot be removed while it does). */
  imports: string[];
  changeSetId?: string;
  /** The service role CloudFormation acts as for this stack (RoleARN), when one was given. */
  roleArn?: string;
}

/** A change set: a computed plan of changes for a stack, executed or not. */
export interface ChangeSetRecord {
  ChangeSetId: string;
  ChangeSetName: string;
  StackId: string;
  StackName: string;
  type: 'CREATE' | 'UPDATE';
  status: string;
  statusReason?: string;
  executionStatus: string;
  creationTime: Date;
  description?: string;
  templateBody: string;
  parameters: Array<{ ParameterKey: string; ParameterValue?: string; UsePreviousValue?: boolean }>;
  capabilities: string[];
  tags: Array<{ Key: string; Value: string }>;
  changes: unknown[];
  /** The service role the execution runs as; the stack's own when absent. */
  roleArn?: string;
}

/** CloudFormation's state of one account and region. */
export interface CloudFormationState {
  stacks: Record<string, StackRecord>;
  changeSets: Record<string, ChangeSetRecord>;
  /** Export name -> the exporting stack's id and the value. */
  exports: Record<string, { stackId: string; value: string }>;
}

/** An empty state. */
export function createCloudFormationState(): CloudFormationState {
  return { stacks: dict(), changeSets: dict(), exports: dict() };
}

/** The stack id AWS gives a new stack. */
export function stackArn(region: string, account: string, name: string): string {
  return `arn:aws:cloudformation:${region}:${account}:stack/${name}/${randomUUID()}`;
}

/** Stack states after which a stack no longer holds its name. */
export const isDeleted = (stack: StackRecord) => stack.status === 'DELETE_COMPLETE';

/** The stack a name or stack id means; a deleted stack answers only by its id. */
export function lookupStack(state: CloudFormationState, nameOrId: string): StackRecord | undefined {
  if (nameOrId.startsWith('arn:')) return state.stacks[nameOrId];
  return Object.values(state.stacks).find((stack) => stack.StackName === nameOrId && !isDeleted(stack));
}

/** The stack a name or stack id means, or AWS's ValidationError. */
export function findStack(state: CloudFormationState, nameOrId: unknown): StackRecord {
  if (typeof nameOrId !== 'string' || nameOrId === '') throw new ValidationError('1 validation error detected: Value null at \'stackName\' failed to satisfy constraint: Member must not be null');
  const stack = lookupStack(state, nameOrId);
  if (!stack) throw new ValidationError(`Stack with id ${nameOrId} does not exist`);
  return stack;
}

/** True while a stack operation runs (AWS refuses another one then). */
export const isBusy = (stack: StackRecord) => stack.status.endsWith('_IN_PROGRESS') && stack.status !== 'REVIEW_IN_PROGRESS';

/** The ValidationError AWS answers when a stack is busy or in a state that takes no updates. */
export function checkUpdatable(stack: StackRecord): void {
  if (isBusy(stack) || ['ROLLBACK_COMPLETE', 'ROLLBACK_FAILED', 'DELETE_FAILED', 'CREATE_FAILED', 'UPDATE_ROLLBACK_FAILED', 'REVIEW_IN_PROGRESS'].includes(stack.status)) {
    throw new ValidationError(`Stack:${stack.StackId} is in ${stack.status} state and can not be updated.`);
  }
}
