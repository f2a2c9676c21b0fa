/**
 * The stack status machine, as AWS runs it: CREATE_IN_PROGRESS -> CREATE_COMPLETE, or a failed
 * resource -> ROLLBACK_IN_PROGRESS -> ROLLBACK_COMPLETE; UPDATE_* with cleanup and
 * UPDATE_ROLLBACK_*; DELETE_*. Resources go in dependency order, independent ones together.
 */
import { stackStatus, type StackRun } from './events.ts';
import { dependencies, reversed, runGraph } from './graph.ts';
import type { ResourceRecord } from './model.ts';
import { createResource, deleteResource, failureReason, restoreResource, updateResource, type JournalEntry } from './provision.ts';
import { importersOf, publishExports, resolveOutputs, type Deployment } from './resolver.ts';
import type { Template } from './template.ts';

const list = (names: string[]) => `[${names.join(', ')}]`;

/** Deletes `records` in the reverse of `template`'s dependency order; returns those that failed. */
async function deleteAll(run: StackRun, template: Template, records: ResourceRecord[]): Promise<string[]> {
  const byId = new Map(records.map((record) => [record.logicalId, record]));
  const graph = reversed(dependencies(template, [...byId.keys()].filter((id) => Object.hasOwn(template.Resources, id))));
  for (const id of byId.keys()) if (!graph.has(id)) graph.set(id, new Set());
  return runGraph(graph, (id) => deleteResource(run, byId.get(id)!));
}

/** Finishes a deployment: outputs resolved and exports published, or the reason it cannot. */
function finish(run: StackRun, plan: Deployment): string | undefined {
  try {
    const { outputs, exports } = resolveOutputs(run, plan);
    publishExports(run, exports);
    run.stack.outputs = outputs;
    run.stack.imports = [...plan.imports];
    return undefined;
  } catch (error) {
    return failureReason(error);
  }
}

/** Creates every resource of a new stack; on a failure rolls back (or stops, with DisableRollback). */
export async function createStack(run: StackRun, plan: Deployment, onFailure: 'ROLLBACK' | 'DO_NOTHING' | 'DELETE'): Promise<void> {
  stackStatus(run, 'CREATE_IN_PROGRESS', 'User Initiated');
  const graph = dependencies(plan.template, plan.included);
  const failed = await runGraph(graph, (id) => createResource(run, plan, id));
  const problem = failed.length > 0 ? `The following resource(s) failed to create: ${list(failed)}. ` : finish(run, plan);
  if (problem === undefined) {
    stackStatus(run, 'CREATE_COMPLETE');
    return;
  }
  if (onFailure === 'DO_NOTHING') {
    stackStatus(run, 'CREATE_FAILED', problem);
    return;
  }
  if (onFailure === 'DELETE') {
    stackStatus(run, 'DELETE_IN_PROGRESS', `${problem}Delete requested by user.`);
    await deleteAll(run, plan.template, Object.values(run.stack.resources));
    stackStatus(run, 'DELETE_COMPLETE');
    run.stack.deletionTime = new Date();
    return;
  }
  stackStatus(run, 'ROLLBACK_IN_PROGRESS', `${problem}Rollback requested by user.`);
  const stuck = await deleteAll(run, plan.template, Object.values(run.stack.resources));
  if (stuck.length > 0) stackStatus(run, 'ROLLBACK_FAILED', `The following resource(s) failed to delete: ${list(stuck)}. `);
  else stackStatus(run, 'ROLLBACK_COMPLETE');
}

/** Updates a stack to `plan` (already stored on the stack); on a failure rolls back to `previous`. */
export async function updateStack(run: StackRun, previous: Deployment, plan: Deployment, rollback: { templateBody: string }): Promise<void> {
  const { stack } = run;
  stackStatus(run, 'UPDATE_IN_PROGRESS', 'User Initiated');
  const journal: JournalEntry[] = [];
  const failed = await runGraph(dependencies(plan.template, plan.included), (id) => updateResource(run, plan, id, journal));
  const problem = failed.length > 0 ? `The following resource(s) failed to ${journal.some((entry) => entry.kind === 'added' && failed.includes(entry.id)) ? 'create' : 'update'}: ${list(failed)}. ` : finish(run, plan);
  if (problem === undefined) {
    stackStatus(run, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
    const kept = new Set(plan.included);
    const removed = Object.values(stack.resources).filter((record) => !kept.has(record.logicalId));
    for (const record of removed) delete stack.resources[record.logicalId];
    const replaced = journal.flatMap((entry) => (entry.kind === 'replaced' ? [entry.old] : []));
    await deleteAll(run, previous.template, [...removed, ...replaced]);
    stackStatus(run, 'UPDATE_COMPLETE');
    return;
  }
  stackStatus(run, 'UPDATE_ROLLBACK_IN_PROGRESS', problem);
  stack.templateBody = rollback.templateBody;
  stack.parameters = previous.parameters;
  const made: ResourceRecord[] = [];
  for (const entry of [...journal].reverse()) {
    try {
      if (entry.kind === 'added') made.push(stack.resources[entry.id]!);
      else if (entry.kind === 'replaced') {
        made.push(stack.resources[entry.id]!);
        stack.resources[entry.id] = entry.old;
      } else await restoreResource(run, entry.old);
    } catch {
      // A resource that cannot be put back leaves the stack in UPDATE_ROLLBACK_FAILED below.
    }
  }
  for (const record of made) if (stack.resources[record.logicalId] === record) delete stack.resources[record.logicalId];
  stackStatus(run, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
  await deleteAll(run, plan.template, made);
  stackStatus(run, 'UPDATE_ROLLBACK_COMPLETE');
}

/** Deletes a stack's resources in reverse dependency order; an export in use or a failed delete stops it. */
export async function deleteStack(run: StackRun, template: Template | undefined, retain: string[]): Promise<void> {
  const { stack } = run;
  stackStatus(run, 'DELETE_IN_PROGRESS', 'User Initiated');
  for (const name of Object.keys(run.state.exports)) {
    if (run.state.exports[name]!.stackId !== stack.StackId) continue;
    const users = importersOf(run, name);
    if (users.length > 0) {
      stackStatus(run, 'DELETE_FAILED', `Export ${name} cannot be deleted as it is in use by ${users.join(', ')}`);
      return;
    }
  }
  for (const id of retain) if (stack.resources[id]) stack.resources[id].deletionPolicy = 'Retain';
  const failed = template ? await deleteAll(run, template, Object.values(stack.resources)) : [];
  if (failed.length > 0) {
    stackStatus(run, 'DELETE_FAILED', `The following resource(s) failed to delete: ${list(failed)}. `);
    return;
  }
  for (const [name, owner] of Object.entries(run.state.exports)) if (owner.stackId === stack.StackId) delete run.state.exports[name];
  stack.imports = [];
  stack.deletionTime = new Date();
  stackStatus(run, 'DELETE_COMPLETE');
}
