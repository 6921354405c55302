/**
 * Runs a call's workflow at most once, however often and however concurrently it is delivered:
 * the first delivery claims the call record and runs; the others wait for its outcome.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import {
  awaitOutcome,
  claimCall,
  readCall,
  recordOutcome,
  releaseCall,
} from '../core/call-records';
import { HttpError } from '../core/errors';
import type { WorkflowOutcome } from '../core/outcome';
import { runWorkflow } from './run-workflow';

export interface OnceRun {
  table: string;
  ttlSeconds: number;
  executionId: string;
  fingerprint: string;
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
    { executionId, flow: run.workflow, receivedAt: run.receivedAt, fingerprint: run.fingerprint },
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
  const outcome = await runWorkflow(run).catch(async (error: unknown) => {
    log.error('Workflow could not be started', { error });
    await releaseCall(table, executionId);
    throw new HttpError(503, 'The workflow could not be started; send the call again.', {
      retry_after_seconds: 2,
    });
  });
  if (!outcome) log.info('Time budget ran out, the workflow goes on');
  if (outcome?.status !== 'failed') return { outcome, receivedAt: run.receivedAt };

  // A failed run records why before it fails; only a run that died outside its catchers has not.
  const stored = (await readCall(table, executionId))?.outcome;
  if (stored) return { outcome: stored, receivedAt: run.receivedAt };
  await recordOutcome(table, executionId, outcome);
  return { outcome, receivedAt: run.receivedAt };
}
