/**
 * The batch actions' common rules: 1 to 10 entries with distinct, well-formed ids, each done on
 * its own, its failure reported in `Failed` while the others go through.
 */

import { batchError, SqsError } from './sqs-errors';
import type { SqsInput } from './sqs-input';

const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;
const MAX_ENTRIES = 10;

export interface BatchFailure {
  Id: string;
  SenderFault: boolean;
  Code: string;
  Message: string;
}

export interface BatchResult<T> {
  Successful: Array<{ Id: string } & T>;
  Failed: BatchFailure[];
}

/** The entries of a batch request, checked before any of them is done. */
export function batchEntries(input: SqsInput, entryName: string): Array<SqsInput & { Id: string }> {
  const entries = Array.isArray(input.Entries) ? (input.Entries as SqsInput[]) : [];
  if (entries.length === 0) {
    throw batchError(
      'EmptyBatchRequest',
      `There should be at least one ${entryName} in the request.`,
    );
  }
  if (entries.length > MAX_ENTRIES) {
    throw batchError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are ${MAX_ENTRIES}. You have sent ${entries.length}.`,
    );
  }
  const seen = new Set<string>();
  for (const entry of entries) {
    const id = typeof entry.Id === 'string' ? entry.Id : '';
    if (!ENTRY_ID.test(id)) {
      throw batchError(
        'InvalidBatchEntryId',
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. ' +
          'It can be at most 80 letters long.',
      );
    }
    if (seen.has(id)) throw batchError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
    seen.add(id);
  }
  return entries as Array<SqsInput & { Id: string }>;
}

/** Does each entry; an SqsError fails that entry only, anything else fails the request. */
export function eachEntry<T extends object>(
  entries: Array<SqsInput & { Id: string }>,
  run: (entry: SqsInput) => T,
): BatchResult<T> {
  const result: BatchResult<T> = { Successful: [], Failed: [] };
  for (const entry of entries) {
    try {
      result.Successful.push({ Id: entry.Id, ...run(entry) });
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      result.Failed.push({
        Id: entry.Id,
        SenderFault: error.senderFault,
        Code: error.code,
        Message: error.message,
      });
    }
  }
  return result;
}
