/**
 * The intrinsic functions: Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::If and
 * the condition functions, Fn::FindInMap, Fn::Base64, Fn::GetAZs, Fn::Cidr, Fn::ImportValue and
 * AWS::NoValue, evaluated over parameters, pseudo parameters and the resources made so far.
 */
import { TemplateError } from './errors.ts';
import type { Template } from './template.ts';
import { cidrBlocks } from './cidr.ts';

/** What `Ref: AWS::NoValue` resolves to: the property or list item is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** What intrinsics read: the values of names and the resources' Ref and attributes. */
export interface Scope {
  region: string;
  /** Parameter values and pseudo parameters (`AWS::Region`), by name. */
  names: Record<string, unknown>;
  conditions: Record<string, boolean>;
  mappings: Template['Mappings'];
  /** A resource's Ref value; throws when the resource has none yet. */
  ref(logicalId: string): unknown;
  getAtt(logicalId: string, attribute: string): unknown;
  importValue(name: string): unknown;
}

const fail = (message: string): never => {
  throw new TemplateError(`Template error: ${message}`);
};

const asText = (value: unknown, where: string): string => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return fail(`every value of ${where} must be a string`);
};

const asList = (value: unknown, where: string): unknown[] => (Array.isArray(value) ? value : fail(`${where} requires a list`));

/** The single key of an intrinsic function object, or undefined for an ordinary object. */
export function intrinsicName(value: object): string | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = keys[0]!;
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::') ? key : undefined;
}

/** Resolves every intrinsic function in `value`. */
export function resolve(value: unknown, scope: Scope): unknown {
  if (Array.isArray(value)) return value.map((item) => resolve(item, scope)).filter((item) => item !== NO_VALUE);
  if (typeof value !== 'object' || value === null) return value;
  const name = intrinsicName(value);
  if (name && name !== 'Condition') return call(name, (value as Record<string, unknown>)[name], scope);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const resolved = resolve(item, scope);
    if (resolved !== NO_VALUE) out[key] = resolved;
  }
  return out;
}

function call(name: string, args: unknown, scope: Scope): unknown {
  switch (name) {
    case 'Ref':
      return ref(asText(args, 'Ref'), scope);
    case 'Fn::GetAtt': {
      const [logicalId, attribute] = typeof args === 'string' ? [args.slice(0, args.indexOf('.')), args.slice(args.indexOf('.') + 1)] : asList(args, 'Fn::GetAtt');
      return scope.getAtt(asText(logicalId, 'Fn::GetAtt'), asText(resolve(attribute, scope), 'Fn::GetAtt'));
    }
    case 'Fn::Sub':
      return sub(args, scope);
    case 'Fn::Join': {
      const [delimiter, items] = asList(args, 'Fn::Join');
      return asList(resolve(items, scope), 'Fn::Join').map((item) => asText(item, 'Fn::Join')).join(asText(delimiter, 'Fn::Join'));
    }
    case 'Fn::Select': {
      const [index, items] = asList(args, 'Fn::Select');
      const list = asList(resolve(items, scope), 'Fn::Select');
      const at = Number(resolve(index, scope));
      if (!Number.isInteger(at) || at < 0 || at >= list.length) fail(`Fn::Select cannot select nonexistent value at index ${String(index)}`);
      return list[at];
    }
    case 'Fn::Split': {
      const [delimiter, text] = asList(args, 'Fn::Split');
      return asText(resolve(text, scope), 'Fn::Split').split(asText(delimiter, 'Fn::Split'));
    }
    case 'Fn::If': {
      const [condition, whenTrue, whenFalse] = asList(args, 'Fn::If');
      return resolve(conditionValue(asText(condition, 'Fn::If'), scope) ? whenTrue : whenFalse, scope);
    }
    case 'Fn::Equals':
    case 'Fn::Not':
    case 'Fn::And':
    case 'Fn::Or':
      return evaluateCondition({ [name]: args }, scope);
    case 'Fn::FindInMap': {
      const [map, top, second] = asList(resolve(args, scope), 'Fn::FindInMap').map((item) => asText(item, 'Fn::FindInMap'));
      const found = scope.mappings?.[map!]?.[top!]?.[second!];
      return found === undefined ? fail(`Unable to get mapping for ${map}::${top}::${second}`) : found;
    }
    case 'Fn::Base64':
      return Buffer.from(asText(resolve(args, scope), 'Fn::Base64')).toString('base64');
    case 'Fn::GetAZs': {
      const region = asText(resolve(args, scope), 'Fn::GetAZs') || scope.region;
      return ['a', 'b', 'c'].map((zone) => `${region}${zone}`);
    }
    case 'Fn::Cidr': {
      const [block, count, bits] = asList(resolve(args, scope), 'Fn::Cidr');
      return cidrBlocks(asText(block, 'Fn::Cidr'), Number(count), Number(bits));
    }
    case 'Fn::ImportValue':
      return scope.importValue(asText(resolve(args, scope), 'Fn::ImportValue'));
    default:
      return fail(`the intrinsic function ${name} is not supported by the workshop emulator`);
  }
}

