/**
 * Evaluates conditions and filters against an item. A comparison with a missing attribute is
 * false (except `<>`, which is true when only one side exists), as on DynamoDB.
 */
import { compareValues, typeOf, valuesEqual, type AttributeValue, type Item } from '../attribute-values.ts';
import type { ConditionNode, OperandNode } from './ast.ts';
import { getPath } from './paths.ts';

/** The size() of a value, or `undefined` for types that have none. */
function sizeOf(value: AttributeValue): number | undefined {
  if ('S' in value) return [...value.S].length;
  if ('B' in value) return Buffer.byteLength(value.B, 'base64');
  if ('L' in value) return value.L.length;
  if ('M' in value) return Object.keys(value.M).length;
  if ('SS' in value) return value.SS.length;
  if ('NS' in value) return value.NS.length;
  if ('BS' in value) return value.BS.length;
  return undefined;
}

/** The value of a condition operand (a path, a constant or size()), or `undefined` when it has none. */
export function operandValue(node: OperandNode, item: Item): AttributeValue | undefined {
  switch (node.type) {
    case 'path':
      return getPath(item, node.elements);
    case 'value':
      return node.value;
    case 'function': {
      const target = operandValue(node.args[0]!, item);
      const size = target ? sizeOf(target) : undefined;
      return size === undefined ? undefined : { N: String(size) };
    }
    default:
      return undefined;
  }
}

function ordered(left: AttributeValue | undefined, right: AttributeValue | undefined): number | undefined {
  return left && right ? compareValues(left, right) : undefined;
}

function beginsWith(target: AttributeValue | undefined, prefix: AttributeValue | undefined): boolean {
  if (!target || !prefix) return false;
  if ('S' in target && 'S' in prefix) return target.S.startsWith(prefix.S);
  if ('B' in target && 'B' in prefix) {
    const whole = Buffer.from(target.B, 'base64');
    const start = Buffer.from(prefix.B, 'base64');
    return whole.subarray(0, start.length).equals(start);
  }
  return false;
}

function contains(target: AttributeValue | undefined, operand: AttributeValue | undefined): boolean {
  if (!target || !operand) return false;
  if ('S' in target) return 'S' in operand && target.S.includes(operand.S);
  if ('SS' in target) return 'S' in operand && target.SS.includes(operand.S);
  if ('NS' in target) return 'N' in operand && target.NS.includes(operand.N);
  if ('BS' in target) return 'B' in operand && target.BS.includes(operand.B);
  if ('L' in target) return target.L.some((member) => valuesEqual(member, operand));
  return false;
}

function call(name: string, args: OperandNode[], item: Item): boolean {
  const first = operandValue(args[0]!, item);
  switch (name) {
    case 'attribute_exists':
      return first !== undefined;
    case 'attribute_not_exists':
      return first === undefined;
    case 'attribute_type': {
      const wanted = operandValue(args[1]!, item);
      return first !== undefined && wanted !== undefined && 'S' in wanted && typeOf(first) === wanted.S;
    }
    case 'begins_with':
      return beginsWith(first, operandValue(args[1]!, item));
    case 'contains':
      return contains(first, operandValue(args[1]!, item));
    default:
      return false;
  }
}

/** True when `item` (an empty object for a missing item) satisfies the condition. */
export function evaluateCondition(node: ConditionNode, item: Item): boolean {
  switch (node.type) {
    case 'and':
      return evaluateCondition(node.left, item) && evaluateCondition(node.right, item);
    case 'or':
      return evaluateCondition(node.left, item) || evaluateCondition(node.right, item);
    case 'not':
      return !evaluateCondition(node.operand, item);
    case 'call':
      return call(node.name, node.args, item);
    case 'in': {
      const value = operandValue(node.operand, item);
      return value !== undefined && node.list.some((member) => {
        const candidate = operandValue(member, item);
        return candidate !== undefined && valuesEqual(value, candidate);
      });
    }
    case 'between': {
      const value = operandValue(node.operand, item);
      const low = ordered(value, operandValue(node.lower, item));
      const high = ordered(value, operandValue(node.upper, item));
      return low !== undefined && high !== undefined && low >= 0 && high <= 0;
    }
    case 'compare': {
      const left = operandValue(node.left, item);
      const right = operandValue(node.right, item);
      if (node.operator === '=') return left !== undefined && right !== undefined && valuesEqual(left, right);
      if (node.operator === '<>') {
        if (left === undefined || right === undefined) return left !== right;
        return !valuesEqual(left, right);
      }
      const order = ordered(left, right);
      if (order === undefined) return false;
      if (node.operator === '<') return order < 0;
      if (node.operator === '<=') return order <= 0;
      if (node.operator === '>') return order > 0;
      return order >= 0;
    }
  }
}

/** Every top-level attribute name a condition reads (to keep key attributes out of filters). */
export function conditionAttributes(node: ConditionNode, into = new Set<string>()): Set<string> {
  const operand = (op: OperandNode): void => {
    if (op.type === 'path') into.add(String(op.elements[0]));
    else if (op.type === 'function') op.args.forEach(operand);
    else if (op.type === 'arithmetic') [op.left, op.right].forEach(operand);
  };
  switch (node.type) {
    case 'and':
    case 'or':
      conditionAttributes(node.left, into);
      conditionAttributes(node.right, into);
      break;
    case 'not':
      conditionAttributes(node.operand, into);
      break;
    case 'call':
      node.args.forEach(operand);
      break;
    case 'in':
      [node.operand, ...node.list].forEach(operand);
      break;
    case 'between':
      [node.operand, node.lower, node.upper].forEach(operand);
      break;
    case 'compare':
      [node.left, node.right].forEach(operand);
      break;
  }
  return into;
}
