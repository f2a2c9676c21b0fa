/**
 * What a new template and parameters would change in a stack, as a change set lists it: Add,
 * Modify (Replacement True, False or Conditional) and Remove, with the properties that cause each.
 */
import { resolve } from './intrinsics.ts';
import type { StackRecord } from './model.ts';
import type { Deployment } from './resolver.ts';
import { provisionerOf } from './resources/index.ts';

/** One entry of DescribeChangeSet's Changes. */
export interface Change {
  Type: 'Resource';
  ResourceChange: Record<string, unknown>;
}

function changedProperties(plan: Deployment, logicalId: string, old: Record<string, unknown>): { names: string[]; dynamic: boolean } {
  let now: Record<string, unknown>;
  try {
    now = resolve(plan.template.Resources[logicalId]!.Properties ?? {}, plan.scope) as Record<string, unknown>;
  } catch {
    // It reads a resource that the change set adds or replaces: known only once that exists.
    const raw = plan.template.Resources[logicalId]!.Properties ?? {};
    return { names: Object.keys({ ...raw, ...old }), dynamic: true };
  }
  const names = [...new Set([...Object.keys(now), ...Object.keys(old)])].filter((name) => JSON.stringify(now[name]) !== JSON.stringify(old[name]));
  return { names, dynamic: false };
}

/** The changes `plan` makes to `stack` (every resource an Add for a new stack). */
export function computeChanges(stack: StackRecord, plan: Deployment): Change[] {
  const changes: Change[] = [];
  for (const logicalId of plan.included) {
    const type = plan.template.Resources[logicalId]!.Type;
    const existing = stack.resources[logicalId];
    if (!existing || existing.physicalId === undefined) {
      changes.push({ Type: 'Resource', ResourceChange: { Action: 'Add', LogicalResourceId: logicalId, ResourceType: type, Scope: [], Details: [] } });
      continue;
    }
    const { names, dynamic } = changedProperties(plan, logicalId, existing.properties);
    if (names.length === 0 && existing.type === type) continue;
    const provisioner = provisionerOf(type);
    const replaces = (name: string) => existing.type !== type || !provisioner?.update || provisioner.replaceOn?.includes(name) === true;
    const replacement = names.some(replaces) ? (dynamic ? 'Conditional' : 'True') : 'False';
    changes.push({
      Type: 'Resource',
      ResourceChange: {
        Action: 'Modify',
        LogicalResourceId: logicalId,
        PhysicalResourceId: existing.physicalId,
        ResourceType: type,
        Replacement: replacement,
        Scope: ['Properties'],
        Details: names.map((name) => ({
          Target: { Attribute: 'Properties', Name: name, RequiresRecreation: replaces(name) ? 'Always' : 'Never' },
          Evaluation: dynamic ? 'Dynamic' : 'Static',
          ChangeSource: dynamic ? 'ResourceReference' : 'DirectModification',
        })),
      },
    });
  }
  const kept = new Set(plan.included);
  for (const record of Object.values(stack.resources)) {
    if (kept.has(record.logicalId) || record.physicalId === undefined) continue;
    changes.push({ Type: 'Resource', ResourceChange: { Action: 'Remove', LogicalResourceId: record.logicalId, PhysicalResourceId: record.physicalId, ResourceType: record.type, PolicyAction: record.deletionPolicy === 'Retain' ? 'Retain' : 'Delete', Scope: [], Details: [] } });
  }
  return changes;
}

/** True when an update would change nothing: no resource changes and the same outputs and parameters. */
export function isNoOp(stack: StackRecord, plan: Deployment, changes: Change[], previousOutputs: unknown): boolean {
  if (changes.length > 0) return false;
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return same(plan.template.Outputs, previousOutputs) && same(plan.parameters.map((p) => [p.key, p.value]), stack.parameters.map((p) => [p.key, p.value]));
}
