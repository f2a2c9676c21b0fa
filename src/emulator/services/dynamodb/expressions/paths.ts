/** Document paths over items: read, write, remove, project, and the overlap rule AWS enforces. */
import { setAttribute, type AttributeValue, type Item } from '../attribute-values.ts';
import { DynamoValidationException } from '../errors.ts';
import { showPath, type PathElement, type PathNode } from './ast.ts';

/** The value at a path, or `undefined` when any step is missing or of the wrong kind. */
export function getPath(item: Item, elements: PathElement[]): AttributeValue | undefined {
  let current = { M: item } as AttributeValue | undefined;
  for (const element of elements) {
    if (!current) return undefined;
    if (typeof element === 'number') current = 'L' in current ? current.L[element] : undefined;
    else current = 'M' in current && Object.hasOwn(current.M, element) ? current.M[element] : undefined;
  }
  return current;
}

function invalidForUpdate(): DynamoValidationException {
  return new DynamoValidationException('The document path provided in the update expression is invalid for update');
}

/** The container a path's last step lives in; throws when the parent is missing, as UpdateItem does. */
function parentOf(item: Item, elements: PathElement[]): AttributeValue {
  const parent = getPath(item, elements.slice(0, -1));
  const last = elements[elements.length - 1];
  if (!parent || (typeof last === 'number' ? !('L' in parent) : !('M' in parent))) throw invalidForUpdate();
  return parent;
}

/** Sets the value at a path (SET); a list index past the end appends. */
export function setPath(item: Item, elements: PathElement[], value: AttributeValue): void {
  const parent = parentOf(item, elements);
  const last = elements[elements.length - 1]!;
  if (typeof last === 'number' && 'L' in parent) {
    if (last >= parent.L.length) parent.L.push(value);
    else parent.L[last] = value;
  } else if ('M' in parent) {
    setAttribute(parent.M, last as string, value);
  }
}

/** Removes the value at a path (REMOVE); a missing leaf is no error. */
export function removePath(item: Item, elements: PathElement[]): void {
  const parent = parentOf(item, elements);
  const last = elements[elements.length - 1]!;
  if (typeof last === 'number' && 'L' in parent) {
    if (last < parent.L.length) parent.L.splice(last, 1);
  } else if ('M' in parent) {
    if (Object.hasOwn(parent.M, last as string)) delete parent.M[last as string];
  }
}

type Tree = { value: AttributeValue } | { map: Map<string, Tree> } | { list: Map<number, Tree> };

function materialize(tree: Tree): AttributeValue {
  if ('value' in tree) return structuredClone(tree.value);
  if ('map' in tree) return { M: Object.fromEntries([...tree.map].map(([key, child]) => [key, materialize(child)])) };
  return { L: [...tree.list].sort((a, b) => a[0] - b[0]).map(([, child]) => materialize(child)) };
}

/** Copies only the given paths of an item; list elements picked by index come back in index order. */
export function projectItem(item: Item, paths: PathNode[]): Item {
  const root = new Map<string, Tree>();
  for (const { elements } of paths) {
    if (getPath(item, elements) === undefined) continue;
    let children: Map<string | number, Tree> = root;
    elements.forEach((element, depth) => {
      const child = getPath(item, elements.slice(0, depth + 1))!;
      if (depth === elements.length - 1) {
        children.set(element, { value: child });
        return;
      }
      let node = children.get(element);
      if (!node || 'value' in node) {
        node = 'L' in child ? { list: new Map() } : { map: new Map() };
        children.set(element, node);
      }
      children = ('list' in node ? node.list : node.map) as Map<string | number, Tree>;
    });
  }
  const result: Item = {};
  for (const [name, tree] of root) setAttribute(result, name, materialize(tree));
  return result;
}

/** Throws (through `fail`) when one path is a prefix of another, as AWS rejects such expressions. */
export function checkOverlaps(paths: PathNode[], fail: (detail: string) => never): void {
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      const a = paths[i]!.elements;
      const b = paths[j]!.elements;
      const shorter = Math.min(a.length, b.length);
      let same = true;
      for (let k = 0; k < shorter && same; k++) same = a[k] === b[k];
      if (same) fail(`Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ${showPath(paths[i]!)}, path two: ${showPath(paths[j]!)}`);
      // A map key and a list index at the same place cannot both be right.
      let k = 0;
      while (a[k] === b[k]) k++;
      if (typeof a[k] !== typeof b[k]) {
        fail(`Two document paths conflict with each other; must remove or rewrite one of these paths; path one: ${showPath(paths[i]!)}, path two: ${showPath(paths[j]!)}`);
      }
    }
  }
}
