/** The actions on queues: create, find, list, describe and purge. */

import { invalidAttributeName, queueDoesNotExist } from './sqs-errors';
import { optionalInteger, requiredString, type SqsInput, stringList } from './sqs-input';
import type { SqsQueue } from './sqs-queue';
import type { QueueDirectory } from './sqs-queue-directory';
import { queueSettings } from './sqs-queue-settings';

export function createQueue(queues: QueueDirectory, input: SqsInput): unknown {
  const queue = queues.create(requiredString(input, 'QueueName'), queueSettings(input.Attributes));
  return { QueueUrl: queues.urlOf(queue) };
}

export function getQueueUrl(queues: QueueDirectory, input: SqsInput): unknown {
  const queue = queues.named(requiredString(input, 'QueueName'));
  if (!queue) throw queueDoesNotExist();
  return { QueueUrl: queues.urlOf(queue) };
}

/** Names in order; `NextToken` is the last name of the page before. */
export function listQueues(queues: QueueDirectory, input: SqsInput): unknown {
  const prefix = typeof input.QueueNamePrefix === 'string' ? input.QueueNamePrefix : '';
  const pageSize = optionalInteger(input, 'MaxResults', 1, 1000);
  const after =
    typeof input.NextToken === 'string' ? Buffer.from(input.NextToken, 'base64url').toString() : '';
  const matching = queues
    .list()
    .filter((queue) => queue.name.startsWith(prefix) && queue.name > after);
  // Without MaxResults SQS answers up to 1,000 queues and no token.
  const page = matching.slice(0, pageSize ?? 1000);
  const more = pageSize !== undefined && matching.length > page.length;
  const last = page.at(-1)?.name ?? '';
  return {
    QueueUrls: page.map((queue) => queues.urlOf(queue)),
    ...(more ? { NextToken: Buffer.from(last).toString('base64url') } : {}),
  };
}

export function getQueueAttributes(queues: QueueDirectory, input: SqsInput): unknown {
  const queue = queues.find(requiredString(input, 'QueueUrl'));
  const available = queueAttributes(queues, queue);
  const asked = stringList(input, 'AttributeNames');
  const names = asked.includes('All') ? Object.keys(available) : asked;
  const attributes: Record<string, string> = {};
  for (const name of names) {
    if (!(name in available) && !KNOWN_UNSET.has(name)) throw invalidAttributeName(name);
    const value = available[name];
    if (value !== undefined) attributes[name] = value;
  }
  return Object.keys(attributes).length > 0 ? { Attributes: attributes } : {};
}

export function purgeQueue(queues: QueueDirectory, input: SqsInput): unknown {
  queues.find(requiredString(input, 'QueueUrl')).purge();
  return {};
}

/** Attributes SQS knows that a queue here answers only when they were set. */
const KNOWN_UNSET = new Set([
  'Policy',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
]);

function queueAttributes(queues: QueueDirectory, queue: SqsQueue): Record<string, string> {
  const counts = queue.counts();
  return {
    QueueArn: queues.arnOf(queue),
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
    LastModifiedTimestamp: String(Math.floor(queue.modifiedAt / 1000)),
    ...queue.settings,
  };
}
