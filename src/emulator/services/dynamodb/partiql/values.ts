/**
 * The lowest layer of the PartiQL parser: a cursor over the tokens, `?` parameters bound in
 * order, literal values ('text', numbers, TRUE/FALSE/NULL, [lists], {maps} and <<sets>>) turned
 * into attribute values, and document paths such as `order.lines[0]."sku"`.
 */
import { isAwsError } from '../../../errors.ts';
import { checkAttributeValue, type AttributeValue, type Item } from '../attribute-values.ts';
import { DynamoValidationException } from '../errors.ts';
import type { PathElement, PathNode, ValueNode } from '../expressions/ast.ts';
import { normalizeNumber } from '../numbers.ts';
import { malformed } from './errors.ts';
import type { Token } from './lexer.ts';

/** Words that end a path or start a clause, so they cannot name an attribute without quotes. */
const KEYWORDS = new Set([
  'SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'IN', 'BETWEEN', 'IS', 'MISSING', 'NULL', 'TRUE', 'FALSE', 'INSERT', 'INTO', 'VALUE',
  'VALUES', 'UPDATE', 'SET', 'REMOVE', 'DELETE', 'RETURNING', 'ORDER', 'BY', 'ASC', 'DESC', 'AS', 'EXISTS', 'LIKE',
]);

/** Keywords that are operators, which DynamoDB's parser names as such when one stands where a term should. */
const OPERATORS = new Set(['AND', 'OR', 'IN', 'BETWEEN', 'IS', 'LIKE']);

/** Exponents and scales DynamoDB's parser holds in a 32-bit integer; beyond, the literal cannot be read at all. */
const INT32 = 2 ** 31 - 1;

/** A cursor over a statement's tokens that binds its `?` parameters in order. */
export class TokenCursor {
  protected readonly tokens: Token[];
  private readonly parameters: AttributeValue[];
  private position = 0;
  private bound = 0;

  constructor(tokens: Token[], parameters: AttributeValue[]) {
    this.tokens = tokens;
    this.parameters = parameters;
  }

