/**
 * The four statements DynamoDB's PartiQL runs: `SELECT <paths|*> FROM "table"[."index"] [WHERE]
 * [ORDER BY]`, `INSERT INTO "table" VALUE {...}`, `UPDATE "table" SET/REMOVE ... WHERE ...
 * [RETURNING]` and `DELETE FROM "table" WHERE ... [RETURNING]`, with `?` bound from Parameters.
 */
import type { AttributeValue, Item } from '../attribute-values.ts';
import { DynamoValidationException } from '../errors.ts';
import type { ConditionNode, OperandNode, PathNode, UpdateNode } from '../expressions/ast.ts';
import { ConditionParser } from './conditions.ts';
import { malformed } from './errors.ts';
import { tokenize } from './lexer.ts';

/** What RETURNING asks for, in UpdateItem's ReturnValues words. */
export type Returning = 'ALL_OLD' | 'ALL_NEW' | 'UPDATED_OLD' | 'UPDATED_NEW';

/** A SELECT. */
export interface SelectStatement {
  kind: 'select';
  table: string;
  index: string | undefined;
  projection: PathNode[] | undefined;
  where: ConditionNode | undefined;
  /** The attribute ORDER BY names, if any. */
  orderBy: string | undefined;
  descending: boolean;
}

/** A parsed statement. */
export type Statement =
  | SelectStatement
  | { kind: 'insert'; table: string; item: Item }
  | { kind: 'update'; table: string; update: UpdateNode; where: ConditionNode | undefined; returning: Returning | undefined }
  | { kind: 'delete'; table: string; where: ConditionNode | undefined; returning: Returning | undefined };

const SAME_PATH = (a: PathNode, b: OperandNode) => b.type === 'path' && JSON.stringify(a.elements) === JSON.stringify(b.elements);

class StatementParser extends ConditionParser {
  parse(): Statement {
    let statement: Statement;
    if (this.isWord('SELECT')) statement = this.select();
    else if (this.isWord('INSERT')) statement = this.insert();
    else if (this.isWord('UPDATE')) statement = this.update();
    else if (this.isWord('DELETE')) statement = this.remove();
    else throw malformed('Expected data manipulation');
    if (this.isSymbol(';')) this.next();
    if (this.peek().type !== 'eof') throw malformed('Unexpected token after expression');
    return statement;
  }

  /** A table or index name; `missing` is the detail when no name follows at all. */
  private tableName(missing = 'Unexpected term'): string {
    const token = this.peek();
    if (token.type === 'string' || token.type === 'number' || token.type === 'param') throw new DynamoValidationException('Unexpected from source');
    if (!this.startsPath()) throw malformed(missing);
    const name = this.next().text;
    if (name === '') throw new DynamoValidationException('Path component cannot be an empty string');
    return name;
  }

  private refuseAlias(): void {
    if (this.isWord('AS') || this.startsPath()) throw new DynamoValidationException('Aliasing is not supported');
  }

  private where(): ConditionNode | undefined {
    if (!this.isWord('WHERE')) return undefined;
    this.next();
    return this.parseCondition();
  }

  private select(): SelectStatement {
    this.next();
    let projection: PathNode[] | undefined = [];
    let star = false;
    do {
      if (projection.length > 0 || star) this.expectSymbol(',');
      if (this.isSymbol('*')) {
        this.next();
        star = true;
      } else {
        projection.push(this.parsePath());
      }
    } while (this.isSymbol(','));
    if (star && projection.length > 0) throw new DynamoValidationException("Other attributes should not be present in the projection when '*' is used.");
    if (star) projection = undefined;
    this.expectWord('FROM');
    const table = this.tableName();
    let index: string | undefined;
    if (this.isSymbol('.')) {
      this.next();
      index = this.tableName();
      if (this.isSymbol('.')) throw new DynamoValidationException('A path may contain at most 2 components in the FROM clause');
    }
    this.refuseAlias();
    const where = this.where();
    let descending = false;
    let orderBy: string | undefined;
    if (this.isWord('ORDER')) {
      this.next();
      this.expectWord('BY');
      orderBy = this.parsePath().elements.join('.');
      if (this.isWord('ASC') || this.isWord('DESC')) descending = this.next().text.toUpperCase() === 'DESC';
    }
    return { kind: 'select', table, index, projection, where, orderBy, descending };
  }

