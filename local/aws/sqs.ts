/**
 * Local Amazon SQS endpoint: speaks the AWS JSON 1.0 protocol the AWS SDK's SQSClient uses
 * (`POST /`, `X-Amz-Target: AmazonSQS.<Action>`) for standard queues, with visibility timeouts,
 * long polling and retention in real time. Given a folder, its queues and messages survive a
 * restart. Built on the stand-in server, so it records requests and injects faults as the
 * other stand-ins do. Point an `SQSClient` at its `url`.
 */

import { randomUUID } from 'node:crypto';
import {
  type StandinReply,
  type StandinRequest,
  type StandinServer,
  startStandinServer,
} from '../standins/standin-server';
import { SqsError, sqsErrorReply, sqsFaultReply } from './sqs-errors';
import { asInput, type SqsInput } from './sqs-input';
import type { MessageAttributeValue } from './sqs-md5';
import {
  changeMessageVisibility,
  changeMessageVisibilityBatch,
  deleteMessage,
  deleteMessageBatch,
  sendMessage,
  sendMessageBatch,
} from './sqs-message-actions';
import {
  createQueue,
  getQueueAttributes,
  getQueueUrl,
  listQueues,
  purgeQueue,
} from './sqs-queue-actions';
import { QueueDirectory } from './sqs-queue-directory';
import { QueueFiles } from './sqs-queue-files';
import { receiveMessage } from './sqs-receive';

export interface LocalSqsOptions {
  /** Where the queues are kept across restarts, one JSON file each; in memory when absent. */
  dataDir?: string;
  port?: number;
}

/** A message as the queue holds it, for tests and the control surface. */
export interface LocalSqsMessage {
  messageId: string;
  body: string;
  attributes: Record<string, MessageAttributeValue>;
  sentAt: string;
  receiveCount: number;
  /** False while it is in flight or delayed. */
  visible: boolean;
}

export interface LocalSqsEndpoint extends StandinServer {
  /** The queue's messages, oldest first, visible or not; none for a queue that does not exist. */
  messages(queueName: string): LocalSqsMessage[];
  /** The next receive hands the message out twice, as SQS's at-least-once delivery may. */
  deliverTwice(queueName: string, messageId: string): void;
}

type Action = (queues: QueueDirectory, input: SqsInput) => unknown;

const ACTIONS: Record<string, Action> = {
  CreateQueue: createQueue,
  GetQueueUrl: getQueueUrl,
  ListQueues: listQueues,
  GetQueueAttributes: getQueueAttributes,
  PurgeQueue: purgeQueue,
  SendMessage: sendMessage,
  SendMessageBatch: sendMessageBatch,
  ReceiveMessage: receiveMessage,
  DeleteMessage: deleteMessage,
  DeleteMessageBatch: deleteMessageBatch,
  ChangeMessageVisibility: changeMessageVisibility,
  ChangeMessageVisibilityBatch: changeMessageVisibilityBatch,
};

const TARGET_PREFIX = 'AmazonSQS.';

export async function startLocalSqs(options: LocalSqsOptions = {}): Promise<LocalSqsEndpoint> {
  let baseUrl = '';
  const files = options.dataDir === undefined ? undefined : new QueueFiles(options.dataDir);
  const queues = new QueueDirectory(() => baseUrl, files);
  await queues.load();

  const messages = (queueName: string): LocalSqsMessage[] => {
    const now = Date.now();
    return (queues.named(queueName)?.list() ?? []).map((message) => ({
      messageId: message.messageId,
      body: message.body,
      attributes: message.attributes ?? {},
      sentAt: new Date(message.sentAt).toISOString(),
      receiveCount: message.receiveCount,
      visible: message.visibleAt <= now,
    }));
  };

  const server = await startStandinServer({
    service: 'sqs',
    ...(options.port === undefined ? {} : { port: options.port }),
    handle: (req) => serve(queues, req),
    faultReply: sqsFaultReply,
    state: () => ({
      queues: queues.list().map((queue) => ({
        url: queues.urlOf(queue),
        ...queue.counts(),
        messages: messages(queue.name),
      })),
    }),
    // No onReset: the queues are the stack's data, like its tables, not a stand-in's records.
  });
  baseUrl = server.url;

  const close = server.close;
  return Object.assign(server, {
    messages,
    deliverTwice(queueName: string, messageId: string) {
      if (!queues.named(queueName)?.deliverTwice(messageId)) {
        throw new Error(`no message ${messageId} in queue ${queueName}`);
      }
    },
    async close() {
      // Long polls end first, so that nothing holds the process once the port is free; the
      // last write comes after the last request.
      queues.close();
      await close();
      await queues.flush();
    },
  });
}

async function serve(queues: QueueDirectory, req: StandinRequest): Promise<StandinReply> {
  const target = req.headers['x-amz-target'] ?? '';
  const action = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  try {
    if (req.method !== 'POST' || req.path !== '/' || !Object.hasOwn(ACTIONS, action)) {
      throw unsupported(action, req);
    }
    const output = await (ACTIONS[action] as Action)(queues, asInput(req.body));
    return {
      status: 200,
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() },
      json: output,
    };
  } catch (error) {
    if (error instanceof SqsError) return sqsErrorReply(error);
    throw error;
  }
}

function unsupported(action: string, req: StandinRequest): SqsError {
  const contentType = req.headers['content-type'] ?? 'none';
  const message = action
    ? `The local SQS does not do ${action}.`
    : 'The local SQS speaks the AWS JSON 1.0 protocol only (POST / with X-Amz-Target: ' +
      `AmazonSQS.<Action>); it got ${req.method} ${req.path}, content type ${contentType}.`;
  return new SqsError(
    'UnsupportedOperation',
    'AWS.SimpleQueueService.UnsupportedOperation',
    message,
  );
}
