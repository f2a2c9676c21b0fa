/**
 * The condition grammar (ConditionExpression, FilterExpression, KeyConditionExpression) and
 * ProjectionExpression, by recursive descent: OR binds loosest, then AND, then NOT; comparisons,
 * BETWEEN, IN, function calls and parentheses are the primaries.
 */
import type { Comparator, ConditionNode, OperandNode, PathNode } from './ast.ts';
import type { ExpressionContext } from './context.ts';
import { BaseParser, type ExpressionKind } from './parser-base.ts';
import { checkOverlaps } from './paths.ts';
import { checkCallTypes, checkComparisonTypes } from './type-checks.ts';

export type { ExpressionKind } from './parser-base.ts';
export { constantType } from './parser-base.ts';

const COMPARATORS: readonly string[] = ['=', '<>', '<', '<=', '>', '>='];

/** Functions that are conditions by themselves, with their operand counts. */
export const CONDITION_FUNCTIONS: Record<string, number> = { attribute_exists: 1, attribute_not_exists: 1, attribute_type: 2, begins_with: 2, contains: 2 };

/** Parses conditions and projections. */
class ConditionParser extends BaseParser {
  /** Conditions that came straight out of parentheses: wrapping one again is redundant. */
  private readonly grouped = new WeakSet<ConditionNode>();

  protected parseArgument(): OperandNode {
    return this.parseOperand();
  }

  /** An operand of a condition: a path, a value, or `size(path)`. */
  parseOperand(): OperandNode {
    const token = this.peek();
    if (token.type === 'value') return this.parseValue();
    if (this.isCall()) {
      const { name, args } = this.parseCall();
      if (name in CONDITION_FUNCTIONS) this.fail(`The function is not allowed to be used this way in an expression; function: ${name}`);
      if (name !== 'size') this.fail(`Invalid function name; function: ${name}`);
      this.checkArity(name, args, 1, true);
      return { type: 'function', name, args };
    }
    if (token.type === 'identifier' || token.type === 'name') return this.parsePath();
    this.syntaxError(token);
  }

  /** A whole condition, `OR` binding loosest. */
  parseCondition(): ConditionNode {
    let left = this.parseAnd();
    while (this.isKeyword('OR')) {
      this.next();
      this.countOperator();
      left = { type: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  /** The whole source as one condition. */
  parseWholeCondition(): ConditionNode {
    return this.finish(this.parseCondition());
  }

  /** The whole source as a comma-separated list of paths that must not overlap. */
  parseWholeProjection(): PathNode[] {
    const paths = [this.parsePath()];
    while (this.isSymbol(',')) {
      this.next();
      paths.push(this.parsePath());
    }
    this.finish(paths);
    checkOverlaps(paths, (detail) => this.fail(detail));
    return paths;
  }

  private parseAnd(): ConditionNode {
    let left = this.parseNot();
    while (this.isKeyword('AND')) {
      this.next();
      this.countOperator();
      left = { type: 'and', left, right: this.parseNot() };
    }
    return left;
  }

  private parseNot(): ConditionNode {
    if (this.isKeyword('NOT')) {
      this.next();
      this.countOperator();
      return { type: 'not', operand: this.parseNot() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): ConditionNode {
    if (this.isSymbol('(')) {
      this.enterGroup();
      this.next();
      const inner = this.parseCondition();
      this.expectSymbol(')');
      this.leaveGroup();
      if (this.grouped.has(inner)) this.noteSemantic('The expression has redundant parentheses;');
      this.grouped.add(inner);
      return inner;
    }
    if (this.isCall() && this.peek().text in CONDITION_FUNCTIONS) {
      this.countOperator();
      const { name, args } = this.parseCall();
      this.checkArity(name, args, CONDITION_FUNCTIONS[name]!, name !== 'begins_with' && name !== 'contains');
      if (COMPARATORS.includes(this.peek().text) && this.peek().type === 'symbol') {
        this.fail(`The function is not allowed to be used this way in an expression; function: ${name}`);
      }
      checkCallTypes(this, name, args);
      return { type: 'call', name, args };
    }
    const operand = this.parseOperand();
    const token = this.peek();
    if (token.type === 'symbol' && COMPARATORS.includes(token.text)) {
      this.next();
      this.countOperator();
      const right = this.parseOperand();
      const operator = token.text as Comparator;
      checkComparisonTypes(this, operator, [operand, right]);
      return { type: 'compare', operator, left: operand, right };
    }
    if (this.isKeyword('BETWEEN')) {
      this.next();
      this.countOperator();
      const lower = this.parseOperand();
      if (!this.isKeyword('AND')) this.syntaxError();
      this.next();
      const upper = this.parseOperand();
      checkComparisonTypes(this, 'BETWEEN', [operand, lower, upper]);
      return { type: 'between', operand, lower, upper };
    }
    if (this.isKeyword('IN')) {
      this.next();
      this.countOperator();
      this.expectSymbol('(');
      const list = [this.parseOperand()];
      while (this.isSymbol(',')) {
        this.next();
        list.push(this.parseOperand());
      }
      this.expectSymbol(')');
      if (list.length > 100) this.fail(`Too many operands for operator or function; operator or function: IN, number of operands: ${list.length}`);
      return { type: 'in', operand, list };
    }
    if (operand.type === 'function') this.fail(`The function is not allowed to be used this way in an expression; function: ${operand.name}`);
    this.syntaxError(token);
  }
}

/** Parses a ConditionExpression, FilterExpression or KeyConditionExpression. */
export function parseCondition(source: string, kind: ExpressionKind, context: ExpressionContext): ConditionNode {
  return new ConditionParser(source, kind, context).parseWholeCondition();
}

/** Parses a ProjectionExpression into its paths. */
export function parseProjection(source: string, context: ExpressionContext): PathNode[] {
  return new ConditionParser(source, 'ProjectionExpression', context).parseWholeProjection();
}
