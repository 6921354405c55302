/**
 * SQS's errors as its JSON protocol sends them: a `__type` in the body and the query-protocol
 * code in `x-amzn-query-error`, from which the AWS SDK builds its named exceptions
 * (QueueDoesNotExist, ReceiptHandleIsInvalid, ...) or, for codes it does not model, an
 * SQSServiceException of that name (InvalidParameterValue, MissingParameter).
 */

import type { StandinReply } from '../standins/standin-server';

export class SqsError extends Error {
  override name = 'SqsError';

  constructor(
    /** The shape name after `com.amazonaws.sqs#`. */
    readonly type: string,
    /** The query protocol's code, which the SDK prefers when it is given. */
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }

  /** Whether the caller is at fault (a batch entry's `SenderFault`). */
  get senderFault(): boolean {
    return this.status < 500;
  }
}

export const queueDoesNotExist = () =>
  new SqsError(
    'QueueDoesNotExist',
    'AWS.SimpleQueueService.NonExistentQueue',
    'The specified queue does not exist.',
  );

export const queueNameExists = (attribute: string) =>
  new SqsError(
    'QueueNameExists',
    'QueueAlreadyExists',
    `A queue already exists with the same name and a different value for attribute ${attribute}`,
  );

export const missingParameter = (name: string) =>
  new SqsError(
    'MissingParameter',
    'MissingParameter',
    `The request must contain the parameter ${name}.`,
  );

export const invalidParameterValue = (message: string) =>
  new SqsError('InvalidParameterValue', 'InvalidParameterValue', message);

/** SQS's wording for a number out of its range. */
export const outOfRange = (name: string, value: unknown, reason: string) =>
  invalidParameterValue(
    `Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`,
  );

export const receiptHandleIsInvalid = (handle: string) =>
  new SqsError(
    'ReceiptHandleIsInvalid',
    'ReceiptHandleIsInvalid',
    `The input receipt handle "${handle}" is not a valid receipt handle.`,
    404,
  );

export const messageNotInflight = () =>
  new SqsError(
    'MessageNotInflight',
    'AWS.SimpleQueueService.MessageNotInflight',
    'The message referred to is not in flight.',
  );

/** What SQS answers for the visibility of a message that was deleted meanwhile. */
export const messageGone = (handle: string) =>
  invalidParameterValue(
    `Value ${handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or ` +
      'is not available for visibility timeout change.',
  );

export const invalidAttributeName = (name: string) =>
  new SqsError('InvalidAttributeName', 'InvalidAttributeName', `Unknown Attribute ${name}.`);

export const invalidAttributeValue = (name: string, reason: string) =>
  new SqsError(
    'InvalidAttributeValue',
    'InvalidAttributeValue',
    `Invalid value for the parameter ${name}. Reason: ${reason}`,
  );

export const batchError = (type: string, message: string) =>
  new SqsError(type, `AWS.SimpleQueueService.${type}`, message);

/** The HTTP answer for an error. */
export function sqsErrorReply(error: SqsError): StandinReply {
  const fault = error.senderFault ? 'Sender' : 'Receiver';
  return {
    status: error.status,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-query-error': `${error.code};${fault}`,
    },
    json: { __type: `com.amazonaws.sqs#${error.type}`, message: error.message },
  };
}

/** How an injected status reads, so that clients classify it as SQS's own failures. */
export function sqsFaultReply(status: number): StandinReply {
  const [type, message] = faultWords(status);
  return sqsErrorReply(new SqsError(type, type, message, status));
}

function faultWords(status: number): [string, string] {
  if (status === 429) return ['ThrottlingException', 'Rate exceeded.'];
  if (status === 503) return ['ServiceUnavailable', 'The service is unavailable. Injected.'];
  if (status >= 500) return ['InternalFailure', 'The request processing has failed. Injected.'];
  if (status === 403) return ['AccessDenied', 'Access to the resource is denied. Injected.'];
  return ['InvalidParameterValue', 'The request was rejected. Injected.'];
}
