/**
 * Runs a call's workflow at most once, however often and however concurrently it is delivered:
 * the first delivery claims the call record and runs; the others wait for its outcome.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { recordAudit } from '../core/audit-trail';
import {
  awaitOutcome,
  claimCall,
  readCall,
  recordOutcome,
  releaseCall,
} from '../core/call-records';
import { HttpError } from '../core/errors';
import { type ManualJob, manualJobId, manualQueueUrl, queueManualJob } from '../core/manual-queue';
import { countMetric } from '../core/metrics';
import type { WorkflowOutcome } from '../core/outcome';
import { handedOverOutcome } from '../core/outcome';
import { indexCall } from '../privacy/person-index';
import { runWorkflow } from './run-workflow';

export interface OnceRun {
  table: string;
  ttlSeconds: number;
  executionId: string;
  fingerprint: string;
  /** The caller's normalised e-mail key, for data-protection requests. */
  emailKey: string;
  /** The caller's marketing consent, when the agent asked: recorded in the audit trail. */
  marketingConsent?: boolean | undefined;
  workflow: string;
  stateMachineArn: string;
  receivedAt: number;
  deadlineMs: number;
  input: unknown;
  log: Logger;
}

export class KeyReusedError extends HttpError {
  constructor() {
    super(
      409,
      'This Idempotency-Key or webhook-id was already used for a different call; send a new one.',
    );
  }
}

/** The outcome (and when that call was received), or no outcome while the run goes on. */
export async function runOnce(
  run: OnceRun,
): Promise<{ outcome: WorkflowOutcome | undefined; receivedAt: number }> {
  const { table, executionId, log } = run;
  const claimed = await claimCall(
    table,
    {
      executionId,
      flow: run.workflow,
      receivedAt: run.receivedAt,
      fingerprint: run.fingerprint,
      input: run.input,
    },
    run.ttlSeconds,
  );

  if (!claimed) {
    const existing = await readCall(table, executionId);
    if (existing && existing.fingerprint !== run.fingerprint) throw new KeyReusedError();
    log.info('Repeated delivery joins the existing execution');
    const record = existing?.outcome
      ? existing
      : await awaitOutcome(table, executionId, run.deadlineMs);
    return { outcome: record?.outcome, receivedAt: record?.receivedAt ?? run.receivedAt };
  }

  log.info('Call accepted, starting workflow');
  const [outcome] = await Promise.all([
    runWorkflow(run).catch(async (error: unknown) => {
      log.error('Workflow could not be started', { error });
      return queueUnstartedCall(run, error);
    }),
    recordAudit(
      executionId,
      { actor: 'caller', action: 'call.accepted', detail: { workflow: run.workflow } },
      { actor: 'system', action: 'execution.started', detail: { run: executionId } },
      ...(run.marketingConsent === undefined
        ? []
        : [
            {
              actor: 'caller',
              action: 'consent.recorded' as const,
              detail: { marketing: run.marketingConsent },
            },
          ]),
    ),
    indexCall(table, run.emailKey, executionId),
  ]);
  if (!outcome) log.info('Time budget ran out, the workflow goes on');
  if (outcome?.status !== 'failed') return { outcome, receivedAt: run.receivedAt };

  // A failed run records why before it fails; only a run that died outside its catchers has not.
  const stored = (await readCall(table, executionId))?.outcome;
  if (stored) return { outcome: stored, receivedAt: run.receivedAt };
  await recordOutcome(table, executionId, outcome);
  return { outcome, receivedAt: run.receivedAt };
}

/**
 * A workflow that could not be started goes to the manual queue, and the caller hears that a
 * colleague takes over. Only when even the queue fails is the call given back (503), so that
 * the platform's retry can deliver it again.
 */
async function queueUnstartedCall(run: OnceRun, cause: unknown): Promise<WorkflowOutcome> {
  const { table, executionId, workflow, log } = run;
  const job: ManualJob = {
    jobId: manualJobId(executionId, workflow, executionId),
    kind: 'not-started',
    workflow,
    executionId,
    run: executionId,
    reason: `The intake could not start the ${workflow} workflow.`,
    failedSteps: [],
    error: cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause),
    receivedAt: run.receivedAt,
    queuedAt: new Date().toISOString(),
    adminNotified: [],
    input: run.input,
  };
  try {
    await queueManualJob(manualQueueUrl(), job);
  } catch (error) {
    log.error('Call could not be queued either', { error });
    await releaseCall(table, executionId);
    throw new HttpError(503, 'The workflow could not be started; send the call again.', {
      retry_after_seconds: 2,
    });
  }
  countMetric('ManualJobsQueued', { Workflow: workflow, Kind: job.kind });
  await recordAudit(executionId, {
    actor: 'system',
    action: 'job.queued',
    detail: { jobId: job.jobId, kind: job.kind },
  });
  log.warn('Call handed to the manual processing queue', { jobId: job.jobId });
  const outcome = handedOverOutcome(job, run.receivedAt);
  await recordOutcome(table, executionId, outcome);
  return outcome;
}
