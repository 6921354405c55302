/**
 * Browses the manual processing queue. SQS cannot show a message without receiving it, so a
 * browse receives every message (batches of 10) and keeps them hidden while the caller looks;
 * the caller then gives them back (visible again at once), holds one longer while it works on
 * it, or deletes it.
 */
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { type QueuedJob, type QueuedMessage, readJob } from './queued-job';

export type SqsSender = Pick<SQSClient, 'send'>;

export interface QueueBrowserOptions {
  /** How long a browse keeps the messages hidden: long enough to receive and show them all. */
  holdSeconds?: number;
  /** Long polling: SQS then asks all of its servers, so an empty answer means no more. */
  waitSeconds?: number;
  /** Where a browse stops even if the queue is still giving, so that it always ends. */
  maxMessages?: number;
}

/** A queue that gave one receipt handle to several messages: deleting one deletes them all. */
export class SharedReceiptHandleError extends Error {
  override name = 'SharedReceiptHandleError';
}

export class ManualQueueBrowser {
  readonly holdSeconds: number;
  private readonly waitSeconds: number;
  private readonly maxMessages: number;
  /** Which messages each receipt handle was given with, to refuse a delete that takes others. */
  private readonly handleOwners = new Map<string, Set<string>>();

  constructor(
    private readonly client: SqsSender,
    readonly queueUrl: string,
    options: QueueBrowserOptions = {},
  ) {
    this.holdSeconds = options.holdSeconds ?? 60;
    this.waitSeconds = options.waitSeconds ?? 1;
    this.maxMessages = options.maxMessages ?? 10_000;
  }

  /** Every job in the queue, oldest first, each once however often its message came. */
  async browse(): Promise<QueuedJob[]> {
    const messages = new Map<string, QueuedMessage>();
    while (messages.size < this.maxMessages) {
      const { Messages = [] } = await this.client.send(
        new ReceiveMessageCommand({
          QueueUrl: this.queueUrl,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: this.holdSeconds,
          WaitTimeSeconds: this.waitSeconds,
          MessageAttributeNames: ['All'],
        }),
      );
      let unseen = 0;
      for (const { MessageId, ReceiptHandle, Body } of Messages) {
        if (!MessageId || !ReceiptHandle) continue;
        if (!messages.has(MessageId)) unseen += 1;
        messages.set(MessageId, {
          messageId: MessageId,
          receiptHandle: ReceiptHandle,
          body: Body ?? '',
        });
        this.noteHandle(ReceiptHandle, MessageId);
      }
      // Nothing new means the queue has run out, or is handing the same messages round again.
      if (unseen === 0) break;
    }
    return byJob([...messages.values()]);
  }

  /** Makes the jobs visible again right away; answers the messages that could not be. */
  release(jobs: QueuedJob[]): Promise<string[]> {
    return this.changeVisibility(jobs, 0);
  }

  /** Keeps the jobs hidden for `seconds` from now; answers the messages that could not be. */
  hold(jobs: QueuedJob[], seconds: number): Promise<string[]> {
    return this.changeVisibility(jobs, seconds);
  }

  /** Deletes every copy of the job. */
  async remove(queued: QueuedJob): Promise<void> {
    const own = new Set(queued.copies.map((copy) => copy.messageId));
    for (const copy of queued.copies) {
      const others = [...(this.handleOwners.get(copy.receiptHandle) ?? [])].filter(
        (messageId) => !own.has(messageId),
      );
      if (others.length > 0) {
        throw new SharedReceiptHandleError(
          `The queue gave message ${copy.messageId} the same receipt handle as ${others.length} ` +
            `other message(s), so deleting ${queued.id} would delete those too; nothing was deleted.`,
        );
      }
    }
    for (const copy of queued.copies) {
      await this.client.send(
        new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: copy.receiptHandle }),
      );
    }
  }

  private noteHandle(receiptHandle: string, messageId: string): void {
    const owners = this.handleOwners.get(receiptHandle) ?? new Set<string>();
    owners.add(messageId);
    this.handleOwners.set(receiptHandle, owners);
  }

  private async changeVisibility(jobs: QueuedJob[], seconds: number): Promise<string[]> {
    const copies = jobs.flatMap((queued) => queued.copies);
    const failed: string[] = [];
    // A few at a time: SQS throttles no one at this rate, and a long queue is not one burst.
    for (let start = 0; start < copies.length; start += 10) {
      const slice = copies.slice(start, start + 10);
      const results = await Promise.allSettled(
        slice.map((copy) =>
          this.client.send(
            new ChangeMessageVisibilityCommand({
              QueueUrl: this.queueUrl,
              ReceiptHandle: copy.receiptHandle,
              VisibilityTimeout: seconds,
            }),
          ),
        ),
      );
      results.forEach((result, index) => {
        if (result.status === 'rejected') failed.push(slice[index]?.messageId ?? '');
      });
    }
    return failed;
  }
}

/** Groups the messages by job id, oldest job first; messages without a job come last. */
function byJob(messages: QueuedMessage[]): QueuedJob[] {
  const jobs = new Map<string, QueuedJob>();
  for (const message of messages) {
    const job = readJob(message.body);
    const id = job?.jobId ?? message.messageId;
    const found = jobs.get(id);
    if (found) found.copies.push(message);
    else jobs.set(id, { id, job, copies: [message] });
  }
  const queuedAt = (queued: QueuedJob) => queued.job?.queuedAt ?? '\uffff';
  return [...jobs.values()].sort((a, b) => queuedAt(a).localeCompare(queuedAt(b)));
}
