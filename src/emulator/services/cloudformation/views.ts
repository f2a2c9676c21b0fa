/** How stacks, resources and events appear in CloudFormation's Describe and List answers. */
import type { ResourceRecord, StackRecord } from './model.ts';
import { parametersView } from './parameters.ts';

/** DescribeStacks' view of one stack. */
export function stackView(stack: StackRecord): Record<string, unknown> {
  return {
    StackId: stack.StackId,
    StackName: stack.StackName,
    ...(stack.changeSetId ? { ChangeSetId: stack.changeSetId } : {}),
    ...(stack.description !== undefined ? { Description: stack.description } : {}),
    Parameters: parametersView(stack.parameters),
    CreationTime: stack.creationTime,
    ...(stack.deletionTime ? { DeletionTime: stack.deletionTime } : {}),
    ...(stack.lastUpdatedTime ? { LastUpdatedTime: stack.lastUpdatedTime } : {}),
    RollbackConfiguration: {},
    StackStatus: stack.status,
    ...(stack.statusReason !== undefined ? { StackStatusReason: stack.statusReason } : {}),
    DisableRollback: stack.disableRollback,
    NotificationARNs: stack.notificationArns,
    Capabilities: stack.capabilities,
    ...(stack.roleArn ? { RoleARN: stack.roleArn } : {}),
    Outputs: stack.outputs,
    Tags: stack.tags,
    EnableTerminationProtection: false,
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}

/** ListStacks' summary of one stack. */
export function stackSummary(stack: StackRecord): Record<string, unknown> {
  return {
    StackId: stack.StackId,
    StackName: stack.StackName,
    ...(stack.description !== undefined ? { TemplateDescription: stack.description } : {}),
    CreationTime: stack.creationTime,
    ...(stack.lastUpdatedTime ? { LastUpdatedTime: stack.lastUpdatedTime } : {}),
    ...(stack.deletionTime ? { DeletionTime: stack.deletionTime } : {}),
    StackStatus: stack.status,
    ...(stack.statusReason !== undefined ? { StackStatusReason: stack.statusReason } : {}),
    DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  };
}

const resourceBase = (resource: ResourceRecord) => ({
  LogicalResourceId: resource.logicalId,
  ...(resource.physicalId !== undefined ? { PhysicalResourceId: resource.physicalId } : {}),
  ResourceType: resource.type,
});

/** DescribeStackResources' view of one resource. */
export function resourceView(stack: StackRecord, resource: ResourceRecord): Record<string, unknown> {
  return {
    StackName: stack.StackName,
    StackId: stack.StackId,
    ...resourceBase(resource),
    Timestamp: resource.timestamp,
    ResourceStatus: resource.status,
    ...(resource.statusReason !== undefined ? { ResourceStatusReason: resource.statusReason } : {}),
    DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
  };
}

/** DescribeStackResource's detail of one resource. */
export function resourceDetail(stack: StackRecord, resource: ResourceRecord): Record<string, unknown> {
  return {
    StackName: stack.StackName,
    StackId: stack.StackId,
    ...resourceBase(resource),
    LastUpdatedTimestamp: resource.timestamp,
    ResourceStatus: resource.status,
    ...(resource.statusReason !== undefined ? { ResourceStatusReason: resource.statusReason } : {}),
    Metadata: JSON.stringify(resource.metadata ?? {}),
    DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
  };
}

/** ListStackResources' summary of one resource. */
export function resourceSummary(resource: ResourceRecord): Record<string, unknown> {
  return {
    ...resourceBase(resource),
    LastUpdatedTimestamp: resource.timestamp,
    ResourceStatus: resource.status,
    ...(resource.statusReason !== undefined ? { ResourceStatusReason: resource.statusReason } : {}),
    DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
  };
}

/** One page of `items` from an opaque NextToken (an offset), `size` at a time. */
export function page<T>(items: T[], token: unknown, size: number): { items: T[]; NextToken?: string } {
  const start = typeof token === 'string' && /^\d+$/.test(token) ? Number(token) : 0;
  const slice = items.slice(start, start + size);
  return { items: slice, ...(start + size < items.length ? { NextToken: String(start + size) } : {}) };
}
