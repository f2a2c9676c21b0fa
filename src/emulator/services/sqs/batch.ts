/**
 * The batch operations' common rules: 1 to 10 entries, distinct well-formed Ids, and a result
 * that reports each entry as Successful or Failed while the call itself succeeds.
 */
import { isAwsError } from '../../errors.ts';
import { BatchEntryIdsNotDistinct, EmptyBatchRequest, InvalidBatchEntryId, TooManyEntriesInBatchRequest, batchErrorCode } from './errors.ts';

/** A batch entry as the request carries it. */
export type BatchEntry = Record<string, unknown> & { Id: string };

/** One failed entry, as SQS reports it. */
export interface BatchFailure {
  Id: string;
  SenderFault: boolean;
  Code: string;
  Message: string;
}

/** Checks a batch's entry list; `entryName` is the entry shape's name for the empty-batch message. */
export function checkBatchEntries(entries: unknown, entryName: string): BatchEntry[] {
  if (!Array.isArray(entries) || entries.length === 0) throw new EmptyBatchRequest(entryName);
  if (entries.length > 10) throw new TooManyEntriesInBatchRequest(entries.length);
  const seen = new Set<string>();
  for (const entry of entries) {
    const id = (entry as Record<string, unknown> | null)?.Id;
    if (typeof id !== 'string' || !/^[\w-]{1,80}$/.test(id)) throw new InvalidBatchEntryId();
    if (seen.has(id)) throw new BatchEntryIdsNotDistinct(id);
    seen.add(id);
  }
  return entries as BatchEntry[];
}

/** Runs each entry; an AWS error fails that entry only, anything else fails the call. */
export function runBatch<T extends object>(entries: BatchEntry[], run: (entry: BatchEntry) => T): { Successful: Array<{ Id: string } & T>; Failed: BatchFailure[] } {
  const Successful: Array<{ Id: string } & T> = [];
  const Failed: BatchFailure[] = [];
  for (const entry of entries) {
    try {
      Successful.push({ Id: entry.Id, ...run(entry) });
    } catch (error) {
      if (!isAwsError(error)) throw error;
      Failed.push({ Id: entry.Id, SenderFault: error.fault === 'Sender', Code: batchErrorCode(error), Message: error.message });
    }
  }
  return { Successful, Failed };
}
