import { describe, expect, it } from 'vitest';
import type { AttributeValue, Item } from '../../src/emulator/services/dynamodb/attribute-values.ts';
import { checkItem, compareValues, itemSize, valuesEqual } from '../../src/emulator/services/dynamodb/attribute-values.ts';
import { evaluateCondition } from '../../src/emulator/services/dynamodb/expressions/evaluate.ts';
import { parseExpressions } from '../../src/emulator/services/dynamodb/expressions/index.ts';
import { resolveKeyCondition } from '../../src/emulator/services/dynamodb/expressions/key-condition.ts';
import { projectItem } from '../../src/emulator/services/dynamodb/expressions/paths.ts';
import { isReservedWord, RESERVED_WORDS } from '../../src/emulator/services/dynamodb/expressions/reserved-words.ts';
import { tokenize } from '../../src/emulator/services/dynamodb/expressions/tokenizer.ts';
import { applyUpdate } from '../../src/emulator/services/dynamodb/expressions/update.ts';
import { addNumbers, compareNumbers, normalizeNumber } from '../../src/emulator/services/dynamodb/numbers.ts';

type Values = Record<string, AttributeValue>;

function condition(text: string, values: Values = {}, names?: Record<string, string>) {
  const input = { ConditionExpression: text, ExpressionAttributeValues: Object.keys(values).length ? values : undefined, ExpressionAttributeNames: names };
  return parseExpressions(input, ['ConditionExpression']).condition!;
}

function update(text: string, values: Values = {}, names?: Record<string, string>) {
  const input = { UpdateExpression: text, ExpressionAttributeValues: Object.keys(values).length ? values : undefined, ExpressionAttributeNames: names };
  return parseExpressions(input, ['UpdateExpression']).update!;
}

