import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stepFunctions } from '../../functions/aws/step-functions';
import { claimCall, readCall } from '../../functions/core/call-records';
import { resetConfig } from '../../functions/core/config';
import type { ManualJob } from '../../functions/core/manual-queue';
import { replayJob } from '../../functions/core/replay-job';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { eventually, postCall, sampleCall } from '../helpers/calls';
import { highValueCall } from '../helpers/high-value';
import { takeJobs } from '../helpers/manual-queue';

let stack: LocalStack;
let settings: NodeJS.ProcessEnv;

beforeAll(async () => {
  stack = await startLocalStack({ timeScale: 0.001, env: { CONNECTOR_TIMEOUT_MS: '300' } });
  settings = { ...process.env };
});
afterAll(() => stack.stop());
beforeEach(async () => {
  for (const standin of [stack.hubspot, stack.slack, stack.enrichment, stack.ses, stack.sns]) {
    standin.reset();
  }
  stack.metrics.clear();
  await takeJobs(stack);
});
afterEach(() => {
  Object.assign(process.env, settings);
  resetConfig();
});

const replayTarget = () => ({
  callsTable: 'calls',
  stateMachines: {
    lead: process.env.LEAD_STATE_MACHINE_ARN,
    'high-value': process.env.HIGH_VALUE_STATE_MACHINE_ARN,
  },
  ttlSeconds: 86_400,
});
const call = (email: string) => sampleCall({ conversation_context: { customer_email: email } });
const chatPosts = () => stack.slack.requests({ path: '/api/chat.postMessage' });

describe('retries', () => {
  it('waits out a 429 Retry-After before trying again, though the backoff is shorter', async () => {
    stack.slack.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 2, times: 1 });

    const answer = await postCall(stack.apiUrl, call('retry-after@initrode.example'));

    expect(answer.body.status).toBe('completed');
    const [refused = 0, accepted = 0] = chatPosts().map((request) => Date.parse(request.at));
    expect(accepted - refused).toBeGreaterThanOrEqual(1950);
    expect(stack.metrics.total('StepRetries', { Workflow: 'lead' })).toBe(1);
    expect(stack.metrics.total('StepAttempts', { Workflow: 'lead' })).toBeGreaterThan(5);
  });

  it('never retries a request the service refuses as it stands', async () => {
    stack.slack.injectFault({ kind: 'status', status: 400, times: 'always' });

    const answer = await postCall(stack.apiUrl, call('refused@initrode.example'));

    expect(answer.body.status).toBe('partial');
    // The team's message once, and the admin's notice once.
    expect(chatPosts()).toHaveLength(2);
    const [job] = await takeJobs(stack);
    expect(job?.failedSteps).toEqual([
      expect.objectContaining({ step: 'lead.NotifyTeamChat', attempts: 1 }),
    ]);
    expect(stack.metrics.total('StepRetries')).toBe(0);
    // The team's message and the admin's notice in the chat both failed for good.
    expect(stack.metrics.total('StepFailures', { Workflow: 'lead' })).toBe(2);
    expect(stack.metrics.total('ManualJobsQueued', { Kind: 'failed-steps' })).toBe(1);
    expect(stack.metrics.total('CallsAnswered', { Workflow: 'lead', Status: 'partial' })).toBe(1);
    const [answerTime] = stack.metrics.points().filter((point) => point.name === 'AnswerTime');
    expect(answerTime).toMatchObject({ unit: 'Milliseconds', dimensions: { Workflow: 'lead' } });
  });
});

