/**
 * What happens after the last try: the admin is told (chat and e-mail), the workflow's fallback
 * direct calls run where it has them, and the whole job goes to the manual processing queue.
 * Each of these happens once per run, however often the Task that hands over is retried.
 */
import { chat, mailer } from '../lead/connections';
import { recordAudit } from './audit-trail';
import { logger } from './logger';
import {
  MANUAL_JOB_KINDS,
  type ManualJob,
  type ManualJobKind,
  manualJobId,
  manualQueueUrl,
  queueManualJob,
} from './manual-queue';
import { countMetric } from './metrics';
import type { WorkflowOutcome } from './outcome';
import { onceForStep } from './outside-step';
import { type FailedStep, failedSteps } from './step-ledger';
import { workflowConfig } from './workflow-config';

export interface HandOverRequest {
  kind: ManualJobKind;
  workflow: string;
  executionId: string;
  run: string;
  reason: string;
  error?: string;
  receivedAt?: number;
  input: unknown;
  /** The workflow's fallback direct calls by what they do; each answers what it achieved. */
  fallback?: Record<string, () => Promise<string>>;
}

/** Runs `work` once, and says how it went instead of failing: these are the last resorts. */
async function lastResort(work: () => Promise<string>): Promise<string> {
  try {
    return await work();
  } catch (error) {
    return `failed: ${error instanceof Error ? error.name : 'error'}`;
  }
}

export async function handOver(request: HandOverRequest): Promise<ManualJob> {
  const { executionId, workflow, run } = request;
  const jobId = manualJobId(executionId, workflow, run);
  // The notice and the job once per run: a replay that fails again is a job of its own. The
  // fallback once per call: the team already has the call from the first time.
  const subStep = (name: string) => ({ name: `${workflow}.HandOver.${name}@${run}`, run });
  const fallbackStep = (name: string) => ({ name: `${workflow}.HandOver.${name}`, run });
  const failed = await failedSteps(executionId, workflow, run);
  const fallbacks = Object.entries(request.fallback ?? {});

  const [fallbackResults, adminNotified] = await Promise.all([
    Promise.all(
      fallbacks.map(async ([what, call]) => {
        const result = await lastResort(() => onceForStep(executionId, fallbackStep(what), call));
        return [what, result] as const;
      }),
    ),
    notifyAdmin({ ...request, jobId, failed }, subStep),
  ]);
  if (fallbacks.length > 0) countMetric('Fallbacks', { Workflow: workflow });

  const job: ManualJob = {
    jobId,
    kind: request.kind,
    workflow,
    executionId,
    run,
    reason: request.reason,
    failedSteps: failed,
    ...(request.error ? { error: request.error } : {}),
    ...(request.receivedAt ? { receivedAt: request.receivedAt } : {}),
    queuedAt: new Date().toISOString(),
    ...(fallbacks.length > 0 ? { fallback: Object.fromEntries(fallbackResults) } : {}),
    adminNotified,
    input: request.input,
  };
  await onceForStep(executionId, subStep('queue'), async () => {
    const queued = await queueManualJob(manualQueueUrl(), job);
    countMetric('ManualJobsQueued', { Workflow: workflow, Kind: request.kind });
    await recordAudit(executionId, {
      actor: 'system',
      action: 'job.queued',
      detail: { jobId, kind: request.kind, failedSteps: failed.length },
    });
    return queued;
  });
  logger.warn('Job handed to the manual processing queue', {
    executionId,
    workflow,
    jobId,
    kind: request.kind,
    failedSteps: failed.map((step) => step.step),
  });
  return job;
}

interface AdminNotice extends HandOverRequest {
  jobId: string;
  failed: FailedStep[];
}

/** The admin's notice: ids, steps and errors, never the caller's personal data. */
export function adminNoticeText(notice: AdminNotice): { subject: string; text: string } {
  const headline = MANUAL_JOB_KINDS[notice.kind];
  const steps = notice.failed.map(
    (step) =>
      `- ${step.step}: ${step.error} (${step.attempts} attempt${step.attempts === 1 ? '' : 's'},` +
      ` ${step.firstAttemptAt} to ${step.lastAttemptAt})`,
  );
  const text = [
    `${headline}: ${notice.reason}`,
    '',
    `Workflow: ${notice.workflow}`,
    `Execution: ${notice.executionId} (run ${notice.run})`,
    ...(notice.error ? [`Error: ${notice.error}`] : []),
    ...(steps.length > 0 ? ['Failed steps:', ...steps] : []),
    '',
    `Job ${notice.jobId} is in the manual processing queue.`,
    `Inspect it: npm run queue -- show ${notice.jobId}`,
    `Replay it:  npm run queue -- replay ${notice.jobId}`,
  ].join('\n');
  return {
    subject: `[Manual processing] ${headline} (${notice.workflow}, ${notice.executionId})`,
    text,
  };
}

async function notifyAdmin(
  notice: AdminNotice,
  subStep: (name: string) => { name: string; run: string },
): Promise<string[]> {
  const { admin } = workflowConfig();
  const { subject, text } = adminNoticeText(notice);
  const sent = await Promise.all([
    lastResort(() =>
      onceForStep(notice.executionId, subStep('notify-admin-chat'), async () => {
        await chat().postMessage({ channel: admin.channel, text: `${subject}\n${text}` });
        return 'chat';
      }),
    ),
    lastResort(() =>
      onceForStep(notice.executionId, subStep('notify-admin-email'), async () => {
        await mailer().send({
          to: admin.email,
          subject,
          text,
          headers: { 'X-Execution-Id': notice.executionId, 'X-Template': 'manual-processing' },
        });
        return 'email';
      }),
    ),
  ]);
  return sent.filter((channel) => channel === 'chat' || channel === 'email');
}

/** The Step Functions run a Task belongs to, as the ASL passes it (`$$.Execution`). */
export interface RunRef {
  name: string;
  input: unknown;
}

/**
 * A run that finished with steps failed for good hands those steps over: the answer stays what
 * it is (partial), and says where the rest went.
 */
export async function handOverFailedSteps(
  outcome: WorkflowOutcome,
  state: { executionId: string; receivedAt?: number; run?: RunRef },
  workflow: string,
): Promise<WorkflowOutcome> {
  const { run } = state;
  if (!run || (outcome.status !== 'partial' && outcome.highlights.failedChannels.length === 0)) {
    return outcome;
  }
  const job = await handOver({
    kind: 'failed-steps',
    workflow,
    executionId: state.executionId,
    run: run.name,
    reason: `The ${workflow} workflow finished, but some of its steps failed for good.`,
    ...(state.receivedAt ? { receivedAt: state.receivedAt } : {}),
    input: run.input,
  });
  return {
    ...outcome,
    results: { ...outcome.results, manual_processing: { job_id: job.jobId, reason: job.kind } },
    warnings: [
      ...outcome.warnings,
      'The steps that failed were handed to a colleague through the manual processing queue.',
    ],
  };
}