function message(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

const order: Item = {
  id: { S: 'o-1' },
  amount: { N: '42.5' },
  status: { S: 'PLACED' },
  tags: { SS: ['gift', 'express'] },
  orderLines: { L: [{ M: { sku: { S: 'a' }, qty: { N: '2' } } }, { M: { sku: { S: 'b' }, qty: { N: '1' } } }] },
  customer: { M: { name: { S: 'Ana' }, vip: { BOOL: true } } },
};

describe('DynamoDB expression tokenizer and parser', () => {
  it('tokenizes names, placeholders, numbers and two-character operators', () => {
    expect(tokenize('#a.b[10] <> :v_1').map((token) => `${token.type}:${token.text}`)).toEqual([
      'name:#a', 'symbol:.', 'identifier:b', 'symbol:[', 'number:10', 'symbol:]', 'symbol:<>', 'value::v_1', 'eof:<EOF>',
    ]);
  });

  it('knows the 573 reserved words, in any case', () => {
    expect(RESERVED_WORDS.size).toBe(573);
    expect(isReservedWord('status')).toBe(true);
    expect(isReservedWord('Name')).toBe(true);
    expect(isReservedWord('orderId')).toBe(false);
  });

  it('reports syntax errors with the token and the text near it, as AWS does', () => {
    expect(message(() => update('ADD hits : incr', { ':incr': { N: '1' } }))).toBe('Invalid UpdateExpression: Syntax error; token: ":", near: "hits : incr"');
    expect(message(() => condition('a = = :v', { ':v': { N: '1' } }))).toBe('Invalid ConditionExpression: Syntax error; token: "=", near: "= = :v"');
    expect(message(() => update('SET a =', {}))).toBe('Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "="');
    expect(message(() => condition(''))).toBe('Invalid ConditionExpression: The expression can not be empty;');
  });

  it('reports reserved words, undefined and unused placeholders', () => {
    expect(message(() => update('SET status = :s', { ':s': { S: 'x' } }))).toBe('Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status');
    expect(message(() => update('SET #s = :s', { ':s': { S: 'x' } }))).toBe('Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #s');
    expect(message(() => update('SET a = :absent', { ':x': { S: 'x' } }))).toBe('Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :absent');
    expect(message(() => update('SET a = :a', { ':a': { S: 'x' }, ':x': { S: 'y' } }))).toBe('Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}');
    expect(message(() => update('SET a = :a', { ':a': { S: 'x' } }, { '#n': 'n' }))).toBe('Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}');
    expect(message(() => update('SET a = :a', { a: { S: 'x' } } as Values))).toBe('ExpressionAttributeValues contains invalid key: Syntax error; key: "a"');
  });

  it('checks operand types and function use before evaluating anything', () => {
    expect(message(() => condition('a < :b', { ':b': { BOOL: true } }))).toBe('Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: <, operand type: BOOL');
    expect(message(() => condition('foo(a)'))).toBe('Invalid ConditionExpression: Invalid function name; function: foo');
    expect(message(() => condition('size(a)'))).toBe('Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size');
    expect(message(() => update('SET a = size(b)'))).toBe('Invalid UpdateExpression: The function is not allowed in an update expression; function: size');
    expect(message(() => update('SET a = :s + :n', { ':s': { S: 'x' }, ':n': { N: '1' } }))).toBe('Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S');
    expect(message(() => update('SET a = :a REMOVE a.b', { ':a': { N: '1' } }))).toBe('Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]');
    expect(message(() => update('SET a = :a SET b = :a', { ':a': { N: '1' } }))).toBe('Invalid UpdateExpression: The "SET" section can only be used once in an update expression;');
    expect(message(() => condition('a BETWEEN :hi AND :lo', { ':hi': { N: '5' }, ':lo': { N: '1' } }))).toContain('The BETWEEN operator requires upper bound to be greater than or equal to lower bound');
  });
});

describe('DynamoDB condition evaluation', () => {
  const check = (text: string, values: Values = {}, names?: Record<string, string>) => evaluateCondition(condition(text, values, names), order);

  it('evaluates comparisons, functions, IN, BETWEEN and precedence', () => {
    expect(check('amount > :n', { ':n': { N: '42.49' } })).toBe(true);
    expect(check('amount BETWEEN :a AND :b', { ':a': { N: '40' }, ':b': { N: '42.5' } })).toBe(true);
    expect(check('#s IN (:a, :b)', { ':a': { S: 'NEW' }, ':b': { S: 'PLACED' } }, { '#s': 'status' })).toBe(true);
    expect(check('contains(tags, :t) AND size(orderLines) = :two', { ':t': { S: 'gift' }, ':two': { N: '2' } })).toBe(true);
    expect(check('orderLines[1].sku = :b AND customer.vip = :t', { ':b': { S: 'b' }, ':t': { BOOL: true } })).toBe(true);
    expect(check('begins_with(id, :p) OR attribute_exists(nope) AND attribute_exists(id)', { ':p': { S: 'x' } })).toBe(false);
    expect(check('NOT attribute_exists(nope) AND attribute_type(tags, :ss)', { ':ss': { S: 'SS' } })).toBe(true);
  });

  it('treats a absent attribute as false in comparisons but true for <>', () => {
    expect(check('absent = :v', { ':v': { S: 'x' } })).toBe(false);
    expect(check('absent < :v', { ':v': { S: 'x' } })).toBe(false);
    expect(check('absent <> :v', { ':v': { S: 'x' } })).toBe(true);
  });
});

describe('DynamoDB updates, projections and key conditions', () => {
  it('applies SET, REMOVE, ADD and DELETE reading the old item on the right-hand side', () => {
    const values = { ':one': { N: '1' }, ':zero': { N: '0' }, ':more': { L: [{ S: 'c' }] }, ':gift': { SS: ['gift'] }, ':new': { SS: ['new'] } };
    const node = update('SET amount = amount + :one, visits = if_not_exists(visits, :zero) + :one, notes = list_append(if_not_exists(notes, :more), :more) REMOVE orderLines[0] ADD labels :new, hits :one DELETE tags :gift', values);
    const { item } = applyUpdate(node, order);
    expect(item.amount).toEqual({ N: '43.5' });
    expect(item.visits).toEqual({ N: '1' });
    expect(item.notes).toEqual({ L: [{ S: 'c' }, { S: 'c' }] });
    expect((item.orderLines as { L: unknown[] }).L).toHaveLength(1);
    expect(item.tags).toEqual({ SS: ['express'] });
    expect(item.labels).toEqual({ SS: ['new'] });
    expect(item.hits).toEqual({ N: '1' });
    expect(order.amount).toEqual({ N: '42.5' });
  });

  it('refuses arithmetic on a absent attribute and on a wrong type, as AWS does', () => {
    expect(message(() => applyUpdate(update('SET a = nope + :one', { ':one': { N: '1' } }), order))).toBe('The provided expression refers to an attribute that does not exist in the item');
    expect(message(() => applyUpdate(update('SET a = id + :one', { ':one': { N: '1' } }), order))).toBe('An operand in the update expression has an incorrect data type');
    expect(message(() => applyUpdate(update('SET nope.deeper = :one', { ':one': { N: '1' } }), order))).toBe('The document path provided in the update expression is invalid for update');
  });

  it('projects nested paths and list elements', () => {
    const paths = parseExpressions({ ProjectionExpression: 'id, orderLines[1].sku, customer.#n', ExpressionAttributeNames: { '#n': 'name' } }, ['ProjectionExpression']).projection!;
    expect(projectItem(order, paths)).toEqual({ id: { S: 'o-1' }, orderLines: { L: [{ M: { sku: { S: 'b' } } }] }, customer: { M: { name: { S: 'Ana' } } } });
  });

  it('resolves key conditions and names the absent key', () => {
    const parse = (text: string, values: Values) => parseExpressions({ KeyConditionExpression: text, ExpressionAttributeValues: values }, ['KeyConditionExpression']).keyCondition!;
    const types = () => 'S';
    const resolved = resolveKeyCondition(parse('pk = :p AND sk BETWEEN :a AND :b', { ':p': { S: 'c' }, ':a': { S: '1' }, ':b': { S: '2' } }), 'pk', 'sk', types);
    expect(resolved.range?.operator).toBe('BETWEEN');
    expect(message(() => resolveKeyCondition(parse('sk = :a', { ':a': { S: '1' } }), 'pk', 'sk', types))).toBe('Query condition missed key schema element: pk');
    expect(message(() => resolveKeyCondition(parse('pk = :p OR sk = :a', { ':p': { S: 'c' }, ':a': { S: '1' } }), 'pk', 'sk', types))).toBe('Invalid operator used in KeyConditionExpression: OR');
  });
});

describe('DynamoDB numbers and values', () => {
  it('normalizes, compares and adds decimals exactly, within 38 digits', () => {
    expect(normalizeNumber('001.500')).toBe('1.5');
    expect(normalizeNumber('1e3')).toBe('1000');
    expect(normalizeNumber('-0.00')).toBe('0');
    expect(compareNumbers('10', '9.99999999999999999999999999999999999')).toBe(1);
    expect(addNumbers('0.1', '0.2')).toBe('0.3');
    expect(addNumbers('12345678901234567890123456789012345678', '-1')).toBe('12345678901234567890123456789012345677');
    expect(message(() => normalizeNumber('1.23456789012345678901234567890123456789'))).toBe('Attempting to store more than 38 significant digits in a Number');
    expect(message(() => normalizeNumber('abc'))).toBe('A value provided cannot be converted into a number');
  });

  it('sorts strings by UTF-8 bytes and binaries as unsigned bytes', () => {
    expect(compareValues({ S: '\u{1F600}' }, { S: '\uFFFD' })).toBeGreaterThan(0);
    expect(compareValues({ B: Buffer.from([0x80]).toString('base64') }, { B: Buffer.from([0x7f]).toString('base64') })).toBeGreaterThan(0);
    expect(valuesEqual({ SS: ['a', 'b'] }, { SS: ['b', 'a'] })).toBe(true);
    expect(itemSize({ ab: { S: 'xyz' }, n: { N: '123' } })).toBe(2 + 3 + 1 + 3);
  });

  it('keeps attributes named like Object.prototype members as plain attributes', () => {
    const item = checkItem(JSON.parse('{"__proto__": {"S": "x"}, "constructor": {"S": "y"}}'));
    expect(Object.keys(item)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
    const names = { '#p': '__proto__', '#t': 'toString' };
    expect(evaluateCondition(parseExpressions({ ConditionExpression: 'attribute_exists(#p) AND attribute_not_exists(#t)', ExpressionAttributeNames: names }, ['ConditionExpression']).condition!, item)).toBe(true);
    const paths = parseExpressions({ ProjectionExpression: '#p', ExpressionAttributeNames: { '#p': '__proto__' } }, ['ProjectionExpression']).projection!;
    expect(JSON.stringify(projectItem(item, paths))).toBe('{"__proto__":{"S":"x"}}');
  });
});
