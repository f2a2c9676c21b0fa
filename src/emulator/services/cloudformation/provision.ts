/**
 * One resource at a time: resolve its properties, check them, and create, update (in place or by
 * replacement) or delete it through its provisioner, recording each step as AWS's stack events.
 */
import { randomBytes } from 'node:crypto';
import { isAwsError } from '../../errors.ts';
import { resourceStatus, type StackRun } from './events.ts';
import { resolve } from './intrinsics.ts';
import type { ResourceRecord } from './model.ts';
import type { Deployment } from './resolver.ts';
import { provisionerOf } from './resources/index.ts';
import type { ProvisionContext, Provisioner } from './resources/types.ts';
import { authorizeAsRole, stackRoleSession } from './role.ts';

/** What an update changed, kept so a failed update can be rolled back. */
export type JournalEntry = { kind: 'added'; id: string } | { kind: 'updated'; id: string; old: ResourceRecord } | { kind: 'replaced'; id: string; old: ResourceRecord };

/** Why a resource failed, in the shape CloudFormation's resource handlers report it. */
export function failureReason(error: unknown): string {
  if (isAwsError(error)) return `Resource handler returned message: "${error.message}" (Status Code: ${error.status}, HandlerErrorCode: ${error.code})`;
  return (error as Error)?.message ?? String(error);
}

/** The context a provisioner works in for one resource of the run's stack. */
export function provisionContext(run: StackRun, logicalId: string): ProvisionContext {
  const scope = { account: run.account, region: run.region };
  return {
    emulator: run.emulator,
    account: run.account,
    region: run.region,
    stackName: run.stack.StackName,
    stackId: run.stack.StackId,
    logicalId,
    async call(service, operation, input) {
      // With a service role, CloudFormation acts with the role's credentials: its policies decide.
      if (run.stack.roleArn) await authorizeAsRole(run.emulator, stackRoleSession(run.emulator, run.account, run.stack.roleArn), scope, service, operation, input);
      return run.emulator.call(service, operation, input, scope);
    },
    generatedName(maxLength, options = {}) {
      const random = Array.from(randomBytes(13), (byte) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[byte % 36]).join('');
      const suffix = options.suffix ?? '';
      const room = maxLength - random.length - suffix.length - 2;
      // CloudFormation shortens the stack and logical names, never the random part, to fit.
      const stackPart = run.stack.StackName.slice(0, Math.max(1, Math.floor(room / 2)));
      const logicalPart = logicalId.slice(0, Math.max(1, room - stackPart.length));
      const name = `${stackPart}-${logicalPart}-${random}${suffix}`;
      return options.lowercase ? name.toLowerCase() : name;
    },
    sleep: (milliseconds) => new Promise((done) => setTimeout(done, Math.max(1, run.emulator.scaled(milliseconds, run.account)))),
  };
}

function provisionerFor(type: string): Provisioner {
  const provisioner = provisionerOf(type);
  if (!provisioner) throw new Error(`Resource type ${type} is not supported by the workshop emulator. Deploy this stack to LocalStack or AWS (--target), or remove the resource.`);
  return provisioner;
}

function resolvedProperties(plan: Deployment, logicalId: string, provisioner: Provisioner, type: string): Record<string, any> {
  const properties = resolve(plan.template.Resources[logicalId]!.Properties ?? {}, plan.scope) as Record<string, any>;
  const unknown = Object.keys(properties).filter((name) => !provisioner.properties.includes(name));
  if (unknown.length > 0) throw new Error(`Property ${unknown.join(', ')} of ${type} is not supported by the workshop emulator; remove it or deploy to LocalStack or AWS.`);
  const missing = (provisioner.required ?? []).filter((name) => properties[name] === undefined);
  if (missing.length > 0) throw new Error(`Properties validation failed for resource ${logicalId} with message: #: required key [${missing[0]}] not found`);
  return properties;
}

function newRecord(plan: Deployment, logicalId: string, status: string): ResourceRecord {
  const definition = plan.template.Resources[logicalId]!;
  return {
    logicalId,
    type: definition.Type,
    status,
    timestamp: new Date(),
    properties: {},
    attributes: {},
    ...(definition.DeletionPolicy ? { deletionPolicy: String(definition.DeletionPolicy) } : {}),
    ...(definition.Metadata ? { metadata: definition.Metadata } : {}),
  };
}

async function make(run: StackRun, plan: Deployment, record: ResourceRecord, phase: 'CREATE' | 'UPDATE', startReason?: string): Promise<void> {
  resourceStatus(run, record, `${phase}_IN_PROGRESS`, startReason);
  try {
    const provisioner = provisionerFor(record.type);
    const properties = resolvedProperties(plan, record.logicalId, provisioner, record.type);
    const made = await provisioner.create(properties, provisionContext(run, record.logicalId));
    record.physicalId = made.physicalId;
    record.ref = made.ref ?? made.physicalId;
    record.attributes = made.attributes ?? {};
    record.properties = properties;
    resourceStatus(run, record, `${phase}_IN_PROGRESS`, 'Resource creation Initiated');
    resourceStatus(run, record, `${phase}_COMPLETE`, made.note);
  } catch (error) {
    resourceStatus(run, record, `${phase}_FAILED`, failureReason(error));
    throw error;
  }
}