function ref(name: string, scope: Scope): unknown {
  if (name === 'AWS::NoValue') return NO_VALUE;
  if (Object.hasOwn(scope.names, name)) return scope.names[name];
  return scope.ref(name);
}

function conditionValue(name: string, scope: Scope): boolean {
  // `in`, not Object.hasOwn: while the Conditions section is evaluated, `conditions` is a proxy that evaluates on demand.
  if (!(name in scope.conditions) || typeof scope.conditions[name] !== 'boolean') fail(`Unresolved condition dependency ${name} in Fn::If`);
  return scope.conditions[name]!;
}

/** Evaluates a condition expression (Fn::Equals/Not/And/Or or `{ Condition: name }`) to a boolean. */
export function evaluateCondition(expression: unknown, scope: Scope): boolean {
  if (typeof expression !== 'object' || expression === null) return fail('a condition must be an intrinsic function');
  const name = intrinsicName(expression);
  const args = (expression as Record<string, unknown>)[name ?? ''];
  switch (name) {
    case 'Condition':
      return conditionValue(asText(args, 'Condition'), scope);
    case 'Fn::Equals': {
      const [a, b] = asList(args, 'Fn::Equals').map((item) => resolve(item, scope));
      return JSON.stringify(a) === JSON.stringify(b) || String(a) === String(b);
    }
    case 'Fn::Not':
      return !evaluateCondition(asList(args, 'Fn::Not')[0], scope);
    case 'Fn::And':
    case 'Fn::Or': {
      const items = asList(args, name);
      if (items.length < 2 || items.length > 10) fail(`${name} takes between 2 and 10 conditions`);
      const values = items.map((item) => evaluateCondition(item, scope));
      return name === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
    }
    default:
      return fail('a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition');
  }
}

/** Evaluates the Conditions section in order of need (a condition may name another). */
export function evaluateConditions(template: Template, scope: Omit<Scope, 'conditions'>): Record<string, boolean> {
  const declared = template.Conditions ?? {};
  const values: Record<string, boolean> = Object.create(null);
  const visiting = new Set<string>();
  const conditions = new Proxy(values, {
    has: (_target, key) => typeof key === 'string' && Object.hasOwn(declared, key),
    get: (_target, key) => (typeof key === 'string' ? valueOf(key) : undefined),
  });
  const valueOf = (name: string): boolean => {
    if (Object.hasOwn(values, name)) return values[name]!;
    if (visiting.has(name)) fail(`circular condition dependency at ${name}`);
    visiting.add(name);
    values[name] = evaluateCondition(declared[name], { ...scope, conditions });
    return values[name]!;
  };
  for (const name of Object.keys(declared)) valueOf(name);
  return values;
}

const SUB_VARIABLE = /\$\{([^}]*)\}/g;

function sub(args: unknown, scope: Scope): string {
  const [text, variables] = typeof args === 'string' ? [args, {}] : asList(args, 'Fn::Sub');
  const own = resolve(variables ?? {}, scope) as Record<string, unknown>;
  return asText(text, 'Fn::Sub').replace(SUB_VARIABLE, (whole, inner: string) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    const name = inner.trim();
    if (Object.hasOwn(own, name)) return asText(own[name], 'Fn::Sub');
    const dot = name.indexOf('.');
    if (dot > 0 && !Object.hasOwn(scope.names, name)) return asText(scope.getAtt(name.slice(0, dot), name.slice(dot + 1)), 'Fn::Sub');
    const value = ref(name, scope);
    return Array.isArray(value) ? value.join(',') : asText(value, 'Fn::Sub');
  });
}

/** The names a value refers to (Ref, Fn::GetAtt, Fn::Sub variables): the resources among them are its dependencies. */
export function references(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) references(item, found);
    return found;
  }
  if (typeof value !== 'object' || value === null) return found;
  const name = intrinsicName(value);
  const args = (value as Record<string, unknown>)[name ?? ''];
  if (name === 'Ref' && typeof args === 'string') found.add(args);
  else if (name === 'Fn::GetAtt') found.add(typeof args === 'string' ? args.split('.')[0]! : String((args as unknown[])[0]));
  else if (name === 'Fn::Sub') {
    const [text, variables] = typeof args === 'string' ? [args, {}] : (args as [string, Record<string, unknown>]);
    const own = new Set(Object.keys(variables ?? {}));
    for (const match of String(text).matchAll(SUB_VARIABLE)) {
      const inner = match[1]!.trim();
      if (!inner.startsWith('!') && !own.has(inner)) found.add(inner.split('.')[0]!);
    }
    references(variables, found);
  } else for (const item of Object.values(value)) references(item, found);
  return found;
}
