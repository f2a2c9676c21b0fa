/** The scope intrinsics read while a stack deploys, and the stack's outputs and exports. */
import { TemplateError } from './errors.ts';
import type { StackRun } from './events.ts';
import { evaluateConditions, resolve, type Scope } from './intrinsics.ts';
import type { ResourceRecord, StackParameter } from './model.ts';
import { parameterValue } from './parameters.ts';
import type { Template } from './template.ts';

/** A deployment's view of a template: its parameters' values, conditions and the resources made so far. */
export interface Deployment {
  template: Template;
  parameters: StackParameter[];
  scope: Scope;
  /** The resources this deployment keeps (those whose Condition holds). */
  included: string[];
  /** Export names the template imported. */
  imports: Set<string>;
}

/** Builds the deployment of `template` over `resources` (the records Ref and Fn::GetAtt read). */
export function deployment(run: StackRun, template: Template, parameters: StackParameter[], resources: () => Record<string, ResourceRecord>): Deployment {
  const { stack } = run;
  const names: Record<string, unknown> = {
    'AWS::AccountId': run.account,
    'AWS::Region': run.region,
    'AWS::StackName': stack.StackName,
    'AWS::StackId': stack.StackId,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::NotificationARNs': stack.notificationArns,
  };
  for (const parameter of parameters) names[parameter.key] = parameterValue(template, parameter);
  const imports = new Set<string>();
  const base = {
    region: run.region,
    names,
    mappings: template.Mappings,
    ref(logicalId: string) {
      const record = resources()[logicalId];
      if (!record || record.physicalId === undefined) throw new TemplateError(`Template error: instance of ${logicalId} is not available (the resource was not created: check its Condition)`);
      return record.ref ?? record.physicalId;
    },
    getAtt(logicalId: string, attribute: string) {
      const record = resources()[logicalId];
      if (!record || record.physicalId === undefined) throw new TemplateError(`Template error: instance of Fn::GetAtt references undefined resource ${logicalId}`);
      if (!Object.hasOwn(record.attributes, attribute)) throw new TemplateError(`Template error: resource ${logicalId} does not support attribute type ${attribute} in Fn::GetAtt`);
      return record.attributes[attribute];
    },
    importValue(name: string) {
      const found = run.state.exports[name];
      if (!found) throw new TemplateError(`No export named ${name} found. Deploy the stack that exports it first.`);
      imports.add(name);
      return found.value;
    },
  };
  const conditions = evaluateConditions(template, base);
  const scope: Scope = { ...base, conditions };
  const included = Object.entries(template.Resources)
    .filter(([, resource]) => resource.Condition === undefined || conditions[resource.Condition] === true)
    .map(([name]) => name);
  return { template, parameters, scope, included, imports };
}

/** The stack's outputs, resolved, with the exports they declare; throws a TemplateError for a clash. */
export function resolveOutputs(run: StackRun, plan: Deployment): { outputs: StackRun['stack']['outputs']; exports: Record<string, string> } {
  const outputs: StackRun['stack']['outputs'] = [];
  const exports: Record<string, string> = {};
  for (const [key, output] of Object.entries(plan.template.Outputs ?? {})) {
    if (output.Condition !== undefined && plan.scope.conditions[output.Condition] !== true) continue;
    const value = resolve(output.Value, plan.scope);
    const text = Array.isArray(value) ? value.join(',') : String(value);
    const entry: StackRun['stack']['outputs'][number] = { OutputKey: key, OutputValue: text };
    if (output.Description !== undefined) entry.Description = String(output.Description);
    if (output.Export) {
      const name = String(resolve(output.Export.Name, plan.scope));
      const owner = run.state.exports[name];
      if (owner && owner.stackId !== run.stack.StackId) throw new TemplateError(`Export with name ${name} is already exported by stack ${run.state.stacks[owner.stackId]?.StackName ?? owner.stackId}`);
      exports[name] = text;
      entry.ExportName = name;
    }
    outputs.push(entry);
  }
  return { outputs, exports };
}

/** The stacks (other than this one) that import an export, by name. */
export function importersOf(run: StackRun, exportName: string): string[] {
  return Object.values(run.state.stacks)
    .filter((stack) => stack.StackId !== run.stack.StackId && stack.status !== 'DELETE_COMPLETE' && stack.imports.includes(exportName))
    .map((stack) => stack.StackName);
}

/** Replaces the stack's exports with `exports`, refusing to drop or change one another stack imports. */
export function publishExports(run: StackRun, exports: Record<string, string>): void {
  for (const [name, owner] of Object.entries(run.state.exports)) {
    if (owner.stackId !== run.stack.StackId) continue;
    const users = importersOf(run, name);
    if (users.length === 0) continue;
    if (!Object.hasOwn(exports, name)) throw new TemplateError(`Cannot delete export ${name} as it is in use by ${users.join(', ')}`);
    if (exports[name] !== owner.value) throw new TemplateError(`Cannot update export ${name} as it is in use by ${users.join(', ')}`);
  }
  for (const [name, owner] of Object.entries(run.state.exports)) if (owner.stackId === run.stack.StackId) delete run.state.exports[name];
  for (const [name, value] of Object.entries(exports)) run.state.exports[name] = { stackId: run.stack.StackId, value };
}
