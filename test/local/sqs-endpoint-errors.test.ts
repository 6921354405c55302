import {
  BatchEntryIdsNotDistinct,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  EmptyBatchRequest,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  InvalidAttributeName,
  InvalidMessageContents,
  MessageNotInflight,
  QueueDoesNotExist,
  QueueNameExists,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
  TooManyEntriesInBatchRequest,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SqsFixture, startSqsFixture } from '../helpers/local-sqs';

let sqs: SqsFixture;
let queueUrl: string;

beforeAll(async () => {
  sqs = await startSqsFixture();
  queueUrl = await sqs.queue('errors', { VisibilityTimeout: '30' });
});
afterAll(() => sqs.stop());

/** What the SDK throws for a request, as a caller catches it. */
async function failure(request: (client: SQSClient) => Promise<unknown>) {
  try {
    await request(sqs.client);
  } catch (error) {
    return error as Error & { $metadata: { httpStatusCode?: number } };
  }
  throw new Error('the request succeeded');
}

describe('the local SQS endpoint refuses as SQS does', () => {
  it('raises QueueDoesNotExist for a queue URL or name it does not know', async () => {
    const byUrl = await failure((client) =>
      client.send(
        new SendMessageCommand({
          QueueUrl: `${sqs.endpoint.url}/000000000000/missing`,
          MessageBody: 'job',
        }),
      ),
    );
    const byName = await failure((client) =>
      client.send(new GetQueueUrlCommand({ QueueName: 'missing' })),
    );

    expect(byUrl).toBeInstanceOf(QueueDoesNotExist);
    expect(byUrl.message).toBe('The specified queue does not exist.');
    expect(byUrl.$metadata.httpStatusCode).toBe(400);
    expect(byName).toBeInstanceOf(QueueDoesNotExist);
  });

  it('raises ReceiptHandleIsInvalid for a handle it never gave out', async () => {
    const error = await failure((client) =>
      client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: 'made-up' })),
    );

    expect(error).toBeInstanceOf(ReceiptHandleIsInvalid);
    expect(error.message).toBe('The input receipt handle "made-up" is not a valid receipt handle.');
  });

  it('names a receive of more than ten messages InvalidParameterValue, with the range', async () => {
    const error = await failure((client) =>
      client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 11 })),
    );

    expect(error.name).toBe('InvalidParameterValue');
    expect(error.message).toBe(
      'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
    );
  });

  it('names a request without its queue URL MissingParameter', async () => {
    const error = await failure((client) =>
      client.send(new ReceiveMessageCommand({ QueueUrl: undefined as unknown as string })),
    );

    expect(error.name).toBe('MissingParameter');
    expect(error.message).toBe('The request must contain the parameter QueueUrl.');
  });

  it('refuses a queue of a known name with other settings', async () => {
    const error = await failure((client) =>
      client.send(
        new CreateQueueCommand({ QueueName: 'errors', Attributes: { VisibilityTimeout: '60' } }),
      ),
    );

    expect(error).toBeInstanceOf(QueueNameExists);
    expect(error.message).toContain('different value for attribute VisibilityTimeout');
  });

  it('refuses a visibility change of a message that is not in flight', async () => {
    await sqs.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'job' }));
    const { Messages = [] } = await sqs.client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 0 }),
    );

    const error = await failure((client) =>
      client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queueUrl,
          ReceiptHandle: Messages[0]?.ReceiptHandle,
          VisibilityTimeout: 30,
        }),
      ),
    );

    expect(error).toBeInstanceOf(MessageNotInflight);
  });

  it('refuses empty, oversized and ambiguous batches as a whole', async () => {
    const entries = (ids: string[]) => ids.map((Id) => ({ Id, MessageBody: 'job' }));

    const empty = await failure((client) =>
      client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: [] })),
    );
    const eleven = await failure((client) =>
      client.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: entries(Array.from({ length: 11 }, (_, n) => `m${n}`)),
        }),
      ),
    );
    const twice = await failure((client) =>
      client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: [
            { Id: 'same', ReceiptHandle: 'a' },
            { Id: 'same', ReceiptHandle: 'b' },
          ],
        }),
      ),
    );

    expect(empty).toBeInstanceOf(EmptyBatchRequest);
    expect(eleven).toBeInstanceOf(TooManyEntriesInBatchRequest);
    expect(twice).toBeInstanceOf(BatchEntryIdsNotDistinct);
  });

  it('refuses an unknown queue attribute and a body with characters SQS does not take', async () => {
    const attribute = await failure((client) =>
      client.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ['Colour' as 'All'],
        }),
      ),
    );
    const body = await failure((client) =>
      client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'bell \u0007' })),
    );

    expect(attribute).toBeInstanceOf(InvalidAttributeName);
    expect(body).toBeInstanceOf(InvalidMessageContents);
  });

  it('tells a query-protocol client that it speaks JSON only', async () => {
    const response = await fetch(`${sqs.endpoint.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListQueues&Version=2012-11-05',
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      __type: 'com.amazonaws.sqs#UnsupportedOperation',
      message: expect.stringContaining('speaks the AWS JSON 1.0 protocol only'),
    });
  });
});
