/**
 * The machinery every DynamoDB expression parser shares: tokens, syntax errors that quote the
 * token and the text around it as AWS does, document paths and placeholders. Placeholders are
 * resolved while parsing; the first semantic problem (reserved word, undefined placeholder) is
 * reported once the syntax is known to be good.
 */
import { typeOf } from '../attribute-values.ts';
import { DynamoValidationException } from '../errors.ts';
import type { OperandNode, PathElement, PathNode, ValueNode } from './ast.ts';
import type { ExpressionContext } from './context.ts';
import { isReservedWord } from './reserved-words.ts';
import { tokenize, type Token } from './tokenizer.ts';

/** The longest expression string DynamoDB takes, in UTF-8 bytes (Constraints: "Expression parameters", 4 KB). */
export const MAX_EXPRESSION_BYTES = 4096;

/** The most operators one expression may hold; DynamoDB refuses the 301st. */
export const MAX_OPERATORS = 300;

/**
 * The deepest parentheses nest in a valid expression: every group that is not redundant holds an
 * operator of its own, so more levels than {@link MAX_OPERATORS} cannot be valid. Bounding it
 * keeps the recursive descent far from the stack's end.
 */
export const MAX_GROUP_DEPTH = MAX_OPERATORS;

/** The most elements of one document path, as deep as an item nests. */
export const MAX_PATH_LEVELS = 32;

const OPERATOR_WORDS = new Set(['AND', 'OR', 'NOT', 'BETWEEN', 'IN']);
const OPERATOR_SYMBOLS = new Set(['=', '<>', '<', '<=', '>', '>=', '+', '-']);

/** Which request member an expression came from; it prefixes every error message. */
export type ExpressionKind = 'ConditionExpression' | 'FilterExpression' | 'KeyConditionExpression' | 'UpdateExpression' | 'ProjectionExpression';

/** The base of the condition and update parsers. */
export abstract class BaseParser {
  protected readonly tokens: Token[];
  protected position = 0;
  protected semantic: string | undefined;
  protected readonly source: string;
  readonly kind: ExpressionKind;
  protected readonly context: ExpressionContext;
  private operators = 0;
  private depth = 0;

  constructor(source: string, kind: ExpressionKind, context: ExpressionContext) {
    this.source = source;
    this.kind = kind;
    this.context = context;
    // Checked before any parsing, as DynamoDB does: a long text is refused even when its syntax is wrong.
    const size = Buffer.byteLength(source);
    if (size > MAX_EXPRESSION_BYTES) this.fail(`Expression size has exceeded the maximum allowed size; expression size: ${size}`);
    this.tokens = tokenize(source);
    if (source.trim() === '') this.fail('The expression can not be empty;');
  }

  /** Throws `Invalid <Kind>: <detail>`. */
  fail(detail: string): never {
    throw new DynamoValidationException(`Invalid ${this.kind}: ${detail}`);
  }

  protected syntaxError(token: Token = this.peek()): never {
    const index = this.tokens.indexOf(token);
    const before = this.tokens[index - 1] ?? token;
    const after = this.tokens[index + 1] ?? token;
    this.fail(`Syntax error; token: "${token.text}", near: "${this.source.slice(before.start, after.end)}"`);
  }

  protected peek(offset = 0): Token {
    return this.tokens[Math.min(this.position + offset, this.tokens.length - 1)]!;
  }

  protected next(): Token {
    const token = this.peek();
    if (token.type !== 'eof') this.position++;
    return token;
  }

  protected isSymbol(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.type === 'symbol' && token.text === text;
  }

  protected expectSymbol(text: string): void {
    if (!this.isSymbol(text)) this.syntaxError();
    this.next();
  }

  protected isKeyword(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.type === 'identifier' && token.text.toUpperCase() === word;
  }

  /** Counts one operator or function; DynamoDB stops at the first one over the limit and says so. */
  protected countOperator(): void {
    this.operators++;
    if (this.operators > MAX_OPERATORS) this.fail(`The expression contains too many operators; operator count: ${this.operators}`);
  }

