/** The errors only PartiQL statements raise, in DynamoDB's words. */
import { AwsError } from '../../../errors.ts';
import { DynamoValidationException } from '../errors.ts';

/** AWS's message for an INSERT whose key is already stored. */
export const DUPLICATE_ITEM = 'Duplicate primary key exists in table';

/** An INSERT names a key that is already stored. */
export class DuplicateItemException extends AwsError {
  constructor() {
    super('DuplicateItemException', DUPLICATE_ITEM, { status: 400 });
  }
}

/** A statement the parser cannot read; `detail` says where it stopped, as DynamoDB's parser does. */
export function malformed(detail: string): DynamoValidationException {
  return new DynamoValidationException(`Statement wasn't well formed, can't be processed: ${detail}`);
}

/** UPDATE and DELETE must name the whole primary key with equalities. */
export function incompleteKey(): DynamoValidationException {
  return new DynamoValidationException('Where clause does not contain a mandatory equality on all key attributes');
}

/** A key attribute compared with (or inserted as) a value of another type than the table declares. */
export function keyTypeMismatch(name: string): DynamoValidationException {
  return new DynamoValidationException(`Key attribute's data type should match its data type in table's schema: Key ${name}`);
}

/** An INSERT whose item lacks a key attribute. */
export function keyAbsent(name: string): DynamoValidationException {
  return new DynamoValidationException(`Key attribute should be present in the item: Key ${name}`);
}

/** Messages of the reads batches and transactions refuse. */
export const REFUSALS = {
  batchKey: 'Select statements within BatchExecuteStatement must specify the primary key in the where clause.',
  transactionKey: 'Select statements within ExecuteTransaction must specify the primary key in the where clause.',
  transactionIndex: 'Reads on indices are not supported within transactions.',
  onIndex: 'This operation is not supported on an index',
  transactionReturning: 'RETURNING clause is not supported in ExecuteTransaction.',
};
