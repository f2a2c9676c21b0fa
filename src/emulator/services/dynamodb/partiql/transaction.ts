/**
 * ExecuteTransaction: up to 100 statements, all or nothing, as TransactWriteItems and
 * TransactGetItems run them. Every statement is parsed and planned first (a statement DynamoDB
 * cannot plan fails the request naming its position), then every write is evaluated, and only
 * when none fails are they stored; a cancelled transaction gives one reason per statement. A
 * ClientRequestToken makes a successful write transaction idempotent, as for TransactWriteItems.
 */
import { isAwsError } from '../../../errors.ts';
import { itemSize, type Item } from '../attribute-values.ts';
import { DynamoValidationException, TransactionCanceledException, type CancellationReason } from '../errors.ts';
import { commitWrite, type EvaluatedWrite } from '../items.ts';
import { readUnits, returnOldOnFailure, writeUnits, type Input } from '../request.ts';
import { keyOf, type DynamodbState, type Table } from '../state.ts';
import { alreadyDone } from '../transactions.ts';
import { capacityList, statementList, type Spent } from './batch.ts';
import { DUPLICATE_ITEM, REFUSALS } from './errors.ts';
import { statementOf } from './executor.ts';
import { evaluatePlanned, planKeyRead, planWrite, readPlanned, type PlannedRead, type PlannedWrite } from './plan.ts';

type Planned = { read: PlannedRead } | { write: PlannedWrite };

/** Messages DynamoDB answers with a cancellation naming the statement, rather than a validation failure of the request. */
const CANCELLING = ['Where clause does not contain a mandatory equality on all key attributes', 'Multiple conditions on same key', 'Key attribute should be present in the item:', "Key attribute's data type should match its data type in table's schema:"];

function cancelAt(count: number, index: number, message: string): TransactionCanceledException {
  return new TransactionCanceledException(Array.from({ length: count }, (_, i) => (i === index ? { Code: 'ValidationError', Message: message } : { Code: 'None' })));
}

function planOne(state: DynamodbState, entry: Input, index: number, count: number): Planned {
  try {
    const statement = statementOf(entry);
    if (statement.kind === 'select') return { read: planKeyRead(state, statement, REFUSALS.transactionKey, REFUSALS.transactionIndex) };
    if (statement.kind !== 'insert' && statement.returning) throw new DynamoValidationException(REFUSALS.transactionReturning);
    return { write: planWrite(state, statement, returnOldOnFailure(entry)) };
  } catch (error) {
    if (!isAwsError(error) || error.code !== 'ValidationException') throw error;
    if (CANCELLING.some((start) => error.message.startsWith(start))) throw cancelAt(count, index, error.message);
    throw new DynamoValidationException(`Validation failed in TransactStatements[${index}]: ${error.message}`);
  }
}

function rejectSameItemTwice(targets: Array<{ table: Table; key: Item }>): void {
  const seen = new Set<string>();
  for (const { table, key } of targets) {
    const id = `${table.TableName}\u0000${JSON.stringify(keyOf(table, key))}`;
    if (seen.has(id)) throw new DynamoValidationException('Transaction request cannot include multiple operations on one item');
    seen.add(id);
  }
}

/** The reason a write gives when its evaluation fails, in TransactionCanceledException's words. */
function reasonFor(error: unknown): CancellationReason {
  if (!isAwsError(error)) throw error;
  if (error.code === 'ConditionalCheckFailedException') {
    const item = error.fields.Item as Item | undefined;
    return { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', ...(item ? { Item: item } : {}) };
  }
  if (error.code === 'DuplicateItemException') return { Code: 'DuplicateItem', Message: DUPLICATE_ITEM };
  if (error.code === 'ValidationException') return { Code: 'ValidationError', Message: error.message };
  throw error;
}

function write(state: DynamodbState, input: Input, writes: PlannedWrite[], token: { fingerprint: string; now: number }): Record<string, unknown> {
  const outcomes: Array<EvaluatedWrite | undefined> = [];
  const reasons = writes.map((planned): CancellationReason => {
    try {
      outcomes.push(evaluatePlanned(planned));
      return { Code: 'None' };
    } catch (error) {
      outcomes.push(undefined);
      return reasonFor(error);
    }
  });
  if (reasons.some((reason) => reason.Code !== 'None')) throw new TransactionCanceledException(reasons);
  writes.forEach((planned, i) => commitWrite(planned.write, outcomes[i]!));
  if (typeof input.ClientRequestToken === 'string') state.tokens.set(input.ClientRequestToken, { fingerprint: token.fingerprint, at: token.now });
  // A transactional write costs twice a plain one.
  const spent: Spent[] = writes.map((planned, i) => ({ table: planned.write.table, units: 2 * writeUnits(outcomes[i]!.old, outcomes[i]!.next) }));
  return capacityList(input, spent);
}

/** ExecuteTransaction. */
export function executeTransaction(state: DynamodbState, input: Input): Record<string, unknown> {
  const entries = statementList(input.TransactStatements, 'transactStatements', 100);
  capacityList(input, []);
  const token = { fingerprint: JSON.stringify(['ExecuteTransaction', entries]), now: Date.now() };
  if (alreadyDone(state, input.ClientRequestToken, token.fingerprint, token.now)) return capacityList(input, []);
  const planned = entries.map((entry, index) => planOne(state, entry, index, entries.length));
  rejectSameItemTwice(planned.map((step) => ('read' in step ? step.read : step.write.write)));
  const writes = planned.flatMap((step) => ('write' in step ? [step.write] : []));
  const reads = planned.flatMap((step) => ('read' in step ? [step.read] : []));
  if (writes.length > 0 && reads.length > 0) {
    throw new DynamoValidationException('The entire transaction must consist of either read statements or write statements, you cannot mix both in one transaction');
  }
  if (writes.length > 0) return write(state, input, writes, token);
  const items = reads.map(readPlanned);
  const spent: Spent[] = reads.map((read, i) => ({ table: read.table, units: 2 * readUnits(items[i] ? itemSize(items[i]!) : 0, true) }));
  return { Responses: items.map((item) => (item ? { Item: item } : {})), ...capacityList(input, spent) };
}
