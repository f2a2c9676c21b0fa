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

  constructor(source: string, kind: ExpressionKind, context: ExpressionContext) {
    this.source = source;
    this.kind = kind;
    this.context = context;
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
