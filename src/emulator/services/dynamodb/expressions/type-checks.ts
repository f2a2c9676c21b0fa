/**
 * The checks AWS makes on constant operands before evaluating anything: ordering operators take
 * only N, S or B; begins_with takes S or B; attribute_type takes a known type name; a BETWEEN with
 * constant bounds must not be upside down.
 */
import { compareValues, TYPES, typeOf, type AttributeValue } from '../attribute-values.ts';
import type { OperandNode } from './ast.ts';

/** Whatever reports an error for the expression being parsed. */
export interface Failer {
  fail(detail: string): never;
}

const ORDERED = ['N', 'S', 'B'];

function constant(node: OperandNode | undefined): AttributeValue | undefined {
  return node?.type === 'value' ? node.value : undefined;
}

/** Shows a value the way AWS's messages do: `{N:5}`, `{S:abc}`. */
export function showValue(value: AttributeValue): string {
  const type = typeOf(value);
  const member = (value as Record<string, unknown>)[type];
  return `{${type}:${Array.isArray(member) ? `[${member.join(', ')}]` : typeof member === 'object' ? JSON.stringify(member) : String(member)}}`;
}

/** Operand types of `=`, `<>`, `<`, `<=`, `>`, `>=` and `BETWEEN`. */
export function checkComparisonTypes(failer: Failer, operator: string, operands: OperandNode[]): void {
  if (operator === '=' || operator === '<>') return;
  for (const operand of operands) {
    const value = constant(operand);
    if (value && !ORDERED.includes(typeOf(value))) {
      failer.fail(`Incorrect operand type for operator or function; operator or function: ${operator}, operand type: ${typeOf(value)}`);
    }
  }
  if (operator === 'BETWEEN') {
    const lower = constant(operands[1]);
    const upper = constant(operands[2]);
    if (lower && upper && (compareValues(lower, upper) ?? 0) > 0) {
      failer.fail(`The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: ${showValue(lower)}, upper bound operand: AttributeValue: ${showValue(upper)}`);
    }
  }
}

/** Operand types of the condition functions. */
export function checkCallTypes(failer: Failer, name: string, args: OperandNode[]): void {
  if (name === 'begins_with') {
    for (const arg of args) {
      const value = constant(arg);
      if (value && typeOf(value) !== 'S' && typeOf(value) !== 'B') {
        failer.fail(`Incorrect operand type for operator or function; operator or function: begins_with, operand type: ${typeOf(value)}`);
      }
    }
  }
  if (name === 'attribute_type') {
    const value = constant(args[1]);
    if (!value) {
      if (args[1]?.type !== 'value') failer.fail('Incorrect operand type for operator or function; operator or function: attribute_type, operand type: document path');
      return;
    }
    const typeName = 'S' in value ? value.S : undefined;
    if (typeName === undefined) failer.fail(`Incorrect operand type for operator or function; operator or function: attribute_type, operand type: ${typeOf(value)}`);
    if (!(TYPES as readonly string[]).includes(typeName)) {
      failer.fail(`Invalid attribute type name found; type: ${typeName}, valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }`);
    }
  }
}
