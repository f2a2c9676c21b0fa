/**
 * The order resources are made in: each waits for the resources its properties refer to and those
 * in its DependsOn; independent ones run at the same time. Deletion runs the same graph backwards.
 */
import { ValidationError } from './errors.ts';
import { references } from './intrinsics.ts';
import type { Template } from './template.ts';

const PSEUDO = new Set(['AWS::AccountId', 'AWS::Region', 'AWS::StackName', 'AWS::StackId', 'AWS::Partition', 'AWS::URLSuffix', 'AWS::NotificationARNs', 'AWS::NoValue']);

/** Each resource's dependencies among `included`; checks every name resolves, as CreateStack does. */
export function dependencies(template: Template, included: Iterable<string>): Map<string, Set<string>> {
  const resources = template.Resources;
  const parameters = template.Parameters ?? {};
  const chosen = new Set(included);
  const graph = new Map<string, Set<string>>();
  const unresolved = new Set<string>();
  for (const name of chosen) {
    const resource = resources[name]!;
    const needs = new Set<string>();
    for (const target of references(resource.Properties ?? {})) {
      if (Object.hasOwn(resources, target)) {
        if (chosen.has(target) && target !== name) needs.add(target);
      } else if (!Object.hasOwn(parameters, target) && !PSEUDO.has(target)) unresolved.add(target);
    }
    const dependsOn = resource.DependsOn === undefined ? [] : Array.isArray(resource.DependsOn) ? resource.DependsOn : [resource.DependsOn];
    for (const target of dependsOn) {
      if (!Object.hasOwn(resources, String(target))) unresolved.add(String(target));
      else if (chosen.has(String(target))) needs.add(String(target));
    }
    graph.set(name, needs);
  }
  if (unresolved.size > 0) throw new ValidationError(`Template format error: Unresolved resource dependencies [${[...unresolved].join(', ')}] in the Resources block of the template`);
  const cycle = findCycle(graph);
  if (cycle) throw new ValidationError(`Circular dependency between resources: [${cycle.join(', ')}]`);
  return graph;
}

/** The outputs' unresolved names, checked like the resources' (Outputs may not name what does not exist). */
export function checkOutputReferences(template: Template): void {
  const known = (name: string) => Object.hasOwn(template.Resources, name) || Object.hasOwn(template.Parameters ?? {}, name) || PSEUDO.has(name);
  for (const [key, output] of Object.entries(template.Outputs ?? {})) {
    const missing = [...references(output)].filter((name) => !known(name));
    if (missing.length > 0) throw new ValidationError(`Template format error: Unresolved resource dependencies [${missing.join(', ')}] in the Outputs block of the template (output ${key})`);
  }
}

function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'visiting') return path.slice(path.indexOf(node));
    state.set(node, 'visiting');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const found = visit(node);
    if (found) return found.sort();
  }
  return undefined;
}

/** The graph with every edge turned around: what deletion waits for. */
export function reversed(graph: Map<string, Set<string>>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>([...graph.keys()].map((node) => [node, new Set<string>()]));
  for (const [node, needs] of graph) for (const target of needs) out.get(target)?.add(node);
  return out;
}

/**
 * Runs `work` for every node once its dependencies succeeded, independent nodes together. After a
 * failure no new node starts, as CloudFormation stops; what runs is let finish. Returns the failed nodes.
 */
export async function runGraph(graph: Map<string, Set<string>>, work: (node: string) => Promise<void>): Promise<string[]> {
  const done = new Set<string>();
  const started = new Set<string>();
  const failed: string[] = [];
  return new Promise((settle) => {
    let running = 0;
    const next = () => {
      if (failed.length === 0) {
        for (const [node, needs] of graph) {
          if (started.has(node) || ![...needs].every((need) => done.has(need))) continue;
          started.add(node);
          running++;
          work(node).then(
            () => done.add(node),
            () => failed.push(node),
          ).finally(() => {
            running--;
            next();
          });
        }
      }
      if (running === 0) settle(failed);
    };
    next();
  });
}
