/**
 * ReceiveMessage: long polling that answers as soon as a message is visible, and the messages
 * with the system and message attributes the caller asked for.
 */

import { LOCAL_ACCOUNT } from '../local-env';
import { optionalInteger, requiredString, type SqsInput, stringList } from './sqs-input';
import { type MessageAttributeValue, md5OfMessageAttributes } from './sqs-md5';
import type { Receipt } from './sqs-queue';
import type { QueueDirectory } from './sqs-queue-directory';
import { numberSetting } from './sqs-queue-settings';

const SYSTEM_ATTRIBUTES = [
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
] as const;

export async function receiveMessage(queues: QueueDirectory, input: SqsInput): Promise<unknown> {
  const queue = queues.find(requiredString(input, 'QueueUrl'));
  const max = optionalInteger(input, 'MaxNumberOfMessages', 1, 10) ?? 1;
  const visibility = optionalInteger(input, 'VisibilityTimeout', 0, 43_200);
  const wait =
    optionalInteger(input, 'WaitTimeSeconds', 0, 20) ??
    numberSetting(queue.settings, 'ReceiveMessageWaitTimeSeconds');
  const system = [
    ...stringList(input, 'AttributeNames'),
    ...stringList(input, 'MessageSystemAttributeNames'),
  ];
  const wanted = stringList(input, 'MessageAttributeNames');

  const deadline = Date.now() + wait * 1000;
  let receipts = queue.receive(max, visibility);
  while (receipts.length === 0 && Date.now() < deadline && !queues.isClosed) {
    await queues.waitForChange(queue, deadline);
    receipts = queue.receive(max, visibility);
  }
  // SQS leaves the member out of an empty answer.
  if (receipts.length === 0) return {};
  return { Messages: receipts.map((receipt) => messageOut(receipt, system, wanted)) };
}

function messageOut(receipt: Receipt, system: string[], wanted: string[]): Record<string, unknown> {
  const { message, receiptHandle } = receipt;
  const out: Record<string, unknown> = {
    MessageId: message.messageId,
    ReceiptHandle: receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
  };

  const all = system.includes('All');
  const values: Record<(typeof SYSTEM_ATTRIBUTES)[number], string> = {
    SenderId: LOCAL_ACCOUNT,
    SentTimestamp: String(message.sentAt),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
  };
  const attributes = Object.fromEntries(
    SYSTEM_ATTRIBUTES.filter((name) => all || system.includes(name)).map((name) => [
      name,
      values[name],
    ]),
  );
  if (Object.keys(attributes).length > 0) out.Attributes = attributes;

  const chosen = chosenAttributes(message.attributes ?? {}, wanted);
  if (Object.keys(chosen).length > 0) {
    out.MessageAttributes = chosen;
    out.MD5OfMessageAttributes = md5OfMessageAttributes(chosen);
  }
  return out;
}

/** `All` or `.*` for every attribute, `prefix.*` for a family, or names one by one. */
function chosenAttributes(
  attributes: Record<string, MessageAttributeValue>,
  wanted: string[],
): Record<string, MessageAttributeValue> {
  const matches = (name: string) =>
    wanted.some(
      (pattern) =>
        pattern === 'All' ||
        pattern === '.*' ||
        pattern === name ||
        (pattern.endsWith('.*') && name.startsWith(pattern.slice(0, -1))),
    );
  return Object.fromEntries(Object.entries(attributes).filter(([name]) => matches(name)));
}
