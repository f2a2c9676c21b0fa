/**
 * WHERE clauses, read into the same condition trees as DynamoDB's condition expressions so the
 * existing evaluator runs them: comparisons, BETWEEN, IN, AND/OR/NOT, begins_with, contains,
 * attribute_exists/attribute_not_exists/attribute_type, size(), and IS [NOT] MISSING/NULL.
 */
import { DynamoValidationException } from '../errors.ts';
import type { Comparator, ConditionNode, OperandNode, PathNode } from '../expressions/ast.ts';
import { checkCallTypes, checkComparisonTypes, type Failer } from '../expressions/type-checks.ts';
import { malformed } from './errors.ts';
import { TokenCursor } from './values.ts';

const COMPARATORS = ['=', '<>', '!=', '<', '<=', '>', '>='];
const FUNCTIONS: Record<string, number> = { begins_with: 2, contains: 2, attribute_exists: 1, attribute_not_exists: 1, attribute_type: 2 };
/** The types `IS [NOT] <type>` tests, as the attribute types they stand for. */
const IS_TYPES: Record<string, string> = { NULL: 'NULL', BOOLEAN: 'BOOL', BLOB: 'B', STRING: 'S', NUMERIC: 'N', STRUCT: 'M', TUPLE: 'M', LIST: 'L' };
/** PartiQL's messages are the bare detail, with no expression name in front. */
const FAILER: Failer = { fail: (detail) => { throw new DynamoValidationException(detail); } };

/** The condition grammar on top of the value cursor. */
export class ConditionParser extends TokenCursor {
  /** A whole condition: OR of ANDs of (possibly negated) predicates. */
  parseCondition(): ConditionNode {
    let left = this.parseAnd();
    while (this.isWord('OR')) {
      this.infix();
      left = { type: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): ConditionNode {
    let left = this.parseNot();
    while (this.isWord('AND')) {
      this.infix();
      left = { type: 'and', left, right: this.parseNot() };
    }
    return left;
  }

  /** Consumes AND or OR, refusing a statement that ends right after it. */
  private infix(): void {
    this.next();
    if (this.peek().type === 'eof') throw malformed('Missing right-hand side expression of infix operator');
  }

  private parseNot(): ConditionNode {
    if (!this.isWord('NOT')) return this.parsePredicate();
    this.next();
    return { type: 'not', operand: this.parseNot() };
  }

  /** An operand: a literal, a `?`, a path or size(path). */
  parseOperand(): OperandNode {
    if (this.startsValue()) return this.parseValue();
    if (this.peek().type === 'word' && this.peek().text.toLowerCase() === 'size' && this.isSymbol('(', 1)) {
      this.next();
      this.next();
      const path = this.parsePath();
      this.expectSymbol(')');
      return { type: 'function', name: 'size', args: [path] };
    }
    return this.parsePath();
  }

  private parseCall(name: string): ConditionNode {
    this.next();
    this.expectSymbol('(');
    const args: OperandNode[] = [this.parsePath()];
    while (this.isSymbol(',')) {
      this.next();
      args.push(this.parseOperand());
    }
    this.expectSymbol(')');
    if (args.length !== FUNCTIONS[name]) throw new DynamoValidationException(`Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${args.length}`);
    checkCallTypes(FAILER, name, args);
    return { type: 'call', name, args };
  }

  private parsePredicate(): ConditionNode {
    if (this.isSymbol('(')) {
      this.next();
      const inner = this.parseCondition();
      this.expectSymbol(')');
      return inner;
    }
    const word = this.peek().type === 'word' ? this.peek().text.toLowerCase() : '';
    if (word in FUNCTIONS && this.isSymbol('(', 1)) return this.parseCall(word);
    const left = this.parseOperand();
    const token = this.peek();
    if (token.type === 'symbol' && COMPARATORS.includes(token.text)) {
      this.next();
      const operator = (token.text === '!=' ? '<>' : token.text) as Comparator;
      const right = this.parseOperand();
      checkComparisonTypes(FAILER, operator, [left, right]);
      return { type: 'compare', operator, left, right };
    }
    if (this.isWord('BETWEEN')) {
      this.next();
      const lower = this.parseOperand();
      this.expectWord('AND');
      const upper = this.parseOperand();
      checkComparisonTypes(FAILER, 'BETWEEN', [left, lower, upper]);
      return { type: 'between', operand: left, lower, upper };
    }
    if (this.isWord('IN')) {
      this.next();
      return { type: 'in', operand: left, list: this.parseList() };
    }
    if (this.isWord('IS')) return this.parseIs(left);
    throw new DynamoValidationException('WHERE clause must contain an expression that resolves to a boolean');
  }

  private parseList(): OperandNode[] {
    const close = this.isSymbol('[') ? ']' : ')';
    if (!this.isSymbol('[') && !this.isSymbol('(')) this.unexpected();
    this.next();
    const list: OperandNode[] = [];
    while (!this.isSymbol(close)) {
      if (list.length > 0) this.expectSymbol(',');
      list.push(this.parseOperand());
    }
    this.next();
    if (list.length === 0) {
      throw new DynamoValidationException('IN operator must have a left hand argument of type Variable Reference and right hand argument of type Seq with at least one member');
    }
    return list;
  }

  private parseIs(left: OperandNode): ConditionNode {
    this.next();
    const negated = this.isWord('NOT');
    if (negated) this.next();
    if (left.type !== 'path') throw new DynamoValidationException('The left hand side argument to IS must be a Variable Reference, Literal, or Path');
    const path: PathNode = left;
    const word = this.peek().type === 'word' ? this.peek().text.toUpperCase() : '';
    let node: ConditionNode;
    if (word === 'MISSING') node = { type: 'call', name: 'attribute_not_exists', args: [path] };
    else if (IS_TYPES[word]) node = { type: 'call', name: 'attribute_type', args: [path, { type: 'value', name: 'literal', value: { S: IS_TYPES[word] } }] };
    else throw malformed('Expected type name');
    this.next();
    return negated ? { type: 'not', operand: node } : node;
  }
}
