/**
 * KeyConditionExpression: an equality on the partition key, optionally AND one condition on the
 * sort key (`=`, `<`, `<=`, `>`, `>=`, `BETWEEN`, `begins_with`), checked against the schema of
 * the table or index being queried.
 */
import { compareValues, typeOf, type AttributeValue } from '../attribute-values.ts';
import { DynamoValidationException, invalidParameter } from '../errors.ts';
import type { ConditionNode, OperandNode } from './ast.ts';

/** The sort-key part of a key condition. */
export interface RangeCondition {
  name: string;
  operator: '=' | '<' | '<=' | '>' | '>=' | 'BETWEEN' | 'begins_with';
  values: AttributeValue[];
}

/** A key condition resolved against a key schema. */
export interface KeyCondition {
  hashName: string;
  hashValue: AttributeValue;
  range?: RangeCondition;
}

const MIRROR: Record<string, RangeCondition['operator']> = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

function flatten(node: ConditionNode, into: ConditionNode[]): ConditionNode[] {
  if (node.type === 'and') {
    flatten(node.left, into);
    flatten(node.right, into);
  } else {
    into.push(node);
  }
  return into;
}

function unsupported(): DynamoValidationException {
  return new DynamoValidationException('Query key condition not supported');
}

function attribute(node: OperandNode): string | undefined {
  return node.type === 'path' && node.elements.length === 1 ? String(node.elements[0]) : undefined;
}

function constant(node: OperandNode): AttributeValue {
  if (node.type !== 'value' || !node.value) throw unsupported();
  return node.value;
}

function term(node: ConditionNode): RangeCondition {
  switch (node.type) {
    case 'compare': {
      if (node.operator === '<>') throw new DynamoValidationException('Unsupported operator on KeyConditionExpression: operator: <>');
      const left = attribute(node.left);
      if (left !== undefined) return { name: left, operator: node.operator, values: [constant(node.right)] };
      const right = attribute(node.right);
      if (right !== undefined) return { name: right, operator: MIRROR[node.operator]!, values: [constant(node.left)] };
      throw unsupported();
    }
    case 'between': {
      const name = attribute(node.operand);
      if (name === undefined) throw unsupported();
      return { name, operator: 'BETWEEN', values: [constant(node.lower), constant(node.upper)] };
    }
    case 'call': {
      if (node.name !== 'begins_with') throw new DynamoValidationException(`Invalid operator used in KeyConditionExpression: ${node.name}`);
      const name = attribute(node.args[0]!);
      if (name === undefined) throw unsupported();
      return { name, operator: 'begins_with', values: [constant(node.args[1]!)] };
    }
    case 'in':
      throw new DynamoValidationException('Invalid operator used in KeyConditionExpression: IN');
    default:
      throw new DynamoValidationException(`Invalid operator used in KeyConditionExpression: ${node.type.toUpperCase()}`);
  }
}

/** Resolves a parsed key condition against `hash`/`range` key names and their declared types. */
export function resolveKeyCondition(node: ConditionNode, hash: string, range: string | undefined, typeOfKey: (name: string) => string): KeyCondition {
  const terms = flatten(node, []).map(term);
  if (terms.length > 2) throw new DynamoValidationException('Conditions can be of length 1 or 2 only');
  const hashTerms = terms.filter((candidate) => candidate.name === hash);
  if (hashTerms.length > 1) throw new DynamoValidationException('KeyConditionExpressions must only contain one condition per key');
  const hashTerm = hashTerms[0];
  if (!hashTerm) throw new DynamoValidationException(`Query condition missed key schema element: ${hash}`);
  if (hashTerm.operator !== '=') throw unsupported();
  const other = terms.find((candidate) => candidate !== hashTerm);
  if (other && other.name !== range) throw new DynamoValidationException(range ? `Query condition missed key schema element: ${range}` : 'Query key condition not supported');
  for (const condition of terms) {
    for (const value of condition.values) {
      if (typeOf(value) !== typeOfKey(condition.name)) throw invalidParameter('Condition parameter type does not match schema type');
    }
  }
  return { hashName: hash, hashValue: hashTerm.values[0]!, ...(other ? { range: other } : {}) };
}

/** True when a sort-key value satisfies the range condition. */
export function matchesRange(value: AttributeValue | undefined, condition: RangeCondition): boolean {
  if (!value) return false;
  const [first, second] = condition.values as [AttributeValue, AttributeValue | undefined];
  const order = compareValues(value, first);
  if (order === undefined) return false;
  switch (condition.operator) {
    case '=':
      return order === 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    case 'BETWEEN':
      return order >= 0 && (compareValues(value, second!) ?? 1) <= 0;
    case 'begins_with':
      if ('S' in value && 'S' in first) return value.S.startsWith(first.S);
      if ('B' in value && 'B' in first) return Buffer.from(value.B, 'base64').subarray(0, Buffer.byteLength(first.B, 'base64')).equals(Buffer.from(first.B, 'base64'));
      return false;
  }
}
