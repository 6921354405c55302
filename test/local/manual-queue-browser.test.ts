import { type Message, PurgeQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sqs } from '../../functions/aws/sqs';
import { type ManualJob, queueManualJob } from '../../functions/core/manual-queue';
import {
  ManualQueueBrowser,
  SharedReceiptHandleError,
  type SqsSender,
} from '../../functions/core/manual-queue-browser';
import { QUEUES } from '../../local/sqs';
import { type LocalStack, startLocalStack } from '../../local/stack';

/** A job as the hand-over queues it, the n-th of a run of jobs queued a second apart. */
function sampleJob(n: number): ManualJob {
  const executionId = `exec_${String(n).padStart(32, '0')}`;
  return {
    jobId: `job_${String(n).padStart(24, '0')}`,
    kind: 'failed-run',
    workflow: 'lead',
    executionId,
    run: executionId,
    reason: 'The lead workflow stopped at a step it cannot do without.',
    failedSteps: [
      {
        step: 'lead.CheckCrmForDuplicate',
        error: 'ServiceUnavailableError: hubspot answered 503',
        attempts: 4,
        firstAttemptAt: '2026-03-02T09:00:00.000Z',
        lastAttemptAt: '2026-03-02T09:00:14.000Z',
      },
    ],
    queuedAt: new Date(Date.UTC(2026, 2, 2, 9, 0, n)).toISOString(),
    adminNotified: ['chat', 'email'],
    input: { executionId, workflow: 'lead' },
  };
}

type Send = (...args: unknown[]) => Promise<unknown>;

/** Counts the receives a browse makes. */
function counting(client: SqsSender): { client: SqsSender; receives: () => number } {
  let receives = 0;
  return {
    client: {
      send: ((command: { constructor: { name: string } }, options?: unknown) => {
        if (command.constructor.name === 'ReceiveMessageCommand') receives += 1;
        return (client.send as Send)(command, options);
      }) as SqsSender['send'],
    },
    receives: () => receives,
  };
}

/** A faulty queue's answers: every message of a receive with the first one's receipt handle. */
function sharingHandles(client: SqsSender): SqsSender {
  return {
    send: (async (command: { constructor: { name: string } }, options?: unknown) => {
      const output = (await (client.send as Send)(command, options)) as { Messages?: Message[] };
      if (command.constructor.name !== 'ReceiveMessageCommand' || !output.Messages) return output;
      const shared = output.Messages[0]?.ReceiptHandle;
      return { ...output, Messages: output.Messages.map((m) => ({ ...m, ReceiptHandle: shared })) };
    }) as SqsSender['send'],
  };
}

