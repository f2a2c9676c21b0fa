/** The syntax trees of DynamoDB expressions, with placeholders already resolved. */
import type { AttributeValue } from '../attribute-values.ts';

/** One step of a document path: an attribute or map key name, or a list index. */
export type PathElement = string | number;

/** A document path such as `order.lines[0].sku`. */
export interface PathNode {
  type: 'path';
  elements: PathElement[];
}

/** An `:value` placeholder and the value it stands for (absent when it was not defined). */
export interface ValueNode {
  type: 'value';
  name: string;
  value: AttributeValue | undefined;
}

/** A function call: size, if_not_exists, list_append, or one of the condition functions. */
export interface FunctionNode {
  type: 'function';
  name: string;
  args: OperandNode[];
}

/** `a + b` or `a - b` in a SET action. */
export interface ArithmeticNode {
  type: 'arithmetic';
  operator: '+' | '-';
  left: OperandNode;
  right: OperandNode;
}

/** Anything that yields a value. */
export type OperandNode = PathNode | ValueNode | FunctionNode | ArithmeticNode;

/** A comparison operator. */
export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

/** A condition (ConditionExpression, FilterExpression, KeyConditionExpression). */
export type ConditionNode =
  | { type: 'compare'; operator: Comparator; left: OperandNode; right: OperandNode }
  | { type: 'between'; operand: OperandNode; lower: OperandNode; upper: OperandNode }
  | { type: 'in'; operand: OperandNode; list: OperandNode[] }
  | { type: 'and' | 'or'; left: ConditionNode; right: ConditionNode }
  | { type: 'not'; operand: ConditionNode }
  | { type: 'call'; name: string; args: OperandNode[] };

/** One SET action. */
export interface SetAction {
  path: PathNode;
  value: OperandNode;
}

/** An ADD or DELETE action. */
export interface ValueAction {
  path: PathNode;
  value: ValueNode;
}

/** An UpdateExpression's four sections. */
export interface UpdateNode {
  set: SetAction[];
  remove: PathNode[];
  add: ValueAction[];
  delete: ValueAction[];
}

/** Every path an UpdateExpression touches: the key check, the overlap check and UPDATED_OLD/NEW must agree on them. */
export function updatePaths(update: UpdateNode): PathNode[] {
  return [...update.set.map((action) => action.path), ...update.remove, ...update.add.map((action) => action.path), ...update.delete.map((action) => action.path)];
}

/** How AWS shows a path in messages: `[a, b, [0]]`. */
export function showPath(path: PathNode): string {
  return `[${path.elements.map((element) => (typeof element === 'number' ? `[${element}]` : element)).join(', ')}]`;
}
