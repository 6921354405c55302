import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readAuditTrail } from '../../functions/core/audit-trail';
import { type ManualJob, queueManualJob } from '../../functions/core/manual-queue';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { eventually } from '../helpers/calls';
import {
  capturedIo,
  contactCreations,
  describedStack,
  executionStatus,
  failedLeadCall,
  manualQueueMessages,
  purgeManualQueue,
  queueCommand,
  visibleJobIds,
} from './queue-fixtures';

/** Real jobs, handed over by the local stack's lead workflow to its manual queue. */
let stack: LocalStack;
let dataDir: string;

beforeAll(async () => {
  stack = await startLocalStack({ timeScale: 0.001, env: { CONNECTOR_TIMEOUT_MS: '300' } });
  dataDir = await describedStack(stack);
});
afterAll(async () => {
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
});
beforeEach(async () => {
  for (const standin of [stack.hubspot, stack.slack, stack.ses]) standin.reset();
  await purgeManualQueue(stack);
});

/** Calls that fail for good, once their jobs are in the queue. */
async function queuedFailures(...emails: string[]) {
  const calls: Array<Awaited<ReturnType<typeof failedLeadCall>>> = [];
  for (const email of emails) calls.push(await failedLeadCall(stack, email));
  await eventually(async () => {
    const queued = new Set(visibleJobIds(stack));
    return calls.every((call) => queued.has(call.jobId)) ? true : undefined;
  });
  return calls;
}

const run = (args: string[], captured = capturedIo()) => queueCommand(args, dataDir, { captured });

const queuedIds = () => visibleJobIds(stack);

const jobAt = (index: number) =>
  JSON.parse(manualQueueMessages(stack)[index]?.body ?? '{}') as ManualJob;

const queueJob = (job: ManualJob) => queueManualJob(stack.sqs.queueUrls.manual, job);

/** When a job queued `seconds` after `job` was queued. */
const queuedAfter = (job: ManualJob, seconds: number) =>
  new Date(Date.parse(job.queuedAt) + seconds * 1000).toISOString();

describe('npm run queue -- list', () => {
  it('shows every job with its reason and failed step, and leaves them in the queue', async () => {
    const [first, second] = await queuedFailures(
      'list-1@initrode.example',
      'list-2@initrode.example',
    );

    const { code, out } = await run(['list']);

    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^JOB +KIND +WORKFLOW +EXECUTION +QUEUED AT +REASON +FAILED STEPS$/);
    for (const call of [first, second]) {
      const line = lines.find((text) => text.startsWith(call?.jobId ?? '?')) ?? '';
      expect(line).toContain(`failed-run  lead      ${call?.executionId}`);
      expect(line).toContain('The lead workflow stopped at a step it cannot do without.');
      expect(line).toMatch(/lead\.CheckCrmForDuplicate$/);
    }
    expect(lines.at(-1)).toBe('2 jobs in the queue.');
    expect(queuedIds().sort()).toEqual([first?.jobId, second?.jobId].sort());
  });

  it('says so when the queue is empty', async () => {
    const { code, out } = await run(['list']);

    expect(code).toBe(0);
    expect(out).toBe('The manual processing queue is empty.\n');
  });
});

describe('npm run queue -- show', () => {
  it('prints one job in full, found by its job id or its message id', async () => {
    const [call] = await queuedFailures('show@initrode.example');
    const messageId = manualQueueMessages(stack)[0]?.messageId ?? '';

    const byJob = await run(['show', call?.jobId ?? '']);
    const byMessage = await run(['show', messageId]);

    expect(byJob.code).toBe(0);
    expect(byJob.out).toContain(`Job ${call?.jobId}\n`);
    expect(byJob.out).toContain(
      '  Reason       The lead workflow stopped at a step it cannot do without.',
    );
    expect(byJob.out).toContain(`  SQS message  ${messageId}`);
    expect(byJob.out).toContain('  Admin told   chat, email');
    expect(byJob.out).toMatch(
      / {2}Failed steps\n {4}lead\.CheckCrmForDuplicate: ServiceUnavailableError: hubspot answered 503\n {6}4 attempts, \S+Z to \S+Z\n/,
    );
    expect(byJob.out).toMatch(
      / {2}Fallback\n {4}fallback-contact +failed: ServiceUnavailableError\n/,
    );
    const json = JSON.parse(byJob.out.slice(byJob.out.indexOf('\n{'))) as ManualJob;
    expect(json).toMatchObject({ jobId: call?.jobId, executionId: call?.executionId });
    expect(byMessage.out).toBe(byJob.out);
    expect(queuedIds()).toEqual([call?.jobId]);
  });

  it('names the id it could not find and points to list, with exit code 1', async () => {
    const [call] = await queuedFailures('missing@initrode.example');

    const { code, out, err } = await run(['show', 'job_000000000000000000000000']);

    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(
      /^No job job_000000000000000000000000 in the manual queue of the local stack \(.+stack\.json\); npm run queue -- list shows the jobs there\.\n$/,
    );
    expect(queuedIds()).toEqual([call?.jobId]);
  });
});

