/**
 * The exact messages DynamoDB answers a PartiQL statement it refuses with: the parser's "wasn't
 * well formed" envelope and its detail, aliases, FROM clauses, number literals, RETURNING, key
 * conditions and operand types, each as AWS words it.
 */
import { ExecuteStatementCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.ts';
import { createTableAndWait } from '../support/dynamodb.ts';

const T = 'pq-errors';
const NUMS = 'pq-errors-n';
const WELL = "Statement wasn't well formed, can't be processed: ";
const LEFTOVER = `${WELL}Unexpected token after expression`;

/** [statement, message] pairs; every one must be refused with ValidationException and exactly this message. */
const REFUSED: Array<[string, string]> = [
  [`SLECT * FROM "${T}"`, `${WELL}Expected data manipulation`],
  [`SELECT * FROM "${NUMS}" WHERE pk = 1 foo`, LEFTOVER],
  [`SELECT * FROM "${NUMS}" WHERE pk = 1)`, LEFTOVER],
  [`INSERT INTO "${NUMS}" VALUE {'pk': 1} foo`, LEFTOVER],
  [`DELETE FROM "${NUMS}" WHERE pk = 1 ORDER BY pk`, LEFTOVER],
  [`SELECT * FROM "${NUMS}" ORDER BY pk WHERE pk = 1`, LEFTOVER],
  [`INSERT INTO "${T}" t VALUE {'pk': 'x'}`, LEFTOVER],
  [`SELECT * FROM "${T}" WHERE`, `${WELL}Unexpected term`],
  [`SELECT * FROM "${T}" WHERE NOT`, `${WELL}Unexpected term`],
  [`SELECT * FROM "${T}" WHERE (`, `${WELL}Unexpected term`],
  [`UPDATE "${T}" SET a = 1 WHERE`, `${WELL}Unexpected term`],
  ['SELECT * FROM', `${WELL}Unexpected term`],
  [`SELECT * FROM "${T}" WHERE pk = 'p1' AND`, `${WELL}Missing right-hand side expression of infix operator`],
  [`SELECT * FROM "${T}" WHERE pk = 'p1' OR`, `${WELL}Missing right-hand side expression of infix operator`],
  [`SELECT * FROM "${T}" WHERE ORDER BY pk`, `${WELL}Unexpected keyword`],
  [`SELECT * FROM "${T}" WHERE IS NULL`, `${WELL}Unexpected operator`],
  [`SELECT * FROM "${T}" WHERE pk = LIKE`, `${WELL}Unexpected operator`],
  [`SELECT * FROM "${T}" WHERE pk = 'a' AND x IS FOO`, `${WELL}Expected type name`],
  ['DELETE FROM', `${WELL}Expected identifier for simple path`],
  [`DELETE FROM WHERE pk = 'a'`, `${WELL}Expected identifier for simple path`],
  [`SELECT * FROM "${NUMS}" WHERE pk = 1 # note`, WELL],
  [`SELECT * FROM "${NUMS}" WHERE pk = 1 /* note`, WELL],
  [`SELECT * FROM "${T}`, WELL],
  [`SELECT * FROM "${NUMS}" WHERE pk = 1e2147483648`, WELL],
  [`SELECT * FROM "${NUMS}" WHERE pk = 1.5e-2147483647`, WELL],
  [`SELECT * FROM "${NUMS}" WHERE pk = 1e126`, 'Number overflow. Attempting to store a number with magnitude larger than supported range under root'],
  [`SELECT * FROM "${NUMS}" WHERE pk = 1e-131`, 'Number underflow. Attempting to store a number with magnitude smaller than supported range under root'],
  [`SELECT * FROM "${NUMS}" WHERE pk = 123456789012345678901234567890123456789`, 'Attempting to store more than 38 significant digits in a Number under root'],
  [`INSERT INTO "${NUMS}" VALUE {'pk': 1, 'm': {'x': 1e126}}`, 'Number overflow. Attempting to store a number with magnitude larger than supported range under root.x'],
  [`INSERT INTO "${NUMS}" VALUE {'pk': 2, 'l': [1, 1e126]}`, 'Number overflow. Attempting to store a number with magnitude larger than supported range under root[1]'],
  [`SELECT * FROM "${T}" t WHERE pk = 'x'`, 'Aliasing is not supported'],
  [`SELECT * FROM "${T}" AS t WHERE pk = 'x'`, 'Aliasing is not supported'],
  [`UPDATE "${T}" t SET a = 3 WHERE pk = 'x'`, 'Aliasing is not supported'],
  [`DELETE FROM "${T}" t WHERE pk = 'x'`, 'Aliasing is not supported'],
  [`SELECT * FROM "${T}"."no-such-index" WHERE pk = 'p'`, 'The table does not have the specified index'],
  [`SELECT * FROM "${T}"."gsi"."extra" WHERE pk = 'p'`, 'A path may contain at most 2 components in the FROM clause'],
  [`SELECT * FROM "${T}"."" WHERE pk = 'p'`, 'Path component cannot be an empty string'],
  [`SELECT * FROM "" WHERE pk = 'p'`, 'Path component cannot be an empty string'],
  [`SELECT * FROM 'strings-are-values'`, 'Unexpected from source'],
  [`DELETE FROM "${T}" WHERE pk = 'x' RETURNING MODIFIED OLD *`, 'Invalid returning clause: RETURNING MODIFIED OLD *. Only RETURNING ALL OLD * is allowed in DELETE statements.'],
  [`DELETE FROM "${T}" WHERE pk = 'x' RETURNING ALL NEW *`, 'Invalid returning clause: RETURNING ALL NEW *. Only RETURNING ALL OLD * is allowed in DELETE statements.'],
  [`INSERT INTO "${T}" VALUES {'pk': 'x'}`, 'Unsupported operation: Inserting multiple items in a single statement is not supported, use "INSERT INTO tableName VALUE item" instead'],
  [`INSERT INTO "${T}" VALUE {'pk': 'x', 'pk': 'y'}`, 'Duplicate keys in tuple. Key: pk under root'],
  [`INSERT INTO "${T}" VALUE {'pk': 'x', 's': <<>>}`, 'Empty bags are not supported'],
  [`SELECT pk, * FROM "${T}"`, "Other attributes should not be present in the projection when '*' is used."],
  [`SELECT * FROM "${T}" WHERE pk = 1`, "Key attribute's data type should match its data type in table's schema: Key pk"],
  [`UPDATE "${T}" SET a = 1 WHERE pk = 'x' AND pk = 'y'`, 'Multiple conditions on same key pk. Only single item Update/Insert/Delete are supported'],
  [`SELECT * FROM "${T}" ORDER BY pk`, 'Must have WHERE clause in the statement when using ORDER BY clause.'],
  [`SELECT * FROM "${T}" WHERE a = 1 ORDER BY pk`, 'Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.'],
  [`SELECT * FROM "${T}" WHERE pk = 'x' ORDER BY a`, 'Variable reference a in ORDER BY clause must be part of the primary key'],
  [`SELECT * FROM "${T}" WHERE pk = 'x' AND begins_with(a, 5)`, 'Incorrect operand type for operator or function; operator or function: begins_with, operand type: N'],
];

describe('DynamoDB PartiQL refusals, in AWS words', () => {
  const emulator = useEmulator();
  const execute = (Statement: string, Parameters?: AttributeValue[], extra: Record<string, unknown> = {}) =>
    emulator.clients.dynamodb.send(new ExecuteStatementCommand({ Statement, ...(Parameters ? { Parameters } : {}), ...extra }));

  beforeAll(async () => {
    const hash = (TableName: string, type: 'S' | 'N') => createTableAndWait(emulator.clients.dynamodb, {
      TableName, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: type }],
    });
    await Promise.all([hash(T, 'S'), hash(NUMS, 'N')]);
  });

  it('refuses each malformed or unsupported statement with AWS message', async () => {
    const answers = await Promise.all(REFUSED.map(([statement]) => execute(statement).then(
      () => ({ name: 'no error', message: '' }),
      (error: { name: string; message: string }) => ({ name: error.name, message: error.message }),
    )));
    const wrong = REFUSED.flatMap(([statement, message], i) => (answers[i]!.name === 'ValidationException' && answers[i]!.message === message ? [] : [{ statement, expected: message, got: answers[i] }]));
    expect(wrong).toEqual([]);
  });

  it('checks operand types of comparisons with parameters', async () => {
    await expect(execute(`SELECT pk FROM "${T}" WHERE pk = 'x' AND val < ?`, [{ BOOL: true }]))
      .rejects.toMatchObject({ name: 'ValidationException', message: 'Incorrect operand type for operator or function; operator or function: <, operand type: BOOL' });
  });

  it('refuses bad request members as the model does', async () => {
    await expect(execute(`SELECT * FROM "${T}"`, undefined, { Limit: 0 })).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(execute(`SELECT * FROM "${T}"`, undefined, { NextToken: 'not-a-token' })).rejects.toMatchObject({ name: 'ValidationException', message: 'Invalid NextToken' });
    await expect(execute(`DELETE FROM "${T}" WHERE pk = 'x'`, undefined, { ReturnValuesOnConditionCheckFailure: 'ALL_NEW' })).rejects.toMatchObject({ name: 'ValidationException' });
  });
});
