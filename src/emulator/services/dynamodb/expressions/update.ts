/**
 * Applies a parsed UpdateExpression to an item. Every right-hand side reads the item as it was
 * before the update, as on DynamoDB; then SET, REMOVE, ADD and DELETE are applied in that order.
 */
import { checkItemNesting, copyItem, typeOf, type AttributeValue, type Item } from '../attribute-values.ts';
import { DynamoValidationException } from '../errors.ts';
import { addNumbers } from '../numbers.ts';
import { updatePaths, type OperandNode, type PathNode, type UpdateNode } from './ast.ts';
import { getPath, removePath, setPath } from './paths.ts';

function missingAttribute(): DynamoValidationException {
  return new DynamoValidationException('The provided expression refers to an attribute that does not exist in the item');
}

function wrongType(): DynamoValidationException {
  return new DynamoValidationException('An operand in the update expression has an incorrect data type');
}

function setValue(node: OperandNode, item: Item): AttributeValue {
  switch (node.type) {
    case 'value':
      return node.value!;
    case 'path': {
      const value = getPath(item, node.elements);
      if (!value) throw missingAttribute();
      return value;
    }
    case 'arithmetic': {
      const left = setValue(node.left, item);
      const right = setValue(node.right, item);
      if (!('N' in left) || !('N' in right)) throw wrongType();
      return { N: addNumbers(left.N, right.N, node.operator === '-') };
    }
    case 'function': {
      if (node.name === 'if_not_exists') {
        const path = node.args[0] as PathNode;
        return getPath(item, path.elements) ?? setValue(node.args[1]!, item);
      }
      const left = setValue(node.args[0]!, item);
      const right = setValue(node.args[1]!, item);
      if (!('L' in left) || !('L' in right)) throw wrongType();
      return { L: [...left.L, ...right.L] };
    }
  }
}

function union(existing: AttributeValue, added: AttributeValue): AttributeValue {
  const type = typeOf(existing);
  if (type !== typeOf(added)) throw wrongType();
  const members = [...(existing as Record<string, string[]>)[type]!];
  for (const member of (added as Record<string, string[]>)[type]!) if (!members.includes(member)) members.push(member);
  return { [type]: members } as AttributeValue;
}

function removeLastIndexFirst(paths: PathNode[]): PathNode[] {
  // REMOVE l[0], l[2] means the original elements 0 and 2: take the higher index out first.
  return [...paths].sort((a, b) => {
    const x = a.elements[a.elements.length - 1];
    const y = b.elements[b.elements.length - 1];
    return typeof x === 'number' && typeof y === 'number' ? y - x : 0;
  });
}

/** The updated copy of `original`, and every path the expression touched (for UPDATED_OLD/NEW). */
export function applyUpdate(update: UpdateNode, original: Item): { item: Item; paths: PathNode[] } {
  const values = update.set.map((action) => setValue(action.value, original));
  const item = copyItem(original);
  update.set.forEach((action, i) => setPath(item, action.path.elements, copyItem(values[i]!)));
  for (const path of removeLastIndexFirst(update.remove)) removePath(item, path.elements);
  for (const { path, value } of update.add) {
    const added = value.value!;
    const existing = getPath(item, path.elements);
    if (!existing) setPath(item, path.elements, copyItem(added));
    else if ('N' in existing && 'N' in added) setPath(item, path.elements, { N: addNumbers(existing.N, added.N) });
    else if (['SS', 'NS', 'BS'].includes(typeOf(existing))) setPath(item, path.elements, union(existing, added));
    else throw wrongType();
  }
  for (const { path, value } of update.delete) {
    const removed = value.value!;
    const existing = getPath(item, path.elements);
    if (!existing) continue;
    const type = typeOf(existing);
    if (type !== typeOf(removed)) throw wrongType();
    const gone = new Set((removed as Record<string, string[]>)[type]);
    const left = (existing as Record<string, string[]>)[type]!.filter((member) => !gone.has(member));
    if (left.length === 0) removePath(item, path.elements);
    else setPath(item, path.elements, { [type]: left } as AttributeValue);
  }
  checkItemNesting(item);
  return { item, paths: updatePaths(update) };
}