describe('npm run queue -- replay', () => {
  it('completes a call once the CRM is back, deletes the job and creates the contact once', async () => {
    const [call] = await queuedFailures('replay@initrode.example');
    expect(await executionStatus(stack, call?.executionId ?? '')).toBe('accepted');

    const { code, out } = await run(['replay', call?.jobId ?? '']);

    expect(code).toBe(0);
    expect(out).toBe(
      `${call?.jobId} (lead, ${call?.executionId}) ran: completed.\nDeleted it from the queue.\n`,
    );
    expect(await executionStatus(stack, call?.executionId ?? '')).toBe('completed');
    expect(manualQueueMessages(stack)).toHaveLength(0);
    expect(contactCreations(stack)).toHaveLength(1);
    expect(await readAuditTrail(call?.executionId ?? '')).toContainEqual(
      expect.objectContaining({
        actor: expect.stringMatching(/^operator:/),
        action: 'job.replayed',
        detail: expect.objectContaining({ jobId: call?.jobId }),
      }),
    );
  });

  it('takes a second job of a call that a replay completed off the queue as already completed', async () => {
    const [call] = await queuedFailures('twice@initrode.example');
    const swept = { ...jobAt(0), jobId: 'job_swept', kind: 'execution-ended' as const };
    await queueJob({ ...swept, queuedAt: queuedAfter(jobAt(0), 1) });
    await run(['replay', call?.jobId ?? '']);

    const { code, out } = await run(['replay', 'job_swept']);

    expect(code).toBe(0);
    expect(out).toBe(
      `job_swept (lead, ${call?.executionId}) already completed: nothing to do.\n` +
        'Deleted it from the queue.\n',
    );
    expect(manualQueueMessages(stack)).toHaveLength(0);
    expect(contactCreations(stack)).toHaveLength(1);
  });

  it('leaves a job it cannot replay in the queue, says why, and exits 1', async () => {
    const [call] = await queuedFailures('unknown-flow@initrode.example');
    const job = jobAt(0);
    await purgeManualQueue(stack);
    await queueJob({ ...job, workflow: 'retired' });

    const { code, out } = await run(['replay', call?.jobId ?? '']);

    expect(code).toBe(1);
    expect(out).toContain('error: No state machine is configured for the retired workflow.');
    expect(out).toContain('It stays in the queue: the replay did not get through');
    expect(queuedIds()).toEqual([call?.jobId]);
  });

  it('replays every job with --all, one at a time, with progress and a summary', async () => {
    const calls = await queuedFailures('all-1@initrode.example', 'all-2@initrode.example');
    // Two more jobs, queued after those: another of the first call's, and one of a retired flow.
    const latest = jobAt(1);
    const swept = { ...jobAt(0), jobId: 'job_swept', kind: 'execution-ended' as const };
    await queueJob({ ...swept, queuedAt: queuedAfter(latest, 1) });
    const retired = { ...latest, jobId: 'job_retired', workflow: 'retired' };
    await queueJob({ ...retired, queuedAt: queuedAfter(latest, 2) });

    const { code, out, err } = await run(['replay', '--all']);

    expect(err.trim().split('\n')).toEqual([
      `[1/4] ${calls[0]?.jobId} lead ran: completed`,
      `[2/4] ${calls[1]?.jobId} lead ran: completed`,
      '[3/4] job_swept lead already completed: nothing to do',
      '[4/4] job_retired retired error: No state machine is configured for the retired workflow',
    ]);
    expect(out).toBe(
      '4 jobs: 2 replayed, 1 already completed, 0 still queued, 1 error.\n' +
        'Error: job_retired: No state machine is configured for the retired workflow\n',
    );
    expect(code).toBe(1);
    expect(queuedIds()).toEqual(['job_retired']);
    for (const call of calls)
      expect(await executionStatus(stack, call.executionId)).toBe('completed');
    expect(contactCreations(stack)).toHaveLength(2);
  });
});

describe('npm run queue -- discard', () => {
  it('deletes a job after printing what it was, given --yes', async () => {
    const [call] = await queuedFailures('discard@initrode.example');

    const { code, out } = await run(['discard', call?.jobId ?? '', '--yes']);

    expect(code).toBe(0);
    expect(out).toContain(`Job ${call?.jobId}\n`);
    expect(out).toContain(`\nDiscarded ${call?.jobId} (lead, ${call?.executionId}).\n`);
    expect(manualQueueMessages(stack)).toHaveLength(0);
    expect(await readAuditTrail(call?.executionId ?? '')).toContainEqual(
      expect.objectContaining({
        actor: expect.stringMatching(/^operator:/),
        action: 'job.discarded',
        detail: { jobId: call?.jobId, kind: 'failed-run' },
      }),
    );
  });

  it('refuses without --yes when nobody at a terminal can confirm, touching nothing', async () => {
    const [call] = await queuedFailures('no-yes@initrode.example');
    stack.sqs.reset();

    const { code, err } = await run(['discard', call?.jobId ?? '']);

    expect(code).toBe(2);
    expect(err).toContain(
      `Not discarding ${call?.jobId}: standard input is not a terminal, so nobody can confirm; pass --yes.`,
    );
    const targets = stack.sqs.requests().map((request) => request.headers['x-amz-target']);
    expect(targets.filter((target) => target !== 'AmazonSQS.GetQueueAttributes')).toEqual([]);
    expect(queuedIds()).toEqual([call?.jobId]);
  });

  it('asks at a terminal, and keeps the job unless the answer is yes', async () => {
    const [call] = await queuedFailures('ask@initrode.example');
    const id = call?.jobId ?? '';
    const no = capturedIo(true);
    no.answers.push('n');
    const yes = capturedIo(true);
    yes.answers.push('y');

    const kept = await run(['discard', id], no);
    const keptIds = queuedIds();
    const discarded = await run(['discard', id], yes);

    expect(kept.code).toBe(1);
    expect(kept.out).toContain(`Discard ${id} for good? [y/N] \nKept ${id} in the queue.\n`);
    expect(keptIds).toEqual([id]);
    expect(discarded.code).toBe(0);
    expect(manualQueueMessages(stack)).toHaveLength(0);
  });
});
