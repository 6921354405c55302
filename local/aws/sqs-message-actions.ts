/** The actions on messages other than ReceiveMessage: send, delete, change visibility, and batches. */

import { batchEntries, eachEntry } from './sqs-batch';
import { batchError } from './sqs-errors';
import { requiredInteger, requiredString, type SqsInput } from './sqs-input';
import { messageSize, readNewMessage } from './sqs-new-message';
import type { SqsQueue, StoredMessage } from './sqs-queue';
import type { QueueDirectory } from './sqs-queue-directory';
import { numberSetting } from './sqs-queue-settings';

const MAX_VISIBILITY_SECONDS = 43_200;

export function sendMessage(queues: QueueDirectory, input: SqsInput): unknown {
  const queue = queues.find(requiredString(input, 'QueueUrl'));
  return sentOut(queue.send(readNewMessage(queue, input)));
}

export function sendMessageBatch(queues: QueueDirectory, input: SqsInput): unknown {
  const queue = queues.find(requiredString(input, 'QueueUrl'));
  const entries = batchEntries(input, 'SendMessageBatchRequestEntry');
  checkBatchSize(queue, entries);
  return eachEntry(entries, (entry) => sentOut(queue.send(readNewMessage(queue, entry))));
}

export function deleteMessage(queues: QueueDirectory, input: SqsInput): unknown {
  const queue = queues.find(requiredString(input, 'QueueUrl'));
  queue.delete(requiredString(input, 'ReceiptHandle'));
  return {};
}

export function deleteMessageBatch(queues: QueueDirectory, input: SqsInput): unknown {
  const queue = queues.find(requiredString(input, 'QueueUrl'));
  const entries = batchEntries(input, 'DeleteMessageBatchRequestEntry');
  return eachEntry(entries, (entry) => {
    queue.delete(requiredString(entry, 'ReceiptHandle'));
    return {};
  });
}

export function changeMessageVisibility(queues: QueueDirectory, input: SqsInput): unknown {
  const queue = queues.find(requiredString(input, 'QueueUrl'));
  changeVisibility(queue, input);
  return {};
}

export function changeMessageVisibilityBatch(queues: QueueDirectory, input: SqsInput): unknown {
  const queue = queues.find(requiredString(input, 'QueueUrl'));
  const entries = batchEntries(input, 'ChangeMessageVisibilityBatchRequestEntry');
  return eachEntry(entries, (entry) => {
    changeVisibility(queue, entry);
    return {};
  });
}

function changeVisibility(queue: SqsQueue, input: SqsInput): void {
  const handle = requiredString(input, 'ReceiptHandle');
  const seconds = requiredInteger(input, 'VisibilityTimeout', 0, MAX_VISIBILITY_SECONDS);
  queue.changeVisibility(handle, seconds);
}

function sentOut(message: StoredMessage): Record<string, string> {
  return {
    MessageId: message.messageId,
    MD5OfMessageBody: message.md5OfBody,
    ...(message.md5OfAttributes ? { MD5OfMessageAttributes: message.md5OfAttributes } : {}),
  };
}

/** A batch's messages together may not exceed what one message may be. */
function checkBatchSize(queue: SqsQueue, entries: SqsInput[]): void {
  const limit = numberSetting(queue.settings, 'MaximumMessageSize');
  const total = entries.reduce((sum, entry) => {
    const body = typeof entry.MessageBody === 'string' ? entry.MessageBody : '';
    return sum + messageSize(body, undefined);
  }, 0);
  if (total > limit) {
    throw batchError(
      'BatchRequestTooLong',
      `Batch requests cannot be longer than ${limit} bytes. You have sent ${total} bytes.`,
    );
  }
}
