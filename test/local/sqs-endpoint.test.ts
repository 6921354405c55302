import { createHash } from 'node:crypto';
import {
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually } from '../helpers/calls';
import { type SqsFixture, startSqsFixture } from '../helpers/local-sqs';

let sqs: SqsFixture;
let queues = 0;

beforeAll(async () => {
  sqs = await startSqsFixture();
});
afterAll(() => sqs.stop());

/** A queue of its own for each test. */
const newQueue = (attributes?: Record<string, string>) =>
  sqs.queue(`queue-${++queues}`, attributes);

async function sendAll(queueUrl: string, bodies: string[]): Promise<void> {
  for (const body of bodies) {
    await sqs.client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
  }
}

const receive = async (queueUrl: string, input: Record<string, unknown> = {}) =>
  (
    await sqs.client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, ...input }),
    )
  ).Messages ?? [];

describe('the local SQS endpoint', () => {
  it('names a queue by a loopback URL, makes it once by name, and lists it', async () => {
    const first = await sqs.queue('orders', { VisibilityTimeout: '45' });
    const again = await sqs.queue('orders', { VisibilityTimeout: '45' });
    const { QueueUrl } = await sqs.client.send(new GetQueueUrlCommand({ QueueName: 'orders' }));
    const { QueueUrls } = await sqs.client.send(new ListQueuesCommand({ QueueNamePrefix: 'ord' }));

    expect(first).toBe(`${sqs.endpoint.url}/000000000000/orders`);
    expect(again).toBe(first);
    expect(QueueUrl).toBe(first);
    expect(QueueUrls).toEqual([first]);
  });

  it('sends, receives and deletes a message, with the MD5 of its body', async () => {
    const queueUrl = await newQueue();
    const sent = await sqs.client.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'Grüße, job 1' }),
    );

    const [message] = await receive(queueUrl);
    await sqs.client.send(
      new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message?.ReceiptHandle }),
    );

    const md5 = createHash('md5').update('Grüße, job 1').digest('hex');
    expect(sent.MD5OfMessageBody).toBe(md5);
    expect(message).toMatchObject({
      MessageId: sent.MessageId,
      Body: 'Grüße, job 1',
      MD5OfBody: md5,
    });
    expect(await sqs.counts(queueUrl)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it('hides a received message for its visibility timeout, then hands it out again', async () => {
    const queueUrl = await newQueue();
    await sendAll(queueUrl, ['job']);

    const [first] = await receive(queueUrl, { VisibilityTimeout: 1 });
    const meanwhile = await receive(queueUrl);
    const [again] = await eventually(async () => {
      const messages = await receive(queueUrl, { MessageSystemAttributeNames: ['All'] });
      return messages.length > 0 ? messages : undefined;
    }, 5000);

    expect(meanwhile).toEqual([]);
    expect(again?.MessageId).toBe(first?.MessageId);
    expect(again?.ReceiptHandle).not.toBe(first?.ReceiptHandle);
    expect(again?.Attributes?.ApproximateReceiveCount).toBe('2');
  });

  it('shows a message again at once after ChangeMessageVisibility 0', async () => {
    const queueUrl = await newQueue();
    await sendAll(queueUrl, ['job']);
    const [held] = await receive(queueUrl, { VisibilityTimeout: 300 });

    await sqs.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queueUrl,
        ReceiptHandle: held?.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );

    expect((await receive(queueUrl)).map((m) => m.MessageId)).toEqual([held?.MessageId]);
  });

  it('gives each message of a receive its own handle, which deletes that message only', async () => {
    const queueUrl = await newQueue();
    await sendAll(queueUrl, ['a', 'b', 'c']);

    const messages = await receive(queueUrl, { VisibilityTimeout: 0 });
    await sqs.client.send(
      new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: messages[1]?.ReceiptHandle }),
    );

    expect(new Set(messages.map((m) => m.ReceiptHandle)).size).toBe(3);
    expect(sqs.bodies(queueUrl)).toEqual(['a', 'c']);
  });

  it('deletes exactly the messages a batch names, and reports the entries it could not', async () => {
    const queueUrl = await newQueue();
    await sendAll(queueUrl, ['a', 'b', 'c', 'd', 'e']);
    const messages = await receive(queueUrl);
    const handleOf = (body: string) => messages.find((m) => m.Body === body)?.ReceiptHandle;

    const { Successful = [], Failed = [] } = await sqs.client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: 'b', ReceiptHandle: handleOf('b') },
          { Id: 'd', ReceiptHandle: handleOf('d') },
          { Id: 'forged', ReceiptHandle: 'not-a-handle' },
        ],
      }),
    );

    expect(Successful.map((entry) => entry.Id)).toEqual(['b', 'd']);
    expect(Failed).toEqual([
      expect.objectContaining({ Id: 'forged', Code: 'ReceiptHandleIsInvalid', SenderFault: true }),
    ]);
    expect(sqs.bodies(queueUrl)).toEqual(['a', 'c', 'e']);
  });

  it('deletes a message received again with its older handle, as SQS does', async () => {
    const queueUrl = await newQueue();
    await sendAll(queueUrl, ['job']);
    const [first] = await receive(queueUrl, { VisibilityTimeout: 0 });
    const [second] = await receive(queueUrl);

    await sqs.client.send(
      new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: first?.ReceiptHandle }),
    );
    await sqs.client.send(
      new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: second?.ReceiptHandle }),
    );

    expect(second?.MessageId).toBe(first?.MessageId);
    expect(await sqs.counts(queueUrl)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it('answers a long poll as soon as a message arrives, and an idle one at its end', async () => {
    const queueUrl = await newQueue();
    const started = Date.now();
    const polling = receive(queueUrl, { WaitTimeSeconds: 10 });
    setTimeout(() => void sendAll(queueUrl, ['late job']), 300);

    const messages = await polling;
    const answeredAfter = Date.now() - started;
    const idleStart = Date.now();
    const idle = await receive(queueUrl, { WaitTimeSeconds: 1 });
    const idleAfter = Date.now() - idleStart;

    expect(messages.map((m) => m.Body)).toEqual(['late job']);
    expect(answeredAfter).toBeGreaterThanOrEqual(250);
    expect(answeredAfter).toBeLessThan(3000);
    expect(idle).toEqual([]);
    expect(idleAfter).toBeGreaterThanOrEqual(900);
  });

  it('keeps message attributes, and answers the system attributes asked for', async () => {
    const queueUrl = await newQueue();
    const before = Date.now();
    const sent = await sqs.client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: 'job',
        MessageAttributes: {
          SellerName: { DataType: 'String', StringValue: 'Example Store' },
          attempts: { DataType: 'Number', StringValue: '4' },
          digest: { DataType: 'Binary', BinaryValue: Uint8Array.from([1, 2, 3]) },
        },
      }),
    );

    const [all] = await receive(queueUrl, {
      VisibilityTimeout: 0,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['SentTimestamp', 'ApproximateReceiveCount'],
    });
    const [one] = await receive(queueUrl, { MessageAttributeNames: ['SellerName'] });

    expect(all?.MessageAttributes).toEqual({
      SellerName: { DataType: 'String', StringValue: 'Example Store' },
      attempts: { DataType: 'Number', StringValue: '4' },
      digest: { DataType: 'Binary', BinaryValue: Uint8Array.from([1, 2, 3]) },
    });
    expect(all?.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
    expect(Object.keys(all?.Attributes ?? {}).sort()).toEqual([
      'ApproximateReceiveCount',
      'SentTimestamp',
    ]);
    expect(Number(all?.Attributes?.SentTimestamp)).toBeGreaterThanOrEqual(before);
    // The digest SQS documents for this one attribute.
    expect(one?.MD5OfMessageAttributes).toBe('cd28f3b68aeee4b2eac9c66f2f694b58');
    expect(Object.keys(one?.MessageAttributes ?? {})).toEqual(['SellerName']);
  });

  it('counts visible, in-flight and delayed messages, and purges them all', async () => {
    const queueUrl = await newQueue();
    await sendAll(queueUrl, ['a', 'b']);
    await sqs.client.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'later', DelaySeconds: 60 }),
    );
    await receive(queueUrl, { MaxNumberOfMessages: 1 });

    const counted = await sqs.counts(queueUrl);
    await sqs.client.send(new PurgeQueueCommand({ QueueUrl: queueUrl }));

    expect(counted).toEqual({ visible: 1, inFlight: 1, delayed: 1 });
    expect(await sqs.counts(queueUrl)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it('sends a batch, and changes the visibility of a batch', async () => {
    const queueUrl = await newQueue();
    const sent = await sqs.client.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: 'one', MessageBody: 'first' },
          { Id: 'two', MessageBody: 'second' },
        ],
      }),
    );
    const held = await receive(queueUrl, { VisibilityTimeout: 300 });

    const changed = await sqs.client.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: held.map((m, n) => ({
          Id: `m${n}`,
          ReceiptHandle: m.ReceiptHandle,
          VisibilityTimeout: 0,
        })),
      }),
    );

    expect(sent.Successful?.map((entry) => entry.Id)).toEqual(['one', 'two']);
    expect(changed.Successful).toHaveLength(2);
    expect((await receive(queueUrl)).map((m) => m.Body).sort()).toEqual(['first', 'second']);
  });

  it("hides a message for the queue's own visibility timeout when the receive names none", async () => {
    const queueUrl = await newQueue({ VisibilityTimeout: '1' });
    await sendAll(queueUrl, ['job']);

    const [first] = await receive(queueUrl);
    const counted = await sqs.counts(queueUrl);
    const [again] = await eventually(async () => {
      const messages = await receive(queueUrl);
      return messages.length > 0 ? messages : undefined;
    }, 5000);

    expect(counted.inFlight).toBe(1);
    expect(again?.MessageId).toBe(first?.MessageId);
  });

  it('drops a message once it is older than the retention period', async () => {
    const queueUrl = await newQueue({ MessageRetentionPeriod: '60' });
    await sendAll(queueUrl, ['old job']);
    vi.useFakeTimers({ toFake: ['Date'] });

    try {
      vi.setSystemTime(Date.now() + 61_000);
      expect(await receive(queueUrl)).toEqual([]);
      expect(await sqs.counts(queueUrl)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    } finally {
      vi.useRealTimers();
    }
  });
});
