/** A message to send, read from SendMessage (or one batch entry) and checked as SQS checks it. */

import { invalidParameterValue, SqsError } from './sqs-errors';
import { optionalInteger, requiredString, type SqsInput } from './sqs-input';
import type { MessageAttributeValue } from './sqs-md5';
import type { NewMessage, SqsQueue } from './sqs-queue';
import { numberSetting } from './sqs-queue-settings';

/** The characters SQS allows in a message; anything else is InvalidMessageContents. */
const ALLOWED = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const MAX_ATTRIBUTES = 10;
const ATTRIBUTE_NAME = /^(?!aws\.|amazon\.)(?!\.)(?!.*\.\.)(?!.*\.$)[A-Za-z0-9_.-]{1,256}$/i;
const DATA_TYPE = /^(String|Number|Binary)(\.[^\s]{1,245})?$/;

export function readNewMessage(queue: SqsQueue, input: SqsInput): NewMessage {
  const body = requiredString(input, 'MessageBody');
  if (!ALLOWED.test(body)) {
    throw new SqsError(
      'InvalidMessageContents',
      'InvalidMessageContents',
      'Invalid characters found. Valid values: #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to ' +
        '#xFFFD | #x10000 to #x10FFFF',
    );
  }
  const attributes = readMessageAttributes(input.MessageAttributes);
  const limit = numberSetting(queue.settings, 'MaximumMessageSize');
  if (messageSize(body, attributes) > limit) {
    throw invalidParameterValue(
      `One or more parameters are invalid. Reason: Message must be shorter than ${limit} bytes.`,
    );
  }
  const delaySeconds = optionalInteger(input, 'DelaySeconds', 0, 900);
  return {
    body,
    ...(attributes ? { attributes } : {}),
    ...(delaySeconds === undefined ? {} : { delaySeconds }),
  };
}

/** Body and attributes together, as SQS counts a message against its size limit. */
export function messageSize(
  body: string,
  attributes: Record<string, MessageAttributeValue> | undefined,
): number {
  let size = Buffer.byteLength(body, 'utf8');
  for (const [name, value] of Object.entries(attributes ?? {})) {
    size += Buffer.byteLength(name) + Buffer.byteLength(value.DataType);
    size += value.BinaryValue
      ? Buffer.from(value.BinaryValue, 'base64').length
      : Buffer.byteLength(value.StringValue ?? '');
  }
  return size;
}

function readMessageAttributes(given: unknown): Record<string, MessageAttributeValue> | undefined {
  if (given === undefined || given === null) return undefined;
  if (typeof given !== 'object' || Array.isArray(given)) {
    throw invalidParameterValue('MessageAttributes must be a map of names to values.');
  }
  const entries = Object.entries(given as Record<string, unknown>);
  if (entries.length > MAX_ATTRIBUTES) {
    throw invalidParameterValue(
      `Number of message attributes [${entries.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`,
    );
  }
  const attributes: Record<string, MessageAttributeValue> = {};
  for (const [name, raw] of entries) {
    if (!ATTRIBUTE_NAME.test(name)) {
      throw invalidParameterValue(`Message attribute name '${name}' is invalid.`);
    }
    attributes[name] = readAttributeValue(name, raw);
  }
  return entries.length > 0 ? attributes : undefined;
}

function readAttributeValue(name: string, raw: unknown): MessageAttributeValue {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const { DataType, StringValue, BinaryValue } = value;
  if (typeof DataType !== 'string' || !DATA_TYPE.test(DataType)) {
    throw invalidParameterValue(
      `The message attribute '${name}' has an invalid message attribute type, the set of ` +
        'supported type prefixes is Binary, Number, and String.',
    );
  }
  if (DataType.startsWith('Binary')) {
    if (typeof BinaryValue !== 'string' || BinaryValue === '') {
      throw invalidParameterValue(
        `The message attribute '${name}' must contain a non-empty value of message attribute type '${DataType}'.`,
      );
    }
    return { DataType, BinaryValue };
  }
  if (typeof StringValue !== 'string' || StringValue === '') {
    throw invalidParameterValue(
      `The message attribute '${name}' must contain a non-empty message attribute value for message attribute type '${DataType}'.`,
    );
  }
  if (DataType.startsWith('Number') && !Number.isFinite(Number(StringValue))) {
    throw invalidParameterValue(
      `Can't cast the value of message (user) attribute '${name}' to a number.`,
    );
  }
  return { DataType, StringValue };
}
