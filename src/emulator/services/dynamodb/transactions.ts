/**
 * TransactWriteItems and TransactGetItems: up to 100 actions, all or nothing. Every action is
 * validated, then every condition evaluated, and only when all pass are the writes applied; a
 * cancelled transaction reports one reason per action, in request order. A ClientRequestToken
 * makes a successful transaction idempotent for 10 minutes.
 */
import { isAwsError } from '../../errors.ts';
import type { Item } from './attribute-values.ts';
import {
  constraintError, DynamoValidationException, IdempotentParameterMismatchException, TransactionCanceledException, type CancellationReason,
} from './errors.ts';
import { commitWrite, evaluateWrite, prepareRead, prepareWrite, readItem, type EvaluatedWrite, type PreparedWrite, type WriteKind } from './items.ts';
import type { Input } from './request.ts';
import { keyOf, type DynamodbState, type Table } from './state.ts';

const IDEMPOTENCY_WINDOW_MS = 10 * 60 * 1000;
const KINDS: WriteKind[] = ['ConditionCheck', 'Put', 'Delete', 'Update'];

function transactItems(input: Input): any[] {
  const items = input.TransactItems;
  if (!Array.isArray(items)) throw constraintError(items, 'transactItems', 'Member must not be null');
  if (items.length < 1) throw constraintError('[]', 'transactItems', 'Member must have length greater than or equal to 1');
  if (items.length > 100) throw constraintError(`[${items.length} items]`, 'transactItems', 'Member must have length less than or equal to 100');
  return items;
}

function rejectSameItemTwice(targets: Array<{ table: Table; key: Item }>): void {
  const seen = new Set<string>();
  for (const { table, key } of targets) {
    const id = `${table.TableName}\u0000${JSON.stringify(keyOf(table, key))}`;
    if (seen.has(id)) throw new DynamoValidationException('Transaction request cannot include multiple operations on one item');
    seen.add(id);
  }
}

/** Checks the token; true when this exact transaction already succeeded within the window. */
export function alreadyDone(state: DynamodbState, token: unknown, fingerprint: string, now: number): boolean {
  if (token === undefined || token === null) return false;
  if (typeof token !== 'string' || token.length < 1 || token.length > 36) throw constraintError(token, 'clientRequestToken', 'Member must have length less than or equal to 36');
  for (const [key, record] of state.tokens) if (now - record.at > IDEMPOTENCY_WINDOW_MS) state.tokens.delete(key);
  const record = state.tokens.get(token);
  if (!record) return false;
  if (record.fingerprint !== fingerprint) throw new IdempotentParameterMismatchException();
  return true;
}

/** TransactWriteItems. */
export function transactWriteItems(state: DynamodbState, input: Input): Record<string, unknown> {
  const items = transactItems(input);
  const now = Date.now();
  const fingerprint = JSON.stringify(items);
  if (alreadyDone(state, input.ClientRequestToken, fingerprint, now)) return {};
  const writes: PreparedWrite[] = items.map((entry) => {
    const kinds = KINDS.filter((kind) => entry?.[kind] !== undefined && entry?.[kind] !== null);
    if (kinds.length !== 1) throw new DynamoValidationException('TransactItems can only contain one of Check, Put, Update or Delete');
    return prepareWrite(state, kinds[0]!, entry[kinds[0]!]);
  });
  rejectSameItemTwice(writes);
  const outcomes: Array<EvaluatedWrite | undefined> = [];
  const reasons: CancellationReason[] = writes.map((write) => {
    try {
      outcomes.push(evaluateWrite(write));
      return { Code: 'None' };
    } catch (error) {
      outcomes.push(undefined);
      if (isAwsError(error) && error.code === 'ConditionalCheckFailedException') {
        const item = error.fields.Item as Item | undefined;
        return { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', ...(item ? { Item: item } : {}) };
      }
      if (isAwsError(error) && error.code === 'ValidationException') return { Code: 'ValidationError', Message: error.message };
      throw error;
    }
  });
  if (reasons.some((reason) => reason.Code !== 'None')) throw new TransactionCanceledException(reasons);
  writes.forEach((write, i) => commitWrite(write, outcomes[i]!));
  if (typeof input.ClientRequestToken === 'string') state.tokens.set(input.ClientRequestToken, { fingerprint, at: now });
  return {};
}

/** TransactGetItems: a consistent read of up to 100 items, answered in request order. */
export function transactGetItems(state: DynamodbState, input: Input): Record<string, unknown> {
  const items = transactItems(input);
  const reads = items.map((entry) => {
    const get = entry?.Get;
    if (!get) throw constraintError(get, 'transactItems.member.get', 'Member must not be null');
    const { table, keys: [key], projection } = prepareRead(state, get);
    return { table, key, projection };
  });
  rejectSameItemTwice(reads);
  return {
    Responses: reads.map(({ table, key, projection }) => {
      const item = readItem(table, key, projection);
      return item ? { Item: item } : {};
    }),
  };
}
