/**
 * What a target receives: the whole event, a constant `Input`, the part at `InputPath`, or an
 * `InputTransformer` result, following EventBridge's documented substitution rules.
 */
import type { Target } from './model.ts';

/** What a transformer may refer to besides the event itself. */
export interface TransformContext {
  ruleArn: string;
  ruleName: string;
  ingestionTime: string;
}

const PATH = /^\$(?:\.[\w\-/]+|\[\d+\])*$/;

/** Reads a JSON path like `$.detail.items[0].sku`; `undefined` when a step is missing. */
export function readJsonPath(value: unknown, path: string): unknown {
  if (!PATH.test(path)) return undefined;
  let current: unknown = value;
  for (const [, name, index] of path.slice(1).matchAll(/\.([\w\-/]+)|\[(\d+)\]/g)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = name !== undefined ? (current as Record<string, unknown>)[name] : (current as unknown[])[Number(index)];
    if (current === undefined) return undefined;
  }
  return current;
}

/** Checks a JSON path for PutTargets, which refuses paths EventBridge cannot evaluate. */
export function isValidJsonPath(path: string): boolean {
  return PATH.test(path);
}

/**
 * Fills an InputTemplate: a variable outside quotes becomes its JSON value; inside a quoted string
 * it becomes its text, unescaped, as EventBridge does. A variable whose path is missing in the
 * event is left out (null outside quotes, empty text inside).
 */
export function fillTemplate(template: string, variables: Map<string, unknown>): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const char = template[i]!;
    if (char === '"' && template[i - 1] !== '\\') inString = !inString;
    if (char === '<') {
      const end = template.indexOf('>', i);
      const name = end > i ? template.slice(i + 1, end) : '';
      if (/^[\w.\-]+$/.test(name) && variables.has(name) ) {
        const value = variables.get(name);
        if (inString) out += value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
        else out += value === undefined ? 'null' : JSON.stringify(value);
        i = end;
        continue;
      }
    }
    out += char;
  }
  return out;
}

/** The text a target receives for one event. */
export function targetInput(target: Target, event: Record<string, unknown>, context: TransformContext): string {
  if (target.Input !== undefined) return target.Input;
  if (target.InputPath !== undefined) return JSON.stringify(readJsonPath(event, target.InputPath) ?? null);
  if (!target.InputTransformer) return JSON.stringify(event);
  const variables = new Map<string, unknown>();
  for (const [name, path] of Object.entries(target.InputTransformer.InputPathsMap ?? {})) {
    variables.set(name, readJsonPath(event, path));
  }
  const { detail: _detail, ...withoutDetail } = event;
  variables.set('aws.events.rule-arn', context.ruleArn);
  variables.set('aws.events.rule-name', context.ruleName);
  variables.set('aws.events.event.ingestion-time', context.ingestionTime);
  variables.set('aws.events.event', withoutDetail);
  variables.set('aws.events.event.json', event);
  const filled = fillTemplate(target.InputTransformer.InputTemplate, variables);
  try {
    // The JSON passed to the target is minified, as EventBridge sends it.
    return JSON.stringify(JSON.parse(filled));
  } catch {
    return filled;
  }
}