/** Creates one resource of a new stack (or one an update adds). */
export async function createResource(run: StackRun, plan: Deployment, logicalId: string): Promise<void> {
  const record = newRecord(plan, logicalId, 'CREATE_IN_PROGRESS');
  run.stack.resources[logicalId] = record;
  await make(run, plan, record, 'CREATE');
}

/** Brings one resource to what the new template says: nothing, add, update in place or replace. */
export async function updateResource(run: StackRun, plan: Deployment, logicalId: string, journal: JournalEntry[]): Promise<void> {
  const existing = run.stack.resources[logicalId];
  if (!existing || existing.physicalId === undefined) {
    journal.push({ kind: 'added', id: logicalId });
    await createResource(run, plan, logicalId);
    return;
  }
  const type = plan.template.Resources[logicalId]!.Type;
  let properties: Record<string, any>;
  let provisioner: Provisioner;
  try {
    provisioner = provisionerFor(type);
    properties = resolvedProperties(plan, logicalId, provisioner, type);
  } catch (error) {
    resourceStatus(run, existing, 'UPDATE_FAILED', failureReason(error));
    throw error;
  }
  existing.deletionPolicy = plan.template.Resources[logicalId]!.DeletionPolicy;
  if (existing.type === type && JSON.stringify(properties) === JSON.stringify(existing.properties)) return;
  const changed = [...new Set([...Object.keys(properties), ...Object.keys(existing.properties)])].filter((name) => JSON.stringify(properties[name]) !== JSON.stringify(existing.properties[name]));
  const replace = existing.type !== type || !provisioner.update || changed.some((name) => provisioner.replaceOn?.includes(name));
  if (replace) {
    const named = provisioner.nameProperty;
    if (existing.type === type && named && properties[named] !== undefined && properties[named] === existing.properties[named]) {
      const reason = `CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename ${properties[named]} and update the stack again.`;
      resourceStatus(run, existing, 'UPDATE_FAILED', reason);
      throw new Error(reason);
    }
    const record = newRecord(plan, logicalId, 'UPDATE_IN_PROGRESS');
    run.stack.resources[logicalId] = record;
    journal.push({ kind: 'replaced', id: logicalId, old: existing });
    await make(run, plan, record, 'UPDATE', 'Requested update requires the creation of a new physical resource; hence creating one.');
    return;
  }
  const old = structuredClone(existing);
  resourceStatus(run, existing, 'UPDATE_IN_PROGRESS');
  try {
    const updated = await provisioner.update!(properties, { physicalId: existing.physicalId, ref: existing.ref, attributes: existing.attributes, properties: existing.properties }, provisionContext(run, logicalId));
    journal.push({ kind: 'updated', id: logicalId, old });
    existing.properties = properties;
    existing.ref = updated.ref ?? updated.physicalId;
    existing.attributes = updated.attributes ?? existing.attributes;
    resourceStatus(run, existing, 'UPDATE_COMPLETE', updated.note);
  } catch (error) {
    journal.push({ kind: 'updated', id: logicalId, old });
    resourceStatus(run, existing, 'UPDATE_FAILED', failureReason(error));
    throw error;
  }
}

/** Puts a resource updated in place back to its old properties (an update's rollback). */
export async function restoreResource(run: StackRun, old: ResourceRecord): Promise<void> {
  const current = run.stack.resources[old.logicalId]!;
  resourceStatus(run, current, 'UPDATE_IN_PROGRESS');
  try {
    const provisioner = provisionerFor(old.type);
    await provisioner.update!(old.properties, { physicalId: old.physicalId!, ref: current.ref, attributes: current.attributes, properties: current.properties }, provisionContext(run, old.logicalId));
    Object.assign(current, { properties: old.properties, ref: old.ref, attributes: old.attributes });
    resourceStatus(run, current, 'UPDATE_COMPLETE');
  } catch (error) {
    resourceStatus(run, current, 'UPDATE_FAILED', failureReason(error));
    throw error;
  }
}

/** Deletes one resource; DeletionPolicy Retain leaves it (DELETE_SKIPPED), as AWS does. */
export async function deleteResource(run: StackRun, record: ResourceRecord): Promise<void> {
  if (record.physicalId === undefined) {
    resourceStatus(run, record, 'DELETE_COMPLETE');
    return;
  }
  if (record.deletionPolicy === 'Retain' || record.deletionPolicy === 'RetainExceptOnCreate') {
    resourceStatus(run, record, 'DELETE_SKIPPED');
    return;
  }
  resourceStatus(run, record, 'DELETE_IN_PROGRESS');
  try {
    const provisioner = provisionerOf(record.type);
    await provisioner?.delete({ physicalId: record.physicalId, ref: record.ref, attributes: record.attributes, properties: record.properties }, provisionContext(run, record.logicalId));
    resourceStatus(run, record, 'DELETE_COMPLETE');
  } catch (error) {
    resourceStatus(run, record, 'DELETE_FAILED', failureReason(error));
    throw error;
  }
}
