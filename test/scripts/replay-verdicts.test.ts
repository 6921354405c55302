import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualJob } from '../../functions/core/manual-queue';
import { ManualQueueBrowser } from '../../functions/core/manual-queue-browser';
import type { ReplayResult } from '../../functions/core/replay-job';
import type { JobReplayer } from '../../scripts/queue/command-context';
import { runQueueCommand } from '../../scripts/queue/queue-commands';
import { type SqsFixture, startSqsFixture } from '../helpers/local-sqs';
import { capturedIo } from './queue-fixtures';

/** What a replay answers decides whether the job leaves the queue; the replays here are stubs. */
let sqs: SqsFixture;
let queues = 0;

beforeAll(async () => {
  sqs = await startSqsFixture();
});
afterAll(() => sqs.stop());

function job(jobId: string): ManualJob {
  return {
    jobId,
    kind: 'failed-run',
    workflow: 'lead',
    executionId: `exec_${jobId}`,
    run: `exec_${jobId}`,
    reason: 'The lead workflow stopped at a step it cannot do without.',
    failedSteps: [],
    queuedAt: '2026-03-02T09:00:00.000Z',
    adminNotified: ['email'],
    input: {},
  };
}

async function replayWith(
  result: ReplayResult,
  options: { newJob?: string; queued?: string[] } = {},
) {
  const queueUrl = await sqs.queue(`manual-processing-${++queues}`);
  for (const id of ['job_a', ...(options.queued ?? [])]) {
    await sqs.client.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(job(id)) }),
    );
  }
  const replayer: JobReplayer = {
    replay: async () => result,
    handedOverAs: async () => options.newJob,
    holdSeconds: 60,
  };
  const captured = capturedIo();
  const code = await runQueueCommand(
    { name: 'replay', id: 'job_a' },
    {
      browser: new ManualQueueBrowser(sqs.client, queueUrl, { waitSeconds: 0 }),
      io: captured.io,
      where: 'a test queue',
      replayer,
    },
  );
  const name = queueUrl.split('/').at(-1) ?? '';
  const left = sqs.endpoint
    .messages(name)
    .filter((message) => message.visible)
    .map((message) => (JSON.parse(message.body) as ManualJob).jobId);
  return { code, out: captured.out(), left };
}

describe('what a replay means for its job', () => {
  it('deletes a job whose call was handed over again, once the new job is in the queue', async () => {
    const { code, out, left } = await replayWith(
      { result: 'ran', status: 'accepted', executionName: 'exec_job_a-replay-1' },
      { newJob: 'job_b', queued: ['job_b'] },
    );

    expect(code).toBe(0);
    expect(out).toBe(
      'job_a (lead, exec_job_a) ran: accepted, and was handed over again as job_b.\n' +
        'Deleted it from the queue.\n',
    );
    expect(left).toEqual(['job_b']);
  });

  it('keeps a job whose call was handed over again to a job that is not in the queue', async () => {
    const { code, out, left } = await replayWith(
      { result: 'ran', status: 'accepted', executionName: 'exec_job_a-replay-1' },
      { newJob: 'job_b' },
    );

    expect(code).toBe(1);
    expect(out).toContain('but job_b is not in the queue.\nIt stays in the queue');
    expect(left).toEqual(['job_a']);
  });

  it('keeps the job while another run of the call is going', async () => {
    const { code, out, left } = await replayWith({ result: 'busy' });

    expect(code).toBe(1);
    expect(out).toBe(
      'job_a (lead, exec_job_a) busy: a run of this call is going right now.\n' +
        'It stays in the queue: replay it again when that run has ended.\n',
    );
    expect(left).toEqual(['job_a']);
  });

  it('keeps the job when the workflow failed again', async () => {
    const { code, out, left } = await replayWith({
      result: 'ran',
      status: 'failed',
      executionName: 'exec_job_a-replay-1',
    });

    expect(code).toBe(1);
    expect(out).toContain('ran: failed.\nIt stays in the queue: the workflow failed again');
    expect(left).toEqual(['job_a']);
  });

  it('deletes the job of a long-running workflow that was started again', async () => {
    const { code, out, left } = await replayWith({
      result: 'started',
      executionName: 'exec_job_a-replay-1',
    });

    expect(code).toBe(0);
    expect(out).toContain('started: exec_job_a-replay-1 goes on (it waits for people).');
    expect(left).toEqual([]);
  });

  it('deletes the job of a partial run, whose failed steps went to a new job', async () => {
    const { code, left } = await replayWith(
      { result: 'ran', status: 'partial', executionName: 'exec_job_a-replay-1' },
      { newJob: 'job_c', queued: ['job_c'] },
    );

    expect(code).toBe(0);
    expect(left).toEqual(['job_c']);
  });
});
