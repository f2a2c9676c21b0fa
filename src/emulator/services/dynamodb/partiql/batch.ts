/**
 * BatchExecuteStatement: up to 25 statements, each run on its own. A statement that fails does
 * not fail the batch: its response carries an Error with the short code DynamoDB uses there
 * (ValidationError, ConditionalCheckFailed, DuplicateItem, ResourceNotFound), and the others run.
 * A SELECT must name one item by its whole primary key, as on DynamoDB.
 */
import { isAwsError, type AwsError } from '../../../errors.ts';
import type { Item } from '../attribute-values.ts';
import { constraintError } from '../errors.ts';
import { commitWrite } from '../items.ts';
import { booleanOf, consumedCapacity, readUnits, returnOldOnFailure, writeUnits, type Input } from '../request.ts';
import type { DynamodbState, Table } from '../state.ts';
import { REFUSALS } from './errors.ts';
import { returnedItems, statementOf } from './executor.ts';
import { evaluatePlanned, planKeyRead, planWrite, readPlanned } from './plan.ts';

const BATCH_CODES: Record<string, string> = {
  ValidationException: 'ValidationError',
  ConditionalCheckFailedException: 'ConditionalCheckFailed',
  DuplicateItemException: 'DuplicateItem',
  ResourceNotFoundException: 'ResourceNotFound',
  TransactionConflictException: 'TransactionConflict',
  ItemCollectionSizeLimitExceededException: 'ItemCollectionSizeLimitExceeded',
};

/** Checks a list member (Statements, TransactStatements) against its model's length limits. */
export function statementList(raw: unknown, member: string, max: number): Input[] {
  if (!Array.isArray(raw)) throw constraintError(raw, member, 'Member must not be null');
  if (raw.length < 1) throw constraintError('[]', member, 'Member must have length greater than or equal to 1');
  if (raw.length > max) throw constraintError(`[${raw.length} statements]`, member, `Member must have length less than or equal to ${max}`);
  return raw.map((entry) => (typeof entry === 'object' && entry !== null ? entry : {}) as Input);
}

/** Capacity units spent on one table by a statement. */
export interface Spent {
  table: Table;
  units: number;
}

/** ConsumedCapacity as a list, one entry per table, when ReturnConsumedCapacity asks for it. */
export function capacityList(input: Input, spent: Spent[]): Record<string, unknown> {
  const mode = input.ReturnConsumedCapacity ?? 'NONE';
  if (!['NONE', 'TOTAL', 'INDEXES'].includes(mode)) throw constraintError(mode, 'returnConsumedCapacity', 'Member must satisfy enum value set: [INDEXES, TOTAL, NONE]');
  if (mode === 'NONE') return {};
  const byTable = new Map<string, Spent>();
  for (const { table, units } of spent) byTable.set(table.TableName, { table, units: (byTable.get(table.TableName)?.units ?? 0) + units });
  return { ConsumedCapacity: [...byTable.values()].map(({ table, units }) => consumedCapacity(input, table, units).ConsumedCapacity) };
}

function batchError(error: AwsError): Record<string, unknown> {
  const item = error.fields.Item as Item | undefined;
  return { Code: BATCH_CODES[error.code] ?? error.code.replace(/Exception$/, ''), Message: error.message, ...(item ? { Item: item } : {}) };
}

/** Runs one statement of the batch; `spent` collects its capacity. */
function runOne(state: DynamodbState, request: Input, spent: Spent[]): Record<string, unknown> {
  let tableName: string | undefined;
  try {
    const statement = statementOf(request);
    if (statement.kind === 'select') {
      const read = planKeyRead(state, statement, REFUSALS.batchKey, REFUSALS.onIndex);
      const consistent = booleanOf(request, 'ConsistentRead');
      const item = readPlanned(read);
      spent.push({ table: read.table, units: readUnits(0, consistent) });
      return { TableName: read.table.TableName, ...(item ? { Item: item } : {}) };
    }
    const planned = planWrite(state, statement, returnOldOnFailure(request));
    tableName = planned.write.table.TableName;
    const outcome = evaluatePlanned(planned);
    commitWrite(planned.write, outcome);
    spent.push({ table: planned.write.table, units: writeUnits(outcome.old, outcome.next) });
    const [item] = returnedItems(planned, outcome);
    return { TableName: tableName, ...(item ? { Item: item } : {}) };
  } catch (error) {
    if (!isAwsError(error) || error.status >= 500) throw error;
    return { Error: batchError(error), ...(tableName ? { TableName: tableName } : {}) };
  }
}

/** BatchExecuteStatement. */
export function batchExecuteStatement(state: DynamodbState, input: Input): Record<string, unknown> {
  const statements = statementList(input.Statements, 'statements', 25);
  capacityList(input, []);
  const spent: Spent[] = [];
  const responses = statements.map((request) => runOne(state, request, spent));
  return { Responses: responses, ...capacityList(input, spent) };
}
