/**
 * UpdateExpression: `SET`, `REMOVE`, `ADD` and `DELETE` sections (each at most once, in any
 * order), with `+`/`-`, `if_not_exists` and `list_append` on the right of SET.
 */
import { typeOf } from '../attribute-values.ts';
import type { ExpressionContext } from './context.ts';
import { updatePaths, type OperandNode, type UpdateNode, type ValueAction, type ValueNode } from './ast.ts';
import { BaseParser, constantType } from './parser-base.ts';
import { CONDITION_FUNCTIONS } from './parser.ts';
import { checkOverlaps } from './paths.ts';

const SECTIONS = ['SET', 'REMOVE', 'ADD', 'DELETE'] as const;
const SETS = ['SS', 'NS', 'BS'];

/** The update grammar on top of the shared expression parser. */
class UpdateParser extends BaseParser {
  constructor(source: string, context: ExpressionContext) {
    super(source, 'UpdateExpression', context);
  }

  parseUpdate(): UpdateNode {
    const node: UpdateNode = { set: [], remove: [], add: [], delete: [] };
    const seen = new Set<string>();
    do {
      const token = this.peek();
      const section = token.type === 'identifier' ? token.text.toUpperCase() : '';
      if (!(SECTIONS as readonly string[]).includes(section)) this.syntaxError(token);
      if (seen.has(section)) this.fail(`The "${section}" section can only be used once in an update expression;`);
      seen.add(section);
      this.next();
      for (;;) {
        this.parseAction(section as (typeof SECTIONS)[number], node);
        if (!this.isSymbol(',')) break;
        this.next();
      }
    } while (this.peek().type !== 'eof');
    this.finish(node);
    checkOverlaps(updatePaths(node), (detail) => this.fail(detail));
    return node;
  }

  private parseAction(section: (typeof SECTIONS)[number], node: UpdateNode): void {
    const path = this.parsePath();
    if (section === 'REMOVE') {
      node.remove.push(path);
      return;
    }
    if (section === 'SET') {
      this.expectSymbol('=');
      node.set.push({ path, value: this.parseSetValue() });
      return;
    }
    if (this.peek().type !== 'value') this.syntaxError();
    const value = this.parseValue();
    const action: ValueAction = { path, value };
    const type = value.value ? typeOf(value.value) : undefined;
    if (section === 'ADD') {
      if (type && type !== 'N' && !SETS.includes(type)) this.fail(`Incorrect operand type for operator or function; operator or function: ADD, operand type: ${type}`);
      node.add.push(action);
    } else {
      if (type && !SETS.includes(type)) this.fail(`Incorrect operand type for operator or function; operator or function: DELETE, operand type: ${type}`);
      node.delete.push(action);
    }
  }

  private parseSetValue(): OperandNode {
    const left = this.parseSetOperand();
    if (!this.isSymbol('+') && !this.isSymbol('-')) return left;
    const operator = this.next().text as '+' | '-';
    this.countOperator();
    const right = this.parseSetOperand();
    for (const operand of [left, right]) {
      const type = constantType(operand);
      if (type && type !== 'N') this.fail(`Incorrect operand type for operator or function; operator or function: ${operator}, operand type: ${type}`);
    }
    return { type: 'arithmetic', operator, left, right };
  }

  protected parseArgument(): OperandNode {
    return this.parseSetOperand();
  }

  private parseSetOperand(): OperandNode {
    const token = this.peek();
    if (token.type === 'value') return this.parseValue() satisfies ValueNode;
    if (this.isCall()) {
      this.countOperator();
      const { name, args } = this.parseCall();
      if (name === 'if_not_exists') this.checkArity(name, args, 2, true);
      else if (name === 'list_append') {
        this.checkArity(name, args, 2, false);
        for (const arg of args) {
          const type = constantType(arg);
          if (type && type !== 'L') this.fail(`Incorrect operand type for operator or function; operator or function: list_append, operand type: ${type}`);
        }
      } else if (name === 'size' || name in CONDITION_FUNCTIONS) {
        this.fail(`The function is not allowed in an update expression; function: ${name}`);
      } else {
        this.fail(`Invalid function name; function: ${name}`);
      }
      return { type: 'function', name, args };
    }
    if (token.type === 'identifier' || token.type === 'name') return this.parsePath();
    this.syntaxError(token);
  }
}

/** Parses an UpdateExpression. */
export function parseUpdate(source: string, context: ExpressionContext): UpdateNode {
  return new UpdateParser(source, context).parseUpdate();
}
