/**
 * Stack events: each resource and stack status change is an event (newest first, as
 * DescribeStackEvents answers), a line of the event-flow trace, and a change saved with --state.
 */
import { randomUUID } from 'node:crypto';
import type { Emulator } from '../../emulator.ts';
import type { CloudFormationState, ResourceRecord, StackRecord } from './model.ts';

/** What a running stack operation works on. */
export interface StackRun {
  emulator: Emulator;
  account: string;
  region: string;
  state: CloudFormationState;
  stack: StackRecord;
}

/** The name the store keeps CloudFormation's state under. */
export const SERVICE_NAME = 'cloudformation';

/** Most events a stack keeps (AWS keeps them for the stack's life; a bound keeps state small). */
const EVENT_LIMIT = 2000;

function record(run: StackRun, event: { logicalId: string; physicalId?: string | undefined; type: string; status: string; reason?: string | undefined; properties?: unknown }): void {
  const { stack } = run;
  stack.events.unshift({
    EventId: event.logicalId === stack.StackName && event.type === 'AWS::CloudFormation::Stack' ? randomUUID() : `${event.logicalId}-${event.status}-${new Date().toISOString()}`,
    StackId: stack.StackId,
    StackName: stack.StackName,
    LogicalResourceId: event.logicalId,
    ...(event.physicalId !== undefined ? { PhysicalResourceId: event.physicalId } : {}),
    ResourceType: event.type,
    Timestamp: new Date(),
    ResourceStatus: event.status,
    ...(event.reason !== undefined ? { ResourceStatusReason: event.reason } : {}),
    ...(event.properties !== undefined ? { ResourceProperties: JSON.stringify(event.properties) } : {}),
  });
  if (stack.events.length > EVENT_LIMIT) stack.events.length = EVENT_LIMIT;
  const failed = event.status.endsWith('_FAILED');
  run.emulator.trace.record({
    account: run.account,
    region: run.region,
    kind: 'execution-step',
    target: stack.StackId,
    ...(failed ? { outcome: 'failed' as const } : {}),
    step: { execution: stack.StackId, ...(event.type === 'AWS::CloudFormation::Stack' ? {} : { state: event.logicalId }), phase: event.status.endsWith('_IN_PROGRESS') ? 'entered' : 'exited' },
    detail: `CloudFormation stack ${stack.StackName}: ${event.logicalId} (${event.type}) ${event.status}${event.reason ? `: ${event.reason}` : ''}`,
  });
  run.emulator.store.markDirty(SERVICE_NAME, run.account, run.region);
}

/** Sets the stack's status and records it as an event of the stack itself. */
export function stackStatus(run: StackRun, status: string, reason?: string): void {
  run.stack.status = status;
  if (reason === undefined) delete run.stack.statusReason;
  else run.stack.statusReason = reason;
  record(run, { logicalId: run.stack.StackName, physicalId: run.stack.StackId, type: 'AWS::CloudFormation::Stack', status, reason });
}

/** Sets a resource's status and records the event. */
export function resourceStatus(run: StackRun, resource: ResourceRecord, status: string, reason?: string, properties?: unknown): void {
  resource.status = status;
  resource.timestamp = new Date();
  if (reason === undefined) delete resource.statusReason;
  else resource.statusReason = reason;
  record(run, { logicalId: resource.logicalId, physicalId: resource.physicalId ?? '', type: resource.type, status, reason, properties });
}