  /** Enters a parenthesized group; past {@link MAX_GROUP_DEPTH} the expression cannot be valid. */
  protected enterGroup(): void {
    this.depth++;
    if (this.depth <= MAX_GROUP_DEPTH) return;
    // Which rule it breaks decides the message: the operators still ahead, or groups that add none.
    let operators = this.operators;
    for (let i = this.position; i < this.tokens.length; i++) {
      const token = this.tokens[i]!;
      const operator = token.type === 'identifier' ? OPERATOR_WORDS.has(token.text.toUpperCase()) : token.type === 'symbol' && OPERATOR_SYMBOLS.has(token.text);
      if (operator && ++operators > MAX_OPERATORS) this.fail(`The expression contains too many operators; operator count: ${operators}`);
    }
    this.fail('The expression has redundant parentheses;');
  }

  /** Leaves a group entered with {@link enterGroup}. */
  protected leaveGroup(): void {
    this.depth--;
  }

  protected noteSemantic(detail: string): void {
    this.semantic ??= detail;
  }

  /** Ends a parse: nothing may follow, and a pending semantic error is thrown now. */
  protected finish<T>(node: T): T {
    if (this.peek().type !== 'eof') this.syntaxError();
    if (this.semantic) this.fail(this.semantic);
    return node;
  }

  protected nameElement(): string {
    const token = this.next();
    if (token.type === 'identifier') {
      if (isReservedWord(token.text)) this.noteSemantic(`Attribute name is a reserved keyword; reserved keyword: ${token.text}`);
      return token.text;
    }
    if (token.type === 'name') {
      const name = this.context.name(token.text);
      if (name === undefined) this.noteSemantic(`An expression attribute name used in the document path is not defined; attribute name: ${token.text}`);
      return name ?? token.text;
    }
    this.syntaxError(token);
  }

  /** A document path: a name, then `.name` and `[index]` steps. */
  parsePath(): PathNode {
    const elements: PathElement[] = [this.nameElement()];
    for (;;) {
      if (this.isSymbol('.')) {
        this.next();
        elements.push(this.nameElement());
      } else if (this.isSymbol('[')) {
        this.next();
        const index = this.next();
        if (index.type !== 'number') this.syntaxError(index);
        this.expectSymbol(']');
        elements.push(Number(index.text));
      } else {
        // A path reaches as deep as an item nests, and no deeper.
        if (elements.length > MAX_PATH_LEVELS) this.fail(`The document path has too many nesting levels; nesting levels: ${elements.length}`);
        return { type: 'path', elements };
      }
    }
  }

  protected parseValue(): ValueNode {
    const token = this.next();
    const value = this.context.value(token.text);
    if (value === undefined) this.noteSemantic(`An expression attribute value used in expression is not defined; attribute value: ${token.text}`);
    return { type: 'value', name: token.text, value };
  }

  protected isCall(): boolean {
    return this.peek().type === 'identifier' && this.isSymbol('(', 1);
  }

  /** Parses `name(arg, ...)`; arguments come from {@link parseArgument}. */
  protected parseCall(): { name: string; args: OperandNode[] } {
    const name = this.next().text;
    this.expectSymbol('(');
    const args: OperandNode[] = [this.parseArgument()];
    while (this.isSymbol(',')) {
      this.next();
      args.push(this.parseArgument());
    }
    this.expectSymbol(')');
    return { name, args };
  }

  /** An argument of a function call: condition operands or update operands, by grammar. */
  protected abstract parseArgument(): OperandNode;

  protected checkArity(name: string, args: OperandNode[], expected: number, pathFirst: boolean): void {
    if (args.length !== expected) this.fail(`Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${args.length}`);
    if (pathFirst && args[0]!.type !== 'path') this.fail(`Operator or function requires a document path; operator or function: ${name}`);
  }
}

/** The type name of a constant operand, when it is one. */
export function constantType(node: OperandNode): string | undefined {
  return node.type === 'value' && node.value ? typeOf(node.value) : undefined;
}