  private insert(): Statement {
    this.next();
    this.expectWord('INTO');
    const table = this.tableName();
    if (this.startsPath()) throw malformed('Unexpected token after expression');
    if (this.isWord('VALUES')) {
      throw new DynamoValidationException('Unsupported operation: Inserting multiple items in a single statement is not supported, use "INSERT INTO tableName VALUE item" instead');
    }
    this.expectWord('VALUE');
    if (!this.isSymbol('{')) {
      throw new DynamoValidationException('Unsupported format in item expression. Please use struct format {...} to express item values for insert statement.');
    }
    const item = this.parseItem();
    if (this.isWord('RETURNING')) throw new DynamoValidationException('RETURNING is not supported in INSERT');
    return { kind: 'insert', table, item };
  }

  private update(): Statement {
    this.next();
    const table = this.tableName();
    this.refuseAlias();
    const update: UpdateNode = { set: [], remove: [], add: [], delete: [] };
    if (!this.isWord('SET') && !this.isWord('REMOVE')) this.unexpected();
    while (this.isWord('SET') || this.isWord('REMOVE')) {
      const section = this.next().text.toUpperCase();
      do {
        if (this.isSymbol(',')) this.next();
        if (section === 'REMOVE') update.remove.push(this.parsePath());
        else this.assignment(update);
      } while (this.isSymbol(','));
    }
    const where = this.where();
    return { kind: 'update', table, update, where, returning: this.returning() };
  }

  private assignment(update: UpdateNode): void {
    const path = this.parsePath();
    this.expectSymbol('=');
    const name = this.peek().type === 'word' && this.isSymbol('(', 1) ? this.peek().text.toLowerCase() : '';
    if (name === 'set_add' || name === 'set_delete') {
      this.next();
      this.next();
      const target = this.parseOperand();
      this.expectSymbol(',');
      const value = this.parseValue();
      this.expectSymbol(')');
      const label = name.toUpperCase().replace('SET_', '');
      if (!SAME_PATH(path, target)) throw new DynamoValidationException(`The first argument to SET_${label} must equal the assignment value`);
      const type = value.value ? Object.keys(value.value)[0]! : '';
      if (!['SS', 'NS', 'BS'].includes(type)) throw new DynamoValidationException(`The second argument to SET_${label} must be a value with type SET`);
      (name === 'set_add' ? update.add : update.delete).push({ path, value });
      return;
    }
    if (name === 'list_append') {
      this.next();
      this.next();
      const first = this.parseOperand();
      this.expectSymbol(',');
      const second = this.parseOperand();
      this.expectSymbol(')');
      update.set.push({ path, value: { type: 'function', name, args: [first, second] } });
      return;
    }
    const left = this.parseOperand();
    if (this.isSymbol('+') || this.isSymbol('-')) {
      const operator = this.next().text as '+' | '-';
      update.set.push({ path, value: { type: 'arithmetic', operator, left, right: this.parseOperand() } });
      return;
    }
    update.set.push({ path, value: left });
  }

  private remove(): Statement {
    this.next();
    this.expectWord('FROM');
    const table = this.tableName('Expected identifier for simple path');
    this.refuseAlias();
    const where = this.where();
    const returning = this.returning();
    if (returning && returning !== 'ALL_OLD') {
      throw new DynamoValidationException(`Invalid returning clause: RETURNING ${returning.replace('UPDATED', 'MODIFIED').replace('_', ' ')} *. Only RETURNING ALL OLD * is allowed in DELETE statements.`);
    }
    return { kind: 'delete', table, where, returning };
  }

  private returning(): Returning | undefined {
    if (!this.isWord('RETURNING')) return undefined;
    this.next();
    const scope = this.isWord('ALL') ? 'ALL' : this.isWord('MODIFIED') ? 'UPDATED' : this.unexpected();
    this.next();
    const side = this.isWord('OLD') ? 'OLD' : this.isWord('NEW') ? 'NEW' : this.unexpected();
    this.next();
    if (!this.isSymbol('*')) throw new DynamoValidationException("Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause");
    this.next();
    return `${scope}_${side}` as Returning;
  }
}

/** Parses one statement, binding `parameters` to its `?` in order; their count must match. */
export function parseStatement(source: string, parameters: AttributeValue[]): Statement {
  const parser = new StatementParser(tokenize(source), parameters);
  const statement = parser.parse();
  if (parser.parametersUsed() !== parameters.length) throw new DynamoValidationException("Number of parameters in request and statement don't match.");
  return statement;
}