  /** The token `ahead` places on, without consuming anything. */
  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.position + ahead, this.tokens.length - 1)]!;
  }

  /** Consumes and returns the next token. */
  next(): Token {
    const token = this.peek();
    if (token.type !== 'eof') this.position++;
    return token;
  }

  /** True when the next token is this keyword (in any case). */
  isWord(word: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.type === 'word' && token.text.toUpperCase() === word;
  }

  /** True when the next token is this symbol. */
  isSymbol(symbol: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.type === 'symbol' && token.text === symbol;
  }

  /** Consumes the keyword, or refuses the statement. */
  expectWord(word: string): void {
    if (!this.isWord(word)) this.unexpected();
    this.next();
  }

  /** Consumes the symbol, or refuses the statement. */
  expectSymbol(symbol: string): void {
    if (!this.isSymbol(symbol)) this.unexpected();
    this.next();
  }

  /** Refuses the statement at the next token, in the words DynamoDB's parser uses. */
  unexpected(): never {
    const token = this.peek();
    const word = token.type === 'word' ? token.text.toUpperCase() : '';
    if (OPERATORS.has(word)) throw malformed('Unexpected operator');
    if (KEYWORDS.has(word)) throw malformed('Unexpected keyword');
    throw malformed('Unexpected term');
  }

  /** How many `?` the statement used; checked against the request once the whole statement is read. */
  parametersUsed(): number {
    return this.bound;
  }

  /** The next parameter, refused when the request carries too few. */
  protected parameter(): AttributeValue {
    const value = this.parameters[this.bound++];
    if (value === undefined) throw new DynamoValidationException("Number of parameters in request and statement don't match.");
    return value;
  }

  /** True when the next token starts a literal value or a parameter. */
  startsValue(): boolean {
    const token = this.peek();
    if (['string', 'number', 'param'].includes(token.type)) return true;
    if (token.type === 'word') return ['TRUE', 'FALSE', 'NULL'].includes(token.text.toUpperCase());
    return ['[', '{', '<<'].includes(token.text) || (token.text === '-' && this.peek(1).type === 'number');
  }

  /** A literal or `?` as a value node; `where` names it in number errors (`root`, `root.a`, `root[0]`). */
  parseValue(where = 'root'): ValueNode {
    const name = this.peek().type === 'param' ? '?' : 'literal';
    return { type: 'value', name, value: this.literal(where) };
  }

  private number(text: string, where: string): AttributeValue {
    const [mantissa = '', exponent = '0'] = text.split(/[eE]/);
    const fraction = mantissa.split('.')[1]?.length ?? 0;
    if (Math.abs(Number(exponent)) > INT32 || Math.abs(fraction - Number(exponent)) > INT32) throw malformed('');
    try {
      return { N: normalizeNumber(text) };
    } catch (error) {
      if (isAwsError(error)) throw new DynamoValidationException(`${error.message} under ${where}`);
      throw error;
    }
  }

  private literal(where: string): AttributeValue {
    const token = this.next();
    if (token.type === 'param') return this.parameter();
    if (token.type === 'string') return { S: token.text };
    if (token.type === 'number') return this.number(token.text, where);
    if (token.type === 'word') {
      const word = token.text.toUpperCase();
      if (word === 'TRUE' || word === 'FALSE') return { BOOL: word === 'TRUE' };
      if (word === 'NULL') return { NULL: true };
    }
    if (token.text === '-' && this.peek().type === 'number') return this.number(`-${this.next().text}`, where);
    if (token.text === '[') {
      const list: AttributeValue[] = [];
      while (!this.isSymbol(']')) {
        if (list.length > 0) this.expectSymbol(',');
        list.push(this.literal(`${where}[${list.length}]`));
      }
      this.next();
      return { L: list };
    }
    if (token.text === '{') return { M: this.members(where, (key) => `${where}.${key}`) };
    if (token.text === '<<') return this.bag();
    this.position--;
    return this.unexpected();
  }

  /** An INSERT's item: a `{...}` literal whose members each count as `root` in number errors. */
  parseItem(): Item {
    this.expectSymbol('{');
    return this.members('root', () => 'root');
  }

  /** The members of a `{...}` literal whose `{` was consumed. */
  private members(where: string, member: (key: string) => string): Item {
    const map: Item = {};
    while (!this.isSymbol('}')) {
      if (Object.keys(map).length > 0) this.expectSymbol(',');
      const key = this.next();
      if (key.type !== 'string') throw new DynamoValidationException(`Tuple keys must be of type String. Actual type: ${key.type} under ${where}`);
      this.expectSymbol(':');
      if (Object.hasOwn(map, key.text)) throw new DynamoValidationException(`Duplicate keys in tuple. Key: ${key.text} under ${where}`);
      map[key.text] = this.literal(member(key.text));
    }
    this.next();
    return map;
  }

  private bag(): AttributeValue {
    const members: AttributeValue[] = [];
    while (!this.isSymbol('>>')) {
      if (members.length > 0) this.expectSymbol(',');
      const token = this.peek();
      if (token.type !== 'string' && token.type !== 'number' && !(token.text === '-' && this.peek(1).type === 'number')) {
        throw new DynamoValidationException('Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags');
      }
      members.push(this.literal('root'));
    }
    this.next();
    if (members.length === 0) throw new DynamoValidationException('Empty bags are not supported');
    const strings = members.every((member) => 'S' in member);
    if (!strings && !members.every((member) => 'N' in member)) {
      throw new DynamoValidationException('Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags');
    }
    const raw = strings ? { SS: members.map((member) => (member as { S: string }).S) } : { NS: members.map((member) => (member as { N: string }).N) };
    return checkAttributeValue(raw);
  }

  /** True when the next token can start a path. */
  startsPath(): boolean {
    const token = this.peek();
    return token.type === 'quoted' || (token.type === 'word' && !KEYWORDS.has(token.text.toUpperCase()));
  }

  /** A name: a bare word that is no keyword, or a "quoted" one. */
  parseName(): string {
    if (!this.startsPath()) this.unexpected();
    return this.next().text;
  }

  /** A document path: a name followed by `.name` and `[index]` steps. */
  parsePath(): PathNode {
    const elements: PathElement[] = [this.parseName()];
    for (;;) {
      if (this.isSymbol('.') && (this.peek(1).type === 'word' || this.peek(1).type === 'quoted')) {
        this.next();
        elements.push(this.next().text);
      } else if (this.isSymbol('[') && this.peek(1).type === 'number' && this.isSymbol(']', 2)) {
        this.next();
        const index = Number(this.next().text);
        if (!Number.isInteger(index)) this.unexpected();
        elements.push(index);
        this.next();
      } else {
        return { type: 'path', elements };
      }
    }
  }
}
