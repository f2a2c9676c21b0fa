/**
 * `util.inspect` in a page, as Node.js lays values out (depth 2, lines broken at 80 columns, the
 * innermost three levels kept on one line when they fit, long arrays grouped in columns), so a
 * handler's `console.log(order)` reads in CloudWatch Logs as it does on Lambda. Colors, getters,
 * proxies and custom inspect hooks are left out.
 */

const BREAK = 80;
const COMPACT = 3;
const DEPTH = 2;
const IDENTIFIER = /^[a-zA-Z_][a-zA-Z_0-9]*$/;

interface Context {
  depth: number;
  indentation: number;
  currentDepth: number;
  seen: unknown[];
}

/** A string as Node quotes it inside objects: single quotes unless the text holds them. */
export function quote(text: string): string {
  const mark = !text.includes("'") ? "'" : !text.includes('"') ? '"' : !text.includes('`') && !text.includes('${') ? '`' : "'";
  const escaped = text.replace(/[\\\n\t\r\b\f\v]/g, (char) => ({ '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v' })[char]!);
  return `${mark}${mark === "'" ? escaped.replaceAll("'", "\\'") : escaped}${mark}`;
}

function primitive(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'symbol':
      return value.toString();
    case 'function': {
      const source = Function.prototype.toString.call(value);
      if (source.startsWith('class')) return `[class ${value.name || '(anonymous)'}]`;
      return `[Function: ${value.name || '(anonymous)'}]`.replace('[Function: (anonymous)]', '[Function (anonymous)]');
    }
    default:
      return value === null ? 'null' : undefined;
  }
}

function groupArrayElements(output: string[], value: unknown[] | undefined, indentation: number): string[] {
  let totalLength = 0;
  let maxLength = 0;
  const separatorSpace = 2;
  const dataLen = output.map((entry) => entry.length);
  for (const length of dataLen) {
    totalLength += length + separatorSpace;
    if (maxLength < length) maxLength = length;
  }
  const actualMax = maxLength + separatorSpace;
  if (actualMax * 3 + indentation >= BREAK || !(totalLength / actualMax > 5 || maxLength <= 6)) return output;
  const averageBias = Math.sqrt(actualMax - totalLength / output.length);
  const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
  const columns = Math.min(Math.round(Math.sqrt(2.5 * biasedMax * output.length) / biasedMax), Math.floor((BREAK - indentation) / actualMax), COMPACT * 4, 15);
  if (columns <= 1) return output;
  const maxLineLength: number[] = [];
  for (let column = 0; column < columns; column++) {
    let lineLength = 0;
    for (let index = column; index < output.length; index += columns) lineLength = Math.max(lineLength, dataLen[index]!);
    maxLineLength.push(lineLength + separatorSpace);
  }
  const numeric = value !== undefined && value.every((item) => typeof item === 'number' || typeof item === 'bigint');
  const rows: string[] = [];
  for (let start = 0; start < output.length; start += columns) {
    const end = Math.min(start + columns, output.length);
    let row = '';
    let index = start;
    for (; index < end - 1; index++) row += numeric ? `${output[index]}, `.padStart(maxLineLength[index - start]!) : `${output[index]}, `.padEnd(maxLineLength[index - start]!);
    row += numeric ? output[index]!.padStart(maxLineLength[index - start]! - separatorSpace) : output[index]!;
    rows.push(row);
  }
  return rows;
}

function reduce(context: Context, output: string[], base: string, braces: [string, string], isArray: boolean, depth: number, value: unknown[] | undefined): string {
  const entries = output.length;
  if (isArray && entries > 6) output = groupArrayElements(output, value, context.indentation);
  if (context.currentDepth - depth < COMPACT && entries === output.length) {
    const start = output.length + context.indentation + braces[0].length + base.length + 10;
    let total = output.length + start;
    const fits = total + output.length <= BREAK && output.every((entry) => (total += entry.length) <= BREAK);
    const joined = output.join(', ');
    if (fits && !joined.includes('\n')) return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
  }
  const indentation = `\n${' '.repeat(context.indentation)}`;
  return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
}

function key(name: string | symbol): string {
  if (typeof name === 'symbol') return `[${name.toString()}]`;
  return IDENTIFIER.test(name) ? name : quote(name);
}

function formatValue(context: Context, value: unknown, depth: number): string {
  const simple = primitive(value);
  if (simple !== undefined) return simple;
  const object = value as object;
  if (context.seen.includes(object)) return '[Circular *1]';
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
  if (object instanceof RegExp) return object.toString();
  if (object instanceof Error) return object.stack ?? `${object.name}: ${object.message}`;
  if (object instanceof Uint8Array && (object.constructor as { name?: string }).name === 'Buffer') {
    const bytes = [...object.subarray(0, 50)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
    return `<Buffer${bytes ? ` ${bytes}` : ''}${object.length > 50 ? ` ... ${object.length - 50} more bytes` : ''}>`;
  }
  const prototype = Object.getPrototypeOf(object) as { constructor?: { name?: string } } | null;
  const name = prototype === null ? '[Object: null prototype]' : (prototype.constructor?.name ?? 'Object');
  const isArray = Array.isArray(object);
  if (depth > context.depth) return isArray ? '[Array]' : `[${name === '[Object: null prototype]' ? 'Object: null prototype' : name}]`;
  context.seen.push(object);
  context.currentDepth = depth;
  const output: string[] = [];
  let braces: [string, string] = ['{', '}'];
  let base = name === 'Object' ? '' : name;
  const child = (item: unknown) => {
    context.indentation += 2;
    const text = formatValue(context, item, depth + 1);
    context.indentation -= 2;
    return text;
  };
  if (isArray) {
    braces = ['[', ']'];
    base = name === 'Array' ? '' : `${name}(${object.length})`;
    for (const item of object.slice(0, 100)) output.push(child(item));
    if (object.length > 100) output.push(`... ${object.length - 100} more items`);
  } else if (object instanceof Map) {
    base = `${name}(${object.size})`;
    for (const [entryKey, entryValue] of object) output.push(`${child(entryKey)} => ${child(entryValue)}`);
  } else if (object instanceof Set) {
    base = `${name}(${object.size})`;
    for (const item of object) output.push(child(item));
  }
  for (const property of Reflect.ownKeys(object)) {
    if (isArray && (property === 'length' || (typeof property === 'string' && /^\d+$/.test(property)))) continue;
    if (!Object.prototype.propertyIsEnumerable.call(object, property)) continue;
    output.push(`${key(property)}: ${child((object as Record<string | symbol, unknown>)[property])}`);
  }
  context.seen.pop();
  if (output.length === 0) return `${base ? `${base} ` : ''}${braces[0]}${braces[1]}`;
  return reduce(context, output, base, braces, isArray, depth, isArray ? (object as unknown[]) : undefined);
}

/** A value laid out as Node's util.inspect lays it out (its defaults, or another depth). */
export function inspect(value: unknown, options: { depth?: number } = {}): string {
  return formatValue({ depth: options.depth ?? DEPTH, indentation: 0, currentDepth: 0, seen: [] }, value, 0);
}