describe('failures outside the workflows', () => {
  it('queues a call whose workflow cannot be started, answers accepted, and replays it', async () => {
    const leadMachine = process.env.LEAD_STATE_MACHINE_ARN ?? '';
    process.env.LEAD_STATE_MACHINE_ARN = `${leadMachine}-gone`;
    resetConfig();

    const answer = await postCall(stack.apiUrl, call('not-started@initrode.example'));

    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('accepted');
    expect(answer.body.message).toMatch(/passed them to a colleague/);
    const [job] = await takeJobs(stack);
    expect(job).toMatchObject({
      kind: 'not-started',
      workflow: 'lead',
      executionId: answer.body.execution_id,
      error: expect.stringMatching(/^StateMachineDoesNotExist/),
      input: { executionId: answer.body.execution_id, call: { intent: 'sales' } },
    });
    expect(stack.metrics.total('ManualJobsQueued', { Kind: 'not-started' })).toBe(1);

    process.env.LEAD_STATE_MACHINE_ARN = leadMachine;
    resetConfig();
    expect(await replayJob(job as ManualJob, replayTarget())).toMatchObject({
      result: 'ran',
      status: 'completed',
    });
    expect(stack.hubspot.store.contactByEmail('not-started@initrode.example')).toBeDefined();
  });

  it('hands over a call whose run never recorded an outcome, keeping its input till then', async () => {
    const executionId = 'exec_0123456789abcdef0123456789abcdef';
    const input = { executionId, workflow: 'lead', receivedAt: Date.now() - 600_000 };
    await claimCall(
      'calls',
      { executionId, flow: 'lead', receivedAt: input.receivedAt, fingerprint: 'f', input },
      3600,
    );
    const fresh = 'exec_fedcba9876543210fedcba9876543210';
    await claimCall(
      'calls',
      { executionId: fresh, flow: 'lead', receivedAt: Date.now(), fingerprint: 'f', input: {} },
      3600,
    );

    const overlapping = await Promise.all([stack.sweep(), stack.sweep()]);
    const later = await stack.sweep();

    const [job, ...others] = await takeJobs(stack);
    expect(others).toEqual([]);
    expect(overlapping.flat()).toEqual([job?.jobId]);
    expect(later).toEqual([]);
    expect(job).toMatchObject({ kind: 'execution-ended', executionId, input });
    const record = await readCall('calls', executionId);
    expect(record?.outcome?.status).toBe('accepted');
    expect(record?.input).toBeUndefined();
    expect((await readCall('calls', fresh))?.outcome).toBeUndefined();
  });

  it('hands over a Standard execution that was stopped, as EventBridge reports it', async () => {
    const answer = await postCall(
      stack.apiUrl,
      highValueCall(stack, 'stopped@acme-industries.example'),
    );
    expect(answer.body.status).toBe('pending_approval');
    const executionArn = `${process.env.HIGH_VALUE_STATE_MACHINE_ARN?.replace(':stateMachine:', ':execution:')}:${answer.body.execution_id}`;

    await stepFunctions().send(new StopExecutionCommand({ executionArn }));

    const jobs = await eventually(async () => {
      const taken = await takeJobs(stack);
      return taken.length > 0 ? taken : undefined;
    });
    expect(jobs).toEqual([
      expect.objectContaining({
        kind: 'execution-ended',
        workflow: 'high-value',
        executionId: answer.body.execution_id,
        reason: 'The high-value run ended aborted before it finished.',
      }),
    ]);
    expect(jobs[0]?.adminNotified).toEqual(['chat', 'email']);

    const replayed = await replayJob(jobs[0] as ManualJob, replayTarget());
    const again = await replayJob(jobs[0] as ManualJob, replayTarget());
    expect(replayed).toEqual({
      result: 'started',
      executionName: `${answer.body.execution_id}-replay-1`,
    });
    expect(again).toEqual({ result: 'busy' });
    for (const execution of stack.stepFunctions.executions.values()) {
      if (execution.name === `${answer.body.execution_id}-replay-1`) execution.discard();
    }
  });

  it('starts a stopped SLA watch again on replay, leaving the support call’s answer as it is', async () => {
    const answer = await postCall(
      stack.apiUrl,
      sampleCall({
        conversation_context: {
          customer_email: 'watch@initrode.example',
          detected_intent: 'support',
          conversation_summary: 'Since this morning every outbound call fails with error SIP 503.',
        },
      }),
      { flow: 'support' },
    );
    expect(answer.body.status).toBe('completed');
    const watchArn = `${process.env.SLA_WATCH_STATE_MACHINE_ARN?.replace(':stateMachine:', ':execution:')}:sla-${answer.body.execution_id}`;

    await stepFunctions().send(new StopExecutionCommand({ executionArn: watchArn }));
    const [job] = await eventually(async () => {
      const taken = await takeJobs(stack);
      return taken.length > 0 ? taken : undefined;
    });
    const replayed = await replayJob(job as ManualJob, {
      ...replayTarget(),
      stateMachines: { 'sla-watch': process.env.SLA_WATCH_STATE_MACHINE_ARN },
    });

    expect(job).toMatchObject({ kind: 'execution-ended', workflow: 'sla-watch' });
    expect(replayed).toMatchObject({ result: 'started' });
    const restarted = [...stack.stepFunctions.executions.values()].filter((execution) =>
      execution.name.startsWith(`sla-${answer.body.execution_id}-replay-`),
    );
    expect(restarted.map((execution) => execution.status)).toEqual(['RUNNING']);
    expect((await readCall('calls', String(answer.body.execution_id)))?.outcome?.status).toBe(
      'completed',
    );
    for (const execution of restarted) execution.discard();
  });

  it('queues a new job when a replay fails again, and tells the admin again', async () => {
    stack.hubspot.injectFault({ kind: 'status', status: 503, times: 'always' });
    const answer = await postCall(stack.apiUrl, call('still-down@initrode.example'));
    const [first] = await takeJobs(stack);
    stack.ses.reset();

    const replayed = await replayJob(first as ManualJob, replayTarget());

    expect(answer.body.status).toBe('accepted');
    expect(replayed).toMatchObject({ result: 'ran', status: 'accepted' });
    const [second, ...others] = await takeJobs(stack);
    expect(others).toEqual([]);
    expect(second).toMatchObject({
      kind: 'failed-run',
      run: `${answer.body.execution_id}-replay-1`,
      failedSteps: [{ step: 'lead.CheckCrmForDuplicate', attempts: 4 }],
    });
    expect(second?.jobId).not.toBe(first?.jobId);
    // The admin hears of the second job; the sales team, which has the call, is not told twice.
    expect(stack.ses.messages().map((message) => message.subject)).toEqual([
      `[Manual processing] The workflow failed (lead, ${answer.body.execution_id})`,
    ]);
  });

  it('leaves a call with a person when its replay cannot even start', async () => {
    stack.hubspot.injectFault({ kind: 'status', status: 503, times: 'always' });
    const answer = await postCall(stack.apiUrl, call('no-replay@initrode.example'));
    const [job] = await takeJobs(stack);

    const replay = replayJob(job as ManualJob, {
      ...replayTarget(),
      stateMachines: { lead: `${process.env.LEAD_STATE_MACHINE_ARN}-gone` },
    });

    await expect(replay).rejects.toThrow(/State Machine Does Not Exist/);
    const record = await readCall('calls', String(answer.body.execution_id));
    expect(record?.outcome?.status).toBe('accepted');
    expect(record?.outcome?.results).toEqual({
      manual_processing: { job_id: job?.jobId, reason: 'failed-run' },
    });
  });
});
