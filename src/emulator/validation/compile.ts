/**
 * Turns the table's shapes into checkers built once per operation: patterns become anchored
 * RegExps, enums Sets, member names the lower-camel paths AWS's messages show.
 */
import type { ServiceConstraints, Shape } from './table.ts';

/** A compiled shape. */
export interface Node {
  kind: Shape['t'];
  min: number | undefined;
  max: number | undefined;
  pattern: RegExp | undefined;
  /** The pattern as the model writes it, quoted in the message. */
  patternText: string;
  enumValues: ReadonlySet<string> | undefined;
  /** `[A, B]`, as the message lists the enum. */
  enumText: string;
  hide: boolean;
  members: CompiledMember[];
  member: Node | undefined;
  key: Node | undefined;
  value: Node | undefined;
}

/** A compiled structure member. */
export interface CompiledMember {
  name: string;
  /** How AWS names it in a message: the member name with a lower-case first letter. */
  path: string;
  node: Node | undefined;
  required: boolean;
}

/**
 * The model's patterns are Java regular expressions, matched against the whole value. With the
 * `u` flag JavaScript reads them by code point as Java does; a few are only valid without it.
 */
function compilePattern(pattern: string): RegExp | undefined {
  for (const flags of ['u', '']) {
    try {
      return new RegExp(`^(?:${pattern})$`, flags);
    } catch {
      // Tried next without the flag.
    }
  }
  return undefined;
}

/** Compiles the shapes of one service lazily, each shape once. */
export class ShapeCompiler {
  private readonly nodes = new Map<string, Node>();
  private readonly constraints: ServiceConstraints;

  constructor(constraints: ServiceConstraints) {
    this.constraints = constraints;
  }

  /** The compiled shape, or undefined for a shape the table does not constrain. */
  node(name: string | null | undefined): Node | undefined {
    if (!name) return undefined;
    const known = this.nodes.get(name);
    if (known) return known;
    const shape = this.constraints.shapes[name];
    if (!shape) return undefined;
    const node: Node = {
      kind: shape.t,
      min: shape.min,
      max: shape.max,
      pattern: shape.pattern === undefined ? undefined : compilePattern(shape.pattern),
      patternText: shape.pattern ?? '',
      enumValues: shape.enum ? new Set(shape.enum) : undefined,
      enumText: shape.enum ? `[${shape.enum.join(', ')}]` : '',
      hide: shape.hide === true,
      members: [],
      member: undefined,
      key: undefined,
      value: undefined,
    };
    // Registered before its children: recursive shapes point back at this node.
    this.nodes.set(name, node);
    for (const [member, inner, required] of shape.members ?? []) {
      node.members.push({ name: member, path: member.charAt(0).toLowerCase() + member.slice(1), node: this.node(inner), required: required === 1 });
    }
    node.member = this.node(shape.member);
    node.key = this.node(shape.key);
    node.value = this.node(shape.value);
    return node;
  }
}