describe('browsing the manual queue of the local stack', () => {
  let stack: LocalStack;
  let queueUrl: string;

  beforeAll(async () => {
    stack = await startLocalStack();
    queueUrl = stack.sqs.queueUrls.manual;
  });
  afterAll(() => stack.stop());
  // Purged rather than read empty: a browsed message is in flight, out of a reader's reach.
  beforeEach(() => sqs().send(new PurgeQueueCommand({ QueueUrl: queueUrl })));

  const messages = () => stack.sqs.messages(QUEUES.manual);
  const jobIds = (list: Array<{ body: string }>) =>
    list.map((message) => (JSON.parse(message.body) as ManualJob).jobId);

  async function queueWith(count: number): Promise<string[]> {
    const messageIds: string[] = [];
    for (let n = 0; n < count; n += 1) {
      messageIds.push((await queueManualJob(queueUrl, sampleJob(n))).messageId);
    }
    return messageIds;
  }

  it('receives more than ten jobs in batches of ten and lists each once, oldest first', async () => {
    const jobs = Array.from({ length: 25 }, (_, n) => sampleJob(n));
    for (const job of [...jobs].reverse()) await queueManualJob(queueUrl, job);
    const spy = counting(sqs());

    const found = await new ManualQueueBrowser(spy.client, queueUrl, { waitSeconds: 0 }).browse();

    expect(found.map((queued) => queued.id)).toEqual(jobs.map((job) => job.jobId));
    expect(found.every((queued) => queued.copies.length === 1)).toBe(true);
    expect(found[0]?.job).toEqual(jobs[0]);
    expect(spy.receives()).toBe(4);
  });

  it('shows a job that was queued twice once, with both of its messages', async () => {
    await queueManualJob(queueUrl, sampleJob(1));
    await queueManualJob(queueUrl, sampleJob(1));
    await queueManualJob(queueUrl, sampleJob(2));

    const found = await new ManualQueueBrowser(sqs(), queueUrl, { waitSeconds: 0 }).browse();

    expect(found.map((queued) => [queued.id, queued.copies.length])).toEqual([
      [sampleJob(1).jobId, 2],
      [sampleJob(2).jobId, 1],
    ]);
  });

  it('keeps a message that holds no job, under its message id', async () => {
    const { MessageId } = await sqs().send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'not a job' }),
    );

    const found = await new ManualQueueBrowser(sqs(), queueUrl, { waitSeconds: 0 }).browse();

    expect(found).toEqual([
      { id: MessageId, job: undefined, copies: [expect.objectContaining({ body: 'not a job' })] },
    ]);
  });

  it('gives every job back, so that the next browse sees them all again', async () => {
    await queueWith(12);
    const browser = new ManualQueueBrowser(sqs(), queueUrl, { waitSeconds: 0 });

    const first = await browser.browse();
    const hiddenMeanwhile = messages().filter((message) => message.visible).length;
    const failed = await browser.release(first);
    const second = await browser.browse();

    expect(first).toHaveLength(12);
    expect(hiddenMeanwhile).toBe(0);
    expect(failed).toEqual([]);
    expect(second.map((queued) => queued.id)).toEqual(first.map((queued) => queued.id));
  });

  it('keeps a held job hidden while the others are back, and deletes it', async () => {
    await queueWith(3);
    const browser = new ManualQueueBrowser(sqs(), queueUrl, { waitSeconds: 0 });
    const [held, ...others] = await browser.browse();
    if (!held) throw new Error('no job');

    await browser.hold([held], 300);
    await browser.release(others);
    const whileHeld = await new ManualQueueBrowser(sqs(), queueUrl, { waitSeconds: 0 }).browse();
    await browser.remove(held);

    expect(whileHeld.map((queued) => queued.id)).toEqual(others.map((queued) => queued.id));
    expect(jobIds(messages())).toEqual(others.map((queued) => queued.id));
  });

  it('lists a message handed out twice once, and deletes it with its latest receipt', async () => {
    const [twice] = await queueWith(2);
    stack.sqs.deliverTwice(QUEUES.manual, twice ?? '');
    const browser = new ManualQueueBrowser(sqs(), queueUrl, { waitSeconds: 0 });

    const found = await browser.browse();
    await browser.remove(found[0] ?? { id: '', job: undefined, copies: [] });

    expect(found.map((queued) => queued.copies.length)).toEqual([1, 1]);
    expect(jobIds(messages())).toEqual([sampleJob(1).jobId]);
  });

  it('ends a browse when the queue hands out only messages it has seen', async () => {
    await queueWith(4);
    const browser = new ManualQueueBrowser(sqs(), queueUrl, {
      waitSeconds: 0,
      holdSeconds: 0,
    });

    const found = await browser.browse();

    expect(found).toHaveLength(4);
  });

  it('refuses to delete a job whose receipt handle came with other messages too', async () => {
    await queueWith(3);
    const browser = new ManualQueueBrowser(sharingHandles(sqs()), queueUrl, { waitSeconds: 0 });
    const [first] = await browser.browse();

    await expect(browser.remove(first ?? { id: '', job: undefined, copies: [] })).rejects.toThrow(
      SharedReceiptHandleError,
    );
    expect(messages()).toHaveLength(3);
  });
});
